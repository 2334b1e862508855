"""Creating many new people at once, for imports: the same rows `services.create_person` writes for each
new person, written in a few multi-row statements instead of a dozen queries per person.

`tests/test_bulk.py` holds the two paths to the same result, so they cannot drift apart.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import connection

from netweave.core import clock
from netweave.core.errors import Invalid
from netweave.core.models import Origin
from netweave.core.writer import Writer
from netweave.people import normalize
from netweave.people.models import Affiliation, FieldOrigin, Organisation, Person, Tag
from netweave.people.search import search_text_for
from netweave.people.services import VALUE_MODELS, get_or_create_organisation
from netweave.people.validation import SCALAR_FIELDS, TAG_FIELDS

PERSON_COLUMNS = ("owner_id", *SCALAR_FIELDS, "birthday_year", "birthday_month", "birthday_day", "extra",
                  "current_organisation_id", "current_title", "search_text")
VALUE_COLUMNS = {
    "emails": ("address", "key"), "phones": ("raw", "e164"), "urls": ("url", "key"),
    "addresses": ("street", "locality", "region", "postcode", "country", "po_box", "extended"),
}


def create_people(owner, people: list[dict], *, origin: Origin) -> list[int]:
    """Create one person per cleaned dict (the output of `clean_person(..., partial=False)`) and return their
    ids in order. Call it inside a transaction. Circles, introductions and events are not set here: no
    import has them, and a form that does goes through `create_person`."""
    for i, cleaned in enumerate(people):
        unsupported = [f for f in ("circle", "introduced_by", "met_at_event") if cleaned.get(f) is not None]
        if unsupported:
            raise Invalid({f"people[{i}].{unsupported[0]}": "is not set by a bulk create"})
        if cleaned.get("title") and not cleaned.get("organisation"):
            raise Invalid({f"people[{i}].title": "a title needs an organisation: say where they hold it"})
    if not people:
        return []
    orgs = _organisations(owner, people, origin)
    json_field = Person._meta.get_field("extra")
    rows, roles = [], []
    for cleaned in people:
        org = orgs.get(normalize.fold(cleaned.get("organisation") or ""))
        title = cleaned.get("title", "") if org else ""
        birthday = cleaned.get("birthday") or (None, None, None)
        names = [cleaned.get(f, "") for f in ("display_name", "nickname", "given_name", "middle_name", "family_name")]
        search = search_text_for(
            names=names,
            emails=[e["address"] for e in cleaned.get("emails", [])],
            phones=list(dict.fromkeys(p["e164"] or p["raw"] for p in cleaned.get("phones", []))),
            organisations=[org.name] if org else [],
            titles=[title],
            # In the order `reindex` reads them: tags sort by kind, then name.
            tags=[name for _, name in sorted((kind, name) for field, kind in TAG_FIELDS.items()
                                             for name in cleaned.get(field, []))],
            location=cleaned.get("location", ""),
        )
        rows.append((owner.pk, *[cleaned.get(f, "") for f in SCALAR_FIELDS], *birthday,
                     json_field.get_db_prep_save(cleaned.get("extra") or {}, connection),
                     org.pk if org else None, title, search))
        roles.append((org, title))
    writer = Writer(owner, clock.now())
    ids = writer.insert(Person, PERSON_COLUMNS, rows, ids=True)
    writer.insert(FieldOrigin, ("owner_id", "person_id", "field", "origin_id"),
                  [(owner.pk, pk, field, origin.pk) for pk, cleaned in zip(ids, people) for field in _set_fields(cleaned)])
    _values(writer, ids, people, origin)
    _tags(writer, ids, people)
    writer.insert(Affiliation, ("owner_id", "person_id", "organisation_id", "title", "origin_id"),
                  [(owner.pk, pk, org.pk, title, origin.pk) for pk, (org, title) in zip(ids, roles) if org is not None])
    return ids


def _set_fields(cleaned: dict) -> list[str]:
    """What `services._apply` records a FieldOrigin for on a new person: every field it set."""
    fields = [f for f in SCALAR_FIELDS if cleaned.get(f)]
    if cleaned.get("birthday"):
        fields.append("birthday")
    if "extra" in cleaned:
        fields.append("extra")
    return fields


def _organisations(owner, people: list[dict], origin: Origin) -> dict[str, Organisation]:
    names = {}
    for cleaned in people:
        name = cleaned.get("organisation") or ""
        if name:
            names.setdefault(normalize.fold(name), name)
    return {key: get_or_create_organisation(owner, name, origin=origin) for key, name in names.items()}


def _values(writer: Writer, ids: list[int], people: list[dict], origin: Origin) -> None:
    owner_id = writer.owner.pk
    for field, model in VALUE_MODELS.items():
        parts = VALUE_COLUMNS[field]
        rows = []
        for pk, cleaned in zip(ids, people):
            seen = set()
            for item in cleaned.get(field, []):
                key = _key(field, item)
                if key in seen:
                    continue  # one row per value, as services._sync_values keeps it
                seen.add(key)
                values = [item.get(p, "") for p in parts] if field != "emails" else [
                    item["address"], normalize.email_key(item["address"])]
                rows.append((owner_id, pk, origin.pk, item.get("label", ""), len(seen) - 1, *values))
        writer.insert(model, ("owner_id", "person_id", "origin_id", "label", "position", *parts), rows)


def _key(field: str, item: dict) -> str:
    """`services.value_key` for a cleaned item that is not a row yet."""
    if field == "emails":
        return normalize.email_key(item["address"])
    if field == "phones":
        return item["e164"] or normalize.fold(item["raw"])
    if field == "urls":
        return item["key"]
    return normalize.fold(" ".join([item["street"], item["locality"], item["postcode"], item["country"]]))


def _tags(writer: Writer, ids: list[int], people: list[dict]) -> None:
    wanted: dict[tuple[str, str], str] = {}
    for cleaned in people:
        for field, kind in TAG_FIELDS.items():
            for name in cleaned.get(field, []):
                wanted.setdefault((kind, normalize.fold(name)[:100]), name)
    if not wanted:
        return
    tags = {}
    for (kind, key), name in wanted.items():
        tags[(kind, key)], _ = Tag.objects.get_or_create(owner=writer.owner, kind=kind, key=key,
                                                         defaults={"name": name})
    links = defaultdict(set)
    for pk, cleaned in zip(ids, people):
        for field, kind in TAG_FIELDS.items():
            for name in cleaned.get(field, []):
                links[pk].add(tags[(kind, normalize.fold(name)[:100])].pk)
    writer.insert(Person.tags.through, ("person_id", "tag_id"),
                  [(pk, tid) for pk, tids in links.items() for tid in sorted(tids)])
