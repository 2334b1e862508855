"""Link predictors and their measure: hand-checked scores, the hold-out, ties, and CA-GrQc."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest

from netweave.ripple.lab import predictors
from netweave.ripple.lab.edgelist import EdgeList, read_edge_list
from netweave.ripple.lab.linkpred import evaluate, fill_random, hold_out, measure
from netweave.ripple.lab.predictors import PREDICTORS, Graph, rank_pairs


def edge_list(pairs, n=None) -> EdgeList:
    src = np.array([a for a, _ in pairs], dtype=np.int32)
    dst = np.array([b for _, b in pairs], dtype=np.int32)
    n = n if n is not None else int(max(src.max(), dst.max())) + 1
    return EdgeList(n=n, src=src, dst=dst, labels=[str(i) for i in range(n)], lines=len(pairs))


def graph_of(G: nx.Graph) -> tuple[Graph, list]:
    nodes = list(G)
    return Graph(nx.to_scipy_sparse_array(G, nodelist=nodes)), nodes


def pair(key: int, g: Graph, nodes: list) -> tuple:
    return nodes[key // g.n], nodes[key % g.n]


# Nodes 0 and 1 share neighbours 2, 3 and 4, which each have one more contact (7, 8, 5); 5 leads on to 6.
# Every other unlinked pair shares at most two people, so closing the triangle 0-1 is the obvious prediction.
KITE = [(0, 2), (0, 3), (0, 4), (1, 2), (1, 3), (1, 4), (2, 7), (3, 8), (4, 5), (5, 6)]


@pytest.mark.parametrize("name", ["common_neighbours", "adamic_adar", "resource_allocation", "jaccard",
                                  "katz_0.005", "katz_0.0005"])
def test_each_neighbourhood_predictor_ranks_the_obvious_triangle_closing_edge_first(name):
    for seed in range(4):
        ranked = rank_pairs(Graph.from_edges(9, *zip(*KITE)), name, k=3, seed=seed)
        assert divmod(int(ranked.keys[0]), 9) == (0, 1)


def test_the_florentine_scores_of_medici_and_guadagni_match_a_count_by_hand():
    # Medici: Acciaiuoli, Albizzi, Barbadori, Ridolfi, Salviati, Tornabuoni; Guadagni: Albizzi, Bischeri,
    # Lamberteschi, Tornabuoni. In common: Albizzi and Tornabuoni, three ties each.
    g, nodes = graph_of(nx.florentine_families_graph())
    medici, guadagni = sorted((nodes.index("Medici"), nodes.index("Guadagni")))
    key = medici * g.n + guadagni
    expected = {"common_neighbours": 2, "adamic_adar": 2 / np.log(3), "resource_allocation": 2 / 3,
                "jaccard": 2 / (6 + 4 - 2), "preferential_attachment": 6 * 4}
    for name, score in expected.items():
        ranked = rank_pairs(g, name, k=g.non_edges, seed=0)
        assert ranked.scores[list(ranked.keys).index(key)] == pytest.approx(score), name


def test_the_karate_clubs_two_leaders_have_four_people_in_common():
    g, nodes = graph_of(nx.karate_club_graph())  # 8, 13, 19 and 31 know both 0 and 33
    ranked = rank_pairs(g, "common_neighbours", k=g.non_edges, seed=0)
    assert ranked.scores[list(ranked.keys).index(0 * g.n + 33)] == 4


def test_preferential_attachment_pairs_the_two_biggest_hubs():
    # Hub 0 has five contacts, hub 1 four, and they do not know each other: 5 × 4 = 20 beats every other pair.
    edges = [(0, leaf) for leaf in range(2, 7)] + [(1, leaf) for leaf in range(7, 11)] + [(2, 7)]
    ranked = rank_pairs(Graph.from_edges(11, *zip(*edges)), "preferential_attachment", k=5, seed=0)
    assert divmod(int(ranked.keys[0]), 11) == (0, 1)
    assert ranked.scores[0] == 20


def dense_scores(G: nx.Graph, name: str) -> dict:
    """A slow, obvious second opinion: each predictor's formula on every unlinked pair of a small graph."""
    A = nx.to_numpy_array(G, nodelist=range(len(G)), weight=None)
    degree, two = A.sum(axis=1), A @ A
    three = two @ A
    scores = {}
    for x, y in itertools.combinations(range(len(G)), 2):
        if A[x, y]:
            continue
        common = [z for z in range(len(G)) if A[x, z] and A[y, z]]
        scores[(x, y)] = {
            "common_neighbours": len(common),
            "adamic_adar": sum(1 / np.log(degree[z]) for z in common),
            "resource_allocation": sum(1 / degree[z] for z in common),
            "jaccard": len(common) / (degree[x] + degree[y] - len(common)),
            "katz_0.005": 0.005**2 * two[x, y] + 0.005**3 * three[x, y],
            "katz_0.0005": 0.0005**2 * two[x, y] + 0.0005**3 * three[x, y],
            "preferential_attachment": degree[x] * degree[y],
        }[name]
    return scores


