"""The "This week" page: the week's small steps with done, skip and undo, progress over the weeks, and how many
steps a week. Forms work without JavaScript (post, then back to the page); with htmx the buttons answer with
the refreshed list of steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from netweave.core.errors import Invalid
from netweave.givefirst.views_common import why
from netweave.people.services import new_origin
from netweave.steps import services
from netweave.steps.models import Step
from netweave.steps.queries import progress, week_plan
from netweave.steps.services import MAX_PER_WEEK

PROGRESS_WEEKS = 8
VERBS = {"done": "Done", "skip": "Skipped", "reopen": "Back to do"}


@login_required
def week_page(request):
    return render(request, "steps/week.html", {
        "plan": week_plan(request.user), "progress": progress(request.user, PROGRESS_WEEKS),
        "choices": range(1, MAX_PER_WEEK + 1),
    })


@login_required
@require_POST
def step_act(request, pk: int, action: str):
    step = get_object_or_404(Step.objects.select_related("plan"), pk=pk, owner=request.user)
    if action == "done":
        services.complete(step, origin=new_origin(request.user, "web", "this week: done"))
    elif action == "skip":
        services.skip(step)
    else:
        services.reopen(step)
    status = f"{VERBS[action]}: {step.title}."
    if request.htmx:
        return render(request, "steps/_steps.html", {"plan": week_plan(request.user), "status": status})
    messages.success(request, status)
    return redirect("steps:week")


@login_required
@require_POST
def settings_change(request):
    typed = request.POST.get("per_week", "").strip()
    try:
        settings = services.update_settings(request.user, per_week=int(typed) if typed.isascii() and typed.isdigit()
                                            else typed or None)
        messages.success(request, f"Up to {settings.per_week} steps a week.")
    except Invalid as exc:
        messages.error(request, why(exc))
    return redirect("steps:week")
