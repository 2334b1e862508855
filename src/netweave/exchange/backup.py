"""`backup(owner, out)`: everything a user owns, as one JSON document that `restore` turns back into the
same rows with the same ids.

Which tables: every concrete subclass of `core.models.Owned` in the app registry, and the many-to-many
tables of their M2M fields (Person.tags), so a new app's tables are backed up without touching this
module. Columns come from `_meta.concrete_fields`; the only hand-written knowledge is how to spell a
Python value in JSON (`_encoder`). The document is written table by table and row by row, so a network of
a million interactions never sits in memory.

The document (format "netweave-backup", version 1):

    {"format": "netweave-backup", "version": 1, "netweave": "0.1.0", "created_at": "...",
     "user": {"username": ..., "password": "<hash>", "email": ..., ...},
     "tables": [
      {"model": "core.origin", "fields": ["id", "kind", "label", "created_at"], "rows": [
       [1, "web", "test", "2025-01-02T03:04:05.123456+00:00"],
       ...
      ], "count": 1},
      ...],
     "files": [{"model": "people.person", "field": "photo", "name": "photos/1-5.png", "base64": "..."}]}

Tables come parents first (a row's foreign keys point at tables already written); `owner_id` is left
out (the restoring user owns everything). Rows are ordered by id, one per line. Dates and times are ISO
8601 with full precision, durations ISO 8601, decimals and UUIDs strings, binary base64; JSON columns
are written as JSON. A file that has gone missing from storage is listed with "missing": true.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field as dataclass_field
from datetime import date, datetime, time
from typing import BinaryIO, TextIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.utils import validate_file_name
from django.db import connection, models, transaction
from django.utils.duration import duration_iso_string

import netweave
from netweave.core import clock
from netweave.core.models import Owned

FORMAT = "netweave-backup"
VERSION = 1
CHUNK = 2000
FLUSH_CHARS = 1 << 20


class Unsupported(RuntimeError):
    """An owned model this module does not know how to back up faithfully (a programming error, not data)."""


@dataclass
class Table:
    """One table of a backup: the fields written (primary key first, owner left out), and how rows are found."""

    model: type[models.Model]
    fields: list[models.Field]
    # For an auto-created M2M table (no owner column): the foreign key to the owned side that holds the M2M.
    via: models.ForeignKey | None = None
    # Foreign keys to owned models, and those of them restore fills in after every table is written
    # (self-references such as Person.introduced_by, and whatever breaks a cycle).
    refs: list[models.ForeignKey] = dataclass_field(default_factory=list)
    deferred: list[models.ForeignKey] = dataclass_field(default_factory=list)

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def owned(self) -> bool:
        return self.via is None

    def rows_of(self, owner) -> models.QuerySet:
        # _base_manager: a default manager that hides rows (archived ones, say) must not hide them from a backup.
        qs = self.model._base_manager.all()
        return qs.filter(owner=owner) if self.owned else qs.filter(**{f"{self.via.name}__owner": owner})

    @property
    def file_fields(self) -> list[models.FileField]:
        return [f for f in self.fields if isinstance(f, models.FileField)]


def owned_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if issubclass(m, Owned) and not m._meta.proxy]


def _is_owned(model) -> bool:
    return isinstance(model, type) and issubclass(model, Owned)


def _table(model, via=None) -> Table:
    label = model._meta.label_lower
    if model._meta.parents:
        raise Unsupported(f"{label} inherits from another concrete model; exchange/backup.py cannot back it up yet")
    table = Table(model, [], via=via)
    for f in model._meta.concrete_fields:
        if via is None and f.name == "owner":
            continue
        if f.is_relation:
            if not _is_owned(f.remote_field.model):
                raise Unsupported(f"{label}.{f.name} points outside what a user owns "
                                  f"({f.remote_field.model._meta.label}); teach exchange/backup.py how to keep it")
            table.refs.append(f)
        table.fields.append(f)
    table.fields.sort(key=lambda f: not f.primary_key)  # the id first
    for m2m in model._meta.local_many_to_many:
        if not _is_owned(m2m.remote_field.model):
            raise Unsupported(f"{label}.{m2m.name} links to {m2m.remote_field.model._meta.label}, which no user owns")
    return table


def plan() -> list[Table]:
    """Every table a backup holds, parents before children: each table's foreign keys point at tables
    earlier in the list, except the deferred ones, which restore sets once every row exists."""
    tables: list[Table] = []
    for model in owned_models():
        tables.append(_table(model))
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            if through._meta.auto_created:  # an explicit through model (Participation) is Owned itself
                via = next(f for f in through._meta.concrete_fields
                           if f.is_relation and f.remote_field.model is model)
                tables.append(_table(through, via=via))
    return _ordered(tables)


def _ordered(tables: list[Table]) -> list[Table]:
    by_model = {t.model: t for t in tables}
    done: set = set()
    order: list[Table] = []
    remaining = list(tables)

    def waiting(t: Table) -> list:
        return [f for f in t.refs if f not in t.deferred and f.remote_field.model in by_model
                and f.remote_field.model not in done]

    for t in tables:
        for f in t.refs:
            if f.remote_field.model is t.model:
                if not f.null:
                    raise Unsupported(f"{t.label}.{f.name} is a self-reference that cannot be empty")
                t.deferred.append(f)
    while remaining:
        ready = next((t for t in remaining if not waiting(t)), None)
        if ready is None:
            # A cycle: break it at a table whose unmet references may all be empty for a while.
            breakable = next((t for t in remaining if all(f.null for f in waiting(t))), None)
            if breakable is None:
                raise Unsupported("a cycle of required references: " + ", ".join(t.label for t in remaining))
            breakable.deferred.extend(waiting(breakable))
            continue
        remaining.remove(ready)
        done.add(ready.model)
        order.append(ready)
    return order


def _iso(value: date | datetime | time) -> str:
    return value.isoformat()


def _encoder(f: models.Field) -> Callable | None:
    """How a value read from this field is spelled in JSON; None when json writes it as it is."""
    kind = (f.target_field if f.is_relation else f).get_internal_type()  # a foreign key holds its target's id
    if kind in ("DateTimeField", "DateField", "TimeField"):
        return _iso
    if kind == "DurationField":
        return duration_iso_string
    if kind in ("DecimalField", "UUIDField"):
        return str
    if kind == "BinaryField":
        return lambda v: base64.b64encode(bytes(v)).decode("ascii")
    return None


def encode_row(fields: list[models.Field], values) -> list:
    return [v if v is None or (enc := _encoder(f)) is None else enc(v) for f, v in zip(fields, values)]


# Reading values back: the inverse of _encoder, used by restore.


class Misfit(ValueError):
    """A backed-up value that does not fit its field; the caller says which row."""


def python_value(f: models.Field, value):
    """A JSON value as the field's Python value (the general, slower way: Field.to_python)."""
    if value is None:
        if not f.null:
            raise Misfit(f"{f.attname} is empty but must have a value")
        return None
    if isinstance(f, (models.CharField, models.TextField, models.FileField)):
        if type(value) is not str:
            raise Misfit(f"{f.attname} must be text, not {value!r}")
        if f.max_length and len(value) > f.max_length:
            raise Misfit(f"{f.attname} is longer than {f.max_length} characters")
        if isinstance(f, models.FileField) and value:
            try:
                validate_file_name(value, allow_relative_path=True)
            except SuspiciousFileOperation:
                raise Misfit(f"{f.attname} {value!r} is not a safe file name") from None
    try:
        return f.to_python(value)
    except ValidationError as exc:
        raise Misfit(f"{f.attname}: {' '.join(exc.messages)} ({value!r})") from None


