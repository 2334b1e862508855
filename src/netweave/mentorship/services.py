"""Every change to mentorships, their sessions and the learnings log. The web app, the API and the CLI all call
these."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction

from netweave.core import clock
from netweave.core.changes import proposed
from netweave.core.errors import Invalid
from netweave.core.models import Origin
from netweave.interactions.models import Interaction
from netweave.mentorship.models import Learning, Mentorship, MentorshipSession
from netweave.nurture.today import local_today, settings_for, zone_for
from netweave.people.models import Person
from netweave.people.normalize import clean_text

MAX_GOALS = 5000
MAX_NOTES = 20000
MAX_LEARNING = 5000
MAX_TOPIC = 100
MAX_AHEAD_DAYS = 366  # a session or learning further ahead than this is a typing mistake
SESSION_SUMMARY = "Mentoring session"
MENTORSHIP_FIELDS = ("role", "goals", "started", "ended")
LEARNING_FIELDS = ("text", "person", "day", "topic", "interaction")


def _text(value, field: str, limit: int, errors: dict, *, required: bool = False) -> str:
    """Free text as kept: NULs dropped, ends trimmed, line breaks kept."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors[field] = "must be text"
        return ""
    value = value.replace("\x00", "").strip()
    if required and not value:
        errors[field] = "say in a few words what it is"
    elif len(value) > limit:
        errors[field] = f"is {len(value)} characters long; at most {limit}"
    return value


def _day(value, field: str, errors: dict, *, today: date, optional: bool = False) -> date | None:
    if value is None and optional:
        return None
    if isinstance(value, datetime) or not isinstance(value, date):
        errors[field] = "must be a day, such as 2026-05-01"
        return None
    if value > today + timedelta(days=MAX_AHEAD_DAYS):
        errors[field] = "must be within a year from today"
    return value


def _mine(owner, obj, model, field: str, errors: dict) -> None:
    """An object must be the owner's; another user's is refused like a missing one."""
    if obj is not None and (not isinstance(obj, model) or obj.owner_id != owner.pk):
        errors[field] = f"no such {field}"


# ---- mentorships ---------------------------------------------------------------------------------------------

def _check_mentorship(owner, values: dict, pk: int | None) -> dict:
    errors: dict[str, str] = {}
    today = local_today(owner)
    if values["role"] not in Mentorship.Role.values:
        errors["role"] = f"must be one of {', '.join(Mentorship.Role.values)}"
    values["goals"] = _text(values["goals"], "goals", MAX_GOALS, errors)
    started = _day(values["started"], "started", errors, today=today)
    ended = _day(values["ended"], "ended", errors, today=today, optional=True)
    if started and ended and ended < started:
        errors["ended"] = f"is before it started ({started.isoformat()})"
    person = values["person"]
    if ended is None and "role" not in errors:
        open_one = Mentorship.objects.filter(owner=owner, person=person, role=values["role"], ended__isnull=True)
        if pk is not None:
            open_one = open_one.exclude(pk=pk)
        if open_one.exists():
            label = Mentorship.Role(values["role"]).label
            errors["person"] = f"{person.display_name} is already {label}; end that mentorship first"
    if errors:
        raise Invalid(errors)
    return values


@transaction.atomic
def start_mentorship(owner, person: Person, *, role: str, goals: str = "", started: date | None = None,
                     origin: Origin | None = None) -> Mentorship:
    """Someone becomes my mentor or my mentee, from `started` (default today). One open mentorship per person
    and role: a second is refused until the first has ended."""
    errors: dict[str, str] = {}
    _mine(owner, person, Person, "person", errors)
    if errors:
        raise Invalid(errors)
    values = _check_mentorship(owner, {"person": person, "role": role, "goals": goals,
                                       "started": local_today(owner) if started is None else started,
                                       "ended": None}, None)
    return Mentorship.objects.create(owner=owner, origin=origin, **values)


@transaction.atomic
def update_mentorship(mentorship: Mentorship, **fields) -> Mentorship:
    """Change any of role, goals, started and ended (None reopens it); checked as a whole, like a new one."""
    values = proposed(mentorship, fields, MENTORSHIP_FIELDS)
    values["person"] = mentorship.person
    values = _check_mentorship(mentorship.owner, values, mentorship.pk)
    for name in MENTORSHIP_FIELDS:
        setattr(mentorship, name, values[name])
    mentorship.save(update_fields=list(MENTORSHIP_FIELDS))
    return mentorship


def end_mentorship(mentorship: Mentorship, ended: date | None = None) -> Mentorship:
    """It is over, from `ended` (default today; not before it started)."""
    return update_mentorship(mentorship, ended=local_today(mentorship.owner) if ended is None else ended)


@transaction.atomic
def delete_mentorship(mentorship: Mentorship) -> None:
    """Remove a mentorship and its sessions; meetings logged for them stay in the timeline."""
    mentorship.delete()


# ---- sessions ------------------------------------------------------------------------------------------------

