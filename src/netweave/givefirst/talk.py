"""Interactions on a topic: which of my contacts I talked with about it, how, and when.

`mentions` is the one place that reads the interactions table for matching, in two parts:
- who talked about it at all: the full-text search app (`netweave.search.queries.evidence`, asked once per main
  word of the ask) when it is installed and `USE_SEARCH` is on; otherwise a scan of the owner's latest
  `WINDOW` interactions;
- what the candidates found by other means talked about: the last `CANDIDATE_DAYS` of their own timelines,
  read through the timeline index (the search app cannot filter by person).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q

from netweave.core import clock
from netweave.givefirst.topics import SHORT_PROBE, Group, probes, term_set, written
from netweave.interactions.models import Interaction, Participation

WINDOW = 3000  # the owner's latest interactions scanned when there is no search index
CANDIDATE_DAYS = 730  # how far back a candidate's own timeline is scanned
CANDIDATE_ROWS = 20_000  # at most this many of the candidates' participations are read
SEARCH_LIMIT = 30  # hits asked of the search app, per main word of the ask
SEARCH_WORDS = 2  # main words (the topic's own, not its kind's or details') looked up in the search app
USE_SEARCH = True  # the benchmark turns it off to compare with the scan
ID_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class Mention:
    """One past interaction with `person_id` that talks about the ask's groups (indices into its list)."""

    person_id: int
    interaction_id: int
    kind: str
    occurred_at: datetime
    groups: tuple[int, ...]
    words: tuple[str, ...]  # for each group, the word the interaction used ("fundraising")


def _search():
    """The search app's `evidence` function, or None while it is not installed (or not to be used)."""
    if not USE_SEARCH:
        return None
    try:
        from netweave.search.queries import evidence
    except ImportError:
        return None
    return evidence


def mentions(owner, groups: list[Group], *, people: list[int] = (), now: datetime | None = None) -> list[Mention]:
    """Past interactions about any of `groups`: anyone's that the search index (or the recent window) finds,
    and those in the recent timelines of `people`."""
    if not groups:
        return []
    now = now or clock.now()
    search = _search()
    anyone = _from_search(owner, groups, search, now) if search is not None else _recent(owner, groups, now)
    found: dict[tuple[int, int], Mention] = {}
    for mention in anyone + _of_people(owner, groups, list(people), now):
        found.setdefault((mention.person_id, mention.interaction_id), mention)
    return list(found.values())


SHORT = SHORT_PROBE  # a probe this short is looked for at the start of a word only: "ai" is inside too many words
WORD_STARTS = (" ", "\n", "(", "/")  # what comes before a word in notes and summaries
NAME_STARTS = (" ",)  # ... in a title or an organisation's name


def contains(field: str, probe: str, starts: tuple[str, ...] = WORD_STARTS) -> Q:
    """Rows whose `field` holds `probe` (any case): anywhere, or for a short probe at the start of a word."""
    if len(probe) > SHORT:
        return Q(**{f"{field}__icontains": probe})
    cond = Q(**{f"{field}__istartswith": probe})
    for start in starts:
        cond |= Q(**{f"{field}__icontains": start + probe})
    return cond


def _matching(groups: list[Group], prefix: str = "") -> Q:
    """Rows whose summary or notes hold a probe of any group (checked properly afterwards)."""
    in_summary, in_notes = Q(), Q()
    for group in groups:
        for probe in probes(group):
            in_summary |= contains(f"{prefix}summary", probe)
            in_notes |= contains(f"{prefix}notes", probe)
    return in_summary | (~Q(**{f"{prefix}notes": ""}) & in_notes)  # most have no notes: skip their LIKEs


def _which(groups: list[Group], summary: str, notes: str) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The groups an interaction's text matches, and the words it used for them."""
    text = f"{summary}\n{notes}"
    found = term_set(text)
    which = tuple(i for i, g in enumerate(groups) if g.matches(found))
    return which, written(text, groups, which) if which else ()


def _recent(owner, groups: list[Group], now: datetime) -> list[Mention]:
    """The owner's latest WINDOW past interactions that mention the topic, with everyone who took part."""
    past = Interaction.objects.filter(owner=owner, occurred_at__lte=now).order_by("-occurred_at")
    oldest = past.values_list("occurred_at", flat=True)[WINDOW - 1:WINDOW].first()
    rows = past.filter(_matching(groups))
    if oldest is not None:
        rows = rows.filter(occurred_at__gte=oldest)
    hits = {}
    for iid, kind, when, summary, notes in rows.values_list("id", "kind", "occurred_at", "summary", "notes"):
        which, words = _which(groups, summary, notes)
        if which:
            hits[iid] = (kind, when, which, words)
    return _with_people(list(hits.items()))


def _with_people(hits: list[tuple[int, tuple]]) -> list[Mention]:
    out = []
    for start in range(0, len(hits), ID_CHUNK):
        chunk = dict(hits[start:start + ID_CHUNK])
        parts = Participation.objects.filter(interaction_id__in=list(chunk), person__archived=False)
        for iid, pid in parts.values_list("interaction_id", "person_id"):
            out.append(Mention(pid, iid, *chunk[iid]))
    return out


def _of_people(owner, groups: list[Group], people: list[int], now: datetime) -> list[Mention]:
    """The candidates' own interactions of the last CANDIDATE_DAYS that mention the topic."""
    out = []
    since = now - timedelta(days=CANDIDATE_DAYS)
    for start in range(0, len(people), ID_CHUNK):
        parts = (Participation.objects
                 .filter(owner=owner, person_id__in=people[start:start + ID_CHUNK], occurred_at__gte=since,
                         occurred_at__lte=now)
                 .filter(_matching(groups, "interaction__"))
                 .values_list("person_id", "interaction_id", "interaction__kind", "occurred_at",
                              "interaction__summary", "interaction__notes")[:CANDIDATE_ROWS])
        for pid, iid, kind, when, summary, notes in parts:
            which, words = _which(groups, summary, notes)
            if which:
                out.append(Mention(pid, iid, kind, when, which, words))
    return out


def _from_search(owner, groups: list[Group], evidence, now: datetime) -> list[Mention]:
    """Ask the search index about the main words of the ask; check each hit's text against every group."""
    ids: set[int] = set()
    for group in [g for g in groups if g.weight >= 1][:SEARCH_WORDS]:
        for hit in evidence(owner, group.word, kinds=["interaction"], limit=SEARCH_LIMIT):
            if _field(hit, "kind") == "interaction":
                ids.add(int(_field(hit, "object_id")))
    hits = []
    ids_list = sorted(ids)
    for start in range(0, len(ids_list), ID_CHUNK):
        rows = Interaction.objects.filter(owner=owner, pk__in=ids_list[start:start + ID_CHUNK], occurred_at__lte=now)
        for iid, kind, when, summary, notes in rows.values_list("id", "kind", "occurred_at", "summary", "notes"):
            which, words = _which(groups, summary, notes)
            if which:
                hits.append((iid, (kind, when, which, words)))
    return _with_people(hits)


def _field(hit, name: str):
    """A hit's field, whether the search app returns objects or dicts."""
    return hit[name] if isinstance(hit, dict) else getattr(hit, name)
