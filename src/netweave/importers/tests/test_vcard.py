"""vCard import: every version and client's habits read into clean_person's shape, nothing the model cannot hold
lost (it waits in extra["vcard"]), and a broken file refused naming the card and line."""

from __future__ import annotations

import base64
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netweave.importers.records import PersonRecord, Rejected, Skip
from netweave.importers.vcard import VCardImporter

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(255, -1, -1))


def read(tmp_path: Path, text: str | bytes, *, newline: str = "\r\n", name: str = "contacts.vcf", encoding=None):
    data = text if isinstance(text, bytes) else text.replace("\n", newline).encode("utf-8")
    path = tmp_path / name
    path.write_bytes(data)
    from netweave.importers.base import ImportOptions

    return list(VCardImporter(ImportOptions(encoding=encoding)).read(path))


def one(tmp_path: Path, text: str | bytes, **kw) -> PersonRecord:
    records = read(tmp_path, text, **kw)
    assert len(records) == 1 and isinstance(records[0], PersonRecord), records
    return records[0]


def card(*lines: str, version: str = "3.0") -> str:
    return "\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + "\n"


def rejection(tmp_path: Path, text: str | bytes) -> Rejected:
    with pytest.raises(Rejected) as caught:
        read(tmp_path, text)
    return caught.value


def props(record: PersonRecord) -> list[str]:
    return record.data["extra"]["vcard"]["properties"]


# --- names and the shape of a record ---------------------------------------------------------------------------


def test_it_reads_a_card_into_the_shape_clean_person_takes(tmp_path):
    record = one(tmp_path, card("UID:abc-1", "FN:Ana Lima", "N:Lima;Ana;Maria;Dr.;PhD", "NICKNAME:Aninha",
                                "EMAIL;TYPE=work:ana@example.com", "TEL;TYPE=cell:+44 20 7946 0958",
                                "ORG:Acme;Research", "TITLE:Chemist", "NOTE:Met in Lisbon",
                                "CATEGORIES:friends,chemistry", "URL:https://ana.example.com",
                                "ADR;TYPE=home:;;1 Rua Augusta;Lisboa;;1100-048;Portugal"))
    assert record.where == "card 1 (line 1)"
    assert record.key == "abc-1"
    data = record.data
    assert (data["display_name"], data["given_name"], data["middle_name"], data["family_name"], data["prefix"],
            data["suffix"], data["nickname"]) == ("Ana Lima", "Ana", "Maria", "Lima", "Dr.", "PhD", "Aninha")
    assert data["emails"] == [{"address": "ana@example.com", "label": "work"}]
    assert data["phones"] == [{"number": "+44 20 7946 0958", "label": "mobile"}]
    assert data["urls"] == [{"url": "https://ana.example.com", "label": ""}]
    assert data["addresses"] == [{"po_box": "", "extended": "", "street": "1 Rua Augusta", "locality": "Lisboa",
                                  "region": "", "postcode": "1100-048", "country": "Portugal", "label": "home"}]
    assert (data["organisation"], data["title"], data["notes"], data["tags"]) == (
        "Acme", "Chemist", "Met in Lisbon", ["friends", "chemistry"])
    assert data["extra"] == {"vcard": {"version": "3.0", "properties": ["UID:abc-1"], "org": ["Acme", "Research"]}}


def test_it_reads_several_cards_and_names_each_by_its_number_and_first_line(tmp_path):
    records = read(tmp_path, card("FN:One") + "\n" + card("FN:Two") + card("FN:Three", version="4.0"))
    assert [(r.where, r.data["display_name"]) for r in records] == [
        ("card 1 (line 1)", "One"), ("card 2 (line 6)", "Two"), ("card 3 (line 10)", "Three")]


def test_it_keeps_each_cards_own_text_as_raw(tmp_path):
    text = card("FN:One") + card("FN:Two")
    records = read(tmp_path, text)
    assert records[1].raw == "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Two\r\nEND:VCARD"


