"""/api/v1/asks/{id}/helpers, /people/{id}/can-help, /introductions/suggestions and /help-this-week: what the
matching read paths find reaches the client whole, for the caller's own network only."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from netweave.givefirst import introductions, services
from netweave.givefirst.helping import help_this_week
from netweave.givefirst.matching import asks_for, helpers_for
from netweave.givefirst.suggestions import suggest_introductions
from netweave.nurture.tests.today_support import clock, strength  # noqa: F401  (pins today to 2026-03-10)


@pytest.fixture
def network(alice, make_person, clock):  # noqa: F811
    """Ana needs fundraising advice; Bo mentors founders on fundraising; Cy knows nothing of it."""
    ana = make_person("Ana Lima", interests=["climate"])
    bo = make_person("Bo Chen", expertise=["fundraising"], interests=["climate"])
    cy = make_person("Cy Diaz", interests=["sailing"])
    for person, score in ((ana, 70), (bo, 80), (cy, 60)):
        strength(person, score)
    ask = services.add_ask(alice, person=ana, kind="advice", topic="fundraising for a seed round")
    services.add_offer(alice, person=bo, kind="mentoring", topic="fundraising")
    return {"ana": ana, "bo": bo, "cy": cy, "ask": ask}


def test_a_stranger_gets_404_for_someone_elses_ask_helpers_and_person(as_charlie, network):
    assert as_charlie.get(f"asks/{network['ask'].pk}/helpers").status_code == 404
    assert as_charlie.get(f"people/{network['bo'].pk}/can-help").status_code == 404
    assert as_charlie.get("help-this-week").json() == []
    assert as_charlie.get("introductions/suggestions?min_strength=0").json() == []


def test_the_helpers_of_an_ask_are_the_matches_with_their_evidence(as_alice, alice, network):
    body = as_alice.get(f"asks/{network['ask'].pk}/helpers").json()
    assert body == [asdict(m) for m in helpers_for(alice, network["ask"])]
    assert body[0]["person_id"] == network["bo"].pk and body[0]["evidence"]
    assert network["ana"].pk not in [m["person_id"] for m in body]  # not the asker herself
    assert len(as_alice.get(f"asks/{network['ask'].pk}/helpers?limit=1").json()) == 1


def test_what_a_person_can_help_with_are_the_open_asks_they_could_meet(as_alice, alice, network):
    body = as_alice.get(f"people/{network['bo'].pk}/can-help").json()
    expected = asks_for(alice, network["bo"])
    assert [(m["ask"]["id"], m["score"], m["evidence"]) for m in body] == [(m.ask.pk, m.score, m.evidence)
                                                                           for m in expected]
    assert body[0]["ask"]["id"] == network["ask"].pk and body[0]["ask"]["person"]["display_name"] == "Ana Lima"
    assert as_alice.get(f"people/{network['cy'].pk}/can-help").json() == []


def test_help_this_week_lists_whom_i_could_help_with_why(as_alice, alice, network):
    body = as_alice.get("help-this-week").json()
    assert body == [asdict(h) for h in help_this_week(alice)]
    assert body[0]["ask_id"] == network["ask"].pk and "Bo Chen" in body[0]["why"]


def test_suggestions_name_both_people_and_the_reasons_and_leave_out_a_pair_once_proposed(as_alice, alice, network):
    body = as_alice.get("introductions/suggestions").json()
    expected = suggest_introductions(alice)
    assert [(s["a"]["id"], s["b"]["id"], s["score"], s["reasons"], s["ask_id"]) for s in body] == [
        (s.a_id, s.b_id, s.score, s.reasons, s.ask_id) for s in expected]
    pair = {network["ana"].pk, network["bo"].pk}
    found = [s for s in body if {s["a"]["id"], s["b"]["id"]} == pair]
    assert found and found[0]["reasons"] and {found[0]["a"]["display_name"], found[0]["b"]["display_name"]} == {
        "Ana Lima", "Bo Chen"}
    introductions.propose(alice, network["bo"], network["ana"], reason="fundraising")
    after = as_alice.get("introductions/suggestions").json()
    assert not [s for s in after if {s["a"]["id"], s["b"]["id"]} == pair]


def test_suggestions_only_pair_people_i_am_close_enough_to_ask(as_alice, network):
    assert as_alice.get("introductions/suggestions?min_strength=90").json() == []
    assert as_alice.get("introductions/suggestions?min_strength=101").status_code == 422
