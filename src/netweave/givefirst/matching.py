"""Who in my network could meet an ask, and which open asks one person could meet, each with evidence a user
can check ("offers: mentoring on fundraising", "expertise: Rust", "2 meetings about hiring, last 2026-10-03").

An ask becomes groups of terms (`topics.query`). People are found through their open offers, their tags
(expertise, interests, plain tags), their current title, organisation and notes, and what we talked about
(`talk.mentions`). Each kind of evidence counts for the share of the ask it covers, rare words counting more
than common ones; the sum is weighed by how reachable the person is through me (`reach`): my tie's strength,
or, for a weak tie, a strong tie of mine who knows them.

Bounded for 30,000 people: offers, tags and organisations that hold a word of the ask are few and checked in
Python; people are read by tag (at most TAG_CAP, strongest ties first) and in one narrow pass over my people by
title, organisation and notes (at most PROFILE_CAP newly found, strongest first); interactions only through
`talk`, which never reads a whole timeline table.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from django.db.models import Case, Count, F, Q, TextField, Value, When

from netweave.core import clock
from netweave.givefirst import topics
from netweave.givefirst.evidence import Evidence, offer_words, talk_words, tie_words
from netweave.givefirst.models import Ask, Offer, Status
from netweave.givefirst.reach import DIRECT, reach_score, reach_through, reach_words, strengths_of
from netweave.givefirst.talk import NAME_STARTS, contains, mentions
from netweave.interactions.models import Participation
from netweave.nurture.today import local_today
from netweave.people.models import Organisation, Person, Tag

PROFILE_CAP = 500  # people newly found by title, organisation or notes: the strongest ties first
GENERIC_TITLE = 0.05  # a word in the titles of more than this share of my people finds nobody by title
GENERIC_MIN = 50  # ... unless that is only a few people: in a small network no word is that common
TAG_CAP = 1000  # people read per ask by their tags: the strongest ties first
TALK_SHORTLIST = 60  # the best candidates so far, whose own timelines are searched for the topic
REACH_SHORTLIST = 80  # the best candidates whose reach through my strong ties is worked out


@dataclass(slots=True)
class Match:
    person_id: int
    display_name: str
    score: float
    evidence: list[str]
    strength: int | None
    reach: str


@dataclass(slots=True)
class AskMatch:
    ask: Ask
    score: float
    evidence: list[str]


class Network:
    """What matching reads once and reuses for every ask of a request (my offers, tags, size), and the titles and
    organisations that hold the words of one ask."""

    def __init__(self, owner, today=None):
        self.owner = owner
        self.today = today or local_today(owner)

    def open_offers(self):
        unexpired = Q(expires_on__isnull=True) | Q(expires_on__gte=self.today)
        return Offer.objects.filter(unexpired, owner=self.owner, status=Status.OPEN)

    @cached_property
    def my_offers(self) -> list[tuple[str, frozenset[str]]]:
        rows = self.open_offers().filter(person__isnull=True).values_list("kind", "topic", "details")
        return [(offer_words(kind, topic), topics.term_set(f"{topic}\n{details}")) for kind, topic, details in rows]

    @cached_property
    def tags(self) -> list[tuple[int, str, str, frozenset[str]]]:
        return [(tid, kind, name, topics.term_set(name))
                for tid, kind, name in Tag.objects.filter(owner=self.owner).values_list("id", "kind", "name")]

    @cached_property
    def size(self) -> int:
        """How many people I have (not archived)."""
        return Person.objects.filter(owner=self.owner, archived=False).count()

    def titles(self, probes: tuple[str, ...]) -> list[tuple[str, frozenset[str], int]]:
        """The current titles that hold any probe, once each, with their terms and how many people hold them."""
        cond = Q()
        for probe in probes:
            cond |= contains("current_title", probe, NAME_STARTS)
        rows = (Person.objects.filter(cond, owner=self.owner, archived=False).order_by()
                .values_list("current_title").annotate(n=Count("id")))
        return [(title, topics.term_set(title), n) for title, n in rows]

    def organisations(self, probes: tuple[str, ...]) -> list[tuple[int, str, frozenset[str]]]:
        """The organisations whose names hold any probe, with the terms of their names."""
        cond = Q()
        for probe in probes:
            cond |= contains("name", probe, NAME_STARTS)
        rows = Organisation.objects.filter(cond, owner=self.owner).order_by().values_list("id", "name")
        return [(oid, name, topics.term_set(name)) for oid, name in rows]


def helpers_for(owner, ask: Ask, *, limit: int = 20, network: Network | None = None, deep: bool = True) -> list[Match]:
    """The owner's people (not the asker, none archived) ranked by how well they could help with `ask`.

    `deep=False` looks only at offers and tags (not titles, notes or interactions): for lists that match many
    asks at once."""
    groups = topics.query(ask.topic, ask.details, ask.kind)
    if ask.owner_id != owner.pk or not groups:
        return []
    network = network or Network(owner)
    found: dict[int, Evidence] = defaultdict(Evidence)
    strengths: dict[int, int] = {}
    _by_offers(network, groups, found, strengths)
    _by_tags(network, groups, found, strengths)
    read = _by_profile(network, groups, found, strengths) if deep else set()
    found.pop(ask.person_id, None)
    weights = _weights(groups, found, network.size)
    if deep:
        shortlist = [pid for pid, _ in _ranked(found, weights, strengths, {}, TALK_SHORTLIST)]
        _by_talk(owner, groups, found, shortlist)
        found.pop(ask.person_id, None)
        strengths.update(strengths_of(owner, [pid for pid in found if pid not in strengths and pid not in read]))
        weights = _weights(groups, found, network.size)
    first = _ranked(found, weights, strengths, {}, max(REACH_SHORTLIST, limit * 3))
    found = {pid: found[pid] for pid, _ in first}
    via = reach_through(owner, [pid for pid, _ in first if (strengths.get(pid) or 0) < DIRECT])
    ranked = _ranked(found, weights, strengths, via, limit)
    names = dict(Person.objects.filter(pk__in=[pid for pid, _ in ranked]).values_list("id", "display_name"))
    return [Match(pid, names[pid], round(score, 3), found[pid].words() + tie_words(strengths.get(pid), via.get(pid)),
                  strengths.get(pid), reach_words(strengths.get(pid), via.get(pid)))
            for pid, score in ranked]


def _by_offers(network: Network, groups: list[topics.Group], found: dict[int, Evidence], strengths: dict) -> None:
    """Contacts (not archived) with an open offer on the topic."""
    cond = Q()
    for probe in {p for g in groups for p in topics.probes(g)}:
        cond |= contains("topic", probe) | contains("details", probe)
    rows = (network.open_offers().filter(cond, person__isnull=False, person__archived=False)
            .values_list("person_id", "kind", "topic", "details", "person__strength__score"))
    for pid, kind, topic, details, strength in rows:
        terms = topics.term_set(f"{topic}\n{details}")
        which = [i for i, g in enumerate(groups) if g.matches(terms)]
        if which:
            found[pid].add("offer", which, offer_words(kind, topic))
            if strength is not None:
                strengths[pid] = strength


def _by_tags(network: Network, groups: list[topics.Group], found: dict[int, Evidence], strengths: dict) -> None:
    """People tagged with the topic (expertise, interest or a plain tag): the strongest TAG_CAP ties at most."""
    matched = {}
    for tid, kind, name, terms in network.tags:
        which = [i for i, g in enumerate(groups) if g.matches(terms)]
        if which:
            matched[tid] = (kind, f"{kind}: {name}", which)
    if not matched:
        return
    tagged = Person.tags.through.objects.filter(tag_id__in=list(matched), person__archived=False).values_list(
        "person_id", "tag_id", "person__strength__score")
    rows = list(tagged.order_by()[:TAG_CAP + 1])
    if len(rows) > TAG_CAP:  # sort only when there are too many
        rows = list(tagged.order_by(F("person__strength__score").desc(nulls_last=True), "person_id")[:TAG_CAP])
    for pid, tid, strength in rows:
        kind, words, which = matched[tid]
        found[pid].add(kind, which, words)
        if strength is not None:
            strengths[pid] = strength


def _by_profile(network: Network, groups: list[topics.Group], found: dict[int, Evidence],
                strengths: dict) -> set[int]:
    """People whose current title, organisation or notes say any word of the ask, checked as terms here; of
    those not found already, the strongest PROFILE_CAP. A word in the titles of more than GENERIC_TITLE of my
    people ("engineer") finds nobody new by title: it would crowd out the rarer words. It still counts for
    those found otherwise. Returns everyone read, whose strength is now known."""
    every = tuple(dict.fromkeys(p for g in groups for p in topics.probes(g)))
    by_org: dict[int, tuple[str, list[int]]] = {}  # organisation -> its name, the groups it matches
    for oid, name, terms in network.organisations(every):
        which = [i for i, g in enumerate(groups) if g.matches(terms)]
        if which:
            by_org[oid] = (name, which)
    by_title: dict[str, list[int]] = {}  # title -> the groups it matches
    held: dict[int, int] = defaultdict(int)  # group -> how many people have a title it matches
    for title, terms, n in network.titles(every):
        which = [i for i, g in enumerate(groups) if g.matches(terms)]
        if which:
            by_title[title] = which
            for i in which:
                held[i] += n
    common = max(GENERIC_TITLE * network.size, GENERIC_MIN)
    rare = sorted(t for t, which in by_title.items() if any(held[i] <= common for i in which))
    generic = sorted(set(by_title) - set(rare))
    in_notes = Q()
    for probe in every:
        in_notes |= contains("notes", probe)
    noted = ~Q(notes="") & in_notes  # most people have no notes: skip the LIKEs for them
    cond = noted | Q(current_title__in=rare) | Q(current_organisation_id__in=sorted(by_org))
    if generic and found:  # the common words' titles, for people found already
        cond |= Q(current_title__in=generic, pk__in=sorted(found))
    rows = list(Person.objects.filter(cond, owner=network.owner, archived=False).order_by()
                .annotate(said=Case(When(noted, then=F("notes")), default=Value(""), output_field=TextField()))
                .values_list("id", "strength__score", "current_title", "current_organisation_id", "said"))
    known, new = [], []  # people found already get every word; new ones must earn a place
    for pid, strength, title, oid, notes in rows:
        if strength is not None:
            strengths[pid] = strength
        named, said = by_title.get(title, []), _in_notes(notes, groups, every)
        if pid in found:
            known.append((pid, title, oid, notes, named, said))
        elif said or oid in by_org or named:
            new.append((pid, title, oid, notes, named, said))
    new.sort(key=lambda row: (-strengths.get(row[0], -1), row[0]))
    for pid, title, oid, notes, named, said in known + new[:PROFILE_CAP]:
        evidence = found[pid]
        if named:
            evidence.add("title", named, f"title: {title}")
        if oid in by_org:
            evidence.add("organisation", by_org[oid][1], f"works at {by_org[oid][0]}")
        if said:
            quote = topics.snippet(notes, frozenset().union(*(groups[i].terms for i in said)))
            evidence.add("notes", said, f"notes: “{quote}”")
    return {row[0] for row in rows}


def _in_notes(notes: str, groups: list[topics.Group], every: tuple[str, ...]) -> list[int]:
    """The groups a person's notes match ("rust" inside "trust" is no match)."""
    if not notes or not topics.could_match(notes, every):
        return []
    terms = topics.term_set(notes)
    return [i for i, g in enumerate(groups) if g.matches(terms)]


