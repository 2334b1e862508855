"""What to congratulate people on soon: birthdays, work anniversaries, new jobs and promotions (read from the job
history that imports and edits keep), and milestones I noted. Each comes with a drafted message and a key, so
congratulating or skipping it (a Nudge with that key) keeps it from being offered again.

Shaped for 30,000 people: birthdays come from the (owner, birthday_month, birthday_day) index, one small query
per month in the window; anniversaries and job changes from narrow Affiliation queries; names and shared history
only for the few people shown.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, F, Min, OuterRef, Q, Subquery

from netweave.core import clock
from netweave.interactions.models import Participation
from netweave.nurture import drafts
from netweave.nurture.models import Milestone, Nudge
from netweave.nurture.today import local_today, settings_for, zone_for
from netweave.people.models import Affiliation, Organisation, Person

BIRTHDAY, ANNIVERSARY, NEW_JOB, PROMOTION, MILESTONE = "birthday", "anniversary", "new_job", "promotion", "milestone"
KINDS = (BIRTHDAY, ANNIVERSARY, NEW_JOB, PROMOTION, MILESTONE)
KEY = re.compile(rf"^({'|'.join(KINDS)}):[0-9a-z-]{{1,40}}$")
RECENT_DAYS = 30  # a new job, promotion or milestone is news for this long after it happened
ORDER = {kind: n for n, kind in enumerate(KINDS)}


@dataclass
class Celebration:
    person_id: int
    display_name: str
    kind: str
    day: date
    what: str  # in words: "turns 40", "5 years at Acme", "new job: CTO at Globex"
    draft: str = ""
    key: str = ""


def celebration_key(kind: str, day: date | None = None, ident: int | None = None) -> str:
    """ "birthday:2026-12-01"; a milestone by its id ("milestone:12"), as two may fall on one day."""
    return f"{kind}:{ident}" if ident is not None else f"{kind}:{day.isoformat()}"


def kind_of(key: str) -> str | None:
    """The celebration kind a key names, or None for a key no celebration has."""
    match = KEY.match(key or "")
    return match.group(1) if match else None


def next_yearly(month: int, day: int, today: date) -> date:
    """The next date on or after `today` of a yearly day; 29 February falls on 28 February in common years,
    as `Person.next_birthday` does for birthdays."""
    for year in (today.year, today.year + 1):
        candidate = date(year, month, min(day, calendar.monthrange(year, month)[1]))
        if candidate >= today:
            return candidate
    raise AssertionError("unreachable: a yearly day comes within a year")


def _month_days(today: date, days: int) -> dict[int, set[int]]:
    """The (month, day) pairs of the window, by month; 29 February joins 28 February in common years."""
    found: dict[int, set[int]] = {}
    for n in range(days + 1):
        day = today + timedelta(days=n)
        found.setdefault(day.month, set()).add(day.day)
        if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
            found[2].add(29)
    return found


def _by_month_day(prefix: str, month_days: dict[int, set[int]]) -> Q:
    where = Q()
    for month, days in month_days.items():
        where |= Q(**{f"{prefix}month": month, f"{prefix}day__in": sorted(days)})
    return where


def _birthdays(owner, today: date, days: int) -> list[Celebration]:
    rows = (Person.objects.filter(owner=owner).filter(_by_month_day("birthday_", _month_days(today, days)))
            .filter(archived=False).order_by()
            .values_list("id", "display_name", "birthday_year", "birthday_month", "birthday_day"))
    found = []
    for pid, name, year, month, day in rows:
        person = Person(birthday_year=year, birthday_month=month, birthday_day=day)
        when = person.next_birthday(today)
        if when is None or (when - today).days > days:
            continue
        age = person.age_on(when) if year else None
        what = f"turns {age}" if age and age > 0 else "birthday"
        found.append(Celebration(pid, name, BIRTHDAY, when, what, key=celebration_key(BIRTHDAY, when)))
    return found


def _current_roles(owner):
    """Open roles that are the person's current one (cached on Person by people.services), of people not archived."""
    return (Affiliation.objects.filter(owner=owner, end__isnull=True, start__isnull=False,
                                       person__archived=False,
                                       organisation_id=F("person__current_organisation_id"),
                                       title=F("person__current_title"))
            .order_by())


def _anniversaries(owner, today: date, days: int) -> list[Celebration]:
    # The exact start dates that have an anniversary in the window, year by year: a plain IN on the column,
    # where a month/day lookup would run a date function on every role (SQLite runs it in Python).
    first = Affiliation.objects.filter(owner=owner, end__isnull=True).aggregate(first=Min("start"))["first"]
    if first is None:
        return []
    starts = [date(year, month, day) for year in range(first.year, today.year)
              for month, day_set in _month_days(today, days).items() for day in day_set
              if day <= calendar.monthrange(year, month)[1]]
    rows = (_current_roles(owner).filter(start__in=starts, start__lt=today)
            .values_list("id", "person_id", "person__display_name", "organisation__name", "start"))
    found, seen = [], set()
    for _, pid, name, org, start in sorted(rows, key=lambda r: (r[4], r[0]), reverse=True):
        if pid in seen:  # two open roles with the same place and title: the latest start is the current one
            continue
        seen.add(pid)
        when = next_yearly(start.month, start.day, today)
        years = when.year - start.year
        if years < 1 or (when - today).days > days:
            continue
        what = f"{years} year{'s' if years != 1 else ''} at {org}"
        found.append(Celebration(pid, name, ANNIVERSARY, when, what, key=celebration_key(ANNIVERSARY, when)))
    return found


