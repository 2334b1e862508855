"""Capturing whom I met at an event, in one step and one transaction.

`save_capture` carries out `resolving.plan_capture` (which is also the preview). For the event it keeps one
interaction (kind "event", at the event's start, summary its name): every person met takes part, and each
line is a line of its notes. New people are created with `met_at_event` pointing at that interaction and
`met_how` saying where and when; people already known keep their records (what a line says about them is in
the notes, the event's note on them, and the preview's remarks). Follow-ups go through
`nurture.services.add_follow_up`. People met together ("+" lines) get a "met at" tie; people merely met at
the same event do not, since a conference of hundreds would tie everyone to everyone.

Capturing again is safe: lines captured before are left alone, a follow-up already noted on the event's
interaction is not noted twice, and nobody is added twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from netweave.core import clock
from netweave.core.errors import Duplicate, Invalid
from netweave.core.models import Origin
from netweave.events.models import CapturedLine, Event, EventPerson
from netweave.events.resolving import CapturePlan, Planned, choice_key, plan_capture
from netweave.interactions.models import Interaction
from netweave.interactions.services import log_interaction, update_interaction
from netweave.nurture.models import FollowUp
from netweave.nurture.services import add_follow_up
from netweave.nurture.today import settings_for, zone_for
from netweave.people.models import Person, Tie
from netweave.people.services import create_person, link_people

SOURCE = "events"


@dataclass
class CaptureResult:
    event: Event
    plan: CapturePlan
    interaction: Interaction | None = None
    created: list[Person] = field(default_factory=list)
    met: list[Person] = field(default_factory=list)  # everyone this capture added, new or known, once each
    follow_ups: list[FollowUp] = field(default_factory=list)
    ties: list[Tie] = field(default_factory=list)

    @property
    def captured_before(self) -> int:
        return self.plan.count("captured")

    def summary(self) -> str:
        """In words: how many people, who is new, follow-ups and ties."""
        if not self.met:
            return "Nothing new: every line was captured before."
        parts = [f"Captured {len(self.met)} {'person' if len(self.met) == 1 else 'people'} at {self.event.name}"]
        if self.created:
            parts.append(f"new: {', '.join(p.display_name for p in self.created)}")
        if self.follow_ups:
            parts.append(f"{len(self.follow_ups)} follow-up{'s' if len(self.follow_ups) != 1 else ''}")
        if self.ties:
            parts.append(f"{len(self.ties)} met-together tie{'s' if len(self.ties) != 1 else ''}")
        if self.captured_before:
            parts.append(f"{self.captured_before} line{'s' if self.captured_before != 1 else ''} captured before")
        return "; ".join(parts) + "."


def save_capture(event: Event, text: str, *, origin: Origin, choices: dict | None = None) -> CaptureResult:
    """Save the capture `text` for `event` (see `capture.py` for how to write it). Raises Invalid naming each
    line that needs a choice or cannot be read ("lines[2]"), and for an event that has not started."""
    with transaction.atomic():
        # One capture of an event at a time (PostgreSQL; SQLite writes one at a time anyway).
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.starts_at > clock.now():
            raise Invalid({"event": f"{event.name} has not started yet; capture whom you met once it has"})
        plan = plan_capture(event, text, choices)
        if not plan.lines:
            raise Invalid({"lines": "write one person a line, such as “Ana Lima, Acme — works on grid batteries”"})
        if plan.problems:
            raise Invalid(plan.problems)
        result = CaptureResult(event, plan, interaction=event.interaction)
        if plan.nothing_new:
            return result
        _save(event, plan, result, origin)
    return result


def _save(event: Event, plan: CapturePlan, result: CaptureResult, origin: Origin) -> None:
    owner = event.owner
    interaction = event.interaction
    if interaction is None:
        interaction = log_interaction(owner, kind=Interaction.Kind.EVENT, occurred_at=event.starts_at,
                                      participants=[], summary=event.name, source=SOURCE,
                                      external_id=f"event/{event.pk}", origin=origin)
        event.interaction = interaction
        event.save(update_fields=["interaction", "updated_at"])
    result.interaction = interaction
    people: dict[int, Person] = {}  # line index -> person
    new: dict[str, Person] = {}
    fresh = []
    for index, item in enumerate(plan.lines):
        if item.action == "captured" and item.person is not None:
            people[index] = item.person
        elif item.action == "existing":
            people[index] = item.person
            fresh.append(index)
        elif item.action == "new":
            key = choice_key(item.line.name)
            if key not in new:
                new[key] = _create(owner, item, event, interaction, origin)
                result.created.append(new[key])
            people[index] = new[key]
            fresh.append(index)
    result.met = list(dict.fromkeys(people[i] for i in fresh))
    update_interaction(interaction, participants=[*interaction.participants.all(), *result.met],
                       notes=_notes(interaction.notes, [plan.lines[i].line.text for i in fresh]))
    for index in fresh:
        item, person = plan.lines[index], people[index]
        for text, due in item.follow_ups:
            if not FollowUp.objects.filter(person=person, interaction=interaction, text=text).exists():
                result.follow_ups.append(add_follow_up(person, text, due=due, interaction=interaction))
        _mark_met(event, person, item.line.about)
        CapturedLine.objects.get_or_create(owner=owner, event=event, key=item.line.key,
                                           defaults={"text": item.line.text, "person": person})
    day = _day(event)
    for a, b in plan.ties:
        first, second = people.get(a), people.get(b)
        if first and second and first.pk != second.pk and (a in fresh or b in fresh):
            result.ties.append(link_people(owner, first, second, Tie.Kind.MET_AT, source=SOURCE,
                                           evidence=f"met together at {event.name} on {day}", origin=origin))


def _create(owner, item: Planned, event: Event, interaction: Interaction, origin: Origin) -> Person:
    line = item.line
    met_how = f"Met at {event.name} on {_day(event)}" + (f" — {line.about}" if line.about else "")
    data = {"display_name": line.name, "met_how": met_how, "met_at_event": interaction.pk}
    if line.organisation:
        data["organisation"] = line.organisation
        if line.title:
            data["title"] = line.title
    if item.email:
        data["emails"] = [item.email]
    try:
        return create_person(owner, data, origin=origin)
    except Invalid as exc:
        raise Invalid({f"{item.field}.{key}": why for key, why in exc.errors.items()}) from exc
    except Duplicate as exc:
        names = ", ".join(str(p) for p in exc.existing)
        raise Invalid({item.field: f"{exc.value} is {names}'s already; write their name instead"}) from exc


def _mark_met(event: Event, person: Person, about: str) -> None:
    link, _ = EventPerson.objects.get_or_create(owner_id=event.owner_id, event=event, person=person)
    link.status = EventPerson.Status.MET
    if about and about not in link.note:
        link.note = f"{link.note}\n{about}".strip()
    link.save()


def _notes(existing: str, lines: list[str]) -> str:
    """The interaction's notes with the new lines added, each once."""
    have = set(existing.splitlines())
    added = [line for line in dict.fromkeys(lines) if line not in have]
    return "\n".join([existing.rstrip(), *added]).strip() if added else existing


def _day(event: Event) -> str:
    """The event's day where its owner lives: an evening in London is the next morning in Auckland."""
    day = event.starts_at.astimezone(zone_for(settings_for(event.owner))).date()
    return f"{day.day} {day:%B %Y}"
