"""Reading mail headers fast and without failing: the header block of one message to the values the mail
importer needs (`mail.py`), addresses, dates, encoded words, and whether a message is bulk or automated."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import timezone as dt_timezone
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime

MAX_BODY_CHARS = 2_000  # of one message's text, in the notes

WANTED = frozenset({b"from", b"to", b"cc", b"bcc", b"date", b"message-id", b"in-reply-to", b"references",
                    b"subject", b"list-id", b"list-unsubscribe", b"precedence", b"auto-submitted",
                    b"delivered-to", b"x-original-to"})
MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
ADDRESS = re.compile(r"[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+")
PLAIN_ADDRESS = re.compile(r'\s*(?:(?:"([^"\\]*)"|([^"<>()\[\]:;@\\]*?))\s*<([^<>\s"(),;:@]+@[^<>\s"(),;:@]+)>'
                           r'|([^<>\s"(),;:@]+@[^<>\s"(),;:@]+))\s*')
# Senders no person writes from: no-reply and its kin anywhere in the local part; daemons, notifications and
# list machinery ("owner-list", "list+owner", "list-request", "list-bounces") by name.
ROBOT = re.compile(r"no[-_.]?reply|do[-_.]?not[-_.]?reply|^(mailer[-_.]?daemon|postmaster|notifications?|"
                   r"bounces?|owner)([-+._]|$)|[-+.](owner|request|bounces?)$", re.IGNORECASE)


def read_headers(lines: list[bytes]) -> dict[str, list[str]]:
    """The wanted headers of a header block, unfolded and decoded (UTF-8, else Latin-1), by lower-case name.
    A line that is neither a header nor a continuation ends the header it follows."""
    found: dict[bytes, list[list[bytes]]] = {}
    current = None
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            if current is not None:
                current.append(line)
            continue
        colon = line.find(b":")
        if colon <= 0:
            current = None
            continue
        name = line[:colon].strip().lower()
        if name in WANTED:
            current = [line[colon + 1:]]
            found.setdefault(name, []).append(current)
        else:
            current = None
    return {name.decode("ascii", "replace"): [header_text(b"".join(parts)) for parts in values]
            for name, values in found.items()}


def header_text(raw: bytes) -> str:
    raw = raw.replace(b"\r", b"").replace(b"\n", b"")
    try:
        return raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        return raw.decode("latin-1").strip()


def first(headers: dict[str, list[str]], name: str) -> str:
    values = headers.get(name)
    return values[0] if values else ""


def first_id(value: str) -> str:
    match = MESSAGE_ID.search(value)
    if match:
        return match.group(1)
    words = value.split()
    return words[0].strip("<>") if words else ""


def decode_words(text: str) -> str:
    """Encoded words (=?utf-8?q?...?=) decoded; whitespace collapsed."""
    if "=?" in text:
        try:
            text = str(make_header(decode_header(text)))
        except Exception:  # an unknown charset or a broken encoded word: keep the text as it came
            pass
    return " ".join(text.split())


def addresses(values: list[str]) -> list[tuple[str, str]]:
    """(name, address) of address headers. The plain forms ("Name" <a@b>, Name <a@b>, a@b, separated by
    commas) are read by one regular expression; anything else (comments, groups, quoted commas) by the
    standard library's parser, which is ten times slower."""
    found = []
    for value in values:
        pairs = []
        for part in value.split(","):
            if not part.strip():
                continue
            match = PLAIN_ADDRESS.fullmatch(part)
            if match is None:
                pairs = None
                break
            quoted, bare, bracketed, alone = match.groups()
            pairs.append((quoted if quoted is not None else (bare or ""), bracketed or alone))
        if pairs is None:
            pairs = getaddresses([value])
        for name, mailbox in pairs:
            mailbox = mailbox.strip().lower()
            if ADDRESS.fullmatch(mailbox):
                found.append((decode_words(name).strip("\"' "), mailbox))
    return found


def address(text: str) -> str:
    """The first mail address in `text`, lower-case ("Ana <Ana@X.org>" -> "ana@x.org"), or ""."""
    match = ADDRESS.search(text.lower())
    return match.group(0) if match else ""


def is_robot(mailbox: str) -> bool:
    return bool(ROBOT.search(mailbox.partition("@")[0]))


def bulk_reason(headers: dict[str, list[str]], sender: str) -> str:
    """Why a message is not a person writing to a person ("list", "bulk", "auto", "robot"), or ""."""
    if "list-id" in headers or "list-unsubscribe" in headers:
        return "list"
    if first(headers, "precedence").strip().lower() in ("bulk", "list", "junk"):
        return "bulk"
    automatic = first(headers, "auto-submitted").split(";")[0].strip().lower()
    if automatic and automatic != "no":
        return "auto"
    if sender and is_robot(sender):
        return "robot"
    return ""


def sent_at(text: str):
    """A Date header as an aware datetime (a date without a zone is taken as UTC), or None."""
    if not text:
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None or not 1900 <= when.year <= 9000:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt_timezone.utc)


def body_text(lines: list[bytes], body: bytes) -> str:
    """The plain text of a message, quoted lines left out, clipped: only when the user keeps bodies."""
    try:
        message = email.message_from_bytes(b"".join(lines) + b"\n" + body, policy=email.policy.default)
        part = message.get_body(preferencelist=("plain",))
        text = part.get_content() if part is not None else ""
    except Exception:  # a body past reading: the headers still count
        return ""
    text = "\n".join(line.rstrip() for line in text.splitlines() if not line.startswith(">")).strip()
    return text if len(text) <= MAX_BODY_CHARS else text[: MAX_BODY_CHARS - 1] + "…"
