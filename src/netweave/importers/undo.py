"""Undoing an import as a unit: what it created goes, what it changed is put back as it was.

An undo never destroys later work silently: when a later import, a merge or a hand edit has touched the
same people since, it refuses and names them (`force=True` undoes anyway, putting back the earlier state).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction


from netweave.core import clock
from netweave.core.errors import Invalid
from netweave.importers.models import ImportChange, ImportRun
from netweave.interactions.models import Interaction, Participation
from netweave.people.models import Organisation, Person, Tag
from netweave.people.services import refresh_last_contact, reindex
from netweave.people.snapshots import restore

Kind = ImportChange.Kind


def conflicts(run: ImportRun) -> list[str]:
    """Why undoing `run` would destroy later work: people changed since by hand, by a merge or a later import."""
    people = set(run.changes.filter(kind__in=[Kind.PERSON_CREATED, Kind.PERSON_UPDATED]).values_list("object_id", flat=True))
    if not people:
        return []
    later_runs = (ImportChange.objects.filter(owner=run.owner, object_id__in=people,
                                              kind__in=[Kind.PERSON_CREATED, Kind.PERSON_UPDATED],
                                              run__created_at__gt=run.created_at, run__undone_at__isnull=True)
                  .exclude(run=run).values_list("run__filename", flat=True).distinct())
    reasons = [f"the later import of {name} changed the same people; undo it first" for name in later_runs]
    edited = Person.objects.filter(owner=run.owner, pk__in=people, updated_at__gt=run.finished_at or run.created_at
                                   ).values_list("display_name", flat=True)[:5]
    if edited:
        reasons.append("changed since the import: " + ", ".join(edited))
    gone = len(people) - Person.objects.filter(owner=run.owner, pk__in=people).count()
    if gone:
        reasons.append(f"{gone} of the people it touched have been merged or deleted since")
    return reasons


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
    return run


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



