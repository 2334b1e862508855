"""Read paths shared by the web, the API and the CLI, shaped for 30,000 people."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from rapidfuzz import fuzz, process, utils

from netweave.core.errors import Ambiguous
from netweave.core.ids import parse_id
from netweave.people.models import Organisation, Person
from netweave.people.normalize import fold
from netweave.people.search import filter_people


def people_list(owner, *, query: str = "", circle: str = "", tag: str = "", organisation: str | int = "",
                archived: bool = False) -> QuerySet:
    """The people list with its filters. Filters take names (case-insensitive) or ids. Digits no row can
    have (beyond a 64-bit integer, or not ASCII like "²") are a name: the database would refuse them."""
    qs = Person.objects.filter(owner=owner, archived=archived)
    if query:
        qs = filter_people(qs, query)
    if circle:
        cid = parse_id(circle)
        qs = qs.filter(circle_id=cid) if cid is not None else qs.filter(circle__name__iexact=circle)
    if tag:
        tid = parse_id(tag)
        qs = qs.filter(tags__id=tid) if tid is not None else qs.filter(tags__key=fold(str(tag))[:100])
    if organisation:
        oid = parse_id(organisation)
        if oid is not None:
            qs = qs.filter(current_organisation_id=oid)
        else:
            qs = qs.filter(current_organisation__key=fold(str(organisation)))
    if tag:
        qs = qs.distinct()
    return qs.select_related("current_organisation", "circle").order_by("display_name", "id")


def projection(owner) -> QuerySet:
    """What a teammate may see of my people: name, organisation, title. Never notes or contact details."""
    return Person.objects.filter(owner=owner, archived=False).values(*Person.PROJECTION_FIELDS)


def organisations(owner, query: str = "") -> QuerySet:
    from django.db.models import Count

    qs = Organisation.objects.filter(owner=owner)
    if query:
        qs = qs.filter(key__contains=fold(query))
    return qs.annotate(people_now=Count("current_people", filter=Q(current_people__archived=False)))


STRONG = 90
MARGIN = 6


def resolve_person(owner, text: str, *, limit: int = 5) -> Person:
    """Find one person by a name as someone would type it: exact first, then fuzzy.

    Raises Ambiguous with the best candidates when nobody fits, or when several fit about equally.
    """
    text = " ".join((text or "").replace("\x00", "").split())
    pk = parse_id(text)
    if pk is not None:
        found = Person.objects.filter(owner=owner, pk=pk).first()
        if found:
            return found
    key = fold(text)
    live = Person.objects.filter(owner=owner, archived=False)
    exact = [p for p in live.filter(display_name__iexact=text)[:limit + 1]]
    if not exact:
        exact = [p for p in live.filter(search_text__startswith=key)[:50] if fold(p.display_name) == key]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise Ambiguous(text, exact[:limit])
    names = dict(live.values_list("id", "display_name"))
    nick = {pid: f"{n} {f}" for pid, n, f in live.exclude(nickname="").values_list("id", "nickname", "family_name")}
    scored: dict[int, float] = {}
    words = _fold_proc(text).split()
    for choices in (names, nick):
        for name, score, pid in process.extract(key, choices, scorer=fuzz.WRatio, processor=_fold_proc,
                                                limit=limit * 2):
            # "Ana" scores the same against "Dana Scully" as against "Ana Lima"; words that start the
            # way the typed words do are what a person means, so they win by the margin.
            if words and all(any(w.startswith(q) for w in _fold_proc(name).split()) for q in words):
                score += MARGIN
            scored[pid] = max(score, scored.get(pid, 0))
    best = sorted(scored.items(), key=lambda kv: -kv[1])[:limit]
    by_id = Person.objects.in_bulk([pid for pid, _ in best])
    candidates = [by_id[pid] for pid, _ in best if pid in by_id]
    if best and best[0][1] >= STRONG and (len(best) == 1 or best[1][1] <= best[0][1] - MARGIN):
        return by_id[best[0][0]]
    raise Ambiguous(text, [c for c, (_, s) in zip(candidates, best) if s >= 60])


def _fold_proc(value: str) -> str:
    return utils.default_process(fold(value))


def list_rows(queryset) -> list[dict]:
    """Plain rows for listings (CLI --json, exports of a list): two queries however many people."""
    from netweave.people.models import Email

    rows = list(queryset.values(
        "id", "display_name", "current_organisation__name", "current_title", "circle__name", "last_contact_at",
        "archived",
    ))
    ids = [r["id"] for r in rows]
    emails: dict[int, list[str]] = {}
    for chunk in range(0, len(ids), 5000):
        for pid, address in (Email.objects.filter(person_id__in=ids[chunk:chunk + 5000])
                             .order_by("person_id", "position", "id").values_list("person_id", "address")):
            emails.setdefault(pid, []).append(address)
    return [
        {"id": r["id"], "display_name": r["display_name"], "organisation": r["current_organisation__name"],
         "title": r["current_title"], "circle": r["circle__name"],
         "last_contact_at": r["last_contact_at"].isoformat() if r["last_contact_at"] else None,
         "archived": r["archived"], "emails": emails.get(r["id"], [])}
        for r in rows
    ]
