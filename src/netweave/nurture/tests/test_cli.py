"""The keep-in-touch commands, in-process, on a Typer app of their own (the root mounts them the same way)."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from netweave.interactions.models import Interaction
from netweave.nurture import cli
from netweave.nurture.cadences import Cadences
from netweave.nurture.models import Cadence, Nudge, NurtureSettings
from netweave.nurture.tests.today_support import clock, person  # noqa: F401
from netweave.people.models import Circle

app = typer.Typer()
cli.register(app)
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [*args, "-u", "alice"], catch_exceptions=False)


def run_json(*args):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def ana(person):
    return person("Ana Lima", circle="close", contacted=41, tags=["climate"])


def test_today_prints_whom_to_reach_out_to_and_why(ana):
    result = run("today")
    assert result.exit_code == 0
    assert "Ana Lima" in result.stdout and "11 days overdue" in result.stdout


def test_today_and_due_as_json(ana, person):
    for n in range(6):
        person(f"Person {n}", circle="wide", contacted=400 + n)
    today = run_json("today")
    assert today["day"] == "2026-03-10" and today["due_count"] == 7 and len(today["items"]) == 5
    assert today["items"][0]["reason"] == "close circle, every month: last contact 41 days ago, 11 days overdue"
    due = run_json("due")
    assert len(due) == 7 and due[0]["display_name"] == "Ana Lima"
    assert len(run_json("due", "--limit", "2")) == 2


def test_checkin_done_snooze_and_skip_act_on_a_person_by_name(alice, ana, person):
    bo = person("Bo Chen", circle="close", contacted=50)
    cy = person("Cy Diaz", circle="close", contacted=60)
    done = run_json("checkin", "done", "ana lima", "--kind", "call", "--summary", "Lisbon plans")
    assert Interaction.objects.get(pk=done["interaction_id"]).summary == "Lisbon plans"
    assert run_json("checkin", "snooze", "Bo Chen", "--until", "2026-03-20")["until"] == "2026-03-20"
    assert run_json("checkin", "skip", "Cy Diaz")["until"] == "2026-04-09"
    assert {n.person_id: n.status for n in Nudge.objects.all()} == {ana.pk: "done", bo.pk: "snoozed", cy.pk: "skipped"}
    assert run_json("today")["items"] == []


def test_checkin_names_a_refused_day_and_an_unknown_person(ana):
    result = run("checkin", "snooze", "Ana Lima", "--until", "2026-03-01")
    assert result.exit_code == 1 and "until" in result.output
    result = run("checkin", "snooze", "Ana Lima", "--until", "soon")
    assert result.exit_code == 1 and "not a date" in result.output
    assert run("checkin", "done", "Nobody Atall").exit_code == 2
    assert not Nudge.objects.exists()


def test_cadence_set_list_and_clear(alice, ana):
    assert run("cadence", "set", "21", "--circle", "Close").exit_code == 0
    assert run_json("cadence", "set", "14", "--tag", "climate")["days"] == 14
    assert run_json("cadence", "set", "10", "--person", "ana lima") == {
        "scope": "person", "target_id": ana.pk, "name": "Ana Lima", "days": 10}
    table = run_json("cadence", "list")
    assert [c["days"] for c in table["circles"]] == [7, 21, 90, 365]
    assert table["tags"][0]["name"] == "climate" and table["people"][0]["id"] == ana.pk
    assert "every 21 days" in run("cadence", "list").stdout
    assert run("cadence", "clear", "--circle", "close").exit_code == 0
    assert Cadences(alice).circle_days[Circle.objects.get(owner=alice, name="close").pk] == 30


def test_a_cadence_of_zero_is_refused_naming_days_and_a_target_is_required(alice, ana):
    result = run("cadence", "set", "0", "--circle", "close")
    assert result.exit_code == 1 and "days" in result.output and "at least 1" in result.output
    assert run("cadence", "set", "7").exit_code == 2
    assert run("cadence", "set", "7", "--circle", "nonesuch").exit_code == 2
    assert not Cadence.objects.exists()


def test_cadence_settings_shows_and_changes_the_limit_and_zone(alice):
    assert run_json("cadence", "settings") == {"daily_limit": 5, "time_zone": ""}
    assert run_json("cadence", "settings", "--daily-limit", "3", "--time-zone", "Asia/Tokyo") == {
        "daily_limit": 3, "time_zone": "Asia/Tokyo"}
    result = run("cadence", "settings", "--time-zone", "Atlantis/Capital")
    assert result.exit_code == 1 and "time_zone" in result.output
    assert NurtureSettings.objects.get(owner=alice).time_zone == "Asia/Tokyo"


def test_losing_touch_as_json_and_as_tables(person):
    person("Twice Over", circle="close", contacted=61)
    person("Old Friend", circle="close", added=3000, contacted=1500, met_how="Climbing in Sintra")
    found = run_json("losing-touch")
    assert [c["display_name"] for c in found["cold"]] == ["Twice Over"]
    assert found["dormant"][0]["common"]["met_how"] == "Climbing in Sintra"
    text = run("losing-touch").stdout
    assert "Going cold" in text and "Old Friend" in text


def test_the_commands_show_a_stranger_nothing_of_someone_elses(ana, charlie, person):
    person("Old Friend", circle="close", added=3000, contacted=1500)
    result = runner.invoke(app, ["today", "--json", "-u", "charlie"], catch_exceptions=False)
    assert json.loads(result.stdout)["items"] == []
    result = runner.invoke(app, ["losing-touch", "--json", "-u", "charlie"], catch_exceptions=False)
    assert json.loads(result.stdout)["cold"] == [] and json.loads(result.stdout)["dormant"] == []
    result = runner.invoke(app, ["checkin", "done", "Ana Lima", "-u", "charlie"], catch_exceptions=False)
    assert result.exit_code == 2 and not Interaction.objects.filter(summary="Checked in").exists()
