"""What the people API accepts and returns; kept apart from the tables so either can change alone."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field, field_validator

from netweave.api_support import Id


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return any(_has_nul(v) for v in value)
    return False


class Clean(Schema):
    """Input without NUL characters: PostgreSQL refuses them in text, which would be a 500, not a 422."""

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value):
        if _has_nul(value):
            raise ValueError("must not contain NUL characters")
        return value


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
    organisation: Id | str = Field(description="An organisation's id, or a name (created when new).")
    title: str = ""
    start: date | None = None
    end: date | None = None


class AffiliationEndIn(Strict):
    end: date | None = Field(None, description="Defaults to today.")


class OrganisationIn(Strict):
    name: str
    domain: str = Field("", max_length=200)
    kind: str = Field("company", description="company, association, community, school or other.")
    notes: str = ""


class OrganisationPatch(Strict):
    name: str | None = None
    domain: str | None = Field(None, max_length=200)
    kind: str | None = None
    notes: str | None = None


class TieIn(Strict):
    person_a: Id
    person_b: Id
    kind: str = Field(description="colleague, friend, family, mentor (a mentors b), introduced, met_at or other.")
    source: str = "me"
    evidence: str = ""


class TiePatch(Strict):
    kind: str | None = None
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
