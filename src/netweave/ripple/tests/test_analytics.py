"""Brokers, communities, weak ties and suggested pairs on the karate club and the Florentine families."""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pytest

from netweave.ripple.lab import analytics
from netweave.ripple.lab.edgelist import read_edge_list


@pytest.fixture(params=["networkx", "realdata"])
def karate(request):
    """The karate club with each member's 'club' (faction): from networkx, and from the shared TSV export."""
    if request.param == "networkx":
        G = nx.karate_club_graph()
        return G, {node: G.nodes[node]["club"] for node in G}, 0, 33
    folder = request.getfixturevalue("realdata") / "graphs" / "networkx"
    G = analytics.from_edge_list(read_edge_list(folder / "karate_club.edgelist.tsv"))
    rows = (line.split("\t") for line in (folder / "karate_club.nodes.tsv").read_text().splitlines()[1:])
    return G, {node: json.loads(attrs)["club"] for node, attrs in rows}, "0", "33"


@pytest.fixture(params=["networkx", "realdata"])
def florence(request):
    if request.param == "networkx":
        return nx.florentine_families_graph()
    folder = request.getfixturevalue("realdata") / "graphs" / "networkx"
    return analytics.from_edge_list(read_edge_list(folder / "florentine_families.edgelist.tsv"))


def agreement(groups, faction) -> float:
    """The share of members whose group matches their faction, under the better pairing of two groups."""
    index = analytics.community_index(groups)
    same = np.mean([(index[node] == 0) == (club == "Mr. Hi") for node, club in faction.items()])
    return max(same, 1 - same)


def test_the_two_karate_leaders_are_the_top_brokers_by_betweenness(karate):
    G, _, instructor, administrator = karate
    top = analytics.brokers(G, limit=2)
    assert {b.node for b in top} == {instructor, administrator}
    assert top[0].node == instructor  # 0.438 against 0.304, as Zachary's graph is usually reported


def test_betweenness_matches_networkx_exactly_and_a_sample_finds_the_same_leader():
    G = nx.karate_club_graph()
    ours, theirs = analytics.betweenness(G), nx.betweenness_centrality(G)
    assert ours == pytest.approx(theirs)
    sampled = analytics.betweenness(G, samples=20, seed=1)
    assert max(sampled, key=sampled.get) == 0


@pytest.mark.parametrize("method", ["louvain", "label_propagation"])
def test_the_clubs_two_factions_are_recovered_as_two_communities(karate, method):
    G, faction, _, _ = karate
    for seed in range(5):
        groups = analytics.communities(G, method=method, seed=seed, count=2)
        assert len(groups) == 2
        assert sorted(len(g) for g in groups) != [1, 33]
        assert agreement(groups, faction) >= 0.85, seed


def test_louvains_own_groups_each_sit_mostly_inside_one_faction(karate):
    G, faction, _, _ = karate
    groups = analytics.communities(G, seed=1)
    assert 2 <= len(groups) <= 6
    purest = sum(max(sum(faction[n] == club for n in group) for club in ("Mr. Hi", "Officer")) for group in groups)
    assert purest / len(G) >= 0.85
    assert sorted(n for g in groups for n in g) == sorted(G)


def test_the_medici_broker_florence_by_both_measures(florence):
    assert analytics.brokers(florence, limit=1)[0].node == "Medici"
    assert analytics.brokers(florence, limit=1, by="constraint")[0].node == "Medici"


def test_burts_constraint_matches_a_count_by_hand():
    F = nx.florentine_families_graph()
    c = analytics.constraint(F)
    assert c["Pazzi"] == 1.0  # one tie holds all of Pazzi's network
    assert c["Salviati"] == pytest.approx(0.5)  # Medici and Pazzi, a half each, who do not know each other
    # Medici's six contacts, a sixth each; only Ridolfi and Tornabuoni know each other, adding 1/6 · 1/3 to
    # each of their two terms: 4 · (1/6)² + 2 · (1/6 + 1/18)² = 68/324.
    assert c["Medici"] == pytest.approx(68 / 324)
    assert c == pytest.approx({k: v for k, v in nx.constraint(F).items()})


def test_tie_overlap_counts_the_neighbours_both_ends_share():
    ties = {(t.u, t.v): t for t in analytics.ties(nx.karate_club_graph())}
    # 0 knows 16 people and 1 knows 9; they share 2, 3, 7, 13, 17, 19 and 21: 7 / (16 + 9 - 2 - 7).
    assert ties[(0, 1)].common == 7
    assert ties[(0, 1)].overlap == pytest.approx(7 / 16)


