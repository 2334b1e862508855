"""Mentorships, their sessions and the learnings log: what the services keep, refuse, and find."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netweave.core.errors import Invalid
from netweave.interactions.models import Interaction
from netweave.mentorship import services
from netweave.mentorship.models import Learning, Mentorship
from netweave.mentorship.queries import learnings, mentorships
from netweave.nurture.tests.today_support import clock, person, talk  # noqa: F401

TODAY = date(2026, 3, 10)


@pytest.fixture
def ana(person):  # noqa: F811
    return person("Ana Lima")


def test_a_mentorship_starts_today_with_goals_and_is_listed_open(alice, clock, ana):
    made = services.start_mentorship(alice, ana, role="mentor", goals="Become a staff engineer")
    [listed] = mentorships(alice, active=True)
    assert (listed.pk, listed.started, listed.ended, listed.session_count) == (made.pk, TODAY, None, 0)
    assert str(made) == "Ana Lima (my mentor)"


def test_a_second_open_mentorship_of_the_same_role_is_refused_but_the_other_role_is_not(alice, clock, ana):
    services.start_mentorship(alice, ana, role="mentor")
    with pytest.raises(Invalid) as refused:
        services.start_mentorship(alice, ana, role="mentor")
    assert "already my mentor" in refused.value.errors["person"]
    services.start_mentorship(alice, ana, role="mentee")  # we mentor each other
    assert Mentorship.objects.filter(owner=alice, person=ana).count() == 2


def test_an_ended_mentorship_can_be_followed_by_a_new_one(alice, clock, ana):
    first = services.start_mentorship(alice, ana, role="mentee", started=TODAY - timedelta(days=400))
    services.end_mentorship(first, TODAY - timedelta(days=30))
    services.start_mentorship(alice, ana, role="mentee")
    assert [m.active for m in mentorships(alice, role="mentee")] == [True, False]


def test_a_mentorship_cannot_end_before_it_started_or_have_an_unknown_role(alice, clock, ana):
    made = services.start_mentorship(alice, ana, role="mentor", started=TODAY)
    with pytest.raises(Invalid) as refused:
        services.end_mentorship(made, TODAY - timedelta(days=1))
    assert "before it started" in refused.value.errors["ended"]
    with pytest.raises(Invalid) as refused:
        services.update_mentorship(made, role="guru")
    assert "role" in refused.value.errors
    with pytest.raises(Invalid):
        services.update_mentorship(made, person=None)


def test_someone_elses_person_is_refused_like_a_missing_one(alice, bob, make_person, clock):
    bobs = make_person("Bo Chen", owner=bob)
    with pytest.raises(Invalid) as refused:
        services.start_mentorship(alice, bobs, role="mentor")
    assert refused.value.errors == {"person": "no such person"}
    with pytest.raises(Invalid) as refused:
        services.record_learning(alice, "Something", person=bobs)
    assert refused.value.errors == {"person": "no such person"}


def test_a_session_is_noted_and_logged_as_a_meeting_so_it_counts_as_contact(alice, clock, ana):
    made = services.start_mentorship(alice, ana, role="mentee")
    session = services.log_session(made, notes="Talked about promotions.\nAnd hiring.", next_steps="Draft a plan")
    interaction = Interaction.objects.get(pk=session.interaction_id)
    assert interaction.kind == "meeting" and interaction.summary == "Mentoring session: Talked about promotions."
    assert list(interaction.participants.all()) == [ana]
    ana.refresh_from_db()
    assert ana.last_contact_at == clock.now
    [listed] = mentorships(alice)
    assert (listed.session_count, listed.last_session) == (1, TODAY)


def test_a_past_session_is_logged_at_midday_that_day_and_can_be_noted_without_a_meeting(alice, clock, ana):
    made = services.start_mentorship(alice, ana, role="mentor")
    past = services.log_session(made, day=TODAY - timedelta(days=7), notes="Code review habits")
    assert Interaction.objects.get(pk=past.interaction_id).occurred_at.date() == TODAY - timedelta(days=7)
    quiet = services.log_session(made, notes="Just notes", log_interaction=False)
    assert quiet.interaction_id is None


def test_a_session_needs_notes_or_next_steps(alice, clock, ana):
    made = services.start_mentorship(alice, ana, role="mentor")
    with pytest.raises(Invalid) as refused:
        services.log_session(made, notes="  ", next_steps="")
    assert "notes" in refused.value.errors
    assert not Interaction.objects.filter(owner=alice).exists()


def test_a_learning_from_someone_is_kept_with_its_topic_and_day(alice, clock, ana):
    learned = services.record_learning(alice, "  Price on value, not cost  ", person=ana, topic=" pricing ")
    assert (learned.text, learned.topic, learned.day, learned.person_id) == (
        "Price on value, not cost", "pricing", TODAY, ana.pk)


def test_a_learning_from_an_interaction_takes_its_day_and_needs_the_person_to_have_been_there(alice, clock, ana,
                                                                                             person):
    call = talk(ana, 20, clock=clock, summary="Call about pricing")
    learned = services.record_learning(alice, "Anchor high", person=ana, interaction=call)
    assert learned.day == TODAY - timedelta(days=20) and learned.interaction_id == call.pk
    bo = person("Bo Chen")
    with pytest.raises(Invalid) as refused:
        services.record_learning(alice, "Anchor high", person=bo, interaction=call)
    assert refused.value.errors == {"interaction": "Bo Chen did not take part in it"}


def test_an_empty_or_overlong_learning_is_refused(alice, clock):
    for text, why in (("   ", "say in a few words"), ("x" * 5001, "at most 5000")):
        with pytest.raises(Invalid) as refused:
            services.record_learning(alice, text)
        assert why in refused.value.errors["text"]
    assert not Learning.objects.exists()


def test_learnings_are_found_by_their_words_accents_and_case_aside(alice, clock, ana):
    services.record_learning(alice, "Café pricing: charge for value", person=ana, topic="Pricing")
    services.record_learning(alice, "Rust lifetimes are about scopes", topic="rust")
    services.record_learning(alice, "Łódź has great meetups", topic="travel")
    assert [l.text for l in learnings(alice, "cafe PRIC")] == ["Café pricing: charge for value"]
    assert [l.text for l in learnings(alice, "lodz")] == ["Łódź has great meetups"]
    assert [l.text for l in learnings(alice, "rust")] == ["Rust lifetimes are about scopes"]
    assert [l.text for l in learnings(alice, '"Rust*" (lifetimes')] == ["Rust lifetimes are about scopes"]
    assert len(learnings(alice)) == 3 and [l.topic for l in learnings(alice, person=ana)] == ["Pricing"]


def test_a_learning_search_never_shows_someone_elses(alice, bob, clock):
    services.record_learning(bob, "Bob's secret about pricing")
    services.record_learning(alice, "Alice on pricing")
    assert [l.text for l in learnings(alice, "pricing")] == ["Alice on pricing"]


def test_a_learning_survives_its_person_being_deleted_and_follows_a_merge(alice, clock, person, origin):
    from netweave.people.merging import merge_people
    from netweave.people.services import delete_person

    ana, ana2, bo = person("Ana Lima"), person("Ana L."), person("Bo Chen")
    kept = services.record_learning(alice, "From Bo", person=bo)
    moved = services.record_learning(alice, "From Ana's duplicate", person=ana2)
    mentorship = services.start_mentorship(alice, ana2, role="mentor")
    merge_people(ana, ana2, origin=origin)
    moved.refresh_from_db()
    mentorship.refresh_from_db()
    assert moved.person_id == ana.pk and mentorship.person_id == ana.pk
    delete_person(bo)
    kept.refresh_from_db()
    assert kept.person_id is None and kept.text == "From Bo"
