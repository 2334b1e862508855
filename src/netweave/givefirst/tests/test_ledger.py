"""The give-and-take ledger with a controlled clock: recording, changing and removing exchanges, each person's
balance and history, and the relationships that lean one way."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netweave.core.errors import Invalid
from netweave.givefirst import ledger
from netweave.givefirst.models import Exchange
from netweave.givefirst.services import add_ask, delete_exchange, record_exchange, update_exchange
from netweave.nurture.services import update_settings
from netweave.nurture.tests.today_support import NOW, clock  # noqa: F401
from netweave.people.services import archive_person

TODAY = NOW.date()  # Tuesday 10 March 2026, noon UTC


@pytest.fixture
def ana(make_person, clock):
    return make_person("Ana Lima", pronouns="she/her")


@pytest.fixture
def bo(make_person, clock):
    return make_person("Bo Chen")


def give(owner, n: int, *, giver=None, receiver=None, kind="favour", day=TODAY):
    for i in range(n):
        record_exchange(owner, kind=kind, giver=giver, receiver=receiver, day=day - timedelta(days=i))


def test_an_exchange_falls_on_today_in_the_users_own_time_zone(alice, ana):
    assert record_exchange(alice, kind="advice", giver=None, receiver=ana).day == TODAY
    update_settings(alice, time_zone="Pacific/Auckland")  # already Wednesday morning there
    assert record_exchange(alice, kind="advice", giver=ana, receiver=None).day == date(2026, 3, 11)


def test_a_day_after_the_users_today_is_refused(alice, ana):
    update_settings(alice, time_zone="Pacific/Auckland")
    record_exchange(alice, kind="favour", giver=None, receiver=ana, day=date(2026, 3, 11))
    with pytest.raises(Invalid) as exc:
        record_exchange(alice, kind="favour", giver=None, receiver=ana, day=date(2026, 3, 12))
    assert exc.value.errors["day"] == "is after today (2026-03-11); record what has already happened"
    assert Exchange.objects.count() == 1


@pytest.mark.parametrize("case, field", [
    ("me to me", "receiver"),
    ("one person on both sides", "receiver"),
    ("another owner's giver", "giver"),
    ("another owner's receiver", "receiver"),
    ("an unknown kind", "kind"),
    ("a time instead of a day", "day"),
    ("a note too long", "note"),
])
def test_a_bad_exchange_is_refused_naming_the_field_and_nothing_is_written(alice, bob, ana, make_person, case,
                                                                          field):
    bobs = make_person("Bo Chen", owner=bob)
    args = {"kind": "favour", "giver": None, "receiver": ana, "day": TODAY, "note": ""}
    args.update({
        "me to me": {"receiver": None},
        "one person on both sides": {"giver": ana},
        "another owner's giver": {"giver": bobs},
        "another owner's receiver": {"receiver": bobs},
        "an unknown kind": {"kind": "bribe"},
        "a time instead of a day": {"day": NOW},
        "a note too long": {"note": "x" * 2001},
    }[case])
    with pytest.raises(Invalid) as exc:
        record_exchange(alice, **args)
    assert list(exc.value.errors) == [field]
    assert not Exchange.objects.exists()


def test_an_exchange_is_changed_as_a_whole_and_a_change_that_breaks_it_is_refused(alice, ana, bo):
    entry = record_exchange(alice, kind="favour", giver=None, receiver=ana, note="Lent her my tent")
    update_exchange(entry, kind="resource", giver=bo, note="  Bo lent her his tent ")
    entry.refresh_from_db()
    assert (entry.kind, entry.giver, entry.receiver, entry.note) == ("resource", bo, ana, "Bo lent her his tent")
    assert entry.brokered
    with pytest.raises(Invalid) as exc:
        update_exchange(entry, receiver=bo)
    assert "receiver" in exc.value.errors
    with pytest.raises(Invalid) as exc:
        update_exchange(entry, owner=None)
    assert exc.value.errors == {"owner": "cannot be changed here"}
    entry.refresh_from_db()
    assert (entry.giver, entry.receiver) == (bo, ana)


def test_a_deleted_exchange_leaves_the_balance(alice, ana):
    give(alice, 2, receiver=ana)
    delete_exchange(Exchange.objects.first())
    assert ledger.balance(alice, ana).gave == 1


def test_a_balance_counts_each_way_and_brokered_ones_apart(alice, ana, bo, make_person):
    give(alice, 6, receiver=ana, day=TODAY - timedelta(days=3))
    give(alice, 1, giver=ana, kind="advice", day=TODAY - timedelta(days=20))
    give(alice, 2, giver=ana, receiver=bo, kind="referral", day=TODAY)
    give(alice, 4, receiver=make_person("Cy Diaz"))  # someone else's: not Ana's
    balance = ledger.balance(alice, ana)
    assert (balance.gave, balance.received, balance.brokered) == (6, 1, 2)
    assert balance.last_day == TODAY
    assert balance.words == "you gave 6, received 1; brokered 2"
    assert ledger.balance(alice, bo).words == "you gave 0, received 0; brokered 2"


def test_someone_with_no_exchanges_has_an_empty_balance(alice, ana):
    assert ledger.balance(alice, ana) == ledger.Balance(0, 0, 0, None, "nothing exchanged yet")


def test_balances_for_many_people_take_one_query_and_ignore_other_owners(alice, bob, ana, bo, make_person,
                                                                        django_assert_num_queries):
    cy = make_person("Cy Diaz")
    give(alice, 3, receiver=ana)
    give(alice, 2, giver=bo)
    give(alice, 1, giver=ana, receiver=bo)
    give(bob, 5, receiver=make_person("Di Evans", owner=bob))
    with django_assert_num_queries(1):
        balances = ledger.balances_for(alice, [ana.pk, bo.pk, cy.pk])
    assert {pid: b.words for pid, b in balances.items()} == {
        ana.pk: "you gave 3, received 0; brokered 1",
        bo.pk: "you gave 0, received 2; brokered 1",
        cy.pk: "nothing exchanged yet",
    }
    assert ledger.balances_for(alice, []) == {}


def test_balances_for_a_very_long_list_read_the_whole_ledger_and_agree(alice, ana, bo, monkeypatch,
                                                                       django_assert_num_queries):
    give(alice, 3, receiver=ana)
    give(alice, 1, giver=ana, receiver=bo)
    expected = ledger.balances_for(alice, [ana.pk, bo.pk])
    monkeypatch.setattr(ledger, "ID_FILTER_LIMIT", 1)
    with django_assert_num_queries(1):
        assert ledger.balances_for(alice, [ana.pk, bo.pk]) == expected
    assert ledger.balances_for(alice, [ana.pk])[ana.pk].brokered == 1


def test_history_has_both_directions_and_brokered_ones_newest_first(alice, ana, bo, make_person):
    cy = make_person("Cy Diaz")
    old = record_exchange(alice, kind="favour", giver=None, receiver=ana, day=TODAY - timedelta(days=9))
    back = record_exchange(alice, kind="advice", giver=ana, receiver=None, day=TODAY - timedelta(days=5))
    brokered = record_exchange(alice, kind="referral", giver=bo, receiver=ana, day=TODAY)
    record_exchange(alice, kind="favour", giver=None, receiver=cy)
    assert ledger.history(alice, ana) == [brokered, back, old]
    assert ledger.history(alice, ana, limit=2) == [brokered, back]
    assert ledger.history(alice, cy)[0].receiver == cy


def test_all_give_and_no_take_is_one_sided_with_a_gentle_nudge_either_way(alice, ana, bo):
    give(alice, 5, receiver=ana)
    give(alice, 4, giver=bo)
    found = {row.display_name: row for row in ledger.one_sided(alice)}
    assert set(found) == {"Ana Lima", "Bo Chen"}
    assert (found["Ana Lima"].gave, found["Ana Lima"].received, found["Ana Lima"].leans) == (5, 0, "me")
    assert found["Ana Lima"].nudge == ("You've helped Ana 5 times; nothing back yet — that's fine, but you could "
                                       "let her know what you're working on.")
    assert (found["Bo Chen"].gave, found["Bo Chen"].received, found["Bo Chen"].leans) == (0, 4, "them")
    assert found["Bo Chen"].nudge == "Bo has helped you 4 times; is there something you could offer?"


@pytest.mark.parametrize("mine, theirs, listed", [
    (3, 0, True),    # the threshold, nothing back
    (2, 0, False),   # too few to call it a pattern
    (8, 2, True),    # four to one is a strong lean
    (7, 2, False),   # not strong enough
    (4, 4, False),   # balanced
    (0, 3, True),
    (1, 5, True),
])
def test_a_relationship_is_one_sided_when_it_leans_strongly(alice, ana, mine, theirs, listed):
    give(alice, mine, receiver=ana)
    give(alice, theirs, giver=ana)
    assert bool(ledger.one_sided(alice)) is listed
    assert bool(ledger.one_sided(alice, min_count=mine + theirs + 1)) is False


def test_the_nudge_counts_what_came_back_and_names_what_they_are_looking_for(alice, ana, bo):
    give(alice, 8, receiver=ana)
    give(alice, 2, giver=ana)
    give(alice, 1, receiver=bo)
    give(alice, 5, giver=bo)
    add_ask(alice, person=bo, kind="hire", topic="a senior Rust engineer")
    rows = ledger.one_sided(alice)
    assert [row.display_name for row in rows] == ["Ana Lima", "Bo Chen"]  # the most lopsided first
    assert rows[0].nudge == ("You've helped Ana 8 times; Ana has helped you twice — that's fine, but you could "
                             "let her know what you're working on.")
    assert rows[1].nudge == ("Bo has helped you 5 times and you've helped them once; is there something you "
                             "could offer? Bo is looking for a senior Rust engineer.")


def test_brokered_exchanges_archived_people_and_other_owners_are_not_one_sided(alice, bob, ana, bo, make_person,
                                                                             django_assert_max_num_queries):
    give(alice, 5, giver=ana, receiver=bo)
    cy = make_person("Cy Diaz")
    give(alice, 5, receiver=cy)
    archive_person(cy)
    give(bob, 5, receiver=make_person("Di Evans", owner=bob))
    with django_assert_max_num_queries(4):
        assert ledger.one_sided(alice) == []


def test_the_one_sided_list_stops_at_its_limit(alice, ana, bo):
    give(alice, 6, receiver=ana)
    give(alice, 3, receiver=bo)
    assert [row.display_name for row in ledger.one_sided(alice, limit=1)] == ["Ana Lima"]
