"""A person's complete state as JSON, to put back exactly later: how merges (and imports) are undone.

`capture(person)` reads the Person row and every row that belongs to them, with their ids (`capture_many` does
it for a batch); `restore(owner, state)` makes the database hold them again as captured. The state is plain
JSON (dates in ISO form), so it can sit in a JSONField:

    {"format": "netweave-person-state", "version": 1,
     "person":   {every column of the Person row, by attname: "id", "circle_id", "created_at", ...},
     "rows":     {"people.email.person": [{every column, "id" included}, ...], ...},
     "pointers": {"people.person.introduced_by": [ids of the rows pointing at them], ...}}

It follows the schema rather than a list: every table with a foreign key to Person is found through Django's
model metadata, so a table added later is captured without a change here.
- `rows` holds the tables whose rows die with the person (on_delete=CASCADE): emails, phones, URLs,
  addresses, field origins, affiliations, participations, ties from either side, tag links (the rows of
  Person.tags' through table) and dismissed duplicate pairs. Keys are "app.model.field".
- `pointers` holds the tables whose rows only point at the person (SET_NULL): the people they introduced,
  merges that kept them, imported records.

Restoring keeps the captured derived columns (current role, last contact, search text) as they were,
unless something they derive from is gone or moved since (an organisation, a tag or an interaction was
deleted, an interaction was moved in time); then they are recomputed as people.services does.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from datetime import date, datetime, time
from decimal import Decimal
from uuid import UUID

from django.db import models, transaction
from django.db.models import F
from django.db.models.fields.files import FieldFile

from netweave.core.errors import Invalid
from netweave.people.models import Person

FORMAT = "netweave-person-state"
VERSION = 1
CHUNK = 900  # ids per IN (...): under every SQLite's limit on query parameters

# Rows that record the user's decisions about a person rather than the person (a merge, "not the same
# person"): restored when gone, never removed by a restore, and not part of a fingerprint.
HISTORY = frozenset({"people.merge.kept", "people.duplicatedismissal.person_a", "people.duplicatedismissal.person_b"})
# Rows computed from others (a tie's strength and its history): they follow the interactions, so a fingerprint
# leaves them out, or every nightly recompute would look like an edit.
DERIVED = frozenset({"nurture.strength.person", "nurture.strengthpoint.person"})
# Columns that change without anyone changing the person: a fingerprint leaves them out.
VOLATILE = {
    "people.person": {"updated_at", "last_contact_at", "next_plan_at", "search_text"},
    "interactions.participation": {"occurred_at"},  # a copy of the interaction's time
}
NAMES = {"people.person_tags.person": "tags", "people.person.introduced_by": "people they introduced",
         "people.tie.person_a": "ties", "people.tie.person_b": "ties", "interactions.participation.person":
         "interactions", "people.fieldorigin.person": "where values came from"}


def _relations() -> list:
    """Every foreign key to Person from another row (hidden ones too: Person.tags' through table)."""
    found = [f for f in Person._meta.get_fields(include_hidden=True)
             if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one)]
    for rel in found:
        if rel.on_delete not in (models.CASCADE, models.SET_NULL):
            raise TypeError(f"{_key(rel)}: snapshots know CASCADE and SET_NULL, not {rel.on_delete.__name__}")
    return found


def relations() -> list:
    """Every foreign key to Person (see `_relations`), for code outside this module that must see them all."""
    return _relations()


def _key(rel) -> str:
    return f"{rel.related_model._meta.label_lower}.{rel.field.name}"


def _json(value):
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, (Decimal, UUID)):
        return str(value)
    return value


def _encode(obj: models.Model) -> dict:
    return {f.attname: _json(getattr(obj, f.attname)) for f in obj._meta.concrete_fields}


def _decode(model, row: dict) -> models.Model:
    values = {}
    for field in model._meta.concrete_fields:
        value = row.get(field.attname)
        if value is not None and not isinstance(field, (models.JSONField, models.FileField)):
            value = field.to_python(value)
        values[field.attname] = value
    return model(**values)


def capture(person: Person) -> dict:
    """Everything needed to put `person` back exactly as they are now (see the module's docstring)."""
    return capture_many([person.pk])[person.pk]


