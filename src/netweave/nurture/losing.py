"""Ties slipping away: those gone cold lately (more than twice their cadence without contact, or a strength
that has fallen a lot), and dormant ties (formerly strong, no contact for three years or more).

Levin, Walter and Murnighan (2011): reconnecting a dormant tie brings knowledge as novel as a weak tie's with
the trust of the old strong one, so dormant ties are offered as worth reviving, with what we had in common.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, F, Max, Min

from netweave.interactions.models import Participation
from netweave.nurture.common import common_ground
from netweave.nurture.models import StrengthPoint
from netweave.nurture.today import Ranking, day_start, describe
from netweave.people.models import Person

DORMANT_YEARS = 3
FORMERLY_STRONG_CONTACTS = 10  # interactions, when no strength history says how strong the tie was
FORMERLY_STRONG_SCORE = 60  # a past strength at least this high
FALL = 30  # points of strength lost within a year that count as going cold
FALL_WINDOW_DAYS = 365


@dataclass
class ColdItem:
    person_id: int
    display_name: str
    circle: str | None
    cadence_days: int
    days_since: int
    last_contact_at: datetime | None
    strength: int | None
    reason: str
    last_summary: str
    last_summary_at: datetime | None
    common: dict = field(default_factory=dict)


@dataclass
class DormantItem:
    person_id: int
    display_name: str
    interactions: int
    first_contact_at: datetime | None
    last_contact_at: datetime
    peak_strength: int | None
    reason: str
    common: dict = field(default_factory=dict)


@dataclass
class LosingTouch:
    day: date
    cold: list[ColdItem]
    dormant: list[DormantItem]
    cold_count: int
    dormant_count: int


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February, in a year without one
        return day.replace(year=day.year - years, day=28)


def losing_touch(owner, *, limit: int = 30, today: date | None = None) -> LosingTouch:
    """Ties gone cold since the dormant horizon, most pressing first, and dormant ties, formerly strongest first;
    at most `limit` of each, with what we had in common."""
    from netweave.people.services import settle_passed_plans

    settle_passed_plans(owner)  # a plan whose time has passed is contact
    ranking = Ranking(owner, today=today)
    horizon = day_start(years_before(ranking.today, DORMANT_YEARS) + timedelta(days=1), ranking.zone)
    cold_rows = {r.person_id: r for r in ranking.rows(lambda rule: 2 * rule.days + 1, contacted_only=True)
                 if r.since >= horizon}
    fallen = _fallen(owner, ranking.today)
    extra = [pid for pid in fallen if pid not in cold_rows]
    for row in ranking.rows(lambda rule: 1, contacted_only=True, ids=extra):
        if row.since >= horizon:
            cold_rows[row.person_id] = row
    scored = sorted(((ranking.priority(r), r) for r in cold_rows.values()),
                    key=lambda pr: (-pr[0], -pr[1].days_overdue, pr[1].person_id))
    shown = scored[:limit]
    dormant, dormant_count = _dormant(owner, ranking, horizon, limit)
    ground = common_ground(owner, [r.person_id for _, r in shown] + [d.person_id for d in dormant])
    cold = []
    for item, (_, row) in zip(describe(owner, shown), shown):
        why = item.reason if row.days_since > 2 * row.rule.days else f"{row.rule.words}: last contact " \
                                                                       f"{row.days_since} days ago"
        if row.person_id in fallen:
            peak, now = fallen[row.person_id]
            why += f"; strength fell from {peak} to {now} within a year"
        cold.append(ColdItem(person_id=item.person_id, display_name=item.display_name, circle=item.circle,
                             cadence_days=item.cadence_days, days_since=item.days_since,
                             last_contact_at=item.last_contact_at, strength=item.strength, reason=why,
                             last_summary=item.last_summary, last_summary_at=item.last_summary_at,
                             common=ground.get(item.person_id, {})))
    for item in dormant:
        item.common = ground.get(item.person_id, {})
    return LosingTouch(day=ranking.today, cold=cold, dormant=dormant, cold_count=len(cold_rows),
                       dormant_count=dormant_count)


def _fallen(owner, today: date) -> dict[int, tuple[int, int]]:
    """People whose strength fell by FALL points or more from its peak of the last year: id -> (peak, now)."""
    points = (StrengthPoint.objects.filter(owner=owner, day__gte=today - timedelta(days=FALL_WINDOW_DAYS),
                                           person__archived=False, person__strength__isnull=False)
              .values("person_id", "person__strength__score").order_by()
              .annotate(peak=Max("score")).filter(peak__gte=F("person__strength__score") + FALL))
    return {pid: (peak, now) for pid, now, peak in points.values_list("person_id", "person__strength__score", "peak")}


def _dormant(owner, ranking: Ranking, horizon: datetime, limit: int) -> tuple[list[DormantItem], int]:
    """No contact since the horizon, and formerly strong: many interactions, a high past strength, or in
    one of the two closest circles."""
    quiet = Person.objects.filter(owner=owner, archived=False, last_contact_at__lt=horizon)
    history = {pid: (n, first) for pid, n, first in
               Participation.objects.filter(person__in=quiet.values("id")).order_by().values("person_id")
               .annotate(n=Count("*"), first=Min("occurred_at")).values_list("person_id", "n", "first")}
    peaks = dict(StrengthPoint.objects.filter(person__in=quiet.values("id"), score__gte=FORMERLY_STRONG_SCORE)
                 .order_by().values("person_id").annotate(peak=Max("score")).values_list("person_id", "peak"))
    close = {cid for cid, rank in ranking.cadences.circle_rank.items() if rank <= 1}
    people = quiet.values_list("id", "display_name", "circle_id", "last_contact_at")
    found = []
    for pid, name, circle_id, last in people:
        n, first = history.get(pid, (0, None))
        peak = peaks.get(pid)
        if n >= FORMERLY_STRONG_CONTACTS or peak is not None or circle_id in close:
            weight = max((peak or 0) / 100, min(n, 40) / 40) * ranking.cadences.closeness(circle_id)
            found.append((weight, pid, name, n, first, last, peak))
    found.sort(key=lambda f: (-f[0], -f[3], f[1]))
    items = []
    for _, pid, name, n, first, last, peak in found[:limit]:
        years = (ranking.today - last.astimezone(ranking.zone).date()).days // 365
        span = f" from {first.year} to {last.year}" if first and first.year != last.year else f" in {last.year}"
        strong = f", strength up to {peak}" if peak else ""
        why = f"{n} interaction{'s' if n != 1 else ''}{span}{strong}; no contact for {years} years"
        items.append(DormantItem(person_id=pid, display_name=name, interactions=n, first_contact_at=first,
                                 last_contact_at=last, peak_strength=peak, reason=why))
    return items, len(found)

