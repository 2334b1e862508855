"""`netweave demo`, run in-process."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from netweave.core.models import Origin
from netweave.demo.cli import register
from netweave.people.models import Person

runner = CliRunner()


@pytest.fixture
def app():
    root = typer.Typer()

    @root.callback()
    def main() -> None:
        """A root like netweave's, so `demo` stays a subcommand."""

    register(root)
    return root


def people_of(name: str) -> int:
    return Person.objects.filter(owner__username=name).count()


def test_demo_creates_the_user_builds_the_network_and_prints_the_login(app, db, django_user_model):
    result = runner.invoke(app, ["demo", "--people", "60", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "Log in at http://127.0.0.1:8000 as demo / demo-password" in result.stdout
    assert "interactions" in result.stdout
    user = django_user_model.objects.get(username="demo")
    assert user.check_password("demo-password")
    assert people_of("demo") == 60


def test_demo_refuses_to_add_to_a_user_who_already_has_people(app, db):
    assert runner.invoke(app, ["demo", "--people", "30"]).exit_code == 0
    result = runner.invoke(app, ["demo", "--people", "30"])
    assert result.exit_code == 1
    assert "already has 30 people" in result.stderr and "--replace" in result.stderr
    assert people_of("demo") == 30


def test_demo_if_empty_leaves_a_user_with_people_alone(app, db):
    assert runner.invoke(app, ["demo", "--people", "30"]).exit_code == 0
    result = runner.invoke(app, ["demo", "--people", "80", "--if-empty"])
    assert result.exit_code == 0
    assert "nothing to do" in result.stdout
    assert people_of("demo") == 30


def test_demo_replace_deletes_the_old_network_first(app, db):
    assert runner.invoke(app, ["demo", "--people", "30", "--seed", "1"]).exit_code == 0
    result = runner.invoke(app, ["demo", "--people", "45", "--seed", "2", "--replace"])
    assert result.exit_code == 0, result.output
    assert people_of("demo") == 45
    assert list(Origin.objects.filter(owner__username="demo").values_list("label", flat=True)) == [
        "demo --people 45 --seed 2"
    ]


def test_demo_json_prints_the_stats_and_the_login(app, db):
    result = runner.invoke(app, ["demo", "--people", "40", "--user", "dana", "--password", "s3cret-pw", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["people"] == 40 and data["interactions"] > 40 and data["created_user"] is True
    assert data["login"] == {"url": "http://127.0.0.1:8000", "username": "dana", "password": "s3cret-pw"}
    assert people_of("dana") == 40


def test_demo_does_not_print_a_password_it_did_not_set(app, db, django_user_model):
    django_user_model.objects.create_user("erin", password="erins-own-password")
    result = runner.invoke(app, ["demo", "--people", "20", "--user", "erin"])
    assert result.exit_code == 0, result.output
    assert "demo-password" not in result.stdout
    assert "as erin (with that account's existing password)" in result.stdout
    assert django_user_model.objects.get(username="erin").check_password("erins-own-password")


def test_demo_refuses_if_empty_together_with_replace(app, db):
    result = runner.invoke(app, ["demo", "--if-empty", "--replace"])
    assert result.exit_code == 1
    assert "contradict" in result.stderr


def test_the_netweave_command_has_demo():
    from netweave.cli import app as root

    names = [c.name or c.callback.__name__ for c in root.registered_commands]
    assert "demo" in names
