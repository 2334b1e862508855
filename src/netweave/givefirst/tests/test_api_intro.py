"""/api/v1/introductions: permissions first, then proposing, every kind of move, refusals and the race."""

from __future__ import annotations

import pytest

from netweave.accounts.tests.clients import loc_fields
from netweave.api_support import Conflict
from netweave.givefirst import introductions, services
from netweave.givefirst.models import Exchange, Introduction, IntroductionStep
from netweave.nurture.models import FollowUp
from netweave.nurture.tests.today_support import clock  # noqa: F401  (pins today to 2026-03-10)
from netweave.people.models import Tie
from netweave.people.services import link_people

FORWARD = ["asked_a", "a_agreed", "asked_b", "b_agreed", "made"]


@pytest.fixture
def ana(make_person, clock):  # noqa: F811
    return make_person("Ana Lima", organisation="Acme", title="CTO")


@pytest.fixture
def bo(make_person):
    return make_person("Bo Chen")


@pytest.fixture
def intro(alice, ana, bo):
    return introductions.propose(alice, ana, bo, reason="both are building climate software")


def move(client, intro_id: int, to_state: str, **fields):
    return client.post(f"introductions/{intro_id}/advance", {"to_state": to_state, **fields})


# ---- the stranger -------------------------------------------------------------------------------------

def test_a_stranger_gets_404_for_someone_elses_introduction(as_charlie, intro):
    assert as_charlie.get(f"introductions/{intro.pk}").status_code == 404
    assert move(as_charlie, intro.pk, "asked_a").status_code == 404
    assert move(as_charlie, intro.pk, "next").status_code == 404
    intro.refresh_from_db()
    assert intro.state == "proposed" and intro.steps.count() == 1


def test_a_stranger_sees_no_introductions_suggestions_or_people_to_help(as_charlie, alice, intro, ana):
    services.add_ask(alice, person=ana, kind="advice", topic="climate software")
    assert as_charlie.get("introductions").json() == {"count": 0, "items": []}
    assert as_charlie.get(f"introductions?person={ana.pk}").json()["count"] == 0
    assert as_charlie.get("introductions/suggestions").json() == []
    assert as_charlie.get("help-this-week").json() == []


def test_alice_cannot_introduce_a_strangers_person_or_answer_a_strangers_ask(as_alice, ana, make_person, charlie):
    dana = make_person("Dana Scully", owner=charlie)
    response = as_alice.post("introductions", {"person_a": ana.pk, "person_b": dana.pk, "reason": "why not"})
    assert response.status_code == 422 and loc_fields(response) == ["person_b"]
    response = as_alice.post("introductions", {"person_a": dana.pk, "person_b": ana.pk, "reason": "why not"})
    assert response.status_code == 422 and loc_fields(response) == ["person_a"]
    theirs = services.add_ask(charlie, person=dana, kind="advice", topic="anything")
    bo = make_person("Bo Chen")
    response = as_alice.post("introductions", {"person_a": ana.pk, "person_b": bo.pk, "reason": "why not",
                                               "ask": theirs.pk})
    assert response.status_code == 422 and loc_fields(response) == ["ask"]
    assert not Introduction.objects.exists()


# ---- proposing ----------------------------------------------------------------------------------------

def test_proposing_answers_with_the_first_step_the_moves_and_the_draft_to_ask_a(as_alice, alice, ana, bo):
    asked = services.add_ask(alice, person=bo, kind="advice", topic="climate software")
    response = as_alice.post("introductions", {"person_a": ana.pk, "person_b": bo.pk, "ask": asked.pk,
                                               "reason": "Bo is looking for advice on climate software"})
    assert response.status_code == 201
    body = response.json()
    assert body["person_a"] == {"id": ana.pk, "display_name": "Ana Lima"} and body["person_b"]["id"] == bo.pk
    assert body["state"] == "proposed" and body["state_label"] == "proposed" and body["ask_id"] == asked.pk
    assert [(s["from_state"], s["to_state"]) for s in body["steps"]] == [("", "proposed")]
    assert body["next_states"] == ["asked_a", "declined", "expired"]
    assert body["draft_step"] == "asked_a"
    assert "Ana" in body["draft"] and "Bo Chen" in body["draft"]
    assert Introduction.objects.get(pk=body["id"]).origin.kind == "api"


