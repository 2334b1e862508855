"""Introduction suggestions: which pairs of my contacts should meet, and the pairs never to suggest."""

from __future__ import annotations

import pytest

from netweave.givefirst import introductions
from netweave.givefirst.helping import help_this_week
from netweave.givefirst.models import Ask, Introduction
from netweave.givefirst.suggestions import suggest_introductions
from netweave.givefirst.tests.match_support import NOW, ask, clock, contact, offer, strength  # noqa: F401
from netweave.nurture.models import Strength
from netweave.people.models import Tie
from netweave.people.services import archive_person, link_people


def pairs(found) -> list[set[str]]:
    return [{s.a_name, s.b_name} for s in found]


@pytest.fixture
def founders(alice, contact):
    """Ana needs fundraising advice and Bo mentors on it; Cy and Di share a rare interest and a city."""
    ana = contact("Ana Lima", 70, location="Lisbon")
    bo = contact("Bo Chen", 60, expertise=["fundraising"])
    cy = contact("Cy Diaz", 55, interests=["fado"], location="Porto")
    di = contact("Di Evans", 50, interests=["fado"], location="porto")
    wanted = ask(alice, ana, "fundraising for our seed round")
    offered = offer(alice, bo, "fundraising", kind="mentoring")
    return {"ana": ana, "bo": bo, "cy": cy, "di": di, "ask": wanted, "offer": offered}


def test_an_ask_met_by_an_offer_comes_first_with_the_helper_asked_first_and_reasons_naming_both(alice, founders):
    found = suggest_introductions(alice)
    assert pairs(found) == [{"Ana Lima", "Bo Chen"}, {"Cy Diaz", "Di Evans"}]
    best = found[0]
    assert (best.a_id, best.b_id, best.ask_id) == (founders["bo"].pk, founders["ana"].pk, founders["ask"].pk)
    assert best.reasons[0] == ("Ana Lima asks for advice: fundraising for our seed round; "
                               "Bo Chen offers mentoring on fundraising")
    assert found[1].reasons == ["both into fado", "both in Porto"] and found[1].ask_id is None
    assert best.score > found[1].score


def test_expertise_alone_meets_an_ask(alice, contact):
    ana = contact("Ana Lima", 70)
    contact("Bo Chen", 60, expertise=["Kubernetes"])
    ask(alice, ana, "migrating to Kubernetes")
    [only] = suggest_introductions(alice)
    assert only.reasons == ["Ana Lima asks for advice: migrating to Kubernetes; Bo Chen has expertise in Kubernetes"]


def test_an_archived_person_is_never_suggested(alice, founders):
    archive_person(founders["bo"])
    archive_person(founders["di"])
    assert suggest_introductions(alice) == []


def test_a_pair_already_tied_either_way_is_never_suggested(alice, founders):
    link_people(alice, founders["bo"], founders["ana"], "mentor")  # Bo mentors Ana: a directed tie
    link_people(alice, founders["di"], founders["cy"], "friend")
    assert suggest_introductions(alice) == []
    assert Tie.objects.filter(owner=alice).count() == 2


@pytest.mark.parametrize("state", ["proposed", "made", "declined"])
def test_a_pair_with_an_introduction_is_never_suggested_again(alice, founders, state):
    intro = introductions.propose(alice, founders["ana"], founders["bo"], reason="fundraising")
    Introduction.objects.filter(pk=intro.pk).update(state=state)
    assert pairs(suggest_introductions(alice)) == [{"Cy Diaz", "Di Evans"}]


def test_both_ties_must_be_strong_enough_to_ask_and_the_threshold_is_an_argument(alice, founders):
    strength(founders["di"], 39)
    assert pairs(suggest_introductions(alice)) == [{"Ana Lima", "Bo Chen"}]
    assert pairs(suggest_introductions(alice, min_strength=30)) == [{"Ana Lima", "Bo Chen"}, {"Cy Diaz", "Di Evans"}]
    assert suggest_introductions(alice, min_strength=65) == []
    Strength.objects.filter(person=founders["ana"]).delete()  # never measured: not someone I can ask yet
    assert suggest_introductions(alice) == []


def test_a_shared_place_or_industry_alone_makes_no_suggestion(alice, contact):
    contact("Ed Fox", 60, location="Lisbon", organisation="Tidal Payments")
    contact("Flo Gray", 60, location="Lisbon", organisation="Cobalt Payments")
    assert suggest_introductions(alice) == []
    contact("Gil Hart", 60, location="Lisbon", organisation="Ember Payments", interests=["chess"])
    contact("Hu Ito", 60, location="Lisbon", organisation="Onyx Payments", interests=["chess"])
    [only] = suggest_introductions(alice)
    assert only.reasons == ["both into chess", "both in Lisbon", "both work in payments"]