def test_it_joins_several_names_in_one_part_and_leaves_commas_of_2_1_alone(tmp_path):
    three = one(tmp_path, card("N:Doe;John;Richter,James;;ing. jr,M.Sc."))
    assert (three.data["middle_name"], three.data["suffix"]) == ("Richter James", "ing. jr, M.Sc.")
    two_one = one(tmp_path, card("N:Doe;John;Richter,James;;", version="2.1"))
    assert two_one.data["middle_name"] == "Richter,James"
    escaped = one(tmp_path, card("N:Doe;John;Richter\\,James;;"))
    assert escaped.data["middle_name"] == "Richter,James"


@pytest.mark.parametrize(("lines", "name"), [
    (["N:Lima;Ana;;;"], "Ana Lima"),
    (["ORG:Acme Inc.;"], "Acme Inc."),
    (["EMAIL:ana@example.com"], "ana@example.com"),
    (["TEL:+44 20 7946 0958"], "+44 20 7946 0958"),
    (["NICKNAME:Aninha", "EMAIL:ana@example.com"], "Aninha"),
])
def test_a_card_without_fn_is_named_by_what_it_has(tmp_path, lines, name):
    assert one(tmp_path, card(*lines)).data["display_name"] == name


def test_a_card_with_nothing_at_all_is_skipped_with_the_reason(tmp_path):
    empty, noteonly = read(tmp_path, card() + card("NOTE:just a note", "UID:x"))
    assert empty == Skip("card 1 (line 1)", "is empty")
    assert isinstance(noteonly, Skip) and "no name" in noteonly.why


def test_a_contact_group_is_skipped_as_not_a_person(tmp_path):
    (record,) = read(tmp_path, card("FN:Family", "KIND:group", "MEMBER:urn:uuid:1", version="4.0"))
    assert isinstance(record, Skip) and "group" in record.why


# --- lines: folding, encodings, quoted-printable ---------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r", "\r\r\n"])
def test_it_unfolds_lines_whatever_ends_them(tmp_path, newline):
    record = one(tmp_path, card("FN:Ana", "NOTE:a long note that was", "  folded twice over", "\tand with a tab"),
                 newline=newline)
    assert record.data["notes"] == "a long note that was folded twice overand with a tab"


def test_it_reads_2_1_quoted_printable_with_soft_breaks_in_its_charset(tmp_path):
    text = card("N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91o=C3=B1o;Jos=C3=A9;;;",
                "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Jos=E9 =",
                "=D1o=F1o",
                "NOTE;QUOTED-PRINTABLE:line one=0D=0Aline=",
                " two",
                "TEL;CELL:123456", version="2.1")
    data = one(tmp_path, text).data
    assert (data["family_name"], data["given_name"], data["display_name"]) == ("Ñoño", "José", "José Ñoño")
    assert data["notes"] == "line one\nline two"
    assert data["phones"] == [{"number": "123456", "label": "mobile"}]


def test_a_quoted_printable_soft_break_before_a_blank_line_ends_the_value(tmp_path):
    data = one(tmp_path, card("FN:A", "ORG;ENCODING=QUOTED-PRINTABLE:Ac=", "", "TITLE:Boss", version="2.1")).data
    assert (data["organisation"], data["title"]) == ("Ac", "Boss")


def test_it_reads_8bit_2_1_lines_in_the_charset_they_name(tmp_path):
    text = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1:J\xfcrgen M\xfcller\r\nEND:VCARD\r\n"
    assert one(tmp_path, text).data["display_name"] == "Jürgen Müller"


def test_it_refuses_8bit_text_that_names_no_charset_pointing_at_the_line(tmp_path):
    text = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:J\xfcrgen\r\nEND:VCARD\r\n"
    caught = rejection(tmp_path, text)
    assert caught.where == "line 3" and "--encoding" in caught.why
    assert one(tmp_path, text, encoding="latin-1").data["display_name"] == "Jürgen"


def test_it_reads_utf8_with_a_bom_and_utf16(tmp_path):
    text = card("FN:Łukasz Żółw")
    assert one(tmp_path, b"\xef\xbb\xbf" + text.encode()).data["display_name"] == "Łukasz Żółw"
    assert one(tmp_path, text.encode("utf-16")).data["display_name"] == "Łukasz Żółw"