def _by_talk(owner, groups: list[topics.Group], found: dict[int, Evidence], shortlist: list[int]) -> None:
    by_person = defaultdict(list)
    for mention in mentions(owner, groups, people=shortlist):
        by_person[mention.person_id].append(mention)
    for pid, said in by_person.items():
        which = sorted({i for m in said for i in m.groups})
        evidence = found[pid]
        evidence.add("talk", which, talk_words(said))
        evidence.boost = min(1.5, 1 + 0.1 * (len(said) - 1))


def _weights(groups: list[topics.Group], found: dict[int, Evidence], size: int) -> list[float]:
    """Each group's weight times how rare it is among the people found (inverse document frequency). A word
    nobody matches cannot tell people apart: it weighs nothing, rather than lowering everyone's share."""
    df = [0] * len(groups)
    for evidence in found.values():
        for i in set().union(*evidence.hits.values()):
            df[i] += 1
    return [g.weight * (1 + math.log((size + 1) / (d + 1))) if d else 0.0 for g, d in zip(groups, df)]


def _ranked(found: dict[int, Evidence], weights: list[float], strengths: dict, via: dict, limit: int):
    """The best `limit` of `found` as (person id, score): relevance weighed by how reachable they are."""
    scored = ((pid, ev.relevance(weights) * (0.35 + 0.65 * reach_score(strengths.get(pid), via.get(pid)) / 100))
              for pid, ev in found.items())
    return heapq.nsmallest(limit, scored, key=lambda item: (-item[1], item[0]))


