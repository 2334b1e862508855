"""Merging two records of one person into one, keeping every value of both."""

from __future__ import annotations

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from netweave.core import clock
from netweave.core.errors import Invalid
from netweave.core.models import Origin
from netweave.people.models import FieldOrigin, Merge, Person, Tie
from netweave.people.services import (
    VALUE_MODELS, refresh_current_role, refresh_last_contact, reindex, ties_of, value_key,
)
from netweave.people.snapshots import capture, changes, fingerprint, restore_many
from netweave.people.validation import SCALAR_FIELDS


def snapshot(person: Person) -> dict:
    """Everything about a person as plain data (the export's form, and their ties), taken before a merge
    removes them."""
    from netweave.exchange.export import person_record

    return {**person_record(person), "ties": [_tie_record(tie, person) for tie in ties_of(person).order_by("id")]}


def _tie_record(tie: Tie, person: Person) -> dict:
    """A tie as seen from `person`. direction: "out" when they are person_a of a directed kind (they mentor
    the other), "in" when the other is, "" for kinds without one."""
    other = tie.other(person)
    direction = "" if tie.kind not in Tie.DIRECTED else ("out" if tie.person_a_id == person.pk else "in")
    return {"kind": tie.kind, "other_id": other.pk, "other_name": other.display_name, "source": tie.source,
            "evidence": tie.evidence, "direction": direction}


@transaction.atomic
def merge_people(kept: Person, removed: Person, *, origin: Origin) -> Person:
    """Fold `removed` into `kept`: blanks are filled, conflicting values are kept under extra.merged,
    contact values, job history, interactions, tags and ties all move over. Then `removed` is deleted."""
    if kept.pk == removed.pk:
        raise Invalid({"removed": "cannot merge a person into themselves"})
    if kept.owner_id != removed.owner_id:
        raise Invalid({"removed": "no such person"})
    # Work from the rows as they are now: a stale object would write back an old archive flag or
    # last contact with kept.save(), and snapshot an old version of the removed record.
    kept.refresh_from_db()
    removed.refresh_from_db()
    merge = Merge.objects.create(
        owner=kept.owner, kept=kept, removed_id=removed.pk, removed_name=removed.display_name,
        snapshot=snapshot(removed),
    )
    # Captured once this row points at the kept person, so an undo leaves it pointing there.
    merge.kept_state, merge.removed_state = capture(kept), capture(removed)
    conflicts = {}
    filled = []
    for field in SCALAR_FIELDS:
        mine, theirs = getattr(kept, field), getattr(removed, field)
        if not theirs or mine == theirs:
            continue
        if field == "notes" and mine:
            kept.notes = f"{mine}\n\n— from {removed.display_name} (merged) —\n{theirs}"
            filled.append(field)
        elif not mine:
            setattr(kept, field, theirs)
            filled.append(field)
        else:
            conflicts[field] = theirs
    if removed.birthday_month and not kept.birthday_month:
        kept.birthday_year, kept.birthday_month, kept.birthday_day = (
            removed.birthday_year, removed.birthday_month, removed.birthday_day)
        filled.append("birthday")
    elif removed.birthday and removed.birthday != kept.birthday:
        conflicts["birthday"] = removed.birthday
    if kept.introduced_by_id == removed.pk:
        kept.introduced_by_id = None  # introduced by their own duplicate: after the merge, by themselves
    for field in ("circle", "introduced_by", "met_at_event"):
        if getattr(kept, f"{field}_id") is None and getattr(removed, f"{field}_id") not in (None, kept.pk):
            setattr(kept, f"{field}_id", getattr(removed, f"{field}_id"))
            filled.append(field)
    if removed.photo and not kept.photo:
        kept.photo = removed.photo
    extra = {k: v for k, v in kept.extra.items() if k != "merged"}
    other_extra = {}
    for key, value in removed.extra.items():
        if key == "merged":
            continue
        if key not in extra:
            extra[key] = value
        elif extra[key] != value:
            other_extra[key] = value
    if other_extra:
        conflicts["extra"] = other_extra
    # A tie between the two records cannot survive the merge (nobody is tied to themselves); what was said
    # about it can. _move_ties deletes these.
    between = [{"kind": t.kind, "source": t.source, "evidence": t.evidence}
               for t in ties_of(removed).filter(Q(person_a=kept) | Q(person_b=kept)).order_by("id") if t.evidence]
    if between:
        conflicts["ties"] = between
    history = _history(kept.extra.get("merged")) + _history(removed.extra.get("merged"))
    if conflicts:
        history.append({"from": removed.display_name, **conflicts})
    if history:
        extra["merged"] = history
    kept.extra = extra
    kept.save()
    for field in filled:
        FieldOrigin.objects.update_or_create(person=kept, field=field, defaults={"origin": origin, "owner": kept.owner})

    _move_values(kept, removed)
    kept.tags.add(*removed.tags.all())
    removed.affiliations.update(person=kept)
    _move_participations(kept, removed)
    _move_ties(kept, removed)
    Person.objects.filter(introduced_by=removed).exclude(pk=kept.pk).update(introduced_by=kept)
    _follow(kept, removed)
    from netweave.givefirst.services import follow_merge  # their ledger, asks, offers and introductions

    follow_merge(kept, removed)
    removed.delete()

    refresh_current_role(kept)
    refresh_last_contact([kept.pk])
    reindex([kept.pk])
    merge.kept_after = fingerprint(capture(kept))
    merge.save(update_fields=["kept_state", "removed_state", "kept_after"])
    kept.refresh_from_db()
    return kept


