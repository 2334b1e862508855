"""Strengths in the database: current as soon as an interaction is logged, changed, imported or merged, with a
point a day of history, for the owner alone."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from netweave.core import clock
from netweave.demo.generator import build_demo
from netweave.importers.records import ContactRef, InteractionRecord, PersonRecord
from netweave.importers.tests.fakes import run
from netweave.importers.undo import undo_import
from netweave.interactions.services import delete_interaction, log_interaction, update_interaction
from netweave.nurture.models import NurtureSettings, Strength, StrengthPoint
from netweave.nurture.strengths import recompute_all, refresh_strengths
from netweave.people.merging import merge_people, undo_merge
from netweave.people.models import Merge, Person
from netweave.people.services import new_origin, settle_passed_plans

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def moment(monkeypatch):
    """The services' clock, pinned at NOW; tests move it with moment["now"] = ..."""
    moment = {"now": NOW}
    monkeypatch.setattr(clock, "now", lambda: moment["now"])
    return moment


@pytest.fixture
def ana(make_person, moment):
    return make_person("Ana Lima")


@pytest.fixture
def bo(make_person, moment):
    return make_person("Bo Chen")


def meet(owner, people, days_ago: float, kind: str = "meeting", by: str = ""):
    return log_interaction(owner, kind=kind, occurred_at=NOW - timedelta(days=days_ago), participants=people,
                           summary=f"{kind} {days_ago} days ago", initiated_by=by)


def strength(person) -> Strength:
    return Strength.objects.get(person=person)


def test_logging_an_interaction_gives_its_people_a_strength_at_once(alice, ana, bo):
    meet(alice, [ana, bo], 2)
    for person in (ana, bo):
        row = strength(person)
        assert row.score > 0 and row.owner == alice and row.computed_at == NOW
        assert row.explanation == "1 meeting in the past year; last meeting 2 days ago"
        assert set(row.parts) == {"recency", "frequency", "depth", "balance", "known"}
    assert list(StrengthPoint.objects.filter(person=ana).values_list("day", "score")) == [(NOW.date(), strength(ana).score)]


def test_the_score_decays_with_the_users_half_life(alice, ana, moment):
    NurtureSettings.objects.create(owner=alice, half_life_days=30)
    meet(alice, [ana], 0)
    assert strength(ana).parts["recency"] == 1.0
    before = strength(ana).score
    moment["now"] = NOW + timedelta(days=30)
    recompute_all(alice)
    assert strength(ana).parts["recency"] == 0.5
    assert strength(ana).score < before
    moment["now"] = NOW + timedelta(days=60)
    recompute_all(alice)
    assert strength(ana).parts["recency"] == 0.25


def test_a_weekly_meeting_partner_outranks_a_yearly_emailer(alice, ana, bo):
    for week in range(20):
        meet(alice, [ana], 7 * week + 1, by="me" if week % 2 else "them")
    for year in range(3):
        meet(alice, [bo], 365 * year + 180, kind="email", by="me")
    assert strength(ana).score > 60 > 15 > strength(bo).score
    assert strength(ana).explanation.startswith("20 meetings in the past year; last meeting yesterday")


def test_a_mass_mail_counts_almost_nothing(alice, make_person, moment):
    crowd = [make_person(f"Reader {i}") for i in range(30)]
    meet(alice, crowd, 1, kind="email", by="me")
    assert all(row.score <= 1 for row in Strength.objects.filter(person__in=crowd))
    assert strength(crowd[0]).explanation == "1 mass mail in the past year; last mass mail yesterday"


def test_plans_do_not_count_until_their_time_comes(alice, ana, moment):
    meet(alice, [ana], -3)
    assert strength(ana).score == 0 and strength(ana).explanation == "no contact logged yet"
    moment["now"] = NOW + timedelta(days=4)
    assert settle_passed_plans(alice) == 1
    assert strength(ana).score > 0 and "last meeting yesterday" in strength(ana).explanation


