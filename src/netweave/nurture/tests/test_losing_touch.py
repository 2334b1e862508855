"""Ties going cold, and dormant ties worth reviving with what we had in common."""

from __future__ import annotations

from datetime import date, timedelta

from netweave.nurture.losing import losing_touch
from netweave.nurture.models import Strength, StrengthPoint
from netweave.nurture.tests.today_support import NOW, clock, no_strengths, person, strength, talk  # noqa: F401
from netweave.people.services import add_affiliation, archive_person, link_people


def test_a_tie_past_twice_its_cadence_is_going_cold_and_one_just_overdue_is_not(alice, person):
    person("Just overdue", circle="close", contacted=45)
    person("Twice over", circle="close", contacted=61)
    person("Exactly twice", circle="close", contacted=60)
    found = losing_touch(alice)
    assert [c.display_name for c in found.cold] == ["Twice over"]
    assert found.cold[0].reason == "close circle, every month: last contact 61 days ago, 31 days overdue"


def test_people_never_contacted_or_archived_are_not_going_cold(alice, person):
    person("Never contacted", circle="inner", added=300)
    archive_person(person("Archived", circle="inner", contacted=100))
    assert losing_touch(alice).cold == []


def test_a_strength_that_fell_a_lot_within_a_year_is_going_cold_though_not_past_twice_the_cadence(alice, person):
    ana = person("Ana Lima", circle="active", contacted=100)
    bo = person("Bo Chen", circle="active", contacted=100)
    strength(ana, 30)
    strength(bo, 60)
    for who, peak in ((ana, 75), (bo, 70)):
        StrengthPoint.objects.create(owner=alice, person=who, day=date(2025, 9, 1), score=peak)
    found = losing_touch(alice)
    assert [c.display_name for c in found.cold] == ["Ana Lima"]
    assert found.cold[0].reason == ("active circle, every quarter: last contact 100 days ago; "
                                    "strength fell from 75 to 30 within a year")


def test_a_formerly_strong_tie_silent_three_years_is_dormant_with_what_we_had_in_common(alice, person, clock):
    ana = person("Ana Lima", circle="wide", added=3000, met_how="On the same panel at PyCon",
                 tags=["open source"], interests=["sailing"], expertise=["compilers"])
    for n in range(12):
        talk(ana, 1200 + 30 * n, clock=clock)
    add_affiliation(ana, "Tidewater", title="CTO", start=date(2019, 1, 1), end=date(2022, 6, 30))
    add_affiliation(ana, "Oakleaf", start=date(2023, 1, 1))
    add_affiliation(ana, "Old School", start=date(2005, 1, 1), end=date(2009, 1, 1))
    friend = person("Bo Chen", circle="close", contacted=5)
    quiet = person("Cy Diaz", circle="wide", contacted=900)
    link_people(alice, ana, quiet, "friend")
    link_people(alice, friend, ana, "colleague")
    found = losing_touch(alice)
    assert [d.display_name for d in found.dormant] == ["Ana Lima"]
    item = found.dormant[0]
    assert item.interactions == 12
    assert item.reason == "12 interactions from 2021 to 2022; no contact for 3 years"
    common = item.common
    assert common["met_how"] == "On the same panel at PyCon"
    assert (common["tags"], common["interests"], common["expertise"]) == (["open source"], ["sailing"], ["compilers"])
    assert [m["display_name"] for m in common["mutual"]] == ["Bo Chen", "Cy Diaz"]  # in touch with Bo lately
    assert [o["name"] for o in common["organisations"]] == ["Tidewater"]  # where she was when we talked


def test_a_weak_tie_long_silent_is_not_dormant_but_a_close_circle_or_high_past_strength_is(alice, person, clock):
    person("Met once", circle="wide", added=2000, contacted=1500)
    person("Close once", circle="close", added=2000, contacted=1500)
    peak = person("Strong once", circle="wide", added=2000, contacted=1500)
    StrengthPoint.objects.create(owner=alice, person=peak, day=(NOW - timedelta(days=1600)).date(), score=80)
    found = losing_touch(alice)
    assert sorted(d.display_name for d in found.dormant) == ["Close once", "Strong once"]
    assert {d.display_name for d in found.cold}.isdisjoint({"Close once", "Strong once"})  # dormant, not cold


def test_a_stranger_sees_nobody_losing_touch(alice, charlie, person):
    person("Twice over", circle="close", contacted=61)
    found = losing_touch(charlie)
    assert found.cold == [] and found.dormant == []
    assert not Strength.objects.filter(owner=charlie).exists()


def test_each_list_is_limited_most_pressing_first(alice, person):
    for n in range(6):
        person(f"Person {n}", circle="close", contacted=70 + 10 * n)
    no_strengths(alice)
    found = losing_touch(alice, limit=2)
    assert [c.display_name for c in found.cold] == ["Person 5", "Person 4"] and found.cold_count == 6
