"""LinkedIn's export: Connections.csv in the 2018 and 2024 layouts, messages.csv, and the whole .zip."""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netweave.importers.base import ImportOptions
from netweave.importers.linkedin import LinkedInImporter, plain_name, slug_name
from netweave.importers.records import InteractionRecord, PersonRecord, Rejected, Skip

HEADER_2024 = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
HEADER_2018 = "First Name,Last Name,Email Address,Company,Position,Connected On"
PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'
)
ROWS_2024 = [
    'Ana,Lima,https://www.linkedin.com/in/ana-lima-3b2a1c45,ana@example.com,"Acme, Inc.",Engineer,09 Oct 2024',
    "Olena 🇺🇦,Petrenko 🔸,https://www.linkedin.com/in/olena-petrenko,,Kyiv Labs,CTO,01 Feb 2023",
    " Bo\t,\tChen  ,https://www.linkedin.com/in/jos%C3%A9-silva/,,,,15 Mar 2020",
    ",,https://www.linkedin.com/in/mei-wong-7a8b9c,,Mei Co,Founder,02 Jan 2022",
    ",,,kim@example.com,,,03 Mar 2021",
    ",,,,Ghost Corp,Recruiter,04 Apr 2019",
    '"Quinn","O\'Neil","https://www.linkedin.com/in/quinn","","Multi\nline Co","Lead","sometime soon"',
]
MESSAGES_HEADER = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER"
ME = "https://www.linkedin.com/in/me-myself"
ANA = "https://www.linkedin.com/in/ana-lima-3b2a1c45"
OLENA = "https://www.linkedin.com/in/olena-petrenko"
MESSAGE_ROWS = [
    # A conversation with Ana over two days: she starts on 1 May, I start on 2 May.
    f"c-1,,Ana Lima,{ANA},Me Myself,{ME},2023-05-01 09:00:00 UTC,Coffee?,Are you free next week?,INBOX",
    f"c-1,,Me Myself,{ME},Ana Lima,{ANA},2023-05-01 10:00:00 UTC,,Yes! Tuesday works.,INBOX",
    f"c-1,,Me Myself,{ME},Ana Lima,{ANA},2023-05-02 08:00:00 UTC,,\"See you at 10, then\",INBOX",
    # A group conversation I start: one interaction for each other person.
    f'c-2,Launch,Me Myself,{ME},"Ana Lima,Olena Petrenko","{ANA},{OLENA}",2023-06-01 12:00:00 UTC,,'
    f'"<p>Launch plan for the new product line, first draft attached</p>",INBOX',
]


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def connections_2024(tmp_path: Path, rows=ROWS_2024, newline="\n", encoding="utf-8", sep=",") -> Path:
    lines = [HEADER_2024, *rows]
    if sep != ",":
        lines = [line.replace(",", sep) for line in lines]
    return write(tmp_path / "Connections.csv", PREAMBLE.replace("\n", newline) + newline.join(lines) + newline, encoding)


def read(path: Path, **options) -> list:
    return list(LinkedInImporter(ImportOptions(**options)).read(path))


def people(records) -> dict[str, PersonRecord]:
    return {r.data["display_name"]: r for r in records if isinstance(r, PersonRecord)}


# ------------------------------------------------------------------------------- the real headers


def test_the_real_2024_preamble_and_header_read_as_an_export_with_no_connections(realdata):
    path = realdata / "csv" / "linkedin" / "Connections.preamble+header.2024export.csv"
    assert read(path) == []
    assert LinkedInImporter.sniff(path, path.read_bytes()[:2048])


def test_the_real_2018_header_reads_as_an_export_with_no_connections(realdata):
    path = realdata / "csv" / "linkedin" / "Connections.header.2018export.csv"
    assert read(path) == []
    assert LinkedInImporter.sniff(path, path.read_bytes())


def test_a_2024_file_built_on_the_real_preamble_gives_one_person_per_row(realdata, tmp_path):
    real = (realdata / "csv" / "linkedin" / "Connections.preamble+header.2024export.csv").read_text()
    path = write(tmp_path / "Connections.csv", real + "\n".join(ROWS_2024[:2]) + "\n")
    records = read(path)
    assert [r.where for r in records] == ["Connections.csv row 1", "Connections.csv row 2"]
    assert [r.data["display_name"] for r in records] == ["Ana Lima", "Olena Petrenko"]


