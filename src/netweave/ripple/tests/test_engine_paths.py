"""Warm paths on graphs small enough to check by hand, and on the karate club and the Florentine families."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from netweave.ripple.engine.paths import best_paths, reachable_within
from netweave.ripple.engine.snapshot import Snapshot


def build(n, edges):
    src, dst, weight = zip(*edges)
    return Snapshot.from_edges(n, np.array(src), np.array(dst), np.array(weight, dtype=np.float32))


def from_networkx(graph):
    index = {node: i for i, node in enumerate(graph.nodes)}
    return build(len(index), [(index[a], index[b], 1.0) for a, b in graph.edges]), index


# Me (0) and Dana (3): 0-2 is a weak tie (0.1), 0-1-2 two strong ones (0.9 each), and only 2 knows Dana (0.8).
TRIANGLE = [(0, 1, 0.9), (1, 2, 0.9), (0, 2, 0.1), (2, 3, 0.8)]


def test_the_best_path_is_the_strongest_not_the_shortest():
    [best] = best_paths(build(4, TRIANGLE), 0, 3, k=1)
    assert best.nodes == [0, 1, 2, 3]
    assert best.score == pytest.approx(0.9 * 0.9 * 0.8 * 0.7**2)  # 0.3175 against 0.1 * 0.8 * 0.7 = 0.056
    assert best.weights == pytest.approx([0.9, 0.9, 0.8]) and best.hops == 3 and best.target == 3


def test_a_tighter_hop_bound_or_a_higher_penalty_changes_the_answer():
    snap = build(4, TRIANGLE)
    [short] = best_paths(snap, 0, 3, k=1, max_hops=2)
    assert short.nodes == [0, 2, 3] and short.score == pytest.approx(0.056)
    [harsh] = best_paths(snap, 0, 3, k=1, hop_penalty=0.1)
    assert harsh.nodes == [0, 2, 3]  # 0.9 * 0.9 * 0.8 * 0.01 = 0.0065 now loses to 0.1 * 0.8 * 0.1 = 0.008


def test_when_no_second_path_avoids_the_first_ones_people_it_asks_someone_else_first():
    first, second = best_paths(build(4, TRIANGLE), 0, 3, k=3)
    assert first.nodes == [0, 1, 2, 3]
    assert second.nodes == [0, 2, 3]  # every route to Dana goes through 2; this one at least asks 2, not 1


def test_a_target_beyond_the_hop_bound_or_out_of_reach_gets_no_path():
    chain = build(7, [(i, i + 1, 1.0) for i in range(5)])
    assert best_paths(chain, 0, 5, max_hops=4) == []
    assert [p.nodes for p in best_paths(chain, 0, 5, max_hops=5)] == [[0, 1, 2, 3, 4, 5]]
    assert best_paths(chain, 0, 6) == []  # 6 has no ties at all
    assert best_paths(chain, 0, 0) == []  # nor is there a path to oneself


# Three people between me (0) and 9, and a strong detour 0-1-4-9 that needs 1 again.
ROUTES = [(0, 1, 0.9), (1, 9, 0.9), (0, 2, 0.8), (2, 9, 0.8), (0, 3, 0.5), (3, 9, 0.5), (1, 2, 1.0),
          (1, 4, 1.0), (4, 9, 1.0)]


def test_the_k_paths_go_through_different_people():
    paths = best_paths(build(10, ROUTES), 0, 9, k=3)
    assert [p.nodes for p in paths] == [[0, 1, 9], [0, 2, 9], [0, 3, 9]]
    assert [p.score for p in paths] == pytest.approx([0.567, 0.448, 0.175])
    # 0-1-4-9 scores 0.441, better than 0-3-9, but would lean on 1 again.
    inner = [set(p.nodes[1:-1]) for p in paths]
    assert not (inner[0] & inner[1]) and not (inner[0] & inner[2]) and not (inner[1] & inner[2])


def test_a_direct_tie_is_one_of_the_paths_once():
    paths = best_paths(build(10, ROUTES + [(0, 9, 0.3)]), 0, 9, k=3)
    assert [p.nodes for p in paths] == [[0, 1, 9], [0, 2, 9], [0, 9]]


def test_excluded_people_are_never_gone_through():
    snap = build(10, ROUTES)
    assert [p.nodes for p in best_paths(snap, 0, 9, k=2, exclude=[1])] == [[0, 2, 9], [0, 3, 9]]
    assert [p.nodes for p in best_paths(snap, 0, 9, k=3, exclude={1, 2, 3})] == []
    assert [p.nodes for p in best_paths(snap, 0, 4, k=1, exclude=[4])] == [[0, 1, 4]]  # a target stays reachable


def test_paths_to_a_group_end_at_different_people_in_it():
    snap = build(10, ROUTES)
    paths = best_paths(snap, 0, [9, 4], k=3)
    assert [p.nodes for p in paths] == [[0, 1, 4], [0, 1, 9]]  # 0.63, then 0.567 (not 0-1-4-9 at 0.441)
    mask = np.zeros(10, dtype=bool)
    mask[[4, 9]] = True
    assert [p.nodes for p in best_paths(snap, 0, mask, k=3)] == [[0, 1, 4], [0, 1, 9]]
    assert [p.nodes for p in best_paths(snap, 0, {9}, k=3)] == [[0, 1, 9], [0, 2, 9], [0, 3, 9]]


def test_bad_arguments_are_refused():
    snap = build(4, TRIANGLE)
    with pytest.raises(ValueError, match="source 7"):
        best_paths(snap, 7, 3)
    with pytest.raises(ValueError, match="target 9"):
        best_paths(snap, 0, 9)
    with pytest.raises(ValueError, match="hop_penalty"):
        best_paths(snap, 0, 3, hop_penalty=0)
    with pytest.raises(ValueError, match="max_hops"):
        best_paths(snap, 0, 3, max_hops=0)
    with pytest.raises(ValueError, match="one entry per node"):
        best_paths(snap, 0, np.zeros(3, dtype=bool))


def test_reachable_within_gives_each_persons_best_score_and_whom_to_ask():
    reach = reachable_within(build(4, TRIANGLE), 0, 2)
    assert reach[1] == (pytest.approx(0.9), None)
    assert reach[2] == (pytest.approx(0.9 * 0.9 * 0.7), 1)  # 0.567 through 1 beats the direct 0.1
    assert reach[3] == (pytest.approx(0.1 * 0.8 * 0.7), 2)  # within two hops only through 2 directly
    assert set(reach) == {1, 2, 3}
    assert reachable_within(build(4, TRIANGLE), 0, 3)[3] == (pytest.approx(0.9 * 0.9 * 0.8 * 0.49), 1)


def test_in_the_karate_club_every_shortest_path_length_from_node_0_agrees_with_networkx():
    graph = nx.karate_club_graph()
    snap, index = from_networkx(graph)
    lengths = nx.single_source_shortest_path_length(graph, 0)
    reach = reachable_within(snap, index[0], 10)
    for node, hops in lengths.items():
        if node == 0:
            continue
        [path] = best_paths(snap, index[0], index[node], k=1, max_hops=10)
        assert path.hops == hops, node  # with equal weights the best path is a shortest one
        assert reach[index[node]][0] == pytest.approx(0.7 ** (hops - 1))
    assert len(reach) == len(lengths) - 1


def test_in_the_florentine_families_all_pairs_hop_counts_agree_with_networkx():
    graph = nx.florentine_families_graph()
    snap, index = from_networkx(graph)
    for source, lengths in nx.all_pairs_shortest_path_length(graph):
        for target, hops in lengths.items():
            if target != source:
                [path] = best_paths(snap, index[source], index[target], k=1, max_hops=8)
                assert path.hops == hops, (source, target)
    # The Medici reach Strozzi through Ridolfi (2 hops), through Barbadori and Castellani (3), and through
    # Tornabuoni or Albizzi, then Guadagni and Bischeri (4): three routes through different families.
    names = list(graph.nodes)
    paths = best_paths(snap, index["Medici"], index["Strozzi"], k=3, max_hops=4)
    assert [names[i] for i in paths[0].nodes] == ["Medici", "Ridolfi", "Strozzi"]
    assert [names[i] for i in paths[1].nodes] == ["Medici", "Barbadori", "Castellani", "Strozzi"]
    assert [names[i] for i in paths[2].nodes[2:]] == ["Guadagni", "Bischeri", "Strozzi"]
    assert [p.score for p in paths] == pytest.approx([0.7, 0.49, 0.343])
