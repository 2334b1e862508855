"""The text of a calendar file: where its events are (line numbers icalendar does not keep), whether its
BEGIN/END lines nest, small readers of the values of icalendar's components, and who takes part in an
event. Used by `ics.py`."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo

from icalendar.parser import Contentline

from netweave.importers.records import ContactRef, Rejected

LINE_BREAK = re.compile(r"\r\n|\n|\r")
FRAME = re.compile(r"(BEGIN|END)[ \t]*:[ \t]*(\S[^\r\n]*?)[ \t]*$", re.IGNORECASE)
NAME = re.compile(r"[A-Za-z0-9-]+")
ADDRESS = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+")
NOT_PEOPLE = frozenset({"ROOM", "RESOURCE", "GROUP"})  # attendee CUTYPEs that are not a person


@dataclass
class Block:
    """A VEVENT of the calendar as the text lays it out: its number among the events and its lines."""

    number: int
    start: int
    end: int = 0

    @property
    def where(self) -> str:
        return f"event {self.number} (line {self.start})" if self.start else f"event {self.number}"



# ---- the text's frame: BEGIN/END lines and where each event is ---------------------------------------------


def frame(lines: list[str]) -> tuple[list[Block], Counter]:
    """Check that BEGIN/END lines nest and the file is one or more VCALENDARs; return where each of the
    calendars' VEVENTs is and how many other top-level components there are."""
    stack: list[tuple[str, int]] = []
    blocks: list[Block] = []
    others: Counter = Counter()
    seen = False
    for number, line in logical_lines(lines, 0, len(lines)):
        if not line.strip():
            continue
        match = FRAME.match(line)
        if match is None:
            if not stack:
                if not seen:
                    raise Rejected(f"line {number}", f"is not a calendar: a calendar starts with BEGIN:VCALENDAR, "
                                                     f"this file with {line.strip()[:40]!r}")
                raise Rejected(f"line {number}", f"text after the end of the calendar (END:VCALENDAR): {line.strip()[:40]!r}")
            continue
        word, name = match.group(1).upper(), match.group(2).upper()
        if word == "BEGIN":
            if not stack and name != "VCALENDAR":
                raise Rejected(f"line {number}", f"is not a calendar: a calendar starts with BEGIN:VCALENDAR, "
                                                 f"this file with BEGIN:{name}")
            if len(stack) == 1:
                if name == "VEVENT":
                    blocks.append(Block(len(blocks) + 1, number))
                elif name != "VTIMEZONE":
                    others[name] += 1
            stack.append((name, number))
            seen = True
        else:
            if not stack:
                raise Rejected(f"line {number}", f"END:{name} has no BEGIN:{name} before it")
            opened, at = stack.pop()
            if opened != name:
                raise Rejected(f"line {number}", f"END:{name} does not close BEGIN:{opened} of line {at}: "
                                                 f"the BEGIN and END lines do not nest (is an END:{opened} missing?)")
            if len(stack) == 1 and name == "VEVENT":
                blocks[-1].end = number
    if stack:
        name, at = stack[-1]
        raise Rejected(f"line {at}", f"BEGIN:{name} is never closed: the file ends before END:{name}")
    if not seen:
        raise Rejected("line 1", "is empty, not a calendar")
    return blocks, others


def logical_lines(lines: list[str], begin: int, end: int) -> Iterator[tuple[int, str]]:
    """(line number, unfolded content line) for lines[begin:end]; a line starting with a space or tab
    continues the one before it."""
    index = begin
    while index < end:
        number, line = index + 1, lines[index]
        index += 1
        parts = None
        while index < end and lines[index][:1] in (" ", "\t") and lines[index]:
            if parts is None:
                parts = [line]
            parts.append(lines[index][1:])
            index += 1
        yield number, ("".join(parts) if parts else line)


def event_lines(block: Block, lines: list[str]) -> Iterator[tuple[int, str]]:
    """The content lines of a VEVENT itself (not of its alarms)."""
    if not block.start or not lines:
        return
    depth = 0
    for number, line in logical_lines(lines, block.start, max(block.end - 1, block.start)):
        match = FRAME.match(line)
        if match:
            depth += 1 if match.group(1).upper() == "BEGIN" else -1
        elif depth == 0:
            yield number, line


def property_name(line: str) -> str:
    match = NAME.match(line)
    return match.group(0) if match else ""


