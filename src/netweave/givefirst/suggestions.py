"""Introductions worth making: pairs of my contacts who would benefit from meeting, ranked, with the reasons.

Only people I could ask are considered: not archived, and my tie with them at least `min_strength`. Pairs come
from inverted indexes (word → offers, tag → people), never from all pairs of the network:
- one's open ask and the other's open offer or expertise (the strongest reason): per word of the ask, the
  offers and expertise tags that have it; per expertise tag only its `FANOUT` strongest ties are looked at,
  and per ask the best `HELPERS_PER_ASK` helpers are kept;
- a shared expertise or interest: per tag, pairs among its people; for a tag more than `FANOUT` of them share,
  only its `FANOUT` strongest ties are paired (a tag that common says little about a pair anyway).
A shared place or industry adds to a pair found so; alone it does not make one. Pairs already tied (any Tie,
either way) or with any introduction (under way, made, declined or expired) are left out.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.db.models import F, Q

from netweave.givefirst import topics
from netweave.givefirst.evidence import offer_words
from netweave.givefirst.matching import open_asks
from netweave.givefirst.models import Introduction, Offer, Status
from netweave.nurture.models import Strength
from netweave.nurture.today import local_today
from netweave.people.models import Person, Tag, Tie

MIN_STRENGTH = 40  # both ties at least this strong for me to ask either of them
FANOUT = 40  # people per tag looked at: the strongest ties
HELPERS_PER_ASK = 10  # helpers kept per ask
ASK_WEIGHT = {"offer": 3.0, "expertise": 2.0}
SHARED_WEIGHT = {Tag.Kind.EXPERTISE: 0.8, Tag.Kind.INTEREST: 0.5}
SHARED_COUNTED = 3  # shared tags that add to a pair's score (the rarest); more are not named
PLACE_WEIGHT = 0.3
INDUSTRY_WEIGHT = 0.3
SAME_ORGANISATION = 0.5  # colleagues probably know each other already


@dataclass(slots=True)
class Suggestion:
    a_id: int
    a_name: str
    b_id: int
    b_name: str
    score: float
    reasons: list[str]
    ask_id: int | None


@dataclass(slots=True)
class _Contact:
    name: str
    strength: int
    place: str  # as written
    place_key: str  # folded, for comparing
    organisation_id: int | None
    organisation: str
    industry: str | None


def suggest_introductions(owner, *, limit: int = 50, min_strength: int = MIN_STRENGTH) -> list[Suggestion]:
    """Pairs of my contacts who should meet, best first: A is asked first (for an ask, the one who can help)."""
    people = _contacts(owner, min_strength)
    if len(people) < 2:
        return []
    strong = Q(person__strength__score__gte=min_strength, person__archived=False)
    tags = {tid: (kind, name) for tid, kind, name in
            Tag.objects.filter(owner=owner, kind__in=list(SHARED_WEIGHT)).values_list("id", "kind", "name")}
    holders: dict[int, list[int]] = defaultdict(list)  # tag id -> people, strongest first
    rows = (Person.tags.through.objects.filter(strong, person__owner=owner, tag_id__in=list(tags))
            .order_by(F("person__strength__score").desc(), "person_id").values_list("tag_id", "person_id"))
    for tid, pid in rows:
        holders[tid].append(pid)
    asked = _by_asks(owner, people, tags, holders, strong)
    shared = _by_shared_tags(people, tags, holders)
    closed = _closed_pairs(owner)
    scored = ((key, _judge(key, asked.get(key), shared.get(key), people)[0])
              for key in asked.keys() | shared.keys() if key not in closed)
    best = heapq.nsmallest(limit, scored, key=lambda item: (-item[1], item[0]))
    return [_suggestion(key, asked.get(key), shared.get(key), people) for key, _ in best]


def _contacts(owner, min_strength: int) -> dict[int, _Contact]:
    rows = Strength.objects.filter(owner=owner, score__gte=min_strength, person__archived=False).values_list(
        "person_id", "person__display_name", "score", "person__location", "person__current_organisation_id",
        "person__current_organisation__name")
    industries: dict[int, str | None] = {}
    out = {}
    for pid, name, score, place, org_id, org in rows:
        if org_id is not None and org_id not in industries:
            industries[org_id] = topics.industry(org)
        out[pid] = _Contact(name, score, place, topics.fold(place).strip(), org_id, org or "", industries.get(org_id))
    return out


def _by_asks(owner, people, tags, holders, strong: Q) -> dict[tuple[int, int], tuple[float, str, int, int]]:
    """For each open ask of someone I can ask, the people I can ask whose offers or expertise meet it:
    pair -> (score, reason, ask id, helper)."""
    today = local_today(owner)
    unexpired = Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    offers = []  # (helper, words, terms)
    by_term: dict[str, list[int]] = defaultdict(list)  # term -> positions in `offers`
    rows = Offer.objects.filter(strong, unexpired, owner=owner, status=Status.OPEN)
    for pid, kind, topic, details in rows.values_list("person_id", "kind", "topic", "details"):
        terms = topics.term_set(f"{topic}\n{details}")
        for term in terms:
            by_term[term].append(len(offers))
        offers.append((pid, offer_words(kind, topic).replace("offers:", "offers", 1), terms))
    expertise = [(tid, name, topics.term_set(name)) for tid, (kind, name) in tags.items()
                 if kind == Tag.Kind.EXPERTISE]
    size = len(people)
    out: dict[tuple[int, int], tuple[float, str, int, int]] = {}
    for ask in open_asks(owner, today).filter(strong).select_related("person"):
        groups = topics.query(ask.topic, ask.details, ask.kind)
        # (helper, words, kind of evidence, the groups matched)
        found = [(offers[p][0], offers[p][1], "offer", [i for i, g in enumerate(groups) if g.matches(offers[p][2])])
                 for p in {p for g in groups for t in g.terms for p in by_term.get(t, ())}]
        for tid, name, terms in expertise:
            which = [i for i, g in enumerate(groups) if g.matches(terms)]
            if which:
                found += [(pid, f"has expertise in {name}", "expertise", which) for pid in holders[tid][:FANOUT]]
        holding = [{pid for pid, _, _, which in found if i in which} for i in range(len(groups))]
        weights = [g.weight * (1 + math.log((size + 1) / (len(h) + 1))) if h else 0.0
                   for g, h in zip(groups, holding)]
        total = sum(weights) or 1.0
        best: dict[int, tuple[float, str]] = {}
        for helper, words, kind, which in found:
            score = ASK_WEIGHT[kind] * sum(weights[i] for i in which) / total
            if helper != ask.person_id and score > best.get(helper, (0.0, ""))[0]:
                best[helper] = (score, words)
        ranked = heapq.nsmallest(HELPERS_PER_ASK, best.items(),
                                 key=lambda kv: (-kv[1][0] * people[kv[0]].strength, kv[0]))
        asker = people[ask.person_id].name
        for helper, (score, words) in ranked:
            key = _key(helper, ask.person_id)
            if key not in out or score > out[key][0]:
                out[key] = (score, f"{asker} asks for {ask}; {people[helper].name} {words}", ask.pk, helper)
    return out


def _by_shared_tags(people, tags, holders) -> dict[tuple[int, int], list[tuple[float, str]]]:
    """Pairs who share an expertise or interest, the rarer the tag the more it counts: pair -> [(weight, words)]."""
    out: dict[tuple[int, int], list[tuple[float, str]]] = defaultdict(list)
    size = len(people)
    rarest = 1 + math.log((size + 1) / 3)
    for tid, members in holders.items():
        if len(members) < 2:
            continue
        kind, name = tags[tid]
        weight = SHARED_WEIGHT[kind] * (1 + math.log((size + 1) / (len(members) + 1))) / rarest
        words = f"both know {name}" if kind == Tag.Kind.EXPERTISE else f"both into {name}"
        for a, b in combinations(sorted(members[:FANOUT]), 2):
            out[(a, b)].append((weight, words))
    return out


def _closed_pairs(owner) -> set[tuple[int, int]]:
    """Pairs never to suggest: already tied either way, or with an introduction in any state."""
    closed = {_key(a, b) for a, b in Tie.objects.filter(owner=owner).values_list("person_a_id", "person_b_id")}
    closed.update(_key(a, b) for a, b in
                  Introduction.objects.filter(owner=owner).values_list("person_a_id", "person_b_id"))
    return closed


def _judge(key: tuple[int, int], asked, shared, people: dict[int, _Contact], *, words: bool = False):
    """(score, reasons) of a pair; reasons only when `words`, since most pairs are scored and never shown."""
    x, y = people[key[0]], people[key[1]]
    reasons: list[str] = []
    score = 0.0
    if asked is not None:
        score += asked[0]
        reasons.append(asked[1])
    if shared:
        counted = heapq.nlargest(SHARED_COUNTED, shared)
        score += sum(w for w, _ in counted)
        reasons += [w for _, w in counted]
    if x.place_key and x.place_key == y.place_key:
        score += PLACE_WEIGHT
        if words:
            reasons.append(f"both in {x.place}")
    if x.industry and x.industry == y.industry:
        score += INDUSTRY_WEIGHT
        if words:
            reasons.append(f"both work in {x.industry}")
    if x.organisation_id and x.organisation_id == y.organisation_id:
        score *= SAME_ORGANISATION
        if words:
            reasons.append(f"both at {x.organisation}: they may know each other already")
    return score * (0.6 + 0.4 * min(x.strength, y.strength) / 100), reasons


def _suggestion(key: tuple[int, int], asked, shared, people: dict[int, _Contact]) -> Suggestion:
    score, reasons = _judge(key, asked, shared, people, words=True)
    if asked is not None:
        first = asked[3]  # the helper is asked first: it is their time the introduction asks for
    else:
        first = key[1] if people[key[1]].strength > people[key[0]].strength else key[0]
    second = key[0] if first == key[1] else key[1]
    return Suggestion(first, people[first].name, second, people[second].name, round(score, 3), reasons,
                      asked[2] if asked is not None else None)


def _key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)
