"""The events pages: the list (with a form to plan one and a calendar upload), an event's plan page (goals,
who will be there, whom to meet and why) and its edit form. The capture page is in `views_capture.py`.
Thin views over events.services, planning and queries; every form works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from netweave.core import clock
from netweave.core.errors import Ambiguous, Invalid
from netweave.events import queries, services
from netweave.events.forms import EventForm, GoalForm, ImportForm, PersonForm
from netweave.events.models import Event, EventGoal, EventPerson
from netweave.events.planning import plan
from netweave.importers.base import MAX_TEXT_BYTES
from netweave.people.models import Person
from netweave.people.naming import resolve_token, who_is
from netweave.people.services import new_origin

LISTED = 100


def _why(exc: Invalid) -> str:
    return "; ".join(f"{field.replace('_', ' ')}: {why}" for field, why in exc.errors.items())


def _add_errors(form, exc: Invalid, fields: dict[str, str]) -> None:
    """Put a service's errors on the form's boxes (`fields` maps a service field to a box)."""
    for key, why in exc.errors.items():
        box = fields.get(key, key)
        form.add_error(box if box in form.fields else None, why)


EVENT_BOXES = {"starts_at": "starts", "ends_at": "ends"}
EVENT_BOXES_BACK = {box: name for name, box in EVENT_BOXES.items()}


@login_required
def event_list(request):
    """Upcoming and past events; a form to plan a new one and an upload of a calendar file."""
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(request.user, form.data_for_service(),
                                          origin=new_origin(request.user, "web", "new event"))
        except Invalid as exc:
            _add_errors(form, exc, EVENT_BOXES)
        else:
            messages.success(request, f"Planned {event.name}.")
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/list.html", {
        "form": form, "import_form": ImportForm(),
        "upcoming": queries.events(request.user, "upcoming")[:LISTED],
        "past": queries.events(request.user, "past")[:LISTED],
    }, status=422 if form.errors else 200)


@login_required
def event_detail(request, pk: int):
    """The plan: goals and how far I got, who will be there, whom to meet and why, and the capture's link."""
    event = get_object_or_404(Event, pk=pk, owner=request.user)
    return render(request, "events/detail.html", {
        "event": event, "plan": plan(event), "people": queries.people_by_status(event),
        "goal_form": GoalForm(), "person_form": PersonForm(), "started": event.starts_at <= clock.now(),
    })


@login_required
def event_edit(request, pk: int):
    event = get_object_or_404(Event, pk=pk, owner=request.user)
    times = {"starts": event.starts_at, "ends": event.ends_at}
    initial = {"name": event.name, "location": event.location, "url": event.url, "description": event.description,
               **{box: f"{timezone.localtime(v):%Y-%m-%d %H:%M}" if v else "" for box, v in times.items()}}
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        # Only the boxes the user touched: an untouched time box must not move the event to its whole minute.
        changed = {EVENT_BOXES_BACK.get(box, box) for box in form.changed_data}
        data = {k: v for k, v in form.data_for_service().items() if k in changed}
        try:
            services.update_event(event, data)
        except Invalid as exc:
            _add_errors(form, exc, EVENT_BOXES)
        else:
            messages.success(request, "Saved.")
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/edit.html", {"form": form, "event": event}, status=422 if form.errors else 200)



@login_required
@require_POST
def event_delete(request, pk: int):
    event = get_object_or_404(Event, pk=pk, owner=request.user)
    services.delete_event(event)
    messages.success(request, f"Deleted {event.name}; the people you met there and the interaction stay.")
    return redirect("events:list")


@login_required
@require_POST
def goal_add(request, pk: int):
    event = get_object_or_404(Event, pk=pk, owner=request.user)
    form = GoalForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(e for errors in form.errors.values() for e in errors))
        return redirect("events:detail", pk=event.pk)
    data = form.cleaned_data
    try:
        goal = services.add_goal(event, data["text"], target=data["target"], topic=data["topic"] or None)
    except Invalid as exc:
        messages.error(request, _why(exc))
    else:
        messages.success(request, f"Goal added: {goal.text}.")
    return redirect("events:detail", pk=event.pk)


@login_required
@require_POST
def goal_delete(request, pk: int, goal_pk: int):
    goal = get_object_or_404(EventGoal, pk=goal_pk, event_id=pk, owner=request.user)
    services.delete_goal(goal)
    messages.success(request, f"Goal removed: {goal.text}.")
    return redirect("events:detail", pk=pk)


@login_required
@require_POST
def person_add(request, pk: int):
    """Someone who will be there, or whom I want to meet there: by name, or by id from a suggestion."""
    event = get_object_or_404(Event, pk=pk, owner=request.user)
    form = PersonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say who, and whether they are expected or someone you want to meet.")
        return redirect("events:detail", pk=event.pk)
    data = form.cleaned_data
    if data["person"]:
        person = get_object_or_404(Person, pk=data["person"], owner=request.user)
    elif not data["name"].strip():
        messages.error(request, "Say who: a name, or “Name #id”.")
        return redirect("events:detail", pk=event.pk)
    else:
        try:
            person = resolve_token(request.user, data["name"])
        except Ambiguous as exc:
            messages.error(request, who_is(exc))
            return redirect("events:detail", pk=event.pk)
    try:
        link = services.set_person(event, person, status=data["status"])
    except Invalid as exc:
        messages.error(request, _why(exc))
    else:
        messages.success(request, f"{person.display_name}: {link.get_status_display()}.")
    return redirect("events:detail", pk=event.pk)


@login_required
@require_POST
def person_change(request, pk: int, person_pk: int):
    """Change someone's status on the plan, or take them off it (action=remove)."""
    link = get_object_or_404(EventPerson, event_id=pk, person_id=person_pk, owner=request.user)
    try:
        if request.POST.get("action") == "remove":
            services.remove_person(link.event, link.person)
            messages.success(request, f"{link.person.display_name} is off the plan.")
        else:
            link = services.set_person(link.event, link.person, status=request.POST.get("status", ""))
            messages.success(request, f"{link.person.display_name}: {link.get_status_display()}.")
    except Invalid as exc:
        messages.error(request, _why(exc))
    return redirect("events:detail", pk=pk)


@login_required
@require_POST
def import_upload(request):
    """Events from an uploaded calendar file, in one step; a broken file changes nothing and says where."""
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose a calendar file (.ics) to import.")
        return redirect("events:list")
    upload = form.cleaned_data["file"]
    if upload.size > MAX_TEXT_BYTES:
        messages.error(request, f"{upload.name} is too large; import it with `netweave events import` instead.")
        return redirect("events:list")
    try:
        result = services.import_calendar(request.user, data=upload.read(),
                                          origin=new_origin(request.user, "import", upload.name))
    except Invalid as exc:
        messages.error(request, f"{upload.name} was not imported: {exc.errors['file']}")
        return redirect("events:list")
    said = f"{len(result.created)} new event(s), {len(result.updated)} updated"
    if result.expected:
        said += f", {result.expected} of your people expected"
    if result.skipped:
        said += f"; {len(result.skipped)} left out ({result.skipped[0][1]}{', …' if len(result.skipped) > 1 else ''})"
    messages.success(request, f"Imported {upload.name}: {said}.")
    return redirect("events:list")
