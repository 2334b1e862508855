"""Every change to small steps: making a week's plan (once), marking a step done, skipped or to do again, and
the number of steps a week. The web app, the API and the CLI all call these."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from django.db import IntegrityError, transaction

from netweave.core import clock
from netweave.core.errors import Invalid, NotFound
from netweave.core.models import Origin
from netweave.nurture.today import local_today
from netweave.people.models import Person
from netweave.steps.models import Step, StepSettings, WeekPlan
from netweave.steps.sources import MAX_TITLE, MAX_WHY, SOURCES, Candidate, Week, week_start

DEFAULT_PER_WEEK = 3
MAX_PER_WEEK = 10
QUIET_WEEKS = 4  # a step done or skipped is not offered again for this many weeks
DONE_SUMMARY = {Step.Kind.CHECK_IN: "Checked in", Step.Kind.REVIVE: "Got back in touch",
                Step.Kind.FOLLOW_UP: "Followed up"}


def settings_for(owner) -> StepSettings:
    """The owner's settings, or the defaults (unsaved) when they never changed any."""
    return StepSettings.objects.filter(owner=owner).first() or StepSettings(owner=owner, per_week=DEFAULT_PER_WEEK)


def this_week(owner) -> Week:
    today = local_today(owner)
    return Week(week_start(today), today)


def plan_for(owner, week: Week | None = None) -> WeekPlan:
    """This week's plan: made from the queues the first time it is asked for, and the same plan after that."""
    week = week or this_week(owner)
    plan = WeekPlan.objects.filter(owner=owner, week=week.start).first()
    if plan is not None:
        return plan
    try:
        with transaction.atomic():
            plan = WeekPlan.objects.create(owner=owner, week=week.start, created_at=clock.now())
            _fill(plan, week, settings_for(owner).per_week)
    except IntegrityError:
        # Another request made this week's plan at the same moment: theirs is the plan.
        return WeekPlan.objects.get(owner=owner, week=week.start)
    return plan


def _recently_settled(owner, week: Week) -> set[tuple[str, str]]:
    """(kind, key) of steps done or skipped in the last few weeks: not offered again so soon."""
    since = week.start - timedelta(weeks=QUIET_WEEKS)
    return set(Step.objects.filter(owner=owner, plan__week__gte=since, plan__week__lt=week.start)
               .exclude(status=Step.Status.OPEN).values_list("kind", "key"))


def _candidates(owner, week: Week) -> Iterator[Candidate]:
    """One candidate from each queue in turn, then the second of each, and so on. A queue is read only when
    the plan reaches it, so a plan of three steps does not ask every queue."""
    queues: list[list] = [[kind, source, None] for kind, source in SOURCES]
    depth = 0
    while queues:
        for queue in list(queues):
            if queue[2] is None:
                queue[2] = queue[1](owner, week)
            if depth < len(queue[2]):
                yield queue[2][depth]
            else:
                queues.remove(queue)
        depth += 1


def _fill(plan: WeekPlan, week: Week, want: int) -> int:
    """Add steps until the plan has `want` (or the queues run dry): one per person, none done or skipped
    lately. Returns how many were added."""
    owner = plan.owner
    existing = list(plan.steps.all())
    if len(existing) >= want:
        return 0
    taken = {(s.kind, s.key) for s in existing} | _recently_settled(owner, week)
    people = {p for s in existing for p in (s.person_id, s.other_person_id) if p is not None}
    position = max((s.position for s in existing), default=0)
    added = 0
    for candidate in _candidates(owner, week):
        if len(existing) + added >= want:
            break
        if (candidate.kind, candidate.key) in taken or candidate.people() & people:
            continue
        position += 1
        Step.objects.create(owner=owner, plan=plan, position=position, kind=candidate.kind,
                            key=candidate.key[:100], person_id=candidate.person_id, other_person_id=candidate.other_id,
                            title=candidate.title[:MAX_TITLE], why=candidate.why[:MAX_WHY], url=candidate.url[:1000])
        taken.add((candidate.kind, candidate.key))
        people |= candidate.people()
        added += 1
    return added


def step_by_number(owner, number: int, week: Week | None = None) -> Step:
    """Step N of this week's plan, as the CLI numbers them."""
    plan = plan_for(owner, week)
    found = plan.steps.filter(position=number).first() if isinstance(number, int) else None
    if found is None:
        count = plan.steps.count()
        raise NotFound(f"this week's plan has no step {number}" + (f"; it has 1 to {count}" if count else ""))
    return found


def _set(step: Step, status: str) -> Step:
    step.status = status
    step.acted_at = clock.now() if status != Step.Status.OPEN else None
    step.save(update_fields=["status", "acted_at"])
    return step


@transaction.atomic
def complete(step: Step, *, origin: Origin | None = None) -> Step:
    """I did it. The queue it came from hears too, as its own page would tell it: a celebration counts as
    congratulated, a promise as kept, and a check-in, revived tie or follow-up is logged as contact (unless
    contact with them was logged since the plan was made, so it is not logged twice)."""
    if step.status == Step.Status.DONE:
        return step
    person = Person.objects.filter(owner_id=step.owner_id, pk=step.person_id).first() if step.person_id else None
    if person is not None:
        _tell_the_queue(step, person, origin)
    return _set(step, Step.Status.DONE)


def _tell_the_queue(step: Step, person: Person, origin: Origin | None) -> None:
    from netweave.nurture import services as nurture
    from netweave.nurture.celebrations import kind_of
    from netweave.nurture.models import FollowUp

    if step.kind == Step.Kind.CONGRATULATE and kind_of(step.key):
        nurture.congratulate(person, step.key)
    elif step.kind == Step.Kind.FOLLOW_UP and step.key.startswith("followup:"):
        promise = FollowUp.objects.filter(owner_id=step.owner_id, pk=int(step.key.split(":")[1])).first()
        if promise is not None:
            nurture.finish_follow_up(promise)
    elif step.kind in DONE_SUMMARY:
        plan_made = step.plan.created_at
        if person.last_contact_at is None or person.last_contact_at < plan_made:
            nurture.mark_done(person, summary=DONE_SUMMARY[step.kind], source="steps", origin=origin)


@transaction.atomic
def skip(step: Step) -> Step:
    """Not this week: the step stays in the plan as skipped, and is not offered again for a few weeks."""
    return _set(step, Step.Status.SKIPPED)


@transaction.atomic
def reopen(step: Step) -> Step:
    """Back to do: undoes the mark, not what marking it done told its queue (a logged contact stays)."""
    return _set(step, Step.Status.OPEN)


@transaction.atomic
def update_settings(owner, *, per_week=None) -> StepSettings:
    """How many steps a week (1 to 10). Raising it tops up this week's plan at once; lowering it leaves this
    week's plan as it is and applies from next week."""
    settings, _ = StepSettings.objects.get_or_create(owner=owner, defaults={"per_week": DEFAULT_PER_WEEK})
    if per_week is not None:
        if isinstance(per_week, bool) or not isinstance(per_week, int):
            raise Invalid({"per_week": "must be a whole number"})
        if not 1 <= per_week <= MAX_PER_WEEK:
            raise Invalid({"per_week": f"must be between 1 and {MAX_PER_WEEK}"})
        settings.per_week = per_week
        settings.save(update_fields=["per_week"])
        week = this_week(owner)
        plan = WeekPlan.objects.filter(owner=owner, week=week.start).first()
        if plan is not None:
            _fill(plan, week, per_week)
    return settings
