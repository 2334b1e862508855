"""What a record changes about someone we already know.

Rules, in the order a user would ask about them:
- New emails, phones, profiles, addresses and tags are added; nothing is ever removed.
- A blank field is filled. A field that differs is replaced only when an earlier import of the same
  source wrote it (a newer export is the source's newer word); a value the user typed, or another source
  gave, stays, and the imported one is saved under `extra["other_values"]`.
- A company they have not worked at is a job change; a new title at their company is a new role. A
  company or title already in their past is an old record, not a move back, and changes nothing.
"""

from __future__ import annotations

from netweave.importers.combine import NAME_FIELDS, item_key, merge_extra, note_other
from netweave.people import normalize
from netweave.people.models import Person
from netweave.people.validation import LIST_FIELDS, SCALAR_FIELDS, TAG_FIELDS


def load_people(owner, ids) -> dict[int, Person]:
    ids = list(ids)
    out = {}
    for start in range(0, len(ids), 1000):
        for person in (Person.objects.filter(owner=owner, pk__in=ids[start:start + 1000])
                       .select_related("current_organisation")
                       .prefetch_related("emails", "phones", "urls", "addresses", "tags",
                                         "affiliations__organisation", "field_origins__origin")):
            out[person.pk] = person
    return out


def _as_input(field: str, row) -> dict:
    if field == "emails":
        return {"address": row.address, "label": row.label}
    if field == "phones":
        return {"number": row.raw, "label": row.label}
    if field == "urls":
        return {"url": row.url, "label": row.label}
    return {p: getattr(row, p) for p in ("street", "locality", "region", "postcode", "country", "po_box",
                                         "extended", "label")}


def _row_key(field: str, row) -> str:
    if field == "emails":
        return row.key
    if field == "phones":
        return row.e164 or normalize.fold(row.raw)
    if field == "urls":
        return row.key or normalize.url_key(row.url)
    return normalize.fold(" ".join([row.street, row.locality, row.postcode, row.country]))


def update_for(person: Person, incoming: dict, format: str) -> tuple[dict, list[str]]:
    """(the data to pass `update_person`, the changes in words); an empty dict means nothing changes."""
    ours = {fo.field for fo in person.field_origins.all()
            if fo.origin.kind == "import" and fo.origin.label.startswith(f"{format}:")}
    data: dict = {}
    said: list[str] = []
    extra = merge_extra({}, incoming.get("extra") or {})

    theirs_name = incoming.get("display_name", "")
    if theirs_name and normalize.fold(theirs_name) != normalize.fold(person.display_name):
        if "display_name" in ours:
            data.update({f: incoming.get(f, "") for f in NAME_FIELDS})
            said.append(f"name {person.display_name!r} → {theirs_name!r}")
        else:
            note_other(extra, "display_name", theirs_name)
    elif theirs_name:
        # The same name: parts we lack (a middle name, a title, a suffix) fill in; different ones are kept aside.
        for field in NAME_FIELDS[1:]:
            mine, theirs = getattr(person, field), incoming.get(field, "")
            if theirs and not mine:
                data[field] = theirs
                said.append(f"{field.replace('_', ' ')} set")
            elif theirs and normalize.fold(theirs) != normalize.fold(mine):
                note_other(extra, field, theirs)
    for field in SCALAR_FIELDS:
        if field in NAME_FIELDS:
            continue
        mine, theirs = getattr(person, field), incoming.get(field, "")
        if not theirs or theirs == mine:
            continue
        if not mine or field in ours:
            data[field] = theirs
            said.append(f"{field.replace('_', ' ')} set" if not mine else f"{field.replace('_', ' ')} updated")
        else:
            note_other(extra, field, theirs)

    _birthday(person, incoming.get("birthday"), ours, data, said, extra)
    for field in LIST_FIELDS:
        rows = list(getattr(person, field).all())
        have = {_row_key(field, row) for row in rows}
        new = [item for item in incoming.get(field, []) if item_key(field, item) not in have]
        if new:
            data[field] = [_as_input(field, row) for row in rows] + [_input_item(field, i) for i in new]
            said += [f"{field[:-1]} {_show(field, i)} added" for i in new]
    tags = person.tags_by_kind()
    for field, kind in TAG_FIELDS.items():
        have = {normalize.fold(t) for t in tags.get(kind, [])}
        new = [t for t in incoming.get(field, []) if normalize.fold(t) not in have]
        if new:
            data[field] = tags.get(kind, []) + new
            said.append(f"{field} {', '.join(new)} added")
    _job(person, incoming, data, said, extra)

    merged = merge_extra(person.extra, extra)
    if merged != person.extra:
        data["extra"] = merged
        if not said:
            said.append("kept details updated")
    return data, said


def _birthday(person: Person, theirs, ours: set, data: dict, said: list, extra: dict) -> None:
    if not theirs:
        return
    mine = (person.birthday_year, person.birthday_month, person.birthday_day)
    if tuple(theirs) == mine:
        return
    year, month, day = theirs
    text = f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    same_day_more_year = mine[1:] == (month, day) and year and not mine[0]
    if not mine[1] or same_day_more_year or "birthday" in ours:
        if mine[1:] == (month, day) and mine[0] and not year:
            return  # they gave the day without the year we already know
        data["birthday"] = text
        said.append(f"birthday {text}")
    elif not (mine[1:] == (month, day) and not year):
        note_other(extra, "birthday", text)


def _job(person: Person, incoming: dict, data: dict, said: list, extra: dict) -> None:
    org, title = incoming.get("organisation", ""), incoming.get("title", "")
    if not org:
        return
    key = normalize.fold(org)
    current = person.current_organisation
    past = {}
    for role in person.affiliations.all():
        past.setdefault(normalize.fold(role.organisation.name), set()).add(normalize.fold(role.title))
    if current is not None and normalize.fold(current.name) == key:
        if title and normalize.fold(title) != normalize.fold(person.current_title):
            if normalize.fold(title) in past.get(key, set()):
                note_other(extra, "title", title)  # a title they held there before: an old record
            else:
                data["organisation"], data["title"] = current.name, title
                said.append(f"new role: {title} (was {person.current_title or 'no title'})")
        return
    if key in past:
        note_other(extra, "organisation", {"organisation": org, "title": title})
        return
    data["organisation"], data["title"] = org, title
    was = f" (was {current.name})" if current else ""
    said.append(f"new job: {title + ' at ' if title else ''}{org}{was}")


def _input_item(field: str, item: dict) -> dict:
    if field == "phones":
        return {"number": item.get("raw") or item.get("number", ""), "label": item.get("label", "")}
    if field == "urls":
        return {"url": item["url"], "label": item.get("label", "")}
    return {k: v for k, v in item.items() if k != "key"}


def _show(field: str, item: dict) -> str:
    if field == "emails":
        return item["address"]
    if field == "phones":
        return item.get("e164") or item.get("raw", "")
    if field == "urls":
        return item["url"]
    return ", ".join(v for k, v in item.items() if v and k != "label")
