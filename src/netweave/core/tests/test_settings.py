"""Settings: each is declared once, documented in the README, and read strictly."""

from __future__ import annotations

from pathlib import Path

import pytest

from netweave import conf

README = Path(__file__).resolve().parents[4] / "README.md"


@pytest.mark.parametrize("setting", conf.SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented_in_the_readme(setting):
    assert f"`{setting.name}`" in README.read_text(), f"{setting.name} is missing from the README's settings table"


def test_a_switch_accepts_only_true_or_false(monkeypatch):
    monkeypatch.setenv("NETWEAVE_DEBUG", "yes")
    with pytest.raises(conf.SettingError, match="NETWEAVE_DEBUG"):
        conf.env_bool("NETWEAVE_DEBUG")
    monkeypatch.setenv("NETWEAVE_DEBUG", "True")
    assert conf.env_bool("NETWEAVE_DEBUG") is True


def test_an_undeclared_setting_cannot_be_read():
    with pytest.raises(KeyError):
        conf.env_str("NETWEAVE_NOT_A_SETTING")


def test_a_database_url_selects_postgresql(monkeypatch, tmp_path):
    monkeypatch.setenv("NETWEAVE_DATABASE_URL", "postgresql://ana:s%40cret@db.example:5433/crm")
    db = conf.database(tmp_path)
    assert (db["ENGINE"], db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "django.db.backends.postgresql", "crm", "ana", "s@cret", "db.example", "5433")
    monkeypatch.setenv("NETWEAVE_DATABASE_URL", "mysql://x@y/z")
    with pytest.raises(conf.SettingError):
        conf.database(tmp_path)


def test_sqlite_is_the_default_with_wal(monkeypatch, tmp_path):
    monkeypatch.delenv("NETWEAVE_DATABASE_URL", raising=False)
    db = conf.database(tmp_path)
    assert db["ENGINE"] == "django.db.backends.sqlite3" and "journal_mode=WAL" in db["OPTIONS"]["init_command"]


def test_the_secret_key_is_made_once_and_kept(monkeypatch, tmp_path):
    monkeypatch.delenv("NETWEAVE_SECRET_KEY", raising=False)
    first = conf.secret_key(tmp_path)
    assert first == conf.secret_key(tmp_path) and len(first) > 40


def test_the_tests_run_on_the_database_ci_asked_for():
    import os

    from django.db import connection

    expected = "postgresql" if os.environ.get("NETWEAVE_DATABASE_URL") else "sqlite"
    assert connection.vendor == expected


def test_the_data_folder_and_secret_are_private_to_their_owner(monkeypatch, tmp_path):
    home = tmp_path / "home"
    monkeypatch.setenv("NETWEAVE_HOME", str(home))
    monkeypatch.delenv("NETWEAVE_SECRET_KEY", raising=False)
    conf.secret_key(conf.data_home())
    assert home.stat().st_mode & 0o777 == 0o700
    assert (home / "secret_key").stat().st_mode & 0o777 == 0o600