ASK_SCAN = 1000  # open asks considered for one person, newest first
RECENT_TALK = 100  # a person's latest interactions read for what we talked about
MIN_RELEVANCE = 0.5  # below this a person's link to an ask is too thin to show


def open_asks(owner, today):
    """Open asks that have not passed their day, mine or of contacts who are not archived."""
    unexpired = Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    return (Ask.objects.filter(unexpired, owner=owner, status=Status.OPEN)
            .filter(Q(person__isnull=True) | Q(person__archived=False)))


def asks_for(owner, person: Person, *, limit: int = 20, today: date | None = None) -> list[AskMatch]:
    """The open asks (mine or others', not their own) that `person` could meet, best first, with evidence.
    Without the rest of the network to compare with, every word of an ask counts as written."""
    if person.owner_id != owner.pk or person.archived:
        return []
    today = today or local_today(owner)
    asks = list(open_asks(owner, today).exclude(person=person).select_related("person")[:ASK_SCAN])
    if not asks:
        return []
    profile = _profile(person, today)
    talks = _recent_talk(person)
    out = []
    for ask in asks:
        groups = topics.query(ask.topic, ask.details, ask.kind)
        if not groups:
            continue
        evidence = Evidence()
        for source, terms, line in profile:
            which = [i for i, g in enumerate(groups) if g.matches(terms)]
            if which and source == "notes":
                line = f"notes: “{topics.snippet(line, frozenset().union(*(groups[i].terms for i in which)))}”"
            if which:
                evidence.add(source, which, line)
        said = [_Said(talk.kind, talk.occurred_at, which, topics.written(talk.text, groups, which))
                for talk in talks if (which := [i for i, g in enumerate(groups) if g.matches(talk.terms)])]
        if said:
            evidence.add("talk", sorted({i for m in said for i in m.groups}), talk_words(said))
            evidence.boost = min(1.5, 1 + 0.1 * (len(said) - 1))
        relevance = evidence.relevance([g.weight for g in groups])
        if relevance >= MIN_RELEVANCE:
            out.append(AskMatch(ask, round(relevance, 3), evidence.words()))
    out.sort(key=lambda m: (-m.score, -m.ask.created_at.timestamp(), -m.ask.pk))
    return out[:limit]


