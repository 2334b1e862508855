"""Warm paths from me to a person, to anyone now at an organisation, or to anyone with a tag: the best few
routes through my network (ripple.engine.paths), each hop explained, and the first hop's give-and-take balance,
so I can see whether asking them is fair.

A person of mine is always one hop away (everyone I have is someone I can write to, at the floor weight when we
are out of touch), so "unreachable" means there is nobody to reach: an organisation where none of my people
work now, or a tag nobody has. Then the answer says so and lists the nearest people I do reach: who used to
work there, or, for a tag, the people closest to me by path.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from netweave.core.errors import Ambiguous, Invalid
from netweave.ripple import cache, evidence
from netweave.ripple.engine.paths import best_paths, reachable_within

DEFAULT_K, MAX_K = 3, 10
DEFAULT_MAX_HOPS, MAX_HOPS = 4, 6
HOP_PENALTY = 0.7
NEAREST = 5
WHY_PARTS = 2  # clauses of the strength explanation a hop shows: "steady (52): 4 meetings ...; last call ..."


@dataclass
class Hop:
    person_id: int
    display_name: str
    weight: float
    why: str
    evidence: list[dict] = field(default_factory=list)


@dataclass
class WarmPath:
    score: float
    nodes: list[int]  # person ids, me as 0 first
    hops: list[Hop]
    balance: dict  # my give-and-take with the first hop: gave, received, brokered, words
    text: str


@dataclass
class Near:
    person_id: int
    display_name: str
    score: float
    via_id: int | None
    via_name: str | None
    why: str


@dataclass
class Answer:
    target: dict  # kind ("person", "organisation", "tag"), id, name, people (how many targets)
    paths: list[WarmPath]
    reachable: bool
    message: str
    nearest: list[Near] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def check_options(k: int, max_hops: int) -> None:
    errors = {}
    if not 1 <= k <= MAX_K:
        errors["k"] = f"must be between 1 and {MAX_K}"
    if not 1 <= max_hops <= MAX_HOPS:
        errors["max_hops"] = f"must be between 1 and {MAX_HOPS}"
    if errors:
        raise Invalid(errors)


def to_person(owner, person, *, k: int = DEFAULT_K, max_hops: int = DEFAULT_MAX_HOPS) -> Answer:
    """The best k paths to one person, through different people where possible."""
    check_options(k, max_hops)
    net = cache.network(owner)
    target = {"kind": "person", "id": person.pk, "name": person.display_name, "people": 1}
    node = net.node(person.pk)
    if node is None:
        return Answer(target, [], False, f"{person.display_name} is archived: not part of your network.")
    found = best_paths(net.snapshot, 0, node, k=k, max_hops=max_hops, hop_penalty=HOP_PENALTY)
    paths = explain(owner, net, found)
    message = _person_message(person, paths)
    return Answer(target, paths, True, message)


def _person_message(person, paths: list[WarmPath]) -> str:
    if not paths:
        return f"No path to {person.display_name}."
    best = paths[0]
    if len(best.hops) == 1 and not any(p for p in paths if len(p.hops) > 1):
        return f"Nobody you know is tied to {person.display_name}: write to them directly."
    return f"{len(paths)} path{'s' if len(paths) > 1 else ''} to {person.display_name}."


def to_organisation(owner, organisation, *, k: int = DEFAULT_K, max_hops: int = DEFAULT_MAX_HOPS) -> Answer:
    """The best paths to k different people now at the organisation; when none of my people work there now,
    who used to, nearest first."""
    from netweave.people.models import Affiliation, Person

    check_options(k, max_hops)
    net = cache.network(owner)
    ids = list(Person.objects.filter(owner=owner, archived=False, current_organisation=organisation)
               .values_list("id", flat=True))
    target = {"kind": "organisation", "id": organisation.pk, "name": organisation.name, "people": len(ids)}
    if ids:
        paths = explain(owner, net, best_paths(net.snapshot, 0, _mask(net, ids), k=k, max_hops=max_hops,
                                               hop_penalty=HOP_PENALTY))
        return Answer(target, paths, True, f"{len(ids)} of your people work at {organisation.name} now.")
    alumni = {}
    for pid, end in (Affiliation.objects.filter(owner=owner, organisation=organisation, person__archived=False)
                     .order_by("end").values_list("person_id", "end")):
        alumni[pid] = f"was at {organisation.name}" + (f" until {end.year}" if end else "")
    nearest = _nearest(owner, net, alumni, max_hops)
    message = f"None of your people work at {organisation.name} now."
    if nearest:
        message += " The nearest who used to:"
    return Answer(target, [], False, message, nearest)


def to_tag(owner, tag, *, k: int = DEFAULT_K, max_hops: int = DEFAULT_MAX_HOPS) -> Answer:
    """The best paths to k different people with the tag."""
    from netweave.people.models import Person

    check_options(k, max_hops)
    net = cache.network(owner)
    ids = list(Person.objects.filter(owner=owner, archived=False, tags=tag).values_list("id", flat=True))
    target = {"kind": "tag", "id": tag.pk, "name": tag.name, "people": len(ids)}
    if not ids:
        return Answer(target, [], False, f"Nobody has the tag {tag.name!r}.")
    paths = explain(owner, net, best_paths(net.snapshot, 0, _mask(net, ids), k=k, max_hops=max_hops,
                                           hop_penalty=HOP_PENALTY))
    return Answer(target, paths, True, f"{len(ids)} of your people have the tag {tag.name!r}.")


def _mask(net, person_ids) -> np.ndarray:
    mask = np.zeros(net.n, dtype=bool)
    nodes = net.nodes(person_ids)
    mask[nodes[nodes > 0]] = True
    return mask


def _nearest(owner, net, why: dict[int, str], max_hops: int) -> list[Near]:
    """The people in `why` closest to me by best path score, each with whom to ask first."""
    from netweave.people.models import Person

    if not why:
        return []
    reach = reachable_within(net.snapshot, 0, min(max_hops, 2), hop_penalty=HOP_PENALTY)
    scored = []
    for pid, reason in why.items():
        node = net.node(pid)
        if node is not None and node in reach:
            score, via = reach[node]
            scored.append((score, pid, net.person(via) if via is not None else None, reason))
    scored.sort(key=lambda s: (-s[0], s[1]))
    scored = scored[:NEAREST]
    names = dict(Person.objects.filter(owner=owner, pk__in=[s[1] for s in scored] + [s[2] for s in scored if s[2]])
                 .values_list("id", "display_name"))
    return [Near(pid, names.get(pid, ""), round(score, 4), via, names.get(via) if via else None, reason)
            for score, pid, via, reason in scored]


def explain(owner, net, found) -> list[WarmPath]:
    """Engine paths as people and words: each hop's evidence, read in one batch for all the paths."""
    from netweave.givefirst.ledger import balances_for
    from netweave.people.models import Person

    firsts = {p.nodes[1] for p in found if len(p.nodes) > 1}
    mine = evidence.explain_me(owner, net, firsts)
    pairs = {(min(a, b), max(a, b)) for p in found for a, b in zip(p.nodes[1:], p.nodes[2:])}
    between = evidence.explain_pairs(owner, net, pairs)
    people = {net.person(n) for p in found for n in p.nodes[1:]}
    names = dict(Person.objects.filter(owner=owner, pk__in=list(people)).values_list("id", "display_name"))
    balances = balances_for(owner, [net.person(n) for n in firsts])
    out = []
    for path in found:
        hops = []
        for (a, b), w in zip(zip(path.nodes, path.nodes[1:]), path.weights):
            pid = net.person(b)
            if a == 0:
                items = [mine[b]]
                why = "; ".join(mine[b].text.split("; ")[:WHY_PARTS])
            else:
                items = between.get((min(a, b), max(a, b)), [])
                why = evidence.summary(items)
            hops.append(Hop(pid, names.get(pid, ""), round(float(w), 4), why, [e.as_dict() for e in items]))
        first = balances.get(hops[0].person_id) if hops else None
        balance = ({"person_id": hops[0].person_id, "gave": first.gave, "received": first.received,
                    "brokered": first.brokered, "words": first.words} if first else {})
        text = " → ".join(f"{h.display_name}: {h.why}" for h in hops)
        out.append(WarmPath(round(float(path.score), 4), [0] + [h.person_id for h in hops], hops, balance, text))
    return out


