"""Merging two records of one person keeps their ledger, asks, offers and introductions (people.merging calls
givefirst.services.follow_merge), and undoing the merge gives each record back its own."""

from __future__ import annotations

import pytest

from netweave.core.errors import Invalid
from netweave.givefirst import introductions as intros
from netweave.givefirst import services
from netweave.givefirst.models import Ask, Exchange, Introduction, IntroductionStep, Offer
from netweave.nurture.tests.today_support import clock  # noqa: F401
from netweave.people import snapshots
from netweave.people.merging import merge_people, undo_merge
from netweave.people.models import Merge, Person
from netweave.people.services import new_origin

FORWARD = ["asked_a", "a_agreed", "asked_b", "b_agreed", "made"]


@pytest.fixture
def merge_origin(alice):
    return new_origin(alice, "merge", "test")


@pytest.fixture
def cast(alice, make_person, clock):  # noqa: F811
    """Two records of Ana, and Bo and Cy around them."""
    return {"kept": make_person("Ana Lima"), "removed": make_person("Ana M. Lima"),
            "bo": make_person("Bo Chen"), "cy": make_person("Cy Diaz")}


def givefirst_rows(owner) -> dict:
    """Every give-first row of the owner, as stored."""
    return {model.__name__: sorted(model.objects.filter(owner=owner).values(), key=lambda row: row["id"])
            for model in (Exchange, Ask, Offer, Introduction, IntroductionStep)}


def test_the_removed_records_ledger_asks_offers_and_introductions_move_to_the_kept_one(alice, cast, merge_origin):
    kept, removed, bo = cast["kept"], cast["removed"], cast["bo"]
    favour = services.record_exchange(alice, kind="favour", giver=removed, receiver=None, note="helped me move")
    brokered = services.record_exchange(alice, kind="referral", giver=bo, receiver=removed)
    ask = services.add_ask(alice, person=removed, kind="job", topic="a design job")
    offer = services.add_offer(alice, person=removed, kind="mentoring", topic="design systems")
    intro = intros.propose(alice, removed, bo, reason="Both design payments apps")
    intros.advance(intro, "asked_a")

    merge_people(kept, removed, origin=merge_origin)

    assert Exchange.objects.get(pk=favour.pk).giver == kept
    assert Exchange.objects.get(pk=brokered.pk).receiver == kept
    assert Ask.objects.get(pk=ask.pk).person == kept and Offer.objects.get(pk=offer.pk).person == kept
    moved = Introduction.objects.get(pk=intro.pk)
    assert (moved.person_a, moved.person_b, moved.state) == (kept, bo, "asked_a")
    assert list(moved.steps.values_list("to_state", flat=True)) == ["proposed", "asked_a"]


def test_what_passed_between_the_two_records_goes_with_the_merge(alice, cast, merge_origin):
    kept, removed, bo = cast["kept"], cast["removed"], cast["bo"]
    services.record_exchange(alice, kind="favour", giver=kept, receiver=removed)
    between = intros.propose(alice, kept, removed, reason="Two records of one person")
    for step in FORWARD:
        intros.advance(between, step)
    mine = services.record_exchange(alice, kind="advice", giver=None, receiver=removed)
    other = intros.propose(alice, removed, bo, reason="Both design")

    merge_people(kept, removed, origin=merge_origin)

    # An exchange of someone with themselves, and an introduction of someone to themselves, mean nothing.
    assert not Introduction.objects.filter(pk=between.pk).exists()
    assert not IntroductionStep.objects.filter(introduction_id=between.pk).exists()
    assert list(Exchange.objects.values_list("pk", "giver", "receiver")) == [(mine.pk, None, kept.pk)]
    assert Introduction.objects.get().pk == other.pk


