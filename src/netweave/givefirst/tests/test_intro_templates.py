"""My own templates for the introductions' drafted messages: kept per step and user, checked like a draft is
filled, used by every draft, and edited on a page and through the API."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from netweave.core.errors import Invalid
from netweave.givefirst import intro_drafts
from netweave.givefirst import introductions as intros
from netweave.givefirst.intro_drafts import SLOTS, TEMPLATES, context
from netweave.givefirst.models import IntroTemplate
from netweave.nurture.tests.today_support import clock  # noqa: F401

MINE = "Hello {a_first}!\n{b_needs}\nYou should meet {b_full}: {reason}\n{me}"


def put(client, path: str, body: dict):
    """A PUT with a JSON body (the shared API client has no put of its own)."""
    return client.generic("PUT", f"/api/v1/{path}", json.dumps(body), content_type="application/json")


@pytest.fixture
def intro(alice, make_person, clock):  # noqa: F811
    return intros.propose(alice, make_person("Ana Lima"), make_person("Bo Chen"), reason="Both sail")


def test_the_slots_a_template_may_use_are_those_a_draft_fills(intro):
    assert sorted(context(intro)) == sorted(SLOTS)


def test_a_saved_template_is_used_by_every_draft_of_that_step_and_only_the_owners(alice, bob, intro, make_person):
    intro_drafts.save_template(alice, "ask_a", "  " + MINE + "\n\n")
    assert intros.draft(intro, "ask_a") == "Hello Ana!\nYou should meet Bo Chen: Both sail.\nalice\n"
    assert intros.draft(intro, "ask_b").startswith("Hi Bo,")  # another step keeps the default
    bobs = intros.propose(bob, make_person("Cy Diaz", owner=bob), make_person("Di Evans", owner=bob), reason="x")
    assert intros.draft(bobs, "ask_a").startswith("Hi Cy,\n\nI'd like to introduce you to Di Evans.")
    intro_drafts.save_template(alice, "ask_a", "Hi {a_first}, again")
    assert IntroTemplate.objects.filter(owner=alice).count() == 1
    intro_drafts.reset_template(alice, "ask_a")
    assert intros.draft(intro, "ask_a").startswith("Hi Ana,\n\nI'd like to introduce you to Bo Chen.")


@pytest.mark.parametrize("text, why", [
    ("", "write the message, or go back to the default"),
    ("Hi {a_fist}", "unknown slot {a_fist}; use any of {a_about}"),
    ("Hi {a_first.__class__}", "unknown slot {a_first.__class__}"),
    ("Hi {a_first", "cannot be filled"),
    ("Hi {}", "cannot be filled"),
    ("Hi {me:>999999999}", "write the slot as {me}, with nothing after its name"),
    ("Hi {me!r}", "write the slot as {me}"),
    ("x" * 5001, "is 5001 characters long; at most 5000"),
])
def test_a_template_that_cannot_be_filled_is_refused_and_nothing_is_kept(alice, text, why):
    with pytest.raises(Invalid) as exc:
        intro_drafts.save_template(alice, "make", text)
    assert exc.value.errors["text"].startswith(why)
    assert not IntroTemplate.objects.exists()


def test_an_unknown_step_is_refused(alice):
    with pytest.raises(Invalid) as exc:
        intro_drafts.save_template(alice, "thank_you", MINE)
    assert exc.value.errors == {"step": "must be one of ask_a, ask_b, make, follow_up"}


def test_a_saved_template_that_no_longer_fills_falls_back_to_the_default(alice, intro):
    IntroTemplate.objects.create(owner=alice, step="ask_a", text="Hi {a_nickname}")  # a slot since dropped
    assert intros.draft(intro, "ask_a") == intros.draft(intro, "ask_a", template=TEMPLATES["ask_a"])


# ---- the API ----------------------------------------------------------------------------------------------

def test_a_stranger_sees_only_their_own_templates_through_the_api(as_charlie, alice):
    intro_drafts.save_template(alice, "ask_a", MINE)
    found = as_charlie.get("introductions/templates/ask_a").json()
    assert (found["text"], found["custom"]) == (TEMPLATES["ask_a"], False)
    assert MINE not in as_charlie.get("introductions/templates").content.decode()
    assert as_charlie.delete("introductions/templates/ask_a").status_code == 200
    assert IntroTemplate.objects.filter(owner=alice).exists()


def test_templates_are_read_saved_and_reset_through_the_api(as_alice, alice, intro):
    listed = as_alice.get("introductions/templates").json()
    assert [t["step"] for t in listed] == ["ask_a", "ask_b", "make", "follow_up"]
    assert listed[0]["custom"] is False and listed[0]["slots"] == list(SLOTS)
    saved = put(as_alice, "introductions/templates/ask_a", {"text": MINE})
    assert saved.status_code == 200, saved.content
    assert (saved.json()["text"], saved.json()["custom"], saved.json()["default"]) == (MINE, True, TEMPLATES["ask_a"])
    detail = as_alice.get(f"introductions/{intro.pk}").json()
    assert (detail["draft_step"], detail["draft"]) == ("asked_a", intros.draft(intro, "ask_a"))
    assert detail["draft"].startswith("Hello Ana!")
    reset = as_alice.delete("introductions/templates/ask_a").json()
    assert (reset["text"], reset["custom"]) == (TEMPLATES["ask_a"], False)


@pytest.mark.parametrize("step, body, status", [
    ("thank_you", {"text": MINE}, 404),
    ("ask_a", {"text": "Hi {a_fist}"}, 422),
    ("ask_a", {"text": "x", "colour": "red"}, 422),
    ("ask_a", {"text": 5}, 422),
    ("ask_a", {}, 422),
])
def test_a_template_the_api_cannot_keep_is_refused(as_alice, step, body, status):
    response = put(as_alice, f"introductions/templates/{step}", body)
    assert response.status_code == status
    assert not IntroTemplate.objects.exists()
    if status == 422 and "text" in body and body["text"] == "Hi {a_fist}":
        assert response.json()["detail"][0]["loc"][-1] == "text"


def test_an_unknown_steps_template_is_a_404(as_alice):
    assert as_alice.get("introductions/templates/thank_you").status_code == 404
    assert as_alice.delete("introductions/templates/thank_you").status_code == 404


# ---- the page ---------------------------------------------------------------------------------------------

def test_the_page_shows_each_steps_words_and_saves_and_resets_them(client, alice, intro):
    client.force_login(alice)
    page = client.get(reverse("givefirst:intro_templates")).content.decode()
    assert page.count("(default)") == 4 and "{a_first}" in page
    response = client.post(reverse("givefirst:intro_template_save", args=["make"]), {"text": MINE})
    assert response.status_code == 302
    assert IntroTemplate.objects.get(owner=alice, step="make").text == MINE
    page = client.get(reverse("givefirst:intro_templates")).content.decode()
    assert "(your words)" in page and "Hello {a_first}!" in page
    client.post(reverse("givefirst:intro_template_reset", args=["make"]))
    assert not IntroTemplate.objects.exists()


def test_the_page_shows_why_a_template_was_refused_and_keeps_what_was_typed(client, alice):
    client.force_login(alice)
    response = client.post(reverse("givefirst:intro_template_save", args=["ask_b"]), {"text": "Hi {b_fist}"})
    page = response.content.decode()
    assert response.status_code == 200 and "unknown slot {b_fist}" in page and "Hi {b_fist}" in page
    assert not IntroTemplate.objects.exists()


def test_a_stranger_sees_their_own_defaults_and_an_unknown_step_is_a_404(client, alice, charlie):
    intro_drafts.save_template(alice, "ask_a", MINE)
    client.force_login(charlie)
    page = client.get(reverse("givefirst:intro_templates")).content.decode()
    assert "Hello {a_first}!" not in page and page.count("(default)") == 4
    assert client.post(reverse("givefirst:intro_template_save", args=["thank_you"]), {"text": MINE}).status_code \
        == 404
    assert client.post(reverse("givefirst:intro_template_reset", args=["thank_you"])).status_code == 404
    client.post(reverse("givefirst:intro_template_reset", args=["ask_a"]))
    assert IntroTemplate.objects.filter(owner=alice).exists()
