"""Our common ground with one person, for a brief: what `nurture.common` finds (interests, expertise, people we
both know, where they were while we were in touch), and the places and groups they belong to (their city,
their schools, associations and communities) with the others of mine who share them.

The user has no Person row, so "shared with me" cannot be read directly; the others of mine in the same city
or school are the next best thing, and each is a way into a conversation ("Do you know Bo from Ateneo?").

`prepare` reads what batches well (common ground, balances, places) for many people at once, so an event brief
of sixty people costs those queries once, not sixty times.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, F, Value, When
from django.db.models.functions import Lower, StrIndex, Substr, Trim

from netweave.coach.brief import Common, Mutual, OrgThen, Shared
from netweave.nurture.common import common_ground
from netweave.people.models import Affiliation, Organisation, Person

GROUP_KINDS = (Organisation.Kind.SCHOOL, Organisation.Kind.ASSOCIATION, Organisation.Kind.COMMUNITY)
GROUPS_SHOWN = 3
EXAMPLES = 2


@dataclass
class Batch:
    common: dict[int, dict]  # nurture.common.common_ground's answer
    balances: dict  # person id -> givefirst.ledger.Balance
    places: dict[int, Shared]  # person id -> their city and the others of mine there (none without a city)


def prepare(owner, people: list[Person]) -> Batch:
    """What several briefs share, read once for all of `people`: a handful of queries however many."""
    from netweave.givefirst.ledger import balances_for

    ids = [p.pk for p in people]
    return Batch(common_ground(owner, ids), balances_for(owner, ids), _places(owner, people))


def common_ground_for(owner, person: Person, roles: list[Affiliation], batch: Batch) -> Common:
    """The person's common ground; `roles` are their affiliations with organisations, newest first."""
    found = batch.common.get(person.pk) or {}
    common = Common(interests=found.get("interests", []), expertise=found.get("expertise", []),
                    mutual=[Mutual(**m) for m in found.get("mutual", [])],
                    organisations=[OrgThen(**o) for o in found.get("organisations", [])])
    if person.pk in batch.places:
        common.places.append(batch.places[person.pk])
    common.groups = _groups(owner, person, roles)
    return common


def city_of(location: str) -> str:
    """"Lisbon, Portugal" -> "Lisbon": the part of a location people share with their neighbours."""
    return (location or "").split(",")[0].strip()


def _city_key(text: str) -> set[str]:
    """The lower-cased forms a database may give a city: SQLite lowers ASCII letters only, PostgreSQL all."""
    return {text.lower(), "".join(c.lower() if c.isascii() else c for c in text)}


def _places(owner, people: list[Person]) -> dict[int, Shared]:
    """Each person's city, with how many others of mine live there and the two I see most: one query that reads
    the people whose location's first part is one of those cities (a scan, there being no index on location;
    the few columns read keep it light), grouped here."""
    cities = {p.pk: city_of(p.location) for p in people if city_of(p.location)}
    if not cities:
        return {}
    city = Case(When(location__contains=",", then=Trim(Substr("location", 1, StrIndex("location", Value(",")) - 1))),
                default=Trim("location"))
    keys = set().union(*(_city_key(c) for c in cities.values()))
    rows = (Person.objects.filter(owner=owner, archived=False).annotate(city=Lower(city)).filter(city__in=keys)
            .order_by().values_list("id", "display_name", "location", "last_contact_at"))
    by_city: dict[str, list[tuple]] = {}
    for row in rows:
        by_city.setdefault(city_of(row[2]).casefold(), []).append(row)
    for found in by_city.values():
        found.sort(key=lambda r: (r[3] is None, -(r[3].timestamp() if r[3] else 0), r[0]))  # most in touch first
    out = {}
    for pid, name in cities.items():
        others = [r for r in by_city.get(name.casefold(), []) if r[0] != pid]
        out[pid] = Shared(name=name, kind="place", others=len(others),
                          examples=[Mutual(r[0], r[1], f"also in {name}") for r in others[:EXAMPLES]])
    return out


def _groups(owner, person: Person, roles: list[Affiliation]) -> list[Shared]:
    """Their schools (past ones too: alumni stay alumni) and current associations and communities, each with
    the others of mine who were there. At most one query per group shown, and one for the counts."""
    groups: dict[int, Shared] = {}
    for role in roles:
        org = role.organisation
        if org.kind not in GROUP_KINDS or org.pk in groups or len(groups) >= GROUPS_SHOWN:
            continue
        if role.end is not None and org.kind != Organisation.Kind.SCHOOL:
            continue
        groups[org.pk] = Shared(name=org.name, kind=org.kind, title=role.title, organisation_id=org.pk)
    if not groups:
        return []
    members = (Affiliation.objects.filter(owner=owner, organisation_id__in=list(groups), person__archived=False)
               .exclude(person_id=person.pk))
    for org_id, total in (members.order_by().values("organisation_id")
                          .annotate(n=Count("person_id", distinct=True)).values_list("organisation_id", "n")):
        groups[org_id].others = total
    for org_id, group in groups.items():
        if not group.others:
            continue
        seen: set[int] = set()
        rows = (members.filter(organisation_id=org_id)
                .order_by(F("person__last_contact_at").desc(nulls_last=True), "person_id")
                .values_list("person_id", "person__display_name")[:EXAMPLES * 2])
        for pid, name in rows:
            if pid not in seen and len(seen) < EXAMPLES:
                seen.add(pid)
                group.examples.append(Mutual(pid, name, f"also at {group.name}"))
    return list(groups.values())