def test_editing_an_interaction_updates_the_strengths(alice, ana, bo):
    interaction = meet(alice, [ana], 2)
    fresh = strength(ana).score
    update_interaction(interaction, occurred_at=NOW - timedelta(days=300))
    assert strength(ana).score < fresh and "last meeting 10 months ago" in strength(ana).explanation
    older = strength(ana).score
    update_interaction(interaction, kind="email")
    assert strength(ana).score < older and "last email" in strength(ana).explanation
    update_interaction(interaction, participants=[bo])
    assert strength(ana).score == 0 and strength(ana).explanation == "no contact logged yet"
    assert strength(bo).score > 0


def test_deleting_an_interaction_updates_the_strengths(alice, ana):
    meet(alice, [ana], 40)
    interaction = meet(alice, [ana], 2, kind="call")
    assert "last call 2 days ago" in strength(ana).explanation
    delete_interaction(interaction)
    assert strength(ana).explanation == "1 meeting in the past year; last meeting 40 days ago"


def test_an_import_updates_the_strengths_of_the_people_it_touches_and_its_undo_puts_them_back(
        alice, ana, moment, tmp_path):
    meet(alice, [ana], 100)
    before = (strength(ana).score, strength(ana).explanation)
    records = [
        PersonRecord("row 1", {"display_name": "Cy Doe", "emails": ["cy@doe.org"]}),
        InteractionRecord("event 1", "ev-1", "meeting", NOW - timedelta(days=1), "Kick-off",
                          [ContactRef(name="Ana Lima"), ContactRef(email="cy@doe.org")]),
    ]
    _, imported = run(alice, records, tmp_path)
    cy = Person.objects.get(owner=alice, display_name="Cy Doe")
    assert strength(cy).explanation == "1 meeting in the past year; last meeting yesterday"
    assert strength(ana).score > before[0] and "2 meetings" in strength(ana).explanation
    undo_import(imported)
    assert (strength(ana).score, strength(ana).explanation) == before


def test_a_merge_adds_both_histories_and_can_still_be_undone_after_a_recompute(alice, make_person, moment):
    kept, removed = make_person("Ana Lima"), make_person("Ana M. Lima")
    removed_id = removed.pk
    meet(alice, [kept], 10)
    for days in (3, 20, 30):
        meet(alice, [removed], days, kind="call")
    merge_people(kept, removed, origin=new_origin(alice, "merge", "test"))
    assert strength(kept).explanation.startswith("1 meeting and 3 calls in the past year; last call 3 days ago")
    assert not Strength.objects.filter(person_id=removed_id).exists()
    moment["now"] = NOW + timedelta(days=1)
    recompute_all(alice)  # a night's recompute is not an edit: the merge can still be undone
    undo_merge(Merge.objects.get(owner=alice))
    assert strength(kept).explanation.startswith("1 meeting in the past year")
    assert strength(Person.objects.get(pk=removed_id)).explanation.startswith("3 calls in the past year")


def test_history_keeps_one_point_a_day_updated_in_place(alice, ana, moment):
    meet(alice, [ana], 5)
    first = StrengthPoint.objects.get(person=ana)
    meet(alice, [ana], 1, kind="call")
    again = StrengthPoint.objects.get(person=ana)
    assert again.pk == first.pk and again.score == strength(ana).score > first.score
    moment["now"] = NOW + timedelta(days=1)
    meet(alice, [ana], 0)
    days = list(StrengthPoint.objects.filter(person=ana).values_list("day", flat=True))
    assert days == [NOW.date(), NOW.date() + timedelta(days=1)]


def test_a_score_that_stands_still_writes_no_point(alice, ana, bo, moment):
    meet(alice, [ana], 5)
    recompute_all(alice)
    recompute_all(alice)
    assert StrengthPoint.objects.filter(person=ana).count() == 1
    assert strength(bo).score == 0 and not StrengthPoint.objects.filter(person=bo).exists()


