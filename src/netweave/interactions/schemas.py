"""What the interactions API accepts and returns, kept apart from the tables."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, Field

from netweave.api_support import Id
from netweave.interactions.models import Interaction
from netweave.people.schemas import NOT_BLANK, PersonRef, Strict, iso_only, one_of

KINDS = "meeting, call, video, message, email, event or note"
SUMMARY = {**NOT_BLANK, "maxLength": 500}  # documented; the service trims it first, then checks


def _plausible(moment: datetime) -> datetime:
    # Year 1 or 9999 with a zone offset overflows when moved to UTC; nobody logs a coffee then anyway.
    if not 1800 <= moment.year <= 2200:
        raise ValueError("must be between the years 1800 and 2200")
    # The same instant in UTC: pydantic accepts offsets up to ±23:59, PostgreSQL refuses beyond ±15:59.
    # A time without a zone stays without one, to be read in the server's time zone.
    return moment.astimezone(timezone.utc) if moment.tzinfo is not None else moment


Moment = Annotated[datetime, BeforeValidator(iso_only), AfterValidator(_plausible)]


class InteractionIn(Strict):
    kind: str = Field("meeting", description=KINDS, json_schema_extra=one_of(Interaction.Kind.values))
    occurred_at: Moment = Field(description="ISO 8601; without a zone it is read in the server's time zone. "
                                              "A time in the future makes it a plan.")
    participants: list[Id] = Field(default_factory=list, description="Ids of my people who took part.")
    summary: str = Field(description="A few words on what happened.", json_schema_extra=SUMMARY)
    notes: str = ""
    initiated_by: str = Field("", description='"me", "them" or "" (unknown).',
                              json_schema_extra=one_of(Interaction.Initiator.values))
    source: str = Field("api", max_length=40)
    external_id: str = Field("", max_length=300, description="The source's own id: logging the same source and "
                                                             "external_id again updates that interaction.")


class InteractionPatch(Strict):
    """Only the fields given change; participants given replace the whole list."""

    kind: str | None = Field(None, json_schema_extra=one_of(Interaction.Kind.values, nullable=True))
    occurred_at: Moment | None = None
    participants: list[Id] | None = None
    summary: str | None = Field(None, json_schema_extra=SUMMARY)
    notes: str | None = None
    initiated_by: str | None = Field(None, json_schema_extra=one_of(Interaction.Initiator.values, nullable=True))


class InteractionOut(Schema):
    id: int
    kind: str
    occurred_at: datetime
    is_plan: bool
    participants: list[PersonRef]
    summary: str
    notes: str
    initiated_by: str
    source: str
    external_id: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_participants(obj) -> list:
        return sorted((p.person for p in obj.participations.all()), key=lambda p: (p.display_name, p.id))


class InteractionPage(Schema):
    count: int
    items: list[InteractionOut]