def _job_changes(owner, today: date, zone) -> list[Celebration]:
    """Roles started in the last 30 days by someone we knew before: the same organisation with an earlier,
    differently titled role is a promotion (people.services._retitle); a new company is a new job
    (_change_jobs). Someone first added with their current role, by hand or by an import, is neither."""
    since = today - timedelta(days=RECENT_DAYS)
    earlier_here = Affiliation.objects.filter(
        person_id=OuterRef("person_id"), organisation_id=OuterRef("organisation_id"), end__isnull=False,
        end__lte=OuterRef("start")).exclude(title=OuterRef("title"))
    rows = (_current_roles(owner).filter(start__gte=since, start__lte=today)
            .annotate(promoted=Exists(earlier_here), known_since=F("person__created_at"))
            .values_list("person_id", "person__display_name", "organisation__name", "organisation__kind", "title",
                         "start", "promoted", "known_since"))
    found = []
    for pid, name, org, org_kind, title, start, promoted, known_since in rows:
        if known_since >= datetime.combine(start, time.min, tzinfo=zone):
            continue  # added on or after the day the role began: that is who they were when we met
        if promoted:
            what = f"promotion: {title}" if title else f"promotion at {org}"
            found.append(Celebration(pid, name, PROMOTION, start, what, key=celebration_key(PROMOTION, start)))
        elif org_kind == Organisation.Kind.COMPANY:
            what = f"new job: {title} at {org}" if title else f"new job at {org}"
            found.append(Celebration(pid, name, NEW_JOB, start, what, key=celebration_key(NEW_JOB, start)))
    return found


def _milestones(owner, today: date, days: int) -> list[Celebration]:
    rows = (Milestone.objects.filter(owner=owner, day__gte=today - timedelta(days=RECENT_DAYS),
                                     day__lte=today + timedelta(days=days), person__archived=False)
            .values_list("id", "person_id", "person__display_name", "day", "text"))
    return [Celebration(pid, name, MILESTONE, day, text, key=celebration_key(MILESTONE, ident=mid))
            for mid, pid, name, day, text in rows]


def _acted_on(owner, found: list[Celebration]) -> set[tuple[int, str]]:
    """(person, key) of celebrations already congratulated or skipped."""
    if not found:
        return set()
    return set(Nudge.objects.filter(owner=owner, kind__in=KINDS, key__in={c.key for c in found})
               .values_list("person_id", "key"))


def upcoming(owner, today: date | None = None, days: int = 14, limit: int | None = None) -> list[Celebration]:
    """Celebrations from today to `days` ahead (job changes and milestones from the last 30 days too), soonest
    first, each with a drafted message; those congratulated or skipped and archived people are left out.
    With `limit`, only the soonest that many (and only they get drafts: a page shows a few)."""
    settings = settings_for(owner)
    zone = zone_for(settings)
    today = today or local_today(owner, settings)
    found = [*_birthdays(owner, today, days), *_anniversaries(owner, today, days), *_job_changes(owner, today, zone),
             *_milestones(owner, today, days)]
    acted = _acted_on(owner, found)
    found = [c for c in found if (c.person_id, c.key) not in acted]
    found.sort(key=lambda c: (c.day, ORDER[c.kind], c.display_name, c.person_id))
    if limit is not None:
        found = found[:limit]
    _add_drafts(owner, found, today)
    return found


def history_of(owner, person_ids) -> dict[int, drafts.History]:
    """What we share with each of a few people: how we met, first contact, the latest past interaction."""
    now = clock.now()
    last = (Participation.objects.filter(person_id=OuterRef("pk"), occurred_at__lte=now)
            .order_by("-occurred_at", "-interaction_id"))
    rows = (Person.objects.filter(owner=owner, pk__in=list(person_ids))
            .annotate(first_at=Min("participations__occurred_at"),
                      last_summary=Subquery(last.values("interaction__summary")[:1]),
                      last_at=Subquery(last.values("occurred_at")[:1]))
            .values_list("id", "given_name", "nickname", "display_name", "met_how", "first_at", "last_summary",
                         "last_at"))
    out = {}
    for pid, given, nick, name, met_how, first_at, summary, last_at in rows:
        first = first_at if first_at and first_at <= now else None
        out[pid] = drafts.History(first_name=drafts.first_name(given, nick, name), met_how=met_how,
                                  first_contact=first.date() if first else None, last_summary=summary or "",
                                  last_at=last_at)
    return out


def _add_drafts(owner, found: list[Celebration], today: date) -> None:
    if not found:
        return
    histories = history_of(owner, {c.person_id for c in found})
    roles = dict(Person.objects.filter(owner=owner, pk__in={c.person_id for c in found})
                 .values_list("id", "current_title"))
    orgs = dict(Person.objects.filter(owner=owner, pk__in={c.person_id for c in found})
                .values_list("id", "current_organisation__name"))
    kinds = dict(Milestone.objects.filter(owner=owner, pk__in=[int(c.key.split(":")[1]) for c in found
                                                              if c.kind == MILESTONE]).values_list("id", "kind"))
    for c in found:
        history = histories.get(c.person_id) or drafts.History(first_name=c.display_name)
        years = None
        if c.kind == ANNIVERSARY:
            years = int(c.what.split(" ", 1)[0])
        milestone_kind = kinds.get(int(c.key.split(":")[1]), "") if c.kind == MILESTONE else ""
        line = drafts.opening(c.kind, history.first_name, org=orgs.get(c.person_id) or "",
                              title=roles.get(c.person_id) or "", years=years, milestone_kind=milestone_kind)
        c.draft = drafts.draft(line, history, today)