def test_it_reads_unindented_2_1_base64_up_to_the_blank_line(tmp_path):
    encoded = base64.b64encode(JPEG).decode()
    text = card("FN:Ana", "PHOTO;ENCODING=BASE64;TYPE=JPEG:", encoded[:60], encoded[60:], "", "TEL;HOME:555 1234",
                version="2.1")
    record = one(tmp_path, text)
    assert record.photo == JPEG
    assert record.data["phones"] == [{"number": "555 1234", "label": "home"}]


def test_it_does_not_hang_on_a_parameter_full_of_commas(tmp_path):
    started = time.perf_counter()
    record = one(tmp_path, card("FN:Ana", "X-FOO;X-A=" + "," * 5000 + ":bar"))
    assert time.perf_counter() - started < 2
    assert props(record) == ["X-FOO;X-A=" + "," * 5000 + ":bar"]


# --- labels ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "label"), [
    ("TEL;TYPE=work,pref:555 1234", "work"),
    ("TEL;TYPE=WORK;TYPE=PREF:555 1234", "work"),
    ("TEL;WORK;PREF:555 1234", "work"),
    ('TEL;TYPE="work,voice":555 1234', "work"),
    ("TEL;type=HOME;type=FAX:555 1234", "home fax"),
    ("TEL;FAX;WORK:555 1234", "work fax"),
    ("TEL;TYPE=cell:555 1234", "mobile"),
    ("TEL;TYPE=voice:555 1234", ""),
    ("TEL:555 1234", ""),
    ("TEL;TYPE=x-car-phone:555 1234", "car-phone"),
])
def test_type_parameters_in_every_spelling_become_one_label(tmp_path, line, label):
    assert one(tmp_path, card("FN:A", line)).data["phones"][0]["label"] == label


def test_a_grouped_value_takes_its_x_ablabel_and_the_label_is_not_kept_twice(tmp_path):
    record = one(tmp_path, card("FN:A", "item1.EMAIL;type=INTERNET:a@example.com", "item1.X-ABLabel:Old school",
                                "item2.URL:http\\://a.example.com", "item2.X-ABLabel:_$!<HomePage>!$_",
                                "item3.TEL:555 1234", "item3.X-ABLabel:_$!<AssistantPhone>!$_",
                                "item4.X-ABRELATEDNAMES:Jenny", "item4.X-ABLabel:_$!<Spouse>!$_"))
    data = record.data
    assert data["emails"] == [{"address": "a@example.com", "label": "Old school"}]
    assert data["urls"] == [{"url": "http://a.example.com", "label": "homepage"}]
    assert data["phones"] == [{"number": "555 1234", "label": "assistant"}]
    assert props(record) == ["item4.X-ABRELATEDNAMES:Jenny", "item4.X-ABLabel:_$!<Spouse>!$_"]


def test_the_preferred_value_comes_first(tmp_path):
    data = one(tmp_path, card("FN:A", "EMAIL:b@example.com", "EMAIL;TYPE=pref:a@example.com",
                              "TEL:333", "TEL;PREF=2:222", "TEL;PREF=1:111", version="4.0")).data
    assert [e["address"] for e in data["emails"]] == ["a@example.com", "b@example.com"]
    assert [p["number"] for p in data["phones"]] == ["111", "222", "333"]


# --- values ----------------------------------------------------------------------------------------------------


def test_it_reads_a_tel_uri_with_its_extension(tmp_path):
    data = one(tmp_path, card("FN:A", 'TEL;VALUE=uri;TYPE="work,voice";PREF=1:tel:+1-418-656-9254;ext=102',
                              "TEL;TYPE=cell;VALUE=URI:67545678", version="4.0")).data
    assert data["phones"] == [{"number": "+1-418-656-9254 ext. 102", "label": "work"},
                              {"number": "67545678", "label": "mobile"}]


