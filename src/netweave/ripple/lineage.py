"""How something came about, back to its root: a person (who introduced them to me, and who introduced that
person, ... until someone I met at an event, or by myself), a tie (the introduction that made it, the ask behind
it, and how the asker came in), an introduction.

Other kinds (opportunities, later) plug in with `register("opportunity", fn)`: fn(owner, id) returns a Lineage
whose last step may name a person or an introduction, and `lineage_of` continues from there, so an
opportunity's lineage runs on through the people it came through.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from netweave.core.errors import NotFound

MAX_STEPS = 50  # an introduced-by chain longer than this is cut (and said so); cycles stop at the repeat


@dataclass
class Step:
    """One link of a lineage. `kind`: person, introduced_by, met_at, met_how, first_contact, added, tie,
    introduction, ask, or a registered kind; `object_id` the row it names (a person, a tie, ...)."""

    kind: str
    text: str
    object_id: int | None = None
    person_id: int | None = None
    day: str | None = None


@dataclass
class Lineage:
    subject: dict  # kind, id, name
    steps: list[Step]
    root: str  # how the chain ends, in words
    cycle: bool = False
    cut: bool = False
    related: list[Step] = field(default_factory=list)  # beside the chain: introductions that tied them to others

    def as_dict(self) -> dict:
        return asdict(self)


Resolver = Callable[..., Lineage]
_RESOLVERS: dict[str, Resolver] = {}


def register(kind: str, resolver: Resolver) -> None:
    """Let another app explain how its objects came about (resolver(owner, object_id) -> Lineage)."""
    _RESOLVERS[kind] = resolver


def lineage_of(owner, kind: str, object_id: int) -> Lineage:
    """The lineage of one of the owner's objects by kind ("person", "tie", "introduction", or registered)."""
    if kind not in _RESOLVERS:
        raise NotFound(f"no lineage for {kind!r}")
    return _RESOLVERS[kind](owner, object_id)


def _day(value) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return None


def _person(owner, person_id: int):
    from netweave.people.models import Person

    found = Person.objects.filter(owner=owner, pk=person_id).select_related("introduced_by", "met_at_event").first()
    if found is None:
        raise NotFound(f"no person {person_id}")
    return found


def person_lineage(owner, person_id: int) -> Lineage:
    """How a person came into my network: the chain of who introduced whom back to someone I met myself, and
    how that first one came in (an event, how we met, the first contact, when and how they were added)."""
    person = _person(owner, person_id)
    steps: list[Step] = [Step("person", person.display_name, person.pk, person.pk)]
    seen = {person.pk}
    current, cycle, cut = person, False, False
    while current.introduced_by_id is not None:
        by = current.introduced_by
        if by.owner_id != owner.pk:
            break
        if by.pk in seen:
            steps.append(Step("introduced_by", f"{by.display_name} introduced you to {current.display_name} "
                                               "(and the chain goes round: stopped here)", by.pk, by.pk))
            cycle = True
            break
        if len(steps) >= MAX_STEPS:
            cut = True
            break
        steps.append(Step("introduced_by", f"{by.display_name} introduced you to {current.display_name}", by.pk,
                          by.pk))
        seen.add(by.pk)
        current = _person(owner, by.pk)
    roots = _how_they_came(owner, current)
    steps.extend(roots)
    root = roots[0].text if roots else f"{current.display_name}: how you met is not recorded"
    if cycle:
        root = "a circle of introductions (each introduced by the next)"
    # Beside the chain: when someone introduced them, when we first were in touch; and whom I introduced them to.
    related = [first] if person.introduced_by_id and (first := _first_contact(owner, person)) else []
    return Lineage({"kind": "person", "id": person.pk, "name": person.display_name}, steps, root, cycle, cut,
                   related + _introductions_of(owner, person))


def _how_they_came(owner, person) -> list[Step]:
    """What is known of how I first met someone who nobody introduced to me, most telling first."""
    from netweave.core.models import Origin
    from netweave.people.models import FieldOrigin

    out = []
    if person.met_at_event_id and person.met_at_event.owner_id == owner.pk:
        event = person.met_at_event
        out.append(Step("met_at", f"you met {person.display_name} at {event.summary}", event.pk, person.pk,
                        _day(event.occurred_at)))
    if person.met_how.strip():
        out.append(Step("met_how", f"how you met {person.display_name}: {' '.join(person.met_how.split())[:200]}",
                        None, person.pk))
    first = _first_contact(owner, person)
    if first is not None:
        out.append(first)
    origin = (FieldOrigin.objects.filter(owner=owner, person=person, field="display_name")
              .select_related("origin").first())
    source = f" ({origin.origin})" if origin is not None and isinstance(origin.origin, Origin) else ""
    out.append(Step("added", f"{person.display_name} was added to your network{source}", None, person.pk,
                    _day(person.created_at)))
    return out


