"""Search everywhere: one query over every source, ranked together; raw evidence; and who knows about X.

Each source's index gives candidates newest first. A small table (people, organisations, tags, asks,
offers) with no more than CAP_SMALL matches has them all ranked by the database; past that, the newest
CAP_SMALL and the newest title matches are, so a name is never lost among thousands of mentions. A big
table (interactions) gives its newest CAP_BIG matches, whole words first (backends/base.py), so no query
reads a million rows. The chosen few are then scored in Python (title, keys, body; highlight.score) and
merged across kinds, identically on both databases.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from netweave.core.errors import Invalid
from netweave.search import highlight, sources, terms
from netweave.search.backends import current

CAP_SMALL = 300    # people, organisations, tags, asks, offers: ranked whole up to this many matches
CAP_BIG = 200      # interactions: the newest 200 matches are scored
COUNT_CAP = 1000   # total_estimate counts no further
MAX_LIMIT = 100
MAX_OFFSET = 1000


@dataclass
class Hit:
    kind: str
    object_id: int
    title: str
    snippet_html: str
    url: str
    rank: float
    person_ids: list[int]
    subtitle: str = ""
    when: datetime | None = None
    fields: dict = field(default_factory=dict, repr=False)  # which query words each part holds
    doc: sources.Doc | None = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "object_id": self.object_id, "title": self.title, "subtitle": self.subtitle,
                "snippet_html": str(self.snippet_html), "url": self.url, "rank": round(self.rank, 4),
                "person_ids": self.person_ids, "when": self.when.isoformat() if self.when else None}


@dataclass
class Results:
    hits: list[Hit]
    total_estimate: int
    query: str = ""
    words: list[str] = field(default_factory=list)
    more: bool = False  # some kind had more matches than were counted


@dataclass
class Expert:
    person_id: int
    display_name: str
    score: float
    evidence: list[Hit]


def kinds_of(kinds) -> list[sources.Source]:
    """The sources for a list of kind names (all when empty); an unknown name is refused."""
    registry = {s.kind: s for s in sources.all_sources()}
    if not kinds:
        return list(registry.values())
    unknown = [k for k in kinds if k not in registry]
    if unknown:
        raise Invalid({"kind": f"{unknown[0]!r} is not a kind of result; use one of {', '.join(registry)}"})
    return [registry[k] for k in dict.fromkeys(kinds)]


def _collect(owner, text: str, chosen: list[sources.Source], want: int, *,
             snippets: bool = True) -> tuple[list[Hit], int, bool, list[str]]:
    parts = terms.chunks(text)
    if not parts:
        return [], 0, False, []
    backend = current()
    prepared = backend.prepare(parts, terms.for_big_tables(parts))
    words = highlight.query_words(parts)
    scored: list[tuple[float, sources.Source, sources.Doc, dict]] = []
    total, more = 0, False
    first = backend.candidates_of(chosen, owner.pk, prepared,
                                  limits={s.kind: (CAP_SMALL if s.small else CAP_BIG) + 1 for s in chosen})
    for source in chosen:
        cap = CAP_SMALL if source.small else CAP_BIG
        found = first[source.kind]
        if len(found) > cap and source.small:
            found = found[:cap] + backend.candidates(source, owner.pk, prepared, limit=cap, title_only=True)
            counted = backend.count(source, owner.pk, prepared, cap=COUNT_CAP)
            total += counted
            more = more or counted >= COUNT_CAP
        elif len(found) > cap:
            # Counting a common word among a million rows costs more than the search: "more than 200".
            found = found[:cap]
            total += cap
            more = True
        else:
            total += len(found)
        best: dict[int, float] = {}
        for object_id, relevance in found:
            best[object_id] = max(relevance, best.get(object_id, relevance))
        # A small table's relevance picks the few worth reading back; a big table's candidates are few
        # already (the newest `cap`) and are all read and scored.
        ids = sorted(best, key=lambda i: (-best[i], -i))
        if source.small:
            ids = ids[:max(want * 2, 10)]
        docs = sources.load(source, owner, ids, full=False)
        for object_id in ids:
            doc = docs.get(object_id)
            if doc is not None:
                fields = highlight.field_hits(doc, words)
                scored.append((highlight.score(doc, words, fields, source.weight), source, doc, fields))
    scored.sort(key=lambda e: (-e[0], -(e[2].when.timestamp() if e[2].when else 0), e[1].kind, -e[2].object_id))
    scored = scored[:want]
    for source in chosen:
        sources.complete(source, [doc for _, s, doc, _ in scored if s is source])
    hits = [Hit(kind=source.kind, object_id=doc.object_id, title=doc.title, subtitle=doc.subtitle, url=doc.url,
                snippet_html=highlight.best_snippet(doc, words, fields) if snippets else "",
                person_ids=doc.person_ids, rank=rank, when=doc.when, fields=fields, doc=doc)
            for rank, source, doc, fields in scored]
    return hits, total, more, words


def search(owner, text: str, *, kinds=None, limit: int = 20, offset: int = 0, semantic: bool = False) -> Results:
    """The owner's things that hold every word of `text`, best first. Any string is a valid query."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, min(int(offset), MAX_OFFSET))
    chosen = kinds_of(kinds)
    hits, total, more, words = _collect(owner, text, chosen, offset + limit)
    if semantic:
        from netweave.search.semantic.blend import blend

        hits = blend(owner, text, hits, chosen, want=offset + limit)
        total = max(total, len(hits))
    return Results(hits=hits[offset:offset + limit], total_estimate=total, query=text, words=words, more=more)