@pytest.mark.parametrize(("line", "birthday"), [
    ("BDAY:1980-03-22", "1980-03-22"),
    ("BDAY:19800322", "1980-03-22"),
    ("BDAY;value=date:1953-10-15T23:10:00Z", "1953-10-15"),
    ("BDAY:--0229", "--02-29"),
    ("BDAY:--02-29", "--02-29"),
    ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29", "--02-29"),
    ("BDAY:16040101", "--01-01"),
])
def test_it_reads_birthdays_with_and_without_a_year(tmp_path, line, birthday):
    assert one(tmp_path, card("FN:A", line)).data["birthday"] == birthday


@pytest.mark.parametrize("line", ["BDAY;VALUE=text:circa 1800", "BDAY:1776-07-04", "BDAY:1980-02-30", "BDAY:---22"])
def test_a_birthday_the_model_cannot_hold_is_kept_in_extra(tmp_path, line):
    record = one(tmp_path, card("FN:A", line))
    assert "birthday" not in record.data and props(record) == [line]


def test_values_that_are_malformed_or_repeated_are_kept_in_extra_not_dropped(tmp_path):
    record = one(tmp_path, card("FN:A", "EMAIL;TYPE=INTERNET:not an address", "EMAIL:a@example.com",
                                "TEL;WORK;VOICE:BusinessPhone", "URL:nowhere", "ORG:First;Dept", "ORG:Second",
                                "TITLE:Boss", "TITLE:Chair", "FN:Another name", "N:X;Y;;;", "N:Z;W;;;"))
    data = record.data
    assert (data["display_name"], data["organisation"], data["title"]) == ("A", "First", "Boss")
    assert data["emails"] == [{"address": "a@example.com", "label": ""}]
    assert props(record) == ["EMAIL;TYPE=INTERNET:not an address", "TEL;TYPE=WORK,VOICE:BusinessPhone", "URL:nowhere",
                             "ORG:Second", "TITLE:Chair", "FN:Another name", "N:Z;W;;;"]
    assert data["extra"]["vcard"]["org"] == ["First", "Dept"]


def test_unmodelled_properties_are_kept_as_written_without_version_or_prodid(tmp_path):
    record = one(tmp_path, card("PRODID:-//Apple Inc.//iOS 17//EN", "FN:A", "X-ABUID:5AD\\:ABPerson",
                                "X-SOCIALPROFILE;type=twitter:https://twitter.com/ana",
                                "IMPP;X-SERVICE-TYPE=Skype:skype:ana", "UID:u-1", "REV:2024-01-01T00:00:00Z"))
    assert props(record) == ["X-ABUID:5AD\\:ABPerson", "X-SOCIALPROFILE;type=twitter:https://twitter.com/ana",
                             "IMPP;X-SERVICE-TYPE=Skype:skype:ana", "UID:u-1", "REV:2024-01-01T00:00:00Z"]


def test_a_2_1_property_kept_in_extra_is_rewritten_so_a_3_0_reader_reads_it(tmp_path):
    record = one(tmp_path, card("FN:A", "X-MS-TEL;VOICE;CALLBACK:(111) 555-4444",
                                "LABEL;WORK;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Rua =C3=81gua, 1=0D=0ALisboa",
                                "KEY;X509;ENCODING=BASE64:", "    QUJD", "", version="2.1"))
    assert props(record) == ["X-MS-TEL;TYPE=VOICE,CALLBACK:(111) 555-4444",
                             "LABEL;TYPE=WORK:Rua Água, 1\\nLisboa", "KEY;TYPE=X509;ENCODING=b:QUJD"]


def test_categories_split_on_commas_escaped_or_not(tmp_path):
    data = one(tmp_path, card("FN:A", "CATEGORIES:category1\\, category2", "CATEGORIES:Friends,friends,work")).data
    assert data["tags"] == ["category1", "category2", "Friends", "work"]


def test_several_notes_are_joined(tmp_path):
    assert one(tmp_path, card("FN:A", "NOTE:one", "NOTE:two\\nlines")).data["notes"] == "one\n\ntwo\nlines"


