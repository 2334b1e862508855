"""Undoing an import as a unit: what it created goes, what it changed is put back as it was.

An undo never destroys later work silently: when a later import, a merge or a hand edit has touched the
same people since, it refuses and names them (`force=True` undoes anyway, putting back the earlier state).
"""

from __future__ import annotations

from datetime import datetime

from django.core.files.storage import default_storage
from django.db import transaction


from netweave.core import clock
from netweave.core.errors import Invalid
from netweave.importers.models import ImportChange, ImportRun
from netweave.interactions.models import Interaction, Participation
from netweave.importers.applying import interaction_digests
from netweave.people.models import Address, Affiliation, Email, FieldOrigin, Organisation, Person, Phone, Tag, Url
from netweave.people.services import refresh_last_contact, reindex
from netweave.people.snapshots import DERIVED, capture_many, digest, relations, restore

Kind = ImportChange.Kind


def conflicts(run: ImportRun) -> list[str]:
    """Why undoing `run` would destroy later work, in words; empty when nothing has touched what it changed."""
    owner = run.owner
    created = set(run.changes.filter(kind=Kind.PERSON_CREATED).values_list("object_id", flat=True))
    updated = dict(run.changes.filter(kind=Kind.PERSON_UPDATED).values_list("object_id", "after"))
    people = created | set(updated)
    reasons = []
    later_runs = (ImportChange.objects.filter(owner=owner, object_id__in=people,
                                              kind__in=[Kind.PERSON_CREATED, Kind.PERSON_UPDATED],
                                              run__created_at__gt=run.created_at, run__undone_at__isnull=True)
                  .exclude(run=run).values_list("run__filename", flat=True).distinct()) if people else []
    reasons += [f"the later import of {name} changed the same people; undo it first" for name in later_runs]
    touched = _changed_created(run, created) | _changed_updated(updated)
    if touched:
        names = list(Person.objects.filter(owner=owner, pk__in=touched).order_by("display_name")
                     .values_list("display_name", flat=True)[:5])
        more = f" and {len(touched) - len(names)} more" if len(touched) > len(names) else ""
        reasons.append(f"changed since the import: {', '.join(names)}{more}")
    gone = len(people) - Person.objects.filter(owner=owner, pk__in=people).count() if people else 0
    if gone:
        reasons.append(f"{gone} of the people it touched have been merged or deleted since")
    interactions = dict(run.changes.filter(kind__in=[Kind.INTERACTION_CREATED, Kind.INTERACTION_UPDATED])
                        .values_list("object_id", "after"))
    now = interaction_digests(list(interactions))
    edited = [pk for pk, after in interactions.items() if after and now.get(pk, after) != after]
    if edited:
        summaries = list(Interaction.objects.filter(pk__in=edited[:5]).values_list("summary", flat=True))
        reasons.append(f"{len(edited)} of its interactions were changed since: {'; '.join(summaries)}")
    return reasons


def _changed_updated(after: dict[int, str]) -> set[int]:
    ids = [pk for pk in after if after[pk]]
    changed = set()
    for start in range(0, len(ids), 900):
        part = [pk for pk in ids[start:start + 900] if Person.objects.filter(pk=pk).exists()]
        for pk, state in capture_many(part).items():
            if digest(state) != after[pk]:
                changed.add(pk)
    return changed


# What an import writes for a person it creates; a row of any other table that points at them was written
# by someone after the import (a meeting, a tie, a nudge), and deleting the person would take it along.
_WRITTEN_BY_IMPORT = {"people.email.person", "people.phone.person", "people.url.person", "people.address.person",
                      "people.affiliation.person", "people.fieldorigin.person", "people.person_tags.person",
                      "interactions.participation.person", "importers.importedrecord.person"}


def _changed_created(run: ImportRun, created: set[int]) -> set[int]:
    """Created people someone has touched since: edited, given values or roles by hand, linked, logged with."""
    if not created:
        return set()
    ids = sorted(created)
    changed = set()
    own = set(run.changes.filter(kind=Kind.INTERACTION_CREATED).values_list("object_id", flat=True))
    for start in range(0, len(ids), 900):
        part = ids[start:start + 900]
        changed |= set(Person.objects.filter(pk__in=part, updated_at__gt=run.finished_at or run.created_at)
                       .values_list("id", flat=True))
        for model in (Email, Phone, Url, Address, Affiliation, FieldOrigin):
            changed |= set(model.objects.filter(person_id__in=part).exclude(origin_id=run.origin_id)
                           .values_list("person_id", flat=True))
        changed |= set(Participation.objects.filter(person_id__in=part).exclude(interaction_id__in=own)
                       .values_list("person_id", flat=True))
        for rel in relations():
            key = f"{rel.related_model._meta.label_lower}.{rel.field.name}"
            if key in _WRITTEN_BY_IMPORT or key in DERIVED:
                continue
            changed |= set(rel.related_model._base_manager.filter(**{f"{rel.field.attname}__in": part})
                           .values_list(rel.field.attname, flat=True))
    return changed