def evidence(owner, text: str, *, kinds=None, limit: int = 200) -> list[Hit]:
    """Raw hits for other features (matching, briefs): up to `limit`, best first, each with its people."""
    hits, _, _, _ = _collect(owner, text, kinds_of(kinds), max(1, min(int(limit), 1000)))
    return hits[:limit]


# What each piece of evidence says about a person knowing the topic. An expertise tag is my own statement
# that they know it; an open offer is theirs; a job title naming it is the world's. My notes about them
# say less, an interest tag less again. Interactions on the topic add up with diminishing returns: ten
# coffees about Rust say more than one, but not ten times more. An ask says they need it, so it counts
# for nothing.
WEIGHTS = {"expertise": 5.0, "offer": 4.0, "offer_closed": 2.0, "job": 3.0, "notes": 2.0, "interest": 2.0,
           "tag": 1.0, "interaction": 1.2}
INTERACTION_CEILING = 3.0
EVIDENCE_SHOWN = 5
EVIDENCE_READ = 120  # hits weighed: every tag and offer there is, and the best people and conversations


def _contributions(hit: Hit) -> list[tuple[int, float]]:
    """(person id, weight) for each person a hit speaks for."""
    if hit.kind == "tag":
        weight = WEIGHTS.get(hit.subtitle, WEIGHTS["tag"])
        return [(pid, weight) for pid in hit.person_ids]
    if hit.kind == "offer":
        weight = WEIGHTS["offer"] if hit.subtitle.endswith("open") else WEIGHTS["offer_closed"]
        return [(pid, weight) for pid in hit.person_ids]
    if hit.kind == "person":
        if hit.fields.get("subtitle"):
            return [(hit.object_id, WEIGHTS["job"])]
        if hit.fields.get("body"):
            return [(hit.object_id, WEIGHTS["notes"])]
        return []  # a name or an address that holds the word says nothing about knowing it
    if hit.kind == "interaction":
        return [(pid, WEIGHTS["interaction"]) for pid in hit.person_ids]
    return []


def _tagged_too(hits: list[Hit]) -> list[Hit]:
    """Tag hits for the people other evidence found who carry a matching tag beyond the first TAGGED_SHOWN
    listed with it: a popular tag lists only some of its people, and these are the ones worth ranking."""
    from netweave.people.models import Person

    tags = {h.object_id: h for h in hits if h.kind == "tag"}
    listed = {(h.object_id, pid) for h in tags.values() for pid in h.person_ids}
    others = {pid for h in hits if h.kind != "tag" for pid in h.person_ids}
    if not tags or not others:
        return []
    extra: dict[int, list[int]] = {}
    for tag, pid in (Person.tags.through.objects.filter(tag_id__in=list(tags), person_id__in=list(others))
                     .values_list("tag_id", "person_id")):
        if (tag, pid) not in listed:
            extra.setdefault(tag, []).append(pid)
    return [replace(tags[tag], person_ids=pids) for tag, pids in extra.items()]


def who_knows(owner, text: str, limit: int = 20) -> list[Expert]:
    """People ranked by the evidence that they know about `text`: expertise, offers, job titles, my notes
    and the interactions about it, each expert with the hits that speak for them."""
    from netweave.people.models import Person

    limit = max(1, min(int(limit), MAX_LIMIT))
    hits, _, _, words = _collect(owner, text, kinds_of(["tag", "offer", "person", "interaction"]), EVIDENCE_READ,
                                 snippets=False)
    scores: dict[int, float] = {}
    talks: dict[int, float] = {}
    backing: dict[int, list[tuple[float, Hit]]] = {}
    for hit in hits + _tagged_too(hits):
        for pid, weight in _contributions(hit):
            if hit.kind == "interaction":
                # 1.2, 1.9, 2.4, ... approaching the ceiling: each further conversation adds less.
                before = talks.get(pid, 0.0)
                talks[pid] = before + (INTERACTION_CEILING - before) * weight / INTERACTION_CEILING
                weight = talks[pid] - before
            scores[pid] = scores.get(pid, 0.0) + weight
            backing.setdefault(pid, []).append((weight, hit))
    names, recent = {}, {}
    for pid, name, last in (Person.objects.filter(owner=owner, archived=False, pk__in=list(scores))
                            .values_list("id", "display_name", "last_contact_at")):
        names[pid], recent[pid] = name, last.timestamp() if last else 0.0
    # Among equals, those I have spoken to lately first: they are the ones I can ask.
    ranked = sorted((pid for pid in scores if pid in names),
                    key=lambda pid: (-scores[pid], -len(backing[pid]), -recent[pid], names[pid].casefold(), pid))
    experts = []
    for pid in ranked[:limit]:
        shown = sorted(backing[pid], key=lambda wh: -wh[0])[:EVIDENCE_SHOWN]
        for _, hit in shown:
            if not hit.snippet_html:
                hit.snippet_html = highlight.best_snippet(hit.doc, words, hit.fields)
        experts.append(Expert(person_id=pid, display_name=names[pid], score=round(scores[pid], 2),
                              evidence=[h for _, h in shown]))
    return experts
