"""A compact, read-only snapshot of an undirected weighted graph in CSR form, for the heavy path queries.

Each node's neighbours are stored strongest tie first. The searches rely on that order: with a budget on how
weak a tie may still be worth following, only a prefix of a row is read, which keeps hubs of 10,000+ contacts
from being expanded blindly.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

FORMAT = 1
ONE = 0x3F800000  # the bits of float32 1.0


def argsort_ints(key: np.ndarray, key_bits: int) -> np.ndarray:
    """A stable argsort of non-negative integers below 2**key_bits. numpy sorts plain integers several times
    faster than it argsorts them, so when the position fits beside the key in 64 bits, sort (key, position)."""
    count = key.shape[0]
    position_bits = max(1, (count - 1).bit_length())
    if key_bits + position_bits > 64:
        return np.argsort(key, kind="stable")
    packed = key.astype(np.uint64) << np.uint64(position_bits)
    packed |= np.arange(count, dtype=np.uint64)
    packed.sort()
    packed &= np.uint64((1 << position_bits) - 1)
    return packed.astype(np.int64)


class Snapshot:
    """An undirected graph over nodes 0..n-1: `indptr` (int64), `indices` (int32) and `weights` (float32 in
    (0, 1], 1 the strongest tie), each row sorted by weight, strongest first."""

    def __init__(self, n: int, indptr: np.ndarray, indices: np.ndarray, weights: np.ndarray):
        if indptr.shape != (n + 1,) or indices.shape != weights.shape or indptr[-1] != indices.shape[0]:
            raise ValueError("indptr, indices and weights do not describe one graph")
        self.n = int(n)
        self.indptr = np.ascontiguousarray(indptr, dtype=np.int64)
        self.indices = np.ascontiguousarray(indices, dtype=np.int32)
        self.weights = np.ascontiguousarray(weights, dtype=np.float32)
        self.degree_of = np.diff(self.indptr)  # kept: the searches weigh frontiers by it on every step
        self._local = threading.local()

    @classmethod
    def from_edges(cls, n: int, src, dst, weight) -> Snapshot:
        """Build from parallel arrays of undirected edges; a repeated pair keeps its strongest weight and
        self-loops are dropped."""
        src = np.asarray(src)
        dst = np.asarray(dst)
        weight = np.asarray(weight, dtype=np.float32)
        if not (src.shape == dst.shape == weight.shape) or src.ndim != 1:
            raise ValueError("src, dst and weight must be one-dimensional arrays of the same length")
        if n < 0 or n >= 2**31:
            raise ValueError(f"n must be between 0 and 2**31 - 1, not {n}")
        if src.size:
            low = min(int(src.min()), int(dst.min()))
            high = max(int(src.max()), int(dst.max()))
            if low < 0 or high >= n:
                raise ValueError(f"edge endpoints must lie in 0..{n - 1}; found {low if low < 0 else high}")
            if not (np.all(weight > 0) and np.all(weight <= 1)):  # also refuses NaN
                raise ValueError("weights must lie in (0, 1]")
        lo = np.minimum(src, dst).astype(np.int64)
        hi = np.maximum(src, dst).astype(np.int64)
        keep = lo != hi
        pair = lo[keep] * n + hi[keep]  # one int64 per unordered pair: n < 2**31, so no overflow
        weight = weight[keep]
        del lo, hi, keep
        order = argsort_ints(pair, max(n * n, 1).bit_length())
        pair, weight = pair[order], weight[order]
        del order
        if pair.size:
            starts = np.flatnonzero(np.concatenate(([True], pair[1:] != pair[:-1])))
            weight = np.maximum.reduceat(weight, starts)  # a repeated pair keeps its strongest weight
            pair = pair[starts]
            del starts
        lo, hi = np.divmod(pair, max(n, 1))
        del pair
        return cls._from_unique(n, lo, hi, weight)

    @classmethod
    def _from_unique(cls, n: int, lo: np.ndarray, hi: np.ndarray, weight: np.ndarray) -> Snapshot:
        # Strongest first: for weights in (0, 1] the float32 bits order like the numbers and stay below ONE.
        order = argsort_ints(ONE - weight.view(np.uint32).astype(np.int64), 30)
        lo, hi, weight = lo[order], hi[order], weight[order]
        del order
        # Both directions of each tie, still strongest first; a stable sort by row keeps that order in each row.
        rows = np.stack([lo, hi], axis=1).ravel()
        cols = np.stack([hi, lo], axis=1).ravel().astype(np.int32)
        both = np.repeat(weight, 2)
        del lo, hi
        order = argsort_ints(rows, max(n, 1).bit_length())
        indices, weights = cols[order], both[order]
        del order, cols, both
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
        return cls(n, indptr, indices, weights)

    @property
    def m(self) -> int:
        """The number of undirected edges."""
        return int(self.indices.shape[0] // 2)

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays (not the per-thread search buffers)."""
        return int(self.indptr.nbytes + self.indices.nbytes + self.weights.nbytes + self.degree_of.nbytes)

    def neighbours(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """Node i's neighbours and the weights of those ties, strongest first (views, not copies)."""
        a, b = self.indptr[i], self.indptr[i + 1]
        return self.indices[a:b], self.weights[a:b]

    def degree(self, i: int) -> int:
        return int(self.indptr[i + 1] - self.indptr[i])

    def degrees(self) -> np.ndarray:
        return self.degree_of

    def weight(self, i: int, j: int) -> float:
        """The weight of the tie i-j, or 0.0 when there is none."""
        nodes, weights = self.neighbours(i)
        hit = np.flatnonzero(nodes == j)
        return float(weights[hit[0]]) if hit.size else 0.0

    def save(self, path) -> None:
        """Write the snapshot to `path` (an uncompressed .npz, whatever the name)."""
        with open(Path(path), "wb") as handle:
            np.savez(handle, format=np.int64(FORMAT), n=np.int64(self.n), indptr=self.indptr,
                     indices=self.indices, weights=self.weights)

    @classmethod
    def load(cls, path) -> Snapshot:
        with np.load(Path(path), allow_pickle=False) as data:
            if int(data["format"]) != FORMAT:
                raise ValueError(f"{path}: snapshot format {int(data['format'])}, expected {FORMAT}")
            return cls(int(data["n"]), data["indptr"], data["indices"], data["weights"])

    def workspace(self) -> Workspace:
        """Scratch arrays for searches, one set per thread, kept clean between queries."""
        space = getattr(self._local, "space", None)
        if space is None:
            space = self._local.space = Workspace(self.n)
        return space

    def __repr__(self) -> str:
        return f"<Snapshot n={self.n:,} m={self.m:,} {self.nbytes / 2**20:.1f} MiB>"


class Workspace:
    """Dense per-node arrays a search writes to and restores afterwards: allocating them per query would cost
    more than the query (a few ms at a million nodes)."""

    def __init__(self, n: int):
        self.cost = [np.full(n, np.inf), np.full(n, np.inf)]  # best cost found, per side of a search
        self.level = [np.zeros(n, dtype=np.int8), np.zeros(n, dtype=np.int8)]  # hops of that best label
        self.scratch = np.full(n, np.inf)
        self.stamp = np.zeros(n, dtype=np.int64)
        self.blocked = np.zeros(n, dtype=bool)
        self.target = np.zeros(n, dtype=bool)
        self.mine = np.zeros(n, dtype=np.float32)  # my tie's weight to each contact, in two_hop