# ------------------------------------------------------------------------------------- connections


def test_a_connection_becomes_a_person_keyed_by_their_profile(tmp_path):
    ana = read(connections_2024(tmp_path))[0]
    assert ana.where == "Connections.csv row 1"
    assert ana.key == "linkedin.com/in/ana-lima-3b2a1c45"
    assert ana.data == {
        "display_name": "Ana Lima", "given_name": "Ana", "family_name": "Lima",
        "emails": [{"address": "ana@example.com", "label": ""}],
        "urls": [{"url": ANA, "label": "linkedin"}],
        "organisation": "Acme, Inc.", "title": "Engineer",
        "extra": {"linkedin": {"connected_on": "2024-10-09"}},
    }
    assert ana.raw == ROWS_2024[0]


def test_emoji_and_flags_are_left_out_of_the_name_but_kept_as_written(tmp_path):
    olena = people(read(connections_2024(tmp_path)))["Olena Petrenko"]
    assert (olena.data["given_name"], olena.data["family_name"]) == ("Olena", "Petrenko")
    assert olena.data["extra"]["linkedin"]["name_as_written"] == "Olena 🇺🇦 Petrenko 🔸"


def test_tabs_and_stray_spaces_in_names_are_collapsed(tmp_path):
    bo = people(read(connections_2024(tmp_path)))["Bo Chen"]
    assert (bo.data["given_name"], bo.data["family_name"]) == ("Bo", "Chen")
    assert "name_as_written" not in bo.data["extra"]["linkedin"]


def test_a_percent_encoded_profile_url_is_kept_and_keyed_decoded(tmp_path):
    bo = people(read(connections_2024(tmp_path)))["Bo Chen"]
    assert bo.data["urls"] == [{"url": "https://www.linkedin.com/in/jos%C3%A9-silva/", "label": "linkedin"}]
    assert bo.key == "linkedin.com/in/jose-silva"


def test_a_row_without_a_name_takes_one_from_the_profile_address_or_the_email(tmp_path):
    found = people(read(connections_2024(tmp_path)))
    assert found["Mei Wong"].data["organisation"] == "Mei Co"
    assert "given_name" not in found["Mei Wong"].data  # clean_person splits it like any typed name
    kim = found["kim@example.com"]
    assert (kim.key, kim.data["given_name"], kim.data["family_name"]) == ("", "", "")


def test_a_row_with_nothing_to_name_anyone_is_skipped_with_a_reason(tmp_path):
    skips = [r for r in read(connections_2024(tmp_path)) if isinstance(r, Skip)]
    assert [s.where for s in skips] == ["Connections.csv row 6"]
    assert "no name, profile URL or email" in skips[0].why


def test_a_quoted_field_may_hold_a_newline_and_an_unreadable_date_stays_as_text(tmp_path):
    quinn = people(read(connections_2024(tmp_path)))["Quinn O'Neil"]
    assert quinn.data["organisation"] == "Multi line Co"
    assert quinn.data["extra"]["linkedin"] == {"connected_on_text": "sometime soon"}
    assert quinn.raw == ROWS_2024[-1]


def test_the_2018_layout_has_no_profile_and_a_us_date_with_a_time(tmp_path):
    path = write(tmp_path / "Connections.csv", HEADER_2018 + '\nAna,Lima,ana@example.com,Acme,Engineer,"10/4/18, 9:12 AM"\n')
    (ana,) = read(path)
    assert ana.key == ""
    assert ana.data["extra"] == {"linkedin": {"connected_on": "2018-10-04"}}
    assert ana.data["emails"] == [{"address": "ana@example.com", "label": ""}]
    assert "urls" not in ana.data


def test_a_utf16_file_with_a_bom_and_tabs_reads_like_the_utf8_one(tmp_path):
    plain = [r.data for r in read(connections_2024(tmp_path))[:2]]
    rows = [
        f"Ana\tLima\t{ANA}\tana@example.com\tAcme, Inc.\tEngineer\t09 Oct 2024",
        f"Olena 🇺🇦\tPetrenko 🔸\t{OLENA}\t\tKyiv Labs\tCTO\t01 Feb 2023",
    ]
    text = PREAMBLE + HEADER_2024.replace(",", "\t") + "\n" + "\n".join(rows) + "\n"
    path = write(tmp_path / "Connections.csv", text.replace("\n", "\r\n"), "utf-16")
    assert path.read_bytes()[:2] == b"\xff\xfe"
    assert [r.data for r in read(path)] == plain


