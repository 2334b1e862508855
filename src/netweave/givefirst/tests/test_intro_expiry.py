"""Stale introductions lapse without anyone asking: the nightly task expires them for every user, and
`netweave intro expire` does it now."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
import typer
from typer.testing import CliRunner

from netweave.givefirst import cli
from netweave.givefirst import introductions as intros
from netweave.givefirst.models import Introduction
from netweave.nurture.tests.today_support import clock  # noqa: F401
from netweave.reminders import tasks

app = typer.Typer()
cli.register(app)
runner = CliRunner()


@pytest.fixture
def stale_and_fresh(alice, bob, make_person, clock):  # noqa: F811
    """Per user, one introduction 31 days without a step and one 11 days."""
    made = {}
    for owner in (alice, bob):
        a, b, c = (make_person(f"{n} {owner.username}", owner=owner) for n in ("Ana", "Bo", "Cy"))
        made[owner.username, "stale"] = intros.propose(owner, a, b, reason="Both sail")
        clock.advance(days=20)
        made[owner.username, "fresh"] = intros.propose(owner, a, c, reason="Both row")
        clock.advance(days=-20)
    clock.advance(days=31)
    return made


def states(made) -> dict:
    now = dict(Introduction.objects.values_list("pk", "state"))
    return {key: now[intro.pk] for key, intro in made.items()}


def test_the_nightly_task_expires_every_users_stale_introductions(stale_and_fresh):
    tasks.expire_introductions()  # immediate in tests; periodic tasks keep no result
    assert states(stale_and_fresh) == {("alice", "stale"): "expired", ("alice", "fresh"): "proposed",
                                       ("bob", "stale"): "expired", ("bob", "fresh"): "proposed"}
    step = Introduction.objects.get(pk=stale_and_fresh["alice", "stale"].pk).steps.last()
    assert (step.from_state, step.to_state, step.note) == ("proposed", "expired", "No step for 30 days")


def test_the_task_runs_nightly(db):
    due = tasks.expire_introductions.task_class().validate_datetime
    assert [hour for hour in range(24) if due(datetime(2026, 3, 10, hour, 40))] == [3]
    assert not due(datetime(2026, 3, 10, 3, 45))


def test_one_users_failure_does_not_stop_the_others(stale_and_fresh, alice, monkeypatch, caplog):
    real = intros.expire_stale

    def broken_for_alice(owner, days):
        if owner.pk == alice.pk:
            raise RuntimeError("broken data")
        return real(owner, days=days)

    monkeypatch.setattr(intros, "expire_stale", broken_for_alice)
    assert intros.expire_stale_everywhere() == 1
    assert states(stale_and_fresh)["bob", "stale"] == "expired"
    assert states(stale_and_fresh)["alice", "stale"] == "proposed"
    assert f"stale introductions of user {alice.pk} could not be expired" in caplog.text


def test_the_command_expires_the_acting_users_introductions_after_the_days_given(stale_and_fresh):
    result = runner.invoke(app, ["intro", "expire", "-u", "alice"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Expired 1 introduction with no step for 30 days." in result.stdout
    result = runner.invoke(app, ["intro", "expire", "--days", "10", "--json", "-u", "alice"], catch_exceptions=False)
    assert json.loads(result.stdout) == {"expired": 1, "days": 10}
    assert states(stale_and_fresh) == {("alice", "stale"): "expired", ("alice", "fresh"): "expired",
                                       ("bob", "stale"): "proposed", ("bob", "fresh"): "proposed"}
    again = runner.invoke(app, ["intro", "expire", "-u", "alice"], catch_exceptions=False)
    assert "No introduction has gone 30 days without a step." in again.stdout
    assert runner.invoke(app, ["intro", "expire", "--days", "0", "-u", "alice"]).exit_code == 2
