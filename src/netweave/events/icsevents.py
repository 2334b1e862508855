"""Events from a calendar file: each VEVENT, past or upcoming, becomes an event with the people it names.

The file is read by the calendar importer (`importers.ics`), which frames it, parses it with icalendar,
reads each event's times and rejects a broken file naming the line; this module only turns its events into
`CalendarEvent`s instead of interactions:

- name from SUMMARY (else "Event at LOCATION", else "Event"); LOCATION, URL and DESCRIPTION as they are;
- starts_at from DTSTART (an all-day date is midnight where the server is), ends_at from DTEND or DURATION;
- attendees are the ORGANIZER and the ATTENDEEs except me, rooms and those who declined (`who_takes_part`);
- key: the UID, or UID/start when the file has several events with one UID, so importing again updates.

Left out, with the reason: cancelled events, invitations I declined, events without a start, repeating
events (a weekly meeting is not an occasion to plan; `netweave import` logs its meetings), the moved
instances of those, and an event repeated with the same UID and start.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from netweave.importers.base import ImportOptions
from netweave.importers.ics import IcsImporter
from netweave.importers.icstext import as_aware, clip, is_cancelled, text_of, values, who_takes_part
from netweave.importers.records import ContactRef, Note, Skip

MAX_KEY = 300  # Event.external_id


@dataclass
class CalendarEvent:
    where: str
    key: str
    name: str
    starts_at: datetime
    ends_at: datetime | None
    location: str = ""
    url: str = ""
    description: str = ""
    attendees: list[ContactRef] = field(default_factory=list)


@dataclass
class CalendarRead:
    events: list[CalendarEvent]
    skipped: list[tuple[str, str]]  # (where, why)
    notes: list[tuple[str, str]]


class _EventReader(IcsImporter):
    """The calendar importer, stopped where it would turn its events into interactions."""

    def _events(self, events):
        self.found = events
        return iter(())


def read_calendar(path: Path, *, me: list[str] | None = None, encoding: str | None = None) -> CalendarRead:
    """The events of a calendar file. Raises importers.records.Rejected, naming the line, for a broken file."""
    reader = _EventReader(ImportOptions(encoding=encoding, me=list(me or [])))
    reader.found = []
    skipped, notes = [], []
    for record in reader.read(Path(path)):
        if isinstance(record, Skip):
            skipped.append((record.where, record.why))
        elif isinstance(record, Note):
            notes.append((record.where, record.why))
    events, more = _convert(reader, reader.found)
    return CalendarRead(events, skipped + more, notes)


def read_calendar_bytes(data: bytes, *, me: list[str] | None = None) -> CalendarRead:
    """`read_calendar` for an upload: the importer reads files, so the bytes go through a temporary one."""
    with tempfile.TemporaryDirectory(prefix="netweave-events-") as folder:
        path = Path(folder) / "upload.ics"
        path.write_bytes(data)
        return read_calendar(path, me=me)


def _convert(reader: _EventReader, found: list) -> tuple[list[CalendarEvent], list[tuple[str, str]]]:
    skipped: list[tuple[str, str]] = []
    masters = [e for e in found if e.recurrence_id is None]
    uids: dict[str, int] = {}
    for event in masters:
        uids[event.uid] = uids.get(event.uid, 0) + 1
    events: list[CalendarEvent] = []
    seen: dict[str, str] = {}
    for event in found:
        why = _why_left_out(event, reader)
        if why:
            skipped.append((event.where, why))
            continue
        starts_at = as_aware(event.start, reader._local)
        key = event.uid if uids[event.uid] == 1 else f"{event.uid}/{starts_at.isoformat()}"
        if len(key) > MAX_KEY:
            key = "sha256:" + hashlib.sha256(key.encode()).hexdigest()
        if key in seen:
            skipped.append((event.where, f"repeats {seen[key]} (the same UID and start)"))
            continue
        seen[key] = event.where
        component = event.component
        location = text_of(component, "LOCATION")
        name = text_of(component, "SUMMARY") or (f"Event at {location}" if location else "Event")
        ends_at = starts_at + event.length if event.length > timedelta(0) else None
        people = who_takes_part(component, reader._me)
        events.append(CalendarEvent(
            where=event.where, key=_text(key), name=clip(_text(name), 200), starts_at=starts_at, ends_at=ends_at,
            location=clip(_text(location), 300), url=clip(_text(text_of(component, "URL")), 1000),
            description=clip(_text(text_of(component, "DESCRIPTION", keep_lines=True)), 20_000),
            attendees=[ContactRef(name=_text(p.name), email=_text(p.email)) for p in people["others"]],
        ))
    return events, skipped


def _text(value: str) -> str:
    """Text as every database stores it: PostgreSQL refuses NUL in text and in JSON."""
    return value.replace("\x00", "")


def _why_left_out(event, reader: _EventReader) -> str:
    if event.recurrence_id is not None:
        return "an occurrence of a repeating event: repeating events are not imported as events"
    if event.start is None:
        return "has no start (DTSTART)"
    if is_cancelled(event.component):
        return "was cancelled"
    if event.rules or values(event.component, "RDATE"):
        return "repeats: import it with `netweave import` to log its meetings; events are one-off occasions"
    if who_takes_part(event.component, reader._me)["declined"]:
        return "you declined the invitation"
    return ""
