"""vCard export: people written as 4.0 or 3.0 that the importer (and others) read back to the same values, with
every property an import kept given back as it was."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netweave.exchange.vcard_writer import write_vcards
from netweave.importers.records import PersonRecord, Rejected
from netweave.importers.vcard import VCardImporter

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(255, -1, -1)) * 8
VERSIONS = ["4.0", "3.0"]


def person(**fields) -> dict:
    """A record in `exchange.export.person_record`'s shape."""
    record = {
        "id": 1, "display_name": "Ana Lima", "prefix": "", "given_name": "Ana", "middle_name": "",
        "family_name": "Lima", "suffix": "", "nickname": "", "pronouns": "", "birthday": "", "location": "",
        "photo": "", "met_how": "", "met_at_event": None, "introduced_by": None, "circle": "", "tags": [],
        "interests": [], "expertise": [],
        "notes": "", "archived": False, "emails": [], "phones": [], "urls": [], "addresses": [], "affiliations": [],
        "extra": {}, "provenance": {}, "created_at": "2024-01-01T00:00:00+00:00",
    }
    record.update(fields)
    return record


def write(records: list[dict], version: str = "4.0", photo=lambda r: None) -> str:
    out = io.StringIO(newline="")
    assert write_vcards(records, out, version=version, photo=photo) == len(records)
    return out.getvalue()


def read_back(text: str, tmp_path: Path) -> list[PersonRecord]:
    path = tmp_path / "export.vcf"
    path.write_bytes(text.encode("utf-8"))
    return list(VCardImporter().read(path))


def as_export(record: PersonRecord) -> dict:
    """What the engine would store from an imported record, in the export shape the writer takes."""
    data = record.data
    org, title = data.get("organisation", ""), data.get("title", "")
    return person(
        display_name=data.get("display_name", ""),
        **{k: data.get(k, "") for k in ("prefix", "given_name", "middle_name", "family_name", "suffix", "nickname",
                                        "birthday", "notes")},
        tags=data.get("tags", []), emails=data.get("emails", []), urls=data.get("urls", []),
        phones=[{"number": p["number"], "e164": "", "label": p["label"]} for p in data.get("phones", [])],
        addresses=[dict(a) for a in data.get("addresses", [])],
        affiliations=[{"organisation": org, "title": title, "start": None, "end": None}] if org or title else [],
        extra=data["extra"], photo_bytes=record.photo,
    )


def modelled(record: PersonRecord) -> tuple:
    """Everything a round trip must keep: the modelled values, the kept properties, the photo, the key."""
    data = dict(record.data)
    vcard = data.pop("extra")["vcard"]
    return data, vcard["properties"], vcard.get("org"), record.photo, record.key


def lines(text: str) -> list[str]:
    assert text.endswith("\r\n")
    return text[:-2].split("\r\n")


# --- the form of what is written -------------------------------------------------------------------------------


@pytest.mark.parametrize("version", VERSIONS)
def test_it_writes_crlf_lines_folded_at_75_octets_without_splitting_a_character(version):
    text = write([person(display_name="Ünïcödé " * 30, notes="x" * 300)], version)
    physical = lines(text)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    assert all("\n" not in line and "\r" not in line for line in physical)
    assert physical[0] == "BEGIN:VCARD" and physical[1] == f"VERSION:{version}" and physical[-1] == "END:VCARD"
    assert any(line.startswith(" ") for line in physical)


def test_it_escapes_commas_semicolons_backslashes_and_newlines():
    text = write([person(display_name="Lima, Ana; the \\ one", notes="line one\r\nline two\nthree")])
    assert "FN:Lima\\, Ana\\; the \\\\ one\r\n" in text
    assert "NOTE:line one\\nline two\\nthree\r\n" in text


def test_it_drops_control_characters_that_would_make_the_file_unreadable(tmp_path):
    text = write([person(notes="bell\x07 and nul\x00 and tab\t")])
    assert "NOTE:bell and nul and tab\t\r\n" in text
    assert read_back(text, tmp_path)[0].data["notes"] == "bell and nul and tab\t"


def test_it_returns_the_number_of_cards_and_refuses_an_unknown_version():
    assert write_vcards([person(), person()], io.StringIO()) == 2
    with pytest.raises(ValueError):
        write_vcards([person()], io.StringIO(), version="2.1")


