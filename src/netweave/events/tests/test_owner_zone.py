"""Dates of events are the owner's, in their own time zone, not the server's: what a capture writes, what
counts as upcoming, and what the pages show."""

from __future__ import annotations

from datetime import datetime, timezone as dt_timezone

import pytest

from netweave.core import clock
from netweave.events import queries
from netweave.events.capturing import save_capture
from netweave.events.services import create_event
from netweave.nurture.models import NurtureSettings
from netweave.people.models import Person, Tie

from netweave.events.tests.test_views import client_of

EVENING_IN_UTC = datetime(2024, 5, 3, 20, 0, tzinfo=dt_timezone.utc)  # Saturday 4 May, 08:00 in Auckland


@pytest.fixture
def pycon(alice, settings):
    settings.TIME_ZONE = "UTC"
    NurtureSettings.objects.create(owner=alice, time_zone="Pacific/Auckland")
    return create_event(alice, {"name": "PyCon", "starts_at": EVENING_IN_UTC})


def test_a_capture_dates_how_we_met_on_the_owner_s_day(alice, pycon, origin):
    save_capture(pycon, "Zed New\n+ Yan Other", origin=origin)
    assert Person.objects.get(owner=alice, display_name="Zed New").met_how == "Met at PyCon on 4 May 2024"
    assert Tie.objects.get(owner=alice).evidence == "met together at PyCon on 4 May 2024"


def test_the_event_pages_show_its_time_in_the_owner_s_zone(alice, pycon):
    web = client_of(alice)
    assert "Saturday 4 May 2024, 08:00" in web.get(f"/events/{pycon.pk}/").content.decode()
    assert "Saturday 4 May 2024" in web.get(f"/events/{pycon.pk}/capture/").content.decode()
    assert "Sat 4 May 2024, 08:00" in web.get("/events/").content.decode()
    assert 'value="2024-05-04 08:00"' in web.get(f"/events/{pycon.pk}/edit/").content.decode()


def test_an_event_of_the_owner_s_today_is_upcoming_though_the_server_s_day_is_over(alice, pycon, monkeypatch):
    # 06:00 UTC on 4 May (the server's day after the event) is 18:00 on 4 May in Auckland: the event at 08:00
    # that morning is still today's, so upcoming.
    monkeypatch.setattr(clock, "now", lambda: datetime(2024, 5, 4, 6, 0, tzinfo=dt_timezone.utc))
    assert list(queries.events(alice, "upcoming")) == [pycon] and not queries.events(alice, "past").exists()
    # 13:00 UTC on 4 May is 5 May in Auckland: now it is past.
    monkeypatch.setattr(clock, "now", lambda: datetime(2024, 5, 4, 13, 0, tzinfo=dt_timezone.utc))
    assert list(queries.events(alice, "past")) == [pycon] and not queries.events(alice, "upcoming").exists()