def test_introducing_someone_to_themselves_is_refused_with_the_reason(as_alice, ana):
    response = as_alice.post("introductions", {"person_a": ana.pk, "person_b": ana.pk, "reason": "mirror"})
    assert response.status_code == 422 and loc_fields(response) == ["person_b"]
    assert "themselves" in response.json()["detail"][0]["msg"]


def test_introducing_two_people_already_tied_is_refused_with_the_reason(as_alice, alice, ana, bo):
    link_people(alice, bo, ana, "colleague")
    response = as_alice.post("introductions", {"person_a": ana.pk, "person_b": bo.pk, "reason": "catch up"})
    assert response.status_code == 422 and "already know each other" in response.json()["detail"][0]["msg"]
    assert not Introduction.objects.exists()


def test_a_pair_with_an_introduction_under_way_is_refused(as_alice, ana, bo, intro):
    response = as_alice.post("introductions", {"person_a": bo.pk, "person_b": ana.pk, "reason": "again"})
    assert response.status_code == 422 and "under way" in response.json()["detail"][0]["msg"]
    assert Introduction.objects.count() == 1


def test_a_blank_reason_is_a_422(as_alice, ana, bo):
    response = as_alice.post("introductions", {"person_a": ana.pk, "person_b": bo.pk, "reason": "  "})
    assert response.status_code == 422 and loc_fields(response) == ["reason"]


# ---- moving on ----------------------------------------------------------------------------------------

def test_next_walks_the_double_opt_in_to_made_which_ties_them_and_records_it(as_alice, alice, ana, bo, intro):
    for expected in FORWARD:
        response = move(as_alice, intro.pk, "next", note=f"to {expected}")
        assert response.status_code == 200, response.json()
        assert response.json()["state"] == expected
    body = response.json()
    assert body["next_states"] == ["concluded"] and body["draft_step"] == "concluded" and body["draft"]
    assert [s["to_state"] for s in body["steps"]] == ["proposed", *FORWARD]
    tie = Tie.objects.get(pk=body["tie_id"])
    assert {tie.person_a, tie.person_b} == {ana, bo} and tie.kind == "introduced"
    ledger = Exchange.objects.filter(introduction=intro)
    assert sorted((e.giver, e.receiver.pk, e.kind) for e in ledger) == [
        (None, ana.pk, "introduction"), (None, bo.pk, "introduction")]
    assert FollowUp.objects.filter(owner=alice, person__in=[ana, bo]).count() == 2
    assert as_alice.get(f"people/{ana.pk}/ledger").json()["balance"]["gave"] == 1


def test_making_an_introduction_of_two_people_tied_since_is_a_422_and_changes_nothing(as_alice, alice, ana, bo,
                                                                                     intro):
    for state in FORWARD[:-1]:
        move(as_alice, intro.pk, state)
    link_people(alice, bo, ana, "friend")
    response = move(as_alice, intro.pk, "made")
    assert response.status_code == 422 and loc_fields(response) == ["state"]
    assert "already know each other (friend)" in response.json()["detail"][0]["msg"]
    intro.refresh_from_db()
    assert intro.state == "b_agreed" and not Exchange.objects.exists() and Tie.objects.count() == 1
    assert move(as_alice, intro.pk, "expired").json()["state"] == "expired"


def test_concluding_needs_an_outcome_and_records_it(as_alice, alice, intro):
    for state in FORWARD:
        introductions.advance(intro, state)
    response = move(as_alice, intro.pk, "concluded")
    assert response.status_code == 422 and loc_fields(response) == ["outcome"]
    response = move(as_alice, intro.pk, "concluded", outcome="hired", message="How did it go?")
    body = response.json()
    assert body["state"] == "concluded" and body["outcome"] == "hired" and body["next_states"] == []
    assert body["draft"] is None and body["steps"][-1]["message"] == "How did it go?"
    response = move(as_alice, intro.pk, "next")
    assert response.status_code == 422 and loc_fields(response) == ["to_state"]


