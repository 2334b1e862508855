"""The calendar feed: parsed back with icalendar, stable UIDs, no login, and a 404 for any token not Alice's
current one."""

from __future__ import annotations

from datetime import date

from django.test import Client
from icalendar import Calendar

from netweave.reminders import services
from netweave.reminders.tests.support import clock, due, person  # noqa: F401


def read(client, token):
    return client.get(f"/feed/{token}.ics")


def events(response) -> dict[str, tuple[date, str]]:
    cal = Calendar.from_ical(response.content)
    return {str(e["UID"]): (e.decoded("DTSTART"), str(e["SUMMARY"])) for e in cal.walk("VEVENT")}


def test_the_feed_lists_check_ins_due_and_birthdays_with_no_login(alice, due):
    token = services.create_feed_token(alice)
    response = read(Client(), token)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    found = events(response)
    ana, dee = due[0], due[3]
    assert found[f"checkin-{ana.pk}@netweave"] == (date(2026, 3, 10), "Reach out to Ana Lima")
    assert found[f"birthday-{dee.pk}-2026@netweave"] == (date(2026, 3, 17), "Birthday: Dee Eze (turns 40)")


def test_uids_stay_the_same_from_one_reading_to_the_next(alice, due, clock):
    token = services.create_feed_token(alice)
    first = set(events(read(Client(), token)))
    clock.advance(hours=2)
    assert set(events(read(Client(), token))) == first


def test_a_wrong_token_a_revoked_one_and_a_replaced_one_are_404(alice, due):
    old = services.create_feed_token(alice)
    new = services.create_feed_token(alice)
    assert read(Client(), old).status_code == 404
    assert read(Client(), "nwf_" + "x" * 43).status_code == 404
    assert read(Client(), new).status_code == 200
    assert services.revoke_feed_token(alice) is True
    assert read(Client(), new).status_code == 404
    assert services.revoke_feed_token(alice) is False


def test_the_token_is_stored_only_as_its_hash(alice):
    token = services.create_feed_token(alice)
    row = services.settings_of(alice)
    assert token not in (row.feed_digest, row.feed_prefix) and row.feed_prefix == token[:10]


def test_another_users_token_never_shows_alices_people(alice, charlie, due):
    services.create_feed_token(alice)
    theirs = services.create_feed_token(charlie)
    response = read(Client(), theirs)
    assert response.status_code == 200
    assert events(response) == {} and b"Ana Lima" not in response.content


def test_alice_logged_in_still_needs_the_token(alice, due, client):
    client.force_login(alice)
    assert read(client, "nwf_wrong").status_code == 404
