"""Warm paths: the best few routes from me to a person or to anyone in a group, and everyone within a few hops.

A path's score is the product of its tie weights times hop_penalty^(hops - 1): a direct tie of weight w scores
w, and each further hop costs a factor. That is a shortest path on cost -log(w) - log(hop_penalty) per tie
(see search.py for how one cheapest path is found, exactly, under a hop bound).

Several paths to one person should not be the same route told three ways, so they are chosen greedily:
1. the best path;
2. then, while one exists, the best path through none of the intermediaries used so far (a direct tie counts
   once): alternatives that do not depend on the same people;
3. when no such path is left, the best path whose first hop (the person I would ask) is new, even if it goes
   on through someone already used; and fewer than k paths when there is none.
Each step is one exact search with those people blocked, so the answer is exact for that definition (the tests
check it against exhaustive search on small graphs), and costs k searches.

Towards a group (everyone at an organisation, everyone with a tag) the k paths end at k different people: the
best path to anyone in the group, then the best to anyone else, and so on. A group with one person in it
(besides me) is treated as that person.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from netweave.ripple.engine.search import Query, cheapest, gather
from netweave.ripple.engine.snapshot import Snapshot


@dataclass(frozen=True)
class WarmPath:
    """A route from me: its nodes (me first), its score, and the weight of each tie along it."""

    nodes: list[int]
    score: float
    weights: list[float]

    @property
    def hops(self) -> int:
        return len(self.nodes) - 1

    @property
    def target(self) -> int:
        return self.nodes[-1]


def best_paths(snap: Snapshot, source: int, targets, *, k: int = 3, max_hops: int = 4, hop_penalty: float = 0.7,
               exclude: Iterable[int] = ()) -> list[WarmPath]:
    """The k best simple paths of at most max_hops ties from `source` to `targets` (one node, an iterable of
    nodes or a boolean mask), best first; `exclude` are people no path may go through (they may still be a
    target)."""
    _check(snap, source, max_hops, hop_penalty)
    goal = _targets(snap, targets)
    goal = goal[goal != source]
    blocked = _nodes(snap, exclude, "exclude")
    if k <= 0 or goal.size == 0:
        return []
    step = -math.log(hop_penalty)
    found: list[WarmPath] = []
    if goal.size == 1:
        used: set[int] = set()  # intermediaries of the paths so far
        firsts: set[int] = set()
        disjoint = True
        while len(found) < k:
            path = None
            if disjoint:
                banned = [int(goal[0])] if int(goal[0]) in firsts else []  # the direct tie, once
                path = _one(snap, source, goal, max_hops, step, np.union1d(blocked, list(used)), banned)
                disjoint = path is not None
            if not disjoint:
                path = _one(snap, source, goal, max_hops, step, blocked, sorted(firsts))
            if path is None:
                break
            found.append(_warm(snap, path, hop_penalty))
            used.update(path[1:-1])
            firsts.add(path[1])
    else:
        remaining = goal
        while len(found) < k and remaining.size:
            path = _one(snap, source, remaining, max_hops, step, blocked, [])
            if path is None:
                break
            found.append(_warm(snap, path, hop_penalty))
            remaining = remaining[remaining != path[-1]]
    return found


def reachable_within(snap: Snapshot, source: int, hops: int, *, hop_penalty: float = 0.7,
                     exclude: Iterable[int] = ()) -> dict[int, tuple[float, int | None]]:
    """Everyone within `hops` ties of `source`: node -> (best score, via), via being the first hop of that best
    path (the contact to ask), or None for a direct tie; `exclude` are people no path may go through."""
    _check(snap, source, max(hops, 1), hop_penalty)
    step = -math.log(hop_penalty)
    blocked = np.zeros(snap.n, dtype=bool)
    blocked[_nodes(snap, exclude, "exclude")] = True
    frontier = np.array([source], dtype=np.int64)
    frontier_cost = np.zeros(1)
    best = np.full(snap.n, np.inf)  # reachable sets can be most of the graph: dense beats dicts here
    best[source] = 0.0
    via = np.full(snap.n, -1, dtype=np.int64)
    touched = [frontier]
    for level in range(hops):
        pos, idx = gather(snap, frontier)
        if idx.size == 0:
            break
        v = snap.indices[idx].astype(np.int64)
        x = frontier_cost[pos] + (step - np.log(snap.weights[idx].astype(np.float64)))
        hop1 = v if level == 0 else via[frontier[pos]]
        order = np.lexsort((x, v))  # per node, its cheapest candidate first
        v, x, hop1 = v[order], x[order], hop1[order]
        head = np.ones(v.shape[0], dtype=bool)
        head[1:] = v[1:] != v[:-1]
        v, x, hop1 = v[head], x[head], hop1[head]
        better = x < best[v]
        reached, reached_cost = v[better], x[better]
        best[reached] = reached_cost
        via[reached] = hop1[better]
        touched.append(reached)
        onward = ~blocked[reached]  # excluded people can be reached but not gone through
        frontier, frontier_cost = reached[onward], reached_cost[onward]
        if frontier.size == 0:
            break
    reached = np.unique(np.concatenate(touched))
    reached = reached[reached != source]
    scores = np.exp(-best[reached]) / hop_penalty
    return {int(node): (float(score), None if via[node] == node else int(via[node]))
            for node, score in zip(reached, scores)}


def _one(snap, source, goal, max_hops, step, blocked, banned) -> list[int] | None:
    query = Query(source=int(source), targets=goal, max_hops=max_hops, step=step,
                  blocked=np.asarray(blocked, dtype=np.int64), first_banned=np.asarray(banned, dtype=np.int64))
    result = cheapest(snap, query)
    return None if result is None else _simple(result[1])


def _simple(walk: list[int]) -> list[int]:
    """The walk with its cycles cut out (only zero-cost cycles can survive the search, but be sure)."""
    path: list[int] = []
    seen: dict[int, int] = {}
    for node in walk:
        if node in seen:
            for gone in path[seen[node] + 1:]:
                del seen[gone]
            del path[seen[node] + 1:]
        else:
            seen[node] = len(path)
            path.append(node)
    return path


def _warm(snap: Snapshot, nodes: list[int], hop_penalty: float) -> WarmPath:
    weights = [snap.weight(a, b) for a, b in zip(nodes, nodes[1:])]
    return WarmPath(nodes=nodes, score=math.prod(weights) * hop_penalty ** (len(weights) - 1), weights=weights)


def _check(snap: Snapshot, source: int, max_hops: int, hop_penalty: float) -> None:
    if not 0 <= int(source) < snap.n:
        raise ValueError(f"source {source} is not a node (0..{snap.n - 1})")
    if max_hops < 1 or max_hops > 120:  # levels are stored as int8
        raise ValueError(f"max_hops must be between 1 and 120, not {max_hops}")
    if not 0 < hop_penalty <= 1:
        raise ValueError(f"hop_penalty must lie in (0, 1], not {hop_penalty}")


def _targets(snap: Snapshot, targets) -> np.ndarray:
    """Targets as sorted unique node ids."""
    if isinstance(targets, (int, np.integer)):
        return _nodes(snap, [int(targets)], "target")
    array = np.asarray(targets if not isinstance(targets, (set, frozenset)) else sorted(targets))
    if array.dtype == bool:
        if array.shape != (snap.n,):
            raise ValueError(f"a target mask must have one entry per node ({snap.n}), not {array.shape}")
        return np.flatnonzero(array)
    return _nodes(snap, array, "target")


def _nodes(snap: Snapshot, values, what: str) -> np.ndarray:
    array = np.unique(np.asarray(list(values) if not isinstance(values, np.ndarray) else values, dtype=np.int64))
    if array.size and (array[0] < 0 or array[-1] >= snap.n):
        raise ValueError(f"{what} {array[0] if array[0] < 0 else array[-1]} is not a node (0..{snap.n - 1})")
    return array