def test_a_utf8_bom_and_crlf_line_ends_change_nothing(tmp_path):
    plain = [r.data for r in read(connections_2024(tmp_path)) if isinstance(r, PersonRecord)]
    path = connections_2024(tmp_path, newline="\r\n", encoding="utf-8-sig")
    assert [r.data for r in read(path) if isinstance(r, PersonRecord)] == plain


def test_a_row_with_too_many_fields_rejects_the_file_naming_its_row_and_line(tmp_path):
    path = connections_2024(tmp_path, rows=[ROWS_2024[0], "Bo,Chen,https://www.linkedin.com/in/bo,,Acme, Inc.,CEO,01 Jan 2020"])
    with pytest.raises(Rejected) as caught:
        read(path)
    assert caught.value.where == "Connections.csv row 2 (line 6)"
    assert "8 fields where the header has 7" in caught.value.why


def test_a_file_without_linkedins_header_is_rejected(tmp_path):
    path = write(tmp_path / "Connections.csv", "Name,Email\nAna,ana@example.com\n")
    with pytest.raises(Rejected, match="not LinkedIn's Connections.csv header"):
        read(path)


def test_an_empty_file_is_rejected(tmp_path):
    with pytest.raises(Rejected, match="empty"):
        read(write(tmp_path / "Connections.csv", ""))


