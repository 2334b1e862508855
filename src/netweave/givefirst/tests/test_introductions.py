"""Introductions with double opt-in: proposing, every legal and illegal move, what making one does, stale ones
expiring, and the board."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netweave.core.errors import Invalid
from netweave.givefirst import introductions as intros
from netweave.givefirst.introductions import Conflict, IllegalTransition
from netweave.givefirst.models import Exchange, Introduction, IntroductionStep
from netweave.givefirst.services import add_ask
from netweave.nurture.models import FollowUp
from netweave.nurture.tests.today_support import NOW, clock  # noqa: F401
from netweave.people.models import Tie
from netweave.people.services import link_people

TODAY = NOW.date()
STATES = ["proposed", "asked_a", "a_agreed", "asked_b", "b_agreed", "made", "concluded", "declined", "expired"]
# The machine as the issue describes it, written out by hand rather than read from the code under test.
FORWARD = {("proposed", "asked_a"), ("asked_a", "a_agreed"), ("a_agreed", "asked_b"), ("asked_b", "b_agreed"),
           ("b_agreed", "made"), ("made", "concluded")}
BEFORE_MADE = ["proposed", "asked_a", "a_agreed", "asked_b", "b_agreed"]
LEGAL = FORWARD | {(s, "declined") for s in BEFORE_MADE} | {(s, "expired") for s in BEFORE_MADE}
ROUTE = {  # the moves that bring a new introduction to each state
    "proposed": [], "asked_a": ["asked_a"], "a_agreed": ["asked_a", "a_agreed"],
    "asked_b": ["asked_a", "a_agreed", "asked_b"], "b_agreed": ["asked_a", "a_agreed", "asked_b", "b_agreed"],
    "made": ["asked_a", "a_agreed", "asked_b", "b_agreed", "made"],
    "concluded": ["asked_a", "a_agreed", "asked_b", "b_agreed", "made", "concluded"],
    "declined": ["asked_a", "declined"], "expired": ["expired"],
}


@pytest.fixture
def ana(make_person, clock):
    return make_person("Ana Lima", organisation="Acme", title="CTO")


@pytest.fixture
def bo(make_person, clock):
    return make_person("Bo Chen")


def move(intro, to_state, **extra):
    if to_state == "concluded":
        extra.setdefault("outcome", "met")
    return intros.advance(intro, to_state, **extra)


def brought_to(state, owner, a, b) -> Introduction:
    intro = intros.propose(owner, a, b, reason="Both building payments in Lisbon")
    for step in ROUTE[state]:
        move(intro, step)
    return intro


def snapshot(intro) -> tuple:
    """Everything an advance could change: the row, its steps, and what making it creates."""
    return (Introduction.objects.filter(pk=intro.pk).values().get(), IntroductionStep.objects.count(),
            Tie.objects.count(), Exchange.objects.count(), FollowUp.objects.count())


def test_proposing_records_the_first_step(alice, ana, bo, origin):
    intro = intros.propose(alice, ana, bo, reason="  Both building payments  ", origin=origin, note="from lunch")
    assert (intro.state, intro.reason, intro.origin, intro.person_a, intro.person_b) == (
        "proposed", "Both building payments", origin, ana, bo)
    step = intro.steps.get()
    assert (step.from_state, step.to_state, step.note, step.at) == ("", "proposed", "from lunch", NOW)


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("target", STATES)
def test_every_move_is_allowed_or_refused_as_the_machine_says(alice, ana, bo, state, target):
    intro = brought_to(state, alice, ana, bo)
    before = snapshot(intro)
    if (state, target) in LEGAL:
        move(intro, target, message="Hi!", note="by email")
        row = Introduction.objects.get(pk=intro.pk)
        assert row.state == intro.state == target
        assert IntroductionStep.objects.count() == before[1] + 1
        last = row.steps.last()
        assert (last.from_state, last.to_state, last.message, last.note, last.at) == (state, target, "Hi!",
                                                                                    "by email", NOW)
    else:
        with pytest.raises(IllegalTransition) as exc:
            move(intro, target)
        assert exc.value.current == state
        assert exc.value.errors["state"].startswith(f"cannot go from {state} to {target}")
        assert snapshot(intro) == before
        assert intro.state == state


def test_an_illegal_move_names_the_state_and_the_moves_it_allows(alice, ana, bo):
    intro = intros.propose(alice, ana, bo, reason="Payments")
    with pytest.raises(IllegalTransition) as exc:
        intros.advance(intro, "made")
    assert exc.value.errors == {"state": "cannot go from proposed to made; from proposed it can go to asked_a, "
                                         "declined, expired"}
    assert exc.value.allowed == ["asked_a", "declined", "expired"]
    with pytest.raises(IllegalTransition) as exc:
        intros.advance(intro, "married")
    assert exc.value.errors["state"].startswith("'married' is not a state")


def test_the_next_states_are_the_legal_moves(alice, ana, bo):
    intro = brought_to("b_agreed", alice, ana, bo)
    assert intros.next_states(intro) == ["made", "declined", "expired"]
    move(intro, "made")
    assert intros.next_states(intro) == ["concluded"]
    move(intro, "concluded")
    assert intros.next_states(intro) == []


def test_making_an_introduction_ties_them_records_the_ledger_and_schedules_follow_ups(alice, ana, bo):
    intro = brought_to("b_agreed", alice, ana, bo)
    intros.advance(intro, "made")
    row = Introduction.objects.get(pk=intro.pk)
    tie = Tie.objects.get()
    assert (row.tie, row.made_at, intro.tie) == (tie, NOW, tie)
    assert ({tie.person_a, tie.person_b}, tie.kind, tie.source) == ({ana, bo}, "introduced", "introduced by me")
    assert tie.evidence == 'Introduced by me: "Both building payments in Lisbon"'
    entries = Exchange.objects.order_by("receiver__display_name")
    assert [(e.giver, e.receiver, e.kind, e.day, e.introduction) for e in entries] == [
        (None, ana, "introduction", TODAY, row), (None, bo, "introduction", TODAY, row)]
    follow_ups = FollowUp.objects.order_by("person__display_name")
    assert [(f.person, f.text, f.due) for f in follow_ups] == [
        (ana, "Ask Ana how the introduction to Bo Chen went", TODAY + timedelta(days=14)),
        (bo, "Ask Bo how the introduction to Ana Lima went", TODAY + timedelta(days=14)),
    ]
    ana.refresh_from_db()
    bo.refresh_from_db()
    assert ana.introduced_by is None and bo.introduced_by is None


@pytest.mark.parametrize("first, second", [("ana", "bo"), ("bo", "ana")])
def test_a_pair_tied_after_proposing_is_not_made_and_can_be_declined_or_expired(alice, ana, bo, first, second):
    people = {"ana": ana, "bo": bo}
    intro = brought_to("b_agreed", alice, ana, bo)
    link_people(alice, people[first], people[second], "colleague", evidence="They work together now")
    before = snapshot(intro)
    with pytest.raises(Invalid) as exc:
        intros.advance(intro, "made")
    # Made now, the ledger would count an introduction to someone they already know, and the tie twice.
    assert exc.value.errors == {"state": "Ana Lima and Bo Chen already know each other (colleague): there is no one "
                                         "to introduce; decline it or let it lapse (expired) instead"}
    assert snapshot(intro) == before and intro.state == "b_agreed"
    intros.advance(intro, "expired", note="they met through work")
    assert Introduction.objects.get(pk=intro.pk).state == "expired"
    assert list(Tie.objects.values_list("kind", flat=True)) == ["colleague"] and not Exchange.objects.exists()


def test_the_table_refuses_a_second_introduction_of_a_pair_under_way_either_way_round(alice, ana, bo):
    from django.db import IntegrityError, transaction

    first = intros.propose(alice, ana, bo, reason="Payments")
    with pytest.raises(IntegrityError), transaction.atomic():
        Introduction.objects.create(owner=alice, person_a=bo, person_b=ana, reason="again")
    intros.advance(first, "declined")
    Introduction.objects.create(owner=alice, person_a=bo, person_b=ana, reason="again")  # one ended: fine


def test_a_proposal_that_lost_a_race_is_refused_as_already_under_way(alice, ana, bo, monkeypatch):
    """The check found nothing (the other proposal was not committed yet) and the table refused the row: the
    answer is the same refusal, and the transaction it ran in is still usable."""
    intros.propose(alice, ana, bo, reason="Payments")
    real, calls = intros.under_way, []

    def not_yet_committed(owner, a, b):  # the first look misses it, as a concurrent transaction's would
        calls.append(1)
        return None if len(calls) == 1 else real(owner, a, b)

    monkeypatch.setattr(intros, "under_way", not_yet_committed)
    with pytest.raises(Invalid) as exc:
        intros.propose(alice, bo, ana, reason="Payments again")
    assert exc.value.errors == {"person_b": "an introduction of Bo Chen and Ana Lima is already under way "
                                            "(proposed)"}
    assert Introduction.objects.count() == 1 and IntroductionStep.objects.count() == 1


def test_when_a_side_effect_fails_nothing_of_making_it_is_kept(alice, ana, bo, monkeypatch):
    from netweave.nurture import services as nurture_services

    intro = brought_to("b_agreed", alice, ana, bo)
    before = snapshot(intro)

    def broken(*args, **kwargs):
        raise RuntimeError("the follow-up could not be saved")

    monkeypatch.setattr(nurture_services, "add_follow_up", broken)
    with pytest.raises(RuntimeError):
        intros.advance(intro, "made")
    assert snapshot(intro) == before


def test_concluding_needs_a_known_outcome_and_only_concluding_takes_one(alice, ana, bo, make_person):
    intro = brought_to("made", alice, ana, bo)
    before = snapshot(intro)
    for outcome in ("", "married"):
        with pytest.raises(Invalid) as exc:
            intros.advance(intro, "concluded", outcome=outcome)
        assert "outcome" in exc.value.errors
    assert snapshot(intro) == before
    intros.advance(intro, "concluded", outcome="worked_together")
    assert Introduction.objects.get(pk=intro.pk).outcome == "worked_together"
    other = intros.propose(alice, ana, make_person("Cy Diaz"), reason="Rust")
    with pytest.raises(Invalid) as exc:
        intros.advance(other, "asked_a", outcome="met")
    assert exc.value.errors == {"outcome": "only concluding an introduction records its outcome"}
    assert Introduction.objects.get(pk=other.pk).state == "proposed"


@pytest.mark.parametrize("state, who", [("proposed", "a"), ("asked_a", "a"), ("a_agreed", "b"), ("asked_b", "b"),
                                        ("b_agreed", "b")])
def test_a_decline_is_as_before_a_agreed_and_bs_after(alice, ana, bo, state, who):
    intro = brought_to(state, alice, ana, bo)
    intros.advance(intro, "declined")
    assert Introduction.objects.get(pk=intro.pk).declined_by == who


def test_who_declined_can_be_said_and_is_checked(alice, ana, bo):
    intro = brought_to("asked_a", alice, ana, bo)
    with pytest.raises(Invalid) as exc:
        intros.advance(intro, "declined", declined_by="c")
    assert exc.value.errors == {"declined_by": "must be a or b"}
    with pytest.raises(Invalid):
        intros.advance(intro, "a_agreed", declined_by="a")
    intros.advance(intro, "declined", declined_by="b", note="Bo is on leave")
    assert Introduction.objects.get(pk=intro.pk).declined_by == "b"


def test_a_stale_copy_cannot_move_it_again_and_is_told_the_state_now(alice, ana, bo):
    intro = intros.propose(alice, ana, bo, reason="Payments")
    stale = Introduction.objects.get(pk=intro.pk)
    intros.advance(intro, "asked_a")
    before = snapshot(intro)
    with pytest.raises(Conflict) as exc:
        intros.advance(stale, "declined")
    assert (exc.value.state, exc.value.expected) == ("asked_a", "proposed")
    assert exc.value.errors["state"].startswith("it is asked_a now, no longer proposed")
    assert snapshot(intro) == before


def test_an_expected_state_that_no_longer_holds_is_a_conflict(alice, ana, bo):
    intro = brought_to("asked_a", alice, ana, bo)
    with pytest.raises(Conflict):
        intros.advance(intro, "asked_a", expected_state="proposed")
    with pytest.raises(Invalid) as exc:
        intros.advance(intro, "a_agreed", expected_state="pending")
    assert "expected_state" in exc.value.errors
    intros.advance(intro, "a_agreed", expected_state="asked_a")
    assert Introduction.objects.get(pk=intro.pk).state == "a_agreed"


def test_someone_cannot_be_introduced_to_themselves(alice, ana):
    with pytest.raises(Invalid) as exc:
        intros.propose(alice, ana, ana, reason="Payments")
    assert exc.value.errors == {"person_b": "cannot introduce Ana Lima to themselves"}
    assert not Introduction.objects.exists()


@pytest.mark.parametrize("first, second", [("ana", "bo"), ("bo", "ana")])
def test_a_pair_already_tied_either_way_is_refused_with_the_reason(alice, ana, bo, first, second):
    people = {"ana": ana, "bo": bo}
    link_people(alice, people[first], people[second], "mentor")
    with pytest.raises(Invalid) as exc:
        intros.propose(alice, ana, bo, reason="Payments")
    assert exc.value.errors == {
        "person_b": "Ana Lima and Bo Chen already know each other (mentor of): there is no one to introduce"}
    assert not Introduction.objects.exists()


def test_a_pair_with_an_introduction_under_way_is_refused_but_one_that_ended_is_not(alice, ana, bo):
    first = intros.propose(alice, ana, bo, reason="Payments")
    with pytest.raises(Invalid) as exc:
        intros.propose(alice, bo, ana, reason="Payments again")
    assert exc.value.errors == {"person_b": "an introduction of Bo Chen and Ana Lima is already under way "
                                            "(proposed)"}
    intros.advance(first, "declined")
    assert intros.propose(alice, bo, ana, reason="Payments again").state == "proposed"


def test_a_proposal_needs_a_reason_and_the_owners_people_and_ask(alice, bob, ana, make_person):
    bobs = make_person("Bo Chen", owner=bob)
    bobs_ask = add_ask(bob, person=bobs, kind="hire", topic="a designer")
    with pytest.raises(Invalid) as exc:
        intros.propose(alice, ana, bobs, reason="  ", ask=bobs_ask)
    assert exc.value.errors == {"person_b": "no such person", "reason": "say why these two should meet",
                                "ask": "no such ask"}
    assert not Introduction.objects.exists()


def test_stale_introductions_expire_with_a_step_each(alice, bob, ana, bo, make_person, clock):
    cy, di = make_person("Cy Diaz"), make_person("Di Evans")
    waiting = brought_to("asked_a", alice, ana, bo)
    made = brought_to("made", alice, cy, di)
    clock.advance(days=20)
    fresh = brought_to("a_agreed", alice, ana, cy)
    bobs = brought_to("proposed", bob, make_person("Ed Fox", owner=bob), make_person("Flo Gil", owner=bob))
    clock.advance(days=11)  # 31 days after the first two, 11 after the fresh one
    assert intros.expire_stale(alice, days=30) == 1
    states = dict(Introduction.objects.values_list("pk", "state"))
    assert (states[waiting.pk], states[made.pk], states[fresh.pk], states[bobs.pk]) == (
        "expired", "made", "a_agreed", "proposed")
    step = IntroductionStep.objects.filter(introduction=waiting).last()
    assert (step.from_state, step.to_state, step.note, step.at) == ("asked_a", "expired", "No step for 30 days",
                                                                    clock.now)
    assert intros.expire_stale(alice, days=10) == 1  # now the fresh one too
    with pytest.raises(Invalid):
        intros.expire_stale(alice, days=0)


def test_the_board_has_every_state_and_needs_no_queries_to_render(alice, ana, bo, make_person,
                                                                 django_assert_num_queries):
    cy = make_person("Cy Diaz", organisation="Initech")
    ask = add_ask(alice, person=ana, kind="hire", topic="a designer")
    brought_to("asked_b", alice, ana, bo)
    brought_to("declined", alice, ana, cy)
    intros.propose(alice, bo, cy, reason="Rust", ask=ask)
    with django_assert_num_queries(4):
        columns = intros.board(alice)
        shown = [(state, i.person_a.display_name, i.person_b.display_name,
                  i.person_a.current_organisation and i.person_a.current_organisation.name,
                  i.person_b.current_organisation and i.person_b.current_organisation.name,
                  i.ask and i.ask.topic) for state, items in columns.items() for i in items]
    assert list(columns) == STATES
    assert sorted(shown) == [("asked_b", "Ana Lima", "Bo Chen", "Acme", None, None),
                             ("declined", "Ana Lima", "Cy Diaz", "Acme", "Initech", None),
                             ("proposed", "Bo Chen", "Cy Diaz", None, "Initech", "a designer")]


def test_the_board_shows_only_the_owners_introductions(alice, bob, make_person):
    brought_to("asked_a", bob, make_person("Ed Fox", owner=bob), make_person("Flo Gil", owner=bob))
    assert all(items == [] for items in intros.board(alice).values())
