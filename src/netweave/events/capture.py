"""Reading the lines of an event capture: who I met, a line each. Nothing is looked up or written here.

One person a line:

    Ana Lima, CTO at Acme — works on grid batteries; send her the deck by Friday
    + Bo Chen (Acme) <bo@acme.com> - her co-founder; intro to Cy about hiring

- The name comes first. "Ana Lima #12" (or "#12") names one of my people by id, as forms write namesakes.
- After a comma, or in parentheses after the name: where they work. "CTO at Acme" gives a title as well.
- An email address before the dash (in angle brackets or bare) is theirs; it also finds them if known.
- After a dash with spaces around it (" - ", " – ", " — ", " -- ") or a colon: a line about them.
- After each semicolon: a follow-up, due on the day its words name ("by Friday"), else in a week. A leading
  "follow up:", "todo:" or "to do:" is dropped.
- A line starting with "+" is someone I met together with the person on the line above, which records a
  "met at" tie between them (a run of "+" lines is one group, every pair tied).
- Bullets ("-", "*", "•", "1.", "2)") before the name are ignored, and so are blank lines.

A line that cannot be one person (no name, two people joined by "and", something that reads as a sentence)
carries an `error` instead; `parse_lines` never raises, whatever the text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from netweave.core.ids import parse_id
from netweave.people.normalize import clean_text, email_or_error, fold

MAX_LINES = 200
MAX_LINE = 2000
MAX_NAME = 200
MAX_FOLLOW_UP = 500  # nurture's FollowUp.text
MAX_NAME_WORDS = 6  # longer, and it is a sentence whose dash was forgotten, not a name

_BULLET = re.compile(r"^(?:[-*•·◦‣]+|\d{1,3}[.)])\s+")
# The first dash with spaces around it, or a colon, ends the name and organisation.
_ABOUT = re.compile(r"\s+(?:--|[-–—])\s+|\s*:\s+|\s+[–—]|[–—]\s+")
_EMAIL = re.compile(r"<\s*([^<>\s]+@[^<>\s]+)\s*>|(?<![\w.+-])([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)")
_ID = re.compile(r"(?:^|\s)#(\d+)\s*$")
_PARENS = re.compile(r"\s*\(([^()]*)\)\s*$")
_AT = re.compile(r"\s+(?:at|@)\s+", re.IGNORECASE)
_TWO_PEOPLE = re.compile(r"\s(?:and|&|\+)\s", re.IGNORECASE)
_FOLLOW_LEAD = re.compile(r"^(?:follow[\s-]?up|todo|to do|next)\s*[:\-–—]\s*", re.IGNORECASE)
_HAS_WORD = re.compile(r"\w")
_LOOSE = " -–—*•·,;:"  # stray punctuation around a name


@dataclass
class Line:
    """One line as read: who, where they work, what about them, what I promised."""

    number: int  # 1-based, counting every line of the text, so an error can say where
    text: str  # as written, whitespace collapsed
    name: str = ""
    person_id: int | None = None  # "#12": one of my people, by id
    email: str = ""
    organisation: str = ""
    title: str = ""
    about: str = ""
    follow_ups: list[str] = field(default_factory=list)
    together: bool = False  # met together with the line above
    error: str = ""

    @property
    def key(self) -> str:
        """What makes two lines the same one: what they say, folded, so a line typed again (with another
        bullet, other spacing or case) is not captured twice."""
        parts = [self.name, str(self.person_id or ""), self.email, self.title, self.organisation, self.about,
                 *self.follow_ups, "+" if self.together else ""]
        said = fold("\x1f".join(parts))
        return hashlib.sha256(said.encode("utf-8", "surrogatepass")).hexdigest()


def parse_lines(text: str) -> list[Line]:
    """Every person line of `text`, in order; lines past MAX_LINES come back as errors."""
    lines: list[Line] = []
    for number, raw in enumerate((text or "").replace("\x00", "").splitlines(), 1):
        written = clean_text(raw)
        if not written:
            continue
        if len(lines) >= MAX_LINES:
            lines.append(Line(number, written[:100], error=f"one capture takes at most {MAX_LINES} people"))
            break
        lines.append(parse_line(written, number))
    return lines


def parse_line(written: str, number: int = 1) -> Line:
    """One line, read forgivingly; what cannot be read is said in `error`."""
    written = clean_text(written)
    together = written.startswith("+")
    body = _BULLET.sub("", written.lstrip("+").strip())
    line = Line(number, written, together=together)
    if len(written) > MAX_LINE:
        line.error = f"is {len(written)} characters long; a line takes at most {MAX_LINE}"
        return line
    head, *promises = body.split(";")
    line.follow_ups = [p for p in (clean_text(_FOLLOW_LEAD.sub("", p.strip())) for p in promises) if p]
    too_long = next((f for f in line.follow_ups if len(f) > MAX_FOLLOW_UP), None)
    if too_long:
        line.error = f"a follow-up is {len(too_long)} characters long; at most {MAX_FOLLOW_UP}"
        return line
    parts = _ABOUT.split(head, maxsplit=1)
    who = parts[0].strip()
    line.about = clean_text(parts[1]) if len(parts) > 1 else ""
    who = _take_email(who, line)
    if line.error:
        return line
    name, _, where = who.partition(",")
    name, where = name.strip(), where.strip(" ,")
    parens = _PARENS.search(name)
    if parens and not where:
        name, where = name[:parens.start()].strip(), parens.group(1).strip()
    by_id = _ID.search(name)
    if by_id:
        line.person_id = parse_id(by_id.group(1))
        name = name[:by_id.start()].strip()
        if line.person_id is None:
            line.error = f"#{by_id.group(1)[:20]} is not a person's number"
            return line
    line.name = clean_text(name).strip(_LOOSE)
    line.title, line.organisation = _role(where)
    line.error = _why_not_a_name(line)
    return line


def _take_email(who: str, line: Line) -> str:
    """Take the first email address out of the name part, into `line.email`."""
    match = _EMAIL.search(who)
    if match is None:
        return who
    address, why = email_or_error(match.group(1) or match.group(2))
    if why:
        line.error = why
        return who
    line.email = address
    return clean_text(who[:match.start()] + " " + who[match.end():]).strip(" ,")


def _role(where: str) -> tuple[str, str]:
    """(title, organisation) from "Acme", "CTO at Acme" or "CTO @ Acme"."""
    where = clean_text(where)
    if not where:
        return "", ""
    title, at, organisation = (part.strip() for part in _split_at(where))
    if at and title and organisation:
        return title[:200], organisation[:200]
    return "", where[:200]


def _split_at(where: str) -> tuple[str, str, str]:
    match = _AT.search(where)
    if match is None:
        return "", "", where
    return where[:match.start()], match.group(), where[match.end():]


def _why_not_a_name(line: Line) -> str:
    name = line.name
    if not name:
        return "" if line.person_id or line.email else "starts with no name: write the person's name first"
    if not _HAS_WORD.search(name):
        return f"{name[:40]!r} is not a name"
    if len(name) > MAX_NAME:
        return f"the name is {len(name)} characters long; at most {MAX_NAME}"
    if len(name.split()) > MAX_NAME_WORDS:
        return (f"{name[:40]!r}… is long for a name: put a dash after the name, as in "
                "“Ana Lima — works on grid batteries”")
    if _TWO_PEOPLE.search(f" {name} "):
        return ("one person a line: put each on a line of their own, the second starting with + "
                "if you met them together")
    if "@" in name:
        return f"{name[:40]!r} is neither a name nor an email address (one needs a domain, such as acme.com)"
    return ""


def groups(lines: list[Line]) -> list[list[int]]:
    """Indexes of lines met together: a line and the "+" lines straight after it (groups of two or more)."""
    found: list[list[int]] = []
    current: list[int] = []
    for index, line in enumerate(lines):
        if line.together and current:
            current.append(index)
        else:
            if len(current) > 1:
                found.append(current)
            current = [index]
    if len(current) > 1:
        found.append(current)
    return found
