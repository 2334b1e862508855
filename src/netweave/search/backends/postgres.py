"""PostgreSQL: one side table per source (id, owner, a weighted tsvector) with a GIN index, kept by triggers.

The 'simple' configuration, so no language's stemming or stop words decide what a name is. Accents are
folded by `netweave_search_fold`, written with built-in functions only (the unaccent extension may be
missing): NFKD, combining marks removed, the letters with no decomposition spelled out, and ASCII
punctuation made a space, so "ana.lima@example.org" is four words, as SQLite's tokenizer reads it.
Queries run the same function and parser over what was typed, so both sides always agree.
"""

from __future__ import annotations

from django.db import connection

from netweave.search import terms
from netweave.search.backends.base import MAX_GROUP_CHARS, Backend, Prepared, quoted
from netweave.search.sources import Source
from netweave.search.terms import SPECIAL_LETTERS

FOLD = "netweave_search_fold"
WEIGHTS = "'{0, 0.1, 0.4, 1.0}'"  # D (unused), C body, B keys, A title
WINDOWS = (20_000, 200_000)  # the newest rows searched first in a big table (see _newest)
VISIBLE_SLACK = 50  # candidates read beyond the limit, for the few a `visible` test (archived) removes


def side(source: Source) -> str:
    return f"search_pg_{source.kind}"


def _fold_function() -> str:
    singles = {k: v for k, v in SPECIAL_LETTERS.items() if len(v) == 1}
    doubles = {k: v for k, v in SPECIAL_LETTERS.items() if len(v) > 1}
    expr = (r"regexp_replace(regexp_replace(normalize(lower(t), NFKD), '[\u0300-\u036f]+', '', 'g'), "
            r"'[!-/:-@\[-`{-~]+', ' ', 'g')")
    expr = f"translate({expr}, '{''.join(singles)}', '{''.join(singles.values())}')"
    for letter, spelled in doubles.items():
        expr = f"replace({expr}, '{letter}', '{spelled}')"
    return (f"CREATE OR REPLACE FUNCTION {FOLD}(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
            f"AS $fold$ SELECT {expr} $fold$")


TRUNCATE_FUNCTION = """
CREATE OR REPLACE FUNCTION netweave_search_truncate() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  EXECUTE 'TRUNCATE ' || quote_ident(TG_ARGV[0]);
  RETURN NULL;
END
$body$"""


def _group(alias: str, cols: list[str], weight: str) -> str:
    if not cols:
        return "''::tsvector"
    joined = " || ' ' || ".join(f"coalesce({alias}.{c}::text, '')" for c in cols)
    return f"setweight(to_tsvector('simple', {FOLD}(left({joined}, {MAX_GROUP_CHARS}))), '{weight}')"


def _vector(alias: str, q: dict) -> str:
    return " || ".join(_group(alias, q[g], w) for g, w in (("title", "A"), ("keys", "B"), ("body", "C")))


def _titles(alias: str, q: dict, source: Source) -> str:
    return _group(alias, q["title"], "A") if source.small else "NULL"


def _tsquery(lexemes: list[str], weight: str = "", big: bool = False, prefix: bool = True) -> str | None:
    if not lexemes:
        return None
    out = []
    for lex in lexemes:
        star = "*" if prefix and terms.as_prefix(lex, big) else ""
        out.append("'" + lex.replace("\\", "\\\\").replace("'", "''") + "'" + (f":{star}{weight}" if star or weight else ""))
    return " & ".join(out)