def test_undoing_the_merge_gives_each_record_back_its_own_rows_exactly(alice, cast, merge_origin):
    kept, removed, bo, cy = cast["kept"], cast["removed"], cast["bo"], cast["cy"]
    services.record_exchange(alice, kind="favour", giver=removed, receiver=None)
    services.record_exchange(alice, kind="advice", giver=None, receiver=kept)
    services.record_exchange(alice, kind="referral", giver=bo, receiver=removed)
    services.add_ask(alice, person=removed, kind="job", topic="a design job")
    services.add_offer(alice, person=kept, kind="review", topic="portfolios")
    made = intros.propose(alice, removed, bo, reason="Both design")
    for step in FORWARD:
        intros.advance(made, step)
    intros.advance(intros.propose(alice, cy, removed, reason="Both sail"), "asked_a")
    before = givefirst_rows(alice), snapshots.capture(kept), snapshots.capture(removed)
    removed_id = removed.pk

    merge_people(kept, removed, origin=merge_origin)
    assert Exchange.objects.filter(giver=kept).count() == 1
    undo_merge(Merge.objects.latest("pk"))

    assert givefirst_rows(alice) == before[0]
    kept_after = snapshots.capture(kept)
    kept_after["pointers"]["people.merge.kept"] = []  # the merge row itself stays, pointing at the kept one
    assert (kept_after, snapshots.capture(Person.objects.get(pk=removed_id))) == before[1:]


def test_undo_brings_back_what_passed_between_the_two_records_but_not_that_introductions_steps(
        alice, cast, merge_origin):
    kept, removed = cast["kept"], cast["removed"]
    services.record_exchange(alice, kind="favour", giver=kept, receiver=removed)
    between = intros.propose(alice, removed, kept, reason="Two records of one person")
    for step in FORWARD:
        intros.advance(between, step)
    before = givefirst_rows(alice)

    merge_people(kept, removed, origin=merge_origin)
    undo_merge(Merge.objects.latest("pk"))

    after = givefirst_rows(alice)
    # The exchanges (the favour, and the two entries of the introduction, still linked to it) and the
    # introduction come back as they were; its step history went with the merge (steps are not a person's rows).
    assert {k: v for k, v in after.items() if k != "IntroductionStep"} == \
        {k: v for k, v in before.items() if k != "IntroductionStep"}
    assert Exchange.objects.filter(introduction=between).count() == 2
    assert after["IntroductionStep"] == []


def test_a_merge_that_would_leave_two_introductions_of_one_pair_under_way_is_refused(alice, cast, merge_origin):
    kept, removed, bo = cast["kept"], cast["removed"], cast["bo"]
    intros.propose(alice, kept, bo, reason="Both design")
    intros.propose(alice, bo, removed, reason="Both design, again")
    before = givefirst_rows(alice)
    with pytest.raises(Invalid) as exc:
        merge_people(kept, removed, origin=merge_origin)
    assert exc.value.errors["removed"] == (
        "Ana Lima and Ana M. Lima each have an introduction to Bo Chen under way; decline or expire one of "
        "them first")
    assert Person.objects.filter(pk=removed.pk).exists() and givefirst_rows(alice) == before
    assert not Merge.objects.filter(removed_id=removed.pk).exists()


def test_a_finished_introduction_of_the_same_pair_moves_beside_one_under_way(alice, cast, merge_origin):
    kept, removed, bo = cast["kept"], cast["removed"], cast["bo"]
    intros.propose(alice, kept, bo, reason="Both design")
    done = intros.propose(alice, removed, bo, reason="Before")
    intros.advance(done, "declined")
    merge_people(kept, removed, origin=merge_origin)
    assert sorted(Introduction.objects.values_list("state", flat=True)) == ["declined", "proposed"]
    assert set(Introduction.objects.values_list("person_a", flat=True)) == {kept.pk}


def test_merging_through_the_api_keeps_the_ledger_too(as_alice, alice, cast):
    kept, removed = cast["kept"], cast["removed"]
    entry = services.record_exchange(alice, kind="favour", giver=removed, receiver=None)
    response = as_alice.post(f"people/{kept.pk}/merge", {"other_id": removed.pk})
    assert response.status_code == 200, response.content
    assert Exchange.objects.get(pk=entry.pk).giver_id == kept.pk
