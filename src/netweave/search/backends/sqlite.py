"""SQLite: one contentless FTS5 table per source, kept by triggers on the source's table.

Contentless (content=''), because snippets are made in Python from the rows themselves: the index holds
only tokens, not a second copy of a million interactions. Deleting from a contentless table needs the
values that were indexed, which the triggers recompute from OLD with the same expressions.

The unicode61 tokenizer with remove_diacritics 2 folds case and accents ("Zoë" = "zoe"); the few letters
it keeps (ł, ø, ß, æ, ...) are spelled out by replace() in the triggers, and by terms.spell_out in queries.
Rows are read newest first (highest id) and joined to their table for the owner. bm25 ranks only the
small tables: it counts every row holding each word, a scan of the index for a common word among a
million interactions, which are ordered by the Python score instead (queries.py).
"""

from __future__ import annotations

from django.db import connection

from netweave.search import terms
from netweave.search.backends.base import MAX_GROUP_CHARS, Backend, Prepared, quoted
from netweave.search.sources import Source
from netweave.search.terms import SPECIAL_LETTERS, spell_out

TOKENIZER = "unicode61 remove_diacritics 2"
BM25 = "10, 4, 1"  # title, keys, body: a name counts ten times a word in the notes
COLUMNS = "rowid, title, keys, body"


def fts(source: Source) -> str:
    return f"search_fts_{source.kind}"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _fold(expr: str) -> str:
    for letter, spelled in SPECIAL_LETTERS.items():
        expr = f"replace({expr}, {_literal(letter)}, {_literal(spelled)})"
    return expr


def _group(alias: str, cols: list[str], spell: bool) -> str:
    if not cols:
        return "''"
    joined = " || ' ' || ".join(f"coalesce({alias}.{c}, '')" for c in cols)
    joined = f"substr({joined}, 1, {MAX_GROUP_CHARS})"
    return _fold(joined) if spell else joined


def _values(alias: str, q: dict) -> str:
    # Only titles and keys get the special letters spelled out: twenty replace() calls per row cost a third
    # of an interaction's insert when its notes go through them too. Notes keep "ł"; queries look both up.
    return (f"{alias}.{q['id']}, {_group(alias, q['title'], True)}, {_group(alias, q['keys'], True)}, "
            f"{_group(alias, q['body'], False)}")


def _quote(text: str, star: str) -> str:
    return '"' + text.replace('"', '""') + '"' + star


def _phrase(chunk: str, big: bool, prefix: bool) -> str:
    star = "*" if prefix and terms.as_prefix(chunk, big) else ""
    spelled = spell_out(chunk)
    if spelled == chunk:
        return _quote(chunk, star)
    return f"({_quote(spelled, star)} OR {_quote(chunk, star)})"  # "Łódź" in titles as "lodz", in notes as is


def _expr(parts: list[str], cols: str, big: bool, prefix: bool = True) -> str | None:
    return "{" + cols + "} : (" + " AND ".join(_phrase(p, big, prefix) for p in parts) + ")" if parts else None


class SQLiteBackend(Backend):
    vendor = "sqlite"

    def install(self, execute, source: Source) -> None:
        q = quoted(connection.ops.quote_name, source)
        name = fts(source)
        prefix = ", prefix='1 2'" if source.small else ""  # one- and two-letter queries read names at once
        execute(f"CREATE VIRTUAL TABLE {name} USING fts5(title, keys, body, content='', "
                f"tokenize='{TOKENIZER}'{prefix})")
        execute(f"CREATE TRIGGER {name}_insert AFTER INSERT ON {q['table']} BEGIN "
                f"INSERT INTO {name}({COLUMNS}) VALUES ({_values('new', q)}); END")
        execute(f"CREATE TRIGGER {name}_delete AFTER DELETE ON {q['table']} BEGIN "
                f"INSERT INTO {name}({name}, {COLUMNS}) VALUES ('delete', {_values('old', q)}); END")
        watched = [*q["title"], *q["keys"], *q["body"]]
        changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in watched)
        execute(f"CREATE TRIGGER {name}_update AFTER UPDATE OF {', '.join(watched)} ON {q['table']} "
                f"WHEN {changed} BEGIN "
                f"INSERT INTO {name}({name}, {COLUMNS}) VALUES ('delete', {_values('old', q)}); "
                f"INSERT INTO {name}({COLUMNS}) VALUES ({_values('new', q)}); END")
        self._fill(execute, source, q)

    def _fill(self, execute, source: Source, q: dict) -> None:
        execute(f"INSERT INTO {fts(source)}({COLUMNS}) SELECT {_values('s', q)} FROM {q['table']} s")

    def uninstall(self, execute, source: Source) -> None:
        name = fts(source)
        for suffix in ("insert", "delete", "update"):
            execute(f"DROP TRIGGER IF EXISTS {name}_{suffix}")
        execute(f"DROP TABLE IF EXISTS {name}")

    def rebuild(self, execute, source: Source) -> None:
        execute(f"INSERT INTO {fts(source)}({fts(source)}) VALUES ('delete-all')")
        self._fill(execute, source, quoted(connection.ops.quote_name, source))

    def prepare(self, chunks: list[str], big_chunks: list[str]) -> Prepared:
        every = "title keys body"
        return Prepared(small=_expr(chunks, every, False), big=_expr(big_chunks, every, True),
                        title_small=_expr(chunks, "title", False), title_big=_expr(big_chunks, "title", True),
                        big_exact=_expr(big_chunks, every, True, prefix=False))

    def _from(self, source: Source) -> str:
        name = fts(source)
        q = quoted(connection.ops.quote_name, source)
        visible = f" AND ({source.visible})" if source.visible else ""
        return (f"{name} JOIN {q['table']} s ON s.{q['id']} = {name}.rowid "
                f"WHERE {name} MATCH %s AND s.{q['owner']} = %s{visible}")

    def lookup(self, source, owner_id, match, limit, title_only=False):
        # A title-only match carries its column filter ({title}) in `match` itself.
        if not self._owns_any(source, owner_id):
            return []
        name = fts(source)
        rank = f"-bm25({name}, {BM25})" if source.small else "0"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {name}.rowid, {rank} FROM {self._from(source)} ORDER BY {name}.rowid DESC "
                           f"LIMIT %s", [match, owner_id, limit])
            return [(int(i), float(r)) for i, r in cursor.fetchall()]

    def _owns_any(self, source: Source, owner_id: int) -> bool:
        """Whether the owner has any row of the source: if not, the join would read every match of
        everyone else's for nothing."""
        q = quoted(connection.ops.quote_name, source)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {q['table']} WHERE {q['owner']} = %s LIMIT 1", [owner_id])
            return cursor.fetchone() is not None

    def count(self, source, owner_id, prepared, *, cap):
        match = prepared.small if source.small else prepared.big
        if match is None:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM {self._from(source)} LIMIT %s)",
                           [match, owner_id, cap])
            return int(cursor.fetchone()[0])
