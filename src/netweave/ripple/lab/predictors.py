"""Link predictors over a sparse adjacency matrix: each finds the best-scored pairs that are not yet edges.

A pair is kept as one int64 key, low * n + high. Scores come from sparse products computed a block of rows
at a time, so memory follows the block, not n²; only pairs with some evidence (a score above zero) are
scored, and every pair without evidence ties at zero. Ties are broken by a hash of the pair and the seed,
a strict total order, so the result is the same whatever the block size and differs between seeds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

# Entries of a score block kept in memory at once (about 16 bytes each while it is built).
BLOCK_ENTRIES = 4_000_000
_U64 = np.uint64


class Graph:
    """A simple undirected graph as a symmetric 0/1 CSR matrix without its diagonal, plus its degrees."""

    def __init__(self, adjacency):
        self.A = as_adjacency(adjacency)
        self.n = self.A.shape[0]
        self.degree = np.diff(self.A.indptr).astype(np.int64)
        self.m = int(self.A.nnz // 2)
        self._keys: np.ndarray | None = None

    @classmethod
    def from_edges(cls, n: int, src, dst) -> Graph:
        src, dst = np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64)
        ones = np.ones(len(src), dtype=np.float64)
        return cls(sp.coo_matrix((ones, (src, dst)), shape=(n, n)))

    def edge_keys(self) -> np.ndarray:
        """Every edge's key, sorted."""
        if self._keys is None:
            upper = sp.triu(self.A, k=1).tocoo()
            self._keys = np.sort(upper.row.astype(np.int64) * self.n + upper.col)
        return self._keys

    def is_edge(self, keys: np.ndarray) -> np.ndarray:
        edges = self.edge_keys()
        at = np.minimum(np.searchsorted(edges, keys), max(len(edges) - 1, 0))
        return edges[at] == keys if len(edges) else np.zeros(len(keys), dtype=bool)

    @property
    def non_edges(self) -> int:
        """How many pairs of distinct nodes are not joined: the candidates a predictor chooses among."""
        return self.n * (self.n - 1) // 2 - self.m


def as_adjacency(graph, weighted: bool = False) -> sp.csr_matrix:
    """A symmetric CSR matrix without self-loops, 0/1 or (`weighted`) the stronger weight of each pair, from a
    scipy matrix, a Graph, or a CSR snapshot (anything with `n`, `indptr`, `indices` and maybe `weights`)."""
    if isinstance(graph, Graph) and not weighted:
        return graph.A
    if isinstance(graph, Graph):
        graph = graph.A
    if not sp.issparse(graph):
        n = int(graph.n)
        values = getattr(graph, "weights", None)
        values = np.ones(len(graph.indices)) if values is None or not weighted else values
        graph = sp.csr_matrix((np.asarray(values, dtype=np.float64), graph.indices, graph.indptr), shape=(n, n))
    A = sp.csr_matrix(graph, dtype=np.float64, copy=True)
    A = abs(A).maximum(abs(A).T).tocsr() if weighted else ((A + A.T) != 0).astype(np.float64).tocsr()
    A.setdiag(0)
    A.eliminate_zeros()
    A.sort_indices()
    return A


def tie_order(keys: np.ndarray, seed: int) -> np.ndarray:
    """A seeded hash of each pair key (splitmix64): the tie-break, unique per key and deterministic per seed."""
    with np.errstate(over="ignore"):
        z = keys.astype(_U64) + _U64((0x9E3779B97F4A7C15 * (seed + 1)) & 0xFFFFFFFFFFFFFFFF)
        z = (z ^ (z >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> _U64(27))) * _U64(0x94D049BB133111EB)
        return z ^ (z >> _U64(31))