@transaction.atomic
def undo_import(run: ImportRun, *, force: bool = False) -> ImportRun:
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    if run.undone:
        raise Invalid({"import": f"was already undone on {run.undone_at:%Y-%m-%d %H:%M}"})
    if not force:
        reasons = conflicts(run)
        if reasons:
            raise Invalid({"import": "; ".join(reasons)})
    owner = run.owner
    changes = {kind: list(run.changes.filter(kind=kind).order_by("id")) for kind in Kind.values}
    touched = [c.object_id for c in changes[Kind.PERSON_CREATED] + changes[Kind.PERSON_UPDATED]]
    photos_before = _photos(owner, touched)
    affected: set[int] = set()
    created_interactions = [c.object_id for c in changes[Kind.INTERACTION_CREATED]]
    for start in range(0, len(created_interactions), 5000):
        part = created_interactions[start:start + 5000]
        affected.update(Participation.objects.filter(interaction_id__in=part).values_list("person_id", flat=True))
        Interaction.objects.filter(owner=owner, pk__in=part).delete()
    for change in reversed(changes[Kind.INTERACTION_UPDATED]):
        affected.update(_restore_interaction(owner, change))
    for change in reversed(changes[Kind.PERSON_UPDATED]):
        restore(owner, change.before)
        affected.add(change.object_id)
    created = [c.object_id for c in changes[Kind.PERSON_CREATED]]
    for start in range(0, len(created), 5000):
        Person.objects.filter(owner=owner, pk__in=created[start:start + 5000]).delete()
    orgs = [c.object_id for c in changes[Kind.ORGANISATION_CREATED]]
    (Organisation.objects.filter(owner=owner, pk__in=orgs)
     .filter(affiliations__isnull=True, current_people__isnull=True).delete())
    tags = [c.object_id for c in changes[Kind.TAG_CREATED]]
    Tag.objects.filter(owner=owner, pk__in=tags, people__isnull=True).delete()
    survivors = sorted(Person.objects.filter(owner=owner, pk__in=affected).values_list("id", flat=True))
    for start in range(0, len(survivors), 5000):
        refresh_last_contact(survivors[start:start + 5000])
    reindex(survivors)
    run.undone_at = clock.now()
    run.save(update_fields=["undone_at"])
    unused = photos_before - set(Person.objects.filter(owner=owner).exclude(photo="").values_list("photo", flat=True))
    transaction.on_commit(lambda: [default_storage.delete(name) for name in unused])
    return run


def _photos(owner, ids: list[int]) -> set[str]:
    found = set()
    for start in range(0, len(ids), 900):
        found |= set(Person.objects.filter(owner=owner, pk__in=ids[start:start + 900]).exclude(photo="")
                     .values_list("photo", flat=True))
    return found


def _restore_interaction(owner, change: ImportChange) -> set[int]:
    row = Interaction.objects.filter(owner=owner, pk=change.object_id).first()
    if row is None:
        return set()
    state = change.before
    before = set(row.participations.values_list("person_id", flat=True))
    row.kind, row.summary, row.notes = state["kind"], state["summary"], state["notes"]
    row.initiated_by, row.origin_id = state["initiated_by"], state["origin_id"]
    row.occurred_at = datetime.fromisoformat(state["occurred_at"])
    row.save()
    wanted = set(state["participants"]) & set(Person.objects.filter(owner=owner, pk__in=state["participants"])
                                                .values_list("id", flat=True))
    row.participations.exclude(person_id__in=wanted).delete()
    row.participations.update(occurred_at=row.occurred_at)
    Participation.objects.bulk_create([Participation(owner=owner, interaction=row, person_id=pid, occurred_at=row.occurred_at)
                                       for pid in wanted - before])
    return before | wanted



