"""parse_when: the "when" of an interaction as people say it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings as hsettings
from hypothesis import strategies as st
from django.utils import timezone

from netweave.interactions.when import WEEKDAYS, parse_when

UTC = ZoneInfo("UTC")
# Wednesday 15 May 2024, 09:30 UTC
NOW = datetime(2024, 5, 15, 9, 30, 12, 345, tzinfo=UTC)


def noon(year, month, day, tz=UTC) -> datetime:
    return datetime(year, month, day, 12, 0, tzinfo=tz)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("Yesterday", noon(2024, 5, 14)),
        ("  TOMORROW ", noon(2024, 5, 16)),
        ("3 days ago", noon(2024, 5, 12)),
        ("a week ago", noon(2024, 5, 8)),
        ("two weeks ago", noon(2024, 5, 1)),
        ("in 2 days", noon(2024, 5, 17)),
        ("a month ago", noon(2024, 4, 15)),
    ],
)
def test_it_reads_days_people_name_as_noon_that_day(said, expected):
    assert parse_when(said, now=NOW) == expected


def test_hours_and_minutes_ago_keep_the_time_of_day():
    assert parse_when("2 hours ago", now=NOW) == NOW - timedelta(hours=2)
    assert parse_when("an hour ago", now=NOW) == NOW - timedelta(hours=1)
    assert parse_when("in 30 minutes", now=NOW) == NOW + timedelta(minutes=30)


@pytest.mark.parametrize("said", ["", "now", "just now", None, "   "])
def test_nothing_said_means_now(said):
    assert parse_when(said, now=NOW) == NOW


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("last friday", noon(2024, 5, 10)),
        ("last tuesday", noon(2024, 5, 14)),
        ("last wednesday", noon(2024, 5, 8)),   # today is Wednesday: the one a week ago
        ("friday", noon(2024, 5, 10)),
        ("on monday", noon(2024, 5, 13)),
        ("next monday", noon(2024, 5, 20)),
        ("next thursday", noon(2024, 5, 16)),
        ("next wednesday", noon(2024, 5, 22)),  # strictly after today
    ],
)
def test_it_reads_weekdays_relative_to_today(said, expected):
    assert parse_when(said, now=NOW) == expected


@pytest.mark.parametrize("day", WEEKDAYS)
def test_last_weekday_is_strictly_before_today_and_within_a_week(day):
    for offset in range(7):
        now = NOW + timedelta(days=offset)
        found = parse_when(f"last {day}", now=now)
        assert now.date() - timedelta(days=7) <= found.date() < now.date()
        assert found.strftime("%A").lower() == day


@pytest.mark.parametrize("day", WEEKDAYS)
def test_next_weekday_is_strictly_after_today_and_within_a_week(day):
    for offset in range(7):
        now = NOW + timedelta(days=offset)
        found = parse_when(f"next {day}", now=now)
        assert now.date() < found.date() <= now.date() + timedelta(days=7)
        assert found.strftime("%A").lower() == day


def test_an_iso_date_without_a_time_is_noon_that_day():
    assert parse_when("2024-05-01", now=NOW) == noon(2024, 5, 1)


def test_an_iso_date_with_a_time_keeps_the_time_in_the_users_zone(settings):
    settings.TIME_ZONE = "Europe/Lisbon"
    found = parse_when("2024-05-01 14:00", now=NOW)
    assert found == datetime(2024, 5, 1, 14, 0, tzinfo=ZoneInfo("Europe/Lisbon"))
    assert timezone.is_aware(found)


def test_an_explicit_offset_is_kept():
    found = parse_when("2024-05-01T14:00:00+02:00", now=NOW)
    assert found == datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def test_today_in_the_morning_is_now_so_it_is_not_a_plan():
    # "Coffee with Ana today" logged at 09:30 happened already; noon would make it a plan.
    assert parse_when("today", now=NOW) == NOW


def test_today_after_noon_is_noon():
    assert parse_when("TODAY", now=NOW.replace(hour=17)) == noon(2024, 5, 15)


@pytest.mark.parametrize("said", ["9999-12-31 23:00 -0500", "1799-12-31", "2201-01-01", "0001-01-01", "300 years ago"])
def test_a_year_outside_1800_to_2200_is_refused_quoting_the_text(said):
    with pytest.raises(ValueError) as caught:
        parse_when(said, now=NOW)
    assert repr(said) in str(caught.value)


@pytest.mark.parametrize("said", ["1800-01-01", "2200-12-31 23:00 -0500"])
def test_the_first_and_last_years_allowed_are_read(said):
    assert parse_when(said, now=NOW).year in (1800, 2200)


def test_today_is_noon_in_the_users_zone_not_utc(settings):
    settings.TIME_ZONE = "Pacific/Auckland"
    # 09:30 UTC on 15 May is 21:30 on 15 May in Auckland.
    assert parse_when("today", now=NOW) == datetime(2024, 5, 15, 12, 0, tzinfo=ZoneInfo("Pacific/Auckland"))
    # 13:30 UTC on 15 May is already 16 May there.
    later = NOW.replace(hour=13)
    assert parse_when("yesterday", now=later) == datetime(2024, 5, 15, 12, 0, tzinfo=ZoneInfo("Pacific/Auckland"))


def test_every_answer_is_timezone_aware():
    for said in ("today", "3 days ago", "last friday", "2024-05-01", "2024-05-01 14:00", "May 3"):
        assert timezone.is_aware(parse_when(said, now=NOW)), said


@pytest.mark.parametrize("said", ["the day after the party", "blorp", "yesterday-ish", "32/13/2024", "next week sometime"])
def test_it_refuses_text_it_cannot_read_quoting_it(said):
    with pytest.raises(ValueError) as caught:
        parse_when(said, now=NOW)
    assert repr(said) in str(caught.value)


@pytest.mark.parametrize("said", ["99999999999 days ago", "10000 years ago", "in 999999999 weeks", "9" * 400 + " days ago"])
def test_an_absurd_distance_is_refused_as_unreadable_not_a_crash(said):
    with pytest.raises(ValueError) as caught:
        parse_when(said, now=NOW)
    assert "cannot read" in str(caught.value)


@given(st.text(max_size=60))
@hsettings(max_examples=500, deadline=None)
def test_it_never_raises_anything_but_value_error(text):
    try:
        found = parse_when(text, now=NOW)
    except ValueError:
        return
    assert timezone.is_aware(found)


@given(st.from_regex(r"\A(\d{1,12}|an?|one|two|three) (minute|hour|day|week|month|year)s? ago\Z"))
@hsettings(max_examples=300, deadline=None)
def test_any_distance_ago_is_a_moment_or_a_value_error(text):
    try:
        parse_when(text, now=NOW)
    except ValueError:
        pass
