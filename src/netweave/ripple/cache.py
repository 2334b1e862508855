"""Keeping each owner's network current: in memory per process, on disk under NETWEAVE_HOME for the next
process (a CLI command), and refreshed incrementally when a cheap change stamp moves.

The stamp is one statement of five aggregates (people, strengths, ties, introductions, affiliations: counts,
largest ids, latest change times, checksums of kinds and end dates; about 35 ms of CPU at 30,000 people and
80,000 ties, every request pays it). When it moves:
- people: the people layer is re-read (ids, who introduced whom).
- strengths: every path that changes who took part in what (logging, editing or deleting an interaction, an
  import, a merge) ends in people.services.refresh_last_contact, which recomputes those people's strengths.
  So the people whose strength was recomputed since the last look are exactly those whose shared-interaction
  pairs may have changed: their me-edges and every pair involving them are re-read (all of those pairs'
  interactions counted, so the result is exact). More than INCREMENTAL_LIMIT of them (the nightly recompute)
  re-read the whole layer.
- ties or introductions: both re-read (tens of thousands of rows). Affiliations: re-read, and once a day
  anyway, since ongoing roles keep overlapping.
Then the layers are assembled again into the Snapshot (layers that did not change keep their node mapping).
Meeting weights decay with time, so a network more than a day old is re-assembled even when nothing changed.
A refreshed network is written back to disk at most once a minute per process, so the next CLI command starts
from a recent copy without every request in a server paying for the write.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import OrderedDict
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import numpy as np
from django.db import connection

from netweave.core import clock
from netweave.ripple import graph
from netweave.ripple import layers as L

INCREMENTAL_LIMIT = 2000  # recomputed strengths beyond which re-reading the whole meetings layer is quicker
SLACK_SECONDS = 60  # strengths recomputed up to this long before the last stamp count as new: a late commit is
# not missed. Those at exactly the last stamp's time are not: they set it (a nightly recompute gives all one time).
REASSEMBLE_DAYS = 1.0
KEEP_OWNERS = 4  # networks kept in memory per process
SAVE_SECONDS = 60  # a refreshed network is written to disk at most this often per owner (a build always is)
FORMAT = 1

_cache: OrderedDict = OrderedDict()
_saved: dict = {}  # cache key -> when this process last wrote that network to disk
_lock = threading.RLock()
last_refresh: dict[int, dict] = {}  # owner id -> what their latest build or refresh did (benchmarks, status)


def now_days() -> float:
    return clock.now().timestamp() / L.DAY_SECONDS


STAMP_PARTS = {
    "people": ("n", "top", "changed", "archived"),
    "strengths": ("n", "changed"),
    "ties": ("n", "top", "kinds"),
    "introductions": ("n", "changed"),
    "affiliations": ("n", "top", "last_start", "last_end", "ended"),
}


def read_stamp(owner_id: int) -> dict:
    """What changes when the graph's inputs change: counts, largest ids, latest change times, and checksums of
    the values an edit changes in place (a tie's kind, an affiliation's end), in one statement."""
    from netweave.givefirst.models import Introduction
    from netweave.nurture.models import Strength
    from netweave.people.models import Affiliation, Person, Tie

    q, t = L._q, L._table
    kinds = " ".join(f"WHEN %s THEN {q('id')} * {code + 1}" for code in range(len(L.TIE_KINDS)))
    sql = (
        f"SELECT p.n, p.top, p.changed, p.archived, s.n, s.changed, t.n, t.top, t.kinds, i.n, i.changed, "
        f"a.n, a.top, a.last_start, a.last_end, a.ended FROM "
        f"(SELECT COUNT(*) AS n, MAX({q('id')}) AS top, MAX({q('updated_at')}) AS changed, "
        f"SUM(CASE WHEN {q('archived')} THEN 1 ELSE 0 END) AS archived FROM {t(Person)} WHERE {q('owner_id')} = %s) p, "
        f"(SELECT COUNT(*) AS n, MAX({q('computed_at')}) AS changed FROM {t(Strength)} WHERE {q('owner_id')} = %s) s, "
        f"(SELECT COUNT(*) AS n, MAX({q('id')}) AS top, SUM(CASE {q('kind')} {kinds} ELSE 0 END) AS kinds "
        f"FROM {t(Tie)} WHERE {q('owner_id')} = %s) t, "
        f"(SELECT COUNT(*) AS n, MAX({q('updated_at')}) AS changed FROM {t(Introduction)} "
        f"WHERE {q('owner_id')} = %s) i, "
        f"(SELECT COUNT(*) AS n, MAX({q('id')}) AS top, MAX({q('start')}) AS last_start, MAX({q('end')}) AS last_end, "
        f"SUM(CASE WHEN {q('end')} IS NULL THEN 0 ELSE {q('id')} END) AS ended FROM {t(Affiliation)} "
        f"WHERE {q('owner_id')} = %s) a")
    row = list(L._rows(sql, [owner_id, owner_id, *L.TIE_KINDS, owner_id, owner_id, owner_id])[0])
    stamp = {}
    for table, parts in STAMP_PARTS.items():
        stamp[table] = {part: _plain(row.pop(0)) for part in parts}
    return stamp


def _plain(value):
    """A stamp value as JSON keeps it: numbers as numbers, times and dates as ISO text (UTC)."""
    if value is None or isinstance(value, (int, float)):
        return value
    if hasattr(value, "isoformat"):
        if isinstance(value, datetime):
            if value.tzinfo is not None:
                value = value.astimezone(timezone.utc).replace(tzinfo=None)
            return value.isoformat(sep=" ")
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value)
    return str(value)


def _key(owner) -> tuple:
    """Who and which database: a user id alone is reused by another database (or a test) with other data."""
    joined = owner.date_joined.isoformat() if getattr(owner, "date_joined", None) else ""
    return (connection.alias, str(connection.settings_dict.get("NAME")), owner.pk, joined)


def network(owner) -> graph.Network:
    """The owner's network, current with the database: from memory, from disk, refreshed, or built."""
    key = _key(owner)
    with _lock:
        stamp = read_stamp(owner.pk)
        now = now_days()
        current = _cache.get(key)
        if current is not None and current.stamp == stamp and now - current.now <= REASSEMBLE_DAYS:
            _cache.move_to_end(key)
            return current
        if current is not None:
            layers, was = current.layers, current.stamp
        else:
            loaded = _load(owner, key)
            if loaded is None:
                return build(owner, stamp=stamp, now=now)
            layers, was = loaded
        net = refresh(owner, layers, was, stamp, now)
        _remember(key, net)
        if was != stamp and time.monotonic() - _saved.get(key, -SAVE_SECONDS) >= SAVE_SECONDS:
            _save(owner, key, net)
        return net


