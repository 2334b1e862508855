"""Partial changes to one row, checked as a whole like a new row."""

from __future__ import annotations

from netweave.core.errors import Invalid


def proposed(row, fields: dict, allowed) -> dict:
    """The row's `allowed` values with `fields` applied, for the service to check as a whole; a field outside
    `allowed` is refused by name, so a typo in an API body or a caller is never silently ignored."""
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise Invalid({name: "cannot be changed here" for name in unknown})
    values = {name: getattr(row, name) for name in allowed}
    values.update(fields)
    return values
