"""The calendar importer: which meetings become interactions, with whom, when, and what is left out and why."""

from __future__ import annotations

import re
from datetime import datetime, timezone as dt_timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from netweave.core import clock
from netweave.importers.base import ImportOptions
from netweave.importers.ics import MAX_OCCURRENCES, IcsImporter
from netweave.importers.records import InteractionRecord, Note, Rejected, Skip

NOW = datetime(2024, 5, 15, 12, 0, tzinfo=dt_timezone.utc)
ME = "me@example.com"
LISBON = ZoneInfo("Europe/Lisbon")


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


def calendar(tmp_path: Path, *events: str, head: str = "", name: str = "cal.ics") -> Path:
    body = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n" + head + "".join(events) + "END:VCALENDAR\n"
    path = tmp_path / name
    path.write_bytes(body.replace("\n", "\r\n").encode())
    return path


def event(uid: str, start: str, *lines: str, end: str | None = None, summary: str = "Catch-up",
          organiser: str = "mailto:ana@example.org", attendees=(ME, "ana@example.org")) -> str:
    parts = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTART{start}", f"SUMMARY:{summary}"]
    if end:
        parts.append(f"DTEND{end}")
    if organiser:
        parts.append(f"ORGANIZER;CN=Ana Lima:{organiser}")
    for who in attendees:
        parts.append(f"ATTENDEE;CN={who.split('@')[0].title()};PARTSTAT=ACCEPTED:mailto:{who}")
    parts += list(lines)
    parts.append("END:VEVENT")
    return "\n".join(parts) + "\n"


def read(path: Path, me=(ME,), bodies=False) -> list:
    return list(IcsImporter(ImportOptions(me=list(me), bodies=bodies)).read(path))


def meetings(records) -> list[InteractionRecord]:
    return [r for r in records if isinstance(r, InteractionRecord)]


def skips(records) -> list[Skip]:
    return [r for r in records if isinstance(r, Skip)]


def notes(records) -> list[Note]:
    return [r for r in records if isinstance(r, Note)]


# ---- repeating meetings ----------------------------------------------------------------------------------


def test_it_expands_a_weekly_meeting_up_to_now_without_the_excluded_week_and_with_the_moved_one(tmp_path):
    path = calendar(
        tmp_path,
        event("weekly-1", ";TZID=Europe/Lisbon:20240402T100000", "RRULE:FREQ=WEEKLY;BYDAY=TU",
              "EXDATE;TZID=Europe/Lisbon:20240416T100000", end=";TZID=Europe/Lisbon:20240402T110000",
              summary="Weekly sync"),
        event("weekly-1", ";TZID=Europe/Lisbon:20240424T150000", "RECURRENCE-ID;TZID=Europe/Lisbon:20240423T100000",
              end=";TZID=Europe/Lisbon:20240424T160000", summary="Weekly sync (moved to Wednesday)"),
    )
    records = read(path)
    found = meetings(records)
    assert [r.occurred_at for r in found] == [
        datetime(2024, 4, 2, 10, tzinfo=LISBON), datetime(2024, 4, 9, 10, tzinfo=LISBON),
        datetime(2024, 4, 24, 15, tzinfo=LISBON), datetime(2024, 4, 30, 10, tzinfo=LISBON),
        datetime(2024, 5, 7, 10, tzinfo=LISBON), datetime(2024, 5, 14, 10, tzinfo=LISBON)]
    # The key names the slot in UTC; the moved instance keeps its slot's key, so moving it again updates it.
    assert [r.key for r in found] == [
        "ics/weekly-1/2024-04-02T09:00:00Z", "ics/weekly-1/2024-04-09T09:00:00Z", "ics/weekly-1/2024-04-23T09:00:00Z",
        "ics/weekly-1/2024-04-30T09:00:00Z", "ics/weekly-1/2024-05-07T09:00:00Z", "ics/weekly-1/2024-05-14T09:00:00Z"]
    moved = found[2]
    assert moved.summary == "Weekly sync (moved to Wednesday)" and moved.where == "event 2 (line 15)"
    assert found[0].where == "event 1 (line 4)" and found[0].summary == "Weekly sync"
    assert all(r.kind == "meeting" and r.occurred_at.tzinfo is not None for r in found)
    assert [s.why for s in skips(records)] == ["its later occurrences are in the future: plans, not yet contact"]


