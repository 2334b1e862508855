"""What the opportunities and contributions API accepts and returns, kept apart from the tables; the kinds,
statuses and roles are read from them so the schema documents what the services check."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema
from pydantic import field_validator

from netweave.api_support import Id
from netweave.opportunities.models import Contribution, Opportunity, OpportunityPerson
from netweave.opportunities.services import MAX_AUDIENCE, MAX_NOTES, MAX_TITLE, MAX_URL
from netweave.people.schemas import NOT_BLANK, Clean, Day, OrganisationRef, PersonRef, Strict, one_of


def known(value, values: list[str]):
    if value is not None and value not in values:
        raise ValueError(f"must be one of {', '.join(values)}")
    return value


# ---- contributions -------------------------------------------------------------------------------------------

class ContributionIn(Strict):
    title: str = Field(max_length=MAX_TITLE, json_schema_extra=NOT_BLANK)
    kind: str = Field(Contribution.Kind.TALK, json_schema_extra=one_of(Contribution.Kind.values))
    day: Day | None = Field(None, description="Default: today.")
    url: str = Field("", max_length=MAX_URL)
    audience: str = Field("", max_length=MAX_AUDIENCE, description="Where, or for whom.")
    notes: str = Field("", max_length=MAX_NOTES)


class ContributionPatch(Strict):
    title: str | None = Field(None, max_length=MAX_TITLE, json_schema_extra=NOT_BLANK)
    kind: str | None = Field(None, json_schema_extra=one_of(Contribution.Kind.values, nullable=True))
    day: Day | None = None
    url: str | None = Field(None, max_length=MAX_URL)
    audience: str | None = Field(None, max_length=MAX_AUDIENCE)
    notes: str | None = Field(None, max_length=MAX_NOTES)


class ContributionOut(Schema):
    id: int
    kind: str
    title: str
    day: date
    url: str
    audience: str
    notes: str
    created_at: datetime


class ContributionRow(ContributionOut):
    followed: int = Field(description="Opportunities that followed it.")
    won: int = Field(description="Of those, won.")


class ContributionPage(Schema):
    count: int
    items: list[ContributionRow]


class ContributionFilters(Clean):
    kind: str | None = Field(None, json_schema_extra=one_of(Contribution.Kind.values, nullable=True))

    @field_validator("kind")
    @classmethod
    def _kind(cls, value):
        return known(value, Contribution.Kind.values)


# ---- opportunities -------------------------------------------------------------------------------------------

class ThroughIn(Strict):
    person: Id
    role: str = Field(OpportunityPerson.Role.REFERRER, json_schema_extra=one_of(OpportunityPerson.Role.values))


class OpportunityIn(Strict):
    title: str = Field(max_length=MAX_TITLE, json_schema_extra=NOT_BLANK)
    kind: str = Field(Opportunity.Kind.JOB, json_schema_extra=one_of(Opportunity.Kind.values))
    status: str = Field(Opportunity.Status.OPEN, json_schema_extra=one_of(Opportunity.Status.values))
    organisation: Id | str | None = Field(None, description="An organisation's id, or a name (created when new).")
    notes: str = Field("", max_length=MAX_NOTES)
    day: Day | None = Field(None, description="When it came up; default: today.")
    people: list[ThroughIn] = Field([], max_length=50, description="The people it came through, with their role.")
    introduction: Id | None = Field(None, description="The introduction it came through.")
    contribution: Id | None = Field(None, description="The contribution it followed.")


class OpportunityPatch(Strict):
    title: str | None = Field(None, max_length=MAX_TITLE, json_schema_extra=NOT_BLANK)
    kind: str | None = Field(None, json_schema_extra=one_of(Opportunity.Kind.values, nullable=True))
    status: str | None = Field(None, json_schema_extra=one_of(Opportunity.Status.values, nullable=True))
    organisation: Id | str | None = Field(None, description="Send null for none; leave it out to keep it.")
    notes: str | None = Field(None, max_length=MAX_NOTES)
    day: Day | None = None
    introduction: Id | None = Field(None, description="Send null for none; leave it out to keep it.")
    contribution: Id | None = Field(None, description="Send null for none; leave it out to keep it.")


class ThroughOut(Schema):
    person: PersonRef
    role: str


class IntroductionRef(Schema):
    id: int
    person_a: PersonRef
    person_b: PersonRef
    state: str


class ContributionRef(Schema):
    id: int
    kind: str
    title: str
    day: date


class OpportunityOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    organisation: OrganisationRef | None
    notes: str
    day: date
    people: list[ThroughOut] = Field(description="The people it came through, each once.")
    introduction: IntroductionRef | None
    contribution: ContributionRef | None
    created_at: datetime
    updated_at: datetime
    status_changed_at: datetime | None


class OpportunityPage(Schema):
    count: int
    items: list[OpportunityOut]


class OpportunityFilters(Clean):
    status: str | None = Field(None, json_schema_extra=one_of(Opportunity.Status.values, nullable=True))
    kind: str | None = Field(None, json_schema_extra=one_of(Opportunity.Kind.values, nullable=True))
    person: Id | None = Field(None, description="Only those that came through this person.")
    in_play: bool | None = Field(None, description="true: open or pursuing; false: settled.")

    @field_validator("status")
    @classmethod
    def _status(cls, value):
        return known(value, Opportunity.Status.values)

    @field_validator("kind")
    @classmethod
    def _kind(cls, value):
        return known(value, Opportunity.Kind.values)


class StatusIn(Strict):
    status: str = Field(json_schema_extra=one_of(Opportunity.Status.values))


class ReputationOut(Schema):
    contributions: int
    by_kind: dict[str, int]
    followed: int = Field(description="Contributions with at least one opportunity after them.")
    invitations: int = Field(description="Opportunities that followed a contribution.")
    won: int


def _person(person) -> dict:
    return {"id": person.pk, "display_name": person.display_name}


def opportunity_out(o: Opportunity) -> dict:
    from netweave.opportunities.queries import came_through

    intro, contribution = o.introduction, o.contribution
    return {
        "id": o.pk, "kind": o.kind, "title": o.title, "status": o.status, "notes": o.notes, "day": o.day,
        "organisation": {"id": o.organisation.pk, "name": o.organisation.name} if o.organisation else None,
        "people": [{"person": _person(link.person), "role": link.role} for link in came_through(o)],
        "introduction": {"id": intro.pk, "person_a": _person(intro.person_a), "person_b": _person(intro.person_b),
                         "state": intro.state} if intro else None,
        "contribution": {"id": contribution.pk, "kind": contribution.kind, "title": contribution.title,
                         "day": contribution.day} if contribution else None,
        "created_at": o.created_at, "updated_at": o.updated_at, "status_changed_at": o.status_changed_at,
    }
