"""Likely duplicate people across the whole address book, and the user's "not the same person" answers.

`scan(owner)` pairs the owner's people (archived ones left out) who share an email, a phone number or a
LinkedIn profile, or whose names are alike, and gives each pair a confidence from 0 to 1 with the reasons in
words. Names are compared only within blocks (people whose names start with the same letters), so 30,000
people make a few hundred thousand comparisons, not 450 million.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import combinations, product

import phonenumbers
from django.db import transaction
from django.core.cache import cache as django_cache
from django.db.models import Count, Max, Q
from rapidfuzz import fuzz, process, utils

from netweave.core.errors import Invalid
from netweave.people.models import Affiliation, DuplicateDismissal, Email, Organisation, Person, Phone, Url
from netweave.people.normalize import fold

# A value more people share than this is a team inbox or a switchboard, not one person's.
MAX_SHARING = 4
# Names this alike (token-sort ratio, 0-100) are worth a look; at the same organisation, less alike will do.
# 90 lets one letter be missing or added in any name, but one letter changed only in names of ten letters
# or more: in short ones that is usually another name (Zhou and Zhao, Lina and Lima).
ALIKE, ALIKE_AT_SAME_ORG = 90, 80
MIN_CONFIDENCE = 0.25
# How much each kind of evidence says on its own; several are combined as independent chances of error.
WEIGHTS = {"email": 0.9, "linkedin": 0.9, "phone": 0.75, "same name": 0.55, "initial": 0.45}


@dataclass(frozen=True)
class Candidate:
    """Two people (lower id first) who may be one, how likely (0 to 1), and why, in words."""

    a: int
    b: int
    a_name: str
    b_name: str
    confidence: float
    reasons: tuple[str, ...]


@dataclass
class _Person:
    name: str
    organisation: int | None
    tokens: list[str]


def scan_cached(owner, seconds: int = 600) -> list[Candidate]:
    """`scan`, remembered while nothing it reads has changed: the review page is opened again after every
    merge or dismissal, and a 30,000-person scan takes over a second."""
    key = f"netweave:duplicates:{owner.pk}:{_fingerprint(owner)}"
    found = django_cache.get(key)
    if found is None:
        found = scan(owner)
        django_cache.set(key, found, seconds)
    return found


def _fingerprint(owner) -> str:
    """Changes whenever a person, a value the scan compares, a job or a dismissal is added, changed or removed."""
    parts = [Person.objects.filter(owner=owner).aggregate(n=Count("id"), top=Max("id"), at=Max("updated_at"),
                                                          archived=Count("id", filter=Q(archived=True)))]
    for model in (Email, Phone, Url, Affiliation, DuplicateDismissal):
        parts.append(model.objects.filter(owner=owner).aggregate(n=Count("id"), top=Max("id")))
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def scan(owner) -> list[Candidate]:
    """Every likely duplicate pair of the owner's people, most likely first, leaving out dismissed pairs."""
    tokens = cache(_tokens)  # many people share a name; folding is the slow part of reading them
    people = {
        pid: _Person(display, org, tokens(display, given, middle, family))
        for pid, display, given, middle, family, org in Person.objects.filter(owner=owner, archived=False)
        .order_by().values_list("id", "display_name", "given_name", "middle_name", "family_name",
                                "current_organisation_id")
    }
    evidence: dict[tuple[int, int], dict] = defaultdict(dict)
    _shared_values(owner, evidence)
    _alike_names(people, evidence)
    dismissed = set(DuplicateDismissal.objects.filter(owner=owner).values_list("person_a_id", "person_b_id"))
    pairs = [(pair, found) for pair, found in evidence.items()
             if pair not in dismissed and pair[0] in people and pair[1] in people]  # added or archived meanwhile
    org_ids = {people[p].organisation for pair, _ in pairs for p in pair if people[p].organisation}
    orgs = dict(Organisation.objects.filter(owner=owner, pk__in=org_ids).values_list("id", "name")) if org_ids else {}
    found = [c for c in (_judge(pair, ev, people, orgs) for pair, ev in pairs) if c is not None]
    found.sort(key=lambda c: (-c.confidence, c.a, c.b))
    return found


