"""Matching an ask to the people who could help, and a person to the asks they could meet, on small networks
whose right answers are plain."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netweave.givefirst import services, talk as talk_module, topics
from netweave.givefirst.matching import asks_for, helpers_for
from netweave.givefirst.models import Ask
from netweave.givefirst.tests.match_support import NOW, ask, clock, contact, offer, talk  # noqa: F401
from netweave.people.services import archive_person, link_people


def names(matches) -> list[str]:
    return [m.display_name for m in matches]


def test_terms_fold_case_and_accents_drop_stop_words_and_stem_plurals_and_ing():
    assert topics.terms("Hiring the Engineers") == topics.terms("hire engineer")
    assert topics.terms("Café Müller") == topics.terms("cafe muller")
    assert topics.terms("a co-founder for my startups") == ["cofounder", "founder", "startup"]
    assert topics.terms("Machine Learning") == ["machin", "learn", "ml"]


def test_an_asks_words_match_their_synonyms():
    groups = topics.query("funding for a robotics start", kind="funding")
    investor = topics.term_set("angel investor")
    assert [g.word for g in groups if g.matches(investor)] == ["funding"]
    hire = topics.query("backend people", kind="hire")
    assert [g.word for g in hire if g.matches(topics.term_set("Recruiter"))] == ["hiring"]
    assert topics.query("a cofounder")[0].matches(topics.term_set("Looking for a co-founder"))


def test_the_one_offering_and_knowing_it_ranks_above_a_note_mentioning_it_and_a_stranger_is_left_out(alice, contact):
    ana = contact("Ana Lima", 70)
    bo = contact("Bo Chen", 50, expertise=["Rust"])
    offer(alice, bo, "Rust hiring advice")
    cy = contact("Cy Diaz", 50, notes="Has been writing Rust at weekends since the spring.")
    contact("Di Evans", 90, interests=["sailing"], notes="Runs the sailing club.")
    wanted = ask(alice, ana, "a senior Rust engineer", kind="hire")
    found = helpers_for(alice, wanted)
    assert names(found) == ["Bo Chen", "Cy Diaz"]
    assert found[0].person_id == bo.pk and found[0].score > found[1].score
    assert found[0].evidence[:2] == ["offers: expertise in Rust hiring advice", "expertise: Rust"]
    assert "tie strength 50" in found[0].evidence and found[0].strength == 50 and found[0].reach == "direct"
    assert found[1].person_id == cy.pk and found[1].evidence[0].startswith("notes: ")
    assert "Rust at weekends" in found[1].evidence[0]


def test_of_two_people_with_the_same_expertise_the_stronger_tie_ranks_first(alice, contact):
    contact("Weak Tie", 15, expertise=["Kubernetes"])
    contact("Strong Tie", 80, expertise=["Kubernetes"])
    found = helpers_for(alice, ask(alice, None, "our Kubernetes migration"))
    assert names(found) == ["Strong Tie", "Weak Tie"]
    assert found[0].evidence == ["expertise: Kubernetes", "strong tie (80)"]
    assert found[1].evidence == ["expertise: Kubernetes", "weak tie (15)"] and found[1].reach == "weak"


def test_a_weak_tie_known_to_a_strong_tie_of_mine_is_reached_through_them_and_ranks_above_one_who_is_not(
        alice, contact):
    friend = contact("Fay Green", 85)
    known = contact("Eve Known", 10, expertise=["pricing"])
    contact("Gus Alone", 10, expertise=["pricing"])
    link_people(alice, friend, known, "friend")
    found = helpers_for(alice, ask(alice, None, "pricing strategy"))
    assert names(found) == ["Eve Known", "Gus Alone"]
    assert found[0].reach == "via Fay Green"
    assert "known to Fay Green, a strong tie (85)" in found[0].evidence


def test_titles_organisations_and_plain_tags_count_and_kind_words_find_recruiters(alice, contact):
    ana = contact("Ana Lima", 60)
    contact("Rae Recruiter", 40, organisation="Brightstone", title="Technical Recruiter")
    contact("Ben Backend", 40, organisation="Quartzmill Robotics", title="Backend Engineer")
    contact("Ivy Investor", 40, tags=["angel investor"])
    found = helpers_for(alice, ask(alice, ana, "backend engineers", kind="hire"))
    assert names(found) == ["Ben Backend", "Rae Recruiter"]
    assert found[0].evidence[0] == "title: Backend Engineer"
    assert found[1].evidence[0] == "title: Technical Recruiter"
    funding = helpers_for(alice, ask(alice, ana, "a seed round for robotics", kind="funding"))
    assert set(names(funding)) == {"Ivy Investor", "Ben Backend"}
    evidence = {m.display_name: m.evidence for m in funding}
    assert "tag: angel investor" in evidence["Ivy Investor"]
    assert "works at Quartzmill Robotics" in evidence["Ben Backend"]


@pytest.fixture(params=["search", "scan"])
def interactions_from(request, monkeypatch):
    """Both ways of finding interactions on a topic: the search app's index, and the bounded scan."""
    if request.param == "scan":
        monkeypatch.setattr(talk_module, "USE_SEARCH", False)
    return request.param


