"""Who is this record? An index of the owner's people by every identifier, built once per import.

The order of evidence, strongest first: the same record of an earlier import (the source's own key), an
email, a LinkedIn profile, a phone number (E.164), then a name: nearly the same name at the same
organisation, or exactly the same name held by only one person with no organisation against it.
A name alone never joins two people whom something else tells apart: different known employers, or
emails (or phones, or profiles) on both sides with none in common. Two John Smiths with their own
addresses stay two; the duplicates review queue can still offer them to the user.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from rapidfuzz import fuzz, process

from netweave.people import normalize
from netweave.people.models import Email, Person, Phone, Url

NAME_AT_ORG = 90  # rapidfuzz token-sort ratio for "the same name" when the organisation agrees
ORG_ALIKE = 88


@dataclass(frozen=True)
class Match:
    target: int  # a person id, or a negative placeholder for someone created earlier in the same import
    confidence: float
    reason: str


def stored_key(key: str) -> str:
    """A source's key as ImportedRecord keeps it: long ones hashed, so they match again next time."""
    if len(key) > 1000:
        return "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return key


def name_key(text: str) -> str:
    return " ".join(normalize.fold(text).split())


def profile_key(url: str) -> str:
    """The key of a LinkedIn profile URL, or "" for any other address (a company site identifies nobody)."""
    key = normalize.url_key(url)
    return key if key.startswith("linkedin.com/in/") else ""


