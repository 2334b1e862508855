"""LinkedIn's data export: Connections.csv (2018 and 2024 layouts), messages.csv, or the whole .zip.

Connections become people keyed by their canonical profile URL (`normalize.url_key`), so a re-import
finds them again. Emoji and symbols people add to their LinkedIn name ("Ana 🔸 Lima", flags) are left
out of the name parts, so the person matches their address-book card by name; the name as written is
kept in `extra["linkedin"]["name_as_written"]`.

Messages become one interaction per conversation, per other person, per day (days in the configured
time zone). Bodies are not kept unless `options.bodies`. Who "me" is, in this order:
  1. a LinkedIn profile URL in `options.me`;
  2. the 2018 layout's Direction column (the sender of OUTGOING messages), or a SENT folder;
  3. the participant present in every conversation (my own export: I am in all of them); when several
     are (one conversation, or a few with the same person), the one who is not among my connections,
     then the one who sent most.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from netweave.importers.base import MAX_TEXT_BYTES, Importer, decode, read_text, zip_members
from netweave.importers.csvdates import parse_day, parse_moment
from netweave.importers.csvrows import limits, valid_value
from netweave.importers.csvread import Row, Table, head_rows, read_table
from netweave.importers.records import ContactRef, InteractionRecord, PersonRecord, Record, Rejected, Skip
from netweave.people.normalize import clean_text, fold, url_key

CONNECTIONS = "Connections.csv"
MESSAGES = "messages.csv"
KNOWN_COLUMNS = {"first name", "last name", "url", "email address", "company", "position", "connected on"}
_LIST_SEPARATOR = re.compile(r"[\s,;]+")
_TAGS = re.compile(r"<[^>]+>")
# Characters that decorate a LinkedIn name but are not part of it: emoji modifiers and joiners.
_DECORATION = {0x200D, 0x20E3, 0xFE0E, 0xFE0F} | set(range(0x1F3FB, 0x1F400)) | set(range(0xE0020, 0xE0080))


def is_connections_header(cells: list[str]) -> bool:
    return {"first name", "last name", "connected on"} <= {c.strip().casefold() for c in cells}


def is_messages_header(cells: list[str]) -> bool:
    folded = {c.strip().casefold() for c in cells}
    return {"from", "date"} <= folded and bool({"conversation id", "content"} & folded)


def plain_name(text: str) -> str:
    """A name without emoji and pictographic symbols, whitespace and tabs collapsed."""
    if not text.isascii():
        text = "".join(ch for ch in text
                       if ord(ch) < 0xA9 or (unicodedata.category(ch) != "So" and ord(ch) not in _DECORATION))
    return clean_text(text)


def slug_name(url: str) -> str:
    """A name from a profile address: /in/jos%C3%A9-silva-3b2a1c45 -> José Silva."""
    try:
        path = unquote(urlsplit(url if "://" in url else f"https://{url}").path)
    except ValueError:
        return ""
    m = re.search(r"/(?:in|pub)/([^/]+)", path)
    if not m:
        return ""
    words = [w for w in re.split(r"[-_\s]+", m.group(1)) if w]
    if len(words) > 1 and re.search(r"\d", words[-1]):
        words = words[:-1]  # LinkedIn's id suffix: ana-lima-3b2a1c45
    return clean_text(" ".join(w[:1].upper() + w[1:] for w in words if not w.isdigit()))


@lru_cache(maxsize=65536)
def party_key(name: str, url: str) -> str:
    """Who someone in a message is: their canonical profile, else their folded name."""
    if url:
        return url_key(url)
    return f"name:{fold(name)}" if name else ""


@dataclass(frozen=True)
class Party:
    name: str
    url: str
    key: str = field(init=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "key", party_key(self.name, self.url))


@dataclass
class Message:
    row: Row
    conversation: str
    title: str
    sender: Party
    recipients: list[Party]
    at: datetime
    subject: str
    content: str
    folder: str
    direction: str


class LinkedInImporter(Importer):
    name = "linkedin"
    label = "LinkedIn data export (the .zip, Connections.csv or messages.csv)"
    suffixes = (".csv", ".zip")

    def read(self, path: Path) -> Iterator[Record]:
        path = Path(path)
        if path.suffix.lower() == ".zip":
            yield from self.read_zip(path)
            return
        try:
            text = read_text(path, self.options.encoding)
        except Rejected as exc:
            raise _named(exc, path.name) from exc
        table = self.table(text, path.name)
        if is_messages_header(table.headers):
            yield from self.messages(table, connections=set())
        else:
            yield from self.connections(table, set())

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        suffix = path.suffix.lower()
        if suffix == ".zip":
            if "linkedin" in path.name.lower():
                return True
            try:
                with zipfile.ZipFile(path) as archive:
                    return any(PurePosixPath(n).name.lower() == CONNECTIONS.lower() for n in archive.namelist())
            except (OSError, zipfile.BadZipFile):
                return False
        if suffix != ".csv":
            return False
        return any(is_connections_header(r) or is_messages_header(r) for r in head_rows(head))

    def table(self, text: str, name: str) -> Table:
        try:
            return read_table(text, name=name, is_header=lambda c: is_connections_header(c) or is_messages_header(c),
                              what="LinkedIn's Connections.csv header (First Name, Last Name, ..., Connected On) "
                                   "or messages.csv header (FROM, TO, DATE, ...)")
        except Rejected as exc:
            raise _named(exc, name) from exc

    def read_zip(self, path: Path) -> Iterator[Record]:
        try:
            archive = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as exc:
            raise Rejected("", f"is not a zip archive that can be read ({exc})") from exc
        with archive:
            members = {name.lower(): info for name, info in zip_members(archive).items()}
            info = members.get(CONNECTIONS.lower())
            if info is None:
                raise Rejected("", f"has no {CONNECTIONS}; is it LinkedIn's data export (Settings, Data privacy, "
                                   f"Get a copy of your data)?")
            keys: set[str] = set()
            yield from self.connections(self.table(self.member_text(archive, info), CONNECTIONS), keys)
            info = members.get(MESSAGES)
            if info is not None:
                yield from self.messages(self.table(self.member_text(archive, info), MESSAGES), keys)

    def member_text(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str:
        name = PurePosixPath(info.filename).name
        try:
            with archive.open(info) as handle:
                data = handle.read(MAX_TEXT_BYTES + 1)
        except (OSError, RuntimeError, NotImplementedError, EOFError, zipfile.BadZipFile, ValueError, zlib.error) as exc:
            raise Rejected(f"entry {info.filename!r}", f"cannot be unpacked ({exc})") from exc
        if len(data) > MAX_TEXT_BYTES:
            raise Rejected(f"entry {info.filename!r}", f"is larger than {MAX_TEXT_BYTES >> 20} MB")
        try:
            return decode(data, self.options.encoding)
        except Rejected as exc:
            raise _named(exc, name) from exc

    # ------------------------------------------------------------------------------------ connections

    def connections(self, table: Table, keys: set[str]) -> Iterator[Record]:
        if not is_connections_header(table.headers):
            raise Rejected(f"{table.name} line {table.header_line}", "is not LinkedIn's Connections.csv header")
        index: dict[str, int] = {}
        for i, header in enumerate(table.headers):
            index.setdefault(header.casefold(), i)
        for row in table.rows:
            record = self.connection(table, row, index)
            if isinstance(record, PersonRecord) and record.key:
                keys.add(record.key)
            yield record

    def connection(self, table: Table, row: Row, index: dict[str, int]) -> Record:
        def cell(name: str) -> str:
            i = index.get(name)
            return row.cells[i] if i is not None else ""

        where = table.where(row)
        extra: dict = {}
        written_first, written_last = clean_text(cell("first name")), clean_text(cell("last name"))
        first, last = plain_name(written_first), plain_name(written_last)
        if (first, last) != (written_first, written_last):
            extra["name_as_written"] = clean_text(f"{written_first} {written_last}")
        url, email = clean_text(cell("url")), clean_text(cell("email address"))
        if url and not valid_value("urls", url):
            extra["URL"], url = url, ""
        if email and not valid_value("emails", email):
            extra["Email Address"], email = email, ""

        data: dict = {}
        display = f"{first} {last}".strip()
        if display:
            data = {"display_name": display[: limits()["display_name"]], "given_name": first, "family_name": last}
        elif url and slug_name(url):
            data = {"display_name": slug_name(url)}
        elif email:
            data = {"display_name": email, "given_name": "", "family_name": ""}
        else:
            return Skip(where, "names nobody: it has no name, profile URL or email address")
        if email:
            data["emails"] = [{"address": email, "label": ""}]
        if url:
            data["urls"] = [{"url": url, "label": "linkedin"}]
        for name, column in (("organisation", "company"), ("title", "position")):
            value = clean_text(cell(column))
            if len(value) > limits()[name]:
                extra[column.title()] = value
            elif value:
                data[name] = value
        connected = clean_text(cell("connected on"))
        if connected:
            day = parse_day(connected)
            extra["connected_on" if day else "connected_on_text"] = day.isoformat() if day else connected
        for header, i in index.items():
            if header not in KNOWN_COLUMNS and row.cells[i].strip():
                extra[table.headers[i]] = row.cells[i]
        data["extra"] = {"linkedin": extra}
        return PersonRecord(where=where, data=data, key=url_key(url) if url else "", raw=row.raw)

    # --------------------------------------------------------------------------------------- messages

    def messages(self, table: Table, connections: set[str]) -> Iterator[Record]:
        if not is_messages_header(table.headers):
            raise Rejected(f"{table.name} line {table.header_line}", "is not LinkedIn's messages.csv header")
        index: dict[str, int] = {}
        for i, header in enumerate(table.headers):
            index.setdefault(header.casefold(), i)
        found: list[Message] = []
        for row in table.rows:
            item = self.message(table, row, index)
            if isinstance(item, Skip):
                yield item
            else:
                found.append(item)
        me = self.find_me(found, connections)
        yield from self.conversation_days(found, me)

    def message(self, table: Table, row: Row, index: dict[str, int]) -> Message | Skip:
        def cell(name: str) -> str:
            i = index.get(name)
            return row.cells[i].strip() if i is not None else ""

        where = table.where(row)
        if cell("is message draft").casefold() in ("yes", "true", "1"):
            return Skip(where, "is a draft that was never sent")
        at = parse_moment(cell("date"))
        if at is None:
            return Skip(where, f"has a date that cannot be read ({cell('date')!r})")
        sender = Party(clean_text(cell("from")), clean_text(cell("sender profile url")))
        urls = [u for u in _LIST_SEPARATOR.split(cell("recipient profile urls")) if "." in u and "/" in u]
        to = clean_text(cell("to"))
        if len(urls) == 1:
            recipients = [Party(to, urls[0])]
        elif urls:
            names = [clean_text(n) for n in to.split(",")]
            names = names if len(names) == len(urls) else [""] * len(urls)
            recipients = [Party(n, u) for n, u in zip(names, urls)]
        else:
            recipients = [Party(to, "")] if to else []
        return Message(row, cell("conversation id"), clean_text(cell("conversation title")), sender, recipients, at,
                       clean_text(cell("subject")), cell("content"), cell("folder").casefold(),
                       cell("direction").casefold())

    def find_me(self, messages: list[Message], connections: set[str]) -> str:
        """The key of the export's owner (see the module docstring for the order of evidence)."""
        everyone = {p.key for m in messages for p in (m.sender, *m.recipients) if p.key}
        mine = {url_key(x) for x in self.options.me if "linkedin.com" in x.casefold()}
        if mine & everyone:
            return sorted(mine & everyone)[0]
        sent = Counter(m.sender.key for m in messages if m.sender.key and (m.direction in ("outgoing", "sent")
                                                                           or m.folder in ("sent", "sent items")))
        if sent:
            return sent.most_common(1)[0][0]
        received = Counter(p.key for m in messages if m.direction == "incoming" for p in m.recipients if p.key)
        if received:
            return received.most_common(1)[0][0]
        per_conversation: dict[str, set[str]] = {}
        for m in messages:
            per_conversation.setdefault(m.conversation, set()).update(p.key for p in (m.sender, *m.recipients) if p.key)
        candidates = set.intersection(*per_conversation.values()) if per_conversation else set()
        candidates = candidates or everyone
        strangers = {c for c in candidates if c not in connections}
        if connections and strangers:
            candidates = strangers
        senders = Counter(m.sender.key for m in messages)
        order: dict[str, int] = {}
        for m in messages:
            for p in (m.sender, *m.recipients):
                order.setdefault(p.key, len(order))
        return min(candidates, key=lambda k: (-senders[k], order.get(k, 0)), default="")

    def conversation_days(self, messages: list[Message], me: str) -> Iterator[InteractionRecord]:
        from django.utils import timezone

        zone = timezone.get_default_timezone()
        days: dict[tuple[str, date], list[Message]] = {}
        for m in sorted(messages, key=lambda m: (m.at, m.row.number)):
            conversation = m.conversation or self.other_party(m, me).key  # the 2018 layout has no ids
            days.setdefault((conversation, m.at.astimezone(zone).date()), []).append(m)
        records = []
        for (conversation, day), group in days.items():
            first = group[0]
            initiated = ("me" if first.sender.key == me else "them") if me else ""
            others: dict[str, Party] = {}
            for m in group:
                for p in (m.sender, *m.recipients):
                    if p.key and p.key != me and (p.key not in others or (p.name and not others[p.key].name)):
                        others[p.key] = p
            summary = self.summary(group)
            notes = self.notes(group, zone) if self.options.bodies else ""
            for key, other in others.items():
                external = f"linkedin-msg/{conversation}/{key}/{day.isoformat()}"
                if len(external) > 300:
                    external = "linkedin-msg/" + hashlib.sha256(external.encode()).hexdigest()
                records.append(InteractionRecord(
                    where=f"{MESSAGES} row {first.row.number}", key=external, kind="message", occurred_at=first.at,
                    summary=summary, participants=[ContactRef(name=other.name, url=other.url, create=False)],
                    notes=notes, initiated_by=initiated,
                ))
        yield from sorted(records, key=lambda r: (r.occurred_at, r.key))

    @staticmethod
    def other_party(m: Message, me: str) -> Party:
        return next((p for p in (m.sender, *m.recipients) if p.key and p.key != me), m.sender)

    @staticmethod
    def summary(group: list[Message]) -> str:
        subject = next((m.subject for m in group if m.subject), "")
        if not subject:
            words = clean_text(_TAGS.sub(" ", group[0].content)).split(" ")
            subject = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
        subject = subject or group[0].title
        return f"LinkedIn messages: {subject}"[:200] if subject else "LinkedIn messages"

    @staticmethod
    def notes(group: list[Message], zone) -> str:
        lines = [f"{m.at.astimezone(zone):%H:%M} {m.sender.name or 'someone'}: {clean_text(_TAGS.sub(' ', m.content))}"
                 for m in group]
        return "\n".join(lines)


def _named(exc: Rejected, name: str) -> Rejected:
    """The same refusal, saying which file of the export it is in."""
    where = exc.where if exc.where.startswith(name) else f"{name} {exc.where}".strip()
    return Rejected(where, exc.why, file=exc.file)
