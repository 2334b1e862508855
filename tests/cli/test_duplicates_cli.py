"""`netweave duplicates` and `netweave merges`, run in-process against the test database."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from netweave.cli import app
from netweave.people.merging import merge_people
from netweave.people.models import DuplicateDismissal, Merge, Person
from netweave.people.services import new_origin

runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def pair(make_person):
    return make_person("Ana Lima", emails=["ana@x.org"]), make_person("Ana M. Lima", emails=["ANA@x.org"])


@pytest.fixture
def merged(alice, make_person):
    kept, removed = make_person("Bo Chen"), make_person("Bo C.")
    merge_people(kept, removed, origin=new_origin(alice, "merge", "test"))
    return Merge.objects.get()


def test_duplicates_lists_pairs_as_json_and_as_a_table(pair):
    rows = json.loads(run("duplicates", "--json", "-u", "alice").stdout)
    assert [(r["person_a"]["id"], r["person_b"]["id"]) for r in rows] == [(pair[0].pk, pair[1].pk)]
    assert rows[0]["reasons"][0] == "same email ana@x.org"
    table = run("duplicates", "-u", "alice").stdout
    assert "Ana M. Lima" in table and "same email" in table and "1 pairs" in table


def test_duplicates_limit_says_how_many_more_there_are(alice, make_person):
    for i in range(3):
        make_person("Ana Lima", emails=[f"ana{i}@x.org"])
    assert len(json.loads(run("duplicates", "--json", "--limit", "1", "-u", "alice").stdout)) == 1
    assert "1 pairs of 3" in run("duplicates", "--limit", "1", "-u", "alice").stdout


def test_duplicates_dismiss_takes_names_or_ids_and_the_pair_is_gone(pair):
    result = run("duplicates", "dismiss", str(pair[1].pk), "ana lima", "-u", "alice")
    assert result.exit_code == 0, result.output
    assert "are not the same person" in result.stdout
    assert DuplicateDismissal.objects.filter(person_a=pair[0], person_b=pair[1]).exists()
    assert json.loads(run("duplicates", "--json", "-u", "alice").stdout) == []


def test_dismissing_a_person_against_themselves_names_the_problem(pair):
    result = run("duplicates", "dismiss", str(pair[0].pk), str(pair[0].pk), "-u", "alice")
    assert result.exit_code == 1 and "same person" in result.output
    assert not DuplicateDismissal.objects.exists()


def test_merges_list_and_undo(merged):
    [row] = json.loads(run("merges", "list", "--json", "-u", "alice").stdout)
    assert (row["id"], row["removed_name"], row["kept"]["display_name"], row["can_undo"]) == (
        merged.pk, "Bo C.", "Bo Chen", True)
    result = run("merges", "undo", str(merged.pk), "-u", "alice")
    assert result.exit_code == 0 and "two people again" in result.stdout
    assert Person.objects.get(pk=merged.removed_id).display_name == "Bo C."
    assert "undone" in run("merges", "list", "-u", "alice").stdout


def test_an_undo_refused_says_why_and_exits_1(merged):
    run("merges", "undo", str(merged.pk), "-u", "alice")
    result = run("merges", "undo", str(merged.pk), "-u", "alice")
    assert result.exit_code == 1 and "already undone" in result.output


def test_another_users_pairs_and_merges_are_never_reached(pair, merged, charlie):
    assert json.loads(run("duplicates", "--json", "-u", "charlie").stdout) == []
    assert json.loads(run("merges", "list", "--json", "-u", "charlie").stdout) == []
    result = run("merges", "undo", str(merged.pk), "-u", "charlie")
    assert result.exit_code == 2 and f"no merge with id {merged.pk}" in result.output
    result = run("duplicates", "dismiss", str(pair[0].pk), str(pair[1].pk), "-u", "charlie")
    assert result.exit_code == 2
    merged.refresh_from_db()
    assert merged.undone_at is None and not DuplicateDismissal.objects.exists()