def _profile(person: Person, today) -> list[tuple[str, frozenset[str], str]]:
    """(kind of evidence, terms, words) for everything one person offers, is tagged with, or is noted for."""
    unexpired = Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    offers = Offer.objects.filter(unexpired, owner=person.owner, person=person, status=Status.OPEN)
    out = [("offer", topics.term_set(f"{topic}\n{details}"), offer_words(kind, topic))
           for kind, topic, details in offers.values_list("kind", "topic", "details")]
    for kind, name in person.tags.values_list("kind", "name"):
        out.append((kind, topics.term_set(name), f"{kind}: {name}"))
    if person.current_title:
        out.append(("title", topics.term_set(person.current_title), f"title: {person.current_title}"))
    if person.current_organisation_id:
        name = person.current_organisation.name
        out.append(("organisation", topics.term_set(name), f"works at {name}"))
    if person.notes:
        out.append(("notes", topics.term_set(person.notes), person.notes))
    return out


@dataclass(frozen=True, slots=True)
class _Talk:
    kind: str
    occurred_at: datetime
    text: str
    terms: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Said:
    kind: str
    occurred_at: datetime
    groups: list[int]
    words: tuple[str, ...]


def _recent_talk(person: Person) -> list[_Talk]:
    """The person's latest past interactions (one index: their timeline), as terms."""
    rows = (Participation.objects.filter(person=person, occurred_at__lte=clock.now())
            .order_by("-occurred_at")
            .values_list("interaction__kind", "occurred_at", "interaction__summary", "interaction__notes")
            [:RECENT_TALK])
    texts = [(kind, when, f"{summary}\n{notes}") for kind, when, summary, notes in rows]
    return [_Talk(kind, when, text, topics.term_set(text)) for kind, when, text in texts]
