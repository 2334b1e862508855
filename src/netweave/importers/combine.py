"""Folding two descriptions of one person together without losing a value: blanks are filled, lists are
joined, and a value that contradicts the one kept is saved under `extra["other_values"]`."""

from __future__ import annotations

from netweave.people import normalize
from netweave.people.validation import LIST_FIELDS, SCALAR_FIELDS, TAG_FIELDS

OTHER = "other_values"
NAME_FIELDS = ("display_name", "prefix", "given_name", "middle_name", "family_name", "suffix")


def item_key(field: str, item: dict) -> str:
    """The identity of a cleaned list item, as `people.services.value_key` sees the saved row."""
    if field == "emails":
        return normalize.email_key(item["address"])
    if field == "phones":
        return item.get("e164") or normalize.fold(item.get("raw") or item.get("number") or "")
    if field == "urls":
        return item.get("key") or normalize.url_key(item["url"])
    return normalize.fold(" ".join(item.get(p, "") for p in ("street", "locality", "postcode", "country")))


def note_other(extra: dict, field: str, value) -> None:
    if value in (None, "", [], {}):
        return
    values = extra.setdefault(OTHER, {}).setdefault(field, [])
    if value not in values:
        values.append(value)


def merge_extra(mine: dict, theirs: dict) -> dict:
    """Deep merge: dicts key by key, lists joined without repeats, and for two different plain values the
    newer (theirs) is kept, because extra holds a source's latest word about things we have no column for."""
    out = dict(mine)
    for key, value in theirs.items():
        if key not in out:
            out[key] = value
        elif isinstance(out[key], dict) and isinstance(value, dict):
            out[key] = merge_extra(out[key], value)
        elif isinstance(out[key], list) and isinstance(value, list):
            out[key] = out[key] + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


def combine(first: dict, second: dict) -> dict:
    """Two cleaned records of one person from the same file, as one."""
    out = dict(first)
    extra = merge_extra(first.get("extra") or {}, {k: v for k, v in (second.get("extra") or {}).items()})
    if not out.get("display_name") and second.get("display_name"):
        for field in NAME_FIELDS:
            out[field] = second.get(field, "")
    elif second.get("display_name") and normalize.fold(second["display_name"]) != normalize.fold(out["display_name"]):
        note_other(extra, "display_name", second["display_name"])
    for field in SCALAR_FIELDS:
        if field in NAME_FIELDS:
            continue
        mine, theirs = out.get(field, ""), second.get(field, "")
        if theirs and not mine:
            out[field] = theirs
        elif theirs and theirs != mine:
            note_other(extra, field, theirs)
    if second.get("birthday") and not out.get("birthday"):
        out["birthday"] = second["birthday"]
    elif second.get("birthday") and second["birthday"] != out.get("birthday"):
        note_other(extra, "birthday", list(second["birthday"]))
    for field in LIST_FIELDS:
        have = {item_key(field, item) for item in out.get(field, [])}
        out[field] = list(out.get(field, [])) + [i for i in second.get(field, []) if item_key(field, i) not in have]
    for field in TAG_FIELDS:
        have = {normalize.fold(t) for t in out.get(field, [])}
        out[field] = list(out.get(field, [])) + [t for t in second.get(field, []) if normalize.fold(t) not in have]
    if second.get("organisation") and not out.get("organisation"):
        out["organisation"], out["title"] = second["organisation"], second.get("title", "")
    elif second.get("organisation") and normalize.fold(second["organisation"]) != normalize.fold(out["organisation"]):
        note_other(extra, "organisation", {"organisation": second["organisation"], "title": second.get("title", "")})
    elif second.get("title") and not out.get("title"):
        out["title"] = second["title"]
    elif second.get("title") and normalize.fold(second["title"]) != normalize.fold(out["title"]):
        note_other(extra, "title", second["title"])
    out["extra"] = extra
    return out