# ---- naming the target --------------------------------------------------------------------------------------

def find_organisation(owner, text: str):
    """An organisation of mine by id or name (case-insensitive, then the closest names). Raises Ambiguous."""
    from rapidfuzz import fuzz, process

    from netweave.core.ids import parse_id
    from netweave.people.models import Organisation
    from netweave.people.normalize import fold

    text = " ".join((text or "").split())
    mine = Organisation.objects.filter(owner=owner)
    pk = parse_id(text)
    if pk is not None and (found := mine.filter(pk=pk).first()):
        return found
    exact = mine.filter(key=fold(text)).first()
    if exact:
        return exact
    starting = list(mine.filter(key__startswith=fold(text))[:2]) if text else []
    if len(starting) == 1:
        return starting[0]  # "Acme" for "Acme Corporation", when nothing else starts so
    names = dict(mine.values_list("id", "key"))
    best = process.extract(fold(text), names, scorer=fuzz.WRatio, limit=5)
    close = [pid for _, score, pid in best if score >= 60]
    by_id = mine.in_bulk(close)
    raise Ambiguous(text, [by_id[pid] for pid in close if pid in by_id])


def find_tag(owner, text: str):
    """A tag of mine by id or name (any kind: tag, interest, expertise). Raises Ambiguous with similar tags."""
    from rapidfuzz import fuzz, process

    from netweave.core.ids import parse_id
    from netweave.people.models import Tag
    from netweave.people.normalize import fold

    text = " ".join((text or "").split())
    mine = Tag.objects.filter(owner=owner)
    pk = parse_id(text)
    if pk is not None and (found := mine.filter(pk=pk).first()):
        return found
    exact = list(mine.filter(key=fold(text)[:100]).order_by("kind"))
    if len(exact) >= 1:
        return exact[0]
    starting = list(mine.filter(key__startswith=fold(text)[:100])[:2]) if text else []
    if len(starting) == 1:
        return starting[0]
    names = dict(mine.values_list("id", "key"))
    best = process.extract(fold(text), names, scorer=fuzz.WRatio, limit=5)
    close = [pid for _, score, pid in best if score >= 60]
    by_id = mine.in_bulk(close)
    raise Ambiguous(text, [by_id[pid] for pid in close if pid in by_id])