# --- photos ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lines", "version"), [
    (["PHOTO;ENCODING=BASE64;TYPE=JPEG:", " " + base64.b64encode(JPEG).decode(), ""], "2.1"),
    (["PHOTO;ENCODING=b;TYPE=JPEG:" + base64.b64encode(JPEG).decode()], "3.0"),
    (["PHOTO;BASE64:", "  " + base64.b64encode(JPEG).decode()], "3.0"),
    (["PHOTO:data:image/jpeg;base64," + base64.b64encode(JPEG).decode()], "4.0"),
    (["PHOTO:data:image/jpeg;base64\\," + base64.b64encode(JPEG).decode()], "4.0"),
    (["PHOTO;ENCODING=b;TYPE=jpeg:data:image/jpeg;base64," + base64.b64encode(JPEG).decode()], "3.0"),
])
def test_it_reads_an_embedded_photo_in_each_form(tmp_path, lines, version):
    record = one(tmp_path, card("FN:A", *lines, version=version))
    assert record.photo == JPEG and props(record) == []


def test_a_photo_that_is_a_link_or_not_an_image_is_kept_in_extra(tmp_path):
    bmp = base64.b64encode(b"BM" + bytes(40)).decode()
    record = one(tmp_path, card("FN:A", "PHOTO;VALUE=uri:https://example.com/a.jpg",
                                f"PHOTO;ENCODING=b;TYPE=BMP:{bmp}"))
    assert record.photo is None
    assert props(record) == ["PHOTO;VALUE=uri:https://example.com/a.jpg", f"PHOTO;ENCODING=b;TYPE=BMP:{bmp}"]


# --- what is refused -------------------------------------------------------------------------------------------


def test_it_rejects_a_card_without_end_naming_where_it_began(tmp_path):
    caught = rejection(tmp_path, card("FN:One") + "BEGIN:VCARD\nVERSION:3.0\nFN:Two\n")
    assert caught.where == "card 2 (line 5)" and "END:VCARD" in caught.why


def test_it_rejects_a_nested_begin(tmp_path):
    caught = rejection(tmp_path, "BEGIN:VCARD\nVERSION:3.0\nFN:One\nBEGIN:VCARD\nFN:Two\nEND:VCARD\n")
    assert caught.where == "card 1, line 4" and "line 1" in caught.why


def test_it_rejects_a_line_that_is_not_a_content_line_naming_it(tmp_path):
    caught = rejection(tmp_path, card("FN:Ana", "this is not a property"))
    assert caught.where == "card 1, line 4" and "this is not a property" in caught.why


@pytest.mark.parametrize(("text", "where"), [
    (b"", ""),
    (b"\n\n  \n", ""),
    (b"hello\nBEGIN:VCARD\nEND:VCARD\n", "line 1"),
    (b"BEGIN:VCALENDAR\nEND:VCALENDAR\n", "line 1"),
    (b"BEGIN:VCARD\nFN:a\nEND:VCARD\n\x00\x01\x02\xff\xfe", "line 4"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "line 3"),
    (b"BEGIN:VCARD\n FN:continues nothing\nEND:VCARD\n", "card 1, line 2"),
])
def test_it_rejects_what_is_not_an_address_book(tmp_path, text, where):
    caught = rejection(tmp_path, text)
    assert caught.where == where and caught.why


def test_it_recognises_a_vcard_by_name_or_by_its_first_line(tmp_path):
    assert VCardImporter.sniff(Path("a.VCF"), b"")
    assert VCardImporter.sniff(Path("a.txt"), b"\xef\xbb\xbf\r\nbegin:vcard\r\n")
    assert VCardImporter.sniff(Path("a.dat"), "BEGIN:VCARD\r\n".encode("utf-16"))
    assert not VCardImporter.sniff(Path("a.csv"), b"Name,Email\n")


_TOKENS = ["BEGIN:VCARD\r\n", "END:VCARD\r\n", "VERSION:2.1\r\n", "\r\n", "\n", "\r", " ", "\t", ";", ":", "=", ",",
           "\\", '"', "item1.", "TYPE=", "ENCODING=QUOTED-PRINTABLE", "ENCODING=b", "BASE64", "CHARSET=latin-1",
           "CHARSET=nope", "FN", "N", "EMAIL", "TEL", "PHOTO", "BDAY", "ORG", "ADR", "URL", "NOTE", "CATEGORIES",
           "X-ABLabel", "KIND:group", "data:image/png;base64,", "iVBORw0KGgo=", "=C3=91", "=0D=0A", "^n",
           "tel:+1;ext=2", "--0229", "1604-02-29", "PREF=1", "a@b.com", "\x00", "\xff", "é", "😀", "\ufeff"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(st.sampled_from(_TOKENS) | st.text(max_size=3), max_size=50), wrap=st.booleans(),
       encoding=st.sampled_from(["utf-8", "latin-1", "utf-16"]))
