"""The demo's extras: asks, offers, the ledger, introductions, events, mentorships, learnings and opportunities,
made through the services on top of a built demo network."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import typer
from typer.testing import CliRunner

from netweave.demo.cli import register
from netweave.demo.extras import KINDS, seed_extras
from netweave.demo.generator import build_demo
from netweave.events.models import Event, EventGoal, EventPerson
from netweave.givefirst.introductions import LEGAL
from netweave.givefirst.models import Ask, Exchange, Introduction, Offer
from netweave.mentorship.models import Learning, Mentorship, MentorshipSession
from netweave.nurture.today import local_today
from netweave.opportunities.models import Contribution, Opportunity
from netweave.people.models import Person, Tie

State = Introduction.State


def demo(owner, *, people: int = 150, seed: int = 5, extras_seed: int = 5) -> dict:
    build_demo(owner, people=people, seed=seed)
    return seed_extras(owner, seed=extras_seed)


def test_it_makes_each_kind_of_thing_and_counts_what_it_made(alice):
    counts = demo(alice)
    assert set(counts) == set(KINDS) and all(counts[k] > 0 for k in KINDS), counts
    mine = Ask.objects.filter(owner=alice)
    assert mine.filter(person__isnull=True).exists() and mine.filter(person__isnull=False).exists()
    assert mine.count() == counts["asks"]
    offers = Offer.objects.filter(owner=alice)
    assert offers.filter(person__isnull=True).exists() and offers.filter(person__isnull=False).exists()
    assert offers.count() == counts["offers"]

    exchanges = Exchange.objects.filter(owner=alice)
    assert exchanges.count() == counts["exchanges"]
    assert exchanges.filter(giver__isnull=True, receiver__isnull=False).exists()  # given
    assert exchanges.filter(giver__isnull=False, receiver__isnull=True).exists()  # received
    assert exchanges.filter(giver__isnull=False, receiver__isnull=False).exists()  # brokered

    states = set(Introduction.objects.filter(owner=alice).values_list("state", flat=True))
    assert states == {State.PROPOSED, State.ASKED_A, State.A_AGREED, State.MADE, State.CONCLUDED, State.DECLINED}
    assert Introduction.objects.filter(owner=alice, ask__isnull=False).exists()

    today = local_today(alice)
    upcoming, past = Event.objects.filter(owner=alice).order_by("-starts_at")
    assert upcoming.starts_at.date() - today == timedelta(days=10)
    assert EventGoal.objects.filter(event=upcoming).count() == 2
    assert upcoming.people.filter(status=EventPerson.Status.EXPECTED).count() == 3
    assert (today - past.starts_at.date()).days == 20
    assert past.interaction is not None and past.people.filter(status=EventPerson.Status.MET).count() == 3
    assert past.interaction.participants.count() == 3

    assert MentorshipSession.objects.filter(owner=alice, mentorship__role=Mentorship.Role.MENTOR).exists()
    assert Learning.objects.filter(owner=alice).count() == 2
    assert Contribution.objects.filter(owner=alice).count() == 1
    via = Opportunity.objects.get(owner=alice, introduction__isnull=False)
    assert via.introduction.state == State.CONCLUDED and via.people.exists()
    assert Opportunity.objects.filter(owner=alice, contribution__isnull=False).exists()


def test_every_introduction_took_only_legal_steps_and_made_ones_have_their_tie_and_ledger(alice):
    demo(alice, seed=9, extras_seed=2)
    for intro in Introduction.objects.filter(owner=alice):
        steps = list(intro.steps.order_by("at", "id").values_list("from_state", "to_state"))
        assert steps[0] == ("", State.PROPOSED)
        for (_, before), (came_from, to) in zip(steps, steps[1:]):
            assert came_from == before and to in LEGAL[came_from]
        assert steps[-1][1] == intro.state
        ledger = Exchange.objects.filter(owner=alice, introduction=intro)
        if intro.state in (State.MADE, State.CONCLUDED):
            assert intro.tie is not None and intro.tie.kind == Tie.Kind.INTRODUCED
            assert {intro.tie.person_a_id, intro.tie.person_b_id} == {intro.person_a_id, intro.person_b_id}
            assert sorted(ledger.values_list("receiver_id", flat=True)) == sorted([intro.person_a_id,
                                                                                   intro.person_b_id])
            assert not ledger.filter(giver__isnull=False).exists() and intro.made_at is not None
        else:
            assert intro.tie is None and not ledger.exists()
        assert bool(intro.outcome) == (intro.state == State.CONCLUDED)
        assert bool(intro.declined_by) == (intro.state == State.DECLINED)


def test_the_same_seed_makes_the_same_asks_and_introductions_and_another_seed_does_not(alice, bob, charlie):
    def picks(owner) -> tuple:
        positions = {pk: n for n, pk in enumerate(Person.objects.filter(owner=owner).order_by("id")
                                                 .values_list("id", flat=True))}
        asks = list(Ask.objects.filter(owner=owner).order_by("id").values_list("topic", "person_id"))
        intros = list(Introduction.objects.filter(owner=owner).order_by("id")
                      .values_list("state", "person_a_id", "person_b_id"))
        return ([(topic, positions.get(person)) for topic, person in asks],
                [(state, positions[a], positions[b]) for state, a, b in intros])

    demo(alice, extras_seed=4)
    demo(bob, extras_seed=4)
    demo(charlie, extras_seed=5)
    assert picks(alice) == picks(bob)
    assert [t for t, _ in picks(alice)[0]] != [t for t, _ in picks(charlie)[0]]


def test_a_tiny_network_gets_what_fits_and_no_error(alice):
    counts = demo(alice, people=6, seed=2)
    assert counts["asks"] > 0 and counts["events"] == 2
    assert Introduction.objects.filter(owner=alice).count() == counts["introductions"]
    assert seed_extras(build_lonely(alice), seed=1) == dict.fromkeys(KINDS, 0)


def build_lonely(user):
    """A user with one person: nobody to introduce to anyone."""
    from django.contrib.auth import get_user_model

    lonely = get_user_model().objects.create_user(f"{user.username}-lonely", password="x-password")
    build_demo(lonely, people=1, seed=1)
    return lonely


@pytest.mark.parametrize("page", ["/", "/introductions/", "/asks/", "/events/", "/give/", "/opportunities/",
                                  "/contributions/", "/mentorship/"])
def test_the_demo_users_pages_render(alice, client, page):
    demo(alice, people=150)
    client.force_login(alice)
    assert client.get(page).status_code == 200


def test_the_demo_users_events_and_introductions_render_and_a_stranger_gets_404(alice, charlie, client):
    demo(alice, people=150)
    pages = [f"/events/{pk}/" for pk in Event.objects.filter(owner=alice).values_list("id", flat=True)]
    pages += [f"/introductions/{pk}/" for pk in Introduction.objects.filter(owner=alice).values_list("id", flat=True)]
    client.force_login(alice)
    for page in pages:
        assert client.get(page).status_code == 200, page
    client.force_login(charlie)
    for page in pages:
        assert client.get(page).status_code == 404, page


@pytest.fixture
def app():
    root = typer.Typer()

    @root.callback()
    def main() -> None:
        """A root like netweave's, so `demo` stays a subcommand."""

    register(root)
    return root


def test_the_demo_command_adds_the_extras_and_prints_their_counts(app, db):
    result = CliRunner().invoke(app, ["demo", "--people", "120", "--seed", "3"])
    assert result.exit_code == 0, result.output
    made = Introduction.objects.filter(owner__username="demo").count()
    assert made > 0
    assert any(line.split("│")[1:3] and line.split("│")[1].strip() == "introductions"
               and line.split("│")[2].strip() == str(made) for line in result.stdout.splitlines())


def test_the_demo_command_reports_the_extras_in_json(app, db):
    result = CliRunner().invoke(app, ["demo", "--people", "120", "--json"])
    assert result.exit_code == 0, result.output
    extras = json.loads(result.stdout)["extras"]
    assert extras["asks"] == Ask.objects.filter(owner__username="demo").count() > 0
    assert extras["events"] == Event.objects.filter(owner__username="demo").count() == 2
