"""What a capture would do, line by line, before anything is written: the preview, and the plan the
capture service carries out.

Each line is matched to one of my people, or becomes a new person, never by a guess:

1. a line captured before at this event (the same words) is left alone;
2. a choice made in the form for that name ("new", or a person's id) wins;
3. "#12" is my person 12; an email address is whoever has it;
4. exactly one person with that name (ignoring case and accents) is them; among several, the one at the
   organisation the line names, or the one already linked to this event; otherwise the user chooses;
5. a name close to someone's ("Ana" for "Ana Lima") asks whether it is them or someone new;
6. anyone else is a new person (with the address a calendar gave for that name, when it did).

Two lines with the same new name are one new person; two new names with the same address are asked about,
since an address belongs to one person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process, utils

from netweave.core.ids import parse_id
from netweave.events.capture import Line, groups, parse_lines
from netweave.events.models import Event
from netweave.nurture.followups import parse_due
from netweave.nurture.today import local_today
from netweave.people.models import Person
from netweave.people.normalize import fold
from netweave.people.services import people_with_email

NEAR = 80  # a name this close (rapidfuzz WRatio on folded names) might be the same person: ask
NEW = "new"


@dataclass
class Planned:
    """One line and what saving would do with it."""

    line: Line
    action: str  # "existing", "new", "choose", "captured" or "error"
    person: Person | None = None
    candidates: list[Person] = field(default_factory=list)
    message: str = ""
    remarks: list[str] = field(default_factory=list)
    follow_ups: list[tuple[str, date]] = field(default_factory=list)
    email: str = ""  # for a new person: from the line, or from the calendar's guest list

    @property
    def field(self) -> str:
        """How errors name this line: "lines[0]" is the text's first line."""
        return f"lines[{self.line.number - 1}]"

    @property
    def choice_key(self) -> str:
        return choice_key(self.line.name or self.line.email)


@dataclass
class CapturePlan:
    event: Event
    lines: list[Planned]
    ties: list[tuple[int, int]]  # pairs of indexes into `lines`: met together

    @property
    def problems(self) -> dict[str, str]:
        """Each line that keeps the capture from being saved, with why."""
        return {p.field: p.message for p in self.lines if p.action in ("choose", "error")}

    @property
    def ready(self) -> bool:
        return not self.problems

    def count(self, action: str) -> int:
        return sum(1 for p in self.lines if p.action == action)

    @property
    def new_names(self) -> list[str]:
        """The new people, once each (as saving makes them: one per name, apart from case and accents)."""
        first: dict[str, str] = {}
        for p in self.lines:
            if p.action == "new":
                first.setdefault(choice_key(p.line.name), p.line.name)
        return list(first.values())

    @property
    def tied(self) -> list[tuple[Planned, Planned]]:
        return [(self.lines[a], self.lines[b]) for a, b in self.ties]

    @property
    def nothing_new(self) -> bool:
        return all(p.action == "captured" for p in self.lines)


def choice_key(name: str) -> str:
    """How a choice in the form names the line it is for: the folded name."""
    return " ".join(fold(name or "").split())


def plan_capture(event: Event, text: str, choices: dict | None = None) -> CapturePlan:
    """What saving `text` as this event's capture would do. `choices` maps a name (any case) to "new" or the
    id of one of my people, for the names that need one."""
    owner = event.owner
    lines = parse_lines(text)
    captured = {c.key: c.person for c in event.captured_lines.select_related("person")}
    linked = set(event.people.values_list("person_id", flat=True))
    guests = {choice_key(g.get("name", "")): g.get("email", "") for g in event.guests if isinstance(g, dict)}
    chosen = {choice_key(str(k)): str(v).strip() for k, v in (choices or {}).items()}
    today = local_today(owner)
    names = _Names(owner)
    planned = []
    for line in lines:
        if line.error:
            planned.append(Planned(line, "error", message=line.error))
            continue
        if line.key in captured:
            planned.append(Planned(line, "captured", person=captured[line.key], message="captured before"))
            continue
        item = _resolve(owner, line, chosen, linked, names)
        item.follow_ups = [(text, parse_due(text, today)) for text in line.follow_ups]
        if item.action == "new":
            item.email = line.email or guests.get(choice_key(line.name), "")
        if item.action == "existing":
            item.remarks += _differences(item.person, line)
        planned.append(item)
    _one_address_one_person(planned)
    ties = [(a, b) for group in groups(lines) for i, a in enumerate(group) for b in group[i + 1:]
            if planned[a].action != "error" and planned[b].action != "error"]
    return CapturePlan(event, planned, ties)


def _one_address_one_person(planned: list[Planned]) -> None:
    """Two different new people cannot share an email address: saving would fail on the second, so the
    preview says so on that line first."""
    first: dict[str, Planned] = {}
    for item in planned:
        if item.action != "new" or not item.email:
            continue
        earlier = first.setdefault(item.email.strip().lower(), item)
        if earlier is not item and choice_key(earlier.line.name) != choice_key(item.line.name):
            item.action = "error"
            item.message = (f"{item.email} is also on line {earlier.line.number} ({earlier.line.name}); one address "
                            "is one person: write the same name on both lines, or leave the address off one")


