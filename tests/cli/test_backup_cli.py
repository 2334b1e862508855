"""`netweave backup` and `netweave restore`: in-process against the test database, and once end to end into a
brand-new NETWEAVE_HOME in a separate process (a fresh home cannot be had in-process: settings are read once)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone as tz

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from typer.testing import CliRunner

from netweave.cli import app
from netweave.core import clock
from netweave.people.models import Person

runner = CliRunner()


def run(*args, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def people(alice, make_person):
    from netweave.interactions.services import log_interaction

    ana = make_person("Ana Lima", emails=["ana@tidewater.example"], organisation="Tidewater", circle="close",
                      tags=["climate"])
    bo = make_person("Bo Chen", introduced_by=ana.id)
    log_interaction(alice, kind="call", occurred_at=timezone.now() - timedelta(days=1), participants=[ana, bo],
                    summary="Call with Ana and Bo")
    return {"ana": ana, "bo": bo}


def test_backup_to_a_file_then_restore_after_the_user_is_gone_gives_the_same_backup(people, alice, tmp_path,
                                                                                   monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2025, 1, 2, 3, 4, 5, tzinfo=tz.utc))
    first, second = tmp_path / "first.json", tmp_path / "second.json.gz"
    result = run("backup", "-o", str(first), "-u", "alice")
    assert result.exit_code == 0, result.output
    assert "Backed up alice: 2 people, 1 interactions" in result.stderr
    assert first.stat().st_mode & 0o077 == 0  # notes and a password hash: for the owner's eyes only
    alice.delete()

    result = run("restore", str(first))
    assert result.exit_code == 0, result.output
    assert "Restored alice: 2 people" in result.stderr and "password" in result.stderr
    assert run("backup", "-o", str(second), "-u", "alice").exit_code == 0
    assert gzip.decompress(second.read_bytes()) == first.read_bytes()
    assert Person.objects.get(pk=people["bo"].pk).introduced_by_id == people["ana"].pk


def test_backup_writes_to_standard_output_by_default_and_restore_reads_gzip_and_renames(people, alice, tmp_path):
    result = run("backup", "-u", "alice")
    assert result.exit_code == 0
    document = json.loads(result.stdout_bytes)
    assert document["format"] == "netweave-backup" and document["user"]["username"] == "alice"
    path = tmp_path / "alice.json.gz"
    path.write_bytes(gzip.compress(result.stdout_bytes))
    alice.delete()
    result = run("restore", str(path), "--as", "ana-lima")
    assert result.exit_code == 0, result.output
    user = get_user_model().objects.get(username="ana-lima")
    assert Person.objects.filter(owner=user).count() == 2 and user.check_password("alice-password")


def test_restore_refuses_a_user_who_owns_data_with_status_1_and_changes_nothing(people, alice, tmp_path):
    path = tmp_path / "b.json"
    run("backup", "-o", str(path), "-u", "alice")
    result = run("restore", str(path))
    assert result.exit_code == 1
    assert "already owns" in result.stderr and "Nothing was changed" in result.stderr
    assert Person.objects.count() == 2


def test_restore_refuses_a_damaged_file_with_status_1_and_changes_nothing(people, alice, tmp_path):
    path = tmp_path / "b.json"
    run("backup", "-o", str(path), "-u", "alice")
    alice.delete()
    path.write_bytes(path.read_bytes()[:-40])
    result = run("restore", str(path))
    assert result.exit_code == 1
    assert "damaged" in result.stderr and "Nothing was changed" in result.stderr
    assert not get_user_model().objects.filter(username="alice").exists() and not Person.objects.exists()


def test_restore_without_a_file_or_with_a_missing_one_is_bad_usage(db, tmp_path):
    assert run("restore").exit_code == 2
    result = run("restore", str(tmp_path / "nonesuch.json"))
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_backup_help_says_the_password_hash_is_in_it():
    assert "password hash" in " ".join(run("backup", "--help").output.split())


def netweave(home, *args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NETWEAVE_DATABASE_URL", "NETWEAVE_USER")}
    # Always SQLite in a folder of its own: never the database the rest of the suite uses.
    env.update(NETWEAVE_HOME=str(home), DJANGO_SETTINGS_MODULE="netweave.settings", NETWEAVE_FAST_HASHING="True")
    done = subprocess.run([sys.executable, "-c", "from netweave.cli import main; main()", *map(str, args)],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done


def without_timestamp(path) -> dict:
    document = json.loads(path.read_text())
    document.pop("created_at")
    return document


def test_a_backup_restores_into_a_brand_new_home_in_another_process(tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    netweave(tmp_path / "old", "demo", "--people", "60", "--seed", "5", "--user", "dana", "--password", "dana-pw-123")
    netweave(tmp_path / "old", "backup", "-o", first)
    netweave(tmp_path / "new", "restore", first)
    netweave(tmp_path / "new", "backup", "-o", second)
    assert without_timestamp(second) == without_timestamp(first)
    people = next(t for t in without_timestamp(first)["tables"] if t["model"] == "people.person")
    assert people["count"] == 60
