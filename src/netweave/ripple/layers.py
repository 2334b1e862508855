"""The owner's network as the database holds it: one layer per kind of evidence, in person-id space.

A layer is a dict of numpy arrays: `a` and `b` (person ids, a < b) and what its weight and its evidence need.
Each is read with one or two aggregate queries, never one per person, so 30,000 people, 80,000 ties and a
million interactions read in about a second. Times are days since 1970-01-01 (UTC) as floats.

Choices that keep the pair counts bounded (measured on the 30,000-person demo, seed 7):
- Interactions: co-participants of one interaction are a pair. Up to 3 people a pair takes the contact's
  whole weight, up to BIG_MEETING (12) 3/n of it, as nurture's crowd discount has it; beyond that (3/n)^2; and
  an interaction with more than MEETING_PAIRS_UP_TO (60) people (a conference) makes no pairs at all: a
  120-person event would make 7,140 pairs, each meaning next to nothing. The demo's 67,000 group interactions
  make 430,000 pair rows.
- Affiliations: two people at one organisation whose roles overlap by MIN_OVERLAP_DAYS or more are a pair,
  for organisations with at most ORG_PAIRS_UP_TO (100) people on record in my network; at a bigger employer
  sharing it says little, and explicit colleague ties carry what matters. The demo makes 366,000 such pairs
  (700,000 with a cap of 200).
"""

from __future__ import annotations

from datetime import date, datetime, timezone

import numpy as np
from django.db import connection

from netweave.nurture.strength import DEPTH

Layer = dict[str, np.ndarray]
DAY_SECONDS = 86400.0

SMALL_GROUP = 3
BIG_MEETING = 12
MEETING_PAIRS_UP_TO = 60
ORG_PAIRS_UP_TO = 100
MIN_OVERLAP_DAYS = 30
UNKNOWN_START_DAYS = 365  # a role with no start date is taken to have begun a year before it ended