def test_it_keeps_the_wall_clock_time_of_a_repeating_meeting_across_daylight_saving(tmp_path):
    path = calendar(tmp_path, event("dst", ";TZID=Europe/Lisbon:20240318T090000", "RRULE:FREQ=WEEKLY;COUNT=3"))
    found = meetings(read(path))
    assert [r.occurred_at.astimezone(LISBON).hour for r in found] == [9, 9, 9]
    assert [r.key[-9:] for r in found] == ["09:00:00Z", "09:00:00Z", "08:00:00Z"]  # the clocks went forward on 31 March


def test_it_adds_the_extra_dates_of_an_rdate_and_drops_whole_days_of_a_date_exdate(tmp_path):
    path = calendar(tmp_path, event("extra", ":20240501T080000Z", "RRULE:FREQ=DAILY;COUNT=3",
                                    "RDATE:20240510T080000Z,20240512T080000Z", "EXDATE;VALUE=DATE:20240502"))
    assert [r.occurred_at.day for r in meetings(read(path))] == [1, 3, 10, 12]


def test_it_skips_a_cancelled_occurrence_of_a_repeating_meeting(tmp_path):
    path = calendar(
        tmp_path,
        event("daily", ":20240510T080000Z", "RRULE:FREQ=DAILY;COUNT=3"),
        event("daily", ":20240511T080000Z", "RECURRENCE-ID:20240511T080000Z", "STATUS:CANCELLED"),
    )
    records = read(path)
    assert [r.occurred_at.day for r in meetings(records)] == [10, 12]
    assert [(s.where, s.why) for s in skips(records)] == [("event 2 (line 13)", "the occurrence of 2024-05-11 was cancelled")]


def test_it_keeps_only_the_latest_occurrences_of_a_meeting_that_repeats_for_decades(tmp_path):
    path = calendar(tmp_path, event("standup", ":19900101T080000Z", "RRULE:FREQ=DAILY"))
    records = read(path)
    found = meetings(records)
    assert len(found) == MAX_OCCURRENCES
    assert found[-1].occurred_at == datetime(2024, 5, 15, 8, tzinfo=dt_timezone.utc)
    notes = [s.why for s in skips(records)]
    assert re.fullmatch(r"7,\d\d\d earlier occurrences before 2010-\d\d-\d\d not imported: only the latest 5,000 "
                        r"of a repeating event are", notes[0])
    assert notes[1] == "its later occurrences are in the future: plans, not yet contact"


# ---- what is left out ------------------------------------------------------------------------------------


def test_it_skips_a_cancelled_event(tmp_path):
    path = calendar(tmp_path, event("gone", ":20240501T080000Z", "STATUS:CANCELLED"))
    assert read(path) == [Skip("event 1 (line 4)", "was cancelled")]


def test_it_skips_a_declined_invitation(tmp_path):
    declined = event("no", ":20240501T080000Z", attendees=()).replace(
        "END:VEVENT", f"ATTENDEE;PARTSTAT=DECLINED:mailto:{ME.upper()}\nATTENDEE:mailto:bo@example.org\nEND:VEVENT")
    assert read(calendar(tmp_path, declined)) == [Skip("event 1 (line 4)", "you declined the invitation")]


def test_it_skips_future_events_as_plans_not_contact(tmp_path):
    path = calendar(tmp_path, event("later", ":20240601T080000Z"),
                    event("now", ":20240515T113000Z", end=":20240515T123000Z"))
    assert [s.why for s in skips(read(path))] == ["in the future: a plan, not yet contact",
                                                  "not over yet: a plan, not yet contact"]