@pytest.mark.parametrize(("version", "phone_lines"), [
    ("4.0", ["TEL;TYPE=cell;PREF=1:+1 555 0100", "TEL;TYPE=home,fax:+1 555 0101", "item1.TEL:+1 555 0102",
             "item1.X-ABLabel:_$!<AssistantPhone>!$_", "item2.TEL:+1 555 0103", "item2.X-ABLabel:boat"]),
    ("3.0", ["TEL;TYPE=cell,pref:+1 555 0100", "TEL;TYPE=home,fax:+1 555 0101", "item1.TEL:+1 555 0102",
             "item1.X-ABLabel:_$!<AssistantPhone>!$_", "item2.TEL:+1 555 0103", "item2.X-ABLabel:boat"]),
])
def test_it_writes_standard_labels_as_types_and_others_as_apple_labels(version, phone_lines):
    phones = [{"number": "+1 555 0100", "e164": "", "label": "mobile"},
              {"number": "+1 555 0101", "e164": "", "label": "home fax"},
              {"number": "+1 555 0102", "e164": "", "label": "assistant"},
              {"number": "+1 555 0103", "e164": "", "label": "boat"}]
    written = lines(write([person(phones=phones)], version))
    assert [line for line in written if "TEL" in line or "X-ABLabel" in line] == phone_lines


def test_it_writes_org_and_title_of_the_current_job_only():
    jobs = [{"organisation": "Old Co", "title": "Intern", "start": "2010-01-01", "end": "2012-01-01"},
            {"organisation": "New Co", "title": "Chief", "start": "2012-01-01", "end": None},
            {"organisation": "Club", "title": "", "start": None, "end": None}]
    written = lines(write([person(affiliations=jobs)]))
    assert [line for line in written if line.startswith(("ORG", "TITLE"))] == ["ORG:New Co", "TITLE:Chief"]


def test_a_department_an_import_kept_goes_back_only_with_its_organisation():
    extra = {"vcard": {"version": "3.0", "properties": [], "org": ["IBM", "Accounting"]}}
    same = write([person(affiliations=[{"organisation": "IBM", "title": "", "start": None, "end": None}], extra=extra)])
    moved = write([person(affiliations=[{"organisation": "Sun", "title": "", "start": None, "end": None}],
                          extra=extra)])
    assert "ORG:IBM;Accounting\r\n" in same and "ORG:Sun\r\n" in moved and "Accounting" not in moved


@pytest.mark.parametrize(("version", "birthday", "line"), [
    ("4.0", "1980-03-22", "BDAY:19800322"),
    ("4.0", "--02-29", "BDAY:--0229"),
    ("3.0", "1980-03-22", "BDAY:1980-03-22"),
    ("3.0", "--02-29", "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29"),
])
def test_it_writes_birthdays_with_and_without_a_year_as_apple_and_google_read_them(version, birthday, line):
    assert line in lines(write([person(birthday=birthday)], version))


@pytest.mark.parametrize(("version", "start"), [("4.0", "PHOTO:data:image/png;base64,iVBORw0KGgo"),
                                                ("3.0", "PHOTO;ENCODING=b;TYPE=PNG:iVBORw0KGgo")])
def test_it_writes_a_photo_in_the_form_of_each_version(version, start):
    text = write([person()], version, photo=lambda r: PNG)
    assert start in text.replace("\r\n ", "")


def test_it_writes_no_photo_for_bytes_that_are_not_an_image():
    assert "PHOTO" not in write([person()], photo=lambda r: b"GIF88? not really")


def test_kept_properties_go_back_verbatim_and_their_groups_are_not_reused():
    kept = ["item1.X-ABRELATEDNAMES:Jenny", "item1.X-ABLabel:_$!<Spouse>!$_", "X-SOCIALPROFILE;type=twitter:x",
            "UID:u-1"]
    written = lines(write([person(emails=[{"address": "a@example.com", "label": "custom"}],
                                  extra={"vcard": {"version": "3.0", "properties": kept}})]))
    assert written[-5:-1] == kept
    assert "item2.EMAIL:a@example.com" in written and "item2.X-ABLabel:custom" in written


