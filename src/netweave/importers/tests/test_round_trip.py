"""Import, export, import into an empty home: the same people with the same values, for vCard and CSV."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage

from netweave.exchange.export import export_all
from netweave.exchange.files import export_to
from netweave.importers.records import Rejected
from netweave.importers.services import run_import
from netweave.people.models import Person

# What an address book holds, value by value; ids, times and provenance belong to the home, not the person.
COMPARED = ("display_name", "prefix", "given_name", "middle_name", "family_name", "suffix", "nickname", "pronouns",
            "birthday", "location", "met_how", "notes", "tags", "interests", "expertise", "emails", "phones", "urls",
            "addresses", "extra")


def _people(owner) -> list[dict]:
    out = []
    for record in export_all(owner)["people"]:
        person = {k: record[k] for k in COMPARED}
        # The version of the card it came in is the file's, not the person's: a 3.0 export says 3.0.
        person["extra"] = {k: ({**v, "version": None} if k == "vcard" else v) for k, v in person["extra"].items()}
        current = [a for a in record["affiliations"] if a["end"] is None]
        person["job"] = (current[0]["organisation"], current[0]["title"]) if current else None
        photo = Person.objects.get(pk=record["id"]).photo
        person["photo"] = default_storage.open(photo.name, "rb").read() if photo else None
        out.append(person)
    return sorted(out, key=lambda p: (p["display_name"], p["emails"] and p["emails"][0]["address"] or ""))


def _import_all(owner, realdata) -> int:
    imported = 0
    for path in sorted((realdata / "vcard").rglob("*.vcf")):
        try:
            run_import(owner, "vcard", path)
            imported += 1
        except Rejected:
            pass
    return imported


@pytest.mark.parametrize("fmt", ["vcard4", "vcard3"])
def test_real_address_books_survive_export_and_import_into_an_empty_home(alice, bob, realdata, tmp_path, fmt):
    assert _import_all(alice, realdata) > 40
    out = tmp_path / "export.vcf"
    with out.open("w", encoding="utf-8", newline="") as handle:
        written = export_to(alice, fmt, handle)
    assert written == Person.objects.filter(owner=alice).count()
    plan, _ = run_import(bob, "vcard", out)
    assert plan.counts()["created"] == written and plan.counts()["merged"] == 0
    mine, theirs = _people(alice), _people(bob)
    assert [p["display_name"] for p in mine] == [p["display_name"] for p in theirs]
    for before, after in zip(mine, theirs):
        assert after == before, before["display_name"]


def test_a_csv_export_comes_back_with_the_same_values(alice, bob, make_person, tmp_path):
    make_person("=Ana Lima", emails=[{"address": "ana@tidewater.org", "label": "work"}],
                phones=[{"number": "+44 20 7946 0000", "label": "mobile"}], organisation="Tidewater", title="-CTO",
                birthday="--02-29", notes="@home: likes sailing\nand tea", tags=["climate"],
                urls=["https://www.linkedin.com/in/ana-lima"],
                addresses=[{"street": "1 High St", "locality": "Leeds", "postcode": "LS1 1AA", "label": "home"}])
    out = io.StringIO(newline="")
    export_to(alice, "csv", out)
    path = tmp_path / "people.csv"
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    run_import(bob, "google", path)
    (before,), (after,) = _people(alice), _people(bob)
    for field in ("display_name", "birthday", "notes", "tags", "emails", "phones", "urls", "addresses", "job"):
        assert after[field] == before[field], field


def test_a_card_with_a_title_and_no_organisation_keeps_its_title_through_a_round_trip(alice, bob, tmp_path):
    card = tmp_path / "cy.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Doe\r\nTITLE:Founder\r\nEND:VCARD\r\n", encoding="utf-8")
    run_import(alice, "vcard", card)
    out = tmp_path / "export.vcf"
    with out.open("w", encoding="utf-8", newline="") as handle:
        export_to(alice, "vcard4", handle)
    assert "TITLE:Founder" in out.read_text(encoding="utf-8")
    run_import(bob, "vcard", out)
    assert _people(bob) == _people(alice)
    (kept,) = Person.objects.get(owner=bob).extra["unusable"]
    assert kept["field"] == "title" and kept["value"] == "Founder"
