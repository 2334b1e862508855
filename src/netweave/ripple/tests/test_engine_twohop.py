"""Who do I know at an organisation, on a graph checked by hand, from either side of the join."""

from __future__ import annotations

import numpy as np
import pytest

from netweave.ripple.engine.snapshot import Snapshot
from netweave.ripple.engine.twohop import two_hop

# Me (0) knows Ana (1, 0.9) and Bo (2, 0.5). Acme is {3, 4, 5, 2}: Ana knows 3 (0.5) and 4 (0.2), Bo knows
# 3 (1.0) and 5 (0.8); nobody I know knows 6, who is at Acme too.
EDGES = [(0, 1, 0.9), (0, 2, 0.5), (1, 3, 0.5), (1, 4, 0.2), (2, 3, 1.0), (2, 5, 0.8), (6, 7, 1.0)]
ACME = [2, 3, 4, 5, 6]


def build(n, edges):
    src, dst, weight = zip(*edges)
    return Snapshot.from_edges(n, np.array(src), np.array(dst), np.array(weight, dtype=np.float32))


def test_it_lists_people_i_know_directly_and_through_my_best_contact():
    hits = two_hop(build(8, EDGES), 0, np.array(ACME))
    # Bo directly: 0.5. 3 through Bo 0.5 * 1.0 * 0.7 = 0.35 beats through Ana 0.9 * 0.5 * 0.7 = 0.315.
    # 5 through Bo 0.5 * 0.8 * 0.7 = 0.28; 4 through Ana 0.9 * 0.2 * 0.7 = 0.126; 6 is out of reach.
    assert [(t, via) for t, via, _ in hits] == [(2, None), (3, 2), (5, 2), (4, 1)]
    assert [score for _, _, score in hits] == pytest.approx([0.5, 0.35, 0.28, 0.126])


def test_a_limit_keeps_the_best_and_an_excluded_contact_is_not_gone_through():
    snap = build(8, EDGES)
    assert two_hop(snap, 0, np.array(ACME), limit=1) == [(2, None, pytest.approx(0.5))]
    hits = two_hop(snap, 0, np.array(ACME), exclude=[2])
    assert [(t, via) for t, via, _ in hits] == [(2, None), (3, 1), (4, 1)]  # Bo is still someone I know


def test_the_group_may_be_a_boolean_mask_and_i_am_never_in_my_own_answer():
    mask = np.zeros(8, dtype=bool)
    mask[ACME + [0]] = True
    snap = build(8, EDGES)
    assert two_hop(snap, 0, mask) == two_hop(snap, 0, np.array(ACME))
    assert two_hop(snap, 6, mask) == []  # 6 knows only 7, who is not at Acme
    with pytest.raises(ValueError, match="one entry per node"):
        two_hop(snap, 0, np.zeros(3, dtype=bool))