def _tokens(display: str, given: str, middle: str, family: str) -> list[str]:
    """The words of a name, folded, without a prefix or suffix ("Dr. Ana M. Lima" -> ana, m, lima)."""
    core = " ".join(p for p in (given, middle, family) if p) or display
    return utils.default_process(fold(core)).split()


def _shared_values(owner, evidence: dict) -> None:
    """Pairs who share an email, a phone number (E.164) or a LinkedIn profile, found by the database's
    GROUP BY over the matching keys, so only the shared values come back."""
    sources = (
        ("email", Email.objects.filter(owner=owner, person__archived=False).exclude(key=""), "key"),
        ("phone", Phone.objects.filter(owner=owner, person__archived=False).exclude(e164=""), "e164"),
        ("linkedin", Url.objects.filter(owner=owner, person__archived=False, key__startswith="linkedin.com/in/"),
         "key"),
    )
    for signal, rows, column in sources:
        shared = (rows.order_by().values(column).annotate(n=Count("person_id", distinct=True))
                  .filter(n__gt=1, n__lte=MAX_SHARING).values(column))
        groups = defaultdict(set)
        for value, pid in rows.filter(**{f"{column}__in": shared}).order_by().values_list(column, "person_id"):
            groups[value].add(pid)
        for value, pids in groups.items():
            for pair in combinations(sorted(pids), 2):
                evidence[pair].setdefault(signal, value)


def _alike_names(people: dict[int, _Person], evidence: dict) -> None:
    """Pairs with the same name, a name that is a shorter form of the other ("J. Smith", "Ana Lima" for
    "Ana Maria Lima"), or names alike by rapidfuzz's token-sort ratio within blocks of the same initials."""
    by_name = defaultdict(list)
    for pid, person in people.items():
        if person.tokens:
            by_name[" ".join(person.tokens)].append(pid)

    def note(pids_a, pids_b, kind, score):
        for a, b in product(pids_a, pids_b):
            pair = (a, b) if a < b else (b, a)
            if a != b and evidence[pair].get("name", ("", 0))[1] < score:
                evidence[pair]["name"] = (kind, score)

    for pids in by_name.values():
        note(pids, pids, "same name", 100)
    for name, pids in by_name.items():
        for shorter in _shorter_forms(name.split()):
            if shorter in by_name:
                note(pids, by_name[shorter], "initial", 95)

    blocks = defaultdict(list)
    for name in by_name:
        words = name.split()
        blocks["".join(sorted((words[0][0], words[-1][0])))].append(name)
    for names in blocks.values():
        keys = [" ".join(sorted(n.split())) for n in names]
        for i in range(len(names) - 1):
            for _, score, j in process.extract(keys[i], keys[i + 1:], scorer=fuzz.ratio,
                                               score_cutoff=ALIKE_AT_SAME_ORG, limit=None):
                note(by_name[names[i]], by_name[names[i + 1 + j]], "alike", round(score))


def _shorter_forms(words: list[str]) -> set[str]:
    """The ways the same name may have been written shorter: the first name as an initial, middle names
    dropped or as initials. "ana maria lima" -> "ana lima", "a lima", "ana m lima", ... (not itself)."""
    if len(words) < 2:
        return set()
    first, middles, last = words[0], words[1:-1][:2], words[-1]
    firsts = {first, first[0]}
    middle_forms = {()} | set(product(*[{m, m[0]} for m in middles]))
    forms = {" ".join([f, *m, last]) for f in firsts for m in middle_forms}
    forms.discard(" ".join(words))
    return forms


