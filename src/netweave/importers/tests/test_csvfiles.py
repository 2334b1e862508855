"""Contacts from CSV: Google's layouts, Outlook's and Thunderbird's in three languages, and any CSV mapped
by hand or by guess. Every value either lands in a field or in extra["csv"]; nothing is lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings
from hypothesis import strategies as st

from netweave.importers.base import ImportOptions
from netweave.importers.csvdates import parse_birthday
from netweave.importers.csvfiles import (
    GenericCsvImporter,
    GoogleCsvImporter,
    OutlookCsvImporter,
    guess_mapping,
    read_headers,
)
from netweave.importers.csvrows import valid_email
from netweave.people.normalize import looks_like_phone
from netweave.importers.linkedin import LinkedInImporter
from netweave.importers.records import PersonRecord, Rejected, Skip
from netweave.people.normalize import clean_text, email_or_error, phone_or_error

IMPORTERS = (LinkedInImporter, GoogleCsvImporter, OutlookCsvImporter, GenericCsvImporter)


def write(tmp_path: Path, text: str, name: str = "contacts.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def read(importer, path: Path, **options) -> list:
    return list(importer(ImportOptions(**options)).read(path))


def only(records) -> dict:
    (record,) = [r for r in records if isinstance(r, PersonRecord)]
    return record.data


def values(items: list[dict], key: str) -> list[tuple[str, str]]:
    return [(item[key], item["label"]) for item in items]


# ------------------------------------------------------------------------------------ the real files


def real_csvs(realdata: Path) -> list[Path]:
    return sorted((realdata / "csv").rglob("*.csv"))


def test_every_real_csv_reads_or_is_rejected_naming_the_line(realdata):
    files = real_csvs(realdata)
    assert len(files) >= 7
    for path in files:
        for importer in IMPORTERS:
            try:
                records = read(importer, path)
            except Rejected as exc:
                assert re.search(r"\b(line|row) \d+", exc.where), (path.name, importer.name, exc.message)
                assert exc.why
                continue
            assert all(isinstance(r, (PersonRecord, Skip)) for r in records)


def test_each_real_csv_is_sniffed_by_the_importer_made_for_it(realdata):
    def sniffers(name: str) -> set[str]:
        path = next(realdata.rglob(name))
        return {i.name for i in IMPORTERS[:3] if i.sniff(path, path.read_bytes()[:4096])}

    assert sniffers("gmail.csv") == {"google"}
    assert sniffers("outlook.csv") == sniffers("tb_plain.csv") == sniffers("all.csv") == {"outlook"}
    assert sniffers("Connections.header.2018export.csv") == {"linkedin"}
    assert sniffers("Connections.preamble+header.2024export.csv") == {"linkedin"}


def test_the_real_gmail_csv_gives_the_person_its_vcard_describes(realdata):
    data = only(read(GoogleCsvImporter, realdata / "csv" / "roundcube-csv2vcard" / "gmail.csv"))
    assert {k: data[k] for k in ("display_name", "prefix", "given_name", "middle_name", "family_name", "suffix",
                                 "nickname", "organisation", "title", "birthday", "notes")} == {
        "display_name": "Prefix Firstname Middle Lastname Suffix", "prefix": "Prefix", "given_name": "Firstname",
        "middle_name": "Middle", "family_name": "Lastname", "suffix": "Suffix", "nickname": "nick",
        "organisation": "company", "title": "jobtitle", "birthday": "1975-12-12", "notes": 'note"note',
    }
    assert values(data["emails"], "address") == [
        ("home@aaa.pl", "home"), ("work@email.pl", "work"), ("unknown@email.com", ""), ("other@email.com", "other")]
    assert values(data["urls"], "url") == [("test.com", "profile"), ("home.page.com", "home page")]
    assert data["tags"] == ["Test"]  # "My Contacts" is every Google contact's group, not a tag
    home, work = data["addresses"]
    assert (home["label"], home["street"], home["locality"], home["region"], home["postcode"], home["country"],
            home["po_box"]) == ("home", "home_street", "home_city", "home_state", "home_zip", "home_country", "home_pobox")
    assert (work["label"], work["street"], work["locality"], work["region"], work["postcode"], work["country"]) == (
        "work", "work_street", "work_city", "", "work_zip", "work_country")
    # The vCard's phones are words ("pager", "mobile"): no phone number, so they stay in extra with their labels.
    assert "phones" not in data
    assert data["extra"]["csv"]["Phone 5 - Type"] == "Mobile" and data["extra"]["csv"]["Phone 5 - Value"] == "mobile"
    assert data["extra"]["csv"]["Relation 1 - Value"] == "spouse"


def test_the_real_outlook_csv_gives_one_person_named_by_their_first_address(realdata):
    data = only(read(OutlookCsvImporter, realdata / "csv" / "roundcube-csv2vcard" / "outlook.csv"))
    assert data["display_name"] == "test1@domain.tld"
    assert (data["given_name"], data["family_name"]) == ("", "")
    assert [e["address"] for e in data["emails"]] == ["test1@domain.tld", "test2@domain.tld", "test3@domain.tld"]


def test_the_real_thunderbird_csv_gives_the_person_its_vcard_describes(realdata):
    data = only(read(OutlookCsvImporter, realdata / "csv" / "roundcube-csv2vcard" / "tb_plain.csv"))
    assert (data["display_name"], data["given_name"], data["family_name"], data["nickname"]) == (
        "Displayname", "Firstname", "Lastname", "Nick")
    assert (data["organisation"], data["title"], data["birthday"]) == ("Organization", "title", "1970-11-15")
    assert [e["address"] for e in data["emails"]] == ["test@domain.tld", "next@domain.tld"]
    assert [u["url"] for u in data["urls"]] == ["http://page.com", "http://webpage.tld"]
    assert [(a["label"], a["street"], a["locality"], a["region"], a["postcode"], a["country"]) for a in data["addresses"]] == [
        ("home", "Priv address", "City", "region", "xx-xxx", "USA"),
        ("work", "Addr work", "Wcity", "Wstate", "33-333", "Poland"),
    ]
    assert "phones" not in data  # "phone work", "fax", ...: words, kept in extra
    assert data["extra"]["csv"]["Work Phone"] == "phone work" and data["extra"]["csv"]["Department"] == "department"


def test_the_real_roundcube_csv_with_every_field_reads_through_the_outlook_maps(realdata):
    data = only(read(OutlookCsvImporter, realdata / "csv" / "roundcube-csv2vcard" / "all.csv"))
    assert (data["display_name"], data["prefix"], data["given_name"], data["middle_name"], data["family_name"],
            data["suffix"]) == ("Display Name", "Prefix", "First Name", "Middle Name", "Last Name", "Suffix")
    assert (data["organisation"], data["title"], data["notes"], data["tags"]) == ("Company", "Job Title", "Notes", ["test"])
    assert values(data["emails"], "address") == [
        ("home@example.com", "home"), ("work@example.com", "work"), ("other@example.com", "other")]
    assert values(data["phones"], "number")[:3] == [("100", "home"), ("200", "home"), ("300", "work")]
    assert ("500", "mobile") in values(data["phones"], "number") and len(data["phones"]) == 13
    assert data["birthday"] == "1991-01-20"  # 20/01/1991: no month 20, so day first
    assert [a["label"] for a in data["addresses"]] == ["home", "work", "other"]
    assert data["extra"]["csv"]["Anniversary"] == "20/02/1992"
    assert data["extra"]["csv"]["Website Blog"] == "https://blog"  # no dot: not a web address we can hold


def test_the_real_single_column_email_list_gives_four_people(realdata):
    records = read(GenericCsvImporter, realdata / "csv" / "roundcube-csv2vcard" / "email.csv")
    assert [r.data["display_name"] for r in records] == [f"test{n}@domain.tld" for n in range(1, 5)]
    assert [r.where for r in records] == ["row 1", "row 2", "row 3", "row 4"]


def test_every_real_person_is_one_clean_person_accepts(alice, realdata):
    from netweave.people.validation import clean_person

    for path in real_csvs(realdata):
        for importer in IMPORTERS:
            try:
                records = read(importer, path)
            except Rejected:
                continue
            for record in records:
                if isinstance(record, PersonRecord):
                    assert clean_person(alice, record.data, partial=False)["display_name"], (path.name, importer.name)


# ------------------------------------------------------------------------------------------- Google

GOOGLE_NOW = (
    "First Name,Middle Name,Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,"
    "E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,"
    "Address 1 - Street,Address 1 - City,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
    "Website 1 - Label,Website 1 - Value\n"
)


def test_the_current_google_layout_reads_labels_multi_values_and_groups(tmp_path):
    row = ('Ana,,Lima,,,,,Acme,CTO,Research,--02-29,"Met at PyCon\nlikes tea",* myContacts ::: Friends ::: PyCon,'
           "* Work,ana@acme.test ::: ana@acme.org,Home,ana@example.com,Mobile,'+44 7700 900123,Home,,"
           "1 Main St,London,,N1 1AA,UK,Blog,https://ana.example.com\n")
    data = only(read(GoogleCsvImporter, write(tmp_path, GOOGLE_NOW + row)))
    assert (data["display_name"], data["organisation"], data["title"], data["birthday"]) == (
        "Ana Lima", "Acme", "CTO", "--02-29")
    assert data["notes"] == "Met at PyCon\nlikes tea"
    assert data["tags"] == ["Friends", "PyCon"]
    assert values(data["emails"], "address") == [("ana@acme.org", "work"), ("ana@example.com", "home")]
    assert data["extra"]["csv"]["E-mail 1 - Value"] == "ana@acme.test ::: ana@acme.org"  # .test takes no mail
    assert values(data["phones"], "number") == [("+44 7700 900123", "mobile")]  # our export's ' is taken off
    assert data["addresses"][0]["postcode"] == "N1 1AA"
    assert data["extra"]["csv"]["Organization Department"] == "Research"


def test_file_as_names_a_google_contact_with_no_name_parts(tmp_path):
    headers = GOOGLE_NOW.strip().split(",")
    cells = {"File As": "Acme Support", "Organization Name": "Acme", "E-mail 1 - Value": "support@acme.com"}
    row = ",".join(cells.get(h, "") for h in headers) + "\n"
    data = only(read(GoogleCsvImporter, write(tmp_path, GOOGLE_NOW + row)))
    assert data["display_name"] == "Acme Support"
    assert "File As" not in data.get("extra", {}).get("csv", {})


def test_the_google_importer_refuses_a_file_that_is_not_googles(tmp_path):
    with pytest.raises(Rejected, match="not a Google Contacts header") as caught:
        read(GoogleCsvImporter, write(tmp_path, "E-mail Address,Mobile Phone\na@b.com,123\n"))
    assert caught.value.where == "line 1"


# ------------------------------------------------------------------------------------------ Outlook

OUTLOOK_EN = ('"Title","First Name","Middle Name","Last Name","Suffix","Company","Department","Job Title",'
              '"Business Street","Business City","Business Postal Code","Business Country/Region",'
              '"Mobile Phone","Business Phone","E-mail Address","E-mail Type","E-mail Display Name",'
              '"Birthday","Categories","Notes","Web Page"\n')


def outlook_row(**cells) -> str:
    base = {"Title": "Dr.", "First Name": "Ana", "Last Name": "Lima", "Company": "Acme", "Job Title": "CTO",
            "E-mail Address": "ana@acme.com", "E-mail Type": "SMTP", "Birthday": "1/20/1980"}
    base.update(cells)
    headers = [h.strip('"') for h in OUTLOOK_EN.strip().split(",")]
    return ",".join(f'"{base.get(h, "")}"' for h in headers) + "\n"


def test_an_english_outlook_export_reads_names_work_address_phones_and_a_us_birthday(tmp_path):
    row = outlook_row(**{"Business Street": "1 Main St", "Business City": "Boston", "Mobile Phone": "+1 617 555 0100",
                         "Business Phone": "(617) 555-0199", "Categories": "VIP;Investors", "Web Page": "acme.com"})
    data = only(read(OutlookCsvImporter, write(tmp_path, OUTLOOK_EN + row)))
    assert (data["display_name"], data["prefix"], data["organisation"], data["title"]) == ("Dr. Ana Lima", "Dr.", "Acme", "CTO")
    assert data["birthday"] == "1980-01-20"
    assert values(data["phones"], "number") == [("+1 617 555 0100", "mobile"), ("(617) 555-0199", "work")]
    assert data["addresses"] == [{"street": "1 Main St", "locality": "Boston", "region": "", "postcode": "",
                                  "country": "", "po_box": "", "extended": "", "label": "work"}]
    assert data["tags"] == ["VIP", "Investors"]
    assert data["extra"] == {"csv": {"E-mail Type": "SMTP"}}


def test_an_ambiguous_outlook_date_is_month_first_unless_the_region_says_otherwise(tmp_path, settings):
    path = write(tmp_path, OUTLOOK_EN + outlook_row(Birthday="03/04/1980"))
    settings.NETWEAVE_DEFAULT_REGION = None
    assert only(read(OutlookCsvImporter, path))["birthday"] == "1980-03-04"
    settings.NETWEAVE_DEFAULT_REGION = "GB"
    assert only(read(OutlookCsvImporter, path))["birthday"] == "1980-04-03"


def test_outlooks_empty_date_means_no_birthday_and_a_strange_one_stays_in_extra(tmp_path):
    assert "birthday" not in only(read(OutlookCsvImporter, write(tmp_path, OUTLOOK_EN + outlook_row(Birthday="0/0/00"))))
    data = only(read(OutlookCsvImporter, write(tmp_path, OUTLOOK_EN + outlook_row(Birthday="the spring of 1980"))))
    assert "birthday" not in data and data["extra"]["csv"]["Birthday"] == "the spring of 1980"


def test_a_value_that_is_no_email_stays_in_extra_under_its_header(tmp_path):
    data = only(read(OutlookCsvImporter, write(tmp_path, OUTLOOK_EN + outlook_row(**{"E-mail Address": "/O=EXCHANGE/CN=ANA"}))))
    assert "emails" not in data
    assert data["extra"]["csv"]["E-mail Address"] == "/O=EXCHANGE/CN=ANA"


def test_a_german_outlook_export_with_semicolons_and_dotted_dates_reads(tmp_path):
    text = ("Anrede;Titel;Vorname;Nachname;Firma;Position;Straße geschäftlich;Ort geschäftlich;"
            "Postleitzahl geschäftlich;Land/Region geschäftlich;Mobiltelefon;E-Mail-Adresse;Geburtstag;Kategorien\n"
            "Frau;Dr.;Jürgen;Weiß;Müller GmbH;Leiterin;Hauptstraße 1;München;80331;Deutschland;"
            "+49 170 1234567;jw@example.de;05.03.1980;Kunden\n")
    data = only(read(OutlookCsvImporter, write(tmp_path, text, encoding="utf-8-sig")))
    assert (data["display_name"], data["organisation"], data["title"]) == ("Dr. Jürgen Weiß", "Müller GmbH", "Leiterin")
    assert data["birthday"] == "1980-03-05"
    assert (data["addresses"][0]["locality"], data["addresses"][0]["country"], data["addresses"][0]["label"]) == (
        "München", "Deutschland", "work")
    assert values(data["phones"], "number") == [("+49 170 1234567", "mobile")]
    assert data["extra"]["csv"] == {"Anrede": "Frau"}


def test_a_french_outlook_export_reads_both_titres_and_a_day_first_date(tmp_path):
    text = ("Titre,Prénom,Nom,Société,Titre,Tél. mobile,Adresse de messagerie,Anniversaire,Ville (domicile)\n"
            "M.,Élodie,Durand,Lumière SA,Directrice,06 12 34 56 78,elodie@example.fr,03/04/1985,Lyon\n")
    data = only(read(OutlookCsvImporter, write(tmp_path, text)))
    assert (data["prefix"], data["given_name"], data["family_name"], data["title"]) == ("M.", "Élodie", "Durand", "Directrice")
    assert data["birthday"] == "1985-04-03"
    assert data["addresses"][0]["locality"] == "Lyon"


def test_a_german_thunderbird_export_builds_the_birthday_from_three_columns(tmp_path):
    text = ("Vorname,Nachname,Anzeigename,Primäre E-Mail-Adresse,Mobil-Tel.-Nr.,Geburtsjahr,Geburtsmonat,Geburtstag\n"
            "Jan,Kowalski,Jan K.,jan@example.pl,+48 600 100 200,,7,9\n")
    data = only(read(OutlookCsvImporter, write(tmp_path, text)))
    assert (data["display_name"], data["birthday"]) == ("Jan K.", "--07-09")
    assert "extra" not in data


def test_the_outlook_importer_sends_google_and_linkedin_files_to_their_own_importer(tmp_path):
    with pytest.raises(Rejected, match="Google Contacts"):
        read(OutlookCsvImporter, write(tmp_path, GOOGLE_NOW))
    with pytest.raises(Rejected, match="LinkedIn"):
        read(OutlookCsvImporter, write(tmp_path, "First Name,Last Name,Email Address,Company,Position,Connected On\n"))


# ------------------------------------------------------------------------------------------ any CSV


def test_a_csv_with_common_headers_imports_without_a_mapping(tmp_path):
    text = ("Full Name,Work Email,Mobile,Company,Role,Website,City,Country,Tags,Birthday,Favourite colour\n"
            "Ana Lima,ana@acme.com,+44 7700 900123,Acme,CTO,https://ana.dev,London,UK,\"a, b\",1980-02-29,teal\n")
    data = only(read(GenericCsvImporter, write(tmp_path, text)))
    assert data["display_name"] == "Ana Lima"
    assert values(data["emails"], "address") == [("ana@acme.com", "work")]
    assert values(data["phones"], "number") == [("+44 7700 900123", "mobile")]
    assert (data["organisation"], data["title"], data["birthday"], data["tags"]) == ("Acme", "CTO", "1980-02-29", ["a", "b"])
    assert (data["addresses"][0]["locality"], data["addresses"][0]["country"]) == ("London", "UK")
    assert data["extra"] == {"csv": {"Favourite colour": "teal"}}


def test_a_mapping_sends_columns_where_it_says_and_the_rest_to_extra(tmp_path):
    text = "Who,Reach,Phone (cell),Where,Misc\nAna Lima,ana@acme.com,07700 900123,Acme,x\n"
    mapping = {"Who": "display_name", "Reach": "emails:work", "Phone (cell)": "phones", "Where": "organisation",
               "Misc": ""}
    data = only(read(GenericCsvImporter, write(tmp_path, text), mapping=mapping))
    assert values(data["emails"], "address") == [("ana@acme.com", "work")]
    assert values(data["phones"], "number") == [("07700 900123", "mobile")]  # the label read from the header
    assert data["organisation"] == "Acme" and data["extra"] == {"csv": {"Misc": "x"}}


def test_a_mapping_to_a_field_netweave_does_not_have_is_rejected(tmp_path):
    with pytest.raises(Rejected, match="mapped to 'shoe_size', which is not a person field"):
        read(GenericCsvImporter, write(tmp_path, "Name,Shoe\nAna,42\n"), mapping={"Shoe": "shoe_size"})


def test_a_file_whose_columns_mean_nothing_asks_for_a_mapping(tmp_path):
    with pytest.raises(Rejected, match="choose the columns"):
        read(GenericCsvImporter, write(tmp_path, "Alpha,Beta\n1,2\n"))


def test_a_row_that_names_nobody_is_skipped_and_an_empty_row_says_so(tmp_path):
    records = read(GenericCsvImporter, write(tmp_path, "Name,Email,Notes\n,,just a note\n,,\nAna,,\n"))
    assert [(type(r).__name__, r.where) for r in records] == [("Skip", "row 1"), ("Skip", "row 2"), ("PersonRecord", "row 3")]
    assert "names nobody" in records[0].why and records[1].why == "is empty"


def test_guess_mapping_names_every_header_and_reads_title_by_its_neighbours():
    assert guess_mapping(["Name", "E-mail", "Phone 2", "Title", "Something"]) == {
        "Name": "display_name", "E-mail": "emails", "Phone 2": "phones", "Title": "title", "Something": ""}
    outlook = guess_mapping(["Title", "First Name", "Job Title", "E-mail Type", "Home Street", "Birth Year"])
    assert outlook == {"Title": "prefix", "First Name": "given_name", "Job Title": "title", "E-mail Type": "",
                       "Home Street": "street", "Birth Year": "birthday_year"}


def test_read_headers_finds_the_header_under_linkedins_preamble(realdata):
    path = realdata / "csv" / "linkedin" / "Connections.preamble+header.2024export.csv"
    assert read_headers(path) == ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]


def test_a_tab_separated_utf16_file_reads_like_a_comma_separated_one(tmp_path):
    path = write(tmp_path, "Name\tEmail\r\nAna Lima\tana@acme.com\r\n", encoding="utf-16")
    assert values(only(read(GenericCsvImporter, path))["emails"], "address") == [("ana@acme.com", "")]


# ----------------------------------------------------------------------------------- broken files


def test_a_ragged_row_rejects_the_file_naming_the_row_and_line(tmp_path):
    path = write(tmp_path, 'Name,Email\n"Ana\nLima",ana@acme.com\nBo,bo@acme.com,extra\n')
    with pytest.raises(Rejected) as caught:
        read(GenericCsvImporter, path)
    assert caught.value.where == "row 2 (line 4)"
    assert caught.value.why.startswith("has 3 fields where the header has 2")


def test_broken_quoting_rejects_the_file_naming_the_line(tmp_path):
    with pytest.raises(Rejected) as caught:
        read(GoogleCsvImporter, write(tmp_path, GOOGLE_NOW.strip() + '\n"Ana" x,' + "," * 27 + "\n"))
    assert caught.value.where == "line 2" and "quotes" in caught.value.why


@pytest.mark.parametrize("importer", [GoogleCsvImporter, OutlookCsvImporter, GenericCsvImporter])
def test_an_empty_file_is_rejected(tmp_path, importer):
    with pytest.raises(Rejected, match="empty"):
        read(importer, write(tmp_path, "\n\n"))
    with pytest.raises(Rejected, match="blank"):
        read(importer, write(tmp_path, '""\n\n""\n'))


# ---------------------------------------------------------------------------------------- birthdays


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected"),
    [
        ("1980-02-29", False, "1980-02-29"), ("--02-29", False, "--02-29"), ("19800229", False, "1980-02-29"),
        ("1/20/1991", False, "1991-01-20"), ("20/01/1991", False, "1991-01-20"), ("03/04/1980", True, "1980-04-03"),
        ("05.03.1980", False, "1980-03-05"), ("1991-01-20 00:00:00", False, "1991-01-20"),
        ("20 Jan 1991", False, "1991-01-20"), ("January 20, 1991", False, "1991-01-20"),
        ("1604-03-15", False, "--03-15"), ("02/30/1980", False, None), ("soon", False, None), ("1799-01-01", False, None),
    ],
)
def test_birthdays_in_common_forms_become_the_form_clean_person_takes(text, dayfirst, expected):
    assert parse_birthday(text, dayfirst=dayfirst) == expected


# --------------------------------------------------------------- the quick checks agree with normalize


@hsettings(max_examples=300)
@given(st.one_of(
    st.from_regex(r"[a-zA-Z0-9.!#'+=_-]{0,10}@[a-z0-9.-]{0,12}\.(com|test|local|xn--p1ai|c0m|a)", fullmatch=True),
    st.text(alphabet="ab.@-+ é\"", max_size=16),
))
def test_the_quick_email_check_agrees_with_normalize(address):
    address = clean_text(address)
    assert valid_email(address) == (email_or_error(address)[1] is None)


@hsettings(max_examples=300)
@given(st.text(alphabet="0123456789 +-().#*xtel:ab٣", max_size=16))
def test_the_quick_phone_check_agrees_with_normalize(number):
    number = clean_text(number)  # the importers clean every cell first
    assert looks_like_phone(number) == (phone_or_error(number, None)[2] is None)


def test_any_csv_is_claimed_but_a_text_file_only_when_it_holds_columns(tmp_path):
    assert GenericCsvImporter.sniff(tmp_path / "x.csv", b"")
    assert GenericCsvImporter.sniff(tmp_path / "x.txt", "Name\tEmail\nAna\ta@b.com\n".encode("utf-16"))
    assert not GenericCsvImporter.sniff(tmp_path / "notes.txt", b"\x00\x01\x02 nothing")
    assert not GenericCsvImporter.sniff(tmp_path / "notes.txt", b"Dear diary, today")


_CSV_BITS = st.sampled_from(["First Name", "Last Name", "URL", "Connected On", "E-mail 1 - Value", "Name", ",", ";",
                             "\t", '"', "\n", "\r\n", "'", "=", "ana@example.com", "+44 20", "09 Oct 2024", " ::: ",
                             "Notes:", "é", "🔸", "\x00", "FROM", "DATE", "CONTENT", "2023-05-01 09:00:00 UTC"])


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=200), st.lists(_CSV_BITS, max_size=40).map(lambda bits: "".join(bits).encode())))
def test_whatever_the_bytes_each_importer_reads_them_or_rejects_them(tmp_path, data):
    path = tmp_path / "Connections.csv"
    path.write_bytes(data)
    for importer in IMPORTERS:
        try:
            records = read(importer, path)
        except Rejected as exc:
            assert exc.why
            continue
        assert all(isinstance(r, (PersonRecord, Skip)) or r.kind == "message" for r in records)
