"""My network as one weighted graph: me (node 0), my live people (nodes 1..n, in id order) and every tie between
them that the database gives evidence of, assembled from `layers` into an engine Snapshot.

Weights are in (0, 1], 1 the strongest. Several kinds of evidence for one pair combine as independent signals
(1 - prod(1 - w_i)): a friend I also meet with is closer than either fact says alone.
- me to a person: their nurture strength / 100, at least FLOOR (everyone I have is someone I can write to).
- an explicit tie: by kind (family 0.9 ... met at 0.3).
- an introduction I made: 0.5, then by outcome (they worked together 0.75 ... nothing came of it 0.2).
- who introduced someone to me knows them: 0.5.
- shared interactions: MEETING_MAX * m / (m + MEETING_HALF), m the pair's contacts weighed by kind and crowd
  and halved every MEETING_HALF_LIFE days: 12 recent meetings of three make about 0.75, one old email 0.05.
- overlapping roles at one organisation: AFF_MAX * (1 - 2^(-years / AFF_GROWTH_YEARS)), times
  sqrt(AFF_SMALL_ORG / people there) past that size, times AFF_OLD_FACTOR when it ended over 5 years ago.

Which pairs each kind makes, and why the counts stay bounded, is in `layers`. Keeping it current is `cache`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from netweave.ripple import layers as L

FLOOR = 0.05
MAX_SIGNAL = 0.99  # one signal never makes a certain tie: keeps 1 - w above zero when signals combine
KIND_WEIGHT = {"family": 0.9, "friend": 0.8, "mentor": 0.75, "colleague": 0.7, "introduced": 0.5, "other": 0.4,
               "met_at": 0.3}
OUTCOME_WEIGHT = {"": 0.5, "met": 0.55, "worked_together": 0.75, "hired": 0.7, "invested": 0.7, "nothing": 0.2}
INTRODUCER_WEIGHT = 0.5
MEETING_MAX, MEETING_HALF, MEETING_HALF_LIFE = 0.85, 1.5, 365.0
MIN_MEETING_WEIGHT = 0.01  # below this a shared interaction is noise (one mass mail long ago)
AFF_MAX, AFF_GROWTH_YEARS, AFF_SMALL_ORG, AFF_OLD_YEARS, AFF_OLD_FACTOR = 0.6, 1.5, 8, 5, 0.7

# What an edge rests on, as bits of `Network.kinds`.
ME, TIE, INTRODUCTION, INTRODUCER, MEETINGS, AFFILIATION = 1, 2, 4, 8, 16, 32
KIND_NAMES = {ME: "me", TIE: "tie", INTRODUCTION: "introduction", INTRODUCER: "introducer",
              MEETINGS: "interactions", AFFILIATION: "affiliation"}
PAIR_LAYERS = ("ties", "introductions", "meetings", "affiliations")


def kind_names(bits: int) -> list[str]:
    return [name for bit, name in KIND_NAMES.items() if bits & bit]


@dataclass
class Layers:
    """Everything read from the database, in person-id space; `meetings` masses are decayed to `reference`."""

    people: L.Layer
    strengths: L.Layer
    ties: L.Layer
    introductions: L.Layer
    meetings: L.Layer
    affiliations: L.Layer
    reference: float  # the day the meeting masses were decayed to
    affiliations_day: float  # the day ongoing roles were taken to end
    # Layers mapped to nodes by an earlier assembly, reused while the layer and the people are the same arrays.
    mapped: dict = field(default_factory=dict, repr=False, compare=False)

    def carried(self) -> Layers:
        """A copy to refresh: the same arrays (replace the ones re-read) and what was mapped from them."""
        return Layers(self.people, self.strengths, self.ties, self.introductions, self.meetings, self.affiliations,
                      self.reference, self.affiliations_day, dict(self.mapped))

    def node_map(self) -> NodeMap:
        entry = self.mapped.get("people")
        if entry is None or entry[0] is not self.people["id"]:
            entry = self.mapped["people"] = (self.people["id"], NodeMap(self.people["id"]))
        return entry[1]

    def pair_nodes(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Layer `name`'s ends as nodes (0 for anyone not a live person of mine)."""
        layer = getattr(self, name)
        entry = self.mapped.get(name)
        if entry is None or entry[0] is not layer["a"] or entry[1] is not self.people["id"]:
            nodes = self.node_map()
            entry = self.mapped[name] = (layer["a"], self.people["id"], nodes(layer["a"]), nodes(layer["b"]))
        return entry[2], entry[3]

    def arrays(self) -> dict[str, np.ndarray]:
        out = {}
        for name in ("people", "strengths", *PAIR_LAYERS):
            for key, value in getattr(self, name).items():
                out[f"{name}.{key}"] = value
        return out

    @classmethod
    def from_arrays(cls, arrays, reference: float, affiliations_day: float) -> Layers:
        parts: dict[str, dict] = {name: {} for name in ("people", "strengths", *PAIR_LAYERS)}
        for key in arrays:
            name, _, column = key.partition(".")
            if name in parts:
                parts[name][column] = np.asarray(arrays[key])
        return cls(**parts, reference=reference, affiliations_day=affiliations_day)


