"""What a search backend does: keep one index per source current inside the database, and find candidates.

Both backends index three weighted groups per row (title, keys, body) and look chunks up as prefixes, all
of them required. Candidates come newest first, at most `limit`, each with the backend's own relevance
(higher is better); queries.py ranks them across kinds in Python, the same way on both databases.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from netweave.search.sources import Source

# The database-side text of a group is cut here: PostgreSQL refuses a tsvector over 1 MB, and a word
# past the first 100,000 characters of a mail body finds nothing the start of it would not.
MAX_GROUP_CHARS = 100_000


@dataclass(frozen=True)
class Prepared:
    """A query made ready for one backend: what it looks up in small tables, and in big ones (as prefixes,
    and as whole words first)."""

    small: object
    big: object
    title_small: object = None
    title_big: object = None
    big_exact: object = None


class Backend:
    vendor = ""

    def install(self, execute, source: Source) -> None:
        """Create the index of `source`, the triggers that keep it, and fill it from the table."""
        raise NotImplementedError

    def uninstall(self, execute, source: Source) -> None:
        raise NotImplementedError

    def rebuild(self, execute, source: Source) -> None:
        """Empty the index of `source` and fill it again from the table (after a restore, or to repair)."""
        raise NotImplementedError

    def prepare(self, chunks: list[str], big_chunks: list[str]) -> Prepared:
        raise NotImplementedError

    def candidates(self, source: Source, owner_id: int, prepared: Prepared, *, limit: int,
                   title_only: bool = False) -> list[tuple[int, float]]:
        """[(object id, relevance)] newest first: rows of the owner's that hold every chunk.

        In a big table the whole words are looked up first: "with" as a prefix gathers "within", "without"
        and more from a million rows before the first row comes back, while the word alone streams. Only
        when the whole words fill fewer than `limit` are they looked up as prefixes."""
        if title_only:
            query = prepared.title_small if source.small else prepared.title_big
        else:
            query = prepared.small if source.small else prepared.big
        if query is None:
            return []
        if not source.small and not title_only and prepared.big_exact not in (None, query):
            found = self.lookup(source, owner_id, prepared.big_exact, limit)
            if len(found) >= limit:
                return found
        return self.lookup(source, owner_id, query, limit, title_only=title_only)

    def candidates_of(self, chosen: list[Source], owner_id: int, prepared: Prepared, *,
                      limits: dict[str, int]) -> dict[str, list[tuple[int, float]]]:
        """`candidates` of several sources at once, by kind; a backend may answer in fewer round trips."""
        return {s.kind: self.candidates(s, owner_id, prepared, limit=limits[s.kind]) for s in chosen}

    def lookup(self, source: Source, owner_id: int, query, limit: int,
               title_only: bool = False) -> list[tuple[int, float]]:
        """[(object id, relevance)], newest first, of the owner's rows matching a prepared query."""
        raise NotImplementedError

    def count(self, source: Source, owner_id: int, prepared: Prepared, *, cap: int) -> int:
        """How many rows match, counting no further than `cap`."""
        raise NotImplementedError


def columns(source: Source, names: tuple[str, ...]) -> list[str]:
    """The database columns behind a source's field names."""
    model = source.get_model()
    return [model._meta.get_field(n).column for n in names]


def table(source: Source) -> str:
    return source.get_model()._meta.db_table


def quoted(qn, source: Source) -> dict:
    """Names a backend's SQL needs, quoted: the table, id, owner, and each group's columns."""
    return {
        "table": qn(table(source)),
        "id": qn(source.get_model()._meta.pk.column),
        "owner": qn("owner_id"),
        "title": [qn(c) for c in columns(source, source.title)],
        "keys": [qn(c) for c in columns(source, source.keys)],
        "body": [qn(c) for c in columns(source, source.body)],
    }