def _judge(pair: tuple[int, int], found: dict, people: dict[int, _Person], orgs: dict[int, str]) -> Candidate | None:
    """The confidence of one pair and the reasons, or None when the evidence is too weak to show."""
    a, b = people[pair[0]], people[pair[1]]
    weights, reasons = [], []
    if "email" in found:
        weights.append(WEIGHTS["email"])
        reasons.append(f"same email {found['email']}")
    if "phone" in found:
        weights.append(WEIGHTS["phone"])
        reasons.append(f"same phone {_phone(found['phone'])}")
    if "linkedin" in found:
        weights.append(WEIGHTS["linkedin"])
        reasons.append("same LinkedIn profile")
    same_org = a.organisation is not None and a.organisation == b.organisation
    other_orgs = a.organisation is not None and b.organisation is not None and not same_org
    at = f", both at {orgs.get(a.organisation, 'the same organisation')}" if same_org else ""
    kind, score = found.get("name", ("", 0))
    if kind == "alike" and score < (ALIKE_AT_SAME_ORG if same_org else ALIKE):
        kind = ""
    if kind:
        if kind == "alike":
            weight = 0.25 + 0.3 * (score - ALIKE_AT_SAME_ORG) / (100 - ALIKE_AT_SAME_ORG)
            reason = "same name in another order" if score == 100 else f"names {score}% alike"
        elif kind == "initial":
            weight, reason = WEIGHTS["initial"], f"{_shorter(a, b)} may be short for {_longer(a, b)}"
        else:
            weight, reason = WEIGHTS["same name"], "same name"
        # The same organisation makes alike names much likelier one person; two different current ones, less.
        weight = min(weight + 0.3, 0.9) if same_org else weight * 0.6 if other_orgs else weight
        weights.append(weight)
        reasons.append(reason + at)
    elif not weights:
        return None
    else:
        if same_org:
            weights.append(0.1)
            reasons.append(at.removeprefix(", "))
        if fuzz.token_sort_ratio(" ".join(a.tokens), " ".join(b.tokens)) < 60:
            weights = [w * 0.7 for w in weights]  # a shared inbox or phone of two people, as often as not
            reasons.append("though the names differ")
    doubt = 1.0
    for weight in weights:
        doubt *= 1 - weight
    confidence = round(1 - doubt, 2)
    if confidence < MIN_CONFIDENCE:
        return None
    return Candidate(pair[0], pair[1], a.name, b.name, confidence, tuple(reasons))


def _shorter(a: _Person, b: _Person) -> str:
    return a.name if len(a.tokens) < len(b.tokens) or len(" ".join(a.tokens)) < len(" ".join(b.tokens)) else b.name


def _longer(a: _Person, b: _Person) -> str:
    return b.name if _shorter(a, b) == a.name else a.name


def _phone(e164: str) -> str:
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164


def people_for(owner, candidates: list[Candidate]) -> dict[int, Person]:
    """The people of some candidates with what a side-by-side view shows, in a fixed number of queries."""
    ids = {pid for c in candidates for pid in (c.a, c.b)}
    return (Person.objects.filter(owner=owner)
            .select_related("current_organisation", "circle")
            .prefetch_related("emails", "phones", "urls")
            .in_bulk(ids))


@transaction.atomic
def dismiss(owner, a: Person, b: Person) -> DuplicateDismissal:
    """Record that two people are not the same person; the pair never comes back from `scan`."""
    errors = {}
    if a.owner_id != owner.pk:
        errors["person_a"] = "no such person"
    if b.owner_id != owner.pk:
        errors["person_b"] = "no such person"
    if a.pk == b.pk:
        errors["person_b"] = "is the same person as person_a"
    if errors:
        raise Invalid(errors)
    low, high = sorted((a.pk, b.pk))
    dismissal, _ = DuplicateDismissal.objects.get_or_create(owner=owner, person_a_id=low, person_b_id=high)
    return dismissal
