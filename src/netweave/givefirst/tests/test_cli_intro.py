"""`netweave intro propose|advance|list|show|suggest`, in-process."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import typer
from typer.testing import CliRunner

from netweave.givefirst import cli, introductions, services
from netweave.givefirst.models import Exchange, Introduction
from netweave.givefirst.suggestions import suggest_introductions
from netweave.nurture.tests.today_support import clock, strength  # noqa: F401  (pins today to 2026-03-10)
from netweave.people.models import Tie
from netweave.people.services import link_people

app = typer.Typer()
cli.register(app)
runner = CliRunner()
FORWARD = ["asked_a", "a_agreed", "asked_b", "b_agreed", "made"]


def run(*args, user: str = "alice"):
    return runner.invoke(app, [*args, "-u", user], catch_exceptions=False)


def run_json(*args, user: str = "alice"):
    result = run(*args, "--json", user=user)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def ana(make_person, clock):  # noqa: F811
    return make_person("Ana Lima", organisation="Acme", title="CTO")


@pytest.fixture
def bo(make_person):
    return make_person("Bo Chen")


@pytest.fixture
def intro(alice, ana, bo):
    return introductions.propose(alice, ana, bo, reason="both are building climate software")


def test_propose_prints_the_draft_asking_a(alice, ana, bo):
    result = run("intro", "propose", "Ana Lima", "Bo Chen", "--reason", "both are building climate software")
    assert result.exit_code == 0, result.output
    made = Introduction.objects.get(owner=alice)
    assert (made.person_a, made.person_b, made.state, made.origin.kind) == (ana, bo, "proposed", "cli")
    assert f"Proposed: Ana Lima ↔ Bo Chen (introduction {made.pk})." in result.stdout
    assert "Draft for asking Ana Lima" in result.stdout and "Hi Ana" in result.stdout


def test_propose_for_an_ask_as_json(alice, ana, bo):
    asked = services.add_ask(alice, person=bo, kind="advice", topic="climate software")
    found = run_json("intro", "propose", "Ana Lima", "Bo Chen", "-r", "Bo needs advice", "--ask", str(asked.pk))
    assert found["ask_id"] == asked.pk and found["next_states"] == ["asked_a", "declined", "expired"]
    assert found["draft_step"] == "asked_a" and "Bo Chen" in found["draft"]
    assert [s["to_state"] for s in found["steps"]] == ["proposed"]


def test_propose_refuses_someone_to_themselves_or_a_pair_already_tied_with_the_reason(alice, ana, bo):
    result = run("intro", "propose", "Ana Lima", "Ana Lima", "--reason", "mirror")
    assert result.exit_code == 1 and "themselves" in result.output
    link_people(alice, ana, bo, "friend")
    result = run("intro", "propose", "Ana Lima", "Bo Chen", "--reason", "catch up")
    assert result.exit_code == 1 and "already know each other" in result.output
    assert run("intro", "propose", "Ana Lima", "Nobody Atall", "--reason", "x").exit_code == 2
    assert run("intro", "propose", "Ana Lima", "Bo Chen", "--reason", "x", "--ask", "999").exit_code == 2
    assert run("intro", "propose", "Ana Lima", "Bo Chen").exit_code == 2  # --reason is required
    assert not Introduction.objects.exists()


def test_advance_next_walks_to_made_then_concludes_with_an_outcome(alice, ana, bo, intro):
    for state in FORWARD:
        result = run("intro", "advance", str(intro.pk), "next", "--note", f"to {state}")
        assert result.exit_code == 0, result.output
    assert "Ana Lima ↔ Bo Chen: made." in result.stdout and "now tied" in result.stdout
    assert "Draft for asking how it went" in result.stdout
    intro.refresh_from_db()
    assert intro.state == "made" and {intro.tie.person_a, intro.tie.person_b} == {ana, bo}
    assert Exchange.objects.filter(introduction=intro).count() == 2
    result = run("intro", "advance", str(intro.pk), "next")
    assert result.exit_code == 1 and "outcome" in result.output
    found = run_json("intro", "advance", str(intro.pk), "concluded", "--outcome", "met", "-m", "How did it go?")
    assert found["state"] == "concluded" and found["outcome"] == "met" and found["next_states"] == []
    assert found["steps"][-1]["message"] == "How did it go?"
    assert [s["note"] for s in found["steps"][1:6]] == [f"to {s}" for s in FORWARD]
    result = run("intro", "advance", str(intro.pk), "next")
    assert result.exit_code == 2 and "finished" in result.output


def test_an_illegal_move_names_the_legal_ones_and_changes_nothing(intro):
    result = run("intro", "advance", str(intro.pk), "made")
    assert result.exit_code == 1 and "asked_a, declined, expired" in " ".join(result.output.split())
    result = run("intro", "advance", str(intro.pk), "married")
    assert result.exit_code == 1
    intro.refresh_from_db()
    assert intro.state == "proposed" and intro.steps.count() == 1 and not Tie.objects.exists()


def test_a_move_from_a_state_it_has_left_is_a_conflict(intro):
    introductions.advance(intro, "asked_a")
    result = run("intro", "advance", str(intro.pk), "next", "--expect", "proposed")
    assert result.exit_code == 1 and "conflict" in result.output and "asked_a now" in result.output
    intro.refresh_from_db()
    assert intro.state == "asked_a" and intro.steps.count() == 2


def test_declining_says_who(intro):
    introductions.advance(intro, "asked_a")
    assert run_json("intro", "advance", str(intro.pk), "declined", "--by", "b")["declined_by"] == "b"
    assert run("intro", "advance", str(intro.pk), "declined", "--by", "c").exit_code == 2


def test_list_and_show(alice, ana, bo, make_person, intro, clock):  # noqa: F811
    cy = make_person("Cy Diaz")
    other = introductions.propose(alice, bo, cy, reason="both run")
    introductions.advance(other, "asked_a", note="sent by text")
    Introduction.objects.filter(pk=intro.pk).update(updated_at=clock.now - timedelta(days=1))
    assert [i["id"] for i in run_json("intro", "list")] == [other.pk, intro.pk]
    assert [i["id"] for i in run_json("intro", "list", "--state", "asked_a")] == [other.pk]
    assert [i["id"] for i in run_json("intro", "list", "--person", "Cy Diaz")] == [other.pk]
    assert run("intro", "list", "--state", "lost").exit_code == 2
    table = run("intro", "list")
    assert table.exit_code == 0 and "Bo Chen" in table.stdout and "asked A" in table.stdout
    shown = run("intro", "show", str(other.pk))
    assert shown.exit_code == 0 and "proposed → asked_a  (sent by text)" in shown.stdout
    assert "Next: a_agreed, declined, expired" in shown.stdout
    detail = run_json("intro", "show", str(intro.pk))
    assert detail["draft_step"] == "asked_a" and "Hi Ana" in detail["draft"]


def test_suggest_lists_the_pairs_with_reasons(alice, make_person, clock):  # noqa: F811
    ana = make_person("Ana Lima", expertise=["fundraising"])
    bo = make_person("Bo Chen")
    strength(ana, 80), strength(bo, 70)
    services.add_ask(alice, person=bo, kind="advice", topic="fundraising")
    found = run_json("intro", "suggest")
    assert [(s["a_id"], s["b_id"], s["reasons"]) for s in found] == [
        (s.a_id, s.b_id, s.reasons) for s in suggest_introductions(alice, limit=20)]
    assert {found[0]["a_id"], found[0]["b_id"]} == {ana.pk, bo.pk}
    result = run("intro", "suggest")
    assert result.exit_code == 0 and "Ana Lima" in result.stdout and "netweave intro propose" in result.stdout


def test_a_stranger_cannot_see_or_move_someone_elses_introduction(intro, charlie):
    for args in (["intro", "show", str(intro.pk)], ["intro", "advance", str(intro.pk), "next"],
                 ["intro", "propose", "Ana Lima", "Bo Chen", "--reason", "x"]):
        assert run(*args, user="charlie").exit_code == 2, args
    assert run_json("intro", "list", user="charlie") == []
    assert run_json("intro", "suggest", user="charlie") == []
    intro.refresh_from_db()
    assert intro.state == "proposed" and Introduction.objects.count() == 1
