"""Reading a row id from what a surface was given (a URL part, a form field, a JSON value)."""

from __future__ import annotations

MAX_ID = 2**63  # ids are 64-bit signed integers; larger ones cannot exist and overflow the database


def parse_id(value) -> int | None:
    """The id `value` names, or None when it cannot name a row.

    Only an int or a string of ASCII digits counts: not "²" (which str.isdigit() accepts but int()
    refuses), not " 7", "+7" or "7.0", not True; and only 0 < id < 2**63.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.isascii() and value.isdigit():
        number = int(value)
    else:
        return None
    return number if 0 < number < MAX_ID else None