def _first_contact(owner, person) -> Step | None:
    from netweave.interactions.models import Participation

    first = (Participation.objects.filter(owner=owner, person=person).order_by("occurred_at", "id")
             .select_related("interaction").first())
    if first is None:
        return None
    return Step("first_contact", f"first contact with {person.display_name}: {first.interaction.summary}",
                first.interaction_id, person.pk, _day(first.occurred_at))


def _introductions_of(owner, person) -> list[Step]:
    """Ties that introductions I made gave this person."""
    from django.db.models import Q

    from netweave.givefirst.models import Introduction

    made = (Introduction.objects.filter(owner=owner, state__in=["made", "concluded"])
            .filter(Q(person_a=person) | Q(person_b=person)).select_related("person_a", "person_b").order_by("made_at"))
    out = []
    for intro in made:
        other = intro.person_b if intro.person_a_id == person.pk else intro.person_a
        out.append(Step("introduction", f"you introduced {person.display_name} to {other.display_name}", intro.pk,
                        other.pk, _day(intro.made_at)))
    return out


def tie_lineage(owner, tie_id: int) -> Lineage:
    """How two people came to be tied: the tie, the introduction that made it (if one did), the ask it
    answered, and how the person who asked came into my network."""
    from netweave.givefirst.models import Introduction
    from netweave.people.models import Tie

    tie = Tie.objects.filter(owner=owner, pk=tie_id).select_related("person_a", "person_b").first()
    if tie is None:
        raise NotFound(f"no tie {tie_id}")
    a, b = tie.person_a, tie.person_b
    label = f"{a.display_name} and {b.display_name}"
    steps = [Step("tie", f"{label}: {tie.describe_from(a)}" + (f" ({_first_line(tie.evidence)})" if
                                                                 tie.evidence.strip() else ""),
                  tie.pk, None, _day(tie.created_at))]
    intro = Introduction.objects.filter(owner=owner, tie=tie).order_by("-made_at").first()
    if intro is not None:
        return _from_introduction(owner, intro, {"kind": "tie", "id": tie.pk, "name": label}, steps)
    for person, other in ((b, a), (a, b)):
        if person.introduced_by_id == other.pk:
            steps.append(Step("introduced_by", f"{other.display_name} introduced you to {person.display_name}",
                              other.pk, other.pk))
            chain = person_lineage(owner, other.pk)
            return Lineage({"kind": "tie", "id": tie.pk, "name": label}, steps + chain.steps, chain.root, chain.cycle,
                           chain.cut)
    source = tie.source or "you"
    root = f"recorded by {source}" if source != "me" else "you recorded it yourself"
    return Lineage({"kind": "tie", "id": tie.pk, "name": label}, steps, root)


def _first_line(text: str) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line[:120]


def introduction_lineage(owner, intro_id: int) -> Lineage:
    from netweave.givefirst.models import Introduction

    intro = (Introduction.objects.filter(owner=owner, pk=intro_id).select_related("person_a", "person_b", "ask")
             .first())
    if intro is None:
        raise NotFound(f"no introduction {intro_id}")
    name = f"{intro.person_a.display_name} and {intro.person_b.display_name}"
    return _from_introduction(owner, intro, {"kind": "introduction", "id": intro.pk, "name": name}, [])


def _from_introduction(owner, intro, subject: dict, steps: list[Step]) -> Lineage:
    a, b = intro.person_a, intro.person_b
    when = _day(intro.made_at) or _day(intro.created_at)
    state = intro.get_state_display()
    text = f"you introduced {a.display_name} to {b.display_name} ({state}): {' '.join(intro.reason.split())[:160]}"
    steps = steps + [Step("introduction", text, intro.pk, None, when)]
    ask = intro.ask
    if ask is None or ask.owner_id != owner.pk:
        return Lineage(subject, steps, "your own idea: no ask behind it")
    if ask.person_id is None:
        steps.append(Step("ask", f"your own ask: {ask.topic}", ask.pk, None, _day(ask.created_at)))
        return Lineage(subject, steps, "an ask of your own")
    asker = ask.person
    steps.append(Step("ask", f"{asker.display_name} asked for {ask.topic}", ask.pk, asker.pk, _day(ask.created_at)))
    chain = person_lineage(owner, asker.pk)
    return Lineage(subject, steps + chain.steps, chain.root, chain.cycle, chain.cut)


register("person", person_lineage)
register("tie", tie_lineage)
register("introduction", introduction_lineage)
