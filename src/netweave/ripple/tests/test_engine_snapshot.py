"""The snapshot: building it from a raw edge list, reading it back, and saving it."""

from __future__ import annotations

import numpy as np
import pytest

from netweave.ripple.engine.snapshot import Snapshot, argsort_ints


def build(n, edges):
    src, dst, weight = zip(*edges)
    return Snapshot.from_edges(n, np.array(src), np.array(dst), np.array(weight, dtype=np.float32))


def as_dict(snap):
    return {i: dict(zip(*(a.tolist() for a in snap.neighbours(i)))) for i in range(snap.n)}


def test_a_repeated_pair_keeps_its_strongest_weight_in_either_direction_and_self_loops_go():
    snap = build(4, [(0, 1, 0.2), (1, 0, 0.6), (0, 1, 0.4), (2, 2, 1.0), (2, 3, 0.5), (3, 2, 0.5)])
    assert snap.n == 4 and snap.m == 2
    assert as_dict(snap) == {0: {1: pytest.approx(0.6)}, 1: {0: pytest.approx(0.6)}, 2: {3: 0.5}, 3: {2: 0.5}}
    assert snap.degree(2) == 1 and snap.weight(1, 0) == pytest.approx(0.6) and snap.weight(0, 2) == 0.0


def test_each_row_lists_the_strongest_ties_first():
    rng = np.random.default_rng(3)
    src, dst = rng.integers(0, 50, 2000), rng.integers(0, 50, 2000)
    weight = rng.choice(np.array([0.1, 0.25, 0.5, 1.0, 0.3333], dtype=np.float32), 2000)
    snap = Snapshot.from_edges(50, src, dst, weight)
    for i in range(50):
        assert np.all(np.diff(snap.neighbours(i)[1]) <= 0)
    pairs = {(min(a, b), max(a, b)) for a, b in zip(src.tolist(), dst.tolist()) if a != b}
    assert snap.m == len(pairs)
    assert sorted(snap.degrees().tolist()) == sorted(np.bincount(np.array(list(pairs)).ravel(), minlength=50).tolist())


def test_it_refuses_weights_outside_zero_to_one_and_endpoints_outside_the_graph():
    with pytest.raises(ValueError, match=r"\(0, 1\]"):
        build(3, [(0, 1, 0.0)])
    with pytest.raises(ValueError, match=r"\(0, 1\]"):
        build(3, [(0, 1, 1.5)])
    with pytest.raises(ValueError, match=r"\(0, 1\]"):
        build(3, [(0, 1, float("nan"))])
    with pytest.raises(ValueError, match="0..2"):
        build(3, [(0, 3, 0.5)])
    with pytest.raises(ValueError, match="same length"):
        Snapshot.from_edges(3, np.array([0, 1]), np.array([1]), np.array([0.5], dtype=np.float32))


def test_a_graph_without_edges_has_empty_rows():
    snap = Snapshot.from_edges(3, np.array([], dtype=np.int64), np.array([], dtype=np.int64), np.array([]))
    assert snap.m == 0 and snap.degrees().tolist() == [0, 0, 0] and snap.neighbours(1)[0].size == 0


def test_the_arrays_have_the_promised_types_and_nbytes_counts_them():
    snap = build(3, [(0, 1, 0.5), (1, 2, 0.25)])
    assert (snap.indptr.dtype, snap.indices.dtype, snap.weights.dtype) == (np.int64, np.int32, np.float32)
    assert snap.nbytes == 4 * 8 + 4 * 4 + 4 * 4 + 3 * 8  # indptr, indices, weights and the degrees


def test_a_saved_snapshot_loads_back_the_same(tmp_path):
    rng = np.random.default_rng(1)
    snap = Snapshot.from_edges(100, rng.integers(0, 100, 500), rng.integers(0, 100, 500),
                               rng.random(500).astype(np.float32) * 0.99 + 0.01)
    path = tmp_path / "graph.snapshot"
    snap.save(path)
    assert path.exists()  # under the name given, not with .npz added
    back = Snapshot.load(path)
    assert back.n == snap.n and back.m == snap.m
    for name in ("indptr", "indices", "weights"):
        assert np.array_equal(getattr(back, name), getattr(snap, name))
        assert getattr(back, name).dtype == getattr(snap, name).dtype


def test_the_packed_integer_sort_is_a_stable_argsort():
    rng = np.random.default_rng(2)
    key = rng.integers(0, 40, 1000)
    assert np.array_equal(argsort_ints(key, 6), np.argsort(key, kind="stable"))
    assert np.array_equal(argsort_ints(key, 63), np.argsort(key, kind="stable"))  # too wide: numpy's own
