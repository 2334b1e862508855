"""The one search behind every path query: the cheapest path of at most H hops between a source and a set of
targets, on cost(edge) = -log(weight) - log(hop_penalty), so that the cheapest path has the best score.

Why this shape. A plain Dijkstra is wrong under a hop bound (the cheapest route may need five hops when four
are allowed, while a dearer one fits) and slow at a million nodes (four hops from anyone reach most of the
graph). So the search runs in layers instead: a side's level h holds the nodes whose cheapest path of at most
h hops got cheaper at h (a node keeps at most one label per hop count, and only labels no shorter path beats:
exact under the bound). Two sides grow, one from the source and one from the targets, always the side whose
frontier has fewer ties to read, until their levels add up to H; every new label is checked against the other
side's labels at the same node, which gives the best meeting so far. The last layer is only a join against the
other side, never stored: from a typical person it reads a few thousand ties instead of millions.

Pruning keeps hubs cheap. Rows are stored strongest tie first, so once a meeting is known, a frontier node
whose remaining budget admits only ties stronger than some threshold reads only the prefix of its row above it
(a vectorised binary search per row); nodes whose cost already reaches the best meeting are not expanded.

Exactness. Joining two sides can give a walk that repeats a node; its cycle removed, it is a simple path that
is no dearer, has fewer hops and (as the source and the targets are never passed through) keeps its endpoints
and first hop. So the cheapest walk found costs the same as the cheapest simple path, which the caller gets
after removing cycles. Tests check this against exhaustive search.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from netweave.ripple.engine.snapshot import Snapshot, Workspace

_SHORT_ROW = 8  # rows this short are read whole and filtered, cheaper than searching them


def gather(snap: Snapshot, nodes: np.ndarray, thresholds: np.ndarray | None = None):
    """The ties of `nodes` (only those at least as strong as each node's threshold, when given): the position in
    `nodes` each tie comes from, and the ties' positions in the snapshot's arrays."""
    starts = snap.indptr[nodes]
    ends = snap.indptr[nodes + 1]
    if thresholds is not None:
        ends = _cut(snap.weights, starts, ends, thresholds)
    lengths = ends - starts
    total = int(lengths.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    pos = np.repeat(np.arange(nodes.shape[0]), lengths)
    offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return pos, offsets + np.arange(total)


def _cut(weights: np.ndarray, starts: np.ndarray, ends: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Each row's end moved to its first tie weaker than the row's threshold (rows are strongest first)."""
    lo = starts.copy()
    hi = ends.copy()
    long_rows = np.flatnonzero(hi - lo > _SHORT_ROW)
    if long_rows.size == 0:
        return ends
    a, b, thr = lo[long_rows], hi[long_rows], thresholds[long_rows]
    last = weights.shape[0] - 1
    for _ in range(int((b - a).max()).bit_length() + 1):
        open_ = a < b
        mid = (a + b) >> 1
        strong = open_ & (weights[np.minimum(mid, last)] >= thr)
        a = np.where(strong, mid + 1, a)
        b = np.where(open_ & ~strong, mid, b)
    hi[long_rows] = a
    return hi


@dataclass
class Side:
    """One side of the search: its levels (nodes, costs, predecessors) and the dense best cost per node."""

    index: int
    space: Workspace
    levels: list = field(default_factory=list)

    @property
    def cost(self) -> np.ndarray:
        return self.space.cost[self.index]

    @property
    def level(self) -> np.ndarray:
        return self.space.level[self.index]

    def add_level(self, nodes: np.ndarray, costs: np.ndarray, preds: np.ndarray) -> None:
        self.cost[nodes] = costs
        self.level[nodes] = len(self.levels)
        self.levels.append((nodes, costs, preds))

    def chain(self, node: int, level: int) -> list[int]:
        """The nodes from `node` (a label at `level`) back to this side's seed."""
        out = [int(node)]
        while level > 0:
            nodes, _, preds = self.levels[level]
            node = int(preds[np.flatnonzero(nodes == node)[0]])
            out.append(node)
            level -= 1
        return out

    def reset(self) -> None:
        for nodes, _, _ in self.levels:
            self.cost[nodes] = np.inf
            self.level[nodes] = 0
        self.levels.clear()


@dataclass
class Query:
    """One cheapest-path question. `blocked` nodes may not be intermediaries; `first_banned` nodes may not be the
    first hop (a banned target forbids the direct tie)."""

    source: int
    targets: np.ndarray
    max_hops: int
    step: float  # -log(hop_penalty), added to every tie's cost
    blocked: np.ndarray
    first_banned: np.ndarray


def cheapest(snap: Snapshot, query: Query) -> tuple[float, list[int]] | None:
    """The cheapest walk from the source to any target within the hop bound, as (cost, nodes), or None."""
    space = snap.workspace()
    forward, backward = Side(0, space), Side(1, space)
    try:
        space.target[query.targets] = True
        space.blocked[query.blocked] = True
        forward.add_level(np.array([query.source], dtype=np.int64), np.zeros(1), np.full(1, -1))
        backward.add_level(query.targets.astype(np.int64), np.zeros(query.targets.shape[0]),
                           np.full(query.targets.shape[0], -1))
        return _search(snap, query, forward, backward)
    finally:
        forward.reset()
        backward.reset()
        space.target[query.targets] = False
        space.blocked[query.blocked] = False


def _search(snap: Snapshot, query: Query, forward: Side, backward: Side):
    best, meet = math.inf, None
    for done in range(query.max_hops):
        fronts = [_frontier(snap, query, side, best) for side in (forward, backward)]
        work = [None if f is None else int(snap.degree_of[f[0]].sum()) for f in fronts]
        if work[0] is None and work[1] is None:
            break
        which = 0 if work[1] is None or (work[0] is not None and work[0] <= work[1]) else 1
        side, other = (forward, backward) if which == 0 else (backward, forward)
        nodes, costs = fronts[which]
        final = done + 1 == query.max_hops
        found = _expand(snap, query, side, other, nodes, costs, best, store=not final)
        if found is not None and found[0] < best:
            best, meet = found
    if meet is None:
        return None
    which, u, u_level, v, v_level = meet
    if which == 0:
        path = forward.chain(u, u_level)[::-1] + backward.chain(v, v_level)
    else:
        path = forward.chain(v, v_level)[::-1] + backward.chain(u, u_level)
    return best, path


def _frontier(snap: Snapshot, query: Query, side: Side, best: float):
    """The last level's nodes that may still lead somewhere better than `best`, or None."""
    nodes, costs, _ = side.levels[-1]
    if side.index == 0:
        keep = ~side.space.target[nodes]  # a path never runs on through a target
    else:
        keep = nodes != query.source
    keep &= costs + query.step < best
    if not keep.all():
        nodes, costs = nodes[keep], costs[keep]
    return (nodes, costs) if nodes.size else None


def _expand(snap, query: Query, side: Side, other: Side, nodes, costs, best: float, *, store: bool):
    """Follow the frontier's ties one hop: return the best meeting with the other side it makes, as
    (cost, (side, u, u_level, v, v_level)), and add the improved labels as a new level when `store`."""
    space = side.space
    thresholds = None
    if best < math.inf:
        # A tie is worth following only if costs + step - log(w) < best, i.e. w > exp(step + costs - best).
        thresholds = np.exp(query.step + costs - best) * (1 - 1e-9)
    pos, idx = gather(snap, nodes, thresholds)
    if idx.size == 0:
        return _nothing(side, store)
    v = snap.indices[idx].astype(np.int64)
    x = costs[pos] + (query.step - np.log(snap.weights[idx].astype(np.float64)))
    u_level = len(side.levels) - 1
    if side.index == 0:
        ok = ~space.blocked[v] | space.target[v]
        if u_level == 0 and query.first_banned.size:
            ok &= ~np.isin(v, query.first_banned)
    else:
        at_source = v == query.source
        ok = ~space.blocked[v] | at_source
        if query.first_banned.size and at_source.any():
            ok &= ~(at_source & np.isin(nodes[pos], query.first_banned))
    if best < math.inf:
        ok &= x < best
    if not ok.all():
        pos, v, x = pos[ok], v[ok], x[ok]
        if v.size == 0:
            return _nothing(side, store)
    found = None
    total = x + other.cost[v]
    i = int(np.argmin(total))
    if total[i] < best:
        found = (float(total[i]), (side.index, int(nodes[pos[i]]), u_level, int(v[i]), int(other.level[v[i]])))
    if store:
        _store(side, nodes, pos, v, x)
    return found


def _nothing(side: Side, store: bool) -> None:
    """An expansion that reached no one: its level is empty, so the side's frontier is spent."""
    if store:
        side.levels.append((np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0, dtype=np.int64)))


def _store(side: Side, nodes, pos, v, x) -> None:
    """Keep, per reached node, its cheapest new label if it beats the node's best so far."""
    space = side.space
    scratch, stamp = space.scratch, space.stamp
    np.minimum.at(scratch, v, x)
    winner = x == scratch[v]
    v_w, x_w, pos_w = v[winner], x[winner], pos[winner]
    scratch[v] = np.inf
    # One winner per node: whichever write landed is the one whose stamp matches (order of writes is immaterial).
    ticket = np.arange(v_w.shape[0])
    stamp[v_w] = ticket
    one = stamp[v_w] == ticket
    v_w, x_w, pos_w = v_w[one], x_w[one], pos_w[one]
    better = x_w < side.cost[v_w]
    if better.any():
        side.add_level(v_w[better], x_w[better], nodes[pos_w[better]])
    else:
        side.levels.append((v_w[:0], x_w[:0], pos_w[:0]))