def capture_many(person_ids) -> dict[int, dict]:
    """The states of several people by id, in a few queries per table however many (an import's batch).
    Rows are read as stored, never from possibly stale objects."""
    ids = list(dict.fromkeys(person_ids))
    people = Person.objects.in_bulk(ids)
    if len(people) < len(ids):
        raise Person.DoesNotExist(f"no person with id {', '.join(str(i) for i in ids if i not in people)}")
    relations = _relations()
    states = {}
    for pid in ids:
        state = {"format": FORMAT, "version": VERSION, "person": _encode(people[pid]), "rows": {}, "pointers": {}}
        for rel in relations:
            state["rows" if rel.on_delete is models.CASCADE else "pointers"][_key(rel)] = []
        states[pid] = state
    for rel in relations:
        key, column = _key(rel), rel.field.attname
        for start in range(0, len(ids), CHUNK):
            qs = rel.related_model._base_manager.filter(**{f"{column}__in": ids[start:start + CHUNK]}).order_by("pk")
            if rel.on_delete is models.CASCADE:
                for obj in qs:
                    states[getattr(obj, column)]["rows"][key].append(_encode(obj))
            else:
                for pk, pid in qs.values_list("pk", column):
                    states[pid]["pointers"][key].append(pk)
    return states


@transaction.atomic
def restore(owner, state: dict) -> Person:
    """Put one person back exactly as captured: the same id (recreated if deleted), every captured row back
    by id (re-pointed if it moved to someone else), and their rows that were not captured removed."""
    return restore_many(owner, [state])[0]


@transaction.atomic
def restore_many(owner, states: list[dict]) -> list[Person]:
    """Restore several people captured at the same moment (both sides of a merge). They are restored
    together so that rows and pointers between them (a tie, "introduced by") find each other."""
    for state in states:
        _check(owner, state)
    ids = {s["person"]["id"] for s in states}
    relations = _relations()
    cascade = [r for r in relations if r.on_delete is models.CASCADE]
    touched: set[int] = set()  # people whose derived columns must be recomputed

    for state in states:
        _upsert(Person, [state["person"]], ids)
    # Rows that point at them and are in no state go; rows in some state are re-pointed below, not
    # deleted and recreated (which would take whatever depends on them along).
    captured = defaultdict(set)
    for state in states:
        for rel in cascade:
            pk = rel.related_model._meta.pk.attname
            captured[rel.related_model].update(row[pk] for row in state["rows"].get(_key(rel), []))
    for rel in cascade:
        if _key(rel) not in HISTORY:
            (rel.related_model._base_manager.filter(**{f"{rel.field.attname}__in": ids})
             .exclude(pk__in=captured[rel.related_model]).delete())
    for state in states:
        for rel in cascade:
            if _upsert(rel.related_model, state["rows"].get(_key(rel), []), ids):
                touched.add(state["person"]["id"])
    _restore_pointers(states, [r for r in relations if r.on_delete is models.SET_NULL])
    touched |= _resync_participations(ids)
    if touched:
        _recompute(touched)
    by_id = Person.objects.in_bulk(ids)
    return [by_id[s["person"]["id"]] for s in states]


def _check(owner, state: dict) -> None:
    if not isinstance(state, dict) or state.get("format") != FORMAT or state.get("version") != VERSION:
        raise Invalid({"state": "is not a person's state this version of netweave can restore"})
    rows = [state["person"], *(row for rs in state["rows"].values() for row in rs)]
    if any(row.get("owner_id", owner.pk) != owner.pk for row in rows):  # a through table's rows have no owner
        raise Invalid({"state": "belongs to another user"})
    if Person.objects.filter(pk=state["person"]["id"]).exclude(owner=owner).exists():
        raise Invalid({"state": "its id is another user's person"})


def _existing(model, ids) -> set:
    ids, found = list(ids), set()
    for start in range(0, len(ids), CHUNK):
        found.update(model._base_manager.filter(pk__in=ids[start:start + CHUNK]).values_list("pk", flat=True))
    return found


