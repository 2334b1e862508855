"""Whom to reach out to: the ranked "reach out today" list, ties going cold, and dormant ties worth reviving.

Shaped for 30,000 people and a million interactions: the cadence of everyone comes from three small queries
(`Cadences`), the people who are due from one narrow query that the database filters by each circle's
cut-off, and names and "what we last talked about" only for the few people shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings as django_settings
from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from netweave.core import clock
from netweave.interactions.models import Participation
from netweave.nurture.cadences import Cadences, Rule
from netweave.nurture.models import Nudge, NurtureSettings
from netweave.people.models import Person

CHECKIN = "checkin"  # the Nudge kind of the today list
URGENCY_CAP = 4.0  # cadences late beyond which more lateness no longer raises the priority
ID_CHUNK = 2000  # people fetched by id at a time: well under any database's limit of query parameters


def settings_for(owner) -> NurtureSettings:
    """The owner's settings, or the defaults (unsaved) when they never changed any."""
    return NurtureSettings.objects.filter(owner=owner).first() or NurtureSettings(owner=owner)


def zone_for(settings: NurtureSettings) -> ZoneInfo:
    """The user's own time zone, else the server's: it decides what "today" is."""
    for name in (settings.time_zone, django_settings.TIME_ZONE):
        if name:
            try:
                return ZoneInfo(name)
            except (ValueError, KeyError, OSError):  # a zone this system no longer knows: try the next
                pass
    return ZoneInfo("UTC")


def local_today(owner, settings: NurtureSettings | None = None) -> date:
    return clock.now().astimezone(zone_for(settings or settings_for(owner))).date()


def day_start(day: date, zone: ZoneInfo) -> datetime:
    """The first moment of a day in the user's zone."""
    return datetime.combine(day, time.min, tzinfo=zone)


def checkin_key(day: date) -> str:
    return f"{CHECKIN}:{day.isoformat()}"


@dataclass(slots=True)
class Row:
    """One person's standing: enough to rank them, without their name."""

    person_id: int
    circle_id: int | None
    since: datetime  # last contact, or when they were added when there is none
    contacted: bool
    strength: int | None
    rule: Rule
    days_since: int = 0

    @property
    def days_overdue(self) -> int:
        return self.days_since - self.rule.days


@dataclass
class DueItem:
    person_id: int
    display_name: str
    circle: str | None
    cadence_days: int
    cadence_scope: str
    days_since: int
    days_overdue: int
    never_contacted: bool
    last_contact_at: datetime | None
    strength: int | None
    priority: float
    reason: str
    last_summary: str = ""
    last_summary_at: datetime | None = None


@dataclass
class DueList:
    day: date
    items: list[DueItem]
    due_count: int  # everyone due and not snoozed or skipped, shown or not
    daily_limit: int
    done_today: int


class Ranking:
    """Who is past a gap of their cadence on a given day, for one owner."""

    def __init__(self, owner, *, today: date | None = None):
        self.owner = owner
        self.settings = settings_for(owner)
        self.zone = zone_for(self.settings)
        self.today = today or clock.now().astimezone(self.zone).date()
        self.cadences = Cadences(owner)

    def cutoff(self, gap_days: int) -> datetime:
        """Contact before this moment is at least `gap_days` calendar days ago in the user's zone."""
        return day_start(self.today - timedelta(days=gap_days - 1), self.zone)

    def _base(self):
        contacted = ExpressionWrapper(Q(last_contact_at__isnull=False), output_field=BooleanField())
        return (Person.objects.filter(owner=self.owner, archived=False).order_by()
                .annotate(since=Coalesce("last_contact_at", "created_at"), contacted=contacted)
                .values_list("id", "circle_id", "since", "contacted", "strength__score"))

    def rows(self, gap, *, contacted_only: bool = False, ids=None) -> list[Row]:
        """People whose time since last contact (or since they were added) is at least `gap(rule)` days.

        The circles' cut-offs go to the database, so only people past theirs come back; the few people with
        a cadence of their own or of a tag (or those asked for by `ids`) are fetched by id and checked here."""
        cad, today, zone = self.cadences, self.today, self.zone
        cutoffs: dict[int, datetime] = {}
        found: list[Row] = []

        def keep(pid, circle_id, since, contacted, strength, rule, checked=False):
            if rule is None:
                return
            if not checked:
                if rule.days not in cutoffs:
                    cutoffs[rule.days] = self.cutoff(gap(rule))
                if since >= cutoffs[rule.days]:
                    return
            found.append(Row(pid, circle_id, since, contacted, strength, rule,
                             (today - since.astimezone(zone).date()).days))

        base = self._base()
        if contacted_only:
            base = base.filter(last_contact_at__isnull=False)
        by_id = sorted(set(ids)) if ids is not None else sorted(cad.overridden)
        for start in range(0, len(by_id), ID_CHUNK):
            for pid, circle_id, since, contacted, strength in base.filter(id__in=by_id[start:start + ID_CHUNK]):
                keep(pid, circle_id, since, contacted, strength, cad.rule(pid, circle_id))
        if ids is not None:
            return found
        circle_rules = {cid: cad.circle_rule(cid) for cid in cad.circle_days}
        by_circle = Q()
        for circle_id, rule in circle_rules.items():
            by_circle |= Q(circle_id=circle_id, since__lt=self.cutoff(gap(rule)))
        if by_circle:
            overridden = cad.overridden
            for pid, circle_id, since, contacted, strength in base.filter(by_circle):
                if pid not in overridden:  # their own or their tag's cadence decided above
                    keep(pid, circle_id, since, contacted, strength, circle_rules[circle_id], checked=True)
        return found

    def priority(self, row: Row) -> float:
        """How overdue times how much the tie matters.

        Overdue is the log of the gap over the cadence, capped at four cadences: a tie ten cadences late is
        dormant (the losing-touch page offers to revive it) and should not bury a close one twice late.
        The tie counts by its circle's closeness (1.0 to 0.4) and its strength (0.4 at 0 to 1.6 at 100; 1.0,
        as for a strength of 50, while unknown)."""
        urgency = 1 + math.log(min(max(row.days_since / row.rule.days, 1.0), URGENCY_CAP))
        tie = 1.0 if row.strength is None else 0.4 + 1.2 * row.strength / 100
        return urgency * self.cadences.closeness(row.circle_id) * tie

    def hidden(self) -> set[int]:
        """People snoozed or skipped until a day still to come."""
        return set(Nudge.objects.filter(
            owner=self.owner, kind=CHECKIN, status__in=[Nudge.Status.SNOOZED, Nudge.Status.SKIPPED],
            until__gt=self.today).values_list("person_id", flat=True))

    def done_today(self) -> int:
        return Nudge.objects.filter(owner=self.owner, kind=CHECKIN, key=checkin_key(self.today),
                                    status=Nudge.Status.DONE).count()


