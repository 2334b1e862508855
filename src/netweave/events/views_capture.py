"""The capture page: after an event, whom I met, a line each, previewed and saved in one step."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from netweave.core import clock
from netweave.core.errors import Invalid
from netweave.events.capturing import save_capture
from netweave.events.forms import CaptureForm
from netweave.events.models import Event
from netweave.events.queries import people_by_status
from netweave.events.resolving import NEW, CapturePlan, plan_capture
from netweave.people.services import new_origin

CHOOSE = "choose:"
LINE_KEY = re.compile(r"lines\[(\d+)\]")


def _unshown(errors: dict[str, str], preview: CapturePlan) -> list[str]:
    """The save's errors that the preview does not already show on its line (one found only while saving,
    such as an address already taken), each naming its line so the user knows where to look."""
    shown = preview.problems
    out = []
    for key, why in errors.items():
        if key in shown:
            continue
        found = LINE_KEY.match(key)
        if found is None:
            out.append(why)
            continue
        number = int(found.group(1)) + 1
        rest = key[found.end():].lstrip(".").replace("_", " ")
        out.append(f"Line {number}: {rest + ': ' if rest else ''}{why}")
    return out


@login_required
def capture(request, pk: int):
    """GET: the box. POST with action=preview: what saving would do, with a choice for each unclear name.
    POST with action=save: save it (or show the preview when a name still needs a choice)."""
    event = get_object_or_404(Event, pk=pk, owner=request.user)
    form = CaptureForm(request.POST or None)
    choices = {k[len(CHOOSE):]: v for k, v in request.POST.items() if k.startswith(CHOOSE)}
    preview = None
    status = 200
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["lines"]
        failed: dict[str, str] = {}
        if request.POST.get("action") == "save":
            try:
                result = save_capture(event, text, choices=choices,
                                      origin=new_origin(request.user, "web", f"capture: {event.name}"))
            except Invalid as exc:
                failed = exc.errors
                status = 422
            else:
                messages.success(request, result.summary())
                return redirect("events:detail", pk=event.pk)
        preview = plan_capture(event, text, choices)
        for why in _unshown(failed, preview):
            form.add_error(None, why)
    elif request.method == "POST":
        status = 422
    chosen_elsewhere = {}
    if preview is not None:
        asked = {p.choice_key for p in preview.lines if p.action == "choose"}
        chosen_elsewhere = {k: v for k, v in choices.items() if k not in asked}
    return render(request, "events/capture.html", {
        "event": event, "form": form, "preview": preview, "choices": choices, "carried": chosen_elsewhere,
        "new": NEW, "started": event.starts_at <= clock.now(),
        "expected": [link.person for status_links in people_by_status(event).values() for link in status_links
                     if link.status != "met"],
    }, status=status)

