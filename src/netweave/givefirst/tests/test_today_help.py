"""`netweave today` ends with whom I could help ("who can I help this week" feeds the daily list)."""

from __future__ import annotations

import json
from dataclasses import asdict

import typer
from typer.testing import CliRunner

from netweave.givefirst import services
from netweave.givefirst.helping import help_this_week
from netweave.nurture import cli
from netweave.nurture.tests.today_support import clock, person, strength  # noqa: F401

app = typer.Typer()
cli.register(app)
runner = CliRunner()


def test_today_lists_whom_i_could_help_in_text_and_json(alice, person):  # noqa: F811
    ana = person("Ana [b]Lima", circle="close", contacted=41)
    bo = person("Bo Chen", expertise=["fundraising"])
    strength(ana, 70), strength(bo, 80)
    ask = services.add_ask(alice, person=ana, kind="advice", topic="fundraising")
    found = json.loads(runner.invoke(app, ["today", "--json", "-u", "alice"], catch_exceptions=False).stdout)
    assert found["help"] == [asdict(h) for h in help_this_week(alice, limit=3)]
    assert found["help"][0]["ask_id"] == ask.pk and found["help"][0]["person_id"] == ana.pk
    assert found["items"]  # the day's list itself is unchanged
    text = runner.invoke(app, ["today", "-u", "alice"], catch_exceptions=False).stdout
    assert "You could help" in text
    assert found["help"][0]["why"][:40] in text.replace("\n", " ")


def test_today_says_nothing_about_helping_when_there_is_no_one_to_help(alice, person):  # noqa: F811
    person("Ana Lima", circle="close", contacted=41)
    found = json.loads(runner.invoke(app, ["today", "--json", "-u", "alice"], catch_exceptions=False).stdout)
    assert found["help"] == []
    assert "You could help" not in runner.invoke(app, ["today", "-u", "alice"], catch_exceptions=False).stdout
