"""/api/v1/events: events, their goals and people, the plan (whom to meet and why), the capture of whom I met,
and calendar imports. Thin routes over events.services, capturing, planning and queries, scoped to the acting
user: another user's event is a 404.

No `from __future__ import annotations`: ninja reads parameter types from the annotations.
"""

from django.db import transaction
from django.http import Http404
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile

from netweave.api_support import MAX_ID, PageParams, origin_for, owned, page
from netweave.core.errors import Invalid
from netweave.events import queries, services
from netweave.events.capturing import save_capture
from netweave.events.models import Event, EventGoal, EventPerson
from netweave.events.planning import plan, progress
from netweave.events.resolving import CapturePlan, plan_capture
from netweave.events.schemas import (
    CaptureIn, CaptureOut, EventDetail, EventFilters, EventIn, EventOut, EventPage, EventPatch, EventPersonIn,
    EventPersonOut, EventPersonPatch, EventGoalIn, EventGoalOut, EventGoalPatch, EventImportOut, EventPlanOut,
)
from netweave.importers.base import MAX_TEXT_BYTES
from netweave.people.models import Person

router = Router(tags=["events"])


def _ref(person) -> dict:
    return {"id": person.pk, "display_name": person.display_name}


def _goals(event: Event) -> list[dict]:
    return [{"id": g.goal.pk, "text": g.goal.text, "target": g.target, "topic": g.goal.topic, "done": g.done,
             "met": [{"id": pid, "display_name": name} for pid, name in g.met]} for g in progress(event)]


def _link(link: EventPerson) -> dict:
    return {"person": _ref(link.person), "status": link.status, "why": link.why, "note": link.note}


def _detail(event: Event) -> dict:
    links = event.people.select_related("person").order_by("person__display_name", "person_id")
    return {**{f: getattr(event, f) for f in EventOut.model_fields}, "goals": _goals(event),
            "people": [_link(link) for link in links], "guests": event.guests}


def _event(request, event_id: int) -> Event:
    return owned(Event, request.auth, event_id)


def _link_of(request, event: Event, person_id: int) -> EventPerson:
    """The event's link to this person, or 404: someone not on the plan is as absent as a missing event."""
    links = EventPerson.objects.filter(event=event, owner=request.auth).select_related("person")
    found = links.filter(person_id=person_id).first() if 0 < person_id <= MAX_ID else None
    if found is None:
        raise Http404(f"person {person_id} is not on this event's plan")
    return found


@router.get("", response=EventPage, summary="List events")
def list_events(request, filters: Query[EventFilters], paging: Query[PageParams]):
    if filters.when not in queries.WHEN:
        raise Invalid({"when": "must be upcoming, past or empty"})
    return page(queries.events(request.auth, filters.when), paging)


@router.post("", response={201: EventDetail}, summary="Plan an event")
def create_event(request, payload: EventIn):
    event = services.create_event(request.auth, payload.model_dump(), origin=origin_for(request))
    return Status(201, _detail(event))


@router.post("/import", response={201: EventImportOut}, summary="Import events from a calendar file (.ics)")
def import_events(request, file: File[UploadedFile]):
    """Every VEVENT, past or upcoming, becomes an event (importing the file again updates them); attendees who
    are my people by email are expected there. A broken file is a 422 naming the line, and nothing is written."""
    if file.size > MAX_TEXT_BYTES:
        raise Invalid({"file": "is too large; import it with `netweave events import` instead"})
    result = services.import_calendar(request.auth, data=file.read(), origin=origin_for(request))
    return Status(201, {"created": [e.pk for e in result.created], "updated": [e.pk for e in result.updated],
                        "expected": result.expected,
                        "skipped": [{"where": w, "why": y} for w, y in result.skipped],
                        "notes": [{"where": w, "why": y} for w, y in result.notes]})


@router.get("/{event_id}", response=EventDetail, summary="Read an event with its goals and people")
def read_event(request, event_id: int):
    return _detail(_event(request, event_id))


@router.patch("/{event_id}", response=EventDetail, summary="Change an event")
def update_event(request, event_id: int, payload: EventPatch):
    event = _event(request, event_id)
    data = payload.model_dump(exclude_unset=True)
    for key in ("name", "starts_at", "location", "url", "description"):
        if key in data and data[key] is None:
            raise Invalid({key: "cannot be null"})
    return _detail(services.update_event(event, data))


@router.delete("/{event_id}", response={204: None}, summary="Delete an event (the people met and the interaction stay)")
def delete_event(request, event_id: int):
    services.delete_event(_event(request, event_id))
    return Status(204, None)


