"""Reading a file into a plan: for each record, whom it is and what it would change. Nothing is written.

The preview page, `--dry-run` and the import itself all start here; `applying.apply_plan` writes a plan.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone

from netweave.importers.base import Importer
from netweave.importers.cleaning import clean_record
from netweave.importers.combine import combine
from netweave.importers.delta import load_people, update_for
from netweave.importers.matching import Index
from netweave.importers.records import InteractionRecord, Note, PersonRecord, Rejected, Skip
from netweave.interactions.models import Interaction
from netweave.interactions.services import external_key
from netweave.people.normalize import clean_text

MAX_LISTED = 1000  # reasons kept per run; the counts are always complete


@dataclass
class PersonPlan:
    target: int  # an existing person's id, or a negative placeholder for one to create
    action: str  # "create", "update" or "unchanged"
    data: dict  # cleaned values the file gives (all its records for this person, combined)
    reason: str
    confidence: float = 1.0
    records: list[PersonRecord] = field(default_factory=list)
    update: dict = field(default_factory=dict)  # for "update": what to pass `update_person`
    changes: list[str] = field(default_factory=list)
    photo: bytes | None = None

    @property
    def name(self) -> str:
        return self.data.get("display_name", "")

    @property
    def where(self) -> str:
        return self.records[0].where if self.records else "from an interaction"


@dataclass
class InteractionPlan:
    action: str  # "create", "update" or "unchanged"
    record: InteractionRecord
    participants: list[int]
    existing: int | None = None


@dataclass
class Plan:
    format: str
    filename: str
    size: int = 0
    sha256: str = ""
    people: dict[int, PersonPlan] = field(default_factory=dict)
    interactions: list[InteractionPlan] = field(default_factory=list)
    skips: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    skipped: int = 0
    merged: int = 0
    photos_saved: list[str] = field(default_factory=list)  # files written while applying, gone if it fails

    def counts(self) -> dict[str, int]:
        actions = [p.action for p in self.people.values()]
        done = [i.action for i in self.interactions]
        return {
            "created": actions.count("create"), "updated": actions.count("update"),
            "merged": self.merged, "unchanged": actions.count("unchanged"), "skipped": self.skipped,
            "interactions_created": done.count("create"), "interactions_updated": done.count("update"),
            "interactions_unchanged": done.count("unchanged"),
        }

    def skip(self, where: str, why: str, count: int = 1) -> None:
        self.skipped += count
        if len(self.skips) < MAX_LISTED:
            self.skips.append({"where": where, "why": why})

    def warn(self, where: str, why: str) -> None:
        if len(self.warnings) < MAX_LISTED:
            self.warnings.append({"where": where, "why": why})

    def as_dict(self, limit: int = 200) -> dict:
        """The plan as plain data: the --json answer and the preview page's content."""
        def person(p: PersonPlan) -> dict:
            return {"action": p.action, "name": p.name, "where": p.where, "person_id": p.target if p.target > 0 else None,
                    "reason": p.reason, "confidence": p.confidence, "changes": p.changes}
        listed = [p for p in self.people.values() if p.action != "unchanged"]
        return {"format": self.format, "file": self.filename, "counts": self.counts(),
                "people": [person(p) for p in listed[:limit]], "people_listed": min(limit, len(listed)),
                "skips": self.skips, "warnings": self.warnings}


