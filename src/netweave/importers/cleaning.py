"""Turn a record's raw values into what `clean_person` accepts, never losing one it refuses.

A value the model cannot hold (an email that is not one, a 31 February birthday, a title with no
organisation) is moved into `extra["unusable"]` with the reason, and reported as a warning: one bad
value must not cost a 5,000-card address book its import, and must not silently disappear either.
"""

from __future__ import annotations

import re

from netweave.core.errors import Invalid
from netweave.people.validation import clean_person

_ITEM = re.compile(r"^(\w+)\[(\d+)\]$")
UNUSABLE = "unusable"


def clean_record(owner, data: dict) -> tuple[dict | None, list[str]]:
    """(cleaned data, warnings), or (None, [why]) when nothing names the person at all."""
    data = {k: (list(v) if isinstance(v, list) else v) for k, v in data.items()}
    data["extra"] = dict(data.get("extra") or {})
    warnings: list[str] = []
    if data.get("title") and not data.get("organisation"):
        _set_aside(data, "title", data.pop("title"), "a title without an organisation", warnings)
    if not (data.get("display_name") or any(data.get(p) for p in ("given_name", "family_name", "nickname"))):
        fallback = _fallback_name(data)
        if not fallback:
            return None, ["no name, email, phone or organisation to know them by"]
        data["display_name"] = fallback
    for _ in range(64):  # each pass removes at least one refused value
        try:
            cleaned = clean_person(owner, data, partial=False)
        except Invalid as exc:
            if not _remove_refused(data, exc.errors, warnings):
                return None, [f"{field}: {why}" for field, why in exc.errors.items()]
            continue
        if cleaned.get("title") and not cleaned.get("organisation"):
            # The organisation was blank once cleaned, or set aside: the title cannot stand alone.
            _set_aside(data, "title", data.pop("title"), "a title without an organisation", warnings)
            continue
        return cleaned, warnings
    return None, ["too many unusable values"]


def _remove_refused(data: dict, errors: dict, warnings: list[str]) -> bool:
    removed = False
    # Highest positions first, so removing one item does not shift the next one named.
    for field, why in sorted(errors.items(), key=lambda kv: _position(kv[0]), reverse=True):
        item = _ITEM.match(field)
        if item and isinstance(data.get(item.group(1)), list):
            name, index = item.group(1), int(item.group(2))
            values = data[name]
            if index < len(values):
                _set_aside(data, name, values.pop(index), why, warnings)
                removed = True
        elif field in data and field not in ("display_name", "extra"):
            _set_aside(data, field, data.pop(field), why, warnings)
            removed = True
        elif field == "display_name" and data.get("display_name"):
            # Too long: keep the whole text aside, and a name that fits.
            _set_aside(data, field, data["display_name"], why, warnings)
            data["display_name"] = str(data["display_name"])[:200]
            for part in ("prefix", "given_name", "middle_name", "family_name", "suffix"):
                data.pop(part, None)
            removed = True
    return removed


def _position(field: str) -> tuple[str, int]:
    item = _ITEM.match(field)
    return (item.group(1), int(item.group(2))) if item else (field, -1)


def _set_aside(data: dict, field: str, value, why: str, warnings: list[str]) -> None:
    kept = data["extra"].setdefault(UNUSABLE, [])
    entry = {"field": field, "value": value, "why": why}
    if entry not in kept:  # a netweave export carries what was set aside; reading it back must not double it
        data["extra"][UNUSABLE] = [*kept, entry]
    warnings.append(f"{field} {_show(value)} kept aside: {why}")


def _show(value) -> str:
    if isinstance(value, dict):
        value = next((v for v in value.values() if v), "")
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _fallback_name(data: dict) -> str:
    """A name for a card that has none: the organisation, else the first email, else the first phone."""
    if data.get("organisation"):
        return str(data["organisation"])
    for field, main in (("emails", "address"), ("phones", "number")):
        for item in data.get(field) or []:
            value = item.get(main) if isinstance(item, dict) else item
            if value:
                return str(value)
    return ""
