"""Planning an event: what a goal asks for, how far I got with it, and whom to meet and why.

Whom to meet ranks the people expected there or marked "want to meet", and the people of my network who
match a goal's topic (found by `search.queries.who_knows` when the search app is there, and by their titles,
organisations and tags in any case), by:

- a goal's topic in their title, organisation, tags, notes or offers ("works on climate, fintech");
- one of my open asks their profile answers ("you asked for an introduction: climate investors");
- their own open asks and offers ("asks for advice: fundraising", "offers mentoring: product");
- a tie gone quiet: no contact for a year or more and a weak strength ("no contact for 2 years: worth reviving");
- being there: marked "want to meet" counts more than expected; someone who is only a topic match is not known
  to be going, so counts less.

Each suggestion keeps its reasons, shown as one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import F, Q

from netweave.core import clock
from netweave.events.models import Event, EventGoal, EventPerson
from netweave.givefirst import topics
from netweave.givefirst.models import Ask, Offer, Status
from netweave.nurture.today import local_today
from netweave.people.models import Person

try:  # the search app arrives separately; without it the plain match below is the only one
    from netweave.search.queries import who_knows
except ImportError:  # pragma: no cover - depends on which apps are installed
    who_knows = None

QUIET_DAYS = 365  # no contact for this long makes a tie worth reviving
WEAK_STRENGTH = 30  # ... when its strength is below this (or unknown)
TOPIC_PEOPLE = 10  # people of my network per goal, beside those linked to the event
TOPIC_SCAN = 100  # of the people whose text holds a goal's words, the most recently contacted are weighed
SUGGESTIONS = 20

# Weights of the reasons; a goal counts by the share of its words a person matches.
GOAL_WEIGHT = 3.0
MY_ASK_WEIGHT = 2.5
THEIR_NEED_WEIGHT = 1.0
QUIET_WEIGHT = 1.5
PRESENCE = {EventPerson.Status.WANT: 2.0, EventPerson.Status.EXPECTED: 1.0, "": -1.0}

_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "few": 3, "couple": 2}
# Words of a goal that say how, not what about: "meet three people working on climate fintech".
_GOAL_WORDS = frozenset("""
meet meeting people person persons folks someone somebody anyone working work works who talk talking chat speak
connect find least new more other others interesting cool great at in on about from with and or the of to for
""".split())
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
MAX_TARGET = 1000


# ---- goals ---------------------------------------------------------------------------------------------------

def goal_fields(text: str) -> tuple[int, str]:
    """(how many people, topic words) a goal's text names: "meet three people working on climate fintech" →
    (3, "climate fintech"). One person when it names no number; the topic may be empty."""
    target, topic = None, []
    for word in _WORD.findall(text or ""):
        low = word.lower()
        if target is None and (low.isdigit() or low in _NUMBERS):
            number = int(low) if low.isdigit() and len(low) <= 9 else _NUMBERS.get(low)
            if number:
                target = min(number, MAX_TARGET)
                continue
        if low in _GOAL_WORDS or low in topics.STOP_WORDS or low.isdigit() or low in _NUMBERS:
            continue
        topic.append(word)
    return target or 1, " ".join(topic)[:300]


@dataclass
class GoalMatch:
    words: list[str]  # the goal's words found, as the goal writes them
    share: float  # of the goal's words

    @property
    def matches(self) -> bool:
        return self.share >= 0.5


def match_goal(goal: EventGoal, person_terms: frozenset[str]) -> GoalMatch:
    """Which of a goal's topic words (with their synonyms) a person's terms hold; half of them make a match.
    A goal without topic words ("meet five new people") is matched by anyone."""
    groups = topics.query(goal.topic)
    if not groups:
        return GoalMatch([], 1.0)
    found = [g.word for g in groups if g.matches(person_terms)]
    return GoalMatch(found, len(found) / len(groups))


@dataclass
class GoalProgress:
    goal: EventGoal
    met: list[tuple[int, str]]  # (person id, name) of the people met who match it
    target: int

    @property
    def count(self) -> int:
        return len(self.met)

    @property
    def done(self) -> bool:
        return self.count >= self.target


# ---- what a person is about ----------------------------------------------------------------------------------

@dataclass
class Profile:
    person_id: int
    display_name: str
    organisation: str
    title: str
    terms: frozenset[str]
    strength: int | None
    last_contact_at: object  # datetime | None
    asks: list[Ask] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)


def profiles(owner, person_ids, *, notes: dict[int, str] | None = None) -> dict[int, Profile]:
    """What each person is about, as topic terms: title, organisation, tags, my notes on them, their open
    offers, and `notes` (what I wrote at the event)."""
    ids = list(person_ids)
    if not ids:
        return {}
    today = local_today(owner)
    people = (Person.objects.filter(owner=owner, pk__in=ids, archived=False)
              .select_related("current_organisation", "strength").prefetch_related("tags"))
    open_needs = Q(status=Status.OPEN) & (Q(expires_on__isnull=True) | Q(expires_on__gte=today))
    asks: dict[int, list[Ask]] = {}
    for ask in Ask.objects.filter(open_needs, owner=owner, person_id__in=ids).order_by("-created_at"):
        asks.setdefault(ask.person_id, []).append(ask)
    offers: dict[int, list[Offer]] = {}
    for offer in Offer.objects.filter(open_needs, owner=owner, person_id__in=ids).order_by("-created_at"):
        offers.setdefault(offer.person_id, []).append(offer)
    found = {}
    for person in people:
        org = person.current_organisation.name if person.current_organisation_id else ""
        text = " ".join([
            person.current_title, org, *(t.name for t in person.tags.all()), person.notes[:2000],
            *(f"{o.topic} {o.details[:500]}" for o in offers.get(person.pk, [])), (notes or {}).get(person.pk, ""),
        ])
        strength = getattr(person, "strength", None)
        found[person.pk] = Profile(person.pk, person.display_name, org, person.current_title,
                                   topics.term_set(text), strength.score if strength else None,
                                   person.last_contact_at, asks.get(person.pk, []), offers.get(person.pk, []))
    return found


def progress(event: Event) -> list[GoalProgress]:
    """Each goal with the people I met at the event who match it."""
    goals = list(event.goals.all())
    met = {ep.person_id: ep.note for ep in event.people.filter(status=EventPerson.Status.MET)}
    found = profiles(event.owner, met, notes=met)
    out = []
    for goal in goals:
        matching = [(pid, p.display_name) for pid, p in found.items() if match_goal(goal, p.terms).matches]
        out.append(GoalProgress(goal, sorted(matching, key=lambda m: m[1].casefold()), goal.target))
    return out


# ---- whom to meet --------------------------------------------------------------------------------------------

@dataclass
class Suggestion:
    person_id: int
    display_name: str
    organisation: str
    title: str
    status: str  # "expected", "want_to_meet", or "" for someone of my network not known to be going
    score: float
    reasons: list[str]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@dataclass
class Plan:
    event: Event
    goals: list[GoalProgress]
    suggestions: list[Suggestion]


def plan(event: Event, *, limit: int = SUGGESTIONS) -> Plan:
    """Goals with their progress, and whom to meet, best first, each with a one-line reason."""
    owner = event.owner
    goals = list(event.goals.all())
    links = {ep.person_id: ep for ep in event.people.all()}
    met = {pid for pid, ep in links.items() if ep.status == EventPerson.Status.MET}
    candidates = {pid for pid in links if pid not in met}
    known: dict[int, list[str]] = {}  # who the search says knows about a goal's topic
    for goal in goals:
        for pid in topic_people(owner, goal, limit=TOPIC_PEOPLE, exclude=met):
            candidates.add(pid)
        if who_knows is not None and goal.topic:
            for expert in who_knows(owner, goal.topic, limit=TOPIC_PEOPLE):
                if expert.person_id not in met:
                    candidates.add(expert.person_id)
                    known.setdefault(expert.person_id, []).append(goal.topic)
    found = profiles(owner, candidates, notes={pid: ep.note for pid, ep in links.items()})
    mine = my_open_asks(owner)
    suggestions = [suggest(profile, goals, mine, links.get(pid), known.get(pid, [])) for pid, profile in found.items()]
    suggestions = [s for s in suggestions if s.status or s.score > 0]
    suggestions.sort(key=lambda s: (-s.score, s.display_name.casefold(), s.person_id))
    return Plan(event, progress(event), suggestions[:limit])


def suggest(profile: Profile, goals: list[EventGoal], my_asks: list[Ask], link: EventPerson | None,
            known_for: list[str]) -> Suggestion:
    """One person's score and reasons."""
    score, reasons = 0.0, []
    goal_words: list[str] = []
    for goal in goals:
        match = match_goal(goal, profile.terms)
        if match.words:  # a goal without topic words says nothing about whom to meet
            score += GOAL_WEIGHT * match.share
            goal_words += [w for w in match.words if w not in goal_words]
    if goal_words:
        reasons.append(f"works on {', '.join(goal_words)}")
    elif known_for:
        score += GOAL_WEIGHT / 2
        reasons.append(f"knows about {', '.join(dict.fromkeys(known_for))}")
    for ask in my_asks:
        # Every word of the ask's topic: "a climate investor" is not anyone in climate.
        groups = [g for g in topics.query(ask.topic) if g.weight >= 1]
        if groups and all(g.matches(profile.terms) for g in groups):
            score += MY_ASK_WEIGHT
            reasons.append(f"you asked for {ask.get_kind_display()}: {ask.topic}")
            break
    if profile.asks:
        ask = profile.asks[0]
        score += THEIR_NEED_WEIGHT
        reasons.append(f"asks for {ask.get_kind_display()}: {ask.topic}")
    if profile.offers:
        offer = profile.offers[0]
        score += THEIR_NEED_WEIGHT
        reasons.append(f"offers {offer.get_kind_display()}: {offer.topic}")
    quiet = quiet_for(profile)
    if quiet:
        score += QUIET_WEIGHT
        reasons.append(quiet)
    status = link.status if link is not None else ""
    score += PRESENCE.get(status, 0.0)
    if status == EventPerson.Status.WANT and link.why and not reasons:
        reasons.append(link.why)
    if not reasons:
        reasons.append("will be there" if status else "in your network")
    elif not status:
        reasons.append("not known to be going")
    return Suggestion(profile.person_id, profile.display_name, profile.organisation, profile.title, status,
                      round(score, 2), reasons)