class Planner:
    """Builds a Plan for one file. `progress(n)` is called as records are read."""

    def __init__(self, owner, importer: Importer, *, progress: Callable[[int], None] | None = None):
        self.owner = owner
        self.importer = importer
        self.format = importer.name
        self.progress = progress or (lambda n: None)
        self.index = Index(owner, importer.name)
        self._next = -1

    def plan(self, path: Path, display_name: str | None = None) -> Plan:
        name = display_name or path.name
        plan = Plan(self.format, name)
        pending: list[InteractionRecord] = []
        try:
            for n, record in enumerate(self.importer.read(path), 1):
                if isinstance(record, PersonRecord):
                    self._person(plan, record)
                elif isinstance(record, InteractionRecord):
                    pending.append(record)
                elif isinstance(record, Skip):
                    plan.skip(record.where, record.why, record.count)
                elif isinstance(record, Note):
                    plan.warn(record.where, record.why)
                if n % 500 == 0:
                    self.progress(n)
        except Rejected as exc:
            exc.file = exc.file or name
            raise
        self._settle_people(plan)
        self._interactions(plan, pending)
        if path.is_file():
            plan.size, plan.sha256 = _digest(path)
        return plan

    def _person(self, plan: Plan, record: PersonRecord) -> None:
        same = self.index.same_as_before(record.key, record_digest(record))
        if same is not None:
            if same in plan.people:
                plan.people[same].records.append(record)
                plan.merged += 1
            else:
                plan.people[same] = PersonPlan(same, "unchanged", {}, "the same record as the last import",
                                               records=[record])
            return
        cleaned, notes = clean_record(self.owner, record.data)
        if cleaned is None:
            plan.skip(record.where, notes[0])
            return
        for note in notes:
            plan.warn(record.where, note)
        match = self.index.match_person(cleaned, record.key)
        if match is None:
            target = self._placeholder()
            plan.people[target] = PersonPlan(target, "create", cleaned, "new: nobody matches", records=[record],
                                             photo=record.photo)
        elif match.target in plan.people:
            known = plan.people[match.target]
            if known.action == "unchanged":
                # An earlier record of them was as before, this one is not: compare it with what we have.
                known.action, known.reason, known.confidence = "update", match.reason, match.confidence
            known.data = combine(known.data, cleaned)
            known.records.append(record)
            known.photo = known.photo or record.photo
            plan.merged += 1
            target = match.target
        else:
            target = match.target
            plan.people[target] = PersonPlan(target, "update", cleaned, match.reason, match.confidence,
                                             records=[record], photo=record.photo)
        self.index.add(target, cleaned, record.key)

    def _placeholder(self) -> int:
        self._next -= 1
        return self._next + 1

    def _settle_people(self, plan: Plan) -> None:
        existing = [t for t, p in plan.people.items() if p.action == "update"]
        if not existing:
            return
        people = load_people(self.owner, existing)
        for target in existing:
            entry = plan.people[target]
            person = people[target]
            entry.update, entry.changes = update_for(person, entry.data, self.format)
            if entry.photo and not person.photo:
                entry.changes.append("photo added")
            else:
                entry.photo = None
            if not entry.update and entry.photo is None:
                entry.action = "unchanged"

    def _interactions(self, plan: Plan, records: list[InteractionRecord]) -> None:
        source = self.importer.source or self.format
        rows = Interaction.objects.filter(owner=self.owner, source=source).exclude(external_id="")
        if len(records) < 5000:
            rows = rows.filter(external_id__in=[external_key(r.key) for r in records])
        known = dict(rows.values_list("external_id", "id"))
        seen: dict[str, InteractionPlan] = {}
        mine = {a.strip().lower() for a in [*self.importer.options.me, getattr(self.importer, "inferred_me", "")] if a}
        for record in records:
            targets = []
            for ref in record.participants:
                if ref.email and ref.email.strip().lower() in mine:
                    continue  # me: I take part in everything I import, and am not one of my contacts
                match = self.index.match_contact(ref.name, ref.email, ref.phone, ref.url)
                if match is not None:
                    targets.append(match.target)
                elif ref.create and (ref.name or ref.email):
                    targets.append(self._contact(plan, record, ref))
            targets = list(dict.fromkeys(targets))
            if not targets:
                plan.skip(record.where, "nobody in it is among your contacts")
                continue
            key = external_key(record.key)
            if key and key in seen:  # the same id twice in one file: one interaction, everyone in it
                first = seen[key]
                first.participants = list(dict.fromkeys(first.participants + targets))
                continue
            existing = known.get(key) if key else None
            entry = InteractionPlan("update" if existing else "create", record, targets, existing)
            if key:
                seen[key] = entry
            plan.interactions.append(entry)
        _settle_interactions(plan)

    def _contact(self, plan: Plan, record: InteractionRecord, ref) -> int:
        data = {"display_name": ref.name or ref.email.split("@")[0], "emails": [ref.email] if ref.email else []}
        cleaned, _ = clean_record(self.owner, data)
        target = self._placeholder()
        plan.people[target] = PersonPlan(target, "create", cleaned, f"in {record.where}, not yet a contact")
        self.index.add(target, cleaned)
        return target


def _settle_interactions(plan: Plan) -> None:
    """An interaction we already have changes only if its time, kind, summary or people differ."""
    ids = [i.existing for i in plan.interactions if i.existing]
    if not ids:
        return
    rows = {}
    for start in range(0, len(ids), 1000):
        for row in Interaction.objects.filter(pk__in=ids[start:start + 1000]).prefetch_related("participations"):
            rows[row.pk] = row
    for entry in plan.interactions:
        row = rows.get(entry.existing)
        if row is None:
            continue
        record = entry.record
        have = {p.person_id for p in row.participations.all()}
        new_notes = bool(record.notes) and not row.notes  # notes already there are kept (they may be mine)
        new_starter = bool(record.initiated_by) and record.initiated_by != row.initiated_by
        same = (row.occurred_at == _aware(record.occurred_at) and row.kind == record.kind
                and row.summary == clean_text(record.summary)[:500] and not new_notes and not new_starter
                and set(t for t in entry.participants if t > 0) <= have and all(t > 0 for t in entry.participants))
        if same:
            entry.action = "unchanged"


def _aware(moment):
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def record_digest(record: PersonRecord) -> str:
    return hashlib.sha256(record.raw.encode("utf-8", "surrogatepass")).hexdigest() if record.raw else ""


def _digest(path: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()
