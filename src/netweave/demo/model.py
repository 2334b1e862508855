"""The plain objects a demo plan is made of (organisations, people), its time spans and its random helpers."""

from __future__ import annotations

import re
from datetime import timezone as dt_timezone
from itertools import accumulate
from random import Random
from typing import Callable

from netweave.people.normalize import fold

UTC = dt_timezone.utc
HISTORY_DAYS = 1095  # three years of regular contact
DORMANT_FROM, DORMANT_TO = 1100, 1460  # dormant ties: strong three to four years ago, silent since

Progress = Callable[[str, float], None]


class Org:
    """An organisation in the plan; `pattern` builds its work email addresses ("{g}.{f}")."""

    __slots__ = ("name", "key", "domain", "kind", "notes", "pattern", "city")

    def __init__(self, name, domain, kind, notes, pattern, city):
        self.name, self.key, self.domain, self.kind = name, fold(name), domain, kind
        self.notes, self.pattern, self.city = notes, pattern, city


class Person:
    """A person in the plan, filled in by the planners step by step; `idx` is their position in `people`."""

    __slots__ = (
        "idx", "culture", "female", "given", "middle", "family", "display", "nickname", "prefix", "pronouns",
        "birthday", "location", "city", "country", "function", "level", "affiliations", "emails", "phones", "urls",
        "tags", "circle", "profile", "known_days", "quiet_days", "met_how", "notes", "met_at_event",
        "introduced_by", "short", "current", "topics", "created_days",
    )


_ASCII_EXTRA = str.maketrans({"ı": "i", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def ascii_name(text: str) -> str:
    """A name as it appears in an email address or a URL: "Łukasz" -> "lukasz", "O'Brien" -> "obrien"."""
    return _NOT_ALNUM.sub("", fold(text).translate(_ASCII_EXTRA))


def weighted(rng: Random, items, cum) -> object:
    """One of `items`, drawn with cumulative weights `cum`."""
    return rng.choices(items, cum_weights=cum)[0]


def cumulative(weights) -> list[float]:
    """Running totals of `weights`, for `weighted`."""
    return list(accumulate(weights))