def test_it_skips_an_event_with_nobody_else_in_it(tmp_path):
    path = calendar(tmp_path, event("dentist", ":20240501T080000Z", organiser=f"mailto:{ME}", attendees=(ME,)),
                    event("holiday", ";VALUE=DATE:20240425", organiser="", attendees=()))
    assert [s.why for s in skips(read(path))] == [
        "nobody else takes part (no organiser or attendee besides you): not contact"] * 2


def test_it_counts_to_dos_and_free_busy_blocks_it_does_not_read(tmp_path):
    path = calendar(tmp_path, "BEGIN:VTODO\nUID:t\nSUMMARY:Buy milk\nEND:VTODO\n",
                    "BEGIN:VTODO\nUID:u\nEND:VTODO\nBEGIN:VFREEBUSY\nUID:f\nEND:VFREEBUSY\n")
    assert read(path) == [Skip("calendar", "1 free/busy block (VFREEBUSY) not imported: only events are"),
                          Skip("calendar", "2 to-dos (VTODO) not imported: only events are"),
                          Skip("calendar", "has no events")]


# ---- people ----------------------------------------------------------------------------------------------


def test_it_leaves_me_out_of_the_participants_and_says_who_organised(tmp_path):
    path = calendar(
        tmp_path,
        event("theirs", ":20240501T080000Z"),
        event("mine", ":20240502T080000Z", organiser=f"mailto:{ME}", attendees=(ME, "bo@example.org")),
        event("nobody-organised", ":20240503T080000Z", organiser="", attendees=(ME, "cy@example.org")),
    )
    theirs, mine, unknown = meetings(read(path))
    assert [(p.name, p.email, p.create) for p in theirs.participants] == [("Ana Lima", "ana@example.org", True)]
    assert theirs.initiated_by == "them"
    assert [p.email for p in mine.participants] == ["bo@example.org"] and mine.initiated_by == "me"
    assert [p.email for p in unknown.participants] == ["cy@example.org"] and unknown.initiated_by == ""


def test_it_leaves_out_rooms_and_people_who_declined_but_keeps_a_name_without_an_address(tmp_path):
    path = calendar(tmp_path, event("room", ":20240501T080000Z", attendees=()).replace("END:VEVENT", "\n".join([
        "ATTENDEE;CUTYPE=ROOM;CN=Room 4:mailto:room4@example.org",
        "ATTENDEE;PARTSTAT=DECLINED;CN=Bo:mailto:bo@example.org",
        'ATTENDEE;CN="Chen, Cy":urn:uuid:1234',
        "ATTENDEE;CN=Ana again:mailto:ANA@example.org",
        "END:VEVENT"])))
    [found] = meetings(read(path))
    assert [(p.name, p.email) for p in found.participants] == [("Ana Lima", "ana@example.org"), ("Chen, Cy", "")]


def test_it_cannot_tell_who_organised_when_it_does_not_know_who_i_am(tmp_path):
    path = calendar(tmp_path, event("who", ":20240501T080000Z"))
    [found] = meetings(read(path, me=()))
    assert found.initiated_by == ""
    assert {p.email for p in found.participants} == {"ana@example.org", ME}


def test_it_takes_me_from_a_calendar_named_after_an_address(tmp_path):
    path = calendar(tmp_path, event("g", ":20240501T080000Z"), head=f"X-WR-CALNAME:{ME}\n")
    records = read(path, me=())
    [found] = meetings(records)
    assert [p.email for p in found.participants] == ["ana@example.org"] and found.initiated_by == "them"
    assert [s.why for s in notes(records)] == [f"your own address was taken to be {ME} (the calendar is named after "
                                               "it); if that is wrong, import again saying which addresses are yours"]


def test_it_takes_me_to_be_the_address_in_every_meeting(tmp_path):
    events = [event(f"e{i}", f":2024050{i}T080000Z", attendees=(ME, f"p{i}@example.org"), organiser="")
              for i in range(1, 5)]
    records = read(calendar(tmp_path, *events), me=())
    assert [[p.email for p in r.participants] for r in meetings(records)] == [[f"p{i}@example.org"] for i in range(1, 5)]
    assert "(it is in 4 of the 4 events with people in them)" in notes(records)[0].why


