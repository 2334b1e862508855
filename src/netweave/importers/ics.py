"""Calendar files (.ics, .ical, .ifb): meetings that took place become interactions with the people in them.

Each VEVENT occurrence that ended before `core.clock.now()` is one `InteractionRecord`:

- kind "event" when it is all-day or has more than `BIG_EVENT` (8) other people in it, else "meeting";
- summary from SUMMARY (else "Meeting at LOCATION", else "Meeting"); notes "Location: ..." plus the
  DESCRIPTION only when the user asked for bodies (`options.bodies`);
- occurred_at is the occurrence's start, timezone-aware: TZID times in their zone (a VTIMEZONE of the file
  or a zone this machine knows), floating times, all-day dates and TZIDs nobody knows in the current zone;
- participants are the ORGANIZER and the ATTENDEEs (`create=True`) except me, rooms and resources
  (CUTYPE ROOM, RESOURCE, GROUP) and attendees who declined;
- initiated_by "me" when I organised it, "them" when someone else did, "" when there is no organiser or
  it cannot be told who I am;
- key f"ics/{UID}/{start}", the start being the occurrence's original slot (its RECURRENCE-ID when an
  instance was moved, so moving a meeting updates it rather than adding one): UTC as
  "2024-05-01T09:00:00Z", except all-day dates ("2024-05-01") and floating times ("2024-05-01T09:00:00")
  which are kept as written, so the key does not change with the server's time zone. An event without a
  UID gets "nouid-" and a hash of its summary, start and organiser. Keys longer than the database's 300
  characters have the UID replaced by its hash.

Repeating events (RRULE, RDATE, EXDATE) are expanded up to now on wall-clock time (a 9:00 meeting stays
at 9:00 across daylight saving), keeping the latest `MAX_OCCURRENCES` (5,000: a daily meeting for 13
years) per event; a rule repeating so often that `MAX_SCANNED` (100,000) occurrences do not reach now is
cut there. Either cap is said with a Skip. An instance with a RECURRENCE-ID replaces its slot (its own
time, summary, people and status); RANGE=THISANDFUTURE is read as that one instance only. An instance
whose series is not in the file is imported on its own.

Skips, with the reason: cancelled events and instances (STATUS:CANCELLED), invitations I declined (my
ATTENDEE has PARTSTAT=DECLINED), events in the future or not over yet ("a plan, not yet contact"; they
are not yielded as plans), events with no start, events with nobody but me in them (a holiday, a
reminder, a bare all-day entry: not contact with anyone, so not imported at all), the same UID and start
twice, and the file's other components (to-dos, free/busy, availability), counted once.

Who I am: `options.me`; when empty, the calendar's X-WR-CALNAME when it is an address (Google names a
calendar after its owner), else an address that is in at least 90% of the events with people in them (and
at least 3): the calendar's owner is in every meeting they have. A guess is said in a Skip ("your own
address was taken to be ...") and kept in `inferred_me`. Otherwise I am unknown: nobody is left out as
me, no invitation counts as declined by me, and initiated_by stays "".

The file is read whole (`base.read_text`, with its size limit). Rejected, naming the line: anything but a
calendar (a file must start with BEGIN:VCALENDAR), BEGIN/END lines that do not nest, text outside the
calendar, and a date, duration or repeat rule that cannot be read (DTSTART, DTEND, DURATION, RRULE,
RDATE, EXDATE, RECURRENCE-ID). Other unreadable lines are ignored, as the events are still whole.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone as dt_timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from dateutil import rrule as dateutil_rrule
from django.utils import timezone
from icalendar import Calendar

from netweave.core import clock
from netweave.importers.base import Importer, read_text
from netweave.importers.icstext import (
    LINE_BREAK, Block, as_aware, clip, error_line, first, frame, guess_me, is_cancelled, property_line, property_name,
    text_of, values, wall, who_takes_part,
)
from netweave.importers.records import ContactRef, InteractionRecord, Note, Record, Rejected, Skip

MAX_OCCURRENCES = 5_000  # per repeating event: the latest ones (a daily meeting for 13 years)
MAX_SCANNED = 100_000  # occurrences generated for one event before giving up (a rule repeating by the minute)
BIG_EVENT = 8
MAX_KEY = 300  # Interaction.external_id
MAX_SUMMARY = 500  # Interaction.summary
TIME_PROPERTIES = frozenset({"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"})
OTHER_COMPONENTS = {"VTODO": "to-do", "VJOURNAL": "journal entry", "VFREEBUSY": "free/busy block",
                    "VAVAILABILITY": "availability block"}


@dataclass
class _Event:
    block: Block
    component: object
    uid: str
    start: date | datetime | None
    length: timedelta
    zone: tzinfo | None  # None: floating or all-day, read in the current zone
    all_day: bool
    recurrence_id: datetime | None = None
    rules: list = field(default_factory=list)
    overrides: list[_Event] = field(default_factory=list)
    words: tuple[str, str] | None = None  # summary and notes, once read

    @property
    def where(self) -> str:
        return self.block.where


class IcsImporter(Importer):
    name = "ics"
    label = "Calendar (.ics)"
    suffixes = (".ics", ".ical", ".ifb")

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n").upper()
        return text.startswith(b"BEGIN:VCALENDAR") or (path.suffix.lower() in cls.suffixes and not text)

    def read(self, path: Path) -> Iterator[Record]:
        text = read_text(path, self.options.encoding)
        self._lines = lines = LINE_BREAK.split(text)
        blocks, others = frame(lines)
        try:
            calendars = Calendar.from_ical(text, multiple=True)
        except Exception as exc:  # the library's own complaint, when our framing found nothing wrong
            raise Rejected("line 1", f"cannot be read as a calendar: {exc}") from exc
        self._local = timezone.get_current_timezone()
        self._now = clock.now()
        self._zones = {}
        for calendar in calendars:
            for component in calendar.walk("VTIMEZONE"):
                self._zones.setdefault(str(component.get("TZID", "")).strip().lower(), component)
        components = [c for calendar in calendars for c in calendar.subcomponents if c.name == "VEVENT"]
        if len(components) != len(blocks):  # cannot happen when the framing and the library agree
            blocks = [Block(i + 1, 0) for i in range(len(components))]
        events = [self._event(block, component) for block, component in zip(blocks, components)]
        self._me = {a.strip().lower() for a in self.options.me if a.strip()}
        self.inferred_me = ""
        if not self._me:
            self.inferred_me, how = guess_me(calendars, components)
            if self.inferred_me:
                self._me = {self.inferred_me}
                yield Note("calendar", f"your own address was taken to be {self.inferred_me} ({how}); if that is "
                                       f"wrong, import again saying which addresses are yours")

        for name, count in sorted(others.items()):
            what = OTHER_COMPONENTS.get(name, f"{name} component")
            yield Skip("calendar", f"{count:,} {what}{'s' if count > 1 else ''} ({name}) not imported: only events are")
        if not events:
            yield Skip("calendar", "has no events")
            return
        yield from self._events(events)

    # ---- reading one VEVENT -----------------------------------------------------------------------------

    def _event(self, block: Block, component) -> _Event:
        lines = self._lines
        for name, why in component.errors:
            line_no, line = error_line(block, lines, name)
            prop = (name or property_name(line)).upper()
            if prop in TIME_PROPERTIES:
                shown = f" ({line.strip()[:80]!r})" if line else ""
                if not name:  # the library could not even split the line into name, parameters and value
                    why = "it is not a well-formed line (NAME;PARAMETER=VALUE:VALUE)"
                raise Rejected(f"event {block.number} (line {line_no or block.start})",
                               f"{prop} cannot be read{shown}: {why}")
        start = self._moment(component, "DTSTART", block)
        recurrence = self._moment(component, "RECURRENCE-ID", block)
        all_day = start is not None and not isinstance(start, datetime)
        zone = start.tzinfo if isinstance(start, datetime) else None
        length = timedelta(days=1) if all_day else timedelta(0)
        end = self._moment(component, "DTEND", block)
        duration = first(component, "DURATION")
        try:
            if start is not None and end is not None:
                length = as_aware(end, self._local) - as_aware(start, self._local)
            elif start is not None and duration is not None and isinstance(duration.dt, timedelta):
                length = duration.dt
        except TypeError:
            pass  # a date end to a timed start: keep the default length
        length = max(length, timedelta(0))
        uid = str(component.get("UID", "")).strip()
        if not uid:
            seed = "|".join(str(component.get(k, "")) for k in ("SUMMARY", "DTSTART", "ORGANIZER"))
            uid = "nouid-" + hashlib.sha256(seed.encode()).hexdigest()[:20]
        event = _Event(block, component, uid, start, length, zone, all_day, recurrence)
        if start is not None:
            event.rules = [self._rule(prop, event, block) for prop in values(component, "RRULE")]
        return event

    def _moment(self, component, name: str, block: Block):
        """A DTSTART/DTEND/RECURRENCE-ID value: a date, or a datetime (aware when its zone is known)."""
        prop = first(component, name)
        if prop is None:
            return None
        value = getattr(prop, "dt", None)
        if isinstance(value, tuple):  # a PERIOD
            value = value[0]
        if not isinstance(value, date):
            line_no, line = property_line(block, self._lines, name)
            raise Rejected(f"event {block.number} (line {line_no or block.start})",
                           f"{name} is not a date or a time: {line.strip()[:80]!r}")
        return self._resolve(value, getattr(prop, "params", {}).get("TZID"))

    def _resolve(self, value, tzid):
        """A naive datetime with a TZID the library did not know: try the file's VTIMEZONEs by a looser
        name (the library compares TZIDs exactly, trailing spaces included) and this machine's zones."""
        if not isinstance(value, datetime) or value.tzinfo is not None or not tzid:
            return value
        zone = self._zone(str(tzid))
        return value.replace(tzinfo=zone) if zone else value

    def _zone(self, tzid: str) -> tzinfo | None:
        key = tzid.strip().strip('"').lower()
        component = self._zones.get(key)
        if component is not None:
            try:
                return component.to_tz()
            except Exception:  # a VTIMEZONE the library cannot turn into a zone
                pass
        try:
            return ZoneInfo(tzid.strip().strip('"'))
        except (ValueError, KeyError, OSError):
            return None

    # ---- from events to records -------------------------------------------------------------------------

    def _events(self, events: list[_Event]) -> Iterator[Record]:
        masters: list[_Event] = []
        by_uid: dict[str, list[_Event]] = {}
        orphans: list[_Event] = []
        for event in events:
            if event.recurrence_id is None:
                masters.append(event)
                by_uid.setdefault(event.uid, []).append(event)
        for event in events:
            if event.recurrence_id is not None:
                series = by_uid.get(event.uid)
                if series:
                    series[0].overrides.append(event)
                else:
                    orphans.append(event)
        seen: dict[str, str] = {}
        for event in sorted(masters + orphans, key=lambda e: e.block.number):
            for record in self._series(event):
                if isinstance(record, InteractionRecord):
                    if record.key in seen:
                        record = Skip(record.where, f"repeats {seen[record.key]} (the same UID and start)")
                    else:
                        seen[record.key] = record.where
                yield record

    def _series(self, event: _Event) -> Iterator[Record]:
        """The records of one event: each past occurrence, its moved or cancelled instances, and why the
        rest was left out."""
        if event.start is None:
            yield Skip(event.where, "has no start (DTSTART)")
            return
        if is_cancelled(event.component):
            yield Skip(event.where, "was cancelled")
            return
        people = who_takes_part(event.component, self._me)
        series_skip = None
        if people["declined"]:
            series_skip = "you declined the invitation"
        elif not people["others"]:
            series_skip = "nobody else takes part (no organiser or attendee besides you): not contact"
        if series_skip:
            yield Skip(event.where, series_skip)

        slots, notes = self._slots(event)
        overrides = {self._slot_of(o.recurrence_id, event): o for o in event.overrides}
        for slot in slots:
            instance = overrides.pop(slot, None)
            if instance is not None:
                yield from self._instance(instance, slot, event)
            elif series_skip is None:
                yield from self._occurrence(event, slot, people, event)
        for slot, instance in sorted(overrides.items()):
            # a moved instance whose slot is outside what was expanded (in the future, EXDATE'd, too old)
            yield from self._instance(instance, slot, event)
        if series_skip is None:
            for why in notes:
                yield Skip(event.where, why)

    def _instance(self, instance: _Event, slot: datetime, series: _Event) -> Iterator[Record]:
        if instance.start is None:
            yield Skip(instance.where, "has no start (DTSTART)")
            return
        start = wall(instance.start, instance.zone, self._local)
        when = self._aware(start, instance)
        if is_cancelled(instance.component):
            yield Skip(instance.where, f"the occurrence of {when:%Y-%m-%d} was cancelled")
            return
        people = who_takes_part(instance.component, self._me)
        if people["declined"]:
            yield Skip(instance.where, f"you declined the occurrence of {when:%Y-%m-%d}")
            return
        if not people["others"]:
            yield Skip(instance.where, "nobody else takes part (no organiser or attendee besides you): not contact")
            return
        yield from self._occurrence(instance, start, people, series, slot=slot)

    def _occurrence(self, event: _Event, start: datetime, people: dict, series: _Event,
                    slot: datetime | None = None) -> Iterator[Record]:
        when = self._aware(start, event)
        if when >= self._now:
            yield Skip(event.where, "in the future: a plan, not yet contact")
            return
        if when + event.length > self._now:
            yield Skip(event.where, "not over yet: a plan, not yet contact")
            return
        summary, notes = self._words(event)
        others = people["others"]
        yield InteractionRecord(
            where=event.where,
            key=_key(series.uid, "" if _one_off(series) else self._key_time(slot if slot is not None else start, series)),
            kind="event" if event.all_day or len(others) > BIG_EVENT else "meeting",
            occurred_at=when,
            summary=summary,
            participants=[ContactRef(name=p.name, email=p.email, create=True) for p in others],
            notes=notes,
            initiated_by=people["initiated_by"],
        )

    def _words(self, event: _Event) -> tuple[str, str]:
        """The summary and notes of an event's occurrences, read once for all of them."""
        if event.words is None:
            component = event.component
            summary = text_of(component, "SUMMARY")
            location = text_of(component, "LOCATION")
            notes = f"Location: {location}" if location else ""
            if self.options.bodies:
                description = text_of(component, "DESCRIPTION", keep_lines=True)
                if description:
                    notes = f"{notes}\n\n{description}" if notes else description
            summary = clip(summary or (f"Meeting at {location}" if location else "Meeting"), MAX_SUMMARY)
            event.words = (summary, notes)
        return event.words

    def _slots(self, event: _Event) -> tuple[list[datetime], list[str]]:
        """The series' latest `MAX_OCCURRENCES` occurrence starts before now (naive wall times in its zone),
        and what to say about the ones left out."""
        component = event.component
        opening = wall(event.start, event.zone, self._local)
        rdates = [d for prop in values(component, "RDATE") for d in self._dates(prop, event)]
        if not event.rules and not rdates:
            if self._aware(opening, event) >= self._now:
                return [], ["in the future: a plan, not yet contact"]
            return [opening], []

        recurrence = dateutil_rrule.rruleset()
        for rule in event.rules:
            recurrence.rrule(rule)
        recurrence.rdate(opening)
        for value in rdates:
            recurrence.rdate(value)
        excluded_days = set()
        for prop in values(component, "EXDATE"):
            for value in self._dates(prop, event, keep_dates=True):
                if isinstance(value, datetime):
                    recurrence.exdate(value)
                else:
                    excluded_days.add(value)

        kept: deque[datetime] = deque(maxlen=MAX_OCCURRENCES)
        dropped = scanned = 0
        future = stopped = False
        try:
            for slot in recurrence:
                scanned += 1
                if scanned > MAX_SCANNED:
                    stopped = True
                    break
                if excluded_days and slot.date() in excluded_days:
                    continue
                when = self._aware(slot, event)
                if when >= self._now:
                    future = True
                    break
                if len(kept) == MAX_OCCURRENCES:
                    dropped += 1
                kept.append(slot)
        except (ValueError, TypeError, OverflowError) as exc:  # a rule dateutil accepted but cannot follow
            raise Rejected(event.where, f"its repeat rule cannot be followed: {exc}") from exc
        notes = []
        if dropped:
            notes.append(f"{dropped:,} earlier occurrence{'s' if dropped > 1 else ''} before {kept[0]:%Y-%m-%d} not "
                         f"imported: only the latest {MAX_OCCURRENCES:,} of a repeating event are")
        if stopped:
            notes.append(f"repeats so often that only its first {MAX_SCANNED:,} occurrences were looked at "
                         f"(up to {slot:%Y-%m-%d}); the later ones are not imported")
        if future:
            notes.append("its later occurrences are in the future: plans, not yet contact")
        return list(kept), notes

    def _rule(self, prop, event: _Event, block: Block):
        """A dateutil rule for one RRULE, on naive wall times (so 9:00 stays 9:00 across daylight saving)."""
        text = prop.to_ical().decode("utf-8", "replace")
        until = None
        for value in prop.get("UNTIL", []):
            until = value
        text = re.sub(r"(^|;)UNTIL=[^;]*", "", text, flags=re.IGNORECASE).strip(";")
        try:
            rule = dateutil_rrule.rrulestr(text, dtstart=wall(event.start, event.zone, self._local), ignoretz=True)
            if until is not None:
                if isinstance(until, datetime):
                    limit = wall(until, event.zone, self._local)
                else:
                    limit = datetime.combine(until, time(23, 59, 59))
                rule = rule.replace(until=limit, count=None)
            return rule
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError) as exc:
            line_no, _line = property_line(block, self._lines, "RRULE")
            raise Rejected(f"event {block.number} (line {line_no or block.start})",
                           f"RRULE:{text} cannot be understood: {exc}") from exc

    def _dates(self, prop, event: _Event, keep_dates: bool = False) -> list:
        """An RDATE's or EXDATE's values as naive wall times in the series' zone (dates kept as dates for
        an EXDATE of a timed series: the whole day is out)."""
        tzid = getattr(prop, "params", {}).get("TZID")
        found = []
        for item in getattr(prop, "dts", []):
            value = item.dt
            if isinstance(value, tuple):
                value = value[0]
            if not isinstance(value, date):
                continue
            value = self._resolve(value, item.params.get("TZID") or tzid)
            if not isinstance(value, datetime) and keep_dates and not event.all_day:
                found.append(value)
            else:
                found.append(wall(value, event.zone, self._local))
        return found

    def _slot_of(self, recurrence_id, series: _Event) -> datetime:
        return wall(recurrence_id, series.zone, self._local)

    def _aware(self, moment: datetime, event: _Event) -> datetime:
        return moment.replace(tzinfo=event.zone or self._local)

    def _key_time(self, moment: datetime, series: _Event) -> str:
        if series.all_day:
            return moment.date().isoformat()
        if series.zone is None:
            return moment.isoformat()
        return moment.replace(tzinfo=series.zone).astimezone(dt_timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _one_off(event: _Event) -> bool:
    """An event that happens once: its UID alone names it, so moving it updates the interaction it became."""
    return (not event.rules and not event.overrides and event.recurrence_id is None
            and not values(event.component, "RDATE"))


def _key(uid: str, start: str) -> str:
    """ics/UID for a one-off event, ics/UID/slot for an occurrence of a repeating one."""
    slot = f"/{start}" if start else ""
    key = f"ics/{uid}{slot}"
    if len(key) > MAX_KEY:
        key = f"ics/sha256-{hashlib.sha256(uid.encode()).hexdigest()[:40]}{slot}"
    return key