def property_line(block: Block, lines: list[str], name: str) -> tuple[int, str]:
    for number, line in event_lines(block, lines):
        if property_name(line).upper() == name.upper():
            return number, line
    return 0, ""


def error_line(block: Block, lines: list[str], name: str | None) -> tuple[int, str]:
    """The line an error of the library is about: the property's line, or the first line it cannot split."""
    if name:
        return property_line(block, lines, name)
    for number, line in event_lines(block, lines):
        try:
            Contentline(line).parts()
        except Exception:
            return number, line
    return 0, ""


# ---- values -----------------------------------------------------------------------------------------------


def values(component, name: str) -> list:
    value = component.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def first(component, name: str):
    found = values(component, name)
    return found[0] if found else None


def text_of(component, name: str, keep_lines: bool = False) -> str:
    value = first(component, name)
    if value is None:
        return ""
    text = str(value).strip()
    return text if keep_lines else " ".join(text.split())


def is_cancelled(component) -> bool:
    return str(component.get("STATUS", "")).strip().upper() == "CANCELLED"


def address(prop) -> tuple[str, str]:
    """(name, email) of an ORGANIZER or ATTENDEE: the CN and the mailto: address, lower-cased."""
    value = str(prop).strip()
    email = value[7:] if value.lower().startswith("mailto:") else (value if ":" not in value else "")
    match = ADDRESS.fullmatch(email.strip())
    email = match.group(0).lower() if match else ""
    name = getattr(prop, "params", {}).get("CN", "")
    if isinstance(name, list):
        name = name[0] if name else ""
    name = " ".join(str(name).strip().strip('"').split())
    if name.lower() in (email, value.lower()) or name.lower().startswith("mailto:"):
        name = ""
    return name, email


def wall(value, zone: tzinfo | None, local: tzinfo) -> datetime:
    """`value` (a date, a naive or aware datetime) as a naive wall-clock time in `zone` (None: local)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value
        return value.astimezone(zone or local).replace(tzinfo=None)
    return datetime(value.year, value.month, value.day)


def as_aware(value, local: tzinfo) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=local)
    return datetime(value.year, value.month, value.day, tzinfo=local)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- people ----------------------------------------------------------------------------------------------


def who_takes_part(component, me: set[str]) -> dict:
    """Who else is in an event (organiser and attendees, without me, rooms and those who declined), whether
    I declined it, and who started it ("me", "them", "" when unknown)."""
    others: dict[str, ContactRef] = {}
    declined = organised = False
    organiser = first(component, "ORGANIZER")
    if organiser is not None:
        name, email = address(organiser)
        if email and email in me:
            organised = True
        elif email or name:
            others[email or name.lower()] = ContactRef(name=name, email=email, create=True)
    for attendee in values(component, "ATTENDEE"):
        name, email = address(attendee)
        params = getattr(attendee, "params", {})
        status = str(params.get("PARTSTAT", "")).upper()
        if email and email in me:
            declined = declined or status == "DECLINED"
            continue
        if str(params.get("CUTYPE", "")).upper() in NOT_PEOPLE or status == "DECLINED" or not (email or name):
            continue
        known = others.get(email or name.lower())
        if known is None:
            others[email or name.lower()] = ContactRef(name=name, email=email, create=True)
        elif not known.name and name:
            known.name = name
    if organiser is None:
        initiated = ""
    elif organised:
        initiated = "me"
    else:
        initiated = "them" if me else ""
    return {"others": list(others.values()), "declined": declined, "initiated_by": initiated}


def guess_me(calendars, components: list) -> tuple[str, str]:
    """My address when nobody said, and how it was found; ("", "") when it cannot be told."""
    for calendar in calendars:
        name = str(calendar.get("X-WR-CALNAME", "")).strip().lower()
        if ADDRESS.fullmatch(name):
            return name, "the calendar is named after it"
    counts: Counter = Counter()
    with_people = 0
    for component in components:
        addresses = {address(p)[1] for p in values(component, "ATTENDEE") + values(component, "ORGANIZER")}
        addresses.discard("")
        if addresses:
            with_people += 1
            counts.update(addresses)
    if with_people >= 3 and counts:
        best, count = counts.most_common(1)[0]
        if count >= 0.9 * with_people:
            return best, f"it is in {count:,} of the {with_people:,} events with people in them"
    return "", ""