def test_local_bridges_come_first_with_the_detour_their_loss_would_force():
    F = nx.florentine_families_graph()
    weak = {frozenset((t.u, t.v)): t for t in analytics.weak_ties(F, limit=12)}
    assert {pair for pair, t in weak.items() if t.common == 0} == {frozenset(p) for p in nx.local_bridges(F, False)}
    # Without Medici–Albizzi: Medici, Tornabuoni, Guadagni, Albizzi. Without Medici–Salviati: no way at all.
    assert weak[frozenset(("Medici", "Albizzi"))].span == 3
    assert weak[frozenset(("Medici", "Salviati"))].span is None


def test_bridging_ties_are_exactly_the_ties_between_communities():
    G = nx.karate_club_graph()
    groups = analytics.communities(G, seed=0, count=2)
    bridging = analytics.bridging_ties(G, groups)
    assert len(bridging) == nx.cut_size(G, groups[0], groups[1])
    index = analytics.community_index(groups)
    assert all(index[t.u] != index[t.v] for t in bridging)
    assert [t.overlap for t in bridging] == sorted(t.overlap for t in bridging)


def test_suggested_pairs_say_whom_they_have_in_common():
    best = analytics.suggest_pairs(nx.florentine_families_graph(), "common_neighbours", limit=3)
    # The only unlinked pairs with two families in common (all others have one at most).
    assert {frozenset((s.a, s.b)) for s in best} == {frozenset(("Medici", "Guadagni")),
                                                       frozenset(("Castellani", "Bischeri")),
                                                       frozenset(("Tornabuoni", "Albizzi"))}
    medici = next(s for s in best if {s.a, s.b} == {"Medici", "Guadagni"})
    assert medici.common == 2 and set(medici.via) == {"Albizzi", "Tornabuoni"}
    assert medici.reason == "2 people in common"


def test_the_default_suggestion_ranks_by_resource_allocation():
    F = nx.florentine_families_graph()
    first = analytics.suggest_pairs(F, limit=1)[0]
    # Medici–Guadagni: Albizzi and Tornabuoni, three ties each: 1/3 + 1/3, the best sum in the graph.
    assert {first.a, first.b} == {"Medici", "Guadagni"}
    assert first.score == pytest.approx(2 / 3)


def test_in_my_own_network_i_am_not_a_reason_for_two_people_to_meet():
    F = nx.florentine_families_graph()
    mine = F.copy()
    mine.add_edges_from(("me", family) for family in F)  # I know every family
    with_me = analytics.suggest_pairs(mine, exclude_node="me", limit=8)
    without = {frozenset((s.a, s.b)): s for s in analytics.suggest_pairs(F, limit=100)}
    # The same scores as in the families' graph alone (equal scores may come in another order: node numbers
    # differ with me in the graph, and so does the seeded tie-break).
    assert [s.score for s in with_me] == sorted((s.score for s in without.values()), reverse=True)[:8]
    for s in with_me:
        assert (s.score, s.common) == (without[frozenset((s.a, s.b))].score, without[frozenset((s.a, s.b))].common)
    assert all("me" not in (s.a, s.b) and "me" not in s.via for s in with_me)


def test_suggestions_work_on_a_sparse_adjacency_with_node_numbers():
    G = nx.karate_club_graph()
    best = analytics.suggest_pairs(nx.to_scipy_sparse_array(G, nodelist=range(34)), "common_neighbours", limit=1)
    # 2 and 33 share 8, 9, 13, 27, 28 and 32: six, more than any other unlinked pair.
    assert (best[0].a, best[0].b, best[0].common) == (2, 33, 6)
    # Five of them, the least connected first: 9 (2 ties), 28 (3), 27 (4), 8 and 13 (5); 32 (12) is left out.
    assert best[0].via == [9, 28, 27, 8, 13]


def test_a_pair_with_no_one_in_common_says_how_else_it_was_found():
    path = nx.path_graph(4)  # 0 - 1 - 2 - 3
    katz = {(s.a, s.b): s.reason for s in analytics.suggest_pairs(path, "katz_0.005", limit=3)}
    assert katz == {(0, 2): "1 person in common", (1, 3): "1 person in common", (0, 3): "three steps apart"}
    attachment = analytics.suggest_pairs(path, "preferential_attachment", limit=3)
    assert attachment[0].reason == "1 person in common"  # 1 and 3 (degrees 2 and 1) share 2
    assert "both well connected (1 and 1 ties)" in [s.reason for s in attachment]  # 0 and 3