def read_layers(owner_id: int, now: float) -> Layers:
    """Every layer, fresh from the database."""
    intros = L.introductions(owner_id)
    return Layers(people=L.people(owner_id), strengths=L.strengths(owner_id),
                  ties=L.ties(owner_id, represented=intros["tie"][intros["tie"] > 0]), introductions=intros,
                  meetings=L.meetings(owner_id, now, MEETING_HALF_LIFE), affiliations=L.affiliations(owner_id, now),
                  reference=now, affiliations_day=now)


# ---- weights ---------------------------------------------------------------------------------------------

def tie_weights(layer: L.Layer) -> np.ndarray:
    table = np.array([KIND_WEIGHT[k] for k in L.TIE_KINDS])
    return table[layer["kind"].astype(np.int64)]


def introduction_weights(layer: L.Layer) -> np.ndarray:
    table = np.array([OUTCOME_WEIGHT[o] for o in L.OUTCOMES])
    return table[layer["outcome"].astype(np.int64)]


def meeting_weights(layer: L.Layer, reference: float, now: float) -> np.ndarray:
    mass = layer["mass"] * np.exp2(-(now - reference) / MEETING_HALF_LIFE)
    return MEETING_MAX * mass / (mass + MEETING_HALF)


def affiliation_weights(layer: L.Layer, now: float) -> np.ndarray:
    years = layer["overlap"] / 365.25
    w = AFF_MAX * (1 - np.exp2(-years / AFF_GROWTH_YEARS))
    w = w * np.sqrt(np.minimum(1.0, AFF_SMALL_ORG / np.maximum(layer["size"], 1)))
    old = (now - layer["until"]) > AFF_OLD_YEARS * 365.25
    return np.where(old, w * AFF_OLD_FACTOR, w)


# ---- the assembled network ----------------------------------------------------------------------------------

@dataclass
class Network:
    """One owner's graph at one moment. Node 0 is me; node i > 0 is person `ids[i - 1]`. `src < dst`."""

    owner_id: int
    ids: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    kinds: np.ndarray
    snapshot: object
    layers: Layers
    now: float
    stamp: dict = field(default_factory=dict)
    _pair_index: dict = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        return len(self.ids) + 1

    def node(self, person_id: int) -> int | None:
        """The node of a live person of mine, or None."""
        i = int(np.searchsorted(self.ids, person_id))
        return i + 1 if i < len(self.ids) and self.ids[i] == person_id else None

    def nodes(self, person_ids) -> np.ndarray:
        """Nodes of many people; 0 (me) stands for anyone who is not a live person of mine."""
        arr = np.asarray(list(person_ids) if not isinstance(person_ids, np.ndarray) else person_ids, dtype=np.int64)
        return self.layers.node_map()(arr)

    def person(self, node: int) -> int | None:
        return None if node == 0 else int(self.ids[node - 1])

    def edge(self, a: int, b: int) -> tuple[float, int] | None:
        """(weight, kind bits) of the edge between two nodes, or None."""
        lo, hi = min(a, b), max(a, b)
        key = lo * self.n + hi
        keys = self._edge_keys()
        i = int(np.searchsorted(keys, key))
        if i < len(keys) and keys[i] == key:
            return float(self.weight[i]), int(self.kinds[i])
        return None

    def _edge_keys(self) -> np.ndarray:
        if "edges" not in self._pair_index:
            self._pair_index["edges"] = self.src.astype(np.int64) * self.n + self.dst
        return self._pair_index["edges"]

    def rows(self, layer: str, a: int, b: int) -> np.ndarray:
        """Row numbers of `layer` (in person-id space) for the pair of nodes a and b."""
        if layer not in self._pair_index:
            data = getattr(self.layers, layer)
            na, nb = self.nodes(data["a"]), self.nodes(data["b"])
            lo, hi = np.minimum(na, nb), np.maximum(na, nb)
            keys = np.where((na > 0) & (nb > 0), lo * self.n + hi, -1)
            order = np.argsort(keys, kind="stable")
            self._pair_index[layer] = (keys[order], order)
        keys, order = self._pair_index[layer]
        key = min(a, b) * self.n + max(a, b)
        lo, hi = np.searchsorted(keys, key, "left"), np.searchsorted(keys, key, "right")
        return order[lo:hi]


