"""Reading small steps: this week's plan as every surface shows it, and progress over the weeks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q

from netweave.steps.models import Step, WeekPlan
from netweave.steps.services import plan_for, settings_for, this_week

MAX_WEEKS = 104


@dataclass
class WeekProgress:
    week: date  # its Monday
    planned: int
    done: int
    skipped: int


@dataclass
class Progress:
    weeks: list[WeekProgress]  # newest first, one per week of the window, planned or not
    streak: int  # weeks in a row, up to this one, with at least one step done
    planned: int  # over the window
    done: int


@dataclass
class ThisWeek:
    week: date
    week_end: date
    today: date
    per_week: int
    steps: list[Step]
    done: int
    streak: int


def week_plan(owner) -> ThisWeek:
    """This week's plan (made now if it was not yet), its steps in order and the streak so far."""
    week = this_week(owner)
    plan = plan_for(owner, week)
    steps = list(plan.steps.select_related("person", "other_person").order_by("position"))
    return ThisWeek(week=week.start, week_end=week.end, today=week.today, per_week=settings_for(owner).per_week,
                    steps=steps, done=sum(s.status == Step.Status.DONE for s in steps),
                    streak=streak(owner, week.start))


def _counts(owner, since: date | None = None) -> dict[date, WeekProgress]:
    plans = WeekPlan.objects.filter(owner=owner)
    if since is not None:
        plans = plans.filter(week__gte=since)
    rows = plans.annotate(planned=Count("steps"), done=Count("steps", filter=Q(steps__status=Step.Status.DONE)),
                          skipped=Count("steps", filter=Q(steps__status=Step.Status.SKIPPED)))
    return {p.week: WeekProgress(p.week, p.planned, p.done, p.skipped) for p in rows.order_by()}


def streak(owner, current: date) -> int:
    """Weeks in a row with at least one step done, counting back from this week; this week counts only once
    a step is done, so a streak is not broken before the week is over."""
    done_weeks = set(WeekPlan.objects.filter(owner=owner, week__lte=current, steps__status=Step.Status.DONE)
                     .values_list("week", flat=True).distinct())
    week = current if current in done_weeks else current - timedelta(weeks=1)
    count = 0
    while week in done_weeks:
        count += 1
        week -= timedelta(weeks=1)
    return count


def progress(owner, weeks: int = 12) -> Progress:
    """Done and planned steps for each of the last `weeks` weeks (this one included), newest first."""
    weeks = max(1, min(int(weeks), MAX_WEEKS))
    current = this_week(owner).start
    first = current - timedelta(weeks=weeks - 1)
    counts = _counts(owner, since=first)
    rows = [counts.get(current - timedelta(weeks=n)) or WeekProgress(current - timedelta(weeks=n), 0, 0, 0)
            for n in range(weeks)]
    return Progress(weeks=rows, streak=streak(owner, current), planned=sum(r.planned for r in rows),
                    done=sum(r.done for r in rows))