def test_the_users_time_zone_decides_what_today_is(alice, ana, bo, moment):
    NurtureSettings.objects.create(owner=alice, time_zone="Pacific/Auckland")  # NOW is 01:00 on the 16th there
    log_interaction(alice, kind="call", occurred_at=datetime(2026, 3, 15, 11, 30, tzinfo=timezone.utc),
                    participants=[ana], summary="Call at half past midnight in Auckland")
    log_interaction(alice, kind="meeting", occurred_at=datetime(2026, 3, 15, 10, 30, tzinfo=timezone.utc),
                    participants=[bo], summary="Dinner until half past eleven in Auckland")
    assert "last call today" in strength(ana).explanation
    assert "last meeting yesterday" in strength(bo).explanation
    assert StrengthPoint.objects.get(person=ana).day == date(2026, 3, 16)
    NurtureSettings.objects.filter(owner=alice).update(time_zone="America/New_York")  # 08:00 on the 15th there
    refresh_strengths(alice, [ana.pk, bo.pk])
    assert "last call today" in strength(ana).explanation and "last meeting today" in strength(bo).explanation
    assert not StrengthPoint.objects.filter(day=date(2026, 3, 15)).exists()  # the same scores: no new point


def test_refreshing_many_people_takes_as_many_queries_as_refreshing_a_few(alice, make_person, moment):
    def queries(count: int) -> int:
        people = [make_person(f"Person {count}-{i}") for i in range(count)]
        for i, person in enumerate(people):
            meet(alice, [person, people[i - 1]], i + 1)
        Strength.objects.filter(person__in=people).update(score=99)  # so every score moves and writes a point
        with CaptureQueriesContext(connection) as captured:
            refresh_strengths(alice, [p.pk for p in people])
        return len(captured)

    assert queries(3) == queries(40) <= 8


def test_recompute_all_gives_everyone_a_strength_and_says_how_far_it_got(alice, ana, bo, make_person):
    meet(alice, [ana], 3)
    seen = []
    assert recompute_all(alice, lambda done, total: seen.append((done, total))) == 2
    assert Strength.objects.filter(owner=alice).count() == 2 and seen == [(2, 2)]
    assert strength(bo).explanation == "no contact logged yet"


def test_the_demo_network_comes_with_strengths(alice, moment):
    build_demo(alice, people=60, seed=3, now=NOW)
    assert Strength.objects.filter(owner=alice).count() == 60
    assert Strength.objects.filter(owner=alice, score__gt=20).exists()


def test_the_person_page_shows_the_strength_its_reasons_and_its_trend(client, alice, ana, moment):
    meet(alice, [ana], 30)
    for day in (1, 2, 3):
        moment["now"] = NOW + timedelta(days=day * 20)
        meet(alice, [ana], -day * 20 + 1, kind="call")
    client.force_login(alice)
    page = client.get(reverse("people:detail", args=[ana.pk])).content.decode()
    row = strength(ana)
    assert f"{row.score}<small" in page and row.explanation[1:40] in page
    assert "<polyline points=" in page and StrengthPoint.objects.filter(person=ana).count() == 4


def test_a_person_without_a_stored_strength_still_shows_one_on_their_page(client, alice, ana):
    client.force_login(alice)
    page = client.get(reverse("people:detail", args=[ana.pk])).content.decode()
    assert "No contact logged yet" in page and "<polyline" not in page
    assert not Strength.objects.exists()  # showing a page writes nothing


def test_nobody_else_sees_or_gets_alices_strengths(client, alice, bob, charlie, ana, make_person):
    meet(alice, [ana], 3)
    bobs = make_person("Ana Lima", owner=bob)
    refresh_strengths(alice, [bobs.pk])  # another owner's id is not Alice's to refresh
    recompute_all(alice)
    assert not Strength.objects.filter(person=bobs).exists()
    assert not Strength.objects.exclude(owner=alice).exists() and not StrengthPoint.objects.exclude(owner=alice).exists()
    client.force_login(charlie)
    assert client.get(reverse("people:detail", args=[ana.pk])).status_code == 404
    client.force_login(bob)
    page = client.get(reverse("people:detail", args=[bobs.pk])).content.decode()
    assert "No contact logged yet" in page and strength(ana).explanation.capitalize() not in page
