"""A preparation brief for one person: who they are, how we met, how strong the tie is, what we last talked
about, what they need and offer, our common ground, what happened in their life since we last spoke, the
give-and-take balance, and a few thoughtful questions drawn from all that (`coach.questions`).

Shaped for 30,000 people and a million interactions: every part is a bounded query on an index (the last few
participations, the person's own roles, milestones and ties), about twenty queries in all, whoever the person is.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.core.exceptions import ObjectDoesNotExist

from netweave.core import clock
from netweave.core.ids import parse_id
from netweave.interactions.models import Participation
from netweave.people.models import Person

TALKS_SHOWN = 3  # the last few interactions: enough to pick up the thread, never the whole timeline
EXCERPT_CHARS = 160
NEEDS_SHOWN = 5
OTHERS_SHOWN = 4


@dataclass
class Talk:
    """One interaction with them, past (what we talked about) or planned (what we are preparing for)."""

    id: int
    kind: str
    occurred_at: datetime
    day: date
    summary: str
    excerpt: str = ""
    others: list[str] = field(default_factory=list)  # the first few others who took part, by name
    others_more: int = 0  # and how many more


@dataclass
class NeedItem:
    """An open ask or offer of theirs."""

    id: int
    kind: str
    kind_label: str
    topic: str
    details: str
    day: date
    expires_on: date | None = None


@dataclass
class Mutual:
    id: int
    display_name: str
    tie: str


@dataclass
class OrgThen:
    name: str
    title: str
    start: date | None
    end: date | None


@dataclass
class Shared:
    """A place or a group of theirs, and how many of my other people share it (with the ones I see most)."""

    name: str
    kind: str  # "place", "school", "association", "community"
    title: str = ""
    others: int = 0
    examples: list[Mutual] = field(default_factory=list)
    organisation_id: int | None = None


@dataclass
class Common:
    interests: list[str] = field(default_factory=list)
    expertise: list[str] = field(default_factory=list)
    mutual: list[Mutual] = field(default_factory=list)
    organisations: list[OrgThen] = field(default_factory=list)
    places: list[Shared] = field(default_factory=list)
    groups: list[Shared] = field(default_factory=list)


@dataclass
class Happening:
    """Something in their life since we last spoke: a milestone, a new role, a birthday, a newly noted tie."""

    kind: str  # "milestone", "new_job", "promotion", "joined", "left", "birthday", "tie"
    day: date
    text: str
    source: str  # what a question drawing on it names, unique within the brief: "milestone:12"
    detail: dict = field(default_factory=dict)


@dataclass
class Since:
    day: date | None  # the last contact (or, without one, the day they were added)
    label: str  # "since you last spoke on 2026-03-04"
    items: list[Happening] = field(default_factory=list)


@dataclass
class Question:
    text: str
    draws_on: str
    kind: str
    source: str
    day: date | None = None


@dataclass
class Brief:
    person_id: int
    display_name: str
    today: date
    pronouns: str = ""
    title: str = ""
    organisation: str = ""
    organisation_id: int | None = None
    location: str = ""
    circle: str = ""
    tags: list[str] = field(default_factory=list)
    archived: bool = False
    met_how: str = ""
    met_at: Talk | None = None
    introduced_by: Mutual | None = None
    strength: int | None = None
    strength_words: str = ""
    last_contact_at: datetime | None = None
    days_since_contact: int | None = None
    next_plan: Talk | None = None
    talks: list[Talk] = field(default_factory=list)
    asks: list[NeedItem] = field(default_factory=list)
    offers: list[NeedItem] = field(default_factory=list)
    common: Common = field(default_factory=Common)
    since: Since | None = None
    balance: str = ""
    gave: int = 0
    received: int = 0
    unknown: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    why: str = ""  # in an event brief: why meet them, from the event's plan

    def as_dict(self) -> dict:
        return asdict(self)


class Here:
    """The owner's calendar: today and their time zone, read once per brief (or once per event brief)."""

    def __init__(self, owner):
        from netweave.nurture.today import settings_for, zone_for

        self.zone: ZoneInfo = zone_for(settings_for(owner))
        self.now = clock.now()
        self.today: date = self.now.astimezone(self.zone).date()

    def day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()

    def start(self, day: date) -> datetime:
        return datetime.combine(day, time.min, tzinfo=self.zone)


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a note, cut at a word, on one line."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:.—-")
    return f"{cut}…"


def brief_people(owner):
    """The owner's people with what a brief reads of each in one query (and their tags in one more)."""
    return (Person.objects.filter(owner=owner)
            .select_related("current_organisation", "circle", "introduced_by", "met_at_event", "strength")
            .prefetch_related("tags"))


def person_for_brief(owner, pk: int) -> Person:
    """One of the owner's people, ready for `gather`; Person.DoesNotExist if there is none."""
    if parse_id(pk) is None:
        raise Person.DoesNotExist("no such person")
    return brief_people(owner).get(pk=pk)


