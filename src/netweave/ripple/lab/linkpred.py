"""The lab's measure of link prediction: hide some edges, ask each predictor for as many pairs as were hidden.

Every undirected edge counts once (self-loops and repeats of the file are dropped and counted). A seeded
random fraction of the edges is hidden; every node stays in the graph, even one left with no edge. Each
predictor ranks the pairs that are not edges of what remains (the candidates, hidden edges among them) and
its top n, n = the hidden edges, is checked against them: precision = hits / n. A random predictor would be
right hidden / candidates of the time, so the factor over random is precision divided by that. A predictor
with evidence for fewer than n pairs fills its list with seeded random pairs, as ties at zero.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np

from netweave.ripple.lab.edgelist import EdgeList
from netweave.ripple.lab.predictors import PREDICTORS, Graph, Ranked


@dataclass
class PredictorResult:
    name: str
    precision: float
    hits: int
    n: int  # pairs predicted: the number of hidden edges
    factor_over_random: float
    scored: int = 0  # candidate pairs with any evidence (a score above zero)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Split:
    """The training graph and the hidden edges (as sorted pair keys, low * n + high)."""

    train: Graph
    hidden: np.ndarray
    isolated: int  # nodes with an edge in the input and none left in training

    @property
    def random_precision(self) -> float:
        return len(self.hidden) / self.train.non_edges if self.train.non_edges else 0.0


def hold_out(edges: EdgeList, seed: int, fraction: float) -> Split:
    """Hide round(fraction · edges) of the distinct edges, chosen by the seed, keeping all the nodes."""
    if not 0 < fraction < 1:
        raise ValueError("the hold-out fraction must be between 0 and 1")
    lo, hi = edges.unique_edges()
    m = len(lo)
    hidden_count = min(m - 1, max(1, round(fraction * m))) if m >= 2 else 0
    if hidden_count < 1:
        raise ValueError("the graph needs at least two distinct edges to hide one")
    rng = np.random.default_rng(seed)
    hide = np.zeros(m, dtype=bool)
    hide[rng.choice(m, hidden_count, replace=False)] = True
    train = Graph.from_edges(edges.n, np.concatenate([lo[~hide], hi[~hide]]), np.concatenate([hi[~hide], lo[~hide]]))
    had_edge = np.zeros(edges.n, dtype=bool)
    had_edge[lo] = had_edge[hi] = True
    isolated = int(np.count_nonzero(had_edge & (train.degree == 0)))
    return Split(train, np.sort(lo[hide].astype(np.int64) * edges.n + hi[hide]), isolated)


def fill_random(g: Graph, ranked: Ranked, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Top up a list shorter than k with distinct seeded random non-edge pairs (score 0) it does not hold."""
    keys, scores = ranked.keys, ranked.scores
    need = min(k, g.non_edges) - len(keys)
    if need <= 0:
        return keys, scores
    rng = np.random.default_rng([seed, 0x5EED])
    taken = set(keys.tolist())
    extra: list[int] = []
    while len(extra) < need:
        x, y = rng.integers(0, g.n, size=(2, 2 * (need - len(extra)) + 16))
        lo, hi = np.minimum(x, y), np.maximum(x, y)
        candidates = (lo * g.n + hi)[(lo != hi)]
        for key in candidates[~g.is_edge(candidates)].tolist():
            if key not in taken:
                taken.add(key)
                extra.append(key)
                if len(extra) == need:
                    break
    return np.concatenate([keys, np.asarray(extra, dtype=np.int64)]), np.concatenate([scores, np.zeros(need)])


def score_split(split: Split, seed: int, predictors: Sequence[str] | None = None) -> list[PredictorResult]:
    """Each predictor's precision at n on a split, best first (ties by name)."""
    names = list(predictors or PREDICTORS)
    unknown = [name for name in names if name not in PREDICTORS]
    if unknown:
        raise ValueError(f"unknown predictor {', '.join(unknown)}; known: {', '.join(PREDICTORS)}")
    k, baseline = len(split.hidden), split.random_precision
    results = []
    for name in names:
        started = time.perf_counter()
        ranked = PREDICTORS[name](split.train, k, seed)
        keys, _ = fill_random(split.train, ranked, k, seed)
        hits = int(np.count_nonzero(np.isin(keys, split.hidden, assume_unique=True)))
        precision = hits / k
        results.append(PredictorResult(name, precision, hits, k, precision / baseline if baseline else 0.0,
                                       ranked.scored, round(time.perf_counter() - started, 3)))
    return sorted(results, key=lambda r: (-r.precision, r.name))


def evaluate(edges: EdgeList, seed: int, holdout: float = 0.1,
             predictors: Sequence[str] | None = None) -> list[PredictorResult]:
    """Hide a seeded fraction of the edges and measure every predictor (or those named) on finding them."""
    return score_split(hold_out(edges, seed, holdout), seed, predictors)


def measure(edges: EdgeList, seed: int, holdout: float = 0.1, predictors: Sequence[str] | None = None) -> dict:
    """The whole measurement as plain data: the input's counts, the split's, and each predictor's result."""
    started = time.perf_counter()
    split = hold_out(edges, seed, holdout)
    results = score_split(split, seed, predictors)
    unique = len(edges.unique_edges()[0])
    return {
        "input": {"nodes": edges.n, "edge_lines": edges.lines, "edges": unique, "self_loops": edges.self_loops,
                  "duplicates": edges.duplicates, "count_header_skipped": edges.header is not None,
                  "weighted": edges.weight is not None},
        "split": {"seed": seed, "holdout": holdout, "hidden": len(split.hidden), "training_edges": split.train.m,
                  "isolated_by_holdout": split.isolated, "candidates": split.train.non_edges,
                  "random_precision": split.random_precision},
        "predictors": [r.as_dict() for r in results],
        "seconds": round(time.perf_counter() - started, 3),
    }

