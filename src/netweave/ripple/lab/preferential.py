"""Preferential attachment's best pairs without scoring all n² of them.

Its score, degree(x) · degree(y), depends on the two degrees alone, so nodes fall into a few classes (one per
distinct degree; a graph with m edges has at most 2√m of them) and pairs of classes are ranked by the
product. Counting each class pair's size less the edges already inside it finds the product t of the k-th
best pair; only pairs above t (fewer than k plus those edges) and the pairs tied at t are ever built, and the
ties are cut by the seeded hash as for every predictor. The one costly case is a graph whose degrees are
nearly all equal, where the tie at t is most of the n² pairs and is walked through in bounded chunks.
"""

from __future__ import annotations

import numpy as np

from netweave.ripple.lab.predictors import Graph, Ranked, best_of

CHUNK = 1_000_000


def top_products(g: Graph, k: int, seed: int, exclude: int | None = None) -> Ranked:
    degree = g.degree.copy()
    if exclude is not None:
        degree[exclude] = 0  # no pair with the excluded node is a candidate
    values, cls = np.unique(degree, return_inverse=True)
    members = [np.flatnonzero(cls == c) for c in range(len(values))]
    counts = np.array([len(m) for m in members], dtype=np.int64)
    live = values > 0
    # Pairs per class pair (a <= b), less the edges already between them.
    size = np.triu(np.outer(counts, counts))
    size[np.diag_indices(len(values))] = counts * (counts - 1) // 2
    edges = g.edge_keys()
    ea, eb = np.sort(np.stack([cls[edges // g.n], cls[edges % g.n]]), axis=0)
    np.subtract.at(size, (ea, eb), 1)
    a, b = np.nonzero(np.triu(np.outer(live, live)) & (size > 0))
    if len(a) == 0:
        return Ranked(np.empty(0, np.int64), np.empty(0), 0)
    product = values[a] * values[b]
    scored = int(size[a, b].sum())
    order = np.argsort(-product, kind="stable")
    a, b, product = a[order], b[order], product[order]
    room = np.cumsum(size[a, b])
    threshold = product[min(np.searchsorted(room, k), len(product) - 1)]
    best_keys, best_scores = np.empty(0, np.int64), np.empty(0)
    for ca, cb, p in zip(a[product >= threshold], b[product >= threshold], product[product >= threshold]):
        for keys in _pairs(g, members[ca], members[cb], ca == cb, exclude):
            scores = np.full(len(keys), float(p))
            best_keys, best_scores = best_of(np.concatenate([best_keys, keys]),
                                             np.concatenate([best_scores, scores]), k, seed)
    return Ranked(best_keys, best_scores, scored)


def _pairs(g: Graph, left: np.ndarray, right: np.ndarray, same: bool, exclude: int | None):
    """The non-edge keys between two node sets (within one when `same`), in chunks of about CHUNK."""
    step = max(1, CHUNK // max(1, len(right)))
    for start in range(0, len(left), step):
        x = left[start:start + step].astype(np.int64)[:, None]
        y = right.astype(np.int64)[None, :]
        lo, hi = np.minimum(x, y).ravel(), np.maximum(x, y).ravel()
        keep = (x < y).ravel() if same else np.ones(len(lo), dtype=bool)
        if exclude is not None:
            keep &= (lo != exclude) & (hi != exclude)
        keys = lo[keep] * g.n + hi[keep]
        yield keys[~g.is_edge(keys)]