def reason(row: Row) -> str:
    """Why someone is on the list, in words: "close circle, every month: last contact 41 days ago, 11 days
    overdue"."""
    if not row.contacted:
        gap = f"nothing logged since you added them {_days(row.days_since)} ago"
    else:
        gap = f"last contact {_days(row.days_since)} ago"
    late = f"{_days(row.days_overdue)} overdue" if row.days_overdue > 0 else "due today"
    return f"{row.rule.words}: {gap}, {late}"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def due_list(owner, *, limit: int | None = None, today: date | None = None) -> DueList:
    """Whom to reach out to today, most pressing first.

    Without a limit it offers the day's remaining budget: the daily limit less the check-ins already done
    today, so marking someone done does not pull in someone else (start small). Snoozed and skipped people
    are left out until their day; archived people never appear. Someone never contacted is due one cadence
    after they were added, and ranks below everyone who was contacted and is now overdue."""
    from netweave.people.services import settle_passed_plans

    settle_passed_plans(owner)  # a plan whose time has passed is contact, and resets the clock
    ranking = Ranking(owner, today=today)
    hidden = ranking.hidden()
    rows = [r for r in ranking.rows(lambda rule: rule.days) if r.person_id not in hidden]
    scored = [(ranking.priority(r), r) for r in rows]
    scored.sort(key=lambda pr: (not pr[1].contacted, -pr[0], -pr[1].days_overdue, pr[1].person_id))
    done = ranking.done_today()
    cap = max(0, ranking.settings.daily_limit - done) if limit is None else limit
    shown = scored[:cap]
    return DueList(day=ranking.today, items=describe(owner, shown), due_count=len(rows),
                   daily_limit=ranking.settings.daily_limit, done_today=done)


def describe(owner, shown: list[tuple[float, Row]]) -> list[DueItem]:
    """Names, circles and the last thing talked about, for the few people shown: one query."""
    if not shown:
        return []
    last = (Participation.objects.filter(person_id=OuterRef("pk"), occurred_at__lte=clock.now())
            .order_by("-occurred_at", "-interaction_id"))
    details = {pid: rest for pid, *rest in Person.objects.filter(owner=owner, pk__in=[r.person_id for _, r in shown])
               .annotate(last_summary=Subquery(last.values("interaction__summary")[:1]),
                         last_at=Subquery(last.values("occurred_at")[:1]))
               .values_list("id", "display_name", "circle__name", "last_summary", "last_at")}
    items = []
    for priority, row in shown:
        name, circle, summary, summary_at = details.get(row.person_id, ("", None, None, None))
        items.append(DueItem(
            person_id=row.person_id, display_name=name, circle=circle, cadence_days=row.rule.days,
            cadence_scope=row.rule.scope, days_since=row.days_since, days_overdue=max(row.days_overdue, 0),
            never_contacted=not row.contacted, last_contact_at=row.since if row.contacted else None,
            strength=row.strength, priority=round(priority, 3), reason=reason(row),
            last_summary=summary or "", last_summary_at=summary_at,
        ))
    return items

