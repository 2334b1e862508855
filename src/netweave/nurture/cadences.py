"""How often to be in touch with whom: defaults by circle, the user's own cadences by circle, tag or person,
and which one applies to a person (person, then the shortest of their tags', then their circle's).

Read paths only; changes go through `nurture.services`.
"""

from __future__ import annotations

from dataclasses import dataclass

from netweave.core.errors import Invalid
from netweave.nurture.models import Cadence
from netweave.people.models import Circle, Person

# Dunbar's layers, roughly: weekly, monthly, quarterly, yearly. Matched by the default circle names, so a
# circle the user renames or adds has no cadence until they give it one.
DEFAULT_DAYS = {"inner": 7, "close": 30, "active": 90, "wide": 365}
MAX_DAYS = 3650  # ten years; anything longer is a typo, not a plan to keep in touch

_EVERY = {1: "every day", 7: "every week", 14: "every two weeks", 30: "every month", 60: "every two months",
          90: "every quarter", 180: "every six months", 365: "every year", 730: "every two years"}


def every(days: int) -> str:
    """A cadence in words: 30 -> "every month", 45 -> "every 45 days"."""
    return _EVERY.get(days, f"every {days} days")


def clean_days(value, field: str = "days") -> int:
    """A cadence's days as a whole number from 1 to MAX_DAYS, or Invalid naming `field`."""
    if isinstance(value, bool):
        raise Invalid({field: "must be a whole number of days"})
    if isinstance(value, str):
        value = value.strip()
        if not (value.isascii() and value.lstrip("-").isdigit()):
            raise Invalid({field: "must be a whole number of days"})
        value = int(value)
    if not isinstance(value, int):
        raise Invalid({field: "must be a whole number of days"})
    if value < 1:
        raise Invalid({field: "must be at least 1 day"})
    if value > MAX_DAYS:
        raise Invalid({field: f"must be at most {MAX_DAYS} days (ten years)"})
    return value


@dataclass(frozen=True)
class Rule:
    """The cadence that applies to one person, and where it comes from (for the reason in words)."""

    days: int
    scope: str  # "person", "tag" or "circle"
    name: str = ""  # the tag's or circle's name

    @property
    def source(self) -> str:
        if self.scope == "person":
            return "your cadence for them"
        if self.scope == "tag":
            return f"tagged {self.name}"
        return f"{self.name} circle"

    @property
    def words(self) -> str:
        return f"{self.source}, {every(self.days)}"


class Cadences:
    """Every cadence of one owner, loaded in three queries, to resolve thousands of people without more."""

    def __init__(self, owner):
        circles = list(Circle.objects.filter(owner=owner).order_by("position", "name").values_list("id", "name"))
        self.circle_names = dict(circles)
        self.circle_rank = {cid: rank for rank, (cid, _) in enumerate(circles)}
        self.circle_days: dict[int, int] = {}
        self.circle_default: dict[int, bool] = {}
        for cid, name in circles:
            if name.lower() in DEFAULT_DAYS:
                self.circle_days[cid] = DEFAULT_DAYS[name.lower()]
                self.circle_default[cid] = True
        self.tag_days: dict[int, tuple[int, str]] = {}
        self.person_days: dict[int, int] = {}
        for scope, circle_id, tag_id, person_id, days, tag_name in Cadence.objects.filter(owner=owner).values_list(
                "scope", "circle_id", "tag_id", "person_id", "days", "tag__name"):
            if scope == Cadence.Scope.CIRCLE:
                self.circle_days[circle_id] = days
                self.circle_default[circle_id] = False
            elif scope == Cadence.Scope.TAG:
                self.tag_days[tag_id] = (days, tag_name)
            else:
                self.person_days[person_id] = days
        # Each person's shortest tag cadence: the tag that asks for the most contact wins.
        self.person_tag: dict[int, tuple[int, str]] = {}
        if self.tag_days:
            through = Person.tags.through.objects.filter(tag_id__in=list(self.tag_days))
            for person_id, tag_id in through.values_list("person_id", "tag_id"):
                found = self.tag_days[tag_id]
                if person_id not in self.person_tag or found < self.person_tag[person_id]:
                    self.person_tag[person_id] = found

    @property
    def overridden(self) -> set[int]:
        """People whose cadence is not their circle's (a person or tag cadence applies)."""
        return set(self.person_days) | set(self.person_tag)

    def circle_rule(self, circle_id: int | None) -> Rule | None:
        days = self.circle_days.get(circle_id)
        return Rule(days, "circle", self.circle_names[circle_id]) if days else None

    def rule(self, person_id: int, circle_id: int | None) -> Rule | None:
        """The cadence that applies to a person: theirs, else their shortest tag's, else their circle's."""
        if person_id in self.person_days:
            return Rule(self.person_days[person_id], "person")
        if person_id in self.person_tag:
            days, name = self.person_tag[person_id]
            return Rule(days, "tag", name)
        return self.circle_rule(circle_id)

    def closeness(self, circle_id: int | None) -> float:
        """How much a circle's ties matter, from 1.0 (the closest circle) down to 0.4; no circle: 0.6."""
        if circle_id not in self.circle_rank:
            return 0.6
        return max(0.4, 1.0 - 0.2 * self.circle_rank[circle_id])


def rule_for(person: Person) -> Rule | None:
    """One person's cadence (for a page or a command about them; lists use `Cadences` directly)."""
    return Cadences(person.owner).rule(person.pk, person.circle_id)


def cadence_table(owner) -> dict:
    """Every cadence the owner can see and edit: each circle (its own, its default or none), and the tags and
    people that have one."""
    found = Cadences(owner)
    circles = [{"id": cid, "name": name, "days": found.circle_days.get(cid),
                "default": found.circle_default.get(cid, False), "default_days": DEFAULT_DAYS.get(name.lower())}
               for cid, name in found.circle_names.items()]
    tags = [{"id": tag_id, "name": name, "days": days} for tag_id, (days, name)
            in sorted(found.tag_days.items(), key=lambda kv: kv[1][1].lower())]
    names = dict(Person.objects.filter(owner=owner, pk__in=list(found.person_days)).values_list("id", "display_name"))
    people = sorted(({"id": pid, "name": names.get(pid, ""), "days": days} for pid, days in found.person_days.items()),
                    key=lambda row: (row["name"].lower(), row["id"]))
    return {"circles": circles, "tags": tags, "people": people}
