"""Events from calendar files: past and upcoming events, attendees matched by email, imported again without
duplicates, and a broken file refused naming its line with nothing written."""

from __future__ import annotations

from datetime import datetime, timezone as dt_timezone

import pytest

from netweave.core.errors import Invalid
from netweave.events.models import Event, EventPerson
from netweave.events.services import import_calendar

CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//netweave tests//EN
BEGIN:VEVENT
UID:summit-2025@example.org
SUMMARY:Climate Tech Summit
DTSTART:20250912T090000Z
DTEND:20250912T170000Z
LOCATION:Lisbon
URL:https://summit.example.org
DESCRIPTION:Talks and a long lunch.\\nBring cards.
ORGANIZER;CN=Summit Team:mailto:team@summit.example.org
ATTENDEE;CN=Ana Lima;PARTSTAT=ACCEPTED:mailto:ANA@acme.com
ATTENDEE;CN=Zoe Quist;PARTSTAT=ACCEPTED:mailto:zoe@example.org
ATTENDEE;CN=Nobody;PARTSTAT=DECLINED:mailto:nobody@example.org
ATTENDEE;CN=Room 4;CUTYPE=ROOM:mailto:room4@summit.example.org
ATTENDEE;CN=Me;PARTSTAT=ACCEPTED:mailto:alice@example.org
END:VEVENT
BEGIN:VEVENT
UID:pycon-2099@example.org
SUMMARY:PyCon Lisbon
DTSTART;VALUE=DATE:20990501
DTEND;VALUE=DATE:20990504
ATTENDEE;CN=Bo Chen:mailto:bo@example.org
END:VEVENT
BEGIN:VEVENT
UID:cancelled@example.org
SUMMARY:Cancelled meetup
DTSTART:20250301T180000Z
STATUS:CANCELLED
END:VEVENT
BEGIN:VEVENT
UID:weekly@example.org
SUMMARY:Weekly sync
DTSTART:20250106T090000Z
RRULE:FREQ=WEEKLY;COUNT=10
END:VEVENT
END:VCALENDAR
"""

BROKEN = CALENDAR.replace("DTSTART:20250912T090000Z", "DTSTART:the twelfth of September")


@pytest.fixture
def ics(tmp_path):
    def write(text: str, name: str = "events.ics"):
        path = tmp_path / name
        path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
        return path

    return write


def test_past_and_upcoming_events_are_imported_with_my_people_among_them_expected(alice, ics, make_person):
    alice.email = "alice@example.org"
    alice.save()
    ana = make_person("Ana Lima", emails=["ana@acme.com"])
    result = import_calendar(alice, path=ics(CALENDAR))
    assert sorted(e.name for e in result.created) == ["Climate Tech Summit", "PyCon Lisbon"]
    summit = Event.objects.get(owner=alice, name="Climate Tech Summit")
    assert summit.starts_at == datetime(2025, 9, 12, 9, tzinfo=dt_timezone.utc)
    assert summit.ends_at == datetime(2025, 9, 12, 17, tzinfo=dt_timezone.utc)
    assert (summit.location, summit.url) == ("Lisbon", "https://summit.example.org")
    assert summit.description == "Talks and a long lunch.\nBring cards."
    assert (summit.source, summit.external_id) == ("ics", "summit-2025@example.org")
    assert list(EventPerson.objects.filter(event=summit).values_list("person", "status")) == [(ana.pk, "expected")]
    assert result.expected == 1
    # Not in my network: kept as guests (me, rooms and those who declined are not).
    assert summit.guests == [{"name": "Summit Team", "email": "team@summit.example.org"},
                             {"name": "Zoe Quist", "email": "zoe@example.org"}]
    pycon = Event.objects.get(owner=alice, name="PyCon Lisbon")
    assert pycon.starts_at.date().isoformat() == "2099-05-01" and (pycon.ends_at - pycon.starts_at).days == 3
    reasons = dict(result.skipped)
    assert reasons["event 3 (line 26)"] == "was cancelled"
    assert reasons["event 4 (line 32)"].startswith("repeats: import it with `netweave import`")


def test_importing_the_same_file_again_updates_the_events_and_keeps_what_i_added(alice, ics, make_person, origin):
    from netweave.events.capturing import save_capture
    from netweave.events.services import add_goal

    ana = make_person("Ana Lima", emails=["ana@acme.com"])
    import_calendar(alice, path=ics(CALENDAR))
    summit = Event.objects.get(name="Climate Tech Summit")
    add_goal(summit, "meet two people working on batteries")
    save_capture(summit, "Ana Lima — batteries\nZoe Quist", origin=origin)
    moved = CALENDAR.replace("LOCATION:Lisbon", "LOCATION:Porto").replace("SUMMARY:Climate Tech Summit",
                                                                          "SUMMARY:Climate Summit")
    again = import_calendar(alice, path=ics(moved))
    assert not again.created and len(again.updated) == 2 and again.expected == 0
    assert Event.objects.filter(owner=alice).count() == 2
    summit.refresh_from_db()
    assert summit.location == "Porto" and summit.goals.count() == 1 and summit.interaction is not None
    assert summit.interaction.summary == "Climate Summit"  # the captured interaction follows its event
    assert EventPerson.objects.get(event=summit, person=ana).status == "met"


def test_a_broken_file_is_refused_naming_its_line_and_nothing_is_written(alice, ics, make_person):
    make_person("Ana Lima", emails=["ana@acme.com"])
    with pytest.raises(Invalid) as refused:
        import_calendar(alice, path=ics(BROKEN))
    assert refused.value.errors["file"].startswith("event 1 (line 7): DTSTART cannot be read")
    assert not Event.objects.exists() and not EventPerson.objects.exists()


def test_a_file_that_is_not_a_calendar_is_refused_and_uploads_are_read_alike(alice):
    with pytest.raises(Invalid) as refused:
        import_calendar(alice, data=b"Name,Email\nAna,ana@acme.com\n")
    assert refused.value.errors["file"].startswith("line 1: is not a calendar")
    result = import_calendar(alice, data=CALENDAR.encode())
    assert len(result.created) == 2


def test_events_sharing_one_uid_are_kept_apart_by_their_start(alice, ics):
    twin = CALENDAR.replace("UID:pycon-2099@example.org", "UID:summit-2025@example.org")
    result = import_calendar(alice, path=ics(twin))
    keys = sorted(e.external_id for e in result.created)
    assert keys[0].startswith("summit-2025@example.org/2025-09-12") and keys[1].startswith("summit-2025@example.org/2099")
    assert not import_calendar(alice, path=ics(twin)).created


def test_an_address_two_of_my_people_share_expects_neither(alice, ics, make_person):
    make_person("Ana Lima", emails=["ana@acme.com"])
    make_person("Ana L.", emails=["ana@acme.com"])
    import_calendar(alice, path=ics(CALENDAR))
    summit = Event.objects.get(name="Climate Tech Summit")
    assert not summit.people.exists() and "ana@acme.com" in [g["email"] for g in summit.guests]


def test_a_real_calendar_event_becomes_an_event_with_its_attendees(alice, realdata, make_person):
    jane = make_person("Jane Doe", emails=["janedoe@example.com"])
    result = import_calendar(alice, path=realdata / "ics" / "radicale" / "event1.ics")
    (event,) = result.created
    assert event.name == "Event" and event.external_id == "event1"
    assert event.starts_at == datetime(2013, 9, 1, 16, tzinfo=dt_timezone.utc)  # 18:00 in Paris, summer time
    assert [link.person for link in event.people.all()] == [jane]
    assert {g["email"] for g in event.guests} == {"unclesam@example.com", "johndoe@example.com"}


def test_every_real_calendar_is_imported_or_refused_naming_the_place(alice, realdata):
    for path in sorted((realdata / "ics").rglob("*.ics")):
        try:
            import_calendar(alice, path=path)
        except Invalid as exc:
            assert exc.errors["file"].split(":")[0], path
