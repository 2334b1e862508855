"""The Huey queue and its periodic look. The queue is SQLite in NETWEAVE_HOME (consumed by a thread inside
`netweave serve`), or Redis when NETWEAVE_HUEY_URL says so (consumed by `netweave worker`). The test settings
make it immediate: a task runs where it is called."""

from __future__ import annotations

from django.conf import settings
from django.db import close_old_connections, connection
from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab

LOOK_EVERY_MINUTES = 5


def make_huey():
    if settings.NETWEAVE_HUEY_IMMEDIATE:
        return MemoryHuey("netweave", immediate=True)
    if settings.NETWEAVE_HUEY_URL:
        return RedisHuey("netweave", url=settings.NETWEAVE_HUEY_URL)
    return SqliteHuey("netweave", filename=str(settings.HOME / "huey.sqlite3"))


huey = make_huey()


@huey.periodic_task(crontab(minute=f"*/{LOOK_EVERY_MINUTES}"))
def look() -> dict:
    """Send what is due and retry what failed."""
    from netweave.reminders.schedule import run_due

    # The consumer's threads live long: a connection the database dropped must not fail every later look.
    # Inside a transaction (a caller's, or a test's) the connection is not ours to close.
    if not connection.in_atomic_block:
        close_old_connections()
    try:
        return run_due()
    finally:
        if not connection.in_atomic_block:
            close_old_connections()


@huey.periodic_task(crontab(hour="3", minute="40"))
def expire_introductions() -> int:
    """Nightly: introductions with no step for 30 days lapse (givefirst.introductions.expire_stale, per user).
    A night missed while the server was down is caught up the next night: staleness is by age."""
    from netweave.givefirst.introductions import expire_stale_everywhere

    if not connection.in_atomic_block:  # as in look(): the consumer's connection may have been dropped
        close_old_connections()
    try:
        return expire_stale_everywhere()
    finally:
        if not connection.in_atomic_block:
            close_old_connections()
