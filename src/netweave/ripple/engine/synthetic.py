"""A synthetic professional network of any size, deterministic per seed, for benchmarks and tests.

Shaped after what is known of real ones. Organisation sizes follow a Zipf-like law (P(size >= s) ~ s^-1.3:
mostly one- to five-person firms, the largest with thousands of people; about 270,000 organisations per
million people). How connected people are is heavy-tailed: each has an activity drawn from a Pareto law with
tail 1.65, so a million people include hubs with 10,000+ ties. Real networks are clustered because most ties
sit inside small groups, so most ties here do too:
- teams (20%): each organisation is cut into teams of 8, and teammates mostly know each other;
- circles (30%): everyone is in a circle of 5-15 people outside work (a school year, a club), and active
  people in many, and circle members often know each other;
- colleagues (5%): someone picked by activity and anyone at their organisation;
- friends of friends (20%): two contacts of someone meet, in two rounds;
- acquaintances (25%): two people picked by activity (Chung-Lu): weak ties, the short cuts between groups.
Weights are Beta-distributed per kind (most ties weak, teammates strongest), in [0.01, 1].
"""

from __future__ import annotations

import numpy as np

from netweave.ripple.engine.snapshot import argsort_ints

ORG_TAIL = 1.3
ACTIVITY_TAIL = 1.65
TEAM = 8
CIRCLE_SIZES = (5, 15)
CIRCLES_PER_PERSON = 2.0  # memberships on average: one each, and as many again drawn by activity
KINDS = ("team", "circle", "colleague", "closure", "random")  # at most 8: the kind travels in 3 bits of a key
SHARES = {"team": 0.2, "circle": 0.3, "colleague": 0.05, "closure": 0.2, "random": 0.25}
STRENGTH = {"team": (2.5, 2.5), "circle": (1.5, 3.0), "colleague": (2.0, 3.0), "closure": (1.5, 3.5),
            "random": (1.0, 4.0)}  # Beta(a, b) per kind
_BITS = np.uint64(3)


