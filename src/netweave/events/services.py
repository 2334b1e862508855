"""Every change to events: the event itself, its goals, who will be there, and calendar imports. The web app,
the API and the CLI all call these; capturing whom I met is in `capturing.py`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from netweave.core.errors import Ambiguous, Invalid, NotFound
from netweave.core.ids import parse_id
from netweave.core.models import Origin
from netweave.events.icsevents import read_calendar, read_calendar_bytes
from netweave.events.models import Event, EventGoal, EventPerson
from netweave.events.planning import MAX_TARGET, goal_fields, reason_for
from netweave.importers.records import Rejected
from netweave.people.models import Email, Person
from netweave.people.normalize import clean_text, email_key

EVENT_FIELDS = ("name", "starts_at", "ends_at", "location", "url", "description")
LIMITS = {"name": 200, "location": 300, "url": 1000, "description": 20_000}
PLANNED = (EventPerson.Status.EXPECTED, EventPerson.Status.WANT)


def clean_event(data: dict, *, partial: bool, current: Event | None = None) -> dict:
    """The event fields of `data`, cleaned; Invalid names each refused field (and any unknown one)."""
    errors = {key: "unknown field" for key in sorted(set(data) - set(EVENT_FIELDS))}
    out: dict = {}
    for key in ("name", "location", "url", "description"):
        if key in data or (key == "name" and not partial):
            raw = data.get(key)
            if raw is not None and not isinstance(raw, str):
                errors[key] = "must be text"
                continue
            value = (raw or "").replace("\x00", "").strip() if key == "description" else clean_text(raw)
            if key == "name" and not value:
                errors[key] = "name the event"
            elif len(value) > LIMITS[key]:
                errors[key] = f"is {len(value)} characters long; at most {LIMITS[key]}"
            else:
                out[key] = value
    for key in ("starts_at", "ends_at"):
        if key in data or (key == "starts_at" and not partial):
            value = data.get(key)
            if value is None and key == "ends_at":
                out[key] = None
            elif not isinstance(value, datetime):
                errors[key] = "must be a date and time"
            elif not 1800 <= value.year <= 2200:
                errors[key] = "must be between the years 1800 and 2200"
            else:
                out[key] = timezone.make_aware(value) if timezone.is_naive(value) else value
    starts = out.get("starts_at", current.starts_at if current else None)
    ends = out.get("ends_at", current.ends_at if current else None)
    if starts and ends and ends < starts and "starts_at" not in errors and "ends_at" not in errors:
        errors["ends_at"] = "ends before it starts"
    if errors:
        raise Invalid(errors)
    return out


@transaction.atomic
def create_event(owner, data: dict, *, origin: Origin | None = None) -> Event:
    """Plan an event: a name and when it starts, optionally when it ends, where, a link and a description."""
    cleaned = clean_event(data, partial=False)
    return Event.objects.create(owner=owner, origin=origin, **cleaned)


@transaction.atomic
def update_event(event: Event, data: dict) -> Event:
    """Change the fields given. The interaction a capture made follows the new name and start."""
    cleaned = clean_event(data, partial=True, current=event)
    for key, value in cleaned.items():
        setattr(event, key, value)
    event.save()
    _follow(event)
    return event


def _follow(event: Event) -> None:
    """The interaction a capture made follows its event's name and start, so the timeline says what happened."""
    interaction = event.interaction
    if interaction is not None and (interaction.summary, interaction.occurred_at) != (event.name, event.starts_at):
        from netweave.interactions.services import update_interaction

        update_interaction(interaction, summary=event.name, occurred_at=event.starts_at)


@transaction.atomic
def delete_event(event: Event) -> None:
    """Delete the event and its plan; the people met and the interaction with them stay."""
    event.delete()


# ---- goals ---------------------------------------------------------------------------------------------------

def _clean_goal(text, target, topic) -> dict:
    errors, out = {}, {}
    if text is not None:
        text = clean_text(text if isinstance(text, str) else "")
        if not text:
            errors["text"] = "say what you want from the event, e.g. “meet three people working on climate”"
        elif len(text) > 300:
            errors["text"] = f"is {len(text)} characters long; at most 300"
        else:
            out["text"] = text
    if target is not None:
        if isinstance(target, bool) or not isinstance(target, int) or not 1 <= target <= MAX_TARGET:
            errors["target"] = f"must be a whole number from 1 to {MAX_TARGET}"
        else:
            out["target"] = target
    if topic is not None:
        topic = clean_text(topic if isinstance(topic, str) else "")
        if len(topic) > 300:
            errors["topic"] = f"is {len(topic)} characters long; at most 300"
        else:
            out["topic"] = topic
    if errors:
        raise Invalid(errors)
    return out


@transaction.atomic
def add_goal(event: Event, text: str, *, target: int | None = None, topic: str | None = None) -> EventGoal:
    """A goal for the event. How many people and the topic words come from its text unless given."""
    cleaned = _clean_goal(text if text is not None else "", target, topic)
    guessed_target, guessed_topic = goal_fields(cleaned["text"])
    return EventGoal.objects.create(owner_id=event.owner_id, event=event, text=cleaned["text"],
                                    target=cleaned.get("target", guessed_target),
                                    topic=cleaned.get("topic", guessed_topic))


@transaction.atomic
def update_goal(goal: EventGoal, *, text: str | None = None, target: int | None = None,
                topic: str | None = None) -> EventGoal:
    cleaned = _clean_goal(text, target, topic)
    for key, value in cleaned.items():
        setattr(goal, key, value)
    goal.save()
    return goal


