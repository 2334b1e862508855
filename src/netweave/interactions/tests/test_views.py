"""Logging interactions from the web: the form, quick capture, and privacy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from netweave.interactions.models import Interaction
from netweave.interactions.services import log_interaction
from netweave.interactions.when import parse_when


@pytest.fixture
def ana(make_person):
    return make_person("Ana Lima")


def test_logging_from_the_form_puts_it_on_the_timeline(client, alice, ana, make_person):
    make_person("Bo Chen")
    client.force_login(alice)
    response = client.post(reverse("interactions:new"), {
        "summary": "Lunch about the launch", "participants": "Ana Lima, bo chen", "kind": "meeting",
        "when": "yesterday", "initiated_by": "me", "notes": "She wants an intro to a designer."})
    assert response.status_code == 302
    interaction = Interaction.objects.get(owner=alice)
    assert sorted(p.display_name for p in interaction.participants.all()) == ["Ana Lima", "Bo Chen"]
    assert "Lunch about the launch" in client.get(reverse("people:detail", args=[ana.pk])).content.decode()


def test_an_unknown_participant_is_named_and_nothing_is_logged(client, alice, ana):
    client.force_login(alice)
    response = client.post(reverse("interactions:new"), {
        "summary": "Call", "participants": "Ana Lima, Zebedee Quux", "kind": "call", "when": "today"})
    assert "Zebedee Quux" in str(response.context["form"].errors["participants"])
    assert not Interaction.objects.exists()


def test_quick_capture_logs_when_every_name_is_clear(client, alice, ana):
    client.force_login(alice)
    response = client.post(reverse("interactions:capture"), {"text": "Coffee with Ana Lima yesterday", "next": "/"})
    assert response.status_code == 302
    interaction = Interaction.objects.get(owner=alice)
    assert interaction.kind == "meeting" and interaction.occurred_at.date() == parse_when("yesterday").date()


def test_quick_capture_asks_which_person_when_a_name_is_ambiguous(client, alice, make_person):
    first = make_person("Ana Lima")
    make_person("Ana Souza")
    client.force_login(alice)
    response = client.post(reverse("interactions:capture"), {"text": "Call with Ana"})
    assert "Who is “Ana”?" in response.content.decode()
    assert not Interaction.objects.exists()
    client.post(reverse("interactions:capture"), {"text": "Call with Ana", "choose:Ana": str(first.pk)})
    assert list(Interaction.objects.get().participants.all()) == [first]


def test_quick_capture_ignores_a_next_address_on_another_site(client, alice, ana):
    client.force_login(alice)
    response = client.post(reverse("interactions:capture"), {"text": "Call with Ana Lima",
                                                            "next": "https://evil.example/"})
    assert "evil.example" not in response["Location"]


def test_a_stranger_gets_404_for_someone_elses_interaction(client, alice, charlie, ana):
    interaction = log_interaction(alice, kind="call", occurred_at=parse_when("today"), participants=[ana],
                                  summary="Private call")
    client.force_login(charlie)
    assert client.get(reverse("interactions:edit", args=[interaction.pk])).status_code == 404
    assert client.post(reverse("interactions:edit", args=[interaction.pk]),
                       {"summary": "x", "participants": "Ana Lima", "kind": "call", "when": "today"}).status_code == 404
    assert client.post(reverse("interactions:delete", args=[interaction.pk])).status_code == 404
    assert client.get(reverse("interactions:new") + f"?with={ana.pk}").context["form"].initial.get(
        "participants") is None
    response = client.post(reverse("interactions:capture"), {"text": "Call with Ana Lima"})
    assert response.status_code == 200 and not Interaction.objects.filter(owner=charlie).exists()
    interaction.refresh_from_db()
    assert interaction.summary == "Private call"


def test_editing_moves_an_interaction_and_deleting_removes_it(client, alice, ana):
    interaction = log_interaction(alice, kind="call", occurred_at=parse_when("today"), participants=[ana],
                                  summary="Call")
    client.force_login(alice)
    client.post(reverse("interactions:edit", args=[interaction.pk]),
                {"summary": "Video call", "participants": "Ana Lima", "kind": "video", "when": "3 days ago"})
    interaction.refresh_from_db()
    assert (interaction.kind, interaction.summary) == ("video", "Video call")
    client.post(reverse("interactions:delete", args=[interaction.pk]))
    assert not Interaction.objects.exists()
    ana.refresh_from_db()
    assert ana.last_contact_at is None