def test_an_illegal_move_is_a_422_naming_the_legal_ones_and_changes_nothing(as_alice, intro):
    response = move(as_alice, intro.pk, "made")
    assert response.status_code == 422 and loc_fields(response) == ["state"]
    why = response.json()["detail"][0]["msg"]
    assert "asked_a" in why and "declined" in why and "expired" in why
    response = move(as_alice, intro.pk, "married")
    assert response.status_code == 422
    intro.refresh_from_db()
    assert intro.state == "proposed" and intro.steps.count() == 1 and intro.tie is None
    assert not Exchange.objects.exists()


@pytest.mark.parametrize("moves, declined_by", [(["asked_a"], "a"), (["asked_a", "a_agreed", "asked_b"], "b")])
def test_declining_says_who_said_no(as_alice, intro, moves, declined_by):
    for state in moves:
        introductions.advance(intro, state)
    body = move(as_alice, intro.pk, "declined", note="busy").json()
    assert body["state"] == "declined" and body["declined_by"] == declined_by and body["next_states"] == []


def test_declining_may_name_who_said_no(as_alice, intro):
    assert move(as_alice, intro.pk, "declined", declined_by="b").json()["declined_by"] == "b"
    response = move(as_alice, intro.pk, "declined", declined_by="c")
    assert response.status_code == 422


def test_of_two_clients_advancing_from_the_same_state_one_wins_and_the_other_is_told(as_alice, intro):
    first = move(as_alice, intro.pk, "asked_a", expected_state="proposed")
    second = move(as_alice, intro.pk, "asked_a", expected_state="proposed")
    assert first.status_code == 200 and second.status_code == 409
    body = second.json()
    Conflict.model_validate(body)
    assert body["field"] == "state" and body["value"] == "asked_a" and "asked_a" in body["detail"]
    assert IntroductionStep.objects.filter(introduction=intro, to_state="asked_a").count() == 1


def test_a_move_that_loses_a_race_after_it_was_read_is_a_409_and_applies_nothing(as_alice, intro, monkeypatch):
    real = introductions.advance

    def someone_else_first(found, to_state, **fields):
        # Between the view reading the introduction and moving it, another request declines it.
        real(Introduction.objects.get(pk=found.pk), "declined")
        return real(found, to_state, **fields)

    monkeypatch.setattr(introductions, "advance", someone_else_first)
    response = move(as_alice, intro.pk, "asked_a")
    assert response.status_code == 409 and response.json()["value"] == "declined"
    intro.refresh_from_db()
    assert intro.state == "declined"
    assert [s.to_state for s in intro.steps.all()] == ["proposed", "declined"]


def test_next_from_the_state_the_client_saw(as_alice, intro):
    introductions.advance(intro, "asked_a")
    response = move(as_alice, intro.pk, "next", expected_state="proposed")
    assert response.status_code == 409 and response.json()["value"] == "asked_a"


def test_reading_an_introduction_shows_its_steps_with_messages_and_notes(as_alice, intro):
    move(as_alice, intro.pk, "asked_a", message="Hi Ana, would you like to meet Bo?", note="sent by email")
    body = as_alice.get(f"introductions/{intro.pk}").json()
    step = body["steps"][-1]
    assert (step["from_state"], step["to_state"], step["note"]) == ("proposed", "asked_a", "sent by email")
    assert step["message"] == "Hi Ana, would you like to meet Bo?"
    assert body["next_states"] == ["a_agreed", "declined", "expired"]
    assert body["draft_step"] == "a_agreed" and body["draft"] is None  # A agreeing sends nothing of mine


def test_listing_introductions_by_state_and_person(as_alice, alice, ana, bo, make_person, intro, clock):  # noqa: F811
    from datetime import timedelta

    cy = make_person("Cy Diaz")
    other = introductions.propose(alice, bo, cy, reason="both run")
    introductions.advance(other, "asked_a")
    Introduction.objects.filter(pk=intro.pk).update(updated_at=clock.now - timedelta(days=1))
    assert [i["id"] for i in as_alice.get("introductions").json()["items"]] == [other.pk, intro.pk]
    assert [i["id"] for i in as_alice.get("introductions?state=proposed").json()["items"]] == [intro.pk]
    assert [i["id"] for i in as_alice.get(f"introductions?person={cy.pk}").json()["items"]] == [other.pk]
    assert as_alice.get(f"introductions?person={bo.pk}").json()["count"] == 2
    assert as_alice.get("introductions?state=lost").status_code == 422
    assert as_alice.get("introductions/999999").status_code == 404
