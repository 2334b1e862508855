"""The lab: does ranking someone's contacts by strength predict whom they will be in touch with next?

It reads a timestamped contact log in SNAP's temporal format (`source target unix_seconds` per line, `#`
comments and blank lines ignored), where each line is a contact between two people: undirected for the
score, started by the source. Lines with the same source and second are one contact with several
participants (a mail to many appears as one line per recipient), so the crowd discount applies as in the app.
The kind is unknown, so every contact is a "message".

At several cut-off times (evenly spaced quantiles of the timestamps, leaving a horizon after each), for every
node with at least `min_history` contacts before the cut-off, its past contacts are ranked by strength at the
cut-off, scored by `strength.measure` exactly as the app does, and by two baselines: recency alone (the time
of the last contact) and frequency alone (how many contacts). The positives are the past contacts it is in
touch with during the horizon, the negatives its other past contacts; a node with none of either is skipped.
Each ranking's ROC AUC (the chance that a random positive outranks a random negative, ties counting half) is
averaged over nodes and cut-offs.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from netweave.nurture.strength import MODEL, Model, measure

DAY = 86400


class EventsError(Exception):
    """A line of the events file that is not `source target unix_seconds`."""

    def __init__(self, line: int, why: str):
        super().__init__(f"line {line}: {why}")
        self.line = line
        self.why = why


def read_events(path: Path) -> list[tuple[int, int, int]]:
    """Every (source, target, seconds) in the file, in file order; self-loops are dropped."""
    events = []
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            fields = text.split()
            if len(fields) != 3:
                raise EventsError(number, f"expected 'source target unix_seconds', found {len(fields)} fields")
            try:
                source, target, seconds = (int(f) for f in fields)
            except ValueError:
                raise EventsError(number, f"expected three whole numbers, found {text[:80]!r}") from None
            if source != target:
                events.append((source, target, seconds))
    return events


class Ties:
    """Each node's contacts with each partner, in time order: `times[v][u]` (seconds) and `contacts[v][u]`
    (the strength model's tuples, from v's side)."""

    def __init__(self, events: list[tuple[int, int, int]]):
        groups: dict[tuple[int, int], set[int]] = defaultdict(set)
        for source, target, seconds in events:
            groups[(seconds, source)].add(target)
        self.times: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.contacts: dict[int, dict[int, list[tuple]]] = defaultdict(lambda: defaultdict(list))
        self.stamps = sorted(seconds for (seconds, _), targets in groups.items() for _ in targets)
        self.count = len(groups)
        self.lines = len(events)
        for (seconds, source), targets in sorted(groups.items()):
            at, n = seconds / DAY, len(targets)
            for target in targets:
                self.times[source][target].append(seconds)
                self.contacts[source][target].append((at, "message", n, "me"))
                self.times[target][source].append(seconds)
                self.contacts[target][source].append((at, "message", n, "them"))

    def cutoffs(self, count: int, horizon: int) -> list[int]:
        """`count` evenly spaced quantiles of the contacts' times, each at least a horizon before the last."""
        if not self.stamps:
            return []
        usable = self.stamps[:bisect_left(self.stamps, self.stamps[-1] - horizon + 1)]
        if not usable:
            return []
        return sorted({usable[len(usable) * k // (count + 1)] for k in range(1, count + 1)})


def auc(scores: list[float], positive: list[bool]) -> float:
    """ROC AUC by ranks (Mann-Whitney): tied scores share their average rank, so a tie counts half."""
    order = sorted(range(len(scores)), key=scores.__getitem__)
    rank_sum, i = 0.0, 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        average = (i + j) / 2 + 1
        rank_sum += average * sum(positive[order[k]] for k in range(i, j + 1))
        i = j + 1
    pos = sum(positive)
    neg = len(positive) - pos
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


RANKINGS = ("strength", "recency", "frequency")


def evaluate(events: list[tuple[int, int, int]] | Ties, *, horizon_days: float = 30, cutoffs: int = 5,
             min_history: int = 5, model: Model = MODEL, at: list[int] | None = None) -> dict:
    """The lab's figures for one contact log (see the module's docstring), given as its lines or as `Ties`
    read once to try several models. `at` gives the cut-off times (seconds) instead of the quantiles."""
    ties = events if isinstance(events, Ties) else Ties(events)
    horizon = round(horizon_days * DAY)
    times = sorted(at) if at is not None else ties.cutoffs(cutoffs, horizon)
    totals = {name: [] for name in RANKINGS}
    nodes: set[int] = set()
    per_cutoff = []
    for cut in times:
        now, end = cut / DAY, cut + horizon
        here = {name: [] for name in RANKINGS}
        for node, partners in ties.times.items():
            candidates = []
            history = 0
            for partner, stamps in partners.items():
                before = bisect_left(stamps, cut)
                if before:
                    history += before
                    future = before < len(stamps) and stamps[before] < end
                    candidates.append((partner, before, future))
            if history < min_history:
                continue
            positive = [future for _, _, future in candidates]
            if all(positive) or not any(positive):
                continue
            mine = ties.contacts[node]
            strength = [measure(mine[p][:before], now=now, model=model)[0] for p, before, _ in candidates]
            recency = [partners[p][before - 1] for p, before, _ in candidates]
            frequency = [before for _, before, _ in candidates]
            for name, scores in zip(RANKINGS, (strength, recency, frequency)):
                here[name].append(auc(scores, positive))
            nodes.add(node)
        for name in RANKINGS:
            totals[name] += here[name]
        per_cutoff.append({"cutoff": _iso(cut), "nodes": len(here["strength"]),
                           **{name: _mean(here[name]) for name in RANKINGS}})
    return {
        "events": ties.lines, "contacts": ties.count, "nodes": len(ties.times),
        "horizon_days": horizon_days, "min_history": min_history, "half_life_days": model.half_life_days,
        "cutoffs": len(times), "evaluated": {"nodes": len(nodes), "node_cutoffs": len(totals["strength"])},
        "auc": {name: _mean(totals[name]) for name in RANKINGS},
        "per_cutoff": per_cutoff,
    }


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _iso(seconds: int) -> str:
    return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat(timespec="seconds")