TIE_KINDS = ("colleague", "friend", "family", "mentor", "introduced", "met_at", "other")
KIND_CODES = {kind: code for code, kind in enumerate(TIE_KINDS)}
INTERACTION_KINDS = tuple(DEPTH)
OUTCOMES = ("", "met", "worked_together", "hired", "invested", "nothing")


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _rows(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def days(values) -> np.ndarray:
    """Days since the epoch for datetimes or dates as a raw cursor returns them (text from SQLite, objects
    from PostgreSQL); None is NaN."""
    out = np.full(len(values), np.nan)
    present = [i for i, v in enumerate(values) if v is not None]
    if not present:
        return out
    sample = values[present[0]]
    picked = [values[i] for i in present]
    if isinstance(sample, str):
        stamps = np.array([v[:26].replace("+00:00", "") for v in picked], dtype="datetime64[us]")
        out[present] = stamps.astype("int64") / (DAY_SECONDS * 1e6)
    elif isinstance(sample, datetime):
        out[present] = [v.timestamp() / DAY_SECONDS for v in picked]
    elif isinstance(sample, date):
        out[present] = [v.toordinal() - 719163 for v in picked]  # date(1970, 1, 1).toordinal() == 719163
    return out


def day_of(value: datetime | date) -> float:
    return days([value])[0]


def _ordered(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.minimum(a, b), np.maximum(a, b)


def best_per_pair(a: np.ndarray, b: np.ndarray, score: np.ndarray) -> np.ndarray:
    """The index of the highest-scoring row of each (a, b) pair."""
    if not len(a):
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((-score, b, a))
    sa, sb = a[order], b[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (sa[1:] != sa[:-1]) | (sb[1:] != sb[:-1])
    return order[first]


def people(owner_id: int) -> Layer:
    """My live (not archived) people, by id, with who introduced each to me (0 for nobody)."""
    from netweave.people.models import Person

    rows = _rows(f"SELECT {_q('id')}, {_q('introduced_by_id')} FROM {_table(Person)} "
                 f"WHERE {_q('owner_id')} = %s AND {_q('archived')} = %s ORDER BY {_q('id')}", [owner_id, False])
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    introducer = np.array([r[1] or 0 for r in rows], dtype=np.int64)
    return {"id": ids, "introducer": introducer}


def strengths(owner_id: int, person_ids=None) -> Layer:
    """The strength of my tie with each person who has one (all, or only `person_ids`)."""
    from netweave.nurture.models import Strength

    sql = f"SELECT {_q('person_id')}, {_q('score')} FROM {_table(Strength)} WHERE {_q('owner_id')} = %s"
    params: list = [owner_id]
    if person_ids is not None:
        ids = list(person_ids)
        if not ids:
            return {"person": np.zeros(0, dtype=np.int64), "score": np.zeros(0, dtype=np.int16)}
        sql += f" AND {_q('person_id')} IN ({', '.join(['%s'] * len(ids))})"
        params += ids
    rows = _rows(sql, params)
    return {"person": np.array([r[0] for r in rows], dtype=np.int64),
            "score": np.array([r[1] for r in rows], dtype=np.int16)}


def introductions(owner_id: int) -> Layer:
    """Introductions I made (made, or concluded with an outcome): A and B know each other through me."""
    from netweave.givefirst.models import Introduction

    rows = _rows(
        f"SELECT {_q('id')}, {_q('person_a_id')}, {_q('person_b_id')}, {_q('outcome')}, {_q('made_at')}, "
        f"{_q('updated_at')}, {_q('tie_id')} FROM {_table(Introduction)} "
        f"WHERE {_q('owner_id')} = %s AND {_q('state')} IN (%s, %s)",
        [owner_id, Introduction.State.MADE, Introduction.State.CONCLUDED])
    a, b = _ordered(np.array([r[1] for r in rows], dtype=np.int64), np.array([r[2] for r in rows], dtype=np.int64))
    made = days([r[4] or r[5] for r in rows])
    return {"a": a, "b": b, "intro": np.array([r[0] for r in rows], dtype=np.int64),
            "outcome": np.array([OUTCOMES.index(r[3]) if r[3] in OUTCOMES else 0 for r in rows], dtype=np.int8),
            "made": made, "tie": np.array([r[6] or 0 for r in rows], dtype=np.int64)}


def ties(owner_id: int, represented=()) -> Layer:
    """Explicit ties between two of my people. Ties an introduction created (`represented`: their ids) are left
    to the introductions layer, which knows more about them, so one fact is not counted twice."""
    from netweave.people.models import Tie

    rows = _rows(f"SELECT {_q('id')}, {_q('person_a_id')}, {_q('person_b_id')}, {_q('kind')} FROM {_table(Tie)} "
                 f"WHERE {_q('owner_id')} = %s", [owner_id])
    skip = set(int(t) for t in represented)
    rows = [r for r in rows if r[0] not in skip]
    a, b = _ordered(np.array([r[1] for r in rows], dtype=np.int64), np.array([r[2] for r in rows], dtype=np.int64))
    return {"a": a, "b": b, "tie": np.array([r[0] for r in rows], dtype=np.int64),
            "kind": np.array([KIND_CODES.get(r[3], KIND_CODES["other"]) for r in rows], dtype=np.int8)}


def crowd(kind_depth: np.ndarray, kind_mass: np.ndarray, size: np.ndarray) -> np.ndarray:
    """Each co-participant pair's share of an interaction: the kind's depth times nurture's crowd discount,
    squared beyond BIG_MEETING people (a big meeting says little about any two of its people)."""
    share = np.where(size <= SMALL_GROUP, 1.0, SMALL_GROUP / np.maximum(size, 1))
    squared = kind_mass | (size > BIG_MEETING)
    return kind_depth * np.where(squared & (size > SMALL_GROUP), share * share, share)


def meetings(owner_id: int, now: float, half_life: float, *, reference: float | None = None,
             people_ids=None) -> Layer:
    """Pairs of people who took part in the same interactions before `now`: how often, how lately (a mass
    decayed to `reference`, by default now, with `half_life` days), and the latest one as the example. With
    `people_ids`, only the pairs that involve one of them, every shared interaction counted: what an
    incremental refresh recomputes."""
    from netweave.interactions.models import Interaction, Participation

    part, inter = _table(Participation), _table(Interaction)
    cutoff = connection.ops.adapt_datetimefield_value(datetime.fromtimestamp(now * DAY_SECONDS, tz=timezone.utc))
    touched, params = "", []
    if people_ids is not None:
        ids = list(people_ids)
        if not ids:
            return _empty_meetings()
        touched = (f" WHERE {_q('interaction_id')} IN (SELECT {_q('interaction_id')} FROM {part} "
                   f"WHERE {_q('person_id')} IN ({', '.join(['%s'] * len(ids))}))")
        params += ids
    # Sizes come from the (interaction, person) index alone; the owner and the time are checked on the few
    # interactions with 2 to 60 people, which is much quicker than filtering a million participations first.
    sizes = (f"SELECT {_q('interaction_id')} AS iid, COUNT(*) AS n FROM {part}{touched} "
             f"GROUP BY {_q('interaction_id')} HAVING COUNT(*) BETWEEN 2 AND %s")
    members = _rows(
        f"SELECT p.{_q('interaction_id')}, p.{_q('person_id')}, s.n, i.{_q('occurred_at')}, i.{_q('kind')} "
        f"FROM {part} p JOIN ({sizes}) s ON s.iid = p.{_q('interaction_id')} "
        f"JOIN {inter} i ON i.{_q('id')} = s.iid WHERE i.{_q('owner_id')} = %s AND i.{_q('occurred_at')} <= %s "
        f"ORDER BY p.{_q('interaction_id')}, p.{_q('person_id')}", [*params, MEETING_PAIRS_UP_TO, owner_id, cutoff])
    if not members:
        return _empty_meetings()
    iids = np.array([m[0] for m in members], dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, iids[1:] != iids[:-1]])
    iid = iids[starts]
    size = np.diff(np.append(starts, len(iids)))
    heads = [members[i] for i in starts]
    at = days([h[3] for h in heads])
    kinds = [h[4] if h[4] in DEPTH else "message" for h in heads]
    depth = np.array([DEPTH[k] for k in kinds])
    mass_kind = np.array([k in ("email", "event") for k in kinds])
    share = crowd(depth, mass_kind, size) * np.exp2(-((now if reference is None else reference) - at) / half_life)
    person = np.array([m[1] for m in members], dtype=np.int64)
    # Members arrive grouped by interaction; each group of s people makes s(s-1)/2 pairs.
    pa, pb, pg = [], [], []
    for s in np.unique(size):
        rows = np.flatnonzero(size == s)
        block = person[starts[rows][:, None] + np.arange(s)]
        left, right = np.triu_indices(int(s), 1)
        pa.append(block[:, left].ravel())
        pb.append(block[:, right].ravel())
        pg.append(np.repeat(rows, len(left)))
    a, b, g = np.concatenate(pa), np.concatenate(pb), np.concatenate(pg)
    return _aggregate_pairs(a, b, share[g], at[g], iid[g])


def _empty_meetings() -> Layer:
    z = np.zeros(0)
    return {"a": z.astype(np.int64), "b": z.astype(np.int64), "count": z.astype(np.int32), "mass": z, "last": z,
            "example": z.astype(np.int64)}


def _aggregate_pairs(a, b, share, at, iid) -> Layer:
    order = np.lexsort((-at, b, a))
    a, b, share, at, iid = a[order], b[order], share[order], at[order], iid[order]
    first = np.ones(len(a), dtype=bool)
    first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    starts = np.flatnonzero(first)
    return {"a": a[starts], "b": b[starts], "count": np.diff(np.append(starts, len(a))).astype(np.int32),
            "mass": np.add.reduceat(share, starts), "last": at[starts], "example": iid[starts]}


def affiliations(owner_id: int, today: float) -> Layer:
    """Pairs of people whose roles at one organisation overlapped by at least MIN_OVERLAP_DAYS, at organisations
    with at most ORG_PAIRS_UP_TO people on record; for each pair the longest overlap, with both roles."""
    from netweave.people.models import Affiliation

    rows = _rows(f"SELECT {_q('id')}, {_q('person_id')}, {_q('organisation_id')}, {_q('start')}, {_q('end')} "
                 f"FROM {_table(Affiliation)} WHERE {_q('owner_id')} = %s ORDER BY {_q('organisation_id')}",
                 [owner_id])
    if not rows:
        return _empty_affiliations()
    aff = np.array([r[0] for r in rows], dtype=np.int64)
    person = np.array([r[1] for r in rows], dtype=np.int64)
    org = np.array([r[2] for r in rows], dtype=np.int64)
    start, end = days([r[3] for r in rows]), days([r[4] for r in rows])
    end = np.where(np.isnan(end), today, end)
    start = np.where(np.isnan(start), end - UNKNOWN_START_DAYS, start)
    cuts = np.flatnonzero(np.r_[True, org[1:] != org[:-1], True])
    out = {k: [] for k in ("a", "b", "org", "aff_a", "aff_b", "overlap", "until", "size")}
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        if hi - lo < 2:
            continue
        size = len(np.unique(person[lo:hi]))
        if size < 2 or size > ORG_PAIRS_UP_TO:
            continue
        left, right = np.triu_indices(hi - lo, 1)
        left, right = left + lo, right + lo
        until = np.minimum(end[left], end[right])
        overlap = until - np.maximum(start[left], start[right])
        keep = (overlap >= MIN_OVERLAP_DAYS) & (person[left] != person[right])
        left, right, until, overlap = left[keep], right[keep], until[keep], overlap[keep]
        swap = person[left] > person[right]
        first, second = np.where(swap, right, left), np.where(swap, left, right)
        out["a"].append(person[first])
        out["b"].append(person[second])
        out["aff_a"].append(aff[first])
        out["aff_b"].append(aff[second])
        out["org"].append(org[first])
        out["overlap"].append(overlap)
        out["until"].append(until)
        out["size"].append(np.full(len(first), size, dtype=np.int32))
    if not out["a"]:
        return _empty_affiliations()
    joined = {k: np.concatenate(v) for k, v in out.items()}
    best = best_per_pair(joined["a"], joined["b"], joined["overlap"])
    return {k: v[best] for k, v in joined.items()}


def _empty_affiliations() -> Layer:
    z = np.zeros(0)
    ints = z.astype(np.int64)
    return {"a": ints, "b": ints, "org": ints, "aff_a": ints, "aff_b": ints, "overlap": z, "until": z,
            "size": z.astype(np.int32)}
