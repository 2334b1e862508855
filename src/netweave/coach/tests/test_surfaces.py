"""The brief on every surface: the printable web pages, the API and `netweave brief`; a stranger gets 404."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import typer
from django.urls import reverse
from typer.testing import CliRunner

from netweave.coach import cli
from netweave.coach.tests.conftest import NOW

app = typer.Typer()
app.callback()(lambda: None)  # a group, as the root is: `brief` stays a subcommand, not the whole app
cli.register(app)
runner = CliRunner()


def run(*args, user: str = "alice"):
    return runner.invoke(app, [*args, "-u", user], catch_exceptions=False)


@pytest.fixture
def ana(alice, person, meet):
    from netweave.givefirst.services import add_ask

    ana = person("Ana Lima", location="Lisbon, Portugal", interests=["jazz"])
    meet(ana, 45, summary="Lunch with Ana", notes="She is hiring for the data team.")
    from netweave.givefirst.models import Ask

    ask = add_ask(alice, person=ana, kind="hire", topic="a senior Rust engineer")
    Ask.objects.filter(pk=ask.pk).update(created_at=NOW - timedelta(days=90))
    return ana


@pytest.fixture
def pycon(ana, person, meet):
    return meet([ana, person("Bo Chen")], -20, summary="PyCon 2026", kind="event")


# ---- web ------------------------------------------------------------------------------------------------

def test_a_stranger_gets_404_for_someone_elses_brief_and_event_brief(client, charlie, ana, pycon):
    client.force_login(charlie)
    assert client.get(reverse("coach:person", args=[ana.pk])).status_code == 404
    assert client.get(reverse("coach:event", args=[f"interaction-{pycon.pk}"])).status_code == 404
    found = client.get(reverse("coach:event_find"), {"q": "PyCon"})
    assert found.status_code == 200 and "No event matches" in found.content.decode()


def test_the_person_page_is_a_printable_brief_with_its_questions(client, alice, ana):
    client.force_login(alice)
    page = client.get(reverse("coach:person", args=[ana.pk])).content.decode()
    assert "<h1>Brief: Ana Lima</h1>" in page and "@media print" in page
    assert "In January you were hiring for the data team — did you find someone?" in page
    assert "draws on: the meeting of 2026-01-24: “Lunch with Ana”" in page
    assert "Looking for a hire: a senior Rust engineer" in page
    detail = client.get(reverse("people:detail", args=[ana.pk])).content.decode()
    assert f'href="{reverse("coach:person", args=[ana.pk])}"' in detail


def test_missing_people_and_events_are_404_not_errors(client, alice):
    client.force_login(alice)
    assert client.get(f"/people/{2**63}/brief/").status_code == 404
    assert client.get("/brief/event/interaction-99999999999999999999/").status_code == 404
    assert client.get("/brief/event/nonsense/").status_code == 404


def test_finding_an_event_opens_its_brief_and_offers_the_other_matches(client, alice, ana, pycon, meet):
    client.force_login(alice)
    old = meet([ana], -200, summary="PyCon 2027", kind="event")
    found = client.get(reverse("coach:event_find"), {"q": "pycon"})
    assert found.status_code == 302 and found["Location"].startswith(reverse("coach:event",
                                                                              args=[f"interaction-{pycon.pk}"]))
    page = client.get(found["Location"]).content.decode()
    assert "<h1>Brief: PyCon 2026</h1>" in page and 'id="person-' in page and "Bo Chen" in page
    assert reverse("coach:event", args=[f"interaction-{old.pk}"]) in page
    assert "What are you hoping to get out of PyCon 2026?" in page or "Who are you hoping to meet at PyCon 2026?" \
        in page


# ---- API ------------------------------------------------------------------------------------------------

def test_the_api_gives_a_stranger_404_for_both_briefs(as_charlie, ana, pycon):
    assert as_charlie.get(f"people/{ana.pk}/brief").status_code == 404
    assert as_charlie.get("briefs/event", {"q": "PyCon"}).status_code == 404


def test_the_api_brief_of_a_person(as_alice, ana):
    body = as_alice.get(f"people/{ana.pk}/brief").json()
    assert body["display_name"] == "Ana Lima" and body["location"] == "Lisbon, Portugal"
    assert 3 <= len(body["questions"]) <= 5
    assert body["questions"][0]["draws_on"] == "the meeting of 2026-01-24: “Lunch with Ana”"
    assert body["asks"][0]["topic"] == "a senior Rust engineer" and body["talks"][0]["summary"] == "Lunch with Ana"
    assert body["common"]["interests"] == ["jazz"] and body["since"]["label"] == "since you last spoke on 2026-01-24"
    assert as_alice.get(f"people/{2**63}/brief").status_code == 404


def test_the_api_event_brief_and_its_refusals(as_alice, pycon):
    body = as_alice.get("briefs/event", {"q": "pycon"}).json()
    assert body["ref"] == f"interaction-{pycon.pk}" and [b["display_name"] for b in body["briefs"]] == [
        "Ana Lima", "Bo Chen"]
    assert as_alice.get("briefs/event", {"q": "nothing like it"}).status_code == 404
    assert as_alice.get("briefs/event").status_code == 422
    assert as_alice.get("briefs/event", {"q": "   "}).status_code == 422


# ---- command line ---------------------------------------------------------------------------------------

def test_brief_prints_the_sections_and_the_questions(ana):
    result = run("brief", "ana lima")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for heading in ("Questions to ask", "What you last talked about", "Common ground", "In their life since you "
                    "last spoke on 2026-01-24"):
        assert heading in out
    assert "1. In January you were hiring for the data team — did you find someone?" in out
    assert "Looking for a hire: a senior Rust engineer" in out


def test_brief_as_json_and_for_an_event(ana, pycon):
    body = json.loads(run("brief", "Ana Lima", "--json").stdout)
    assert body["person_id"] == ana.pk and len(body["questions"]) >= 3
    event = json.loads(run("brief", "--event", "PyCon", "--json").stdout)
    assert event["name"] == "PyCon 2026" and len(event["briefs"]) == 2
    shown = run("brief", "--event", "pycon")
    assert shown.exit_code == 0 and "2 people of yours expected." in shown.stdout and "Bo Chen" in shown.stdout


def test_brief_prints_what_the_user_typed_as_text_not_markup(person, meet):
    odd = person("Mallory [bold]Evil[/bold]", location="[red]Nowhere[/red]")
    meet(odd, 3, summary="Coffee about [link=http://x]this[/link]")
    result = run("brief", str(odd.pk))
    assert result.exit_code == 0, result.output
    for text in ("[bold]Evil[/bold]", "Location: [red]Nowhere[/red]", "[link=http://x]this[/link]"):
        assert text in result.stdout


def test_brief_refuses_what_it_cannot_find_or_understand(ana, pycon, charlie):
    assert run("brief", "Ana Lima", user="charlie").exit_code == 2
    assert run("brief", "--event", "PyCon", user="charlie").exit_code == 2
    assert run("brief").exit_code == 2
    assert run("brief", "Ana Lima", "--event", "PyCon").exit_code == 2
