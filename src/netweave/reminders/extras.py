"""Sections from nurture modules that may not be installed yet: upcoming celebrations and due follow-ups.

Each is read through `netweave.nurture.celebrations.upcoming(owner, today, days=14)` and
`netweave.nurture.followups.due(owner, today)`. When a module is absent, its section is None and the digest
and feed simply leave it out; an error inside a module that is present is not hidden.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date, datetime

CELEBRATIONS = "netweave.nurture.celebrations"
FOLLOWUPS = "netweave.nurture.followups"


@dataclass
class Extra:
    """One celebration or follow-up, in the few words a digest line or calendar event needs."""

    person_id: int | None
    display_name: str
    day: date | None
    text: str
    kind: str
    key: str


def _module(name: str):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise  # the module is there but something it needs is not: a real error


def _get(item, *names):
    for name in names:
        value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        if value not in (None, ""):
            return value
    return None


def _extra(item, kind: str) -> Extra:
    person = _get(item, "person")
    day = _get(item, "day", "date", "due", "due_on", "on", "when")
    if isinstance(day, datetime):
        day = day.date()
    name = _get(item, "display_name", "person_name", "name") or getattr(person, "display_name", "")
    person_id = _get(item, "person_id") or getattr(person, "pk", None)
    text = str(_get(item, "what", "text", "reason", "title", "summary", "note") or "")
    ident = _get(item, "key", "id", "pk")
    key = str(ident) if ident is not None else f"{person_id}:{day}:{text}"
    return Extra(person_id, str(name), day if isinstance(day, date) else None, text,
                 str(_get(item, "kind") or kind), key)


def celebrations(owner, today: date, days: int = 14) -> list[Extra] | None:
    module = _module(CELEBRATIONS)
    if module is None:
        return None
    return [_extra(item, "celebration") for item in module.upcoming(owner, today, days=days)]


def followups(owner, today: date) -> list[Extra] | None:
    module = _module(FOLLOWUPS)
    if module is None:
        return None
    return [_extra(item, "followup") for item in module.due(owner, today)]
