"""What every importer produces: plain records of people and interactions, before any matching.

A format module reads a file and yields these; the engine (`planning`, `applying`) decides what each
record means for the database. Records carry where in the file they came from, so every message can
point at the card, row or line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class Rejected(Exception):
    """A file that cannot be imported as a whole. `where` names the line, row, card or entry ("line 12",
    "card 3 (line 40)", "Connections.csv row 7"), `why` says what is wrong in words a user understands.
    The engine adds the file name; nothing of a rejected file is written."""

    def __init__(self, where: str, why: str, *, file: str = ""):
        self.where = where
        self.why = why
        self.file = file
        super().__init__(self.message)

    @property
    def message(self) -> str:
        file = "" if self.where.startswith(self.file) else self.file  # "Connections.csv row 7" names it already
        place = ", ".join(p for p in (file, self.where) if p)
        return f"{place}: {self.why}" if place else self.why


@dataclass
class PersonRecord:
    """One person as a file describes them.

    `data` has the shape `people.validation.clean_person` takes (see `PERSON_FIELDS`): display_name and
    name parts, emails [{"address", "label"}], phones [{"number", "label"}], urls [{"url", "label"}],
    addresses [{"street", "locality", "region", "postcode", "country", "po_box", "extended", "label"}],
    birthday ("YYYY-MM-DD" or "--MM-DD"), organisation, title, nickname, notes, tags, interests,
    expertise, and `extra`: a dict of everything the model has no column for, under one key per format
    ({"vcard": {...}}, {"csv": {column: value}}, {"linkedin": {"connected_on": "2024-10-09"}}) so an
    export can give it back. A value the model cannot hold is never dropped: it goes into `extra`.
    """

    where: str
    data: dict
    key: str = ""  # the source's own id for this person (a vCard UID, a LinkedIn profile URL), if it has one
    photo: bytes | None = None  # image bytes (PNG, JPEG, GIF, WebP); anything else is kept in extra, not here
    raw: str = ""  # the card or row exactly as read, kept with the import so nothing is lost


@dataclass
class ContactRef:
    """Someone an interaction names: matched to a person by email, phone, profile URL, then name."""

    name: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    # May the engine create a person when nobody matches? Calendar attendees: yes. Mail correspondents:
    # only people I wrote to, so ten years of newsletters do not become contacts.
    create: bool = True


@dataclass
class InteractionRecord:
    """Something that happened: a meeting from a calendar, a mail thread on one day, a LinkedIn message.

    `key` is the source's stable id for it (for idempotent re-import: the same key updates, never
    duplicates). `occurred_at` is timezone-aware. `kind` is an `Interaction.Kind` value.
    `initiated_by` is "me", "them" or "" (unknown).
    """

    where: str
    key: str
    kind: str
    occurred_at: datetime
    summary: str
    participants: list[ContactRef] = field(default_factory=list)
    notes: str = ""
    initiated_by: str = ""


@dataclass
class Skip:
    """Something in the file deliberately not imported (a cancelled event, a mailing-list message), and why.
    Skips are counted and shown in the summary; they do not reject the file."""

    where: str
    why: str
    count: int = 1  # one Skip may stand for many alike (100,000 messages need not make 100,000 Skips)


@dataclass
class Note:
    """Something the user should know about how the file was read (whose mailbox it was taken to be), shown
    beside the values kept aside; it is not a skip."""

    where: str
    why: str


Record = PersonRecord | InteractionRecord | Skip | Note