def test_any_file_yields_records_or_is_rejected_and_nothing_else(tmp_path, parts, wrap, encoding):
    text = "".join(parts)
    if wrap:
        text = f"BEGIN:VCARD\r\nVERSION:3.0\r\n{text}\r\nEND:VCARD\r\n"
    try:
        records = read(tmp_path, text.encode(encoding, errors="replace"))
    except Rejected as exc:
        assert exc.why
        return
    assert all(isinstance(r, (PersonRecord, Skip)) for r in records)


# --- real files ------------------------------------------------------------------------------------------------


def test_every_real_vcard_either_yields_records_or_is_rejected_naming_the_place(realdata, capsys):
    outcomes = []
    for path in sorted((realdata / "vcard").rglob("*.vcf")):
        try:
            records = list(VCardImporter().read(path))
        except Rejected as exc:
            assert exc.why and (exc.where.startswith(("card ", "line ")) or "no vCard" in exc.why), exc.message
            outcomes.append(f"{path.relative_to(realdata)}: rejected: {exc.message}")
            continue
        assert records, path
        people = [r for r in records if isinstance(r, PersonRecord)]
        assert all(r.data["display_name"].strip() and r.raw.startswith("BEGIN:") for r in people)
        skips = [f"{r.where} {r.why}" for r in records if isinstance(r, Skip)]
        outcomes.append(f"{path.relative_to(realdata)}: {len(people)} people" + (f", skipped {skips}" if skips else ""))
    assert len(outcomes) > 40
    with capsys.disabled():
        print("\n" + "\n".join(outcomes))


def _real(realdata: Path, name: str) -> list[PersonRecord]:
    return [r for r in VCardImporter().read(next((realdata / "vcard").rglob(name))) if isinstance(r, PersonRecord)]


def test_an_iphone_card_gives_names_labels_addresses_photo_and_apple_extras(realdata):
    (record,) = _real(realdata, "John_Doe_IPHONE.vcf")
    data = record.data
    assert (data["display_name"], data["given_name"], data["middle_name"], data["family_name"], data["prefix"],
            data["suffix"], data["nickname"]) == ("Mr. John Richter James Doe Sr.", "John", "Richter James", "Doe",
                                                  "Mr.", "Sr.", "Johny")
    assert data["emails"] == [{"address": "john.doe@ibm.com", "label": ""}]
    assert [(p["number"], p["label"]) for p in data["phones"]] == [
        ("905-555-1234", "mobile"), ("905-666-1234", "home"), ("905-777-1234", "work"), ("905-888-1234", "home fax"),
        ("905-999-1234", "work fax"), ("905-111-1234", "pager"), ("905-222-1234", "assistant")]
    assert data["urls"] == [{"url": "http://www.ibm.com", "label": "homepage"}]
    assert [(a["street"], a["locality"], a["postcode"], a["country"], a["label"]) for a in data["addresses"]] == [
        ("Silicon Alley 5,", "New York", "12345", "United States of America", "home"),
        ("Street4\nBuilding 6\nFloor 8", "New York", "12345", "USA", "work")]
    assert (data["organisation"], data["title"], data["birthday"]) == ("IBM", "Money Counter", "2012-06-06")
    assert record.photo[:3] == b"\xff\xd8\xff" and len(record.photo) > 10_000
    assert props(record) == ["item3.X-ABADR:Silicon Alley",
                             "item4.X-ABADR:Street 4, Building 6,\\n Floor 8\\nNew York\\nUSA"]
    assert data["extra"]["vcard"]["org"] == ["IBM", "Accounting"]


