"""The ripple commands, in-process, on a Typer app of their own (the root mounts them the same way)."""

from __future__ import annotations

import json
from datetime import date

import pytest
import typer
from typer.testing import CliRunner

from netweave.people.models import Person
from netweave.people.services import add_affiliation, end_affiliation
from netweave.ripple import cli
from netweave.ripple.tests.support import set_strength, tie

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
def world(alice, make_person):
    ana, dana = make_person("Ana Lima"), make_person("Dana Whitfield")
    set_strength(ana, 78, "12 meetings in the past year; last meeting 14 days ago")
    tie(alice, ana, dana, "colleague", evidence="Co-founders at Tidewater")
    Person.objects.filter(pk=dana.pk).update(introduced_by=ana)
    add_affiliation(dana, "Acme", start=date(2024, 1, 1))
    old = add_affiliation(ana, "Tidewater", start=date(2019, 1, 1))
    end_affiliation(old, date(2022, 12, 31))
    return {"ana": ana, "dana": dana}


def test_path_prints_each_hop_and_my_balance_with_the_first(world):
    result = run("path", "Dana Whitfield")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "you → Ana Lima: strong (78): 12 meetings in the past year; last meeting 14 days ago" in out
    assert "→ Dana Whitfield: colleagues: Co-founders at Tidewater" in out
    assert "with Ana Lima: nothing exchanged yet" in out


def test_path_as_json(world):
    body = run_json("path", "dana whitfield", "--k", "1", "--max-hops", "3")
    assert [p["nodes"] for p in body["paths"]] == [[0, world["ana"].pk, world["dana"].pk]]


def test_an_unknown_name_suggests_people_and_exits_2(world):
    result = run("path", "Dana Whitfeld Smith")
    assert result.exit_code == 2 and "Dana Whitfield" in result.output


def test_path_to_an_organisation_and_an_unreachable_one(world):
    body = run_json("path", "--org", "Acme")
    assert body["target"]["name"] == "Acme" and body["paths"][0]["nodes"][-1] == world["dana"].pk
    result = run("path", "--org", "Tidewater")
    assert result.exit_code == 0
    assert "None of your people work at Tidewater now" in result.stdout
    assert "Ana Lima (was at Tidewater until 2022" in result.stdout
    unknown = run("path", "--org", "Zzyzx Holdings")
    assert unknown.exit_code == 2 and "No organisation called 'Zzyzx Holdings'" in unknown.output


def test_path_wants_exactly_one_target(world):
    assert run("path").exit_code == 1
    assert run("path", "Ana Lima", "--tag", "x").exit_code == 1


def test_ripple_draws_the_tree(world):
    result = run("ripple", "Ana Lima")
    assert result.exit_code == 0
    assert "Ana Lima introduced you to Dana Whitfield" in result.stdout
    assert "1 person and 0 introductions, 1 generation deep." in result.stdout
    assert run_json("ripple", "Ana Lima")["root"]["children"][0]["person_id"] == world["dana"].pk


def test_lineage_of_a_person_and_a_tie(world):
    result = run("lineage", "Dana Whitfield")
    assert "← Ana Lima introduced you to Dana Whitfield" in result.stdout
    made = world["ana"].ties_as_a.first() or world["ana"].ties_as_b.first()
    assert run_json("lineage", "--tie", str(made.pk))["steps"][0]["kind"] == "tie"
    missing = run("lineage", "--tie", "999999")
    assert missing.exit_code == 1 and "no tie 999999" in missing.output


def test_the_insight_commands_print_tables_and_json(world, make_person, alice):
    bo = make_person("Bo Chen")
    tie(alice, bo, world["ana"], "friend")
    assert run_json("brokers")["items"][0]["display_name"] == "Ana Lima"
    assert "Brokers in your network" in run("brokers").stdout
    assert run_json("communities")["count"] == 1
    assert run_json("bridges")["items"] == []
    assert run_json("bridges", "--dormant")["items"] == []
    assert {frozenset((i["a"]["name"], i["b"]["name"])) for i in run_json("who-should-meet")["items"]} == {
        frozenset(("Bo Chen", "Dana Whitfield"))}
    assert run("who-should-meet", "--predictor", "tarot").exit_code == 1


def test_graph_reports_its_size_and_rebuilds(world):
    body = run_json("graph", "--rebuild")
    assert body["people"] == 2 and body["by_kind"]["tie"] == 1 and body["last_refresh"]["kind"] == "build"
    assert "2 people and" in run("graph").stdout
