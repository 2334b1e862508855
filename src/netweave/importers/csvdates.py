"""Dates as contact exports write them: birthdays (ISO, --MM-DD, Outlook's 1/20/1991 or 20.01.1991,
Thunderbird's three columns), LinkedIn's "09 Oct 2024" and "10/4/18, 9:12 AM", and message times."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta

from netweave.people.normalize import birthday_or_error, clean_text

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
    "nov": 11, "dec": 12,
    # German and French spellings that differ in their first letters
    "mär": 3, "mrz": 3, "mai": 5, "okt": 10, "dez": 12, "janv": 1, "févr": 2, "fev": 2, "avr": 4, "juin": 6,
    "juil": 7, "août": 8, "aou": 8, "déc": 12,
}
# Years that mean "no year": vCard's and Apple's placeholders.
NO_YEAR = {0, 1604}

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NO_YEAR = re.compile(r"^--(\d{1,2})-?(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,4})([/.\-])(\d{1,2})(?:\2(\d{2,4}))?\.?(?:,?\s.*)?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})(?:,?\s.*)?$")
_MONTH_DAY = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s.*)?$")
_EMPTY = re.compile(r"^[0\W_]*$")  # Outlook's "0/0/00" and "0000-00-00" mean no date


def is_empty_date(text: str) -> bool:
    return bool(_EMPTY.match(clean_text(text)))


def _month(word: str) -> int | None:
    word = word.casefold()
    for n in (4, 3):
        if word[:n] in MONTHS:
            return MONTHS[word[:n]]
    return None


def full_year(text: str) -> int:
    """A two-digit year in the century that puts it no later than this year (85 -> 1985, 18 -> 2018)."""
    year = int(text)
    if len(text) > 2:
        return year
    this = date.today().year
    year += 2000
    return year if year <= this else year - 100


def parse_date(text: str, *, dayfirst: bool | None = None) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) from the common written forms, or None. `dayfirst` settles 03/04/1980;
    a part above 12 settles it whatever `dayfirst` says; dots (20.01.1991) are always day first."""
    text = clean_text(text)
    for pattern in (_ISO, _BASIC):
        if m := pattern.match(text):
            return _checked(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _NO_YEAR.match(text):
        return _checked(None, int(m.group(1)), int(m.group(2)))
    if m := _NUMERIC.match(text):
        a, sep, b, c = m.groups()
        if len(a) == 4:
            return _checked(int(a), int(b), int(c)) if c else None
        if len(a) == 3:
            return None
        year = full_year(c) if c else None
        x, y = int(a), int(b)
        if sep == "." or x > 12:
            day_first = True
        elif y > 12:
            day_first = False
        else:
            day_first = bool(dayfirst)
        return _checked(year, y, x) if day_first else _checked(year, x, y)
    if m := _DAY_MONTH.match(text):
        month = _month(m.group(2))
        return _checked(int(m.group(3)), month, int(m.group(1))) if month else None
    if m := _MONTH_DAY.match(text):
        month = _month(m.group(1))
        return _checked(int(m.group(3)), month, int(m.group(2))) if month else None
    return None


def _checked(year: int | None, month: int, day: int) -> tuple[int | None, int, int] | None:
    if year in NO_YEAR:
        year = None
    if not 1 <= month <= 12:
        return None
    if not 1 <= day <= calendar.monthrange(year or 2000, month)[1]:
        return None
    return year, month, day


def birthday_text(year: int | None, month: int, day: int) -> str | None:
    """The form clean_person takes ("1980-02-29", "--02-29"), or None when it would refuse it."""
    text = f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    return text if birthday_or_error(text)[1] is None else None


def parse_birthday(text: str, *, dayfirst: bool | None = None) -> str | None:
    found = parse_date(text, dayfirst=dayfirst)
    return birthday_text(*found) if found else None


def parse_day(text: str) -> date | None:
    """A day with its year, as LinkedIn writes "Connected On" (09 Oct 2024; 10/4/18, 9:12 AM in 2018)."""
    m = _DAY_MONTH.match(text)  # the 2024 form, 30,000 times over: try it first
    month = _month(m.group(2)) if m else None
    found = _checked(int(m.group(3)), month, int(m.group(1))) if month else parse_date(text, dayfirst=False)
    if not found or found[0] is None:
        return None
    return date(*found)


_MOMENT = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2})?$")
_US_MOMENT = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2,4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$")


def parse_moment(text: str) -> datetime | None:
    """A timezone-aware time from a message export; times without a zone are taken as UTC."""
    text = clean_text(text)
    try:
        if m := _MOMENT.match(text):
            y, mo, d, h, mi, s, zone = m.groups()
            moment = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0), tzinfo=UTC)
            if zone and zone[0] in "+-":
                sign = 1 if zone[0] == "+" else -1
                digits = zone[1:].replace(":", "")
                moment -= sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            return moment
        if m := _US_MOMENT.match(text):
            mo, d, y, h, mi, s, half = m.groups()
            hour = int(h) % 12 + (12 if half and half.lower() == "pm" else 0) if half else int(h)
            return datetime(full_year(y), int(mo), int(d), hour, int(mi), int(s or 0), tzinfo=UTC)
    except ValueError:
        return None
    try:
        from dateutil import parser

        moment = parser.parse(text)
    except (ValueError, OverflowError, parser.ParserError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
