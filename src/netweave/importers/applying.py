"""Writing a plan: all of one file in one transaction, every change recorded so the import can be undone.

New people go through `people.bulk.create_people` (a 30,000-row export in seconds); people we already knew
go through `people.services.update_person`, one by one, after their state is captured for undo.
"""

from __future__ import annotations

import hashlib
import io

from django.db import connection, transaction

from netweave.core import clock
from netweave.core.errors import Invalid
from netweave.core.writer import Writer
from netweave.importers.matching import stored_key
from netweave.importers.models import ImportChange, ImportedRecord, ImportRun
from netweave.importers.planning import Plan, record_digest
from netweave.interactions.models import Interaction, Participation
from netweave.interactions.services import clean_interaction, external_key, log_interaction
from netweave.people.bulk import create_people
from netweave.people.models import Organisation, Person, Tag
from netweave.people.photos import save_photo
from netweave.people.services import new_origin, refresh_last_contact, update_person
from netweave.people.snapshots import capture, capture_many, digest

BATCH = 2000
Kind = ImportChange.Kind


@transaction.atomic
def apply_plan(owner, plan: Plan, *, source: str, seconds: float = 0.0) -> ImportRun:
    origin = new_origin(owner, "import", f"{plan.format}: {plan.filename}")
    run = ImportRun.objects.create(owner=owner, format=plan.format, filename=plan.filename[:300], sha256=plan.sha256,
                                   size=plan.size, origin=origin)
    tags_before = set(Tag.objects.filter(owner=owner).values_list("id", flat=True))
    changes: list[ImportChange] = []
    ids = _create_people(owner, plan, origin, run, changes)
    _update_people(owner, plan, origin, run, changes, ids)
    _photos(owner, plan, ids)
    writer = Writer(owner, clock.now())
    writer.insert(ImportedRecord, ("owner_id", "run_id", "person_id", "format", "where", "key", "raw", "digest"),
                  [(owner.pk, run.pk, ids[entry.target], plan.format, r.where[:200], stored_key(r.key), r.raw,
                    record_digest(r))
                   for entry in plan.people.values() for r in entry.records])
    _interactions(owner, plan, origin, run, changes, ids, source)
    changes += [ImportChange(owner=owner, run=run, kind=Kind.ORGANISATION_CREATED, object_id=pk)
                for pk in Organisation.objects.filter(owner=owner, origin=origin).values_list("id", flat=True)]
    changes += [ImportChange(owner=owner, run=run, kind=Kind.TAG_CREATED, object_id=pk)
                for pk in Tag.objects.filter(owner=owner).exclude(id__in=tags_before).values_list("id", flat=True)]
    _digests_after(changes)
    before = ImportChange._meta.get_field("before")
    writer.insert(ImportChange, ("owner_id", "run_id", "kind", "object_id", "before", "after"),
                  [(owner.pk, run.pk, c.kind, c.object_id, before.get_db_prep_save(c.before, connection), c.after)
                   for c in changes])
    run.counts, run.skips, run.warnings, run.seconds = plan.counts(), plan.skips, plan.warnings, round(seconds, 3)
    run.finished_at = clock.now()
    run.save(update_fields=["counts", "skips", "warnings", "seconds", "finished_at"])
    return run


def _digests_after(changes: list[ImportChange]) -> None:
    """How each person and interaction the import changed looks now, so undo can tell whether anything
    (a hand edit, a meeting logged, a tie, a later import) has touched them since. People it created are
    checked another way (undo.conflicts), because digesting 30,000 new people would double the import."""
    updated = [c for c in changes if c.kind == Kind.PERSON_UPDATED]
    for start in range(0, len(updated), 900):
        part = updated[start:start + 900]
        states = capture_many([c.object_id for c in part])
        for change in part:
            change.after = digest(states[change.object_id])
    interactions = [c for c in changes if c.kind in (Kind.INTERACTION_CREATED, Kind.INTERACTION_UPDATED)]
    found = interaction_digests([c.object_id for c in interactions])
    for change in interactions:
        change.after = found.get(change.object_id, "")