def test_it_calls_an_all_day_or_crowded_gathering_an_event(tmp_path):
    crowd = tuple(f"guest{i}@example.org" for i in range(9))
    path = calendar(tmp_path, event("offsite", ";VALUE=DATE:20240420", end=";VALUE=DATE:20240421"),
                    event("party", ":20240421T180000Z", attendees=crowd, organiser=f"mailto:{ME}"),
                    event("small", ":20240422T180000Z", attendees=crowd[:7]))
    assert [r.kind for r in meetings(read(path))] == ["event", "event", "meeting"]


# ---- times and text --------------------------------------------------------------------------------------


def test_it_reads_floating_times_and_all_day_dates_in_the_current_time_zone(tmp_path):
    path = calendar(tmp_path, event("float", ":20240501T090000"), event("day", ";VALUE=DATE:20240502"))
    with timezone.override(LISBON):
        floating, day = meetings(read(path))
    assert floating.occurred_at == datetime(2024, 5, 1, 9, tzinfo=LISBON) and floating.key == "ics/float"
    assert day.occurred_at == datetime(2024, 5, 2, tzinfo=LISBON) and day.key == "ics/day"


def test_it_finds_a_time_zone_whose_name_has_a_trailing_space(tmp_path):
    zone = ("BEGIN:VTIMEZONE\nTZID:Mitteleuropäische Zeit \nBEGIN:STANDARD\nDTSTART:20001025T030000\n"
            "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\n"
            "BEGIN:DAYLIGHT\nDTSTART:20000326T020000\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\nTZOFFSETFROM:+0100\n"
            "TZOFFSETTO:+0200\nEND:DAYLIGHT\nEND:VTIMEZONE\n")
    path = calendar(tmp_path, event("tz", ";TZID=Mitteleuropäische Zeit :20240501T170000"), head=zone)
    [found] = meetings(read(path))
    assert found.occurred_at.astimezone(dt_timezone.utc) == datetime(2024, 5, 1, 15, tzinfo=dt_timezone.utc)


def test_it_keeps_the_description_only_when_bodies_are_asked_for(tmp_path):
    path = calendar(tmp_path, event("talk", ":20240501T080000Z", "LOCATION:Café Ribeira",
                                    "DESCRIPTION:Agenda:\\n1. salaries", summary=""))
    [plain] = meetings(read(path))
    [full] = meetings(read(path, bodies=True))
    assert plain.summary == "Meeting at Café Ribeira" and plain.notes == "Location: Café Ribeira"
    assert full.notes == "Location: Café Ribeira\n\nAgenda:\n1. salaries"


def test_it_names_an_event_without_a_uid_by_a_hash_and_shortens_long_keys(tmp_path):
    path = calendar(tmp_path, event("", ":20240501T080000Z"), event("x" * 400, ":20240502T080000Z"))
    first, second = meetings(read(path))
    # One-off events: the UID alone is the key, so a meeting moved to another day stays one interaction.
    assert re.fullmatch(r"ics/nouid-[0-9a-f]{20}", first.key)
    assert re.fullmatch(r"ics/sha256-[0-9a-f]{40}", second.key)
    assert meetings(read(path))[0].key == first.key


def test_it_skips_the_second_copy_of_the_same_event(tmp_path):
    path = calendar(tmp_path, event("twice", ":20240501T080000Z"), event("twice", ":20240501T080000Z"))
    records = read(path)
    assert len(meetings(records)) == 1
    assert skips(records) == [Skip("event 2 (line 12)", "repeats event 1 (line 4) (the same UID and start)")]


# ---- files it refuses ------------------------------------------------------------------------------------


def test_it_rejects_a_file_that_is_not_a_calendar(tmp_path):
    path = tmp_path / "card.ics"
    path.write_text("BEGIN:VCARD\nFN:Ana\nEND:VCARD\n")
    with pytest.raises(Rejected) as caught:
        read(path)
    assert caught.value.where == "line 1" and "BEGIN:VCALENDAR" in caught.value.why


