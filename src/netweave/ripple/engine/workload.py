"""The benchmark's questions, drawn at random from a graph, and a short description of the graph's shape."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netweave.ripple.engine.search import gather
from netweave.ripple.engine.snapshot import Snapshot


@dataclass
class Workload:
    """Path questions to a person (source, target, hops apart) and to a group (source, the group's members,
    which organisation); the two-hop questions reuse the group ones."""

    person: list[tuple[int, int, int]]
    group: list[tuple[int, np.ndarray, int]]


class Organisations:
    """Each organisation's members, found without scanning every node."""

    def __init__(self, org_of_node: np.ndarray):
        self.org = org_of_node
        self.members = np.argsort(org_of_node, kind="stable")
        sizes = np.bincount(org_of_node)
        self.starts = np.concatenate([[0], np.cumsum(sizes)])

    def of(self, org: int) -> np.ndarray:
        return self.members[self.starts[org]:self.starts[org + 1]]


def draw(snap: Snapshot, org_of_node: np.ndarray, count: int, rng: np.random.Generator, *,
         sources: np.ndarray | None = None) -> Workload:
    """`count` questions of each kind: "me" is a random person with at least one tie (or one of `sources`); the
    person is 2, 3 or 4 hops away (equally often); the organisation is that of a random person not at mine."""
    degree = snap.degrees()
    orgs = Organisations(org_of_node)
    connected = np.flatnonzero(degree > 0)
    if connected.size == 0:
        return Workload([], [])
    pool = connected if sources is None else np.asarray(sources)
    person: list[tuple[int, int, int]] = []
    for _ in range(count * 20):  # some people have no one at the drawn distance
        if len(person) == count:
            break
        source = int(rng.choice(pool))
        hops = int(rng.integers(2, 5))
        ring = _ring(snap, source, hops, rng)
        if ring.size:
            person.append((source, int(rng.choice(ring)), hops))
    group: list[tuple[int, np.ndarray, int]] = []
    for _ in range(count * 20):
        if len(group) == count:
            break
        source = int(rng.choice(pool))
        org = int(org_of_node[rng.integers(snap.n)])
        if org != org_of_node[source]:
            group.append((source, orgs.of(org), org))
    return Workload(person, group)


def _ring(snap: Snapshot, source: int, hops: int, rng: np.random.Generator) -> np.ndarray:
    """Some of the people exactly `hops` ties from source: the levels before are found in full, the last one
    only from a sample of the level before it (anyone new next to a node at hops - 1 is at hops)."""
    seen = np.zeros(snap.n, dtype=bool)
    seen[source] = True
    level = np.array([source], dtype=np.int64)
    for depth in range(1, hops + 1):
        if depth == hops and level.size > 64:
            level = rng.choice(level, size=64, replace=False)
        _, idx = gather(snap, level)
        mark = np.zeros(snap.n, dtype=bool)
        mark[snap.indices[idx]] = True
        mark &= ~seen
        level = np.flatnonzero(mark)
        seen |= mark
        if level.size == 0:
            break
    return level


def describe(snap: Snapshot, org_of_node: np.ndarray, rng: np.random.Generator, wedges: int = 20_000) -> dict:
    """Degrees, organisation sizes, tie strengths and clustering, so a reader can judge the graph's realism."""
    degree = snap.degrees()
    sizes = np.bincount(org_of_node)
    sizes = sizes[sizes > 0]
    return {
        "degree": {"mean": round(float(degree.mean()), 2), "p50": int(np.median(degree)),
                   "p99": int(np.percentile(degree, 99)), "max": int(degree.max(initial=0)),
                   "isolated": int((degree == 0).sum()), "at_least_1000": int((degree >= 1000).sum()),
                   "at_least_10000": int((degree >= 10_000).sum())},
        "organisations": {"count": int(sizes.size), "p50": int(np.median(sizes)) if sizes.size else 0,
                          "p99": int(np.percentile(sizes, 99)) if sizes.size else 0,
                          "largest": int(sizes.max(initial=0))},
        "weight": {f"p{q}": round(float(np.percentile(snap.weights, q)), 3) for q in (10, 50, 90, 99)}
        if snap.m else {},
        "transitivity": _transitivity(snap, degree, rng, wedges),
        "mean_local_clustering": _local_clustering(snap, degree, rng, wedges),
    }


def _local_clustering(snap: Snapshot, degree: np.ndarray, rng: np.random.Generator, wedges: int) -> float | None:
    """The mean over people (with two ties or more) of the share of their contacts' pairs who know each other,
    estimated from 20 random pairs of each of wedges / 20 random people."""
    people = np.flatnonzero(degree >= 2)
    if people.size == 0:
        return None
    shares = []
    for person in rng.choice(people, size=max(wedges // 20, 1)):
        nodes, _ = snap.neighbours(int(person))
        picks = [rng.choice(nodes.shape[0], size=2, replace=False) for _ in range(20)]
        shares.append(sum(snap.weight(int(nodes[a]), int(nodes[b])) > 0 for a, b in picks) / 20)
    return round(float(np.mean(shares)), 4)


def _transitivity(snap: Snapshot, degree: np.ndarray, rng: np.random.Generator, wedges: int) -> float | None:
    """The share of closed wedges (global clustering), estimated from random wedges."""
    pairs = degree.astype(np.float64) * (degree - 1) / 2
    if pairs.sum() == 0:
        return None
    centres = np.searchsorted(np.cumsum(pairs), rng.random(wedges) * pairs.sum(), side="right")
    closed = 0
    for centre in centres:
        nodes, _ = snap.neighbours(int(centre))
        a, b = rng.choice(nodes.shape[0], size=2, replace=False)
        closed += snap.weight(int(nodes[a]), int(nodes[b])) > 0
    return round(closed / wedges, 4)