def test_interactions_on_the_topic_are_evidence_with_their_count_kind_and_last_day(alice, contact, interactions_from):
    hal = contact("Hal Jones", 30)
    talk(hal, 40, "Coffee about hiring plans for the data team", score=30)
    talk(hal, 5, "Lunch: hiring a designer", score=30)
    talk(hal, 3, "Call about the house move", kind="call", score=30)
    contact("Ida Quiet", 90)
    found = helpers_for(alice, ask(alice, None, "hiring a first designer"))
    assert names(found) == ["Hal Jones"]
    assert found[0].evidence[0] == f"2 meetings about hiring and designer, last {(NOW - timedelta(days=5)).date()}"


def test_someone_found_only_through_an_interaction_is_a_helper_too(alice, contact, interactions_from):
    jo = contact("Jo Park", 40)
    talk(jo, 2, "Jo explained GDPR questions at length", kind="call", score=40)
    found = helpers_for(alice, ask(alice, None, "GDPR"))
    assert names(found) == ["Jo Park"] and found[0].evidence[0].startswith("a call about GDPR on ")


def test_the_asker_and_archived_people_are_never_helpers(alice, contact):
    ana = contact("Ana Lima", 70, expertise=["fundraising"])
    gone = contact("Old Friend", 90, expertise=["fundraising"])
    offer(alice, gone, "fundraising", kind="mentoring")
    archive_person(gone)
    assert helpers_for(alice, ask(alice, ana, "fundraising")) == []


def test_another_users_people_never_help_with_my_ask_and_their_asks_never_reach_my_people(
        alice, bob, contact):
    mine = contact("Ana Lima", 50, expertise=["Rust"])
    theirs = contact("Bob's Rust Friend", 90, owner=bob, expertise=["Rust"])
    offer(bob, theirs, "Rust mentoring", kind="mentoring")
    bobs = ask(bob, None, "a Rust engineer", kind="hire")
    ask(bob, theirs, "Rust advice")
    assert helpers_for(alice, bobs) == []  # not Alice's ask: nobody of hers is offered for it
    mine_ask = ask(alice, None, "a Rust engineer", kind="hire")
    assert names(helpers_for(alice, mine_ask)) == ["Ana Lima"]
    assert [m.ask.pk for m in asks_for(alice, mine)] == [mine_ask.pk]
    assert asks_for(alice, theirs) == []  # not Alice's person at all


def test_the_asks_a_person_could_meet_are_open_ones_of_others_and_mine_with_evidence(alice, contact):
    bo = contact("Bo Chen", 60, expertise=["Rust"], title="Staff Engineer", organisation="Ironleaf")
    ana = contact("Ana Lima", 70)
    cy = contact("Cy Diaz", 40)
    theirs = ask(alice, ana, "a Rust engineer", kind="hire", days_old=3)
    mine = ask(alice, None, "advice on Rust tooling", days_old=1)
    unrelated = ask(alice, cy, "a flat in Lisbon")
    closed = ask(alice, cy, "Rust training")
    services.close_need(closed, "done")
    expired = ask(alice, cy, "Rust code review")
    Ask.objects.filter(pk=expired.pk).update(expires_on=NOW.date() - timedelta(days=1))
    ask(alice, bo, "Rust conference tickets")  # his own
    found = asks_for(alice, bo)
    assert [m.ask.pk for m in found] == [theirs.pk, mine.pk]
    assert found[0].evidence == ["expertise: Rust", "title: Staff Engineer"]
    assert unrelated.pk not in [m.ask.pk for m in found]


def test_an_archived_person_meets_no_asks_and_the_asks_of_archived_people_are_not_offered(alice, contact):
    bo = contact("Bo Chen", 60, expertise=["Rust"])
    gone = contact("Gone Away", 60)
    ask(alice, gone, "Rust advice")
    archive_person(gone)
    assert asks_for(alice, bo) == []
    ask(alice, None, "Rust advice")
    archive_person(bo)
    bo.refresh_from_db()
    assert asks_for(alice, bo) == []


def test_a_short_word_matches_whole_words_only(alice, contact):
    contact("Al Writer", 50, notes="Sends a long email every Friday.")
    contact("Bea Builder", 50, notes="Works on AI tooling (mostly evaluation).")
    assert names(helpers_for(alice, ask(alice, None, "AI"))) == ["Bea Builder"]