def test_it_rejects_begin_and_end_lines_that_do_not_nest_naming_the_line(tmp_path):
    path = calendar(tmp_path, "BEGIN:VEVENT\nUID:a\nBEGIN:VALARM\nTRIGGER:-PT5M\nEND:VEVENT\n")
    with pytest.raises(Rejected) as caught:
        read(path)
    assert caught.value.where == "line 8"
    assert caught.value.why.startswith("END:VEVENT does not close BEGIN:VALARM of line 6")


def test_it_rejects_a_calendar_that_never_ends(tmp_path):
    path = tmp_path / "cut.ics"
    path.write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20240501T080000Z\n")
    with pytest.raises(Rejected) as caught:
        read(path)
    assert caught.value.message == "line 2: BEGIN:VEVENT is never closed: the file ends before END:VEVENT"


@pytest.mark.parametrize("line, prop", [
    ("DTSTART:20240231T080000Z", "DTSTART"),
    ("DTSTART:next tuesday", "DTSTART"),
    ("DTSTART;;VALUE=DATE-TIME:20240501T080000", "DTSTART"),
    ("RRULE:FREQ=SOMETIMES", "RRULE"),
    ("EXDATE:yesterday", "EXDATE"),
])
def test_it_rejects_a_date_it_cannot_read_naming_the_line(tmp_path, line, prop):
    text = f"BEGIN:VEVENT\nUID:a\nSUMMARY:x\n{line}\nEND:VEVENT\n"
    if prop != "DTSTART":
        text = text.replace("SUMMARY:x", "SUMMARY:x\nDTSTART:20240501T080000Z")
    path = calendar(tmp_path, event("fine", ":20240401T080000Z"), text)
    with pytest.raises(Rejected) as caught:
        read(path)
    lines = path.read_text().splitlines()
    assert caught.value.where == f"event 2 (line {lines.index(line) + 1})"
    assert caught.value.why.startswith(f"{prop}")


def test_it_says_it_reads_calendars_from_their_first_line():
    assert IcsImporter.sniff(Path("x.txt"), b"\xef\xbb\xbfBEGIN:VCALENDAR\r\nVERSION:2.0")
    assert not IcsImporter.sniff(Path("x.ics"), b"BEGIN:VCARD\r\n")


# ---- the real files --------------------------------------------------------------------------------------


def test_every_real_calendar_yields_records_or_is_rejected_naming_the_place(realdata, capsys, monkeypatch):
    monkeypatch.setattr(clock, "now", timezone.now)  # the files' dates against today's, not the pinned clock
    now = timezone.now()
    outcomes = []
    for path in sorted((realdata / "ics").rglob("*.ics")):
        name = path.relative_to(realdata)
        try:
            records = list(IcsImporter(ImportOptions()).read(path))
        except Rejected as exc:
            assert re.match(r"(event \d+ \()?line \d+", exc.where), f"{name}: {exc.message}"
            assert exc.why
            outcomes.append(f"{name}: rejected: {exc.message}")
            continue
        assert records, f"{name} yielded nothing and said nothing"
        found = meetings(records)
        for record in found:
            assert record.occurred_at.tzinfo is not None and record.occurred_at < now
            assert record.key.startswith("ics/") and len(record.key) <= 300 and record.participants
        outcomes.append(f"{name}: {len(found)} interactions, {len(records) - len(found)} skips")
    with capsys.disabled():
        print("\n" + "\n".join(f"  {line}" for line in outcomes))
    assert len(outcomes) >= 40


def test_a_one_off_meeting_moved_to_another_day_keeps_its_key(tmp_path):
    before = meetings(read(calendar(tmp_path, event("lunch-1", ":20240501T120000Z"))))
    after = meetings(read(calendar(tmp_path, event("lunch-1", ":20240503T120000Z"))))
    assert before[0].key == after[0].key == "ics/lunch-1"
    assert before[0].occurred_at != after[0].occurred_at
