"""What I had in common with someone, to open a conversation again: how we met, their tags, interests and
expertise, people we both know (their ties, the ones I am most in touch with first), and the organisations
they were at while we were in touch. The user has no Person row, so shared organisations cannot be read;
where they were when we talked is the next best thing.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Max, Min, Q

from netweave.core import clock
from netweave.interactions.models import Participation
from netweave.people.models import Affiliation, Person, Tie

MUTUAL_SHOWN = 3
ORGS_SHOWN = 3


def common_ground(owner, person_ids: list[int]) -> dict[int, dict]:
    """For each person: met_how, met_at {summary, date}, tags, interests, expertise, mutual [{id, display_name,
    tie}] and organisations [{name, title, start, end}]. Six queries however many people."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return {}
    found: dict[int, dict] = {}
    for pid, met_how, event, event_at in Person.objects.filter(owner=owner, pk__in=ids).values_list(
            "id", "met_how", "met_at_event__summary", "met_at_event__occurred_at"):
        found[pid] = {"met_how": met_how, "met_at": {"summary": event, "date": event_at.date()} if event else None,
                      "tags": [], "interests": [], "expertise": [], "mutual": [], "organisations": []}
    plural = {"tag": "tags", "interest": "interests", "expertise": "expertise"}
    for pid, kind, name in (Person.tags.through.objects.filter(person_id__in=ids)
                            .order_by("tag__name").values_list("person_id", "tag__kind", "tag__name")):
        found[pid][plural.get(kind, "tags")].append(name)
    _mutual(owner, ids, found)
    _organisations(ids, found)
    return found


def _mutual(owner, ids: list[int], found: dict[int, dict]) -> None:
    ties = Tie.objects.filter(Q(person_a_id__in=ids) | Q(person_b_id__in=ids), owner=owner).values_list(
        "person_a_id", "person_b_id", "kind", "person_a__display_name", "person_b__display_name",
        "person_a__last_contact_at", "person_b__last_contact_at", "person_a__archived", "person_b__archived")
    candidates: dict[int, list] = {pid: [] for pid in ids}
    for a, b, kind, a_name, b_name, a_last, b_last, a_archived, b_archived in ties:
        for me, other, name, last, archived, first_side in ((a, b, b_name, b_last, b_archived, True),
                                                            (b, a, a_name, a_last, a_archived, False)):
            if me in candidates and not archived:
                tie = Tie.Kind(kind).label
                if kind == Tie.Kind.MENTOR:
                    tie = "their mentee" if first_side else "their mentor"  # person_a mentors person_b
                candidates[me].append((last.timestamp() if last else 0.0, other, name, tie))
    for pid, options in candidates.items():
        options.sort(key=lambda o: (-o[0], o[2]))  # the ones I am most in touch with: a warm way back
        seen = set()
        for _, other, name, tie in options:
            if other not in seen and len(seen) < MUTUAL_SHOWN:
                seen.add(other)
                found[pid]["mutual"].append({"id": other, "display_name": name, "tie": tie})


def _organisations(ids: list[int], found: dict[int, dict]) -> None:
    """Roles that overlap the time we were in touch (first to last contact); with no contact, current ones."""
    spans = {pid: (first.date(), last.date()) for pid, first, last in
             Participation.objects.filter(person_id__in=ids, occurred_at__lte=clock.now()).order_by()
             .values("person_id").annotate(first=Min("occurred_at"), last=Max("occurred_at"))
             .values_list("person_id", "first", "last")}
    roles = Affiliation.objects.filter(person_id__in=ids).order_by("-start", "-id").values_list(
        "person_id", "organisation__name", "title", "start", "end")
    for pid, name, title, start, end in roles:
        shown = found[pid]["organisations"]
        if len(shown) >= ORGS_SHOWN or any(o["name"] == name for o in shown):
            continue
        if _overlaps(spans.get(pid), start, end):
            shown.append({"name": name, "title": title, "start": start, "end": end})


def _overlaps(span: tuple[date, date] | None, start: date | None, end: date | None) -> bool:
    if span is None:
        return end is None
    first, last = span
    return (start is None or start <= last) and (end is None or end >= first)


def in_words(common: dict) -> str:
    """Common ground on one line, for the command line: "met at PyCon; interests: climate; ..."."""
    parts = []
    if common.get("met_at"):
        parts.append(f"met at {common['met_at']['summary']}")
    elif common.get("met_how"):
        parts.append(f"met: {common['met_how']}")
    for key in ("tags", "interests", "expertise"):
        if common.get(key):
            parts.append(f"{key}: {', '.join(common[key])}")
    if common.get("organisations"):
        parts.append("at " + ", ".join(o["name"] for o in common["organisations"]))
    if common.get("mutual"):
        parts.append("knows " + ", ".join(f"{m['display_name']} ({m['tie']})" for m in common["mutual"]))
    return "; ".join(parts)