def _upsert(model, rows: list[dict], people: set[int]) -> bool:
    """Write each row by id, exactly as captured (raw saves keep auto_now columns), skipping rows already
    so. A reference to a row deleted since is handled as its deletion was: SET_NULL columns become null,
    rows that would have been deleted with it (CASCADE) are left out. Returns whether any were left out."""
    if not rows:
        return False
    keys = [f for f in model._meta.concrete_fields if f.many_to_one]
    wanted = defaultdict(set)
    for row in rows:
        for f in keys:
            if row.get(f.attname) is not None:
                wanted[f.related_model].add(row[f.attname])
    exists = {target: _existing(target, pks) | (people if target is Person else set())
              for target, pks in wanted.items()}
    pk = model._meta.pk.attname
    current = model._base_manager.in_bulk([row[pk] for row in rows])
    dropped = False
    for row in rows:
        row = dict(row)
        gone = [f for f in keys if row.get(f.attname) is not None and row[f.attname] not in exists[f.related_model]]
        if any(f.remote_field.on_delete is not models.SET_NULL for f in gone):
            dropped = True
            continue
        for f in gone:
            row[f.attname] = None
        if row[pk] in current and _encode(current[row[pk]]) == row:
            continue
        _decode(model, row).save_base(raw=True)
    return dropped


def _restore_pointers(states: list[dict], relations: list) -> None:
    for rel in relations:
        key, model, column = _key(rel), rel.related_model, rel.field.attname
        wanted = {pk for s in states for pk in s["pointers"].get(key, [])}
        if key not in HISTORY:
            ids = [s["person"]["id"] for s in states]
            model._base_manager.filter(**{f"{column}__in": ids}).exclude(pk__in=wanted).update(**{column: None})
        for state in states:
            pks = state["pointers"].get(key, [])
            for start in range(0, len(pks), CHUNK):
                # update(), not save(): pointing back at someone is not an edit of the row that points.
                model._base_manager.filter(pk__in=pks[start:start + CHUNK]).update(**{column: state["person"]["id"]})


def _resync_participations(ids) -> set[int]:
    """A participation repeats its interaction's time; an interaction moved since the capture wins."""
    from netweave.interactions.models import Participation

    stale = list(Participation.objects.filter(person_id__in=ids).exclude(occurred_at=F("interaction__occurred_at"))
                 .select_related("interaction"))
    for row in stale:
        row.occurred_at = row.interaction.occurred_at
    Participation.objects.bulk_update(stale, ["occurred_at"])
    return {row.person_id for row in stale}


def _recompute(ids) -> None:
    from netweave.people.services import refresh_current_role, refresh_last_contact, reindex

    for person in Person.objects.filter(pk__in=ids):
        refresh_current_role(person)
    refresh_last_contact(ids)
    reindex(ids)


def fingerprint(state: dict) -> dict[str, str]:
    """A short hash of each part of a state (each column, each table), leaving out what changes by itself,
    so two states can be compared (`changes`) without storing either again."""
    volatile = VOLATILE.get("people.person", set())
    parts = {f"person.{k}": v for k, v in state["person"].items() if k not in volatile}
    for key, rows in state["rows"].items():
        if key not in HISTORY and key not in DERIVED:
            skip = VOLATILE.get(key.rsplit(".", 1)[0], set())
            parts[key] = [{k: v for k, v in row.items() if k not in skip} for row in rows]
    for key, pks in state["pointers"].items():
        if key not in HISTORY and key not in DERIVED:
            parts[key] = sorted(pks)
    return {name: hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]
            for name, value in parts.items()}


def digest(state: dict) -> str:
    """One short hash of a whole fingerprint: enough to tell that a person changed, stored per person."""
    return hashlib.sha256(json.dumps(fingerprint(state), sort_keys=True).encode()).hexdigest()[:32]


def changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """What differs between two fingerprints, in words ("emails", "notes", "ties"), each named once."""
    return sorted({_describe(part) for part in set(before) | set(after) if before.get(part) != after.get(part)})


def _describe(part: str) -> str:
    if part.startswith("person."):
        column = part.removeprefix("person.")
        field = next((f for f in Person._meta.concrete_fields if f.attname == column), None)
        return str(field.verbose_name) if field is not None else column
    if part in NAMES:
        return NAMES[part]
    label = part.rsplit(".", 1)[0]
    try:
        from django.apps import apps

        return str(apps.get_model(label)._meta.verbose_name_plural)
    except LookupError:
        return label
