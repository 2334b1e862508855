"""The shape of my network, from ripple.lab.analytics: brokers, communities, bridging ties, dormant bridges worth
reviving, and who should meet whom.

What is analysed: my contacts and their ties to one another (not me: I am tied to everyone, which would make me
the only broker and every pair's common contact), keeping ties of weight MIN_WEIGHT or more; a weaker one (an old
mass mail) says nothing about who bridges whom. Past `size` people (2,000 by default) the `size` most connected
are kept, and the answer says how many of how many: a network of 30,000 is sampled where it is densest, since
betweenness costs a search per source. Betweenness is estimated from SAMPLES sources, seeded, so the same
network gives the same answer. Results are kept per network stamp, so asking twice costs nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from netweave.core.errors import Invalid
from netweave.ripple import cache

if TYPE_CHECKING:
    import networkx as nx

# networkx and scipy (through the lab's analytics) load on first use: every web worker imports this module
# with the URLs, and their tens of thousands of objects make each of its garbage collections slower.

MIN_WEIGHT = 0.2
DEFAULT_SIZE, MAX_SIZE = 2000, 10000
SAMPLES = 128
DORMANT_STRENGTH = 20  # my strength below this, and
DORMANT_DAYS = 365  # no contact for this long: a bridge gone quiet
CANDIDATES = 2000  # pairs asked of the predictor; many are already weakly tied and are dropped
PREDICTORS = ("resource_allocation", "adamic_adar", "common_neighbours", "jaccard", "katz_0.005")
_results: dict = {}


@dataclass
class Scope:
    people: int  # analysed
    of: int  # my people with at least one tie of MIN_WEIGHT to another of them
    ties: int
    min_weight: float = MIN_WEIGHT


@dataclass
class Analysis:
    """The analysed subgraph (networkx, nodes are network nodes), its communities, and the scores."""

    scope: Scope
    graph: "nx.Graph"
    groups: list[set]
    between: dict
    constraint: dict


def check_size(size: int) -> None:
    if not 10 <= size <= MAX_SIZE:
        raise Invalid({"size": f"must be between 10 and {MAX_SIZE}"})


def analyse(owner, *, size: int = DEFAULT_SIZE) -> tuple[object, Analysis]:
    """The network and its analysis, computed once per network stamp and size."""
    import networkx as nx

    from netweave.ripple.lab import analytics as A

    check_size(size)
    net = cache.network(owner)
    key = (cache._key(owner), repr(net.stamp), round(net.now, 2), size)
    if key in _results:
        return net, _results[key]
    contacts = (net.src > 0) & (net.weight >= MIN_WEIGHT)
    src, dst, weight = net.src[contacts], net.dst[contacts], net.weight[contacts]
    degree = np.bincount(src, minlength=net.n) + np.bincount(dst, minlength=net.n)
    tied = int((degree > 0).sum())
    if tied > size:
        keep = np.zeros(net.n, dtype=bool)
        keep[np.lexsort((np.arange(net.n), -degree))[:size]] = True  # most connected, lower node first on ties
        inside = keep[src] & keep[dst]
        src, dst, weight = src[inside], dst[inside], weight[inside]
    graph = nx.Graph()
    graph.add_weighted_edges_from(zip(src.tolist(), dst.tolist(), weight.tolist()))
    groups = A.communities(graph, seed=0) if graph.number_of_edges() else []
    between = A.betweenness(graph, seed=0, samples=SAMPLES) if graph.number_of_nodes() > SAMPLES else \
        A.betweenness(graph, seed=0)
    constraint = A.constraint(graph) if graph.number_of_edges() else {}
    analysis = Analysis(Scope(graph.number_of_nodes(), tied, graph.number_of_edges()), graph, groups, between,
                        constraint)
    if len(_results) > 8:
        _results.clear()
    _results[key] = analysis
    return net, analysis


# ---- the answers ------------------------------------------------------------------------------------------

@dataclass
class PersonRef:
    id: int
    name: str


@dataclass
class BrokerItem:
    person_id: int
    display_name: str
    betweenness: float
    constraint: float | None
    ties: int
    groups: int  # communities among their contacts
    why: str


@dataclass
class Community:
    index: int
    size: int
    label: str
    members: list[PersonRef]  # the most connected few
    organisation: str | None


@dataclass
class BridgeItem:
    a: PersonRef
    b: PersonRef
    groups: tuple[int, int]
    common: int
    overlap: float
    why: str


@dataclass
class DormantBridge:
    person_id: int
    display_name: str
    strength: int | None
    last_contact: str | None
    groups: int
    why: str


@dataclass
class Suggestion:
    a: PersonRef
    b: PersonRef
    score: float
    common: int
    via: list[PersonRef] = field(default_factory=list)
    why: str = ""


def _names(owner, net, nodes) -> dict[int, str]:
    from netweave.people.models import Person

    ids = [net.person(n) for n in set(nodes) if n]
    names = dict(Person.objects.filter(owner=owner, pk__in=ids).values_list("id", "display_name"))
    return {n: names.get(net.person(n), "") for n in set(nodes) if n}


def _group_count(analysis: Analysis, node, where: dict) -> int:
    return len({where[m] for m in analysis.graph.neighbors(node) if m in where} | ({where[node]} if node in where
                                                                                    else set()))


def brokers(owner, *, limit: int = 10, size: int = DEFAULT_SIZE, by: str = "betweenness") -> dict:
    """The people who tie otherwise separate groups of my contacts together: highest betweenness (or lowest
    constraint), among those with two ties or more."""
    from netweave.ripple.lab import analytics as A

    if by not in ("betweenness", "constraint"):
        raise Invalid({"by": "is betweenness or constraint"})
    net, an = analyse(owner, size=size)
    where = A.community_index(an.groups)
    candidates = [node for node, d in an.graph.degree if d >= 2]
    if by == "betweenness":
        candidates.sort(key=lambda n: (-an.between.get(n, 0.0), an.constraint.get(n, 1.0), n))
    else:
        candidates.sort(key=lambda n: (an.constraint.get(n, 1.0), -an.between.get(n, 0.0), n))
    top = candidates[:limit]
    names = _names(owner, net, top)
    items = []
    for node in top:
        groups = _group_count(an, node, where)
        ties = an.graph.degree(node)
        items.append(BrokerItem(net.person(node), names[node], round(an.between.get(node, 0.0), 5),
                                None if node not in an.constraint else round(an.constraint[node], 4), ties, groups,
                                f"{ties} ties reaching into {groups} group{'s' if groups != 1 else ''}"))
    return {"scope": asdict(an.scope), "by": by, "items": [asdict(i) for i in items]}


def communities(owner, *, limit: int = 20, size: int = DEFAULT_SIZE) -> dict:
    """Groups of my contacts who are densely tied to one another, largest first, each named by its most
    connected members and the organisation most of them share, if one does."""
    from netweave.people.models import Person

    net, an = analyse(owner, size=size)
    shown = an.groups[:limit]
    leaders = {}
    for index, group in enumerate(shown):
        leaders[index] = sorted(group, key=lambda n: (-an.graph.degree(n), n))[:5]
    names = _names(owner, net, [n for ls in leaders.values() for n in ls])
    orgs = {}
    for index, group in enumerate(shown):
        people = [net.person(n) for n in group]
        found = Counter(Person.objects.filter(owner=owner, pk__in=people, current_organisation__isnull=False)
                        .values_list("current_organisation__name", flat=True))
        top = found.most_common(1)
        orgs[index] = top[0][0] if top and top[0][1] >= max(2, 0.3 * len(group)) else None
    items = []
    for index, group in enumerate(shown):
        members = [PersonRef(net.person(n), names[n]) for n in leaders[index]]
        label = orgs[index] or ", ".join(m.name for m in members[:2]) + (" and others" if len(group) > 2 else "")
        items.append(Community(index + 1, len(group), label, members, orgs[index]))
    return {"scope": asdict(an.scope), "count": len(an.groups), "items": [asdict(i) for i in items]}


def bridges(owner, *, limit: int = 20, size: int = DEFAULT_SIZE) -> dict:
    """Ties between two communities, those whose ends share the fewest contacts first: the ties that carry news
    from one group to another."""
    from netweave.ripple.lab import analytics as A

    net, an = analyse(owner, size=size)
    where = A.community_index(an.groups)
    found = A.bridging_ties(an.graph, an.groups)[:limit]
    names = _names(owner, net, [n for t in found for n in (t.u, t.v)])
    items = [BridgeItem(PersonRef(net.person(t.u), names[t.u]), PersonRef(net.person(t.v), names[t.v]),
                        (where[t.u] + 1, where[t.v] + 1), t.common, round(t.overlap, 4),
                        f"joins group {where[t.u] + 1} and group {where[t.v] + 1}; "
                        f"{t.common} contact{'s' if t.common != 1 else ''} in common")
             for t in found]
    return {"scope": asdict(an.scope), "items": [asdict(i) for i in items]}


def dormant_bridges(owner, *, limit: int = 10, size: int = DEFAULT_SIZE) -> dict:
    """Brokers and ends of bridging ties whom I have let go quiet (strength under DORMANT_STRENGTH, no contact for
    a year or more): reviving one reopens a whole group. Best bridges first."""
    from netweave.ripple.lab import analytics as A

    from datetime import timedelta

    from netweave.core import clock
    from netweave.people.models import Person

    net, an = analyse(owner, size=size)
    where = A.community_index(an.groups)
    ends = {n for t in A.bridging_ties(an.graph, an.groups) for n in (t.u, t.v)}
    candidates = {n for n, _ in sorted(an.between.items(), key=lambda kv: -kv[1])[:max(limit * 20, 200)]} | ends
    cutoff = clock.now() - timedelta(days=DORMANT_DAYS)
    rows = {pid: (name, last, score) for pid, name, last, score in Person.objects.filter(
        owner=owner, pk__in=[net.person(n) for n in candidates], archived=False)
        .values_list("id", "display_name", "last_contact_at", "strength__score")}
    items = []
    for node in sorted(candidates, key=lambda n: (-an.between.get(n, 0.0), n)):
        name, last, score = rows.get(net.person(node), (None, None, None))
        if name is None or (score or 0) >= DORMANT_STRENGTH or (last is not None and last > cutoff):
            continue
        groups = _group_count(an, node, where)
        if groups < 2:
            continue
        quiet = f"last contact {last.date().isoformat()}" if last else "no contact logged"
        items.append(DormantBridge(net.person(node), name, score, last.date().isoformat() if last else None, groups,
                                   f"ties into {groups} groups; {quiet}"))
        if len(items) >= limit:
            break
    return {"scope": asdict(an.scope), "items": [asdict(i) for i in items]}


def who_should_meet(owner, *, limit: int = 10, size: int = DEFAULT_SIZE,
                    predictor: str = "resource_allocation") -> dict:
    """Pairs of my contacts not yet tied in any way that link prediction rates best, with the people they have in
    common; pairs I already have an introduction under way for are left out."""
    from netweave.ripple.lab import analytics as A

    from netweave.givefirst.introductions import ACTIVE
    from netweave.givefirst.models import Introduction

    if predictor not in PREDICTORS:
        raise Invalid({"predictor": f"is one of {', '.join(PREDICTORS)}"})
    if not 1 <= limit <= 100:
        raise Invalid({"limit": "must be between 1 and 100"})
    net, an = analyse(owner, size=size)
    if an.graph.number_of_edges() == 0:
        return {"scope": asdict(an.scope), "predictor": predictor, "items": []}
    pending = set()
    for a, b in (Introduction.objects.filter(owner=owner, state__in=ACTIVE).values_list("person_a_id", "person_b_id")):
        pending.add((min(a, b), max(a, b)))
    found = A.suggest_pairs(an.graph, predictor=predictor, limit=min(CANDIDATES, limit * 20) + len(pending))
    kept = []
    for s in found:
        pa, pb = net.person(s.a), net.person(s.b)
        if net.edge(s.a, s.b) is not None or (min(pa, pb), max(pa, pb)) in pending:
            continue  # already tied (a weak tie the analysis left out), or already being introduced
        kept.append(s)
        if len(kept) >= limit:
            break
    names = _names(owner, net, [n for s in kept for n in (s.a, s.b, *s.via)])
    items = [Suggestion(PersonRef(net.person(s.a), names[s.a]), PersonRef(net.person(s.b), names[s.b]),
                        round(float(s.score), 5), s.common, [PersonRef(net.person(v), names[v]) for v in s.via],
                        _reason(s, names))
             for s in kept]
    return {"scope": asdict(an.scope), "predictor": predictor, "items": [asdict(i) for i in items]}


def _reason(s, names: dict) -> str:
    if not s.common:
        return s.reason
    shown = ", ".join(names[v] for v in s.via[:3])
    more = f" and {s.common - 3} more" if s.common > 3 else ""
    return f"both know {shown}{more}"