@pytest.mark.parametrize("name", ["common_neighbours", "adamic_adar", "resource_allocation", "jaccard",
                                  "katz_0.005", "katz_0.0005", "preferential_attachment"])
def test_each_predictors_top_pairs_agree_with_its_formula_on_every_pair(name):
    G = nx.karate_club_graph()
    g, _ = graph_of(G)
    expected = dense_scores(G, name)
    ranked = rank_pairs(g, name, k=40, seed=3)
    got = [divmod(int(key), g.n) for key in ranked.keys]
    assert [expected[p] for p in got] == pytest.approx(ranked.scores.tolist())
    # Nothing left out scores higher than the last pair taken.
    assert max(score for p, score in expected.items() if p not in got) <= ranked.scores[-1] + 1e-12
    assert list(ranked.scores) == sorted(ranked.scores, reverse=True)


def test_the_ranking_does_not_depend_on_the_block_size_and_ties_follow_the_seed(monkeypatch):
    g, _ = graph_of(nx.powerlaw_cluster_graph(300, 3, 0.4, seed=5))
    whole = {name: rank_pairs(g, name, k=200, seed=7).keys.tolist() for name in PREDICTORS}
    monkeypatch.setattr(predictors, "BLOCK_ENTRIES", 500)  # many small blocks
    for name in PREDICTORS:
        assert rank_pairs(g, name, k=200, seed=7).keys.tolist() == whole[name], name
    # Graph distance scores every pair two steps apart alike: only the seed orders them.
    assert rank_pairs(g, "graph_distance", k=200, seed=8).keys.tolist() != whole["graph_distance"]


def test_a_short_list_is_filled_with_distinct_random_non_edges():
    g = Graph.from_edges(40, [0, 2], [1, 3])  # two separate edges: no pair has anyone in common
    ranked = rank_pairs(g, "common_neighbours", k=10, seed=1)
    assert len(ranked.keys) == 0
    keys, scores = fill_random(g, ranked, 10, seed=1)
    assert len(set(keys.tolist())) == 10 and not scores.any()
    assert not g.is_edge(keys).any()
    assert all(key // 40 < key % 40 for key in keys.tolist())
    assert keys.tolist() == fill_random(g, ranked, 10, seed=1)[0].tolist()


def test_the_hold_out_keeps_every_node_and_is_the_same_for_the_same_seed():
    # A star: the hub 0 and twenty leaves with one edge each; a leaf whose edge is hidden is left alone.
    star = edge_list([(0, leaf) for leaf in range(1, 21)] + [(21, 21)])  # node 21 only has a self-loop
    split = hold_out(star, seed=4, fraction=0.1)
    assert split.train.n == 22
    assert len(split.hidden) == 2 and split.train.m == 18
    assert split.isolated == 2  # the two leaves whose edges were hidden, not the self-looped node 21
    assert not split.train.is_edge(split.hidden).any()
    assert hold_out(star, seed=4, fraction=0.1).hidden.tolist() == split.hidden.tolist()
    assert any(hold_out(star, seed=s, fraction=0.1).hidden.tolist() != split.hidden.tolist() for s in range(5, 9))


def test_the_factor_over_random_divides_precision_by_the_chance_of_a_random_pair():
    edges = edge_list(KITE + [(6, 7), (7, 8), (8, 6), (1, 5)])
    results = evaluate(edges, seed=2, holdout=0.25)
    # 9 nodes make 36 pairs; 14 edges, 4 hidden (a quarter, rounded), so 10 in training and 26 candidates.
    random_precision = 4 / (36 - 10)
    assert {r.n for r in results} == {4}
    for r in results:
        assert r.precision == r.hits / 4
        assert r.factor_over_random == pytest.approx(r.precision / random_precision)
    assert [r.precision for r in results] == sorted((r.precision for r in results), reverse=True)


def test_measure_reports_the_input_and_the_split():
    edges = edge_list([(0, 1), (1, 0), (1, 2), (2, 3), (3, 3), (3, 4), (4, 0), (0, 2)])
    result = measure(edges, seed=1, holdout=0.2, predictors=["jaccard", "common_neighbours"])
    assert result["input"] == {"nodes": 5, "edge_lines": 8, "edges": 6, "self_loops": 1, "duplicates": 1,
                               "count_header_skipped": False, "weighted": False}
    assert result["split"]["hidden"] == 1 and result["split"]["training_edges"] == 5
    assert result["split"]["candidates"] == 10 - 5
    assert {p["name"] for p in result["predictors"]} == {"jaccard", "common_neighbours"}


def test_an_unknown_predictor_is_refused():
    with pytest.raises(ValueError, match="unknown predictor nope"):
        evaluate(edge_list(KITE), seed=1, predictors=["nope"])


def test_on_ca_grqc_neighbourhoods_beat_random_many_times_and_preferential_attachment_trails(realdata):
    edges = read_edge_list(realdata / "graphs" / "snap" / "CA-GrQc.txt")
    results = {r.name: r for r in evaluate(edges, seed=1, holdout=0.1)}
    for name in ("adamic_adar", "common_neighbours", "resource_allocation"):
        assert results[name].factor_over_random > 10, name
        assert results[name].precision > results["preferential_attachment"].precision, name
