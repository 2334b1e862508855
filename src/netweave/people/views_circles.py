"""The circles page: the user's own list of circles, with how many people each holds."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from netweave.core.errors import Invalid
from netweave.core.ids import parse_id
from netweave.people import circles as service
from netweave.people.models import Circle


@login_required
def circle_list(request):
    error = ""
    if request.method == "POST":
        try:
            circle = service.add_circle(request.user, request.POST.get("name", ""))
            messages.success(request, f"Added the circle {circle.name}.")
            return redirect("people:circles")
        except Invalid as exc:
            error = "; ".join(exc.errors.values())
    return render(request, "people/circles.html", {
        "circles": service.circles_with_counts(request.user), "error": error, "typed": request.POST.get("name", ""),
    })


@login_required
@require_POST
def circle_change(request, pk: int):
    circle = get_object_or_404(Circle, pk=pk, owner=request.user)
    position = request.POST.get("position", "")
    try:
        service.change_circle(circle, name=request.POST.get("name"),
                              position=0 if position.strip() == "0" else parse_id(position) or circle.position)
        messages.success(request, f"Saved the circle {circle.name}.")
    except Invalid as exc:
        messages.error(request, "; ".join(exc.errors.values()))
    return redirect("people:circles")


@login_required
@require_POST
def circle_remove(request, pk: int):
    circle = get_object_or_404(Circle, pk=pk, owner=request.user)
    moved = service.remove_circle(circle)
    messages.success(request, f"Removed the circle {circle.name}; {moved} people are now in no circle.")
    return redirect("people:circles")
