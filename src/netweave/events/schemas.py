"""What the events API accepts and returns, kept apart from the tables."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema
from pydantic import model_validator

from netweave.api_support import Id
from netweave.events.capture import MAX_LINE, MAX_LINES
from netweave.events.models import EventPerson
from netweave.interactions.schemas import Moment
from netweave.people.schemas import NOT_BLANK, Clean, PersonRef, Strict, one_of

PLANNED = [EventPerson.Status.EXPECTED.value, EventPerson.Status.WANT.value]


class EventIn(Strict):
    name: str = Field(json_schema_extra={**NOT_BLANK, "maxLength": 200})
    starts_at: Moment = Field(description="ISO 8601; without a zone it is read in the server's time zone.")
    ends_at: Moment | None = None
    location: str = Field("", max_length=300)
    url: str = Field("", max_length=1000)
    description: str = Field("", max_length=20_000)


class EventPatch(Strict):
    """Only the fields given change."""

    name: str | None = Field(None, json_schema_extra={**NOT_BLANK, "maxLength": 200})
    starts_at: Moment | None = None
    ends_at: Moment | None = None
    location: str | None = Field(None, max_length=300)
    url: str | None = Field(None, max_length=1000)
    description: str | None = Field(None, max_length=20_000)


class EventOut(Schema):
    id: int
    name: str
    starts_at: datetime
    ends_at: datetime | None
    location: str
    url: str
    description: str
    source: str = Field(description='"" made here, "ics" imported from a calendar file.')
    external_id: str
    interaction_id: int | None = Field(description="The interaction a capture made, once captured.")
    created_at: datetime
    updated_at: datetime


class EventRow(EventOut):
    met_count: int
    planned_count: int = Field(description="People expected or wanted there, not met yet.")


class EventPage(Schema):
    count: int
    items: list[EventRow]


class EventFilters(Clean):
    when: str = Field("", description='"upcoming" (from today on, soonest first), "past", or "" for all.',
                      json_schema_extra=one_of(["", "upcoming", "past"]))


class EventGoalIn(Strict):
    text: str = Field(description='"meet three people working on climate fintech"',
                      json_schema_extra={**NOT_BLANK, "maxLength": 300})
    target: int | None = Field(None, ge=1, le=1000, description="How many people; read from the text when absent.")
    topic: str | None = Field(None, max_length=300, description="Topic words; read from the text when absent.")


class EventGoalPatch(Strict):
    text: str | None = Field(None, json_schema_extra={**NOT_BLANK, "maxLength": 300})
    target: int | None = Field(None, ge=1, le=1000)
    topic: str | None = Field(None, max_length=300)


class EventGoalOut(Schema):
    id: int
    text: str
    target: int
    topic: str
    met: list[PersonRef] = Field(description="People met at the event who match it.")
    done: bool


class EventPersonIn(Strict):
    person: Id
    status: str = Field(EventPerson.Status.EXPECTED.value, json_schema_extra=one_of(PLANNED))
    note: str | None = Field(None, max_length=10_000)
    why: str | None = Field(None, max_length=500, description="Worked out from goals and asks when absent.")


class EventPersonPatch(Strict):
    status: str | None = Field(None, json_schema_extra=one_of(PLANNED, nullable=True))
    note: str | None = Field(None, max_length=10_000)
    why: str | None = Field(None, max_length=500)


class EventPersonOut(Schema):
    person: PersonRef
    status: str
    why: str
    note: str


class EventDetail(EventOut):
    goals: list[EventGoalOut]
    people: list[EventPersonOut]
    guests: list[dict] = Field(description="Attendees a calendar named who are not my people: {name, email}.")


class EventSuggestionOut(Schema):
    person: PersonRef
    organisation: str
    title: str
    status: str = Field(description='"expected", "want_to_meet", or "" when not known to be going.')
    score: float
    reason: str


class EventPlanOut(Schema):
    goals: list[EventGoalOut]
    suggestions: list[EventSuggestionOut]


class CaptureIn(Strict):
    """Whom I met, one person a line (see the docs of `netweave capture`): `text`, or `lines` one per item."""

    text: str | None = Field(None, max_length=MAX_LINES * (MAX_LINE + 1))
    lines: list[str] | None = Field(None, max_length=MAX_LINES)
    choices: dict[str, str | int] = Field(default_factory=dict,
                                          description='For a name that needs one: "new", or the id of one of my people.')
    preview: bool = Field(False, description="Say what saving would do, and save nothing.")

    @model_validator(mode="after")
    def _one_of_text_or_lines(self):
        if (self.text is None) == (self.lines is None):
            raise ValueError("give either text or lines")
        return self

    def joined(self) -> str:
        # Each item is one line: new lines inside an item would shift every later line's number.
        return self.text if self.text is not None else "\n".join(" ".join(i.split()) for i in self.lines or [])


class CaptureCandidateOut(Schema):
    id: int
    display_name: str
    organisation: str | None


class CaptureFollowUpOut(Schema):
    text: str
    due: date


class CaptureLineOut(Schema):
    line: int = Field(description="1-based: the line of the text, or the item of lines.")
    text: str
    action: str = Field(description='"existing", "new", "choose", "captured" or "error".')
    name: str
    person: PersonRef | None
    candidates: list[CaptureCandidateOut]
    message: str
    remarks: list[str]
    follow_ups: list[CaptureFollowUpOut]


class CaptureOut(Schema):
    saved: bool
    ready: bool = Field(description="Whether it can be saved as it is (no name waits for a choice).")
    lines: list[CaptureLineOut]
    ties: list[list[int]] = Field(description="Pairs of line numbers met together.")
    interaction_id: int | None = None
    created: list[PersonRef] = Field(default_factory=list)
    met: list[PersonRef] = Field(default_factory=list)
    follow_up_ids: list[int] = Field(default_factory=list)
    tie_ids: list[int] = Field(default_factory=list)


class EventImportSkip(Schema):
    where: str
    why: str


class EventImportOut(Schema):
    created: list[int]
    updated: list[int]
    expected: int = Field(description="People of mine newly expected at an imported event.")
    skipped: list[EventImportSkip]
    notes: list[EventImportSkip]