# Fields whose values go to the database as JSON gives them (once checked): converting them through
# Field.to_python and get_db_prep_save was most of the time a restore of a million rows took.
_PLAIN_TEXT = (models.CharField, models.TextField, models.EmailField, models.SlugField, models.URLField)
_PLAIN_INT = (models.AutoField, models.BigAutoField, models.SmallAutoField, models.IntegerField,
              models.BigIntegerField, models.SmallIntegerField, models.PositiveIntegerField,
              models.PositiveSmallIntegerField, models.PositiveBigIntegerField)


def decoder(f: models.Field, conn):
    """A function from a backed-up value to what the database driver takes; raises Misfit."""
    plain = f.target_field if isinstance(f, models.ForeignKey) else f
    if type(plain) in _PLAIN_TEXT and type(f) is type(plain):
        limit = f.max_length

        def text(v):
            if type(v) is str and (not limit or len(v) <= limit):
                return v
            return python_value(f, v)  # None, or says why it does not fit
        return text
    if type(plain) in _PLAIN_INT:
        def integer(v):
            if type(v) is int:
                return v
            if v is None:
                return python_value(f, v)
            raise Misfit(f"{f.attname} must be a whole number, not {v!r}")
        return integer
    if type(plain) is models.BooleanField:
        def boolean(v):
            if type(v) is bool:
                return v
            if v is None:
                return python_value(f, v)
            raise Misfit(f"{f.attname} must be true or false, not {v!r}")
        return boolean
    if type(f) is models.DateTimeField:
        adapt = conn.ops.adapt_datetimefield_value

        def moment(v):
            if type(v) is str:
                try:
                    value = datetime.fromisoformat(v)
                except ValueError:
                    value = None
                if value is not None and value.tzinfo is not None:
                    return adapt(value)
            return general(v)  # no time zone, or not a time: Django's own rules say what to do or why not
        general = _general(f, conn)
        return moment
    return _general(f, conn)


