"""What the scheduler does on each look: the digests that are due, the day's strength upkeep, the retries.

A digest is due from its hour on its day in the user's own time zone (the nurture settings', else the
server's), and at most once per period: a day for a daily digest, an ISO week for a weekly one. A look missed
while the server was down is made up later in the same period, never twice.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.contrib.auth import get_user_model

from netweave.core import clock
from netweave.nurture.today import settings_for, zone_for
from netweave.reminders import services
from netweave.reminders.models import ReminderSettings

log = logging.getLogger(__name__)
Frequency = ReminderSettings.Frequency


def local_now(owner, now: datetime) -> datetime:
    return now.astimezone(zone_for(settings_for(owner)))


def due_period(row: ReminderSettings, local: datetime) -> str | None:
    """The period whose digest should go out now, or None: not yet its time, or already sent."""
    if row.frequency == Frequency.DAILY:
        period, reached = local.date().isoformat(), local.hour >= row.hour
    elif row.frequency == Frequency.WEEKLY:
        year, week, _ = local.isocalendar()
        period, reached = f"{year}-W{week:02d}", (local.weekday(), local.hour) >= (row.weekday, row.hour)
    else:
        return None
    return period if reached and row.digest_period != period else None


def send_due_digests(now: datetime) -> int:
    sent = 0
    for row in ReminderSettings.objects.exclude(frequency=Frequency.OFF).select_related("owner"):
        if not row.owner.is_active:
            continue
        local = local_now(row.owner, now)
        period = due_period(row, local)
        if period is None:
            continue
        try:
            sent += len(services.send_scheduled_digest(row.owner, period, local.date()))
        except Exception:  # one user's broken data must not stop everyone else's digest
            log.exception("reminders: the digest of user %s for %s could not be built", row.owner_id, period)
    return sent


def refresh_strengths(now: datetime) -> int:
    done = 0
    for user in get_user_model().objects.filter(is_active=True).order_by("id"):
        try:
            done += services.refresh_strengths_for_day(user, local_now(user, now).date(), now)
        except Exception:
            log.exception("reminders: strengths of user %s could not be recomputed", user.pk)
    return done


def run_due(now: datetime | None = None) -> dict:
    """One look: retries first (they have waited longest), then the digests due, then strength upkeep."""
    now = now or clock.now()
    retried = len(services.retry_due(now))
    return {"retried": retried, "digests": send_due_digests(now), "strengths": refresh_strengths(now)}
