"""Promises made on interactions ("send her the deck by Friday"): the day one is due, read from its words, and
the list of those due: overdue and due today first, then the next few days."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from netweave.interactions.when import WEEKDAYS, parse_when
from netweave.nurture.models import FollowUp
from netweave.nurture.today import local_today

DEFAULT_DAYS = 7  # a promise that names no day is due in a week
SOON_DAYS = 7  # the list shows what falls due this many days ahead
MAX_AHEAD_DAYS = 5 * 366  # a "due" day further off is a misreading, not a promise
# Words after which a day is named ("by Friday", "on 3 May"), and words that start one by themselves.
_LEADS = {"by", "on", "before", "until", "till", "due"}
_STARTS = {"today", "tonight", "tomorrow", "next", "this", "in", *WEEKDAYS}
_WORD = re.compile(r"[\w/.-]+")
_YEAR = re.compile(r"\b\d{4}\b")


@dataclass
class FollowUpItem:
    id: int
    person_id: int
    display_name: str
    text: str
    due: date
    days_overdue: int  # negative: days still to go
    state: str  # "overdue", "today" or "soon"
    interaction_id: int | None
    created_at: datetime


def parse_due(text: str, today: date) -> date:
    """The day a promise is due, from its words: "by Friday" (the coming one), "tomorrow", "next week",
    "in 3 days", "on 3 May" (the next 3 May), "by 2026-05-03". A week from today when it names none."""
    words = [w.strip(".,;:!?").lower() for w in _WORD.findall(text or "")]
    for i, word in enumerate(words):
        if word in _LEADS:
            start = i + 1
        elif word in _STARTS:
            start = i
        else:
            continue
        for length in (4, 3, 2, 1):  # the longest phrase that reads as a day: "3 may 2027" before "3 may"
            phrase = words[start:start + length]
            if len(phrase) == length:
                day = _read(" ".join(phrase), today)
                if day is not None:
                    return day
    return today + timedelta(days=DEFAULT_DAYS)


def _read(phrase: str, today: date) -> date | None:
    """One phrase as a day from today on, or None when it is not one."""
    if phrase in ("today", "tonight"):
        return today
    if phrase in ("next week", "next month"):
        return today + timedelta(days=7 if phrase == "next week" else 30)
    parts = phrase.split()
    if parts[-1] in WEEKDAYS and len(parts) <= 2 and (len(parts) == 1 or parts[0] in ("this", "next")):
        phrase = f"next {parts[-1]}"  # a promise "by Friday" means the coming Friday, not the last one
    elif not (phrase == "tomorrow" or phrase.startswith("in ") or any(c.isdigit() for c in phrase)):
        return None  # dateutil would read a lone "may" or "march" as a day; a promise names one plainly
    now = datetime.combine(today, time(12), tzinfo=timezone.get_current_timezone())
    try:
        day = parse_when(phrase, now=now).date()
    except (ValueError, OverflowError):
        return None
    if day < today and not _YEAR.search(phrase):
        try:
            day = day.replace(year=day.year + 1)  # "on 3 May" said in June is next May
        except ValueError:
            day = day.replace(year=day.year + 1, day=28)  # 29 February
    if not today <= day <= today + timedelta(days=MAX_AHEAD_DAYS):
        return None
    return day


def due(owner, today: date | None = None, days: int = SOON_DAYS) -> list[FollowUpItem]:
    """Open follow-ups due by `days` from today, of people not archived: overdue and due today first (oldest
    first), then the next few days."""
    today = today or local_today(owner)
    rows = (FollowUp.objects.filter(owner=owner, done_at__isnull=True, due__lte=today + timedelta(days=days),
                                    person__archived=False)
            .order_by("due", "id")
            .values_list("id", "person_id", "person__display_name", "text", "due", "interaction_id", "created_at"))
    return [item(*row, today=today) for row in rows]


def item(pk, person_id, display_name, text, due_day, interaction_id, created_at, *, today: date) -> FollowUpItem:
    late = (today - due_day).days
    state = "overdue" if late > 0 else "today" if late == 0 else "soon"
    return FollowUpItem(pk, person_id, display_name, text, due_day, late, state, interaction_id, created_at)


def as_item(follow_up: FollowUp, today: date) -> FollowUpItem:
    return item(follow_up.pk, follow_up.person_id, follow_up.person.display_name, follow_up.text, follow_up.due,
                follow_up.interaction_id, follow_up.created_at, today=today)