def test_a_mac_address_book_card_keeps_its_related_names_and_abuid(realdata):
    (record,) = _real(realdata, "John_Doe_MAC_ADDRESS_BOOK.vcf")
    data = record.data
    assert data["display_name"] == "Mr. John Richter,James Doe Sr." and data["middle_name"] == "Richter,James"
    assert data["emails"] == [{"address": "john.doe@ibm.com", "label": "work"}]
    assert data["phones"][0] == {"number": "905-777-1234", "label": "work"}
    assert data["phones"][-1] == {"number": "905-222-1234", "label": "AssistantPhone"}
    assert [(a["street"], a["region"], a["label"]) for a in data["addresses"]] == [
        ("Silicon Alley 5,", "New York", "home"), ("Street4\nBuilding 6\nFloor 8", "", "work")]
    assert data["urls"] == [{"url": "http://www.ibm.com", "label": "homepage"}]
    assert (data["organisation"], data["title"], data["birthday"]) == ("IBM", "Money Counter", "2012-06-06")
    assert data["notes"].startswith('THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"')
    assert record.photo[:3] == b"\xff\xd8\xff"
    assert props(record) == ["X-PHONETIC-FIRST-NAME:Jon", "X-PHONETIC-LAST-NAME:Dow", "item2.X-ABADR:Silicon Alley",
                             "item3.X-ABADR:Street 4, Building 6,\\nFloor 8\\nNew York\\nUSA",
                             "item5.X-ABRELATEDNAMES;type=pref:Jenny", "item5.X-ABLabel:Spouse",
                             "X-ABUID:6B29A774-D124-4822-B8D0-2780EC117F60\\:ABPerson"]


def test_an_android_export_decodes_quoted_printable_names_and_keeps_every_card(realdata):
    records = _real(realdata, "John_Doe_ANDROID.vcf")
    assert [r.data["display_name"] for r in records] == [
        "john.doe@company.com", "jane.doe@company.com", "Ñ Ñ Ñ Ñ Ñ ", "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ", "Ñ Ñ Ñ Ñ ",
        "ÑÑÑÑ"]
    assert records[0].data["tags"] == ["My Contacts"]
    bob = records[4].data
    assert bob["emails"] == [{"address": "bob@company.com", "label": "work"}]
    assert [(p["number"], p["label"]) for p in bob["phones"]] == [
        ("123456", "mobile"), ("123456", "work"), ("123456", "work fax")]
    assert bob["organisation"] == "Ñ" * 12
    assert props(records[4])[:2] == ["EMAIL;TYPE=PREF:" + "Ñ" * 14, "ORG:" + "Ñ" * 12]
    assert records[4].photo[:3] == b"\xff\xd8\xff"  # cut short in the sample, but still a JPEG
    assert records[3].data["notes"].count("\n\n") == 1  # two NOTEs


def test_an_outlook_card_gives_labels_birthday_photo_and_ms_extras(realdata):
    (record,) = _real(realdata, "John_Doe_MS_OUTLOOK.vcf")
    data = record.data
    assert (data["display_name"], data["organisation"], data["title"], data["birthday"]) == (
        "Mr. John Richter James Doe Sr.", "IBM", "Money Counter", "1980-03-22")
    assert data["emails"] == [{"address": "john.doe@ibm.cm", "label": ""}]
    assert data["phones"] == [{"number": "(905) 555-1234", "label": "work"},
                              {"number": "(905) 666-1234", "label": "home"}]
    assert [(a["street"], a["label"]) for a in data["addresses"]] == [("Cresent moon drive", "work"),
                                                                     ("Silicon Alley 5,", "home")]
    assert data["urls"] == [{"url": "http://www.ibm.com", "label": "work"}]
    assert record.photo[:3] == b"\xff\xd8\xff"
    kept = props(record)
    assert "LABEL;TYPE=WORK,PREF:Cresent moon drive\\nAlbaney, New York  12345" in kept
    assert {"ROLE:Counting Money", "X-MS-ANNIVERSARY:20110113", "X-MS-IMADDRESS:johny5@aol.com",
            "X-MS-MANAGER:Big Blue"} <= set(kept)
    assert record.data["extra"]["vcard"]["version"] == "2.1"