def interaction_digests(ids: list[int]) -> dict[int, str]:
    """A digest per interaction of what a user could change: its values and who took part."""
    out = {}
    for start in range(0, len(ids), 900):
        part = ids[start:start + 900]
        people: dict[int, list[int]] = {i: [] for i in part}
        for iid, pid in Participation.objects.filter(interaction_id__in=part).values_list("interaction_id", "person_id"):
            people[iid].append(pid)
        for row in Interaction.objects.filter(pk__in=part).values_list("id", "kind", "occurred_at", "summary", "notes",
                                                                       "initiated_by"):
            text = repr((*row[1:], sorted(people[row[0]])))
            out[row[0]] = hashlib.sha256(text.encode()).hexdigest()[:32]
    return out


def _create_people(owner, plan, origin, run, changes) -> dict[int, int]:
    entries = [e for e in plan.people.values() if e.action == "create"]
    new = create_people(owner, [e.data for e in entries], origin=origin)
    changes += [ImportChange(owner=owner, run=run, kind=Kind.PERSON_CREATED, object_id=pk) for pk in new]
    ids = {entry.target: pk for entry, pk in zip(entries, new)}
    ids.update({t: t for t, e in plan.people.items() if e.action != "create"})
    return ids


def _update_people(owner, plan, origin, run, changes, ids) -> None:
    for entry in plan.people.values():
        if entry.action != "update":
            continue
        person = Person.objects.get(owner=owner, pk=entry.target)
        changes.append(ImportChange(owner=owner, run=run, kind=Kind.PERSON_UPDATED, object_id=person.pk,
                                    before=capture(person)))
        if entry.update:
            try:
                update_person(person, entry.update, origin=origin, allow_duplicate=True)
            except Invalid as exc:
                raise Invalid({f"{entry.where}.{k}": v for k, v in exc.errors.items()}) from exc


def _photos(owner, plan, ids) -> None:
    for entry in plan.people.values():
        if not entry.photo:
            continue
        person = Person.objects.get(owner=owner, pk=ids[entry.target])
        if person.photo:
            continue
        try:
            save_photo(person, io.BytesIO(entry.photo))
            plan.photos_saved.append(person.photo.name)
        except Invalid as exc:
            plan.warn(entry.where, f"photo kept aside: {exc.errors.get('photo', exc)}")


def _interactions(owner, plan, origin, run, changes, ids, source) -> None:
    fresh: list[tuple[Interaction, list[int]]] = []
    touched: set[int] = set()
    for entry in plan.interactions:
        record = entry.record
        people = [ids[t] if t < 0 else t for t in entry.participants]
        touched.update(people)
        if entry.action == "create":
            cleaned = clean_interaction(owner, kind=record.kind, occurred_at=record.occurred_at, participants=None,
                                        initiated_by=record.initiated_by, summary=record.summary, notes=record.notes)
            fresh.append((Interaction(owner=owner, source=source, external_id=external_key(record.key), origin=origin,
                                      **cleaned), people))
        elif entry.action == "update":
            row = Interaction.objects.get(owner=owner, pk=entry.existing)
            changes.append(ImportChange(owner=owner, run=run, kind=Kind.INTERACTION_UPDATED, object_id=row.pk,
                                        before=interaction_state(row)))
            # Notes already there stay: they may be the user's own words (log_interaction keeps them when
            # given none).
            log_interaction(owner, kind=record.kind, occurred_at=record.occurred_at,
                            participants=list(Person.objects.filter(owner=owner, pk__in=people)),
                            summary=record.summary, notes="" if row.notes else record.notes,
                            initiated_by=record.initiated_by,
                            source=source, external_id=record.key, origin=origin)
    Interaction.objects.bulk_create([i for i, _ in fresh], batch_size=BATCH)
    Participation.objects.bulk_create(
        [Participation(owner=owner, interaction=i, person_id=pid, occurred_at=i.occurred_at)
         for i, people in fresh for pid in people],
        batch_size=BATCH,
    )
    changes += [ImportChange(owner=owner, run=run, kind=Kind.INTERACTION_CREATED, object_id=i.pk) for i, _ in fresh]
    touched = sorted(touched)
    for start in range(0, len(touched), 5000):
        refresh_last_contact(touched[start:start + 5000])


def interaction_state(row: Interaction) -> dict:
    """An interaction's own values and participants, to put back on undo."""
    return {"kind": row.kind, "occurred_at": row.occurred_at.isoformat(), "initiated_by": row.initiated_by,
            "summary": row.summary, "notes": row.notes, "origin_id": row.origin_id,
            "participants": sorted(row.participations.values_list("person_id", flat=True))}
