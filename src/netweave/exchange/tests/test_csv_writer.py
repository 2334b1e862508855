"""The CSV export: safe to open in a spreadsheet, laid out as Google Contacts reads it, and read back whole by
our Google CSV importer."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings as hsettings
from hypothesis import strategies as st

from netweave.exchange.csv_writer import FORMULA_STARTS, escape_cell, unescape_cell, write_csv
from netweave.importers.csvfiles import GoogleCsvImporter
from netweave.importers.csvread import read_table
from netweave.importers.records import PersonRecord
from netweave.people.normalize import clean_text

DANGEROUS = ["=1+1", "+44 20 7946 0000", "-2", "@SUM(A1)", "\tx", "\rx"]


def export(records: list[dict]) -> str:
    out = io.StringIO()
    assert write_csv(records, out) == len(records)
    return out.getvalue()


def import_back(text: str, tmp_path: Path) -> list[dict]:
    path = tmp_path / "netweave.csv"
    path.write_bytes(text.encode("utf-8"))
    records = list(GoogleCsvImporter().read(path))
    assert all(isinstance(r, PersonRecord) for r in records)
    return [r.data for r in records]


# ------------------------------------------------------------------------------------------ escaping


def test_every_cell_a_spreadsheet_would_run_gets_an_apostrophe():
    for value in DANGEROUS:
        assert escape_cell(value) == "'" + value
    assert escape_cell("Ana") == "Ana" and escape_cell("") == "" and escape_cell("O'Neil") == "O'Neil"


def test_an_apostrophe_is_doubled_only_where_reading_back_would_take_it_off():
    assert escape_cell("'t Hooft") == "'t Hooft"
    assert escape_cell("'=x") == "''=x" and unescape_cell("''=x") == "'=x"
    assert escape_cell("''") == "'''" and unescape_cell("'''") == "''"
    assert escape_cell("'") == "'" and unescape_cell("'") == "'"


@given(st.text())
def test_unescaping_gives_back_exactly_what_was_escaped(value):
    escaped = escape_cell(value)
    assert unescape_cell(escaped) == value
    assert escaped[:1] not in FORMULA_STARTS


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")),
                min_size=1, max_size=6))
def test_any_cells_survive_writing_and_reading_the_csv(cells):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f"c{i}" for i in range(len(cells))])
    writer.writerow([escape_cell(c) for c in cells])
    table = read_table(out.getvalue())
    (row,) = list(table.rows)
    assert [unescape_cell(c) for c in row.cells] == cells


# ------------------------------------------------------------------------------------------- layout


def test_the_file_opens_with_googles_header_a_bom_and_escaped_cells(tmp_path):
    text = export([{"display_name": "Ana Lima", "given_name": "Ana", "family_name": "Lima",
                    "phones": [{"number": "+44 20 7946 0000", "label": "mobile"}]}])
    assert text.startswith("\ufeffFirst Name,Middle Name,Last Name,")
    header = text.splitlines()[0]
    for column in ("E-mail 1 - Label", "Phone 1 - Value", "Address 1 - Postal Code", "Website 1 - Value", "Labels",
                   "netweave Display Name", "netweave Extra"):
        assert column in header
    assert ",'+44 20 7946 0000," in text
    path = tmp_path / "out.csv"
    path.write_text(text, encoding="utf-8")
    assert GoogleCsvImporter.sniff(path, path.read_bytes()[:4096])


def test_the_columns_widen_to_the_person_with_most_values():
    text = export([
        {"display_name": "Ana", "emails": [{"address": f"a{n}@example.com", "label": ""} for n in range(3)]},
        {"display_name": "Bo", "urls": [{"url": "bo.example.com", "label": ""}] * 2},
    ])
    header = text.splitlines()[0]
    assert "E-mail 3 - Value" in header and "E-mail 4 - Value" not in header
    assert "Website 2 - Value" in header and "Phone 1 - Value" in header and "Phone 2 - Value" not in header


def test_the_organisation_is_the_open_role_that_started_last(tmp_path):
    record = {"display_name": "Ana", "affiliations": [
        {"organisation": "Old Co", "title": "Intern", "start": "2010-01-01", "end": "2012-01-01"},
        {"organisation": "Board Club", "title": "Member", "start": "2015-01-01", "end": None},
        {"organisation": "Acme", "title": "CTO", "start": "2020-03-01", "end": None},
    ]}
    (data,) = import_back(export([record]), tmp_path)
    assert (data["organisation"], data["title"]) == ("Acme", "CTO")
    assert [a["organisation"] for a in data["extra"]["netweave"]["affiliations"]] == ["Old Co", "Board Club", "Acme"]


# ------------------------------------------------------------------------------------- round trips


def test_a_person_from_the_database_comes_back_whole(alice, origin, tmp_path):
    from netweave.exchange.export import person_record
    from netweave.people.services import create_person
    from netweave.people.validation import clean_person

    given = {
        "display_name": "=Dr. Ana Lima", "prefix": "Dr.", "given_name": "=Ana", "family_name": "-Lima", "suffix": "",
        "nickname": "@aninha", "pronouns": "she/her", "location": "Lisbon", "met_how": "+ at PyCon",
        "notes": "=HYPERLINK(\"http://evil\")\n\nsecond line",
        "emails": [{"address": "ana@example.com", "label": "home"}, {"address": "-ana@work.example", "label": "Assistant"}],
        "phones": [{"number": "+44 20 7946 0000", "label": "mobile"}, {"number": "020 7946 0958", "label": "work"}],
        "urls": [{"url": "https://www.linkedin.com/in/ana-lima/", "label": "linkedin"}],
        "addresses": [{"label": "home", "street": "Rua Augusta 1", "locality": "Lisboa", "region": "Lisboa",
                       "postcode": "1100-048", "country": "Portugal", "po_box": "PO 12", "extended": "3º Esq"},
                      {"label": "work", "street": "1 Main St", "locality": "London", "region": "", "postcode": "-",
                       "country": "UK", "po_box": "", "extended": ""}],
        "tags": ["investor", "Café", "=risky"], "interests": ["opera"], "expertise": ["climate models"],
        "birthday": "1980-02-29", "organisation": "Acme", "title": "CTO", "circle": "close",
        "extra": {"vcard": {"X-CUSTOM": ["1", "2"]}},
    }
    ana = create_person(alice, given, origin=origin, allow_duplicate=True)
    bo = create_person(alice, {"display_name": "Bo Chen", "birthday": "--02-29"}, origin=origin, allow_duplicate=True)
    ana_back, bo_back = import_back(export([person_record(ana), person_record(bo)]), tmp_path)

    for field in ("display_name", "prefix", "given_name", "family_name", "nickname", "pronouns", "location", "met_how",
                  "notes", "emails", "urls", "addresses", "interests", "expertise", "birthday", "organisation", "title"):
        assert ana_back[field] == given[field], field
    assert sorted(ana_back["tags"]) == sorted(given["tags"])
    assert ana_back["phones"] == [{"number": p["number"], "label": p["label"]} for p in given["phones"]]
    assert ana_back["extra"]["vcard"] == {"X-CUSTOM": ["1", "2"]}
    assert ana_back["extra"]["netweave"]["circle"] == "close"
    assert ana_back["extra"]["netweave"]["id"] == str(ana.id)
    assert (bo_back["display_name"], bo_back["birthday"]) == ("Bo Chen", "--02-29")
    assert clean_person(alice, ana_back, partial=False)["phones"][0]["e164"] == "+442079460000"


_LETTERS = "Aa Bé'=+-@Ł王"
_names = st.text(alphabet=_LETTERS, min_size=1, max_size=12).map(clean_text).filter(bool)
_label = st.sampled_from(["", "home", "work", "mobile", "Assistant", "=x", "-old", "@desk"])
_email = st.builds(lambda local, label: {"address": f"{local}@example.com", "label": label},
                   st.from_regex(r"[=+\-a-z][a-z0-9+=\-]{0,8}", fullmatch=True), _label)
_phone = st.builds(lambda digits, label: {"number": digits, "label": label},
                   st.from_regex(r"[+\-]?[0-9]{3}( [0-9]{2,4}){0,3}", fullmatch=True), _label)
_text_block = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
_tag = st.text(alphabet="ab =+-@'", min_size=1, max_size=8).map(clean_text).filter(
    lambda t: t and not t.startswith("*"))
_birthday = st.one_of(
    st.dates().filter(lambda d: 1800 <= d.year <= 2200).map(lambda d: d.isoformat()),
    st.tuples(st.integers(1, 12), st.integers(1, 28)).map(lambda md: f"--{md[0]:02d}-{md[1]:02d}"),
)


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    given_name=_names, family_name=_names, organisation=_names, title=_names, notes=_text_block,
    emails=st.lists(_email, max_size=3, unique_by=lambda e: e["address"]), phones=st.lists(_phone, max_size=3),
    tags=st.lists(_tag, max_size=4, unique_by=str.casefold), birthday=_birthday,
)
def test_exported_people_come_back_from_google_csv_whatever_their_values_start_with(
        tmp_path, given_name, family_name, organisation, title, notes, emails, phones, tags, birthday):
    record = {"display_name": f"{given_name} {family_name}", "given_name": given_name, "family_name": family_name,
              "organisation": organisation, "title": title, "notes": notes, "emails": emails, "phones": phones,
              "tags": tags, "birthday": birthday,
              "addresses": [{"label": "home", "street": given_name, "locality": "-", "postcode": "+1", "country": "@"}]}
    (back,) = import_back(export([record]), tmp_path)
    for field in ("display_name", "given_name", "family_name", "organisation", "title", "birthday"):
        assert back[field] == record[field], field
    assert back.get("emails", []) == emails
    assert back.get("notes", "") == notes.strip()
    assert back.get("phones", []) == phones
    assert back.get("tags", []) == tags
    assert {k: back["addresses"][0][k] for k in ("street", "locality", "postcode", "country", "label")} == {
        "street": given_name, "locality": "-", "postcode": "+1", "country": "@", "label": "home"}