def gather(owner, person: Person, *, here: Here | None = None, occasion: str = "", batch=None) -> Brief:
    """Everything worth knowing before meeting `person`, and three to five questions to ask.

    `occasion` names the event the brief is for ("PyCon 2026"), so opening questions can mention it. `batch`
    is what `ground.prepare` read for many people at once (an event brief); without it, it is read for one."""
    from netweave.coach.ground import common_ground_for, prepare
    from netweave.coach.life import since_last_spoke
    from netweave.coach.questions import choose

    here = here or Here(owner)
    batch = batch or prepare(owner, [person])
    brief = _who(person, here)
    _talks(person, here, brief)
    _needs(owner, person, here, brief)
    roles = list(person.affiliations.select_related("organisation").order_by("-start", "-id"))
    brief.common = common_ground_for(owner, person, roles, batch)
    brief.since = since_last_spoke(owner, person, roles, here)
    found = batch.balances[person.pk]
    brief.balance, brief.gave, brief.received = found.words, found.gave, found.received
    brief.unknown = _unknown(brief, roles)
    brief.questions = choose(brief, occasion=occasion)
    return brief


def _who(person: Person, here: Here) -> Brief:
    tags = person.tags_by_kind()
    brief = Brief(person_id=person.pk, display_name=person.display_name, today=here.today, pronouns=person.pronouns,
                  title=person.current_title, location=person.location, archived=person.archived,
                  tags=tags["tag"], met_how=person.met_how, last_contact_at=person.last_contact_at)
    if person.current_organisation_id:
        brief.organisation = person.current_organisation.name
        brief.organisation_id = person.current_organisation_id
    if person.circle_id:
        brief.circle = person.circle.name
    if person.met_at_event_id:
        event = person.met_at_event
        brief.met_at = Talk(event.pk, event.kind, event.occurred_at, here.day(event.occurred_at), event.summary)
    if person.introduced_by_id:
        brief.introduced_by = Mutual(person.introduced_by_id, person.introduced_by.display_name, "introduced us")
    try:
        strength = person.strength
    except ObjectDoesNotExist:
        strength = None
    if strength is not None:
        brief.strength, brief.strength_words = strength.score, strength.explanation
    if person.last_contact_at:
        brief.days_since_contact = (here.today - here.day(person.last_contact_at)).days
    return brief


def _talks(person: Person, here: Here, brief: Brief) -> None:
    """The last few past interactions and the next plan, each with whoever else took part (two queries)."""
    parts = (Participation.objects.filter(person=person, occurred_at__lte=here.now)
             .order_by("-occurred_at", "-interaction_id").select_related("interaction")[:TALKS_SHOWN])
    found = [p.interaction for p in parts]
    plan = None
    if person.next_plan_at:
        plan = (Participation.objects.filter(person=person, occurred_at__gt=here.now)
                .order_by("occurred_at", "interaction_id").select_related("interaction").first())
        if plan is not None:
            found.append(plan.interaction)
    others: dict[int, list[str]] = {}
    if found:
        rows = (Participation.objects.filter(interaction_id__in=[i.pk for i in found]).exclude(person=person)
                .order_by("person__display_name").values_list("interaction_id", "person__display_name"))
        for iid, name in rows:
            others.setdefault(iid, []).append(name)
    talks = [Talk(i.pk, i.kind, i.occurred_at, here.day(i.occurred_at), i.summary, excerpt(i.notes),
                  others.get(i.pk, [])[:OTHERS_SHOWN], max(0, len(others.get(i.pk, [])) - OTHERS_SHOWN))
             for i in found]
    if plan is not None:
        brief.next_plan = talks.pop()
    brief.talks = talks


def _needs(owner, person: Person, here: Here, brief: Brief) -> None:
    """Their open asks and offers (Need.is_open, in SQL), newest first."""
    from netweave.givefirst.services import open_asks, open_offers

    for found, target in ((open_asks, brief.asks), (open_offers, brief.offers)):
        for need in found(owner, here.today).filter(person=person).order_by("-created_at", "-id")[:NEEDS_SHOWN]:
            target.append(NeedItem(need.pk, need.kind, need.get_kind_display(), need.topic, excerpt(need.details),
                                   here.day(need.created_at), need.expires_on))


def _unknown(brief: Brief, roles: list) -> list[str]:
    """What the brief cannot say, in words, so a thin brief still tells the user what to find out."""
    missing = []
    if not brief.talks:
        missing.append("no meetings logged" if not brief.next_plan else "no meetings logged before the one planned")
    if not (brief.met_how or brief.met_at or brief.introduced_by):
        missing.append("no notes on how you met")
    if not (brief.organisation or brief.title or roles):
        missing.append("no job or organisation known")
    if not brief.location:
        missing.append("no location known")
    if not (brief.common.interests or brief.common.expertise or brief.tags):
        missing.append("no interests or expertise noted")
    if not brief.common.mutual:
        missing.append("no people in common known")
    return missing


def when_words(day: date, today: date) -> str:
    """"today", "yesterday", "recently" (under a fortnight), "in March", or "in March 2024" once a year has passed."""
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return "recently"
    if days < 330:
        return f"in {day:%B}"
    return f"in {day:%B %Y}"


def long_ago(days: int) -> str:
    """"3 weeks", "5 months", "2 years": how long a silence has lasted, roughly."""
    if days < 60:
        return f"{max(1, days // 7)} weeks"
    if days < 730:
        return f"{days // 30} months"
    return f"{days // 365} years"
