"""Pure functions that turn what a person typed or an import held into the forms we store and match on."""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import unquote, urlsplit

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from nameparser import HumanName

_SPACE = re.compile(r"\s+")


def clean_text(value: str | None) -> str:
    """Collapse runs of whitespace (tabs and newlines from exports included), drop NULs, and trim.

    NUL never means anything in a name or an address, and PostgreSQL refuses to store it."""
    return _SPACE.sub(" ", (value or "").replace("\x00", "")).strip()


def fold(text: str) -> str:
    """Lower-case and strip accents, so "José" matches "jose" and "Łukasz" matches "lukasz"."""
    if text.isascii():
        return text.lower()  # nothing to strip; most names and every address take this path
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_FOLD_LETTERS)


# Letters that are not a base letter plus an accent, so NFKD leaves them alone.
_FOLD_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "ı": "i", "æ": "ae", "œ": "oe",
                               "þ": "th", "ð": "d", "ħ": "h", "ŀ": "l"})


def email_or_error(address: str) -> tuple[str, str | None]:
    """(normalised address, None) or (original, why it is not an email address)."""
    address = clean_text(address)
    if address.lower().startswith("mailto:"):
        address = address[7:]
    try:
        result = validate_email(address, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as exc:
        return address, f"{address!r} is not an email address ({exc})"
    return result.normalized, None


def email_key(address: str) -> str:
    return address.strip().lower()


_PHONE_JUNK = re.compile(r"[^0-9+#*]")
_PHONE_ALLOWED = re.compile(r"^[\s0-9+()./\-#*]*(?:\s*(?:ext\.?|x|extension)\s*[0-9]+)?$", re.IGNORECASE)


def phone_or_error(raw: str, region: str | None) -> tuple[str, str, str | None]:
    """(raw, E.164 or "", None) or (raw, "", why it is not a phone number).

    A number we cannot place in a country (no +, no default region) is kept as typed, not refused:
    it is still a real number to the person who typed it.
    """
    raw = clean_text(raw)
    if raw.lower().startswith("tel:"):
        raw = raw[4:]
    if not looks_like_phone(raw):
        return raw, "", f"{raw!r} is not a phone number"
    try:
        parsed = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return raw, "", None
    # A number written with its own +country only needs a plausible length; one placed in the default
    # region must be a real number there, or a US number typed under GB would get a bogus +44.
    explicit = raw.lstrip().startswith(("+", "00"))
    if not (phonenumbers.is_valid_number(parsed) or (explicit and phonenumbers.is_possible_number(parsed))):
        return raw, "", None
    return raw, phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), None


def is_web_address(url: str) -> bool:
    """Whether text can be kept as a URL: no spaces, a dot somewhere, and a form urlsplit reads."""
    if not url or " " in url or "." not in url:
        return False
    if url.isascii() and "[" not in url and "]" not in url:
        return True  # urlsplit only refuses brackets that are no IPv6 host, and odd Unicode hosts
    try:
        urlsplit(url if "://" in url else f"https://{url}")
    except ValueError:
        return False
    return True


def looks_like_phone(raw: str) -> bool:
    """Whether text is written like a phone number (three digits or more, and phone punctuation), without
    parsing it: `phone_or_error`'s first test, which importers use to sort cells quickly."""
    raw = raw[4:] if raw.lower().startswith("tel:") else raw
    return sum(ch.isdecimal() for ch in raw) >= 3 and bool(_PHONE_ALLOWED.match(raw))


@functools.lru_cache(maxsize=65536)
def url_key(url: str) -> str:
    """A canonical form for matching: LinkedIn profiles reduce to linkedin.com/in/<slug>.

    Other sites keep their query (two videos differ only by ?v=); broken addresses fall back to their
    lower-cased text rather than raising, because importers feed us whatever the source held.
    """
    url = clean_text(url)
    try:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        host = parts.netloc.lower().removeprefix("www.")
    except ValueError:
        return url.lower()
    path = unquote(parts.path).rstrip("/")
    if host.endswith("linkedin.com"):
        old = re.match(r"^/pub/([^/]+)/([0-9a-z]{1,3})/([0-9a-z]{1,3})/([0-9a-z]{1,3})$", path, re.IGNORECASE)
        if old:
            # The old /pub/<name>/<a>/<b>/<c> form redirects to /in/<name>-<c><b><a> (b and c padded to 3).
            slug, a, b, c = old.groups()
            return f"linkedin.com/in/{fold(slug)}-{c.zfill(3).lower()}{b.zfill(3).lower()}{a.lower()}"
        match = re.match(r"^/(in|pub|company)/([^/]+)", path, re.IGNORECASE)
        if match:
            return f"linkedin.com/{match.group(1).lower()}/{fold(match.group(2))}"
        host = "linkedin.com"
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}".lower()


def split_name(display: str) -> dict[str, str]:
    """Structured parts of a full name, as nameparser reads it (it knows prefixes, suffixes, particles)."""
    name = HumanName(clean_text(display))
    return {
        "prefix": name.title,
        "given_name": name.first,
        "middle_name": name.middle,
        "family_name": name.last,
        "suffix": name.suffix,
        "nickname": name.nickname,
    }


def join_name(parts: dict[str, str]) -> str:
    ordered = [parts.get(k, "") for k in ("prefix", "given_name", "middle_name", "family_name", "suffix")]
    return clean_text(" ".join(p for p in ordered if p))


_BIRTHDAY = re.compile(r"^(?:(\d{4})|--|)-?(\d{1,2})-(\d{1,2})$")


def birthday_or_error(text: str) -> tuple[tuple[int | None, int, int] | None, str | None]:
    """Parse YYYY-MM-DD, or --MM-DD / MM-DD when the year is unknown. 29 February needs no year."""
    import calendar

    text = clean_text(text)
    if not text:
        return None, None
    match = _BIRTHDAY.match(text)
    if not match:
        return None, f"{text!r} is not a date; use YYYY-MM-DD, or --MM-DD without a year"
    year = int(match.group(1)) if match.group(1) else None
    month, day = int(match.group(2)), int(match.group(3))
    if not 1 <= month <= 12:
        return None, f"{text!r} has no month {month}"
    longest = calendar.monthrange(year if year else 2000, month)[1]
    if not 1 <= day <= longest:
        return None, f"{text!r}: {calendar.month_name[month]} has no day {day}" + (f" in {year}" if year else "")
    if year is not None and not 1800 <= year <= 2200:
        return None, f"{text!r}: the year {year} is out of range"
    return (year, month, day), None
