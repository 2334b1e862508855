"""The people search: a folded text column per person, matched word by word.

It works the same on SQLite and PostgreSQL, and a scan of 30,000 short strings takes milliseconds.
Full-text search over notes and interactions is a later, separate index.
"""

from __future__ import annotations

import re

from django.db.models import QuerySet

from netweave.people.normalize import fold

_WORD = re.compile(r"[^\W_]+(?:[.@'+\-][^\W_]+)*", re.UNICODE)
MAX_TERMS = 8


def search_text_for(*, names, emails, phones, organisations, titles, tags, location) -> str:
    parts = [*names, *emails, *organisations, *titles, *tags, location]
    digits = [re.sub(r"\D", "", p) for p in phones]
    return " ".join(fold(p) for p in parts + digits if p)


def terms(query: str) -> list[str]:
    """The words of a query, folded; punctuation and operators are ignored rather than refused."""
    return [w for w in _WORD.findall(fold(query or ""))][:MAX_TERMS]


def filter_people(queryset: QuerySet, query: str) -> QuerySet:
    words = terms(query)
    if not words and (query or "").strip():
        return queryset.none()  # only punctuation ("%", "()"): nothing to match, so nobody, not everybody
    for term in words:
        digits = re.sub(r"\D", "", term)
        if digits and len(digits) >= 4 and len(digits) >= len(term) - 3:
            term = digits
        queryset = queryset.filter(search_text__contains=term)
    return queryset