def build(owner, *, stamp: dict | None = None, now: float | None = None) -> graph.Network:
    """Read every layer and assemble them: what a first look, or `netweave graph --rebuild`, does."""
    started = time.perf_counter()
    stamp = stamp if stamp is not None else read_stamp(owner.pk)
    now = now if now is not None else now_days()
    layers = graph.read_layers(owner.pk, now)
    read = time.perf_counter()
    net = graph.assemble(owner.pk, layers, now, stamp)
    done = time.perf_counter()
    last_refresh[owner.pk] = {"kind": "build", "read_seconds": round(read - started, 3),
                              "assemble_seconds": round(done - read, 3), "nodes": net.n, "edges": len(net.src)}
    key = _key(owner)
    with _lock:
        _remember(key, net)
        _save(owner, key, net)
    return net


def refresh(owner, lay: graph.Layers, was: dict, stamp: dict, now: float) -> graph.Network:
    """The network with only what changed since stamp `was` re-read (see the module's docstring), re-assembled."""
    started = time.perf_counter()
    layers = lay.carried()
    done = []
    if was.get("people") != stamp["people"]:
        layers.people = L.people(owner.pk)
        done.append("people")
    if was.get("strengths") != stamp["strengths"]:
        done.append(_refresh_strengths(owner.pk, layers, was.get("strengths") or {}, now))
    if was.get("ties") != stamp["ties"] or was.get("introductions") != stamp["introductions"]:
        layers.introductions = L.introductions(owner.pk)
        intro_ties = layers.introductions["tie"]
        layers.ties = L.ties(owner.pk, represented=intro_ties[intro_ties > 0])
        done.append("ties and introductions")
    if was.get("affiliations") != stamp["affiliations"] or now - layers.affiliations_day >= 1:
        layers.affiliations = L.affiliations(owner.pk, now)
        layers.affiliations_day = now
        done.append("affiliations")
    read = time.perf_counter()
    net = graph.assemble(owner.pk, layers, now, stamp)
    finished = time.perf_counter()
    last_refresh[owner.pk] = {"kind": "refresh", "re_read": done, "read_seconds": round(read - started, 3),
                              "assemble_seconds": round(finished - read, 3), "nodes": net.n, "edges": len(net.src)}
    return net


