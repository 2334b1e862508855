"""Where a week's steps come from: each of the other queues, read through its own public functions.

Every source returns a few candidates, best first, and may return none (an empty queue, an app not installed);
the plan then draws more from the others. Each candidate carries its words (title, one line of why) and the
page where it is done, so the plan can be kept as it was made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.apps import apps
from django.urls import reverse

from netweave.steps.models import Step

PER_SOURCE = 5  # candidates read from each queue: enough to skip people already in the plan
EVENT_DAYS = 14  # people met at an event this recently, and not contacted since, are worth a follow-up
MAX_TITLE, MAX_WHY = 300, 500


@dataclass
class Candidate:
    kind: str
    key: str
    title: str
    why: str
    url: str
    person_id: int | None
    other_id: int | None = None

    def people(self) -> set[int]:
        return {p for p in (self.person_id, self.other_id) if p is not None}


@dataclass(frozen=True)
class Week:
    """The week a plan is for, and the day it is being made on (today, in the user's zone)."""

    start: date
    today: date

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def days_left(self) -> int:
        return max(0, (self.end - self.today).days)


def week_start(day: date) -> date:
    """The Monday of the week `day` is in."""
    return day - timedelta(days=day.weekday())


def _cut(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _person_url(person_id: int) -> str:
    return reverse("people:detail", args=[person_id])


def _when(day: date, today: date) -> str:
    """ "today", "tomorrow", "on Friday 13 March", "3 days ago"."""
    gap = (day - today).days
    if gap == 0:
        return "today"
    if gap == 1:
        return "tomorrow"
    if gap == -1:
        return "yesterday"
    if gap < 0:
        return f"{-gap} days ago"
    return f"on {day:%A} {day.day} {day:%B}"


def congratulations(owner, week: Week) -> list[Candidate]:
    """Birthdays, anniversaries and milestones for the rest of the week, and recent job news."""
    from netweave.nurture.celebrations import upcoming

    found = upcoming(owner, today=week.today, days=week.days_left, limit=PER_SOURCE)
    url = reverse("nurture:celebrations")
    return [Candidate(Step.Kind.CONGRATULATE, c.key, f"Congratulate {c.display_name}",
                      f"{c.what[:1].upper()}{c.what[1:]}, {_when(c.day, week.today)}: a short message is enough "
                      "(a draft is on the celebrations page).", url, c.person_id) for c in found]


def revivals(owner, week: Week) -> list[Candidate]:
    """Dormant ties first (formerly strong, quiet for years), then ties going cold."""
    from netweave.nurture.losing import losing_touch

    found = losing_touch(owner, limit=PER_SOURCE, today=week.today)
    out = [Candidate(Step.Kind.REVIVE, f"revive:{d.person_id}", f"Get back in touch with {d.display_name}",
                     f"A dormant tie: {d.reason}.", _person_url(d.person_id), d.person_id) for d in found.dormant]
    out += [Candidate(Step.Kind.REVIVE, f"revive:{c.person_id}", f"Reconnect with {c.display_name}",
                      f"Going cold: {c.reason}.", _person_url(c.person_id), c.person_id) for c in found.cold]
    return out


def introductions(owner, week: Week) -> list[Candidate]:
    """Two of my contacts who would benefit from meeting; the link opens the propose form filled in."""
    from netweave.givefirst.suggestions import suggest_introductions

    out = []
    for s in suggest_introductions(owner, limit=PER_SOURCE):
        reason = "; ".join(s.reasons[:2]) or "they have a lot in common"
        query = {"a": s.a_id, "b": s.b_id, "reason": _cut(reason, 1000)}
        if s.ask_id:
            query["ask"] = s.ask_id
        low, high = sorted((s.a_id, s.b_id))
        out.append(Candidate(Step.Kind.INTRODUCE, f"intro:{low}-{high}", f"Introduce {s.a_name} to {s.b_name}",
                             reason[:1].upper() + reason[1:] + ".",
                             f"{reverse('givefirst:propose')}?{urlencode(query)}", s.a_id, s.b_id))
    return out


def helping(owner, week: Week) -> list[Candidate]:
    """Open asks I could meet, or for which I know the best helper (for my own ask: who could help me)."""
    from netweave.givefirst.helping import help_this_week
    from netweave.givefirst.models import Ask

    found = help_this_week(owner, today=week.today, limit=PER_SOURCE)
    mine = set(Ask.objects.filter(owner=owner, pk__in=[h.ask_id for h in found], person__isnull=True)
               .values_list("id", flat=True))
    out = []
    for h in found:
        title = (f"Ask {h.display_name} about {h.topic}" if h.ask_id in mine
                 else f"Help {h.display_name} with {h.topic}")
        out.append(Candidate(Step.Kind.HELP, f"ask:{h.ask_id}", title, h.why,
                             reverse("givefirst:ask_helpers", args=[h.ask_id]), h.person_id))
    return out


def follow_ups(owner, week: Week) -> list[Candidate]:
    """Promises due by the end of the week (overdue first), then people met at a recent event and not since."""
    from netweave.nurture.followups import due

    out = []
    for f in due(owner, today=week.today, days=week.days_left)[:PER_SOURCE]:
        state = {"overdue": f"overdue since {f.due:%a} {f.due.day} {f.due:%b}", "today": "due today"}.get(
            f.state, f"due {_when(f.due, week.today)}")
        out.append(Candidate(Step.Kind.FOLLOW_UP, f"followup:{f.id}", f"Follow up with {f.display_name}",
                             f"You promised: {f.text} ({state}).", _person_url(f.person_id), f.person_id))
    return out + _after_events(owner, week)


def _after_events(owner, week: Week) -> list[Candidate]:
    """People I met at an event in the last fortnight whom I have not been in touch with since it ended."""
    if not apps.is_installed("netweave.events"):
        return []
    from django.db.models import F, Q
    from django.db.models.functions import Coalesce

    from netweave.core import clock
    from netweave.events.models import EventPerson

    now = clock.now()
    rows = (EventPerson.objects.filter(owner=owner, status="met", person__archived=False,
                                       event__starts_at__gte=now - timedelta(days=EVENT_DAYS),
                                       event__starts_at__lte=now)
            .annotate(over=Coalesce("event__ends_at", "event__starts_at"))
            .filter(Q(person__last_contact_at__isnull=True) | Q(person__last_contact_at__lte=F("over")))
            .order_by("-event__starts_at", "id")
            .values_list("event_id", "event__name", "event__starts_at", "person_id", "person__display_name"))
    out = []
    for event_id, event, starts, person_id, name in rows[:PER_SOURCE]:
        day = starts.date() if isinstance(starts, datetime) else starts
        out.append(Candidate(Step.Kind.FOLLOW_UP, f"event:{event_id}:{person_id}",
                             f"Follow up with {name} after {event}",
                             f"You met at {event} ({_when(day, week.today)}) and have not been in touch since.",
                             _person_url(person_id), person_id))
    return out


def check_ins(owner, week: Week) -> list[Candidate]:
    """People due for contact by their cadence, most pressing first."""
    from netweave.nurture.today import due_list

    listing = due_list(owner, limit=PER_SOURCE, today=week.today)
    return [Candidate(Step.Kind.CHECK_IN, f"checkin:{i.person_id}", f"Check in with {i.display_name}",
                      i.reason[:1].upper() + i.reason[1:] + ".", _person_url(i.person_id), i.person_id)
            for i in listing.items]


# The order steps are drawn in, one from each queue in turn: the warmest and easiest first.
SOURCES: tuple[tuple[str, Callable[..., list[Candidate]]], ...] = (
    (Step.Kind.CONGRATULATE, congratulations),
    (Step.Kind.REVIVE, revivals),
    (Step.Kind.INTRODUCE, introductions),
    (Step.Kind.HELP, helping),
    (Step.Kind.FOLLOW_UP, follow_ups),
    (Step.Kind.CHECK_IN, check_ins),
)
