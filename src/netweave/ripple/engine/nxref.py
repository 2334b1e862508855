"""The same queries answered with networkx, for the benchmark's speed-up and agreement figures.

Each is what one would write with networkx's own tools: bidirectional Dijkstra on cost -log(w) - log(hop_penalty)
(a weight function that returns None hides the people a step may not go through), towards one person or
towards a temporary node tied to everyone in a group. networkx has no hop bound: when its cheapest path is
longer than max_hops, a hop-bounded Dijkstra over (node, hops) states runs over networkx's adjacency instead.
(Walking nx.shortest_simple_paths, Yen's algorithm, until a path fits was tried first: at 100,000 nodes most
such questions had no answer after 60 s.) The two-hop query iterates over neighbours.
"""

from __future__ import annotations

import heapq
import math

import networkx as nx
import numpy as np

from netweave.ripple.engine.snapshot import Snapshot

_SUPER = -1  # a temporary node tied to everyone in a group at cost 0

def to_networkx(snap: Snapshot, hop_penalty: float) -> nx.Graph:
    """The snapshot as a networkx graph, each edge with its weight `w` and its search cost."""
    rows = np.repeat(np.arange(snap.n, dtype=np.int64), np.diff(snap.indptr))
    upper = rows < snap.indices
    weight = snap.weights[upper].astype(np.float64)
    cost = -math.log(hop_penalty) - np.log(weight)
    graph = nx.Graph()
    graph.add_nodes_from(range(snap.n))
    graph.add_edges_from((a, b, {"cost": c, "w": w}) for a, b, c, w in
                         zip(rows[upper].tolist(), snap.indices[upper].tolist(), cost.tolist(), weight.tolist()))
    return graph


def best_paths(graph: nx.Graph, source: int, targets, *, k: int, max_hops: int, exclude=(),
               trace: dict | None = None) -> list[list[int]]:
    """best_paths' answer (the same greedy choice of k paths), with networkx searches; `trace` counts the
    searches that needed the hop-bounded search because Dijkstra's path was too long."""
    trace = trace if trace is not None else {}
    exclude = set(exclude)
    group = {int(targets)} if isinstance(targets, (int, np.integer)) else {int(t) for t in targets}
    group.discard(source)
    if len(group) == 1:
        target = next(iter(group))
        found: list[list[int]] = []
        used: set[int] = set()
        firsts: set[int] = set()
        disjoint = True
        while len(found) < k:
            path = None
            if disjoint:
                banned = {target} if target in firsts else set()
                path = _one(graph, source, {target}, max_hops, exclude | used, banned, trace)
                disjoint = path is not None
            if not disjoint:
                path = _one(graph, source, {target}, max_hops, exclude, firsts, trace)
            if path is None:
                break
            found.append(path)
            used.update(path[1:-1])
            firsts.add(path[1])
        return found
    remaining = group
    found = []
    while len(found) < k and remaining:
        path = _one(graph, source, remaining, max_hops, exclude, set(), trace)
        if path is None:
            break
        found.append(path)
        remaining.discard(path[-1])
    return found


def _one(graph, source, targets: set[int], max_hops, blocked: set[int], banned: set[int], trace: dict):
    def cost(u, v, data):
        if (v in blocked and v not in targets and v != source) or (u in blocked and u not in targets and u != source):
            return None
        if (u == source and v in banned) or (v == source and u in banned):
            return None
        return data["cost"]

    try:
        if len(targets) == 1:
            _, path = nx.bidirectional_dijkstra(graph, source, next(iter(targets)), weight=cost)
        else:
            # Towards a group: a temporary node tied to every member at cost 0, and a bidirectional search to it
            # (networkx's multi_source_dijkstra from the group took minutes at a million nodes).
            graph.add_edges_from((t, _SUPER, {"cost": 0.0}) for t in targets)
            try:
                _, path = nx.bidirectional_dijkstra(graph, source, _SUPER, weight=cost)
            finally:
                graph.remove_node(_SUPER)
            path = path[:-1]
    except nx.NetworkXNoPath:
        return None
    if len(path) - 1 <= max_hops:
        return path
    trace["bounded"] = trace.get("bounded", 0) + 1
    return _bounded(graph, source, targets, max_hops, cost)


def _bounded(graph, source, targets: set[int], max_hops, cost) -> list[int] | None:
    """The cheapest path of at most max_hops from source to any target: Dijkstra over (node, hops) states over
    networkx's adjacency, as one writes it when networkx has no hop bound. A state is dropped when a state of
    the same node with no more hops was settled before it (so was no dearer)."""
    heap = [(0.0, 0, source, None)]
    settled: dict[int, int] = {}
    parent: dict[tuple[int, int], tuple[int, int] | None] = {}
    while heap:
        c, hops, node, before = heapq.heappop(heap)
        if settled.get(node, max_hops + 1) <= hops:
            continue
        settled[node] = hops
        parent[(node, hops)] = before
        if node in targets:
            path, state = [], (node, hops)
            while state is not None:
                path.append(state[0])
                state = parent[state]
            return path[::-1]
        if hops == max_hops:
            continue
        for nxt, data in graph[node].items():
            if settled.get(nxt, max_hops + 1) <= hops + 1:
                continue
            step = cost(node, nxt, data)
            if step is not None:
                heapq.heappush(heap, (c + step, hops + 1, nxt, (node, hops)))
    return None


def two_hop(graph: nx.Graph, source: int, members: set[int], *, limit: int, hop_penalty: float):
    """two_hop's answer by iterating over my contacts and theirs."""
    best: dict[int, tuple[float, int | None]] = {}
    mine = graph[source]
    for contact, data in mine.items():
        if contact in members:
            best[contact] = (data["w"], None)
    for contact, data in mine.items():
        w1 = data["w"]
        for target, data2 in graph[contact].items():
            if target in members and target != source and target not in mine:
                score = w1 * data2["w"] * hop_penalty
                if target not in best or score > best[target][0]:
                    best[target] = (score, contact)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    return [(target, via, score) for target, (score, via) in ranked]