def _resolve(owner, line: Line, chosen: dict[str, str], linked: set[int], names: _Names) -> Planned:
    live = Person.objects.filter(owner=owner, archived=False).select_related("current_organisation")
    said = line.name or line.email
    choice = chosen.get(choice_key(said)) if said and line.person_id is None else None
    if choice == NEW and line.name:
        return Planned(line, "new")
    if choice:
        pk = parse_id(choice)
        person = live.filter(pk=pk).first() if pk else None
        if person is not None:
            return Planned(line, "existing", person=person)
    if line.person_id is not None:
        person = Person.objects.filter(owner=owner, pk=line.person_id).first()
        if person is None:
            return Planned(line, "error", message=f"you have nobody numbered #{line.person_id}")
        return Planned(line, "existing", person=person)
    if line.email:
        people = list(people_with_email(owner, line.email).filter(archived=False)
                      .select_related("current_organisation")[:6])
        if len(people) == 1:
            return Planned(line, "existing", person=people[0])
        if people:
            return _choose(line, people)
    if not line.name:
        return Planned(line, "error", message=f"nobody has {line.email}; write their name before it")
    exact = names.same(line.name)
    if len(exact) == 1:
        return Planned(line, "existing", person=exact[0])
    if exact:
        at = _at_organisation(exact, line.organisation)
        if len(at) == 1:
            return Planned(line, "existing", person=at[0], remarks=[f"the {line.name} at {line.organisation}"])
        planned = [p for p in exact if p.pk in linked]
        if len(planned) == 1:
            return Planned(line, "existing", person=planned[0],
                           remarks=[f"the {line.name} already on this event's plan"])
        return _choose(line, exact)
    near = names.near(line.name)
    if near:
        return _choose(line, near)
    return Planned(line, "new")


def _at_organisation(people: list[Person], organisation: str) -> list[Person]:
    if not organisation:
        return []
    key = fold(organisation)
    return [p for p in people if p.current_organisation_id and p.current_organisation.key == key]


class _Names:
    """My people's names, folded, read once per capture: a capture of twenty people must not scan thirty
    thousand rows twenty times (a name compared without case and accents cannot use an index)."""

    def __init__(self, owner):
        self.owner = owner
        self._loaded = False
        self._exact: dict[str, list[int]] = {}
        self._choices: list[dict[int, str]] = []

    def _load(self) -> None:
        rows = Person.objects.filter(owner=self.owner, archived=False).values_list(
            "id", "display_name", "nickname", "family_name")
        names, nicknames = {}, {}
        for pid, display_name, nickname, family_name in rows:
            self._exact.setdefault(choice_key(display_name), []).append(pid)
            names[pid] = _folded(display_name)
            if nickname:
                nicknames[pid] = _folded(f"{nickname} {family_name}")
        self._choices = [names, nicknames]
        self._loaded = True

    def same(self, name: str) -> list[Person]:
        """My people called `name`, apart from case, accents and spacing."""
        if not self._loaded:
            self._load()
        return self._people(sorted(self._exact.get(choice_key(name), []))[:20])

    def near(self, name: str) -> list[Person]:
        """People whose name (or nickname and family name) is close enough to `name` that it might mean them:
        "Ana" for "Ana Lima", "Jon Smith" for "John Smith"."""
        if not self._loaded:
            self._load()
        key = _folded(name)
        found: dict[int, float] = {}
        for choices in self._choices:
            for _, score, pid in process.extract(key, choices, scorer=fuzz.WRatio, processor=None, limit=6,
                                                 score_cutoff=NEAR):
                found[pid] = max(score, found.get(pid, 0))
        return self._people(sorted(found, key=lambda pid: (-found[pid], pid))[:5])

    def _people(self, ids: list[int]) -> list[Person]:
        people = Person.objects.select_related("current_organisation").in_bulk(ids)
        return [people[pid] for pid in ids if pid in people]


def _folded(text: str) -> str:
    return utils.default_process(fold(text or ""))


def _choose(line: Line, people: list[Person]) -> Planned:
    return Planned(line, "choose", candidates=people,
                   message=f"Who is “{line.name or line.email}”? Choose one of your people, or a new person.")


def _differences(person: Person, line: Line) -> list[str]:
    """What the line says that their record does not: kept as a note, their record left as it is."""
    remarks = []
    if line.organisation:
        theirs = person.current_organisation.name if person.current_organisation_id else ""
        if fold(theirs) != fold(line.organisation):
            where = f"at {theirs}" if theirs else "with no organisation"
            remarks.append(f"your records have them {where}; their record is left as it is")
    return remarks