class NodeMap:
    """Person ids to nodes (0 for anyone not a live person of mine): a dense table when the ids are compact, as
    they are for one user's people, else a binary search over the sorted ids."""

    def __init__(self, ids: np.ndarray):
        self.ids = ids
        self.table = None
        top = int(ids[-1]) if len(ids) else 0
        if len(ids) and top <= 4 * len(ids) + 1_000_000:
            self.table = np.zeros(top + 1, dtype=np.int32)
            self.table[ids] = np.arange(1, len(ids) + 1, dtype=np.int32)

    def __call__(self, person_ids: np.ndarray) -> np.ndarray:
        person_ids = np.asarray(person_ids, dtype=np.int64)
        if not len(self.ids):
            return np.zeros(len(person_ids), dtype=np.int64)
        if self.table is not None:
            inside = (person_ids >= 0) & (person_ids < len(self.table))
            out = np.zeros(len(person_ids), dtype=np.int64)
            out[inside] = self.table[person_ids[inside]]
            return out
        i = np.searchsorted(self.ids, person_ids)
        clipped = np.minimum(i, len(self.ids) - 1)
        return np.where(self.ids[clipped] == person_ids, clipped + 1, 0).astype(np.int64)


def assemble(owner_id: int, layers: Layers, now: float, stamp: dict | None = None) -> Network:
    """Combine the layers into one edge list and its Snapshot, at time `now` (meetings decay with it)."""
    from netweave.ripple.engine.snapshot import Snapshot

    ids = layers.people["id"]
    n = len(ids) + 1
    nodes = layers.node_map()
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, int]] = []

    # Me: everyone, by strength, at least the floor.
    me_w = np.full(len(ids), FLOOR)
    s_nodes = nodes(layers.strengths["person"])
    known = s_nodes > 0
    me_w[s_nodes[known] - 1] = np.maximum(FLOOR, layers.strengths["score"][known] / 100.0)
    parts.append((np.zeros(len(ids), dtype=np.int64), np.arange(1, n, dtype=np.int64), me_w, ME))

    people = layers.people
    has = people["introducer"] > 0
    parts.append((nodes(people["id"][has]), nodes(people["introducer"][has]),
                  np.full(int(has.sum()), INTRODUCER_WEIGHT), INTRODUCER))
    parts.append((*layers.pair_nodes("ties"), tie_weights(layers.ties), TIE))
    parts.append((*layers.pair_nodes("introductions"), introduction_weights(layers.introductions), INTRODUCTION))
    parts.append((*layers.pair_nodes("meetings"), meeting_weights(layers.meetings, layers.reference, now), MEETINGS))
    parts.append((*layers.pair_nodes("affiliations"), affiliation_weights(layers.affiliations, now), AFFILIATION))

    src, dst, w, bits = _combine(n, parts)
    snapshot = Snapshot.from_edges(n, src.astype(np.int64), dst.astype(np.int64), w.astype(np.float32))
    return Network(owner_id=owner_id, ids=ids, src=src, dst=dst, weight=w, kinds=bits, snapshot=snapshot,
                   layers=layers, now=now, stamp=dict(stamp or {}))


def _combine(n: int, parts) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One edge per pair of nodes: signals combined as independent (1 - prod(1 - w)), kinds OR-ed. Pairs with
    an end outside my live people (0 where a node should be, other than me) and self-pairs are dropped."""
    keys, logs, bits = [], [], []
    for a, b, w, bit in parts:
        if not len(a):
            continue
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        keep = (hi > 0) & (lo != hi) & (w > 0)
        if bit != ME:
            keep &= lo > 0
        if bit == MEETINGS:
            keep &= w >= MIN_MEETING_WEIGHT
        keys.append(lo[keep] * n + hi[keep])
        logs.append(np.log1p(-np.minimum(w[keep], MAX_SIGNAL)))
        bits.append(np.full(int(keep.sum()), bit, dtype=np.int16))
    if not keys:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0), np.zeros(0, dtype=np.int16)
    key, log, bit = np.concatenate(keys), np.concatenate(logs), np.concatenate(bits)
    order = np.argsort(key, kind="stable")  # the parts arrive mostly sorted: a stable sort merges their runs
    key, log, bit = key[order], log[order], bit[order]
    starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    unique = key[starts]
    combined = -np.expm1(np.add.reduceat(log, starts))
    kinds = np.bitwise_or.reduceat(bit, starts).astype(np.int16)
    return unique // n, unique % n, np.clip(combined, 1e-6, 1.0), kinds