def best_of(keys: np.ndarray, scores: np.ndarray, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best pairs by score, ties by `tie_order`, best first."""
    if k <= 0:
        return keys[:0], scores[:0]
    if len(keys) > k:
        threshold = np.partition(scores, len(scores) - k)[len(scores) - k]
        above = np.flatnonzero(scores > threshold)
        tied = np.flatnonzero(scores == threshold)
        need = k - len(above)
        if len(tied) > need:
            hashes = tie_order(keys[tied], seed)
            tied = tied[np.argpartition(hashes, need - 1)[:need]] if need > 0 else tied[:0]
        chosen = np.concatenate([above, tied])
        keys, scores = keys[chosen], scores[chosen]
    order = np.lexsort((tie_order(keys, seed), -scores))
    return keys[order], scores[order]


def snap(scores: np.ndarray) -> np.ndarray:
    """Scores rounded to 12 significant digits, so sums equal but for the order of their terms (1/3 + 1/6 and
    1/6 + 1/3) tie exactly and the seed, not rounding noise, decides between them."""
    out = scores.copy()
    positive = scores > 0
    scale = 10.0 ** np.floor(np.log10(scores[positive]))
    out[positive] = np.round(scores[positive] / scale, 11) * scale
    return out


@dataclass
class Ranked:
    """A predictor's best non-edge pairs, best first, and how many pairs it had any evidence for."""

    keys: np.ndarray
    scores: np.ndarray
    scored: int


def blockwise(g: Graph, k: int, seed: int, score: Callable[[np.ndarray], sp.spmatrix], hops: int,
              exclude: int | None = None) -> Ranked:
    """Score the rows in blocks with `score(rows) -> len(rows) × n matrix`, whose entries come from walks of
    up to `hops` steps, and keep the k best non-edge pairs with a positive score."""
    best_keys, best_scores, scored = np.empty(0, np.int64), np.empty(0), 0
    for block in _blocks(g, np.arange(g.n), hops):
        S = score(block).tocoo()
        i, j, s = block[S.row].astype(np.int64), S.col.astype(np.int64), S.data
        keep = (j > i) & (s > 0)
        if exclude is not None:
            keep &= (i != exclude) & (j != exclude)
        keys, s = i[keep] * g.n + j[keep], s[keep]
        fresh = ~g.is_edge(keys)
        keys, s = keys[fresh], snap(s[fresh].astype(np.float64))
        scored += len(keys)
        best_keys, best_scores = best_of(np.concatenate([best_keys, keys]), np.concatenate([best_scores, s]),
                                         k, seed)
    return Ranked(best_keys, best_scores, scored)


def _blocks(g: Graph, rows: np.ndarray, hops: int):
    """Runs of rows whose score rows together stay near BLOCK_ENTRIES entries.

    A row's walks of `hops` steps bound its entries: (A^(hops-1) @ degree)[row], capped at n, so a hub's
    row makes a block of its own rather than a block of hubs filling memory."""
    walks = g.degree.astype(np.float64)
    for _ in range(hops - 1):
        walks = g.A @ walks
    sizes = np.minimum(walks[rows], g.n) + 1
    cuts = np.searchsorted(np.cumsum(sizes), np.arange(BLOCK_ENTRIES, sizes.sum() + BLOCK_ENTRIES, BLOCK_ENTRIES))
    start = 0
    for end in np.unique(np.minimum(cuts + 1, len(rows))):
        if end > start:
            yield rows[start:end]
            start = end
    if start < len(rows):
        yield rows[start:]


def _column_weighted(g: Graph, weight: np.ndarray) -> sp.csr_matrix:
    """A with column z scaled by weight[z]: (A_w @ A)[x, y] sums weight over the common neighbours of x, y."""
    return (g.A @ sp.diags(weight)).tocsr()


def _safe_inverse(values: np.ndarray) -> np.ndarray:
    out = np.zeros(len(values))
    np.divide(1.0, values, out=out, where=values > 0)
    return out


def common_neighbours(g: Graph, k: int, seed: int, exclude=None) -> Ranked:
    return blockwise(g, k, seed, lambda r: g.A[r] @ g.A, 2, exclude=exclude)


def adamic_adar(g: Graph, k: int, seed: int, exclude=None) -> Ranked:
    # A common neighbour has degree >= 2, so log(degree) > 0 wherever it is used.
    Aw = _column_weighted(g, _safe_inverse(np.log(np.maximum(g.degree, 1))))
    return blockwise(g, k, seed, lambda r: Aw[r] @ g.A, 2, exclude=exclude)


def resource_allocation(g: Graph, k: int, seed: int, exclude=None) -> Ranked:
    Aw = _column_weighted(g, _safe_inverse(g.degree.astype(np.float64)))
    return blockwise(g, k, seed, lambda r: Aw[r] @ g.A, 2, exclude=exclude)


def jaccard(g: Graph, k: int, seed: int, exclude=None) -> Ranked:
    def score(r):
        S = (g.A[r] @ g.A).tocoo()
        union = g.degree[r[S.row]] + g.degree[S.col] - S.data
        return sp.coo_matrix((S.data / union, (S.row, S.col)), shape=S.shape)

    return blockwise(g, k, seed, score, 2, exclude=exclude)


def katz(beta: float) -> Callable[..., Ranked]:
    """Katz's sum over walks of β^length, truncated at length 3. On a non-edge the length-1 term is 0, so the
    score is β²·(walks of 2) + β³·(walks of 3): common neighbours first, three-step walks to break ties and to
    let a pair with very many three-step walks (over 1/β of them) pass one with a single common neighbour."""

    def predict(g: Graph, k: int, seed: int, exclude=None) -> Ranked:
        def score(r):
            two = g.A[r] @ g.A
            return two * beta**2 + (two @ g.A) * beta**3

        return blockwise(g, k, seed, score, 3, exclude=exclude)

    return predict


def graph_distance(g: Graph, k: int, seed: int, exclude=None) -> Ranked:
    """1/distance: every pair two steps apart first (in seeded order), three steps only if those run out."""
    ranked = blockwise(g, k, seed, lambda r: (g.A[r] @ g.A).sign() * 0.5, 2, exclude=exclude)
    if len(ranked.keys) >= k:
        return ranked

    def score(r):
        two = (g.A[r] @ g.A).sign()
        return (two * 0.5).maximum((two @ g.A).sign() / 3)

    return blockwise(g, k, seed, score, 3, exclude=exclude)


def preferential_attachment(g: Graph, k: int, seed: int, exclude=None) -> Ranked:
    """degree(x) · degree(y), found without visiting all n² pairs (see `preferential.py`)."""
    from netweave.ripple.lab.preferential import top_products

    return top_products(g, k, seed, exclude=exclude)


PREDICTORS: dict[str, Callable[..., Ranked]] = {
    "common_neighbours": common_neighbours,
    "adamic_adar": adamic_adar,
    "resource_allocation": resource_allocation,
    "jaccard": jaccard,
    "katz_0.005": katz(0.005),
    "katz_0.0005": katz(0.0005),
    "graph_distance": graph_distance,
    "preferential_attachment": preferential_attachment,
}


def rank_pairs(adjacency, predictor: str, k: int, seed: int = 0, exclude: int | None = None) -> Ranked:
    """The k best non-edge pairs of a graph by one predictor; pairs touching `exclude` are left out."""
    g = adjacency if isinstance(adjacency, Graph) else Graph(adjacency)
    return PREDICTORS[predictor](g, k, seed, exclude=exclude)