def synthetic_graph(nodes: int, edges: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Exactly `edges` distinct undirected ties (no self-loops) over `nodes` people: (src, dst, weight,
    org_of_node), int32/int32/float32/int32."""
    if not 1 <= nodes < 2**30:  # a pair and its kind share one 64-bit key
        raise ValueError(f"nodes must be between 1 and 2**30 - 1, not {nodes}")
    if edges < 0 or edges > nodes * (nodes - 1) // 2:
        raise ValueError(f"{edges} edges do not fit between {nodes} nodes (at most {nodes * (nodes - 1) // 2})")
    rng = np.random.default_rng(seed)
    org = organisations(nodes, rng)
    activity = np.minimum(rng.random(nodes) ** (-1 / ACTIVITY_TAIL), max(nodes / 20, 1.0))
    picker = _Picker(activity, rng)
    want = {kind: int((edges * 1.05 + 8) * share) for kind, share in SHARES.items()}  # repeats drop out

    members = np.argsort(org, kind="stable")
    parts = {"team": _group_ties(members, _team_sizes(np.bincount(org)), want["team"], rng),
             "circle": _circle_ties(nodes, picker, want["circle"], rng),
             "colleague": _colleagues(org, members, picker, want["colleague"], rng),
             "random": picker.pairs(want["random"])}
    # Two rounds of introductions, so that friends of friends made in the first can meet others in the second.
    base = np.concatenate(list(parts.values()), axis=1)
    first = _close_triangles(nodes, base, want["closure"] // 2, rng)
    second = _close_triangles(nodes, np.concatenate([base, first], axis=1), want["closure"] - want["closure"] // 2,
                              rng)
    parts["closure"] = np.concatenate([first, second], axis=1)
    del base, first, second
    key = _distinct(nodes, [(parts[kind], KINDS.index(kind)) for kind in KINDS])
    del parts
    for _ in range(100):  # top up with acquaintances until there are enough distinct ties
        if key.size >= edges:
            break
        extra = picker.pairs(int((edges - key.size) * 1.2) + 16)
        key = _distinct(nodes, [(key, None), (extra, KINDS.index("random"))])
    if key.size < edges:  # dense and small: draw the rest from the pairs still missing
        key = _fill_from_missing(nodes, key, edges, rng)
    if key.size > edges:
        key = key[np.sort(rng.permutation(key.size)[:edges])]
    key = key[rng.permutation(key.size)]  # an edge list in no particular order, as one read from a file would be
    kind = (key & np.uint64(7)).astype(np.int64)
    pair = (key >> _BITS).astype(np.int64)
    weight = np.empty(key.size, dtype=np.float32)
    for code, name in enumerate(KINDS):
        chosen = np.flatnonzero(kind == code)
        weight[chosen] = _strengths(chosen.size, name, rng)
    return ((pair // nodes).astype(np.int32), (pair % nodes).astype(np.int32), weight, org.astype(np.int32))


def organisations(nodes: int, rng: np.random.Generator) -> np.ndarray:
    """An organisation id per node, sizes Zipf-like and capped at a fiftieth of everyone."""
    cap = max(1, min(nodes // 50, 50_000))
    sizes = np.minimum(np.floor(rng.random(nodes) ** (-1 / ORG_TAIL)), cap).astype(np.int64)
    count = int(np.searchsorted(np.cumsum(sizes), nodes)) + 1
    sizes = sizes[:count]
    sizes[-1] -= sizes.sum() - nodes
    org = np.repeat(np.arange(count, dtype=np.int64), sizes)
    return org[rng.permutation(nodes)]


class _Picker:
    """Draws people with probability proportional to their activity."""

    def __init__(self, activity: np.ndarray, rng: np.random.Generator):
        self.cumulative = np.cumsum(activity)
        self.rng = rng

    def people(self, count: int) -> np.ndarray:
        # Sorted draws make the binary searches cache-friendly (several times faster); the shuffle after restores
        # independent order.
        draws = np.sort(self.rng.random(count)) * self.cumulative[-1]
        return self.rng.permutation(np.searchsorted(self.cumulative, draws, side="right"))

    def pairs(self, count: int) -> np.ndarray:
        return np.stack([self.people(count), self.people(count)])


def _team_sizes(org_sizes: np.ndarray) -> np.ndarray:
    """Each organisation (members listed together, organisation by organisation) cut into teams of TEAM people,
    the last one smaller."""
    full, rest = org_sizes // TEAM, org_sizes % TEAM
    per_org = full + (rest > 0)
    sizes = np.full(int(per_org.sum()), TEAM, dtype=np.int64)
    sizes[(np.cumsum(per_org) - 1)[rest > 0]] = rest[rest > 0]
    return sizes


def _circle_ties(nodes: int, picker: _Picker, count: int, rng: np.random.Generator) -> np.ndarray:
    """Everyone in a circle, and active people in more: memberships shuffled and cut into circles."""
    joined = np.concatenate([np.arange(nodes), picker.people(int(nodes * (CIRCLES_PER_PERSON - 1)))])
    joined = joined[rng.permutation(joined.size)]
    low, high = CIRCLE_SIZES
    sizes = rng.integers(low, high + 1, size=joined.size // low + 1)
    sizes = sizes[: int(np.searchsorted(np.cumsum(sizes), joined.size)) + 1]
    sizes[-1] -= sizes.sum() - joined.size
    return _group_ties(joined, sizes, count, rng)


def _group_ties(members: np.ndarray, sizes: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """About `count` ties inside groups (consecutive runs of `members`, of `sizes`), every pair in any group
    equally likely."""
    starts = np.cumsum(sizes) - sizes
    pairs = int((sizes * (sizes - 1) // 2).sum())
    chance = min(1.0, count / pairs) if pairs else 0.0
    out = [np.zeros((2, 0), dtype=np.int64)]
    for size in np.unique(sizes[sizes >= 2]).tolist():
        group = starts[sizes == size]
        i, j = np.triu_indices(size, k=1)
        which, pair = np.nonzero(rng.random((group.size, i.size)) < chance)
        out.append(np.stack([members[group[which] + i[pair]], members[group[which] + j[pair]]]))
    return np.concatenate(out, axis=1)


def _colleagues(org: np.ndarray, members: np.ndarray, picker: _Picker, count: int,
                rng: np.random.Generator) -> np.ndarray:
    """Someone picked by activity, and anyone at their organisation."""
    sizes = np.bincount(org)
    starts = np.cumsum(sizes) - sizes
    a = picker.people(count)
    o = org[a]
    return np.stack([a, members[starts[o] + (rng.random(count) * sizes[o]).astype(np.int64)]])


def _close_triangles(nodes: int, base: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """Close `count` triangles: two random contacts of a random person (anyone with two) get to know each other.
    Centring on random people rather than on the ends of random ties keeps hubs from taking most of them."""
    if base.shape[1] == 0 or count == 0:
        return np.zeros((2, 0), dtype=np.int64)
    rows = np.concatenate([base[0], base[1]])
    cols = np.concatenate([base[1], base[0]])
    cols = cols[argsort_ints(rows, max(nodes, 1).bit_length())]
    degree = np.bincount(rows, minlength=nodes)
    starts = np.cumsum(degree) - degree
    centres = np.flatnonzero(degree >= 2)
    if centres.size == 0:
        return np.zeros((2, 0), dtype=np.int64)
    v = centres[rng.integers(0, centres.size, size=count)]
    first = (rng.random(count) * degree[v]).astype(np.int64)
    second = (first + 1 + (rng.random(count) * (degree[v] - 1)).astype(np.int64)) % degree[v]  # another one
    return np.stack([cols[starts[v] + first], cols[starts[v] + second]])


def _strengths(count: int, kind: str, rng: np.random.Generator) -> np.ndarray:
    a, b = STRENGTH[kind]
    return np.clip(rng.beta(a, b, size=count), 0.01, 1.0).astype(np.float32)


def _distinct(nodes: int, parts) -> np.ndarray:
    """Distinct unordered pairs, self-loops dropped, as sorted uint64 keys (lo * nodes + hi) << 3 | kind; a pair
    drawn as several kinds keeps the lowest. Each part is (2 x count pairs, kind) or (keys, None)."""
    keys = []
    for pairs, kind in parts:
        if kind is None:
            keys.append(pairs)
            continue
        lo = np.minimum(pairs[0], pairs[1]).astype(np.uint64)
        hi = np.maximum(pairs[0], pairs[1]).astype(np.uint64)
        keep = lo != hi
        keys.append(((lo[keep] * np.uint64(nodes) + hi[keep]) << _BITS) | np.uint64(kind))
    key = np.sort(np.concatenate(keys))  # sorting plain integers is fast; argsort would be several times slower
    pair = key >> _BITS
    first = np.ones(key.size, dtype=bool)
    first[1:] = pair[1:] != pair[:-1]
    return key[first]


def _fill_from_missing(nodes: int, key: np.ndarray, edges: int, rng: np.random.Generator) -> np.ndarray:
    lo, hi = np.triu_indices(nodes, k=1)
    random = np.uint64(KINDS.index("random"))
    every = (lo.astype(np.uint64) * np.uint64(nodes) + hi.astype(np.uint64)) << _BITS | random
    missing = np.setdiff1d(every, key >> _BITS << _BITS | random, assume_unique=True)
    extra = rng.choice(missing, size=edges - key.size, replace=False)
    return np.sort(np.concatenate([key, extra]))
