"""Read the "when" of an interaction as people say it: "yesterday", "3 days ago", "last friday", "2024-05-01 14:00"."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from dateutil import parser as dateparser
from django.utils import timezone

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_AGO = re.compile(r"^(\d+|an?|one|two|three)\s+(minute|hour|day|week|month|year)s?\s+ago$")
_IN = re.compile(r"^in\s+(\d+|an?|one|two|three)\s+(minute|hour|day|week)s?$")
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}
_UNIT = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1), "day": timedelta(days=1),
         "week": timedelta(weeks=1), "month": timedelta(days=30), "year": timedelta(days=365)}


FIRST_YEAR, LAST_YEAR = 1800, 2200


def parse_when(text: str | None, now: datetime | None = None) -> datetime:
    """A timezone-aware datetime. A day without a time means noon of that day in the user's zone, except
    "today", which is noon or now if that is earlier: "coffee today" at 08:00 happened, it is not a plan.

    Raises ValueError naming what it could not read, or a year outside 1800 to 2200 (a date no contact
    has, and one that overflows the calendar once converted to UTC for saving).
    """
    moment = _parse(text, now)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise ValueError(f"{text!r} is not between the years {FIRST_YEAR} and {LAST_YEAR}")
    return moment


def _parse(text: str | None, now: datetime | None) -> datetime:
    now = timezone.localtime(now or timezone.now())
    said = " ".join((text or "").lower().split())
    if said in ("", "now", "just now"):
        return now
    if said == "today":
        return min(now, _noon(now))
    if said in ("yesterday", "tomorrow"):
        shift = {"yesterday": -1, "tomorrow": 1}[said]
        return _noon(now + timedelta(days=shift))
    match = _AGO.match(said) or _IN.match(said)
    if match:
        try:
            count = int(match.group(1)) if match.group(1).isdigit() else _WORDS[match.group(1)]
            delta = count * _UNIT[match.group(2)]
            moment = now - delta if said.endswith("ago") else now + delta
        except (OverflowError, ValueError) as exc:  # "99999999999 days ago" is past the calendar's end
            raise ValueError(f"cannot read {text!r} as a date or time") from exc
        return moment if match.group(2) in ("minute", "hour") else _noon(moment)
    parts = said.split()
    if parts and parts[-1] in WEEKDAYS and len(parts) <= 2 and (len(parts) == 1 or parts[0] in ("last", "on", "next")):
        target = WEEKDAYS.index(parts[-1])
        if len(parts) == 2 and parts[0] == "next":
            days = (target - now.weekday()) % 7 or 7
            return _noon(now + timedelta(days=days))
        days = (now.weekday() - target) % 7 or 7
        return _noon(now - timedelta(days=days))
    try:
        parsed = dateparser.parse(text, dayfirst=False, default=datetime.combine(now.date(), time(12, 0)))
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"cannot read {text!r} as a date or time") from exc
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_current_timezone())
    return parsed


def _noon(moment: datetime) -> datetime:
    return moment.replace(hour=12, minute=0, second=0, microsecond=0)