def test_colleagues_at_one_organisation_are_suggested_less_strongly_and_told_so(alice, contact):
    contact("Ivy Jones", 60, organisation="Brightstone", interests=["chess"])
    contact("Jay King", 60, organisation="Brightstone", interests=["chess"])
    contact("Kim Lee", 60, interests=["climbing"])
    contact("Lou Moss", 60, interests=["climbing"])
    found = suggest_introductions(alice)
    assert pairs(found) == [{"Kim Lee", "Lou Moss"}, {"Ivy Jones", "Jay King"}]
    assert found[1].reasons[-1] == "both at Brightstone: they may know each other already"


def test_another_users_people_and_asks_never_appear_in_my_suggestions(alice, bob, contact, founders):
    theirs = contact("Bob's Investor", 90, owner=bob, expertise=["fundraising"], interests=["fado"])
    offer(bob, theirs, "fundraising", kind="mentoring")
    ask(bob, None, "fundraising")
    found = suggest_introductions(alice)
    people = {p for s in found for p in (s.a_id, s.b_id)}
    assert theirs.pk not in people and people <= {founders[k].pk for k in ("ana", "bo", "cy", "di")}
    assert suggest_introductions(bob) == []  # Bob's only contact has no one to meet


def test_suggestions_on_the_demo_network_never_pair_tied_archived_or_weak_ties(alice):
    from netweave.demo.generator import build_demo
    from netweave.people.models import Person

    build_demo(alice, people=120, seed=5, now=NOW)
    archived = list(Person.objects.filter(owner=alice).order_by("id")[:10])
    for person in archived:
        archive_person(person)
    found = suggest_introductions(alice, limit=500)
    assert found, "the demo's shared expertise and interests give some pairs"
    scores = dict(Strength.objects.filter(owner=alice).values_list("person_id", "score"))
    tied = {frozenset(p) for p in Tie.objects.filter(owner=alice).values_list("person_a_id", "person_b_id")}
    gone = {p.pk for p in archived}
    for s in found:
        assert frozenset((s.a_id, s.b_id)) not in tied
        assert not {s.a_id, s.b_id} & gone
        assert scores[s.a_id] >= 40 and scores[s.b_id] >= 40 and s.reasons
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


# ---- who can I help this week ----------------------------------------------------------------------------

def test_help_this_week_says_when_i_can_help_myself_or_who_could_and_turns_my_own_ask_round(alice, contact):
    ana = contact("Ana Lima", 70)
    bo = contact("Bo Chen", 60, expertise=["Kubernetes"])
    cy = contact("Cy Diaz", 50)
    offer(alice, None, "fundraising", kind="mentoring")
    needs_me = ask(alice, ana, "fundraising", days_old=1)
    needs_bo = ask(alice, cy, "a Kubernetes migration", days_old=2)
    mine = ask(alice, None, "Kubernetes security", days_old=3)
    ask(alice, cy, "a flat in Lisbon")  # nobody could help: not listed
    items = help_this_week(alice)
    assert [(i.ask_id, i.person_id) for i in items] == [(needs_me.pk, ana.pk), (needs_bo.pk, cy.pk), (mine.pk, bo.pk)]
    assert items[0].why == "Ana Lima needs advice: fundraising; you offer mentoring on fundraising."
    assert items[1].why == ("Cy Diaz needs advice: a Kubernetes migration; Bo Chen could help (expertise: Kubernetes): "
                            "introduce them?")
    assert items[2].why == "For your ask (advice: Kubernetes security): Bo Chen could help (expertise: Kubernetes)."
    assert len(help_this_week(alice, limit=2)) == 2


def test_help_this_week_puts_fresh_asks_of_strong_ties_first_and_skips_those_with_an_introduction_under_way(
        alice, contact):
    helper = contact("Bo Chen", 60, expertise=["pricing"])
    close = contact("Close Friend", 90)
    distant = contact("Distant", 20)
    old = ask(alice, close, "pricing", days_old=60)
    fresh_weak = ask(alice, distant, "pricing tiers", days_old=0)
    fresh_strong = ask(alice, close, "pricing pages", days_old=1)
    assert [i.ask_id for i in help_this_week(alice)] == [fresh_strong.pk, fresh_weak.pk, old.pk]
    introductions.propose(alice, helper, close, reason="pricing", ask=fresh_strong)
    assert [i.ask_id for i in help_this_week(alice)] == [fresh_weak.pk, old.pk]
    Ask.objects.filter(pk=old.pk).update(status="done")
    assert [i.ask_id for i in help_this_week(alice)] == [fresh_weak.pk]