class Index:
    """Every identifier of the owner's people, and of the people this import has planned so far."""

    def __init__(self, owner, format: str):
        self.owner = owner
        self.format = format
        self.keys: dict[str, int] = {}
        self.digests: dict[str, str] = {}  # key -> digest of the record as the last import read it
        self.keyless: dict[str, int] = {}  # digest -> person, for records without a key (any CSV)
        self.new: set[int] = set()  # people planned by this import (negative placeholders)
        self.emails: dict[str, int] = {}
        self.profiles: dict[str, int] = {}
        self.phones: dict[str, int] = {}
        self.names: dict[str, set[int]] = defaultdict(set)
        self.orgs: dict[int, str] = {}
        # (organisation, name word) -> people: the only names worth a fuzzy comparison share a word and a
        # place of work, so one record costs a handful of comparisons, not one per colleague.
        self.by_org: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.display: dict[int, str] = {}  # each person's folded name
        self.kinds: dict[int, set[str]] = defaultdict(set)  # which identifiers each person has
        self._load()

    def _load(self) -> None:
        from netweave.importers.models import ImportedRecord

        owner = self.owner
        for pid, name, org in Person.objects.filter(owner=owner).values_list(
                "id", "display_name", "current_organisation__name").iterator(chunk_size=5000):
            self._add_name(pid, name, org or "")
        for key, pid in Email.objects.filter(owner=owner).values_list("key", "person_id").order_by("id").iterator(chunk_size=5000):
            self.emails.setdefault(key, pid)
            self.kinds[pid].add("emails")
        for key, pid in Url.objects.filter(owner=owner, key__startswith="linkedin.com/in/").values_list(
                "key", "person_id").order_by("id").iterator(chunk_size=5000):
            self.profiles.setdefault(key, pid)
            self.kinds[pid].add("urls")
        for e164, pid in Phone.objects.filter(owner=owner).exclude(e164="").values_list(
                "e164", "person_id").order_by("id").iterator(chunk_size=5000):
            self.phones.setdefault(e164, pid)
            self.kinds[pid].add("phones")
        for key, pid, digest in (ImportedRecord.objects.filter(owner=owner, format=self.format, person__isnull=False,
                                                               run__undone_at__isnull=True)
                                 .values_list("key", "person_id", "digest").order_by("id")
                                 .iterator(chunk_size=5000)):
            if key:
                self.keys[key] = pid  # the latest import of this key wins
                self.digests[key] = digest
            elif digest:
                self.keyless[digest] = pid

    def _add_name(self, target: int, name: str, org: str) -> None:
        key = name_key(name)
        self.display[target] = key
        if key:
            self.names[key].add(target)
        if org:
            self.orgs[target] = name_key(org)
            for word in set(key.split()):
                self.by_org[(self.orgs[target], word)].add(target)

    def same_as_before(self, key: str, digest: str) -> int | None:
        """The person an earlier import made of exactly this record (same key, or no key and the same bytes),
        if any: the file says nothing new about them, so there is nothing to compare."""
        key = stored_key(key)
        if key and digest and self.digests.get(key) == digest:
            return self.keys.get(key)
        if not key and digest:
            return self.keyless.get(digest)
        return None

    def _shares_email(self, target: int, data: dict) -> bool:
        return any(self.emails.get(normalize.email_key(_value(i, "address"))) == target for i in data.get("emails") or [])

    def match_person(self, data: dict, key: str = "") -> Match | None:
        key = stored_key(key)
        if key and key in self.keys:
            target = self.keys[key]
            # The same id twice in one file for people whose emails differ (phones copy ids carelessly):
            # the id says nothing, the rest decides.
            if not (target in self.new and "emails" in _kinds(data) & self.kinds.get(target, set())
                    and not self._shares_email(target, data)):
                return Match(target, 1.0, "the same record as an earlier import")
        for item in data.get("emails") or []:
            found = self.emails.get(normalize.email_key(_value(item, "address")))
            if found is not None:
                return Match(found, 1.0, f"same email {_value(item, 'address')}")
        for item in data.get("urls") or []:
            found = self.profiles.get(profile_key(_value(item, "url")))
            if found is not None:
                return Match(found, 1.0, "same LinkedIn profile")
        region = settings.NETWEAVE_DEFAULT_REGION
        kinds = _kinds(data)
        for item in data.get("phones") or []:
            e164 = _e164(item, region)
            found = self.phones.get(e164) if e164 else None
            # Both with emails and none shared: a switchboard or a family line, not the same person.
            if found is not None and not ("emails" in kinds and "emails" in self.kinds.get(found, set())):
                return Match(found, 0.95, f"same phone {e164}")
        return self.match_name(data.get("display_name") or "", data.get("organisation") or "", _kinds(data))

    def match_name(self, name: str, org: str, kinds: frozenset = frozenset()) -> Match | None:
        """The person a name (and organisation) points at, unless an identifier of the same kind on both
        sides, with none shared (or the match would have been found by it), tells them apart."""
        if not name:
            return None
        wanted, org_key = name_key(name), name_key(org)
        if org_key:
            candidates = set()
            for word in set(wanted.split()):
                candidates |= self.by_org.get((org_key, word), set())
            choices = {t: self.display[t] for t in candidates if not kinds & self.kinds.get(t, set())}
            best = process.extractOne(wanted, choices, scorer=fuzz.token_sort_ratio, score_cutoff=NAME_AT_ORG)
            if best is not None:
                _, score, target = best
                return Match(target, round(0.6 + 0.3 * score / 100, 2), f"{score:.0f}% the same name, both at {org}")
        same = self.names.get(wanted, set())
        if len(same) == 1:
            (target,) = same
            if kinds & self.kinds.get(target, set()):
                return None
            theirs = self.orgs.get(target, "")
            if not theirs or not org_key or fuzz.ratio(theirs, org_key) >= ORG_ALIKE:
                return Match(target, 0.8, "the same name, and only one person has it")
        return None

    def match_contact(self, name: str = "", email: str = "", phone: str = "", url: str = "") -> Match | None:
        data = {"display_name": name, "emails": [email] if email else [], "urls": [url] if url else [],
                "phones": [phone] if phone else []}
        return self.match_person(data)

    def add(self, target: int, data: dict, key: str = "") -> None:
        """Make a planned person findable by the records that follow in the same file."""
        key = stored_key(key)
        if target < 0:
            self.new.add(target)
        if key:
            self.keys.setdefault(key, target)
        self.kinds[target] |= _kinds(data)
        for item in data.get("emails") or []:
            self.emails.setdefault(normalize.email_key(_value(item, "address")), target)
        for item in data.get("urls") or []:
            profile = profile_key(_value(item, "url"))
            if profile:
                self.profiles.setdefault(profile, target)
        region = settings.NETWEAVE_DEFAULT_REGION
        for item in data.get("phones") or []:
            e164 = _e164(item, region)
            if e164:
                self.phones.setdefault(e164, target)
        if target not in self.display:
            self._add_name(target, data.get("display_name") or "", data.get("organisation") or "")


def _kinds(data: dict) -> frozenset:
    """Which identifiers a record has: emails, phones, LinkedIn profiles."""
    kinds = {field for field in ("emails", "phones") if data.get(field)}
    if any(profile_key(_value(u, "url")) for u in data.get("urls") or []):
        kinds.add("urls")
    return frozenset(kinds)


def _value(item, main: str) -> str:
    if isinstance(item, dict):
        return str(item.get(main) or item.get("raw") or "")
    return str(item or "")


def _e164(item, region: str) -> str:
    """A cleaned phone already carries its E.164 form; a raw one is parsed."""
    if isinstance(item, dict) and "e164" in item:
        return item["e164"]
    return normalize.phone_or_error(_value(item, "number"), region)[1]
