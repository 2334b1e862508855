"""Reads of my network that pages share: the ego network a graph view draws (filtered by circle, tag or
organisation, up to 5,000 people) and a warm path as a list of node ids to highlight on it.

Node ids are person ids, and 0 is me, in both."""

from __future__ import annotations

import numpy as np

from netweave.core.errors import Invalid
from netweave.ripple import cache, graph
from netweave.ripple.engine.paths import best_paths

MAX_NODES = 5000
MAX_EDGES = 50000
CHUNK = 5000


def ego_network(owner, *, circle: str = "", tag: str = "", organisation: str = "", limit: int = MAX_NODES,
                min_weight: float = 0.0, max_edges: int = MAX_EDGES) -> dict:
    """Me and up to `limit` of my people (those I am closest to first) who pass the filters, with the ties among
    them (strongest first, at most `max_edges` besides mine). Each node: id, name, circle, tags, org, strength;
    each edge: source, target, weight, kinds."""
    from netweave.people.queries import people_list

    errors = {}
    if not 1 <= limit <= MAX_NODES:
        errors["limit"] = f"must be between 1 and {MAX_NODES}"
    if not 0 <= min_weight <= 1:
        errors["min_weight"] = "must be between 0 and 1"
    if not 0 <= max_edges <= MAX_EDGES:
        errors["max_edges"] = f"must be between 0 and {MAX_EDGES}"
    if errors:
        raise Invalid(errors)
    net = cache.network(owner)
    ids = np.array(list(people_list(owner, circle=circle, tag=tag, organisation=organisation).order_by()
                        .values_list("id", flat=True)), dtype=np.int64)
    nodes = net.nodes(ids)
    nodes = nodes[nodes > 0]
    mine = np.zeros(net.n)
    me = net.src == 0
    mine[net.dst[me]] = net.weight[me]
    chosen = nodes[np.lexsort((nodes, -mine[nodes]))][:limit]
    selected = np.zeros(net.n, dtype=bool)
    selected[chosen] = True
    among = selected[net.src] & selected[net.dst] & (net.weight >= min_weight)
    pick = np.flatnonzero(among)
    pick = pick[np.argsort(-net.weight[pick], kind="stable")][:max_edges]
    mine_edges = np.flatnonzero(me & selected[net.dst])
    rows = np.concatenate([mine_edges, pick])
    people = _people(owner, [net.person(n) for n in chosen])
    edges = [{"source": net.person(int(net.src[i])) or 0, "target": net.person(int(net.dst[i])),
              "weight": round(float(net.weight[i]), 4), "kinds": graph.kind_names(int(net.kinds[i]))} for i in rows]
    return {"me": {"id": 0, "name": owner.get_full_name() or owner.get_username()},
            "nodes": [people[net.person(n)] for n in chosen if net.person(n) in people],
            "edges": edges, "matching": int(len(nodes)), "shown": int(len(chosen)),
            "truncated": bool(len(nodes) > len(chosen) or int(among.sum()) > len(pick))}


def _people(owner, ids: list[int]) -> dict[int, dict]:
    from netweave.people.models import Person

    out: dict[int, dict] = {}
    for start in range(0, len(ids), CHUNK):
        part = ids[start:start + CHUNK]
        for pid, name, circle, org, score in (Person.objects.filter(owner=owner, pk__in=part).values_list(
                "id", "display_name", "circle__name", "current_organisation__name", "strength__score")):
            out[pid] = {"id": pid, "name": name, "circle": circle, "tags": [], "org": org, "strength": score}
        for pid, tag in (Person.tags.through.objects.filter(person_id__in=part).order_by("tag__name")
                         .values_list("person_id", "tag__name")):
            if pid in out:
                out[pid]["tags"].append(tag)
    return out


def path_nodes(owner, person_id: int, *, max_hops: int = 4) -> list[int]:
    """The best warm path to a person as node ids, me (0) first; [] when they are not in my network."""
    from netweave.ripple.paths import HOP_PENALTY

    net = cache.network(owner)
    node = net.node(person_id)
    if node is None:
        return []
    found = best_paths(net.snapshot, 0, node, k=1, max_hops=max_hops, hop_penalty=HOP_PENALTY)
    return [net.person(n) or 0 for n in found[0].nodes] if found else []


def status(owner) -> dict:
    """The size of my network's graph and what its last refresh did."""
    net = cache.network(owner)
    counts = {name: int(((net.kinds & bit) > 0).sum()) for bit, name in graph.KIND_NAMES.items()}
    return {"people": net.n - 1, "ties": int(len(net.src)), "by_kind": counts,
            "snapshot_bytes": int(net.snapshot.nbytes), "last_refresh": dict(cache.last_refresh.get(owner.pk, {}))}