def test_text_that_is_not_utf8_is_rejected_naming_the_line(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes((HEADER_2018 + "\nJos\xe9,Silva,,,,01/02/18\n").encode("latin-1"))
    with pytest.raises(Rejected) as caught:
        read(path)
    assert caught.value.where == "Connections.csv line 2"
    assert [r.data["given_name"] for r in read(path, encoding="latin-1")] == ["José"]


def test_every_connection_is_a_person_clean_person_accepts(alice, tmp_path):
    from netweave.people.validation import clean_person

    for record in read(connections_2024(tmp_path)):
        if isinstance(record, PersonRecord):
            assert clean_person(alice, record.data, partial=False)["display_name"]


def test_names_lose_pictographs_but_keep_letters_of_every_script():
    assert plain_name("Olena 🇺🇦 ") == "Olena"
    assert plain_name("👩🏽‍💻 Zoë") == "Zoë"
    assert plain_name("王伟") == "王伟"
    assert plain_name("D´Angelo") == "D´Angelo"


def test_a_profile_slug_reads_as_a_name_without_its_id():
    assert slug_name("https://www.linkedin.com/in/jos%C3%A9-silva-3b2a1c45/") == "José Silva"
    assert slug_name("https://www.linkedin.com/in/alima") == "Alima"
    assert slug_name("https://example.com/alima") == ""


# ---------------------------------------------------------------------------------------- messages


def messages_file(tmp_path: Path, rows=MESSAGE_ROWS, header=MESSAGES_HEADER) -> Path:
    return write(tmp_path / "messages.csv", "\n".join([header, *rows]) + "\n")


def test_messages_become_one_interaction_per_conversation_person_and_day(tmp_path, settings):
    settings.TIME_ZONE = "UTC"
    records = read(messages_file(tmp_path))
    assert all(isinstance(r, InteractionRecord) and r.kind == "message" for r in records)
    assert [r.key for r in records] == [
        "linkedin-msg/c-1/linkedin.com/in/ana-lima-3b2a1c45/2023-05-01",
        "linkedin-msg/c-1/linkedin.com/in/ana-lima-3b2a1c45/2023-05-02",
        "linkedin-msg/c-2/linkedin.com/in/ana-lima-3b2a1c45/2023-06-01",
        "linkedin-msg/c-2/linkedin.com/in/olena-petrenko/2023-06-01",
    ]
    first = records[0]
    assert first.occurred_at == datetime(2023, 5, 1, 9, tzinfo=UTC)
    assert first.where == "messages.csv row 1"
    assert (first.participants[0].name, first.participants[0].url) == ("Ana Lima", ANA)
    assert first.participants[0].create is False


def test_who_wrote_first_that_day_says_who_initiated(tmp_path, settings):
    settings.TIME_ZONE = "UTC"
    assert [r.initiated_by for r in read(messages_file(tmp_path))] == ["them", "me", "me", "me"]


def test_the_summary_is_the_subject_or_the_first_words_and_bodies_stay_out(tmp_path, settings):
    settings.TIME_ZONE = "UTC"
    records = read(messages_file(tmp_path))
    assert records[0].summary == "LinkedIn messages: Coffee?"
    assert records[1].summary == "LinkedIn messages: See you at 10, then"
    assert records[2].summary == "LinkedIn messages: Launch plan for the new product line, first draft attached"
    assert all(r.notes == "" for r in records)


def test_bodies_are_kept_when_the_user_asks(tmp_path, settings):
    settings.TIME_ZONE = "UTC"
    first = read(messages_file(tmp_path), bodies=True)[0]
    assert first.notes == "09:00 Ana Lima: Are you free next week?\n10:00 Me Myself: Yes! Tuesday works."


def test_days_are_counted_in_the_configured_time_zone(tmp_path, settings):
    # 1 May 09:00 UTC and 2 May 05:00 UTC are both 1 May in California.
    rows = [MESSAGE_ROWS[0], MESSAGE_ROWS[1].replace("2023-05-01 10:00:00", "2023-05-02 05:00:00")]
    settings.TIME_ZONE = "UTC"
    assert [r.key[-10:] for r in read(messages_file(tmp_path, rows=rows))] == ["2023-05-01", "2023-05-02"]
    settings.TIME_ZONE = "America/Los_Angeles"
    assert [r.key[-10:] for r in read(messages_file(tmp_path, rows=rows))] == ["2023-05-01"]


def test_me_is_whoever_the_options_name(tmp_path, settings):
    settings.TIME_ZONE = "UTC"
    rows = MESSAGE_ROWS[:2]  # one conversation: both people are in every conversation, each sent one message
    told = read(messages_file(tmp_path, rows=rows), me=["ana@example.com", "https://linkedin.com/in/me-myself/"])
    assert [(r.participants[0].url, r.initiated_by) for r in told] == [(ANA, "them")]
    told = read(messages_file(tmp_path, rows=rows), me=[ANA])
    assert [(r.participants[0].url, r.initiated_by) for r in told] == [(ME, "me")]


def test_me_is_the_participant_of_every_conversation(tmp_path, settings):
    settings.TIME_ZONE = "UTC"
    olena_talk = f"c-3,,Olena Petrenko,{OLENA},Me Myself,{ME},2023-07-01 09:00:00 UTC,,Hello,INBOX"
    records = read(messages_file(tmp_path, rows=[*MESSAGE_ROWS[:2], olena_talk]))
    assert [(r.participants[0].url, r.initiated_by) for r in records] == [(ANA, "them"), (OLENA, "them")]


def test_me_is_the_participant_who_is_not_among_my_connections(tmp_path, settings):
    settings.TIME_ZONE = "UTC"
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("Connections.csv", PREAMBLE + HEADER_2024 + "\n" + ROWS_2024[0] + "\n")
        archive.writestr("messages.csv", MESSAGES_HEADER + "\n" + MESSAGE_ROWS[0] + "\n")
    (ana, talk) = read(export)
    assert talk.participants[0].url == ANA and talk.initiated_by == "them"


def test_a_draft_is_skipped_and_an_unreadable_date_is_skipped_with_its_text(tmp_path, settings):
    settings.TIME_ZONE = "UTC"
    header = MESSAGES_HEADER + ",IS MESSAGE DRAFT,IS CONVERSATION ARCHIVED"
    rows = [MESSAGE_ROWS[0] + ",No,No", MESSAGE_ROWS[1] + ",Yes,No",
            MESSAGE_ROWS[2].replace("2023-05-02 08:00:00 UTC", "yesterday-ish") + ",No,No"]
    records = read(messages_file(tmp_path, rows=rows, header=header))
    skips = {r.where: r.why for r in records if isinstance(r, Skip)}
    assert skips == {"messages.csv row 2": "is a draft that was never sent",
                     "messages.csv row 3": "has a date that cannot be read ('yesterday-ish')"}


def test_the_2018_messages_layout_reads_direction_and_names(tmp_path, settings):
    settings.TIME_ZONE = "UTC"
    header = "From,To,Date,Subject,Content,Direction,Folder"
    rows = ['Ana Lima,Me Myself,"10/4/18, 9:12 AM",Hello,Hi there,INCOMING,INBOX',
            'Me Myself,Ana Lima,"10/4/18, 9:30 AM",,Hi!,OUTGOING,SENT']
    (talk,) = read(messages_file(tmp_path, rows=rows, header=header))
    assert talk.key == "linkedin-msg/name:ana lima/name:ana lima/2018-10-04"
    assert (talk.participants[0].name, talk.participants[0].url, talk.initiated_by) == ("Ana Lima", "", "them")


# --------------------------------------------------------------------------------------------- zip


def export_zip(tmp_path: Path, entries: dict[str, str]) -> Path:
    path = tmp_path / "Basic_LinkedInDataExport_10-09-2024.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return path


def test_the_whole_export_zip_gives_connections_then_conversations(tmp_path, settings):
    settings.TIME_ZONE = "UTC"
    connections = PREAMBLE + HEADER_2024 + "\n" + "\n".join(ROWS_2024[:2]) + "\n"
    path = export_zip(tmp_path, {
        "Connections.csv": connections,
        "messages.csv": MESSAGES_HEADER + "\n" + "\n".join(MESSAGE_ROWS) + "\n",
        "Profile.csv": "First Name,Last Name\nMe,Myself\n",
        "Jobs/Saved Jobs.csv": "Saved Date,Job Url\n",
    })
    records = read(path)
    assert [type(r).__name__ for r in records] == ["PersonRecord"] * 2 + ["InteractionRecord"] * 4
    assert records[0].where == "Connections.csv row 1"
    assert {p.url for r in records[2:] for p in r.participants} == {ANA, OLENA}
    assert LinkedInImporter.sniff(path, path.read_bytes()[:512])


def test_a_zip_with_an_entry_that_climbs_out_of_its_folder_is_rejected(tmp_path):
    path = export_zip(tmp_path, {"Connections.csv": HEADER_2024 + "\n", "../evil": "boo"})
    with pytest.raises(Rejected, match="leaves the archive"):
        read(path)


def test_a_zip_without_connections_is_rejected(tmp_path):
    path = export_zip(tmp_path, {"Profile.csv": "First Name\nMe\n"})
    with pytest.raises(Rejected, match="no Connections.csv"):
        read(path)


def test_a_broken_connections_file_inside_the_zip_is_named(tmp_path):
    path = export_zip(tmp_path, {"Connections.csv": HEADER_2024 + '\nAna,Lima,"unclosed\n'})
    with pytest.raises(Rejected) as caught:
        read(path)
    assert caught.value.where.startswith("Connections.csv ")


def test_a_file_that_is_not_a_zip_is_rejected(tmp_path):
    with pytest.raises(Rejected, match="not a zip"):
        read(write(tmp_path / "export.zip", "hello"))


def test_sniff_claims_linkedin_files_and_leaves_other_csvs(tmp_path):
    other = write(tmp_path / "contacts.csv", "First Name,Last Name,E-mail Address\n")
    assert not LinkedInImporter.sniff(other, other.read_bytes())
    path = messages_file(tmp_path)
    assert LinkedInImporter.sniff(path, path.read_bytes())


def test_importing_the_zip_twice_creates_connections_and_their_conversations_once(alice, tmp_path, settings):
    from netweave.importers.services import run_import
    from netweave.interactions.models import Interaction
    from netweave.people.models import Person

    settings.TIME_ZONE = "UTC"
    path = export_zip(tmp_path, {
        "Connections.csv": PREAMBLE + HEADER_2024 + "\n" + "\n".join(ROWS_2024[:2]) + "\n",
        "messages.csv": MESSAGES_HEADER + "\n" + "\n".join(MESSAGE_ROWS) + "\n",
    })
    run_import(alice, "linkedin", path)
    plan, _ = run_import(alice, "linkedin", path)
    assert plan.counts()["created"] == 0 and plan.counts()["interactions_created"] == 0
    assert sorted(Person.objects.filter(owner=alice).values_list("display_name", flat=True)) == [
        "Ana Lima", "Olena Petrenko"]
    ana = Person.objects.get(owner=alice, display_name="Ana Lima")
    talks = Interaction.objects.filter(owner=alice, participations__person=ana).order_by("occurred_at")
    assert [(t.kind, t.initiated_by) for t in talks] == [("message", "them"), ("message", "me"), ("message", "me")]