def _occurred_at(owner, day: date) -> datetime:
    """When a session on `day` happened: now if today, else midday that day in the user's zone."""
    settings = settings_for(owner)
    if day == local_today(owner, settings):
        return clock.now()
    return datetime.combine(day, time(12), tzinfo=zone_for(settings))


@transaction.atomic
def log_session(mentorship: Mentorship, *, day: date | None = None, notes: str = "", next_steps: str = "",
                log_interaction: bool = True, origin: Origin | None = None) -> MentorshipSession:
    """Note a session: what we talked about and the next steps (at least one of them). With `log_interaction`
    it is also logged as a meeting with the person, so it counts as contact; a session of an ended mentorship
    may still be noted (a day it was on)."""
    from netweave.interactions.services import log_interaction as log

    owner = mentorship.owner
    errors: dict[str, str] = {}
    day = _day(local_today(owner) if day is None else day, "day", errors, today=local_today(owner))
    notes = _text(notes, "notes", MAX_NOTES, errors)
    next_steps = _text(next_steps, "next_steps", MAX_NOTES, errors)
    if not errors and not notes and not next_steps:
        errors["notes"] = "say what you talked about, or the next steps"
    if errors:
        raise Invalid(errors)
    interaction = None
    if log_interaction:
        first = clean_text((notes or next_steps).splitlines()[0])[:200]
        interaction = log(owner, kind=Interaction.Kind.MEETING, occurred_at=_occurred_at(owner, day),
                          participants=[mentorship.person], summary=f"{SESSION_SUMMARY}: {first}"[:500],
                          source="mentorship", origin=origin)
    return MentorshipSession.objects.create(owner=owner, mentorship=mentorship, day=day, notes=notes,
                                            next_steps=next_steps, interaction=interaction)


@transaction.atomic
def update_session(session: MentorshipSession, *, day: date | None = None, notes: str | None = None,
                   next_steps: str | None = None) -> MentorshipSession:
    """Change a session's day, notes or next steps (the meeting logged for it is left as it is)."""
    errors: dict[str, str] = {}
    if day is not None:
        session.day = _day(day, "day", errors, today=local_today(session.owner))
    if notes is not None:
        session.notes = _text(notes, "notes", MAX_NOTES, errors)
    if next_steps is not None:
        session.next_steps = _text(next_steps, "next_steps", MAX_NOTES, errors)
    if not errors and not session.notes and not session.next_steps:
        errors["notes"] = "say what you talked about, or the next steps"
    if errors:
        raise Invalid(errors)
    session.save(update_fields=["day", "notes", "next_steps"])
    return session


@transaction.atomic
def delete_session(session: MentorshipSession) -> None:
    session.delete()


# ---- learnings -----------------------------------------------------------------------------------------------

def _check_learning(owner, values: dict) -> dict:
    errors: dict[str, str] = {}
    values["text"] = _text(values["text"], "text", MAX_LEARNING, errors, required=True)
    topic = values["topic"] or ""
    if not isinstance(topic, str):
        errors["topic"], topic = "must be text", ""
    values["topic"] = clean_text(topic)
    if len(values["topic"]) > MAX_TOPIC:
        errors["topic"] = f"is {len(values['topic'])} characters long; at most {MAX_TOPIC}"
    values["day"] = _day(values["day"], "day", errors, today=local_today(owner))
    _mine(owner, values["person"], Person, "person", errors)
    interaction = values["interaction"]
    _mine(owner, interaction, Interaction, "interaction", errors)
    if "interaction" not in errors and "person" not in errors and interaction is not None \
            and values["person"] is not None \
            and not interaction.participations.filter(person=values["person"]).exists():
        errors["interaction"] = f"{values['person'].display_name} did not take part in it"
    if errors:
        raise Invalid(errors)
    return values


@transaction.atomic
def record_learning(owner, text: str, *, person: Person | None = None, topic: str = "", day: date | None = None,
                    interaction: Interaction | None = None, origin: Origin | None = None) -> Learning:
    """Note something I learned, from whom (if from someone), on what topic, on a day (default today), and the
    interaction it came from (its day, when no day is given; the person must have taken part in it)."""
    if day is None:
        day = (interaction.occurred_at.astimezone(zone_for(settings_for(owner))).date()
               if isinstance(interaction, Interaction) and interaction.owner_id == owner.pk else local_today(owner))
    values = _check_learning(owner, {"text": text, "person": person, "topic": topic, "day": day,
                                     "interaction": interaction})
    return Learning.objects.create(owner=owner, origin=origin, **values)


@transaction.atomic
def update_learning(learning: Learning, **fields) -> Learning:
    """Change any of text, person (None: from nobody in particular), day, topic and interaction."""
    values = proposed(learning, fields, LEARNING_FIELDS)
    values = _check_learning(learning.owner, values)
    for name in LEARNING_FIELDS:
        setattr(learning, name, values[name])
    learning.save(update_fields=list(LEARNING_FIELDS))
    return learning


@transaction.atomic
def delete_learning(learning: Learning) -> None:
    learning.delete()