def test_kept_lines_that_would_break_the_card_are_left_out():
    kept = ["END:VCARD", "BEGIN:VCARD", "VERSION:2.1", "no colon here", "X-A:one\r\nX-B:two", "X-OK:fine"]
    written = lines(write([person(extra={"vcard": {"properties": kept}})]))
    assert written.count("END:VCARD") == 1 and written.count("BEGIN:VCARD") == 1
    assert "X-OK:fine" in written and not any(line.startswith(("X-A", "X-B", "no colon")) for line in written)


# --- round trips -----------------------------------------------------------------------------------------------


HAND_BUILT = [
    person(display_name="Łukasz Żółwiński-Ñúñez", given_name="Łukasz", family_name="Żółwiński-Ñúñez",
           prefix="Dr.", suffix="PhD, MBA", middle_name="", nickname="Łuki, the fast; one", birthday="--02-29",
           notes="Line one\nLine two; with, punctuation \\ and a backslash\n\nafter a blank line",
           tags=["friends", "Kraków"],
           emails=[{"address": "lukasz@example.pl", "label": "work"}, {"address": "ł@example.pl", "label": "home"},
                   {"address": "l3@example.com", "label": "Old uni"}],
           phones=[{"number": "+48 12 345 67 89", "e164": "+48123456789", "label": "mobile"},
                   {"number": "(212) 555-0100 ext. 12", "e164": "", "label": "work fax"},
                   {"number": "+1 555 0102", "e164": "", "label": ""}],
           urls=[{"url": "https://example.pl/a,b;c", "label": "homepage"},
                 {"url": "https://x.example.com", "label": ""}],
           addresses=[{"label": "home", "street": "ul. Długa 1\nm. 4", "locality": "Kraków", "region": "Małopolska",
                       "postcode": "31-147", "country": "Polska", "po_box": "", "extended": "Ship; deck 3, cabin 2"}],
           affiliations=[{"organisation": "Acme; Sons, Ltd.", "title": "Head, R&D", "start": None, "end": None}],
           extra={"vcard": {"version": "3.0", "properties": ["X-ABUID:5AD\\:ABPerson", "UID:u-1"]}}),
    person(display_name="Bo", given_name="", family_name="", birthday="2000-02-29", photo_bytes=JPEG),
    person(display_name="Chen Wei", given_name="Wei", family_name="Chen", birthday="1985-12-31", photo_bytes=PNG,
           emails=[{"address": "chen@example.com", "label": ""}]),
]


def _from_hand(record: dict) -> tuple:
    """The values of a hand-built record as the importer would give them."""
    data = {"display_name": record["display_name"]}
    parts = {k: record[k] for k in ("family_name", "given_name", "middle_name", "prefix", "suffix")}
    if any(parts.values()):
        data.update(parts)
    job = next((a for a in record["affiliations"] if a["end"] is None), {})
    for key, value in (("nickname", record["nickname"]), ("birthday", record["birthday"]),
                       ("organisation", job.get("organisation", "")), ("title", job.get("title", ""))):
        if value:
            data[key] = value
    for key in ("emails", "phones", "urls", "addresses"):
        if record[key]:
            data[key] = [{k: v for k, v in item.items() if k != "e164"} for item in record[key]]
    if record["notes"]:
        data["notes"] = record["notes"]
    if record["tags"]:
        data["tags"] = record["tags"]
    vcard = record["extra"].get("vcard", {})
    uid = next((p[4:] for p in vcard.get("properties", []) if p.startswith("UID:")), "")
    return data, vcard.get("properties", []), vcard.get("org"), record.get("photo_bytes"), uid


@pytest.mark.parametrize("version", VERSIONS)
def test_hand_built_people_come_back_with_the_same_values(version, tmp_path):
    text = write(HAND_BUILT, version, photo=lambda r: r.get("photo_bytes"))
    again = read_back(text, tmp_path)
    assert [modelled(r) for r in again] == [_from_hand(r) for r in HAND_BUILT]