class PostgresBackend(Backend):
    vendor = "postgresql"

    def install(self, execute, source: Source) -> None:
        q = quoted(connection.ops.quote_name, source)
        name = side(source)
        execute(_fold_function())
        execute(TRUNCATE_FUNCTION)
        # title_tsv: the titles alone, for a small table's title matches. A weight-restricted query on tsv
        # ("'nat':*A") has no statistics of its own, so the planner walks the whole table for a rare one.
        execute(f"CREATE TABLE {name} (id bigint PRIMARY KEY, owner_id bigint NOT NULL, tsv tsvector NOT NULL, "
                f"title_tsv tsvector)")
        execute(f"CREATE INDEX {name}_tsv ON {name} USING gin (tsv)")
        if source.small:
            execute(f"CREATE INDEX {name}_title ON {name} USING gin (title_tsv)")
        execute(f"CREATE INDEX {name}_owner ON {name} (owner_id, id)")
        execute(f"""
CREATE OR REPLACE FUNCTION {name}_sync() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM {name} WHERE id = OLD.{q['id']};
    RETURN NULL;
  END IF;
  INSERT INTO {name} (id, owner_id, tsv, title_tsv)
  VALUES (NEW.{q['id']}, NEW.{q['owner']}, {_vector('NEW', q)}, {_titles('NEW', q, source)})
  ON CONFLICT (id) DO UPDATE SET owner_id = EXCLUDED.owner_id, tsv = EXCLUDED.tsv, title_tsv = EXCLUDED.title_tsv;
  RETURN NULL;
END
$body$""")
        execute(f"CREATE TRIGGER {name}_write AFTER INSERT OR DELETE ON {q['table']} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}_sync()")
        watched = [q["owner"], *q["title"], *q["keys"], *q["body"]]
        changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in watched)
        execute(f"CREATE TRIGGER {name}_update AFTER UPDATE OF {', '.join(watched)} ON {q['table']} "
                f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION {name}_sync()")
        # Django's test flush (and anyone) may TRUNCATE the table, which fires no row triggers.
        execute(f"CREATE TRIGGER {name}_truncate AFTER TRUNCATE ON {q['table']} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION netweave_search_truncate('{name}')")
        self._fill(execute, source, q)

    def _fill(self, execute, source: Source, q: dict) -> None:
        execute(f"INSERT INTO {side(source)} (id, owner_id, tsv, title_tsv) SELECT s.{q['id']}, s.{q['owner']}, "
                f"{_vector('s', q)}, {_titles('s', q, source)} FROM {q['table']} s")
        execute(f"ANALYZE {side(source)}")

    def uninstall(self, execute, source: Source) -> None:
        q = quoted(connection.ops.quote_name, source)
        name = side(source)
        for suffix in ("write", "update", "truncate"):
            execute(f"DROP TRIGGER IF EXISTS {name}_{suffix} ON {q['table']}")
        execute(f"DROP FUNCTION IF EXISTS {name}_sync()")
        execute(f"DROP TABLE IF EXISTS {name}")

    def rebuild(self, execute, source: Source) -> None:
        execute(f"TRUNCATE {side(source)}")
        self._fill(execute, source, quoted(connection.ops.quote_name, source))

    def prepare(self, chunks: list[str], big_chunks: list[str]) -> Prepared:
        """The lexemes PostgreSQL's own parser finds in what was typed, folded as the index folds them."""
        lexemes: list[str] = []
        if chunks:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT lexeme FROM unnest(to_tsvector('simple', {FOLD}(%s)))", [" ".join(chunks)])
                lexemes = [row[0] for row in cursor.fetchall()]
        big = terms.for_big_tables(lexemes)
        return Prepared(small=_tsquery(lexemes), big=_tsquery(big, big=True),
                        title_small=_tsquery(lexemes), title_big=_tsquery(big, "A", big=True),
                        big_exact=_tsquery(big, big=True, prefix=False))

    def candidates_of(self, chosen, owner_id, prepared, *, limits):
        """The small tables in one round trip (a UNION ALL of each one's newest matches), the big ones alone."""
        small = [s for s in chosen if s.small and prepared.small is not None]
        found = {s.kind: [] for s in chosen}
        if small:
            parts, params = [], []
            for s in small:
                slack = VISIBLE_SLACK if s.visible else 0
                parts.append(f"(SELECT %s, d.id, ts_rank({WEIGHTS}, d.tsv, %s::tsquery) FROM {side(s)} d "
                             f"WHERE d.owner_id = %s AND d.tsv @@ %s::tsquery ORDER BY d.id DESC LIMIT %s)")
                params += [s.kind, prepared.small, owner_id, prepared.small, limits[s.kind] + slack]
            with connection.cursor() as cursor:
                cursor.execute(" UNION ALL ".join(parts), params)
                for kind, i, rank in cursor.fetchall():
                    found[kind].append((int(i), float(rank)))
            for s in small:
                found[s.kind] = self._visible(s, found[s.kind])[:limits[s.kind]]
        for s in chosen:
            if not s.small:
                found[s.kind] = self.candidates(s, owner_id, prepared, limit=limits[s.kind])
        return found

    def _visible(self, source, found):
        """`found` without the rows the source's `visible` test hides, checked by primary key afterwards:
        joined in the query, the planner hashes the whole table."""
        if not source.visible or not found:
            return found
        q = quoted(connection.ops.quote_name, source)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT s.{q['id']} FROM {q['table']} s WHERE s.{q['id']} = ANY(%s) AND "
                           f"({source.visible})", [[i for i, _ in found]])
            shown = {row[0] for row in cursor.fetchall()}
        return [f for f in found if f[0] in shown]

    def lookup(self, source, owner_id, query, limit, title_only=False):
        if source.small:
            return self._ranked(source, owner_id, query, limit, "title_tsv" if title_only else "tsv")
        return self._newest(source, owner_id, query, limit)

    def _ranked(self, source, owner_id, query, limit, column):
        """A small table: the newest `limit` matches, with their ts_rank."""
        slack = VISIBLE_SLACK if source.visible else 0
        sql = (f"SELECT d.id, ts_rank({WEIGHTS}, d.tsv, %s::tsquery) FROM {side(source)} d "
               f"WHERE d.owner_id = %s AND d.{column} @@ %s::tsquery ORDER BY d.id DESC LIMIT %s")
        with connection.cursor() as cursor:
            cursor.execute(sql, [query, owner_id, query, limit + slack])
            found = [(int(i), float(r)) for i, r in cursor.fetchall()]
        return self._visible(source, found)[:limit]

    def _newest(self, source, owner_id, query, limit):
        """A big table: the newest `limit` matches, looked for among the newest rows first.

        The planner guesses how many rows hold several words as if the words were unrelated, and how many
        hold a name from the most common words' figures: for "pricing strategy" it expects 300 rows and
        fetches 13,000 from the heap; for a rare name it walks a million rows backwards hoping to meet 200.
        So the newest 20,000 rows are searched first (any plan is cheap there); a word rarer than that is
        then looked up through the index alone (a materialised CTE keeps the planner from walking), in the
        newest 200,000 rows and then in all, each step fetching only a few thousand rows at most."""
        name = side(source)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT max(id) FROM {name}")
            top = cursor.fetchone()[0] or 0
            for step, window in enumerate((*WINDOWS, None)):
                floor = top - window if window else None
                if floor is not None and floor <= 0:
                    continue
                since, params = ("AND d.id > %s ", [floor]) if floor is not None else ("", [])
                where = f"d.owner_id = %s AND d.tsv @@ %s::tsquery {since}"
                if step == 0:
                    sql = f"SELECT d.id FROM {name} d WHERE {where}ORDER BY d.id DESC LIMIT %s"
                else:
                    sql = (f"WITH m AS MATERIALIZED (SELECT d.id FROM {name} d WHERE {where}) "
                           f"SELECT id FROM m ORDER BY id DESC LIMIT %s")
                cursor.execute(sql, [owner_id, query, *params, limit])
                found = [(int(row[0]), 0.0) for row in cursor.fetchall()]
                if len(found) >= limit or floor is None:
                    return found
        return []

    def count(self, source, owner_id, prepared, *, cap):
        """An estimate: rows hidden by `visible` (archived people) are counted too."""
        query = prepared.small if source.small else prepared.big
        if query is None:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM {side(source)} d WHERE d.owner_id = %s AND "
                           f"d.tsv @@ %s::tsquery LIMIT %s) t", [owner_id, query, cap])
            return int(cursor.fetchone()[0])
