"""Every setting netweave reads from the environment, declared once with its default and help.

Settings are read through small strict helpers: a value that makes no sense stops start-up with a
message naming the variable, instead of being guessed at.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse


class SettingError(ValueError):
    """An environment variable holds a value netweave cannot use."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("NETWEAVE_HOME", "", "Data folder (database, photos, secret key). Default: the platform's user data folder."),
    Setting("NETWEAVE_DATABASE_URL", "", "postgresql://user:pass@host:port/name to use PostgreSQL; empty for the embedded SQLite."),
    Setting("NETWEAVE_DEBUG", "False", "True shows Django's debug pages. Never on a server others can reach."),
    Setting("NETWEAVE_ALLOWED_HOSTS", "127.0.0.1,localhost", "Comma-separated host names the web app answers to."),
    Setting("NETWEAVE_SECRET_KEY", "", "Signs sessions. Empty: generated once and kept in NETWEAVE_HOME/secret_key."),
    Setting("NETWEAVE_DEFAULT_REGION", "", "Two-letter country code for phone numbers written without +country (e.g. GB)."),
    Setting("NETWEAVE_TIME_ZONE", "UTC", "Time zone for dates typed without one (e.g. Europe/Lisbon)."),
    Setting("NETWEAVE_FAST_HASHING", "False", "True uses a fast password hasher; for tests and benchmarks only."),
    Setting("NETWEAVE_USER", "", "The user CLI commands act for when --user is not given."),
    Setting("NETWEAVE_HTTPS", "False", "True when served over HTTPS behind a proxy: secure cookies, trust X-Forwarded-Proto."),
    Setting("NETWEAVE_HUEY_URL", "", "redis://host:port/db to queue reminders in Redis and run `netweave worker`; "
                                     "empty: a SQLite queue in NETWEAVE_HOME, run inside `netweave serve`."),
    Setting("NETWEAVE_SMTP_HOST", "localhost", "Mail server the digests are sent through."),
    Setting("NETWEAVE_SMTP_PORT", "25", "Its port (587 for STARTTLS submission)."),
    Setting("NETWEAVE_SMTP_USER", "", "User name for the mail server; empty: no login."),
    Setting("NETWEAVE_SMTP_PASSWORD", "", "Password for the mail server."),
    Setting("NETWEAVE_SMTP_TLS", "False", "True to upgrade the connection with STARTTLS."),
    Setting("NETWEAVE_MAIL_FROM", "netweave@localhost", "The From address of the digests."),
)
_DEFAULTS = {s.name: s.default for s in SETTINGS}


def env_str(name: str) -> str:
    if name not in _DEFAULTS:
        raise KeyError(f"{name} is not a declared netweave setting")
    return os.environ.get(name, _DEFAULTS[name]).strip()


def env_bool(name: str) -> bool:
    """Accept only True or False, so a typo never silently turns a switch off."""
    value = env_str(name)
    if value not in ("True", "False"):
        raise SettingError(f"{name} must be True or False, not {value!r}")
    return value == "True"


def env_int(name: str, low: int, high: int) -> int:
    value = env_str(name)
    try:
        number = int(value)
    except ValueError:
        raise SettingError(f"{name} must be a whole number, not {value!r}") from None
    if not low <= number <= high:
        raise SettingError(f"{name} must be between {low} and {high}, not {number}")
    return number


def huey_url() -> str:
    """Empty (the embedded SQLite queue) or a redis:// URL; anything else would silently queue nowhere."""
    url = env_str("NETWEAVE_HUEY_URL")
    if url and urlparse(url).scheme not in ("redis", "rediss", "unix"):
        raise SettingError(f"NETWEAVE_HUEY_URL must start with redis://, rediss:// or unix://, not {url[:20]!r}")
    return url


def env_list(name: str) -> list[str]:
    return [part.strip() for part in env_str(name).split(",") if part.strip()]


def data_home() -> Path:
    configured = env_str("NETWEAVE_HOME")
    if configured:
        home = Path(configured).expanduser()
    else:
        from platformdirs import user_data_dir

        home = Path(user_data_dir("netweave", appauthor=False))
    # Notes are private: on a shared machine no other account may read the folder.
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    return home


def secret_key(home: Path) -> str:
    configured = env_str("NETWEAVE_SECRET_KEY")
    if configured:
        return configured
    path = home / "secret_key"
    try:
        # Created readable by the owner only from the first byte, never chmodded afterwards.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def database(home: Path) -> dict:
    url = env_str("NETWEAVE_DATABASE_URL")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(home / "netweave.sqlite3"),
            "OPTIONS": {
                # WAL lets the web server read while an import writes; IMMEDIATE avoids
                # "database is locked" when two writers upgrade their locks at once.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        raise SettingError(f"NETWEAVE_DATABASE_URL must start with postgresql://, not {parsed.scheme!r}")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")) or "netweave",
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        "CONN_MAX_AGE": 60,
    }
