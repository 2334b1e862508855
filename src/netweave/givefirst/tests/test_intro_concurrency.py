"""Two advances of one introduction at the same moment, from two threads on two database connections: exactly one
applies, the other is told what the state now is, and nothing is applied twice. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from django.db import connections

from netweave.core.errors import Invalid
from netweave.givefirst import introductions as intros
from netweave.givefirst.introductions import Conflict
from netweave.givefirst.models import Exchange, Introduction, IntroductionStep
from netweave.nurture.models import FollowUp
from netweave.people.models import Tie

pytestmark = pytest.mark.django_db(transaction=True)
ROUTE_TO_B_AGREED = ["asked_a", "a_agreed", "asked_b", "b_agreed"]


@pytest.fixture(autouse=True)
def database_for_threads(transactional_db, tmp_path):
    """One database that each thread reaches through its own connection, where a second writer waits for the
    first. SQLite's shared in-memory test database cannot make a writer wait (it fails at once with "table is
    locked"), so on SQLite the race runs on a file copy, opened as in production: WAL, BEGIN IMMEDIATE and a
    busy timeout. PostgreSQL's test database is used as it is."""
    conn = connections["default"]
    if conn.vendor != "sqlite" or not conn.is_in_memory_db():
        yield
        return
    conn.ensure_connection()
    path = tmp_path / "race.sqlite3"
    copy = sqlite3.connect(path)
    conn.connection.backup(copy)  # the migrated, empty schema
    copy.close()
    memory_name, memory_link = conn.settings_dict["NAME"], conn.connection
    conn.settings_dict["NAME"] = str(path)  # the same dict every thread's new connection is opened from
    conn.connection = None
    try:
        yield
    finally:
        conn.close()
        conn.settings_dict["NAME"], conn.connection = memory_name, memory_link


def race(intro_id: int, targets: list[str]) -> list:
    """Each thread loads the introduction, waits until all have read the same state, then advances it to its
    target. Returns, per thread, the introduction it moved or the exception it got."""
    barrier = threading.Barrier(len(targets))
    results: list = [None] * len(targets)

    def run(i: int) -> None:
        try:
            intro = Introduction.objects.get(pk=intro_id)
            barrier.wait(timeout=20)
            results[i] = intros.advance(intro, targets[i], note=f"thread {i}")
        except Exception as exc:  # noqa: BLE001  (handed back to the test, which says what it expected)
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(targets))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results


def introduction_at(state_route: list[str], owner, a, b) -> Introduction:
    intro = intros.propose(owner, a, b, reason="Both building payments in Lisbon")
    for step in state_route:
        intros.advance(intro, step)
    return intro


def test_two_people_making_one_introduction_at_once_make_it_once(alice, make_person):
    ana, bo = make_person("Ana Lima"), make_person("Bo Chen")
    intro = introduction_at(ROUTE_TO_B_AGREED, alice, ana, bo)
    results = race(intro.pk, ["made", "made"])
    won = [r for r in results if isinstance(r, Introduction)]
    lost = [r for r in results if isinstance(r, Conflict)]
    assert (len(won), len(lost)) == (1, 1), results
    assert lost[0].state == "made"
    assert lost[0].errors["state"].startswith("it is made now, no longer b_agreed")
    row = Introduction.objects.get(pk=intro.pk)
    assert row.state == "made"
    assert Tie.objects.filter(kind="introduced").count() == 1
    assert row.tie_id == Tie.objects.get().pk
    assert list(Exchange.objects.filter(introduction=row).order_by("receiver_id")
                .values_list("receiver_id", flat=True)) == sorted([ana.pk, bo.pk])
    assert FollowUp.objects.count() == 2
    steps = list(row.steps.values_list("from_state", "to_state"))
    assert steps == [("", "proposed"), ("proposed", "asked_a"), ("asked_a", "a_agreed"), ("a_agreed", "asked_b"),
                     ("asked_b", "b_agreed"), ("b_agreed", "made")]


def test_a_decline_and_an_agreement_at_once_apply_exactly_one_of_them(alice, make_person):
    ana, bo = make_person("Ana Lima"), make_person("Bo Chen")
    intro = introduction_at(["asked_a"], alice, ana, bo)
    results = race(intro.pk, ["a_agreed", "declined"])
    won = [r for r in results if isinstance(r, Introduction)]
    lost = [r for r in results if isinstance(r, Conflict)]
    assert (len(won), len(lost)) == (1, 1), results
    row = Introduction.objects.get(pk=intro.pk)
    assert row.state == won[0].state == lost[0].state
    assert row.declined_by == ("a" if row.state == "declined" else "")
    last = IntroductionStep.objects.filter(introduction=row).last()
    assert (last.from_state, last.to_state) == ("asked_a", row.state)
    assert IntroductionStep.objects.filter(introduction=row).count() == 3
    assert not Tie.objects.exists() and not Exchange.objects.exists()


def test_two_proposals_of_one_pair_at_once_make_one_introduction(alice, make_person):
    ana, bo = make_person("Ana Lima"), make_person("Bo Chen")
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def run(i: int, a_id: int, b_id: int) -> None:
        from netweave.people.models import Person

        try:
            a, b = Person.objects.get(pk=a_id), Person.objects.get(pk=b_id)
            barrier.wait(timeout=20)
            results[i] = intros.propose(alice, a, b, reason=f"thread {i}")
        except Exception as exc:  # noqa: BLE001  (handed back to the test)
            results[i] = exc
        finally:
            connections.close_all()

    # Both ways round: the pair is the same whichever of them is asked first.
    threads = [threading.Thread(target=run, args=(0, ana.pk, bo.pk)),
               threading.Thread(target=run, args=(1, bo.pk, ana.pk))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    won = [r for r in results if isinstance(r, Introduction)]
    refused = [r for r in results if type(r) is Invalid]
    assert (len(won), len(refused)) == (1, 1), results
    assert "is already under way (proposed)" in refused[0].errors["person_b"]
    assert Introduction.objects.count() == 1 and IntroductionStep.objects.count() == 1