def quiet_for(profile: Profile) -> str:
    """A reason to revive the tie, when we talked once but not for a year and the tie is weak."""
    last = profile.last_contact_at
    if last is None:
        return ""
    days = (clock.now() - last).days
    if days < QUIET_DAYS or (profile.strength is not None and profile.strength >= WEAK_STRENGTH):
        return ""
    years = days // 365
    span = f"{years} year{'s' if years != 1 else ''}" if years else f"{days // 30} months"
    strength = f", strength {profile.strength}" if profile.strength is not None else ""
    return f"no contact for {span}{strength}: worth reviving"


def topic_people(owner, goal: EventGoal, *, limit: int, exclude=()) -> list[int]:
    """People of my network whose title, organisation or tags hold the goal's topic words, most words first."""
    groups = topics.query(goal.topic or "")
    if not groups:
        return []
    probes = Q()
    for group in groups:
        for probe in topics.probes(group):
            probes |= Q(search_text__contains=probe)
    rows = (Person.objects.filter(probes, owner=owner, archived=False).exclude(pk__in=list(exclude))
            .order_by(F("last_contact_at").desc(nulls_last=True), "id").values_list("id", flat=True)[:TOPIC_SCAN])
    found = profiles(owner, list(rows))
    scored = []
    for pid, profile in found.items():
        match = match_goal(goal, profile.terms)
        if match.words:
            scored.append((-match.share, pid))
    return [pid for _, pid in sorted(scored)[:limit]]


def reason_for(event: Event, person: Person) -> str:
    """The one-line reason to meet this person at this event (what `EventPerson.why` keeps)."""
    goals = list(event.goals.all())
    link = event.people.filter(person=person).first()
    found = profiles(event.owner, [person.pk], notes={person.pk: link.note} if link else None)
    if person.pk not in found:
        return ""
    suggestion = suggest(found[person.pk], goals, my_open_asks(event.owner), None, [])
    reasons = [r for r in suggestion.reasons if r not in ("in your network", "not known to be going")]
    return "; ".join(reasons)[:500]



def my_open_asks(owner) -> list[Ask]:
    """What I asked for (an ask without a person is mine) that is still open."""
    return list(Ask.objects.filter(owner=owner, person__isnull=True, status=Status.OPEN)
                .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=local_today(owner))))