def _refresh_strengths(owner_id: int, layers: graph.Layers, was: dict, now: float) -> str:
    from netweave.nurture.models import Strength

    since = was.get("changed")
    touched = None
    if since:
        last = datetime.fromisoformat(since).replace(tzinfo=timezone.utc)
        recent = Strength.objects.filter(owner_id=owner_id, computed_at__gt=last - timedelta(seconds=SLACK_SECONDS))
        touched = list(recent.exclude(computed_at=last).values_list("person_id", flat=True)[:INCREMENTAL_LIMIT + 1])
    if touched is None or len(touched) > INCREMENTAL_LIMIT:
        layers.strengths = L.strengths(owner_id)
        layers.meetings = L.meetings(owner_id, now, graph.MEETING_HALF_LIFE)
        layers.reference = now
        return "strengths and all shared interactions"
    fresh = L.strengths(owner_id, touched)
    old = layers.strengths
    keep = ~np.isin(old["person"], fresh["person"])
    layers.strengths = {k: np.concatenate([old[k][keep], fresh[k]]) for k in old}
    # Their pairs, with masses decayed to the layer's reference day so old and new rows add up alike.
    # Their interactions also pair other people, whose rows are unchanged: only pairs with one of them are new.
    pairs = L.meetings(owner_id, now, graph.MEETING_HALF_LIFE, reference=layers.reference, people_ids=touched)
    theirs = np.isin(pairs["a"], touched) | np.isin(pairs["b"], touched)
    meet = layers.meetings
    involved = np.isin(meet["a"], touched) | np.isin(meet["b"], touched)
    layers.meetings = {k: np.concatenate([meet[k][~involved], pairs[k][theirs]]) for k in meet}
    return f"strengths and shared interactions of {len(touched)} people"


def _remember(key, net: graph.Network) -> None:
    _cache[key] = net
    _cache.move_to_end(key)
    while len(_cache) > KEEP_OWNERS:
        _cache.popitem(last=False)


def forget(owner=None) -> None:
    """Drop cached networks (all, or one owner's) from memory; the disk copy is checked against its stamp."""
    with _lock:
        if owner is None:
            _cache.clear()
        else:
            _cache.pop(_key(owner), None)


# ---- on disk --------------------------------------------------------------------------------------------

def _path(owner) -> Path:
    from django.conf import settings

    return Path(settings.HOME) / "ripple" / f"network-{owner.pk}.npz"


def _save(owner, key, net: graph.Network) -> None:
    path = _path(owner)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {"format": FORMAT, "key": list(key), "stamp": net.stamp, "now": net.now,
                "reference": net.layers.reference, "affiliations_day": net.layers.affiliations_day}
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            np.savez(handle, __meta__=np.array(json.dumps(meta)), **net.layers.arrays())
        os.replace(tmp, path)
        _saved[key] = time.monotonic()
    except OSError:
        pass  # a read-only home only costs the next process a full build


def _load(owner, key) -> tuple[graph.Layers, dict] | None:
    path = _path(owner)
    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["__meta__"]))
            if meta.get("format") != FORMAT or meta.get("key") != list(key):
                return None
            layers = graph.Layers.from_arrays({k: data[k] for k in data.files if k != "__meta__"},
                                              meta["reference"], meta["affiliations_day"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return layers, meta["stamp"]