@router.get("/{event_id}/plan", response=EventPlanOut, summary="Whom to meet and why, and how the goals stand")
def read_plan(request, event_id: int):
    found = plan(_event(request, event_id))
    return {"goals": _goals(found.event), "suggestions": [
        {"person": {"id": s.person_id, "display_name": s.display_name}, "organisation": s.organisation,
         "title": s.title, "status": s.status, "score": s.score, "reason": s.reason} for s in found.suggestions]}


@router.post("/{event_id}/goals", response={201: EventGoalOut}, summary="Add a goal")
def add_goal(request, event_id: int, payload: EventGoalIn):
    event = _event(request, event_id)
    goal = services.add_goal(event, payload.text, target=payload.target, topic=payload.topic)
    return Status(201, next(g for g in _goals(event) if g["id"] == goal.pk))


@router.patch("/{event_id}/goals/{goal_id}", response=EventGoalOut, summary="Change a goal")
def update_goal(request, event_id: int, goal_id: int, payload: EventGoalPatch):
    event = _event(request, event_id)
    goal = owned(EventGoal.objects.filter(event=event), request.auth, goal_id)
    services.update_goal(goal, **payload.model_dump(exclude_unset=True))
    return next(g for g in _goals(event) if g["id"] == goal.pk)


@router.delete("/{event_id}/goals/{goal_id}", response={204: None}, summary="Remove a goal")
def delete_goal(request, event_id: int, goal_id: int):
    event = _event(request, event_id)
    services.delete_goal(owned(EventGoal.objects.filter(event=event), request.auth, goal_id))
    return Status(204, None)


@router.post("/{event_id}/people", response={201: EventPersonOut}, summary="Say someone will be there")
def add_person(request, event_id: int, payload: EventPersonIn):
    """Expected there, or want_to_meet there; people are met by capturing the event."""
    event = _event(request, event_id)
    person = Person.objects.filter(owner=request.auth, pk=payload.person).first()
    if person is None:
        raise Invalid({"person": f"no person with id {payload.person}"})
    link = services.set_person(event, person, status=payload.status, note=payload.note, why=payload.why)
    return Status(201, _link(link))


@router.patch("/{event_id}/people/{person_id}", response=EventPersonOut,
              summary="Change someone's place on the plan, or the note on someone met there")
def update_person(request, event_id: int, person_id: int, payload: EventPersonPatch):
    event = _event(request, event_id)
    link = _link_of(request, event, person_id)
    data = payload.model_dump(exclude_unset=True)
    link = services.set_person(event, link.person, status=data.get("status"), note=data.get("note"),
                               why=data.get("why"))
    return _link(link)


@router.delete("/{event_id}/people/{person_id}", response={204: None}, summary="Take someone off the plan")
def remove_person(request, event_id: int, person_id: int):
    event = _event(request, event_id)
    services.remove_person(event, _link_of(request, event, person_id).person)
    return Status(204, None)


@router.post("/{event_id}/capture", response=CaptureOut, summary="Capture whom I met (or preview it)")
@transaction.atomic
def capture(request, event_id: int, payload: CaptureIn):
    """One person a line: "Ana Lima, CTO at Acme — works on grid batteries; send her the deck by Friday", a line
    starting with + for someone met together with the line above. With `preview` nothing is saved. Saving a
    line that needs a choice (a name several people have, or one close to someone's) or cannot be read is a
    422 naming it ("lines[2]"); choose with `choices` ({"ana lima": 12} or {"ana lima": "new"})."""
    event = _event(request, event_id)
    choices = {k: str(v) for k, v in payload.choices.items()}
    if payload.preview:
        return _capture_out(plan_capture(event, payload.joined(), choices), saved=False)
    result = save_capture(event, payload.joined(), choices=choices, origin=origin_for(request))
    return {**_capture_out(result.plan, saved=True), "interaction_id": result.interaction.pk if result.interaction else None,
            "created": [_ref(p) for p in result.created], "met": [_ref(p) for p in result.met],
            "follow_up_ids": [f.pk for f in result.follow_ups], "tie_ids": [t.pk for t in result.ties]}


def _capture_out(found: CapturePlan, *, saved: bool) -> dict:
    lines = []
    for item in found.lines:
        lines.append({
            "line": item.line.number, "text": item.line.text, "action": item.action, "name": item.line.name,
            "person": _ref(item.person) if item.person else None, "message": item.message, "remarks": item.remarks,
            "candidates": [{"id": c.pk, "display_name": c.display_name,
                            "organisation": c.current_organisation.name if c.current_organisation_id else None}
                           for c in item.candidates],
            "follow_ups": [{"text": text, "due": due} for text, due in item.follow_ups],
        })
    return {"saved": saved, "ready": found.ready, "lines": lines,
            "ties": [[found.lines[a].line.number, found.lines[b].line.number] for a, b in found.ties]}