def _general(f: models.Field, conn):
    return lambda v: None if v is None and f.null else f.get_db_prep_save(python_value(f, v), conn)


def user_record(user) -> dict:
    """The account, so the restored home can log in with the same password: every column but the id."""
    fields = [f for f in get_user_model()._meta.concrete_fields if not f.primary_key]
    return dict(zip([f.attname for f in fields], encode_row(fields, [getattr(user, f.attname) for f in fields])))


class _Out:
    """Collects text and writes it in large pieces, as str to a text stream or UTF-8 to a binary one."""

    def __init__(self, out):
        try:
            out.write(b"")
            self._write = lambda text: out.write(text.encode("utf-8"))
        except TypeError:
            self._write = out.write
        self._parts: list[str] = []
        self._size = 0

    def __call__(self, text: str) -> None:
        self._parts.append(text)
        self._size += len(text)
        if self._size >= FLUSH_CHARS:
            self.flush()

    def flush(self) -> None:
        self._write("".join(self._parts))
        self._parts, self._size = [], 0


@contextmanager
def _snapshot():
    """One consistent view of the data while it is read: a read transaction (SQLite keeps its snapshot
    for the whole transaction; PostgreSQL needs REPEATABLE READ for that)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def backup(owner, out: BinaryIO | TextIO) -> dict:
    """Write everything `owner` owns to `out` (text or binary). Returns {"tables": {label: rows}, "files": n,
    "missing_files": [names]}."""
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    write = _Out(out)
    stats: dict = {"tables": {}, "files": 0, "missing_files": []}
    with _snapshot():
        tables = plan()
        header = {"format": FORMAT, "version": VERSION, "netweave": netweave.__version__,
                  "created_at": clock.now().isoformat()}
        write(dumps(header)[:-1] + ',\n"user":' + dumps(user_record(owner)) + ',\n"tables":[\n')
        for i, table in enumerate(tables):
            names = [f.attname for f in table.fields]
            write(("," if i else "") + f'{{"model":{dumps(table.label)},"fields":{dumps(names)},"rows":[\n')
            count = 0
            for row in _rows(table, owner):
                write(("," if count else "") + dumps(row) + "\n")
                count += 1
            write(f'],"count":{count}}}\n')
            stats["tables"][table.label] = count
        write('],\n"files":[\n')
        first = True
        for entry in _files(tables, owner, stats):
            write(("" if first else ",") + dumps(entry) + "\n")
            first = False
        write("]}\n")
        write.flush()
    return stats


def _rows(table: Table, owner) -> Iterator[list]:
    converted = [(i, enc) for i, f in enumerate(table.fields) if (enc := _encoder(f)) is not None]
    qs = table.rows_of(owner).order_by("pk").values_list(*[f.attname for f in table.fields])
    for values in qs.iterator(chunk_size=CHUNK):
        row = list(values)
        for i, enc in converted:
            if row[i] is not None:
                row[i] = enc(row[i])
        yield row


def _files(tables: list[Table], owner, stats: dict) -> Iterator[dict]:
    """Each stored file a row names, once per name, with its bytes read from the field's storage."""
    for table in tables:
        for f in table.file_fields:
            names = (table.rows_of(owner).exclude(**{f.attname: ""}).exclude(**{f"{f.attname}__isnull": True})
                     .order_by(f.attname).values_list(f.attname, flat=True).distinct())
            for name in names.iterator(chunk_size=CHUNK):
                entry = {"model": table.label, "field": f.attname, "name": name}
                try:
                    with f.storage.open(name, "rb") as handle:
                        entry["base64"] = base64.b64encode(handle.read()).decode("ascii")
                    stats["files"] += 1
                except OSError:
                    # The row is kept as it is (pointing at nothing, as now); the report names the file.
                    entry["missing"] = True
                    stats["missing_files"].append(name)
                yield entry
