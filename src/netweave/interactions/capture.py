"""Quick capture: read "Coffee with Ana Lima and Bo Chen yesterday" into a kind, people and a time.

The CLI's `netweave log` and the web's capture box both use this, then resolve the names with
`people.queries.resolve_person`. Nothing is written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from netweave.interactions.when import WEEKDAYS

KIND_WORDS = {
    "video": ("zoom", "video", "meet call", "teams", "facetime", "hangout"),
    "call": ("call", "called", "phone", "rang"),
    "email": ("email", "emailed", "mail", "mailed"),
    "message": ("message", "messaged", "texted", "text", "dm", "whatsapp", "signal", "chat"),
    "event": ("conference", "meetup", "event", "talk", "workshop", "party"),
    "meeting": ("coffee", "lunch", "dinner", "breakfast", "drinks", "meeting", "met", "meet", "walk"),
}
# What parse_when reads; the time tail also cuts a few phrases it does not ("tonight").
_AGO = r"(?:\d+|an?|one|two|three)\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago"
_WHEN = r"yesterday|today|tomorrow|(?:last|on|next)\s+(?:" + "|".join(WEEKDAYS) + r")|" + _AGO
_TIME_TAIL = re.compile(
    r"\s+(?:" + _WHEN + r"|tonight|this morning|this afternoon|last night)\b.*$",
    re.IGNORECASE,
)
_WHEN_WORD = re.compile(r"\b(" + _WHEN + r")\b", re.IGNORECASE)
# Words that end the list of names; "re:" and "about:" end it too, so no \s+ is needed after them.
_STOP = re.compile(r"\s+(?:about|re|regarding|to discuss|to talk|at|in|for|over|on|from)\b|[.;:!?()\[\]]",
                   re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\+)\s*", re.IGNORECASE)


@dataclass
class Capture:
    text: str
    names: list[str] = field(default_factory=list)
    kind: str = "meeting"
    when_text: str = ""


def read_capture(text: str) -> Capture:
    text = " ".join((text or "").split())
    capture = Capture(text=text, kind=guess_kind(text))
    when = _WHEN_WORD.search(text)
    if when:
        capture.when_text = when.group(1)
    match = re.search(r"\b(?:with|w/)\s+(.+)$", text, re.IGNORECASE)
    if match:
        tail = _TIME_TAIL.sub("", match.group(1))
        tail = _STOP.split(tail, maxsplit=1)[0]
        capture.names = [n.strip() for n in _SPLIT.split(tail) if n.strip()]
    return capture


def guess_kind(text: str) -> str:
    lowered = f" {text.lower()} "
    for kind, words in KIND_WORDS.items():
        if any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words):
            return kind
    return "meeting"
