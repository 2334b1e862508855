"""What the people API accepts and returns; kept apart from the tables so either can change alone
(only the kinds a table accepts are read from it, so the schema documents what the services check)."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field, field_validator

from netweave.api_support import Id
from netweave.people.models import Organisation, Tie

MAX_DEPTH = 32  # lists and objects inside `extra`; deeper input is refused, not recursed into
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def unstorable(value) -> str | None:
    """Why no database can store `value`, or None. Walked without recursion, so depth cannot crash it.

    NUL: PostgreSQL refuses it in text. An unpaired surrogate ("\\ud800" in JSON): neither database can
    encode it. NaN, Infinity or a number too large for a float (1e400): not JSON, so the JSON column
    refuses it. Each would otherwise be a 500, not a 422 naming the field.
    """
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return "must not contain NUL characters"
            if _SURROGATE.search(item):
                return "must not contain unpaired surrogates (\\ud800-\\udfff): text must be valid Unicode"
        elif isinstance(item, float):
            if not math.isfinite(item):
                return "must not contain NaN, Infinity or numbers too large for a float"
        elif isinstance(item, (dict, list, tuple)):
            if depth >= MAX_DEPTH:
                return f"must not nest lists or objects more than {MAX_DEPTH} deep"
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return None


class Clean(Schema):
    """Input every database can store: see `unstorable`."""

    @field_validator("*", mode="before")
    @classmethod
    def _storable(cls, value):
        why = unstorable(value)
        if why:
            raise ValueError(why)
        return value


_NUMBER = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*")


def iso_only(value):
    """Refuse a number where a date or a date and time is due.

    Pydantic reads a number, or a string of digits, as seconds since 1970: "20240101" would be stored as
    23 August 1970, and "0" as 1 January 1970. The schema says ISO 8601, so only that is read.
    """
    if isinstance(value, (int, float)) or (isinstance(value, str) and _NUMBER.fullmatch(value)):
        raise ValueError("must be written as ISO 8601 (2024-05-01 or 2024-05-01T14:30), not as a number")
    return value


Day = Annotated[date, BeforeValidator(iso_only)]


def one_of(values, *, nullable: bool = False) -> dict:
    """Document the values a service accepts for a text field; the service still checks and names them."""
    return {"enum": [*values, None] if nullable else list(values)}


NOT_BLANK = {"pattern": r"\S"}  # documented: the services refuse text that is empty once trimmed


class Strict(Clean):
    """Input that refuses unknown fields, so a misspelt field is an error rather than silently dropped."""

    model_config = ConfigDict(extra="forbid")


# ---- input --------------------------------------------------------------------------------------------

class EmailIn(Strict):
    address: str
    label: str = ""


class PhoneIn(Strict):
    number: str
    label: str = ""


class UrlIn(Strict):
    url: str
    label: str = ""


class AddressIn(Strict):
    label: str = ""
    street: str = ""
    locality: str = ""
    region: str = ""
    postcode: str = ""
    country: str = ""
    po_box: str = ""
    extended: str = ""


def _text_as(main: str):
    """Let a list item be a plain string: "ana@example.com" means {"address": "ana@example.com"}."""
    return BeforeValidator(lambda v: {main: v} if isinstance(v, str) else v)


EmailItem = Annotated[EmailIn, _text_as("address")]
PhoneItem = Annotated[PhoneIn, _text_as("number")]
UrlItem = Annotated[UrlIn, _text_as("url")]


class PersonIn(Strict):
    """A new person. Give display_name, or the name parts and it is built from them.

    Emails, phones and URLs may also be plain strings. The service checks every value and names the
    field (and list position, e.g. "emails[1]") that it refuses.
    """

    display_name: str | None = None
    prefix: str | None = None
    given_name: str | None = None
    middle_name: str | None = None
    family_name: str | None = None
    suffix: str | None = None
    nickname: str | None = None
    pronouns: str | None = None
    emails: list[EmailItem] | None = Field(None, description='Each {"address", "label"}, or just the address.')
    phones: list[PhoneItem] | None = Field(None, description='Each {"number", "label"}, or just the number.')
    urls: list[UrlItem] | None = Field(None, description='Each {"url", "label"}, or just the URL.')
    addresses: list[AddressIn] | None = None
    birthday: str | None = Field(None, description='"YYYY-MM-DD", or "--MM-DD" when the year is unknown.')
    circle: str | None = Field(None, description="A circle's name (inner, close, active, wide by default).")
    tags: list[str] | None = None
    interests: list[str] | None = None
    expertise: list[str] | None = None
    introduced_by: Id | None = Field(None, description="The id of the person who introduced us.")
    met_at_event: Id | None = Field(None, description="The id of the interaction (an event) where we met.")
    organisation: str | None = Field(None, description="Current organisation, by name; created when new.")
    title: str | None = None
    location: str | None = None
    met_how: str | None = None
    notes: str | None = None
    extra: dict[str, Any] | None = None


class PersonPatch(PersonIn):
    """Only the fields given change; a list given replaces the whole list. null clears a field."""


class MergeIn(Strict):
    other_id: Id = Field(description="The person folded into this one, then deleted.")


class AffiliationIn(Strict):
    organisation: Id | Annotated[str, Field(json_schema_extra=NOT_BLANK)] = Field(
        description="An organisation's id, or a name (created when new).")
    title: str = ""
    start: Day | None = None
    end: Day | None = None


class AffiliationEndIn(Strict):
    end: Day | None = Field(None, description="Defaults to today.")


class OrganisationIn(Strict):
    name: str = Field(json_schema_extra=NOT_BLANK)
    domain: str = Field("", max_length=200)
    kind: str = Field("company", description="company, association, community, school or other; empty means company.",
                      json_schema_extra=one_of(["", *Organisation.Kind.values]))
    notes: str = ""


class OrganisationPatch(Strict):
    name: str | None = Field(None, json_schema_extra=NOT_BLANK)
    domain: str | None = Field(None, max_length=200)
    kind: str | None = Field(None, json_schema_extra=one_of(Organisation.Kind.values, nullable=True))
    notes: str | None = None


class TieIn(Strict):
    person_a: Id
    person_b: Id
    kind: str = Field(description="colleague, friend, family, mentor (a mentors b), introduced, met_at or other.",
                      json_schema_extra=one_of(Tie.Kind.values))
    source: str = "me"
    evidence: str = ""


class TiePatch(Strict):
    kind: str | None = Field(None, json_schema_extra=one_of(Tie.Kind.values, nullable=True))
    evidence: str | None = None


# ---- output -------------------------------------------------------------------------------------------

class PersonRef(Schema):
    id: int
    display_name: str


class OrganisationRef(Schema):
    id: int
    name: str


class PersonListItem(Schema):
    id: int
    display_name: str
    current_organisation: OrganisationRef | None
    current_title: str
    circle: str | None
    last_contact_at: datetime | None
    archived: bool

    @staticmethod
    def resolve_circle(obj) -> str | None:
        return obj.circle.name if obj.circle_id else None


class PersonPage(Schema):
    count: int
    items: list[PersonListItem]


class EmailOut(Schema):
    address: str
    label: str


class PhoneOut(Schema):
    number: str = Field(alias="raw")
    e164: str
    label: str


class UrlOut(Schema):
    url: str
    label: str


class AddressOut(Schema):
    label: str
    street: str
    locality: str
    region: str
    postcode: str
    country: str
    po_box: str
    extended: str


class AffiliationOut(Schema):
    id: int
    person_id: int
    organisation: OrganisationRef
    title: str
    start: date | None
    end: date | None
    current: bool = Field(alias="is_current")


class TieSummary(Schema):
    """A tie as seen from one person: the other person and how they relate ("mentored by")."""

    id: int
    kind: str
    description: str
    person: PersonRef


class PersonOut(Schema):
    id: int
    display_name: str
    prefix: str
    given_name: str
    middle_name: str
    family_name: str
    suffix: str
    nickname: str
    pronouns: str
    birthday: str
    location: str
    circle: str | None
    introduced_by: PersonRef | None
    met_at_event: int | None = Field(alias="met_at_event_id")
    met_how: str
    notes: str
    tags: list[str]
    interests: list[str]
    expertise: list[str]
    emails: list[EmailOut]
    phones: list[PhoneOut]
    urls: list[UrlOut]
    addresses: list[AddressOut]
    current_organisation: OrganisationRef | None
    current_title: str
    affiliations: list[AffiliationOut]
    ties: list[TieSummary]
    last_contact_at: datetime | None
    archived: bool
    archived_at: datetime | None
    extra: dict[str, Any]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_circle(obj) -> str | None:
        return obj.circle.name if obj.circle_id else None

    @staticmethod
    def resolve_tags(obj) -> list[str]:
        return [t.name for t in obj.tags.all() if t.kind == "tag"]

    @staticmethod
    def resolve_interests(obj) -> list[str]:
        return [t.name for t in obj.tags.all() if t.kind == "interest"]

    @staticmethod
    def resolve_expertise(obj) -> list[str]:
        return [t.name for t in obj.tags.all() if t.kind == "expertise"]

    @staticmethod
    def resolve_ties(obj) -> list[dict]:
        from netweave.people.services import ties_of

        return [
            {"id": t.id, "kind": t.kind, "description": t.describe_from(obj), "person": t.other(obj)}
            for t in ties_of(obj)
        ]


class OrganisationOut(Schema):
    id: int
    name: str
    domain: str
    kind: str
    notes: str
    people_now: int = Field(0, description="People whose current role is here (archived people not counted).")


class OrganisationPage(Schema):
    count: int
    items: list[OrganisationOut]


class TieOut(Schema):
    id: int
    person_a: PersonRef
    person_b: PersonRef
    kind: str
    source: str
    evidence: str
    created_at: datetime


class TiePage(Schema):
    count: int
    items: list[TieOut]
