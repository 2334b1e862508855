"""Briefs for an event: find the occasion ("PyCon"), then brief everyone expected there.

An occasion is an `events.Event` (with the people expected, wanted or met there) when the events app is
installed, or an interaction of kind event or meeting (with its participants). `match` is the one place that
looks them up; everything else reads an `Occasion`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from django.apps import apps

from netweave.coach.brief import Brief, Here, brief_people, gather
from netweave.coach.ground import prepare
from netweave.core.errors import Invalid, NotFound
from netweave.interactions.models import Interaction, Participation

MAX_PEOPLE = 60  # briefed on one page; the rest are counted
MATCHES = 5
PAST_DAYS = 60  # how far back past interactions are looked for (planned events: without limit)
EVENT_KINDS = (Interaction.Kind.EVENT, Interaction.Kind.MEETING)
STATUS_ORDER = {"want_to_meet": 0, "expected": 1, "met": 2}


@dataclass
class Occasion:
    ref: str  # "event-12" (events.Event) or "interaction-34"
    name: str
    starts_at: datetime
    location: str = ""
    goals: list[str] = field(default_factory=list)
    why: dict[int, str] = field(default_factory=dict)  # person id -> why meet them, from the event plan


@dataclass
class EventBrief:
    ref: str
    name: str
    starts_at: datetime
    day: date
    location: str
    goals: list[str]
    briefs: list[Brief]
    more: int = 0  # people there beyond the ones briefed
    also: list[dict] = field(default_factory=list)  # other occasions the text matched: {ref, name, day}

    def as_dict(self) -> dict:
        return asdict(self)


def events_installed() -> bool:
    return apps.is_installed("netweave.events")


def match(owner, text: str, here: Here, limit: int = MATCHES) -> list[Occasion]:
    """Occasions whose name holds `text`, upcoming first (soonest first, today's included), then the past
    (latest first). Planned events come before interactions of the same time, and an event's own interaction
    is left out. Past interactions are looked for only when nothing upcoming matches, and only over the last
    PAST_DAYS: matching words in a million summaries is a scan, and a brief prepares for what is coming."""
    text = " ".join((text or "").split())
    if not text:
        raise Invalid({"event": "say which event, such as PyCon"})
    start = here.start(here.today)
    found: list[Occasion] = []
    captured: set[int] = set()
    if events_installed():
        from netweave.events.models import Event

        events = Event.objects.filter(owner=owner, name__icontains=text)
        for rows in (events.filter(starts_at__gte=start).order_by("starts_at", "id")[:limit],
                     events.filter(starts_at__lt=start).order_by("-starts_at", "-id")[:limit]):
            for event in rows:
                found.append(Occasion(f"event-{event.pk}", event.name, event.starts_at, event.location))
                if event.interaction_id:
                    captured.add(event.interaction_id)
    # Orders that follow the (owner, -occurred_at) index, so the scan stops at the limit.
    mine = Interaction.objects.filter(owner=owner, kind__in=EVENT_KINDS, summary__icontains=text)
    searches = [mine.filter(occurred_at__gte=start).order_by("occurred_at", "-id")]
    if not any(o.starts_at >= start for o in found):
        searches.append(mine.filter(occurred_at__lt=start, occurred_at__gte=start - timedelta(days=PAST_DAYS))
                        .order_by("-occurred_at", "id"))
    for rows in searches:
        found.extend(Occasion(f"interaction-{i.pk}", i.summary, i.occurred_at)
                     for i in rows[:limit] if i.pk not in captured)
        if any(o.starts_at >= start for o in found):
            break
    upcoming = sorted((o for o in found if o.starts_at >= start), key=lambda o: o.starts_at)
    past = sorted((o for o in found if o.starts_at < start), key=lambda o: o.starts_at, reverse=True)
    return (upcoming + past)[:limit]


def parse_ref(ref: str) -> tuple[str, int]:
    kind, _, number = (ref or "").partition("-")
    if kind not in ("event", "interaction") or not number.isascii() or not number.isdigit() or len(number) > 18:
        raise NotFound("no such event")
    return kind, int(number)


def occasion(owner, ref: str) -> Occasion:
    """The occasion a ref names, of this owner's; NotFound otherwise."""
    kind, pk = parse_ref(ref)
    if kind == "event":
        if not events_installed():
            raise NotFound("no such event")
        from netweave.events.models import Event

        event = Event.objects.filter(owner=owner, pk=pk).prefetch_related("goals").first()
        if event is None:
            raise NotFound("no such event")
        return Occasion(ref, event.name, event.starts_at, event.location, [g.text for g in event.goals.all()])
    found = Interaction.objects.filter(owner=owner, pk=pk).first()
    if found is None:
        raise NotFound("no such event")
    return Occasion(ref, found.summary, found.occurred_at)


def people_at(owner, found: Occasion) -> list[int]:
    """Everyone of mine at the occasion, still in my network: for an event, the ones I want to meet first,
    then those expected, then those met; for an interaction, its participants; by name within each."""
    kind, pk = parse_ref(found.ref)
    if kind == "event":
        from netweave.events.models import EventPerson

        rows = (EventPerson.objects.filter(owner=owner, event_id=pk, person__archived=False)
                .values_list("person_id", "status", "why", "person__display_name"))
        ordered = sorted(rows, key=lambda r: (STATUS_ORDER.get(r[1], 3), r[3].lower(), r[0]))
        found.why = {pid: why for pid, _, why, _ in ordered if why}
        return list(dict.fromkeys(pid for pid, *_ in ordered))
    rows = (Participation.objects.filter(owner=owner, interaction_id=pk, person__archived=False)
            .order_by("person__display_name", "person_id").values_list("person_id", flat=True))
    return list(dict.fromkeys(rows))


def event_brief(owner, *, text: str = "", ref: str = "", limit: int = MAX_PEOPLE) -> EventBrief:
    """Briefs for everyone at the occasion `ref` names, or the best one `text` matches (NotFound if none)."""
    here = Here(owner)
    also: list[Occasion] = []
    if ref:
        found = occasion(owner, ref)
    else:
        matches = match(owner, text, here)
        if not matches:
            raise NotFound(f"no event matches {text!r}")
        found = occasion(owner, matches[0].ref)
        also = matches[1:]
    ids = people_at(owner, found)
    shown = ids[:max(0, limit)]
    people = brief_people(owner).in_bulk(shown)
    present = [people[pid] for pid in shown if pid in people]
    batch = prepare(owner, present)
    briefs = [gather(owner, person, here=here, occasion=found.name, batch=batch) for person in present]
    for brief in briefs:
        brief.why = found.why.get(brief.person_id, "")
    return EventBrief(found.ref, found.name, found.starts_at, here.day(found.starts_at), found.location, found.goals,
                      briefs, more=len(ids) - len(shown),
                      also=[{"ref": o.ref, "name": o.name, "day": here.day(o.starts_at)} for o in also])