@transaction.atomic
def undo_merge(merge: Merge) -> tuple[Person, Person]:
    """Put both people back exactly as they were before the merge: the removed one with the same id and
    everything it held, the kept one without what it gained. Returns (kept, removed).

    Refused (Invalid, naming "merge") when there is nothing to restore or when restoring would throw away
    what happened since: the kept person was edited, linked, logged with, merged again or deleted."""
    merge = Merge.objects.select_for_update().get(pk=merge.pk)
    kept_id = merge.kept_state["person"]["id"] if merge.kept_state else None
    why = _why_not_undo(merge, kept_id)
    if why:
        raise Invalid({"merge": why})
    kept, removed = restore_many(merge.owner, [merge.kept_state, merge.removed_state])
    merge.undone_at = clock.now()
    merge.save(update_fields=["undone_at"])
    return kept, removed


def _why_not_undo(merge: Merge, kept_id: int | None) -> str | None:
    if merge.undone_at is not None:
        return f"this merge was already undone, on {merge.undone_at:%Y-%m-%d %H:%M}"
    if kept_id is None or not merge.removed_state or not merge.kept_after:
        return ("this merge was made before merges could be undone; what the removed record held is kept in "
                "its snapshot")
    later = Merge.objects.filter(owner=merge.owner, pk__gt=merge.pk, undone_at__isnull=True)
    kept = Person.objects.filter(owner=merge.owner, pk=kept_id).first()
    name = merge.kept_state["person"]["display_name"]
    if kept is None:
        gone = later.filter(removed_id=kept_id).first()
        if gone is not None:
            return (f"{name} was merged into {gone.kept or 'someone since deleted'} afterwards (merge {gone.pk}); "
                    f"undo that merge first")
        return f"{name} has been deleted since the merge"
    if Person.objects.filter(pk=merge.removed_id).exists():
        return f"a person with the removed record's id ({merge.removed_id}) exists again"
    absorbed = later.filter(kept_id=kept_id).first()
    if absorbed is not None:
        return (f"{name} absorbed {absorbed.removed_name} afterwards (merge {absorbed.pk}); undo that merge first")
    changed = changes(merge.kept_after, fingerprint(capture(kept)))
    if changed:
        return (f"{kept.display_name} has changed since the merge ({', '.join(changed)}); undoing it would "
                f"lose those changes")
    return None


def _follow(kept: Person, removed: Person) -> None:
    """Rows elsewhere that are records *of* the person (an imported card says whom it became) move to the kept
    person, so the next import of that file finds them; their model says so with FOLLOWS_MERGES."""
    for rel in Person._meta.related_objects:
        if getattr(rel.related_model, "FOLLOWS_MERGES", False):
            rel.related_model.objects.filter(**{rel.field.name: removed}).update(**{rel.field.name: kept})


def _history(value) -> list:
    """Earlier merges' conflicting values, as a list whatever an import left there."""
    if value in (None, "", [], {}):
        return []
    return list(value) if isinstance(value, list) else [value]


def _move_values(kept: Person, removed: Person) -> None:
    for field, model in VALUE_MODELS.items():
        have = {value_key(field, row) for row in model.objects.filter(person=kept)}
        offset = len(have)
        for row in model.objects.filter(person=removed):
            if value_key(field, row) in have:
                continue
            row.person, row.position = kept, offset + row.position
            row.save(update_fields=["person", "position"])


def _move_participations(kept: Person, removed: Person) -> None:
    from netweave.interactions.models import Participation

    shared = Participation.objects.filter(person=kept).values("interaction_id")
    Participation.objects.filter(person=removed, interaction_id__in=shared).delete()
    Participation.objects.filter(person=removed).update(person=kept)


def _move_ties(kept: Person, removed: Person) -> None:
    for tie in Tie.objects.filter(person_a=removed) | Tie.objects.filter(person_b=removed):
        a = kept if tie.person_a_id == removed.pk else tie.person_a
        b = kept if tie.person_b_id == removed.pk else tie.person_b
        if a.pk == b.pk:
            tie.delete()
            continue
        if tie.kind not in Tie.DIRECTED and a.pk > b.pk:
            a, b = b, a
        same = Tie.objects.filter(owner=kept.owner, person_a=a, person_b=b, kind=tie.kind).exclude(pk=tie.pk).first()
        if same is not None:
            if tie.evidence and tie.evidence not in same.evidence:
                same.evidence = f"{same.evidence}\n{tie.evidence}".strip()  # the duplicate goes, its evidence stays
                same.save(update_fields=["evidence"])
            tie.delete()
            continue
        tie.person_a, tie.person_b = a, b
        tie.save(update_fields=["person_a", "person_b"])


@transaction.atomic
def add_details_to(existing: Person, data: dict, *, origin: Origin) -> Person:
    """The answer to "is this the same person?": fold newly entered details into someone we know,
    keeping every value of both (a merge), then treat a new organisation as a job change."""
    from netweave.people.services import create_person, update_person

    job = {k: v for k, v in data.items() if k in ("organisation", "title")}
    data = {k: v for k, v in data.items() if k not in job}
    newcomer = create_person(existing.owner, data, origin=origin, allow_duplicate=True)
    person = merge_people(existing, newcomer, origin=origin)
    if job.get("organisation"):
        person = update_person(person, job, origin=origin)
    return person


def recent_merges(owner) -> QuerySet:
    """The owner's merges, newest first, without their large state columns. `can_undo` is False for merges
    already undone or made before undo existed; an undo may still be refused if the kept person changed."""
    can_undo = ExpressionWrapper(Q(kept_state__isnull=False, undone_at__isnull=True), output_field=BooleanField())
    return (Merge.objects.filter(owner=owner).select_related("kept")
            .defer("snapshot", "kept_state", "removed_state", "kept_after")
            .annotate(can_undo=can_undo).order_by("-created_at", "-id"))
