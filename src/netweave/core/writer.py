"""Fast multi-row INSERTs through Django's connection, with new ids read back: the demo generator and bulk imports."""

from __future__ import annotations

from datetime import date, datetime

from django.db import connection


class Writer:
    """Multi-row INSERTs through Django's connection, with the columns a model has and nothing per row."""

    def __init__(self, owner, stamp: datetime):
        self.owner = owner
        self.stamp = stamp
        self.ops = connection.ops

    def dt(self, value: datetime | None):
        """A datetime as the database takes it."""
        return self.ops.adapt_datetimefield_value(value)

    def d(self, value: date | None):
        """A date as the database takes it."""
        return self.ops.adapt_datefield_value(value)

    def insert(self, model, attnames: tuple[str, ...], rows: list[tuple], *, ids: bool = False) -> list[int]:
        """Write `rows` of `attnames` values (other columns take their defaults); `ids=True` returns the new ids."""
        opts = model._meta
        fields = {f.attname: f for f in opts.concrete_fields}
        rest = [f for f in opts.concrete_fields if not f.primary_key and f.attname not in attnames]
        suffix = tuple(self._default(f) for f in rest)
        qn = self.ops.quote_name
        columns = [fields[a].column for a in attnames] + [f.column for f in rest]
        table, pk = qn(opts.db_table), qn(opts.pk.column)
        sql = f"INSERT INTO {table} ({', '.join(qn(c) for c in columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
        with connection.cursor() as cursor:
            before = 0
            if ids:
                cursor.execute(f"SELECT MAX({pk}) FROM {table}")
                before = cursor.fetchone()[0] or 0
            for start in range(0, len(rows), 20_000):
                part = rows[start:start + 20_000]
                cursor.executemany(sql, [row + suffix for row in part] if suffix else part)
            if not ids:
                return []
            owner_column = qn(opts.get_field("owner").column)
            cursor.execute(f"SELECT {pk} FROM {table} WHERE {pk} > %s AND {owner_column} = %s ORDER BY {pk}",
                           [before, self.owner.pk])
            new = [r[0] for r in cursor.fetchall()]
        if len(new) != len(rows):
            raise RuntimeError(f"{opts.db_table}: wrote {len(rows)} rows but found {len(new)}; another writer?")
        return new

    def _default(self, field):
        """The value a column left out of `attnames` gets: the stamp for auto_now fields, else its default."""
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return self.dt(self.stamp)
        return field.get_db_prep_save(field.get_default(), connection)