@pytest.mark.parametrize("version", VERSIONS)
def test_real_cards_read_written_and_read_again_are_the_same(version, realdata, tmp_path):
    compared = 0
    for path in sorted((realdata / "vcard").rglob("*.vcf")):
        try:
            first = [r for r in VCardImporter().read(path) if isinstance(r, PersonRecord)]
        except Rejected:
            continue
        if not first:
            continue
        text = write([as_export(r) for r in first], version, photo=lambda r: r["photo_bytes"])
        again = read_back(text, tmp_path)
        assert [modelled(r) for r in again] == [modelled(r) for r in first], path.name
        compared += len(first)
    assert compared > 50


@pytest.mark.parametrize("version", VERSIONS)
def test_another_reader_reads_what_is_written(version):
    text = write(HAND_BUILT, version, photo=lambda r: r.get("photo_bytes"))
    cards = list(vobject.readComponents(text))
    assert [c.fn.value for c in cards] == [r["display_name"] for r in HAND_BUILT]
    assert [e.value for e in cards[0].contents["email"]] == [e["address"] for e in HAND_BUILT[0]["emails"]]
    assert cards[0].note.value == HAND_BUILT[0]["notes"]
    assert cards[0].n.value.family == "Żółwiński-Ñúñez"


# Any text but surrogates and control characters (which no vCard holds), with the characters escaping is about.
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\\,;:\n\t\"^=é€😀 "),
                max_size=200)
_NAME = _TEXT.filter(lambda s: s.strip() != "")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_NAME, notes=_TEXT, nickname=_TEXT, org=_NAME, title=_TEXT, street=_TEXT, label=_TEXT,
       kept=_TEXT, version=st.sampled_from(VERSIONS))
def test_any_text_survives_escaping_and_folding(tmp_path, name, notes, nickname, org, title, street, label, kept,
                                                version):
    record = person(display_name=name, given_name="", family_name="", notes=notes, nickname=nickname,
                    affiliations=[{"organisation": org, "title": title, "start": None, "end": None}],
                    addresses=[{"label": label, "street": street, "locality": "X", "region": "", "postcode": "",
                                "country": "", "po_box": "", "extended": ""}],
                    extra={"vcard": {"properties": ["X-KEPT:" + kept.replace("\n", "\\n")]}})
    text = write([record], version)
    assert all(len(line.encode("utf-8")) <= 75 for line in lines(text))
    (again,) = read_back(text, tmp_path)
    data = again.data
    assert data["display_name"] == name
    assert data.get("notes", "") == (notes if notes.strip() else "")
    assert data.get("nickname", "") == (nickname if nickname.strip() else "")
    assert (data["organisation"], data.get("title", "")) == (org, title if title.strip() else "")
    assert (data["addresses"][0]["street"], data["addresses"][0]["label"]) == (street, label)
    assert data["extra"]["vcard"]["properties"] == ["X-KEPT:" + kept.replace("\n", "\\n")]


_ANY = st.text(max_size=40) | st.sampled_from(["", "home", "work fax", "mobile", "_$!<Other>!$_", "a;b,c\\d\n"])
_ITEM = st.fixed_dictionaries({"address": _ANY, "number": _ANY, "url": _ANY, "label": _ANY, "street": _ANY,
                               "locality": _ANY, "country": _ANY})


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=40), parts=st.lists(_ANY, min_size=5, max_size=5), items=st.lists(_ITEM, max_size=3),
       kept=st.lists(st.text(max_size=30) | st.sampled_from(["X-A;B=\"open:v", "END:VCARD",
                                                             "X-Q;ENCODING=QUOTED-PRINTABLE:a="]), max_size=4),
       birthday=st.sampled_from(["", "1980-02-29", "--12-31", "garbage"]), version=st.sampled_from(VERSIONS))
def test_whatever_a_record_holds_its_card_reads_back_without_error(tmp_path, name, parts, items, kept, birthday,
                                                                   version):
    record = person(display_name=name, **dict(zip(("prefix", "given_name", "middle_name", "family_name", "suffix"),
                                                  parts)),
                    emails=items, phones=items, urls=items, addresses=items, tags=parts, notes=name, birthday=birthday,
                    affiliations=[{"organisation": name, "title": parts[0], "start": None, "end": None}],
                    extra={"vcard": {"properties": kept, "org": parts}})
    records = read_back(write([record], version), tmp_path)  # a Rejected here would be a card we cannot read
    assert len(records) == 1