@transaction.atomic
def delete_goal(goal: EventGoal) -> None:
    goal.delete()


# ---- who will be there ---------------------------------------------------------------------------------------

@transaction.atomic
def set_person(event: Event, person: Person, *, status: str | None = None, note: str | None = None,
               why: str | None = None) -> EventPerson:
    """Say someone will be there ("expected", the default) or that I want to meet them there ("want_to_meet"),
    with why (worked out from my goals and asks unless given), or change the note on someone already there
    (status None keeps theirs). Met is for the capture to say."""
    if person.owner_id != event.owner_id:
        raise Invalid({"person": "no such person"})
    if status is not None and status not in PLANNED:
        raise Invalid({"status": "must be expected or want_to_meet; people are met by capturing the event"})
    link = EventPerson.objects.filter(event=event, person=person).first()
    if link is not None and link.status == EventPerson.Status.MET and status is not None:
        raise Invalid({"status": f"you met {person.display_name} there already"})
    if link is None:
        link = EventPerson(owner_id=event.owner_id, event=event, person=person, status=EventPerson.Status.EXPECTED)
    if status is not None:
        link.status = status
    if note is not None:
        link.note = note.replace("\x00", "").strip()
    if why is not None:
        link.why = clean_text(why)[:500]
    elif link.status == EventPerson.Status.WANT and not link.why:
        link.why = reason_for(event, person)
    link.save()
    return link


@transaction.atomic
def remove_person(event: Event, person: Person) -> bool:
    """Take someone off the event's plan; someone met there stays (the capture says so). Whether there was one."""
    link = EventPerson.objects.filter(event=event, person=person).first()
    if link is None:
        return False
    if link.status == EventPerson.Status.MET:
        raise Invalid({"person": f"you met {person.display_name} there; edit the event's interaction instead"})
    link.delete()
    return True


def resolve_event(owner, text: str) -> Event:
    """An event by id or name ("PyCon 2026", "pycon"): exact name first, then a part of it, newest first.
    Raises NotFound for none, Ambiguous for several equally good."""
    text = clean_text(str(text or ""))
    pk = parse_id(text.lstrip("#"))
    if pk is not None:
        found = Event.objects.filter(owner=owner, pk=pk).first()
        if found:
            return found
    mine = Event.objects.filter(owner=owner)
    for qs in (mine.filter(name__iexact=text), mine.filter(name__icontains=text)):
        found = list(qs.order_by("-starts_at", "-id")[:6])
        if len(found) == 1:
            return found[0]
        if found:
            raise Ambiguous(text, found[:5])
    raise NotFound(f"no event called {text!r}")


# ---- calendar files ------------------------------------------------------------------------------------------

@dataclass
class CalendarImport:
    created: list[Event] = field(default_factory=list)
    updated: list[Event] = field(default_factory=list)
    expected: int = 0  # people of mine newly expected at an imported event
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)


def import_calendar(owner, *, path: Path | None = None, data: bytes | None = None, me: list[str] | None = None,
                    origin: Origin | None = None) -> CalendarImport:
    """The events of a calendar file (a path, or an upload's bytes), written in one transaction. Importing the
    file again updates the same events; people I added or met there stay. Attendees who are my people (by
    email) are expected there; the others are kept as the event's guests. A file that cannot be read is
    refused whole, naming the line: Invalid({"file": "line 12: ..."})."""
    mine = me if me is not None else [owner.email] if owner.email else []
    try:
        read = read_calendar(path, me=mine) if path is not None else read_calendar_bytes(data or b"", me=mine)
    except Rejected as exc:
        where = f"{exc.where}: " if exc.where else ""
        raise Invalid({"file": f"{where}{exc.why}"}) from exc
    result = CalendarImport(skipped=list(read.skipped), notes=list(read.notes))
    with transaction.atomic():
        for item in read.events:
            event = Event.objects.filter(owner=owner, source="ics", external_id=item.key).first()
            fields = {"name": item.name, "starts_at": item.starts_at, "ends_at": item.ends_at,
                      "location": item.location, "url": item.url, "description": item.description}
            if item.ends_at is not None and item.ends_at < item.starts_at:
                fields["ends_at"] = None
            if event is None:
                event = Event(owner=owner, source="ics", external_id=item.key, origin=origin)
                result.created.append(event)
            else:
                result.updated.append(event)
            for key, value in fields.items():
                setattr(event, key, value)
            people = _people_by_email(owner, [a.email for a in item.attendees if a.email])
            event.guests = [{"name": a.name, "email": a.email} for a in item.attendees
                            if not (a.email and email_key(a.email) in people)][:500]
            event.save()
            _follow(event)
            for person in dict.fromkeys(people.values()):
                _, made = EventPerson.objects.get_or_create(
                    owner=owner, event=event, person=person, defaults={"status": EventPerson.Status.EXPECTED})
                result.expected += made
    return result


def _people_by_email(owner, addresses: list[str]) -> dict[str, Person]:
    """My people by each address's key; an address two people share names neither (it would be a guess)."""
    keys = {email_key(a) for a in addresses}
    rows = (Email.objects.filter(owner=owner, key__in=keys, person__archived=False)
            .select_related("person").order_by("id"))
    found: dict[str, list[Person]] = {}
    for row in rows:
        people = found.setdefault(row.key, [])
        if row.person not in people:
            people.append(row.person)
    return {key: people[0] for key, people in found.items() if len(people) == 1}

