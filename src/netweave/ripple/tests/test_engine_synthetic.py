"""The synthetic network: the requested size, the same network for the same seed, and a realistic shape."""

from __future__ import annotations

import numpy as np
import pytest

from netweave.ripple.engine.snapshot import Snapshot
from netweave.ripple.engine.synthetic import synthetic_graph
from netweave.ripple.engine.workload import describe


def test_it_gives_exactly_the_requested_numbers_of_people_and_distinct_ties():
    for nodes, edges in ((20_000, 200_000), (50, 1000), (10, 45), (5, 0), (1, 0)):
        src, dst, weight, org = synthetic_graph(nodes, edges, seed=3)
        assert src.shape == dst.shape == weight.shape == (edges,)
        assert org.shape == (nodes,)
        assert np.all(src != dst)
        pairs = np.minimum(src, dst).astype(np.int64) * nodes + np.maximum(src, dst)
        assert np.unique(pairs).size == edges  # no pair twice, in either direction
        assert weight.dtype == np.float32 and np.all((weight >= 0.01) & (weight <= 1))
        snap = Snapshot.from_edges(nodes, src, dst, weight)
        assert (snap.n, snap.m) == (nodes, edges)


def test_the_same_seed_gives_the_same_network_and_another_seed_another():
    first = synthetic_graph(5000, 40_000, seed=11)
    again = synthetic_graph(5000, 40_000, seed=11)
    other = synthetic_graph(5000, 40_000, seed=12)
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert not np.array_equal(first[0], other[0])


def test_it_refuses_more_ties_than_fit():
    with pytest.raises(ValueError, match="do not fit"):
        synthetic_graph(10, 46, seed=1)
    with pytest.raises(ValueError, match="between 1 and"):
        synthetic_graph(0, 0, seed=1)


def test_degrees_are_heavy_tailed_organisations_zipf_like_and_friends_of_friends_know_each_other():
    nodes, edges = 50_000, 500_000
    src, dst, weight, org = synthetic_graph(nodes, edges, seed=5)
    snap = Snapshot.from_edges(nodes, src, dst, weight)
    shape = describe(snap, org, np.random.default_rng(0), wedges=5000)
    degree = shape["degree"]
    assert degree["mean"] == 20.0
    assert degree["max"] > 50 * degree["p50"]  # hubs, not a Poisson graph
    assert degree["p50"] < degree["mean"]  # most people below the mean: a long tail
    orgs = shape["organisations"]
    assert 0.15 * nodes < orgs["count"] < 0.45 * nodes  # "a few hundred thousand" per million
    assert orgs["p50"] <= 2 and orgs["largest"] >= 200
    # A random graph of this density closes about mean / nodes = 0.04% of wedges; people's contacts here know
    # each other far more often, as in real networks.
    assert shape["mean_local_clustering"] > 0.08 and shape["transitivity"] > 0.005
    assert 0.1 < float(np.median(weight)) < 0.4  # most ties weak
