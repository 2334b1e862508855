"""The drafted messages of an introduction: each step's draft carries both people's names, roles, how I know them,
what they need and offer, and the reason; says no is fine; and stays sensible when little is known."""

from __future__ import annotations

import pytest

from netweave.core.errors import Invalid
from netweave.givefirst import introductions as intros
from netweave.givefirst.intro_drafts import STEPS, wanted
from netweave.givefirst.services import add_ask, add_offer, close_need
from netweave.nurture.tests.today_support import clock, strength  # noqa: F401

REASON = "You are both building payments infrastructure in Lisbon"


@pytest.fixture
def ana(make_person, clock):
    return make_person("Ana Lima", organisation="Acme", title="CTO", met_how="Met at PyCon Lisbon 2023.")


@pytest.fixture
def bo(make_person, clock):
    return make_person("Bo Chen", nickname="Bobby", organisation="Initech", met_how="former colleague at Globex")


@pytest.fixture
def intro(alice, ana, bo):
    return intros.propose(alice, ana, bo, reason=REASON)


def test_asking_a_describes_b_and_says_no_is_fine(alice, ana, bo, intro):
    strength(bo, 55)
    add_ask(alice, person=bo, kind="hire", topic="a senior Rust engineer")
    add_offer(alice, person=bo, kind="mentoring", topic="fundraising")
    text = intros.draft(intro, "ask_a")
    assert text.startswith("Hi Ana,\n\nI'd like to introduce you to Bo Chen (at Initech).\n")
    assert "How I know Bobby: former colleague at Globex. Bobby and I keep in touch." in text
    assert "Bobby is looking for a senior Rust engineer. Bobby can help with fundraising." in text
    assert f"Why I think you two should meet: {REASON}." in text
    assert "Saying no is completely fine" in text and "I won't mention it to Bobby" in text
    assert text.endswith("Best,\nalice\n")
    assert "Ana Lima" not in text and "Acme" not in text  # A is told about B, not about herself


def test_asking_b_describes_a_with_her_role_and_how_i_know_her(alice, intro):
    text = intros.draft(intro, "ask_b")
    assert text.startswith("Hi Bobby,\n\nI'd like to introduce you to Ana Lima (CTO at Acme), who would be glad "
                           "to meet you.\nHow I know Ana: Met at PyCon Lisbon 2023.\n")
    assert REASON in text
    assert "saying no is completely fine" in text
    assert "and I are" not in text  # no strength computed for Ana: nothing said about how close we are


def test_the_introduction_goes_to_both_with_each_ones_role_and_needs(alice, ana, bo, intro):
    add_ask(alice, person=ana, kind="advice", topic="card issuing in Brazil")
    text = intros.draft(intro, "make")
    assert text.startswith("Subject: Ana, meet Bobby\n\nHi Ana and Bobby,\n")
    assert "Ana, meet Bo Chen (at Initech)." in text
    assert "Bobby, meet Ana Lima (CTO at Acme).\nAna is looking for advice on card issuing in Brazil." in text
    assert f"Why I think you should talk: {REASON}." in text
    assert "no pressure: if it doesn't go anywhere, that's completely fine" in text.replace("\n", " ")


@pytest.mark.parametrize("to, greeting, other", [("a", "Hi Ana,", "Bo Chen"), ("b", "Hi Bobby,", "Ana Lima")])
def test_the_follow_up_asks_one_of_them_how_it_went(intro, to, greeting, other):
    text = intros.draft(intro, "follow_up", to=to)
    assert text.startswith(f"{greeting}\n\nA couple of weeks ago I introduced you to {other}.")
    assert "If it wasn't a fit, that's completely fine too" in text


def test_someone_we_know_nothing_about_still_gets_a_short_sensible_draft(alice, make_person, clock):
    intro = intros.propose(alice, make_person("Zed"), make_person("Yu"), reason="Both love sailing!")
    for step in STEPS:
        text = intros.draft(intro, step)
        assert "()" not in text and "None" not in text and "\n\n\n" not in text
        assert "How I know" not in text and "looking for" not in text
        assert "fine" in text
    assert intros.draft(intro, "ask_a").startswith("Hi Zed,\n\nI'd like to introduce you to Yu.\n\n"
                                                  "Why I think you two should meet: Both love sailing!\n")


def test_only_open_asks_are_named_and_the_one_the_introduction_serves_comes_first(alice, ana, bo, clock):
    served = add_ask(alice, person=bo, kind="hire", topic="a payments engineer")
    add_ask(alice, person=bo, kind="advice", topic="pricing")
    close_need(add_ask(alice, person=bo, kind="job", topic="a new role"), "done")
    intro = intros.propose(alice, ana, bo, reason=REASON, ask=served)
    assert "Bobby is looking for a payments engineer and advice on pricing." in intros.draft(intro, "ask_a")


def test_closeness_follows_the_strength_of_the_tie(alice, ana, bo, intro):
    for score, words in [(80, "Bobby and I are close."), (20, "Bobby and I are in touch now and then."),
                         (5, "I don't know Bobby very well yet.")]:
        strength(bo, score)
        assert words in intros.draft(intro, "ask_a")


def test_the_user_can_write_their_own_template_with_the_same_slots(intro):
    own = "Dear {a_first},\n{b_knowing}\nMeet {b_full} ({b_role}): {reason}\n{me}"
    assert intros.draft(intro, "ask_a", template=own) == (
        "Dear Ana,\nHow I know Bobby: former colleague at Globex.\nMeet Bo Chen (at Initech): " + REASON + ".\n"
        "alice\n")


@pytest.mark.parametrize("template, why", [
    ("Hi {a_fist}", "unknown slot {a_fist}"),
    ("Hi {a_first.__class__}", "unknown slot {a_first.__class__}"),
    ("Hi {a_first", "cannot be filled"),
    ("Hi {}", "cannot be filled"),
])
def test_a_template_with_a_slot_that_does_not_exist_is_refused(intro, template, why):
    with pytest.raises(Invalid) as exc:
        intros.draft(intro, "ask_a", template=template)
    assert exc.value.errors["template"].startswith(why)


def test_an_unknown_step_or_recipient_is_refused(intro):
    with pytest.raises(Invalid) as exc:
        intros.draft(intro, "thank_you")
    assert exc.value.errors == {"step": "must be one of ask_a, ask_b, make, follow_up"}
    with pytest.raises(Invalid):
        intros.draft(intro, "follow_up", to="c")


@pytest.mark.parametrize("kind, topic, phrase", [
    ("advice", "pricing", "advice on pricing"),
    ("advice", "Advice on pricing", "Advice on pricing"),
    ("introduction", "a Series A investor", "an introduction to a Series A investor"),
    ("hire", "a senior Rust engineer", "a senior Rust engineer"),
])
def test_an_ask_reads_as_what_they_are_looking_for(kind, topic, phrase):
    assert wanted(kind, topic) == phrase
