"""/api/v1/week: this week's small steps, marking them, progress and the number of steps a week.
(No `from __future__ import annotations`: ninja reads the types.)"""

from ninja import Query, Router

from netweave.api_support import origin_for, owned
from netweave.steps import services
from netweave.steps.models import Step
from netweave.steps.queries import progress, week_plan
from netweave.steps.schemas import (
    WeekOut, WeekProgressOut, WeekProgressParams, WeekSettingsOut, WeekSettingsPatch, WeekStepOut, step_out,
)

router = Router(tags=["small steps"])


def _step(request, step_id: int) -> Step:
    return owned(Step.objects.select_related("plan", "person", "other_person"), request.auth, step_id)


@router.get("/week", response=WeekOut, summary="This week's plan of small steps")
def this_week(request):
    """Made from the other queues the first time it is asked for in a week, then kept as it is."""
    plan = week_plan(request.auth)
    return {**vars(plan), "steps": [step_out(s) for s in plan.steps]}


@router.post("/week/steps/{step_id}/done", response=WeekStepOut, summary="Mark a step done")
def done(request, step_id: int):
    """A celebration counts as congratulated, a promise as kept, a check-in or revived tie as contact."""
    return step_out(services.complete(_step(request, step_id), origin=origin_for(request)))


@router.post("/week/steps/{step_id}/skip", response=WeekStepOut, summary="Skip a step this week")
def skip(request, step_id: int):
    return step_out(services.skip(_step(request, step_id)))


@router.post("/week/steps/{step_id}/reopen", response=WeekStepOut, summary="Put a step back to do")
def reopen(request, step_id: int):
    return step_out(services.reopen(_step(request, step_id)))


@router.get("/week/progress", response=WeekProgressOut, summary="Done and planned steps over the weeks")
def week_progress(request, params: Query[WeekProgressParams]):
    found = progress(request.auth, params.weeks)
    return {"streak": found.streak, "planned": found.planned, "done": found.done,
            "weeks": [vars(w) for w in found.weeks]}


@router.get("/week/settings", response=WeekSettingsOut, summary="How many steps a week")
def read_settings(request):
    return services.settings_for(request.auth)


@router.patch("/week/settings", response=WeekSettingsOut, summary="Change how many steps a week")
def change_settings(request, payload: WeekSettingsPatch):
    return services.update_settings(request.auth, per_week=payload.per_week)
