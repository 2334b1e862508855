"""The engine against exhaustive search on small random graphs: every simple path is listed and scored.

Best paths are checked step by step: given the paths the engine chose so far, its next one must be a best
path under the rule for that step (see paths.py), so ties between equally good paths cannot make the test
flaky, and a missing path is caught as surely as a wrong one.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from netweave.ripple.engine.paths import best_paths, reachable_within
from netweave.ripple.engine.snapshot import Snapshot
from netweave.ripple.engine import twohop
from netweave.ripple.engine.twohop import two_hop

WEIGHTS = st.one_of(st.sampled_from([1.0, 0.5, 0.25]), st.floats(0.01, 1.0))


@st.composite
def graphs(draw, max_nodes=8):
    n = draw(st.integers(2, max_nodes))
    node = st.integers(0, n - 1)
    edges = draw(st.lists(st.tuples(node, node, WEIGHTS), max_size=3 * n))
    return n, edges


def snapshot_and_adjacency(n, edges):
    src = np.array([e[0] for e in edges], dtype=np.int64)
    dst = np.array([e[1] for e in edges], dtype=np.int64)
    weight = np.array([e[2] for e in edges], dtype=np.float32)
    adj: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    for a, b, w in zip(src.tolist(), dst.tolist(), weight.tolist()):
        if a != b:
            adj[a][b] = adj[b][a] = max(adj[a].get(b, 0.0), w)
    return Snapshot.from_edges(n, src, dst, weight), adj


def simple_paths(adj, source, max_hops):
    out = []

    def walk(path):
        if len(path) > 1:
            out.append(list(path))
        if len(path) - 1 < max_hops:
            for nxt in adj[path[-1]]:
                if nxt not in path:
                    path.append(nxt)
                    walk(path)
                    path.pop()

    walk([source])
    return out


def score(adj, path, penalty):
    return math.prod(adj[a][b] for a, b in zip(path, path[1:])) * penalty ** (len(path) - 2)


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9)


@settings(max_examples=300, deadline=None)
@given(graph=graphs(), data=st.data())
def test_best_paths_to_one_person_follow_the_rule_exactly(graph, data):
    n, edges = graph
    snap, adj = snapshot_and_adjacency(n, edges)
    source, target = data.draw(st.integers(0, n - 1)), data.draw(st.integers(0, n - 1))
    k, max_hops = data.draw(st.integers(1, 4)), data.draw(st.integers(1, 4))
    penalty = data.draw(st.sampled_from([0.5, 0.7, 1.0]))
    exclude = set(data.draw(st.lists(st.integers(0, n - 1), max_size=2)))
    got = best_paths(snap, source, target, k=k, max_hops=max_hops, hop_penalty=penalty, exclude=exclude)
    every = [p for p in simple_paths(adj, source, max_hops) if p[-1] == target and not set(p[1:-1]) & exclude]
    used: set[int] = set()
    firsts: set[int] = set()
    disjoint = True
    for step in range(k):
        allowed = [p for p in every if not set(p[1:-1]) & used and not (len(p) == 2 and target in firsts)]
        if disjoint and not allowed:
            disjoint = False
        if not disjoint:
            allowed = [p for p in every if p[1] not in firsts]
        if not allowed:
            assert len(got) == step
            return
        path = got[step]
        assert path.nodes in allowed
        assert close(path.score, max(score(adj, p, penalty) for p in allowed))
        assert close(path.score, score(adj, path.nodes, penalty))
        used.update(path.nodes[1:-1])
        firsts.add(path.nodes[1])
    assert len(got) == k


@settings(max_examples=300, deadline=None)
@given(graph=graphs(), data=st.data())
def test_best_paths_to_a_group_reach_its_best_members_in_turn(graph, data):
    n, edges = graph
    snap, adj = snapshot_and_adjacency(n, edges)
    source = data.draw(st.integers(0, n - 1))
    group = set(data.draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=n, unique=True)))
    assume(len(group - {source}) >= 2)  # a group of one other person is treated as that person
    k, max_hops = data.draw(st.integers(1, 4)), data.draw(st.integers(1, 4))
    exclude = set(data.draw(st.lists(st.integers(0, n - 1), max_size=2)))
    got = best_paths(snap, source, sorted(group), k=k, max_hops=max_hops, exclude=exclude)
    every = [p for p in simple_paths(adj, source, max_hops) if p[-1] in group and not set(p[1:-1]) & exclude]
    remaining = group - {source}
    for step in range(k):
        allowed = [p for p in every if p[-1] in remaining]
        if not allowed:
            assert len(got) == step
            return
        path = got[step]
        assert path.nodes in allowed
        assert close(path.score, max(score(adj, p, 0.7) for p in allowed))
        remaining.discard(path.target)
    assert len(got) == k


@settings(max_examples=200, deadline=None)
@given(graph=graphs(), data=st.data())
def test_reachable_within_gives_everyones_best_score_within_the_bound(graph, data):
    n, edges = graph
    snap, adj = snapshot_and_adjacency(n, edges)
    source, hops = data.draw(st.integers(0, n - 1)), data.draw(st.integers(1, 4))
    exclude = set(data.draw(st.lists(st.integers(0, n - 1), max_size=2)))
    got = reachable_within(snap, source, hops, exclude=exclude)
    best: dict[int, float] = {}
    for p in simple_paths(adj, source, hops):
        if not set(p[1:-1]) & exclude:
            best[p[-1]] = max(best.get(p[-1], 0.0), score(adj, p, 0.7))
    assert set(got) == set(best)
    for node, (value, via) in got.items():
        assert close(value, best[node])
        if via is None:
            assert close(value, adj[source][node])
        else:
            assert via in adj[source] and via not in exclude


@pytest.mark.parametrize("small_group", [16, 0], ids=["tie-by-tie", "vectorised"])
@settings(max_examples=300, deadline=None)
@given(graph=graphs(max_nodes=12), data=st.data())
def test_two_hop_lists_the_group_known_directly_or_through_the_best_contact(small_group, graph, data):
    twohop.SMALL_GROUP = small_group  # small groups are read tie by tie; both ways must give the same answer
    try:
        check_two_hop(graph, data)
    finally:
        twohop.SMALL_GROUP = 16


def check_two_hop(graph, data):
    n, edges = graph
    snap, adj = snapshot_and_adjacency(n, edges)
    source = data.draw(st.integers(0, n - 1))
    group = set(data.draw(st.lists(st.integers(0, n - 1), max_size=n, unique=True)))
    exclude = set(data.draw(st.lists(st.integers(0, n - 1), max_size=2)))
    limit, penalty = data.draw(st.integers(1, 6)), data.draw(st.sampled_from([0.5, 0.7, 1.0]))
    as_mask = data.draw(st.booleans())
    mask = np.zeros(n, dtype=bool)
    mask[list(group)] = True
    targets = mask if as_mask else np.array(sorted(group), dtype=np.int64)
    got = two_hop(snap, source, targets, limit=limit, hop_penalty=penalty, exclude=exclude)
    expected = {}
    for t in group - {source}:
        if t in adj[source]:
            expected[t] = (None, adj[source][t])
            continue
        routes = [(adj[source][f] * adj[f][t] * penalty, f) for f in adj[source] if t in adj[f] and f not in exclude]
        if routes:
            top = max(r[0] for r in routes)
            expected[t] = (min(f for value, f in routes if value == top), top)
    ranked = sorted(expected.items(), key=lambda item: (-item[1][1], item[0]))[:limit]
    assert [(t, via) for t, (via, _) in ranked] == [(t, via) for t, via, _ in got]
    assert all(close(value, hit[2]) for (_, (_, value)), hit in zip(ranked, got))
