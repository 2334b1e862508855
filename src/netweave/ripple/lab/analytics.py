"""Reading a network's shape: brokers, communities, the ties that bridge them, and who should meet whom.

Each function takes a networkx graph or a sparse adjacency (a scipy matrix or a CSR snapshot, nodes 0..n-1)
and treats it as simple and undirected; answers name nodes as the graph does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import scipy.sparse as sp

from netweave.ripple.lab.betweenness import betweenness_scores
from netweave.ripple.lab.edgelist import EdgeList
from netweave.ripple.lab.predictors import Graph, as_adjacency, rank_pairs

# Betweenness is exact up to this many nodes; above it, estimated from BETWEENNESS_SAMPLES sources (on
# CA-GrQc, 256 sources find 14 of the exact top 20 in 2 s; all 5,242 take 16 s).
EXACT_BETWEENNESS = 2000
BETWEENNESS_SAMPLES = 256
# With a `count`, the greedy merge from single nodes is tried too on graphs up to this size (6 s at 5,000).
GREEDY_MERGE_NODES = 3000
DEFAULT_PREDICTOR = "resource_allocation"  # best on CA-GrQc in `netweave lab linkpred`, see the note


def as_networkx(graph) -> nx.Graph:
    """The graph itself when it is a networkx graph (made undirected), else one built from the adjacency
    with its values (a snapshot's tie strengths) as the `weight` of each edge."""
    if isinstance(graph, nx.Graph):
        return graph.to_undirected(as_view=True) if graph.is_directed() else graph
    return nx.from_scipy_sparse_array(as_adjacency(graph, weighted=True))


def from_edge_list(edges: EdgeList) -> nx.Graph:
    """A networkx graph of an edge list, nodes named by their labels, with the file's weights if it had any."""
    G = nx.Graph()
    G.add_nodes_from(edges.labels)
    weights = edges.weight if edges.weight is not None else np.ones(len(edges.src))
    G.add_weighted_edges_from((edges.labels[u], edges.labels[v], float(w)) for u, v, w in
                              zip(edges.src.tolist(), edges.dst.tolist(), weights.tolist()) if u != v)
    return G


def _matrix(graph, weight: str | None = None) -> tuple[sp.csr_matrix, list]:
    """A symmetric CSR matrix (weights, or 1 per tie) without self-loops, and the node each row stands for."""
    if isinstance(graph, nx.Graph):
        nodes = list(graph.nodes)
        if not nodes:
            return sp.csr_matrix((0, 0)), nodes
        W = nx.to_scipy_sparse_array(graph, nodelist=nodes, weight=weight, format="csr").astype(np.float64)
        W = sp.csr_matrix(W.maximum(W.T))
    else:
        W = as_adjacency(graph, weighted=weight is not None)
        nodes = list(range(W.shape[0]))
    W.setdiag(0)
    W.eliminate_zeros()
    return W, nodes


# ---- brokers ---------------------------------------------------------------------------------------------

def betweenness(graph, *, seed: int = 0, samples: int | None = None) -> dict:
    """Each node's share of the shortest paths between others that pass through it (normalised as networkx
    does); on a graph above EXACT_BETWEENNESS nodes, estimated from a seeded sample of sources."""
    A, nodes = _matrix(graph)
    A = (A != 0).astype(np.float64).tocsr()
    n = len(nodes)
    if samples is None and n > EXACT_BETWEENNESS:
        samples = BETWEENNESS_SAMPLES
    sources = None
    if samples and samples < n:
        sources = np.sort(np.random.default_rng(seed).choice(n, samples, replace=False))
    scores = betweenness_scores(A, sources)
    return {node: float(scores[i]) for i, node in enumerate(nodes)}


def constraint(graph, weight: str | None = None) -> dict:
    """Burt's constraint of every node with a tie: Σ_j (p_ij + Σ_q p_iq·p_qj)² over its contacts j, where p_ij
    is j's share of i's ties (by `weight`, or by count; for a snapshot any `weight` means its weights). Low
    means i's contacts do not know each other: i brokers between them."""
    W, nodes = _matrix(graph, weight)
    if not W.shape[0]:
        return {}
    strength = np.asarray(W.sum(axis=1)).ravel()
    P = sp.csr_matrix(sp.diags(np.divide(1.0, strength, out=np.zeros_like(strength), where=strength > 0)) @ W)
    mask = (W != 0).astype(np.float64)
    # Only the entries of P² on ties are needed; rows in blocks keep P² from being built whole.
    indirect = sp.vstack([(P[r] @ P).multiply(mask[r]) for r in _row_blocks(P)]).tocsr()
    total = np.asarray((P + indirect).power(2).sum(axis=1)).ravel()
    return {nodes[i]: float(total[i]) for i in range(len(nodes)) if strength[i] > 0}


def _row_blocks(M: sp.csr_matrix, budget: int = 4_000_000):
    step = max(1, budget // max(1, int(M.nnz / max(1, M.shape[0])) ** 2 + 1))
    return [slice(start, start + step) for start in range(0, M.shape[0], step)]


@dataclass
class Broker:
    node: object
    betweenness: float
    constraint: float | None
    degree: int


def brokers(graph, limit: int = 10, *, by: str = "betweenness", seed: int = 0,
            weight: str | None = None) -> list[Broker]:
    """The people who bridge otherwise separate groups: highest betweenness, or lowest constraint (`by`),
    among nodes with at least two ties (one tie brokers nothing)."""
    if by not in ("betweenness", "constraint"):
        raise ValueError("brokers are ranked by 'betweenness' or 'constraint'")
    G = as_networkx(graph)
    between, constrained = betweenness(G, seed=seed), constraint(G, weight)
    candidates = [node for node, degree in G.degree if degree >= 2]
    if by == "betweenness":
        candidates.sort(key=lambda node: (-between[node], constrained.get(node, 1.0), str(node)))
    else:
        candidates.sort(key=lambda node: (constrained[node], -between[node], str(node)))
    return [Broker(node, between[node], constrained.get(node), G.degree(node)) for node in candidates[:limit]]


# ---- communities -----------------------------------------------------------------------------------------

def communities(graph, *, method: str = "louvain", seed: int = 0, count: int | None = None,
                weight: str | None = "weight") -> list[set]:
    """Groups of densely tied nodes, largest first: Louvain (steadier) or label propagation (quicker), with
    ties weighted by the `weight` attribute where they have one.

    With `count`, no more than that many groups: those found are merged (if need be), best gain in
    modularity first, then single nodes moved while that raises modularity; on small graphs
    Clauset-Newman-Moore's merge from single nodes is refined the same way, and the split with the higher
    modularity wins. Merging the detected groups alone can lock a whole clique on the wrong side (it does on
    the karate club for some seeds)."""
    G = as_networkx(graph)
    if method == "louvain":
        found = nx.community.louvain_communities(G, weight=weight, seed=seed)
    elif method == "label_propagation":
        found = list(nx.community.asyn_lpa_communities(G, weight=weight, seed=seed))
    else:
        raise ValueError("method is 'louvain' or 'label_propagation'")
    found = [set(group) for group in found]
    if count is not None:
        options = [refine(G, merge_communities(G, found, count, weight=weight), weight=weight)]
        if G.number_of_nodes() <= GREEDY_MERGE_NODES:
            greedy = nx.community.greedy_modularity_communities(G, weight=weight, cutoff=count, best_n=count)
            options.append(refine(G, [set(group) for group in greedy], weight=weight))
        found = max(options, key=lambda groups: nx.community.modularity(G, groups, weight=weight))
    return sorted(found, key=lambda group: (-len(group), min(map(str, group))))


def merge_communities(graph, groups: list[set], count: int, weight: str | None = "weight") -> list[set]:
    """Join the two groups whose union raises modularity most (or lowers it least), until `count` remain."""
    G = as_networkx(graph)
    groups = [set(group) for group in groups]
    twice_m = 2.0 * G.size(weight=weight) or 1.0
    where = community_index(groups)
    k = len(groups)
    between = np.zeros((k, k))  # tie weight between groups, counted from both ends
    for u, v, w in G.edges(data=weight, default=1):
        if u != v:
            between[where[u], where[v]] += w
            between[where[v], where[u]] += w
    share = np.array([sum(d for _, d in G.degree(group, weight=weight)) for group in groups]) / twice_m
    alive = list(range(k))
    while len(alive) > max(1, count):
        best = None
        for x_at, x in enumerate(alive):
            for y in alive[x_at + 1:]:
                gain = between[x, y] / twice_m - 2 * share[x] * share[y]
                if best is None or gain > best[0]:
                    best = (gain, x, y)
        _, x, y = best
        groups[x] |= groups[y]
        between[x] += between[y]
        between[:, x] += between[:, y]
        between[x, x] = 0
        share[x] += share[y]
        alive.remove(y)
    return [groups[index] for index in alive]


def refine(graph, groups: list[set], rounds: int = 20, weight: str | None = "weight") -> list[set]:
    """Move single nodes to the group that raises modularity most, until none does (Louvain's first phase with
    the groups fixed in number): a merge joins whole groups and can leave a few nodes on the wrong side."""
    G = as_networkx(graph)
    twice_m = 2.0 * G.size(weight=weight)
    if not twice_m:
        return groups
    where = community_index(groups)
    strength = dict(G.degree(weight=weight))
    totals = np.zeros(len(groups))
    for node, k in strength.items():
        totals[where[node]] += k
    order = sorted(G.nodes, key=str)
    for _ in range(rounds):
        moved = False
        for node in order:
            here, k = where[node], strength[node]
            links = np.zeros(len(groups))
            for other, w in G.adj[node].items():
                if other != node:
                    links[where[other]] += w.get(weight, 1) if weight else 1
            totals[here] -= k  # gain of joining each group, with the node taken out of its own
            gain = links - totals * k / twice_m
            best = int(np.argmax(gain))
            if gain[best] > gain[here] + 1e-12 and len(groups[here]) > 1:
                groups[here].discard(node)
                groups[best].add(node)
                where[node], here, moved = best, best, True
            totals[here] += k
        if not moved:
            break
    return groups


def community_index(groups: list[set]) -> dict:
    """node -> the index of its group."""
    return {node: index for index, group in enumerate(groups) for node in group}


# ---- weak and bridging ties ------------------------------------------------------------------------------

@dataclass
class Tie:
    u: object
    v: object
    common: int  # neighbours the two share
    overlap: float  # common / (neighbours of either, less each other): 0 = a local bridge
    crosses: bool  # the ends are in different communities (False when no communities were given)
    span: int | None = None  # for a local bridge: how far apart the ends would be without it (None: unreachable)


def ties(graph, groups: list[set] | None = None) -> list[Tie]:
    """Every tie with its neighbourhood overlap and whether it crosses between communities."""
    A, nodes = _matrix(graph)
    A = (A != 0).astype(np.float64).tocsr()
    degree = np.diff(A.indptr)
    upper = sp.triu(A, k=1).tocoo()
    rows, cols = upper.row, upper.col
    common = np.zeros(len(rows), dtype=np.int64)
    for block in _row_blocks(A):
        start, stop = block.start, min(block.stop, A.shape[0])
        pick = np.flatnonzero((rows >= start) & (rows < stop))
        if len(pick):
            two = (A[start:stop] @ A).tocsr()
            common[pick] = np.asarray(two[rows[pick] - start, cols[pick]]).ravel().astype(np.int64)
    others = degree[rows] + degree[cols] - 2 - common
    overlap = np.divide(common, others, out=np.zeros(len(rows)), where=others > 0)
    where = community_index(groups) if groups else {}
    return [Tie(nodes[i], nodes[j], int(c), float(o),
                bool(where) and where.get(nodes[i]) != where.get(nodes[j]))
            for i, j, c, o in zip(rows.tolist(), cols.tolist(), common.tolist(), overlap.tolist())]


def weak_ties(graph, groups: list[set] | None = None, limit: int = 20) -> list[Tie]:
    """The ties that most join separate circles: lowest overlap first, ties across communities before others
    at equal overlap; a local bridge (no one in common) gets its span, the detour its loss would force."""
    G = as_networkx(graph)
    found = sorted(ties(G, groups), key=lambda t: (t.overlap, not t.crosses, str(t.u), str(t.v)))[:limit]
    for tie in found:
        if tie.common == 0:
            without = nx.restricted_view(G, [], [(tie.u, tie.v), (tie.v, tie.u)])
            try:
                tie.span = nx.shortest_path_length(without, tie.u, tie.v)
            except nx.NetworkXNoPath:
                tie.span = None
    return found


def bridging_ties(graph, groups: list[set]) -> list[Tie]:
    """The ties whose ends are in different communities, lowest overlap first."""
    return sorted((t for t in ties(graph, groups) if t.crosses), key=lambda t: (t.overlap, str(t.u), str(t.v)))


# ---- who should meet whom --------------------------------------------------------------------------------

@dataclass
class Suggestion:
    a: object
    b: object
    score: float
    common: int  # people both know
    via: list = field(default_factory=list)  # up to five of them, the least connected (most telling) first
    degrees: tuple[int, int] = (0, 0)
    predictor: str = DEFAULT_PREDICTOR

    @property
    def reason(self) -> str:
        if self.common:
            return f"{self.common} {'person' if self.common == 1 else 'people'} in common"
        if self.predictor == "preferential_attachment":
            return f"both well connected ({self.degrees[0]} and {self.degrees[1]} ties)"
        return "three steps apart"  # Katz and graph distance also score pairs with no one in common


def suggest_pairs(adjacency, predictor: str = DEFAULT_PREDICTOR, exclude_node=None, limit: int = 20,
                  *, seed: int = 0) -> list[Suggestion]:
    """The unconnected pairs a link predictor rates best, each with the people they have in common.

    `exclude_node` (me, in my own network) is taken out of the graph, not only out of the pairs: everyone in
    my network knows me, so I would otherwise be a common contact of every pair and tell nothing."""
    A, nodes = _matrix(adjacency)
    position = {node: index for index, node in enumerate(nodes)}
    skip = position[exclude_node] if exclude_node is not None else None
    if skip is not None:
        keep = np.ones(A.shape[0])
        keep[skip] = 0
        A = sp.csr_matrix(sp.diags(keep) @ A @ sp.diags(keep))
        A.eliminate_zeros()
    g = Graph(A)
    ranked = rank_pairs(g, predictor, limit, seed, exclude=skip)
    out = []
    for key, score in zip(ranked.keys.tolist(), ranked.scores.tolist()):
        a, b = divmod(key, g.n)
        shared = np.intersect1d(g.A.indices[g.A.indptr[a]:g.A.indptr[a + 1]],
                                g.A.indices[g.A.indptr[b]:g.A.indptr[b + 1]], assume_unique=True)
        shared = shared[np.lexsort((shared, g.degree[shared]))]
        out.append(Suggestion(nodes[a], nodes[b], float(score), len(shared), [nodes[z] for z in shared[:5]],
                              (int(g.degree[a]), int(g.degree[b])), predictor))
    return out
