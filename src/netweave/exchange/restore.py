"""`restore(path_or_file)`: a backup (see exchange/backup.py) back into a home where its user owns nothing,
with the same ids, in one transaction: a damaged backup or a row that does not fit changes nothing.

The document is read as it streams in (`_Stream`), one row at a time, so restoring a million interactions
needs no more memory than backing them up. Rows go in with plain INSERTs of the backed-up values (not
through Model.save, whose auto_now fields would rewrite the times). Before each batch: the ids must be
free, and every foreign key must point at a row this restore wrote (never at another user's row).
"""

from __future__ import annotations

import base64
import binascii
import gzip
import io
import json
import re
import secrets
import zlib
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, models, transaction
from django.utils import timezone

from netweave.exchange.backup import FORMAT, VERSION, Misfit, Table, decoder, plan, python_value

BATCH = 500
READ_CHARS = 1 << 16
MAX_VALUE_CHARS = 64 << 20  # one row or file: a photo is at most 5 MB, so 64 MB is only a broken file
_SPACE = re.compile(r"[ \t\n\r]*")


class RestoreError(Exception):
    """A backup that cannot be restored, or a home it cannot go into. Nothing was changed."""


class _Stream:
    """A reader for one JSON document too big to hold: the outer structure is walked a token at a time,
    each inner value (a row, a file) is decoded whole by json's own decoder."""

    def __init__(self, text):
        self.text, self.buf, self.pos, self.eof, self.consumed = text, "", 0, False, 0
        self.decoder = json.JSONDecoder()

    def _more(self) -> bool:
        if self.eof:
            return False
        # Read at least as much as is buffered, so a long value is rescanned only a few times.
        chunk = self.text.read(max(READ_CHARS, len(self.buf) - self.pos))
        if not chunk:
            self.eof = True
            return False
        self.consumed += self.pos
        self.buf = self.buf[self.pos:] + chunk
        self.pos = 0
        if len(self.buf) > MAX_VALUE_CHARS:
            raise self.error("a value longer than 64 MB")
        return True

    def error(self, why: str) -> RestoreError:
        return RestoreError(f"the backup is damaged or not a backup: {why} (at character {self.consumed + self.pos:,})")

    def peek(self) -> str:
        while True:
            self.pos = _SPACE.match(self.buf, self.pos).end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def take(self, allowed: str) -> str:
        char = self.peek()
        if not char or char not in allowed:
            raise self.error(f"expected {' or '.join(allowed)}, found {'the end' if not char else repr(char)}")
        self.pos += 1
        return char

    def value(self):
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
                if end < len(self.buf) or self.eof:  # a number at the very end may go on in the next chunk
                    self.pos = end
                    return value
            except json.JSONDecodeError as exc:
                more = exc.pos >= len(self.buf) - 6 or exc.msg.startswith("Unterminated string")
                if self.eof or not more:
                    raise self.error(exc.msg) from None
            self._more()

    def members(self):
        """Yield each key of an object; the caller reads its value."""
        self.take("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            if self.peek() != '"':
                raise self.error("expected a key")
            key = self.value()
            self.take(":")
            yield key
            if self.take(",}") == "}":
                return

    def items(self):
        """Yield once for each element of an array; the caller reads it."""
        self.take("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield
            if self.take(",]") == "]":
                return


@contextmanager
def _text(source):
    """A text stream of the backup: a path (gzip-compressed or not), or an open file, binary or text."""
    if isinstance(source, (str, Path)):
        with open(source, "rb") as raw:
            gz = raw.read(2) == b"\x1f\x8b"
            raw.seek(0)
            binary = gzip.GzipFile(fileobj=raw) if gz else raw
            yield io.TextIOWrapper(binary, encoding="utf-8")
        return
    if not isinstance(source.read(0), bytes):
        yield source
        return
    wrapper = io.TextIOWrapper(source, encoding="utf-8")
    try:
        yield wrapper
    finally:
        wrapper.detach()  # the caller's file stays open


def restore(source, *, username: str | None = None) -> dict:
    """Restore a backup into a user who owns nothing (created if missing; `username` renames them).
    Returns {"username", "tables": {label: rows}, "files": n}. Raises RestoreError and changes nothing."""
    written: list = []  # files this restore stored, removed again if it fails
    try:
        with _text(source) as text, transaction.atomic():
            return _Restore(_Stream(text), username, written).run()
    except (UnicodeDecodeError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        _remove(written)
        raise RestoreError(f"the backup is damaged or not a backup: {exc}") from None
    except BaseException:
        _remove(written)
        raise


def _remove(written: list) -> None:
    for storage, name in written:
        storage.delete(name)


class _Restore:
    def __init__(self, stream: _Stream, username: str | None, written: list):
        self.stream, self.username, self.written = stream, username, written
        self.tables = {t.label: t for t in plan()}
        self.user = None
        self.header: dict = {}
        self.counts: dict[str, int] = {}
        # Deferred references, by (table label, field name): [(row id, target id)].
        self.pending: dict[tuple[str, str], list] = {}
        self.files = 0

    def run(self) -> dict:
        s = self.stream
        for key in s.members():
            if key in ("format", "version", "netweave", "created_at"):
                self.header[key] = s.value()
            elif key == "user":
                self._check_header()
                self.user = self._target(s.value())
            elif key == "tables" and self.user is not None and not self.counts:
                for _ in s.items():
                    self._table()
                self._finish_tables()
            elif key == "files" and self.counts:
                for _ in s.items():
                    self._file(s.value())
            else:
                raise s.error(f"unexpected {key!r} here")
        if s.peek():
            raise s.error("text after the end of the backup")
        if not self.counts:
            raise s.error("it holds no tables")
        return {"username": self.user.get_username(), "tables": self.counts, "files": self.files}

    def _check_header(self) -> None:
        if self.header.get("format") != FORMAT:
            raise RestoreError(f"not a netweave backup (format {self.header.get('format')!r}, expected {FORMAT!r})")
        if self.header.get("version") != VERSION:
            raise RestoreError(f"backup format version {self.header.get('version')!r} is not one this netweave "
                               f"reads ({VERSION}); restore it with the netweave that made it, or a newer one")

    def _target(self, record) -> models.Model:
        """The user to restore into: created, or an existing one who owns nothing."""
        User = get_user_model()
        if not isinstance(record, dict):
            raise RestoreError("the backup's user is not an object")
        name_field = User.USERNAME_FIELD
        name = self.username or record.get(name_field)
        if not isinstance(name, str) or not name:
            raise RestoreError("the backup names no user; say which with --as")
        user = User._base_manager.filter(**{name_field: name}).first()
        if user is None and User._base_manager.filter(**{f"{name_field}__iexact": name}).exists():
            raise RestoreError(f"{name!r} is taken (in another case); restore under a new name with --as NAME")
        if user is not None:
            owned = [f"{t.label} ({n:,})" for t in self.tables.values() if t.owned if (n := t.rows_of(user).count())]
            if owned:
                raise RestoreError(f"{name!r} already owns rows in {', '.join(owned)}; a backup goes only into a user "
                                   f"who owns nothing: restore it under a new name with --as NAME")
        user = user or User()
        for attname, value in record.items():
            try:
                f = next(f for f in User._meta.concrete_fields if f.attname == attname and not f.primary_key)
            except StopIteration:
                raise RestoreError(f"the backup's user has a field {attname!r} this netweave does not know") from None
            try:
                setattr(user, attname, python_value(f, value))
            except Misfit as exc:
                raise RestoreError(f"the backup's user: {exc}") from None
        setattr(user, name_field, name)
        try:
            user.full_clean(exclude=["password"], validate_unique=False)
        except ValidationError as exc:
            raise RestoreError(f"the backup's user cannot be created: {'; '.join(exc.messages)}") from None
        user.save()
        return user

    def _table(self) -> None:
        s = self.stream
        table = loader = count = None
        for key in s.members():
            if key == "model" and table is None:
                label = s.value()
                table = self.tables.get(label) if isinstance(label, str) else None
                if table is None:
                    raise RestoreError(f"the backup has a table {label!r} this netweave does not know "
                                       f"(made by a newer version?)")
                if table.label in self.counts:
                    raise RestoreError(f"{table.label} appears twice in the backup")
            elif key == "fields" and table is not None and loader is None:
                loader = _Loader(self, table, s.value())
            elif key == "rows" and loader is not None:
                for _ in s.items():
                    loader.add(s.value())
                loader.flush()
            elif key == "count" and loader is not None:
                count = s.value()
            else:
                raise s.error(f"unexpected {key!r} in a table")
        if loader is None or count != loader.n:
            raise RestoreError(f"{table.label if table else 'a table'}: the backup says {count!r} rows but holds "
                               f"{loader.n if loader else 'none'}; the file is damaged")
        self.counts[table.label] = loader.n

    def _finish_tables(self) -> None:
        """Fill in the deferred references now every row exists, then move the id sequences past the ids
        written (PostgreSQL; SQLite needs nothing)."""
        with connection.cursor() as cursor:
            for (label, attname), pairs in self.pending.items():
                table = self.tables[label]
                f = next(f for f in table.fields if f.attname == attname)
                for start in range(0, len(pairs), BATCH):
                    batch = pairs[start:start + BATCH]
                    self.check_refs(f, [(target, lambda pk=pk: f"{table.label} id {pk}") for pk, target in batch])
                    cursor.executemany(f"UPDATE {_q(table.model._meta.db_table)} SET {_q(f.column)} = %s "
                                       f"WHERE {_q(table.model._meta.pk.column)} = %s",
                                       [(target, pk) for pk, target in batch])
            written = [t.model for t in self.tables.values() if t.label in self.counts]
            for sql in connection.ops.sequence_reset_sql(no_style(), written):
                cursor.execute(sql)

    def check_refs(self, f: models.Field, refs: list[tuple]) -> None:
        """Each (target id, where) must point at a row of the restored user's, never at another user's."""
        target = f.remote_field.model
        wanted = {t for t, _ in refs if t is not None}
        # By id alone, then the owner checked here: with the owner in the query SQLite may pick the owner
        # index and read all of the user's rows for every batch.
        found = {pk for pk, owner in target._base_manager.filter(pk__in=wanted).values_list("pk", "owner_id")
                 if owner == self.user.pk}
        for t, where in refs:
            if t is not None and t not in found:
                raise RestoreError(f"{where()}: {f.attname} {t} is not one of the restored "
                                   f"{target._meta.label_lower} rows")

    def _file(self, entry) -> None:
        if not isinstance(entry, dict) or entry.get("model") not in self.counts:
            raise RestoreError(f"a file entry for a table the backup does not hold: {str(entry)[:200]}")
        table = self.tables[entry["model"]]
        f = next((f for f in table.file_fields if f.attname == entry.get("field")), None)
        name = entry.get("name")
        if f is None or not isinstance(name, str):
            raise RestoreError(f"a file entry with no such field or name: {str(entry)[:200]}")
        rows = table.rows_of(self.user).filter(**{f.attname: name})
        if not rows.exists():
            raise RestoreError(f"file {name!r}: no restored {table.label} row has it as its {f.attname}")
        if entry.get("missing"):
            return  # it was missing when backed up: the row points at nothing, as it did
        try:
            data = base64.b64decode(entry.get("base64", ""), validate=True)
        except (binascii.Error, TypeError, ValueError):
            raise RestoreError(f"file {name!r}: its contents are not valid base64") from None
        storage = f.storage
        # Another user's row naming this file (even a missing one) must never end up showing this one.
        shared = table.model._base_manager.exclude(owner=self.user).filter(**{f.attname: name}).exists()
        try:
            if not shared and storage.exists(name):
                with storage.open(name, "rb") as handle:
                    if handle.read() == data:
                        self.files += 1
                        return  # left behind by the rows this backup came from (a deleted user): the same file
            # save() picks a free name when this one is taken by a different file.
            wanted = name if not shared else f"{name.rsplit('.', 1)[0]}_{secrets.token_hex(4)}.{name.rsplit('.', 1)[-1]}"
            stored = storage.save(wanted, ContentFile(data), max_length=f.max_length)
        except (SuspiciousFileOperation, OSError) as exc:
            raise RestoreError(f"file {name!r} cannot be written: {exc}") from None
        self.written.append((storage, stored))
        if stored != name:
            rows.update(**{f.attname: stored})
        self.files += 1


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


class _Loader:
    """Puts one table's rows in, a batch at a time."""

    def __init__(self, restore: _Restore, table: Table, names):
        self.restore, self.table, self.n, self.batch, self.last_pk = restore, table, 0, [], None
        by_name = {f.attname: f for f in table.fields}
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names) or len(set(names)) < len(names):
            raise RestoreError(f"{table.label}: its list of fields is damaged")
        unknown = [n for n in names if n not in by_name]
        if unknown:
            raise RestoreError(f"{table.label}: this netweave has no field {', '.join(unknown)} "
                               f"(made by a newer version?)")
        pk = table.model._meta.pk
        if pk.attname not in names:
            raise RestoreError(f"{table.label}: the rows have no {pk.attname}")
        self.conn = connections[DEFAULT_DB_ALIAS]
        self.fields = [by_name[n] for n in names]
        self.convert = [decoder(f, self.conn) for f in self.fields]
        self.pk_index = names.index(pk.attname)
        # A field the backup predates gets its default, as a migration would have given it; one without a
        # default only matters if the table has rows.
        self.missing = [f for f in table.fields if f.attname not in names]
        self.unfillable = [f.attname for f in self.missing if not (
            f.has_default() or f.null or getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))]
        owner = [table.model._meta.get_field("owner").column] if table.owned else []
        columns = [f.column for f in self.fields + self.missing] + owner
        self.sql = (f"INSERT INTO {_q(table.model._meta.db_table)} ({', '.join(_q(c) for c in columns)}) "
                    f"VALUES ({', '.join(['%s'] * len(columns))})")
        self.refs = [(self.fields.index(f), f, f in table.deferred) for f in table.refs if f in self.fields]

    def where(self, n: int, pk) -> str:
        return f"{self.table.label} row {n}" + ("" if pk is None else f" (id {json.dumps(pk)})")

    def add(self, raw) -> None:
        self.n += 1
        if self.unfillable:
            raise RestoreError(f"{self.table.label}: the backup has no {', '.join(self.unfillable)}, which this "
                               f"netweave needs and has no default for")
        if type(raw) is not list or len(raw) != len(self.fields):
            raise RestoreError(f"{self.where(self.n, None)}: expected a list of {len(self.fields)} values, "
                               f"found {str(raw)[:200]}")
        try:
            values = [convert(v) for convert, v in zip(self.convert, raw)]
        except Misfit as exc:
            raise RestoreError(f"{self.where(self.n, raw[self.pk_index])}: {exc}") from None
        pk = values[self.pk_index]
        if self.last_pk is not None and not pk > self.last_pk:
            raise RestoreError(f"{self.where(self.n, pk)}: ids are out of order or repeated; the file was changed "
                               f"or damaged")
        self.last_pk = pk
        for i, f, deferred in self.refs:
            if deferred and values[i] is not None:
                self.restore.pending.setdefault((self.table.label, f.attname), []).append((pk, values[i]))
                values[i] = None
        self.batch.append((self.n, values))
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        model, restore, at = self.table.model, self.restore, self.pk_index
        ids = [values[at] for _, values in batch]
        taken = set(model._base_manager.filter(pk__in=ids).values_list("pk", flat=True))
        for n, values in batch:
            if values[at] in taken:
                raise RestoreError(f"{self.where(n, values[at])}: this id is already used in this database. A backup "
                                   f"keeps its ids, so it goes into a home without them (a new NETWEAVE_HOME, or "
                                   f"after the old data is gone)")
        for i, f, deferred in self.refs:
            if not deferred:
                restore.check_refs(f, [(values[i], lambda n=n, pk=values[at]: self.where(n, pk)) for n, values in batch])
        now = timezone.now()
        tail = [f.get_db_prep_save(now if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
                                   else f.get_default(), self.conn) for f in self.missing]
        tail += [restore.user.pk] if self.table.owned else []
        rows = [values + tail for _, values in batch]
        with self.conn.cursor() as cursor:
            try:
                with transaction.atomic():  # a savepoint, so a refused batch can be retried row by row
                    cursor.executemany(self.sql, rows)
            except DatabaseError:
                for (n, values), row in zip(batch, rows):
                    try:
                        with transaction.atomic():
                            cursor.execute(self.sql, row)
                    except DatabaseError as exc:
                        raise RestoreError(f"{self.where(n, values[at])}: the database refused it: {exc}") from None
                raise RestoreError(f"{self.table.label}: the database refused rows {batch[0][0]} to {batch[-1][0]}")
