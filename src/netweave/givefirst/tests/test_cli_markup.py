"""Names, notes, topics and reasons are the user's text: the CLI prints them as written, never as Rich markup (a
"[/b]" in a name used to crash the command)."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from netweave.givefirst import cli, introductions, services
from netweave.nurture.tests.today_support import clock, strength  # noqa: F401

app = typer.Typer()
cli.register(app)
runner = CliRunner()
NAME = "Ana [/b] Lima"
SHOWN = "Ana [/b] Lima"  # printed exactly as written


def run(*args):
    result = runner.invoke(app, [*args, "-u", "alice"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@pytest.fixture
def ana(make_person, clock):  # noqa: F811
    return make_person(NAME, expertise=["[bold]fundraising"])


def test_give_prints_a_name_with_brackets_as_written(alice, ana):
    result = run("give", "favour", "--to", str(ana.pk), "--note", "[red]moved[/red] house")
    assert result.exit_code == 0, result.output
    assert f"favour from me to {SHOWN} on" in result.stdout and f"{SHOWN}: you gave 1" in result.stdout


def test_a_refusal_that_quotes_a_name_with_brackets_is_printed_as_written(alice, ana):
    result = run("give", "favour", "--from", str(ana.pk), "--to", str(ana.pk))
    assert result.exit_code == 1
    assert f"{SHOWN} cannot give to themselves" in result.stderr


def test_the_ledger_tables_and_one_sided_list_print_names_and_notes_as_written(alice, ana):
    for _ in range(3):
        services.record_exchange(alice, kind="favour", giver=None, receiver=ana, note="see [/link] here")
    for args in (["ledger"], ["ledger", str(ana.pk)], ["ledger", "--one-sided"]):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert "Ana [/b]" in result.stdout
    assert "see [/link]" in run("ledger").stdout


def test_the_introductions_list_prints_reasons_as_written(alice, ana, make_person):
    introductions.propose(alice, ana, make_person("Bo [i]Chen"), reason="both like [/i] things")
    result = run("intro", "list")
    assert result.exit_code == 0, result.output
    assert "both like [/i]" in result.stdout and "Bo [i]Chen" in result.stdout


def test_the_asks_list_and_an_asks_helpers_print_topics_and_names_as_written(alice, ana, make_person):
    bo = make_person("Bo [/] Chen")
    strength(ana, 80), strength(bo, 70)
    ask = services.add_ask(alice, person=bo, kind="advice", topic="[bold]fundraising[/x]")
    listing = run("ask", "list")
    assert listing.exit_code == 0, listing.output
    assert "[bold]fundraising[/x]" in listing.stdout and "Bo [/] Chen" in listing.stdout
    helpers = run("ask", "helpers", str(ask.pk))
    assert helpers.exit_code == 0, helpers.output
    assert f"1. {SHOWN} ({ana.pk})" in helpers.stdout


def test_an_ask_kind_the_list_does_not_know_is_refused(alice, ana):
    result = run("ask", "list", "--kind", "a\x00b")
    assert result.exit_code == 2 and "--kind" in result.stderr
