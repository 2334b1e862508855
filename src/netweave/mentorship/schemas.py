"""What the mentorship and learnings API accepts and returns, kept apart from the tables."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema
from pydantic import field_validator

from netweave.api_support import Id
from netweave.mentorship.models import Mentorship
from netweave.mentorship.services import MAX_GOALS, MAX_LEARNING, MAX_NOTES, MAX_TOPIC
from netweave.people.schemas import NOT_BLANK, Clean, Day, PersonRef, Strict, one_of


class MentorshipIn(Strict):
    person: Id
    role: str = Field(json_schema_extra=one_of(Mentorship.Role.values),
                      description='"mentor": they mentor me; "mentee": I mentor them.')
    goals: str = Field("", max_length=MAX_GOALS)
    started: Day | None = Field(None, description="Default: today.")


class MentorshipPatch(Strict):
    role: str | None = Field(None, json_schema_extra=one_of(Mentorship.Role.values, nullable=True))
    goals: str | None = Field(None, max_length=MAX_GOALS)
    started: Day | None = None
    ended: Day | None = Field(None, description="Send null to reopen it; leave it out to keep it.")


class EndIn(Strict):
    ended: Day | None = Field(None, description="Default: today.")


class MentorshipOut(Schema):
    id: int
    person: PersonRef
    role: str
    goals: str
    started: date
    ended: date | None
    active: bool
    session_count: int
    last_session: date | None


class MentorshipFilters(Clean):
    role: str | None = Field(None, json_schema_extra=one_of(Mentorship.Role.values, nullable=True))
    active: bool | None = Field(None, description="true: going on; false: ended.")

    @field_validator("role")
    @classmethod
    def _role(cls, value):
        if value is not None and value not in Mentorship.Role.values:
            raise ValueError(f"must be one of {', '.join(Mentorship.Role.values)}")
        return value


class SessionIn(Strict):
    day: Day | None = Field(None, description="Default: today.")
    notes: str = Field("", max_length=MAX_NOTES, description="What we talked about.")
    next_steps: str = Field("", max_length=MAX_NOTES)
    log_interaction: bool = Field(True, description="Also log it as a meeting with them, so it counts as contact.")


class SessionPatch(Strict):
    day: Day | None = None
    notes: str | None = Field(None, max_length=MAX_NOTES)
    next_steps: str | None = Field(None, max_length=MAX_NOTES)


class SessionOut(Schema):
    id: int
    mentorship_id: int
    day: date
    notes: str
    next_steps: str
    interaction_id: int | None
    created_at: datetime


class LearningIn(Strict):
    text: str = Field(max_length=MAX_LEARNING, json_schema_extra=NOT_BLANK, description="What I learned.")
    person: Id | None = Field(None, description="From whom; null: from nobody in particular.")
    topic: str = Field("", max_length=MAX_TOPIC)
    day: Day | None = Field(None, description="Default: the interaction's day, else today.")
    interaction: Id | None = Field(None, description="The interaction it came from.")


class LearningPatch(Strict):
    text: str | None = Field(None, max_length=MAX_LEARNING, json_schema_extra=NOT_BLANK)
    person: Id | None = Field(None, description="Send null for nobody in particular; leave it out to keep it.")
    topic: str | None = Field(None, max_length=MAX_TOPIC)
    day: Day | None = None
    interaction: Id | None = Field(None, description="Send null for none; leave it out to keep it.")


class LearningOut(Schema):
    id: int
    text: str
    person: PersonRef | None
    topic: str
    day: date
    interaction_id: int | None
    created_at: datetime


class LearningPage(Schema):
    count: int
    items: list[LearningOut]


class LearningFilters(Clean):
    q: str = Field("", max_length=1000, description="Words of the text or topic, as search everywhere reads them.")
    person: Id | None = Field(None, description="Only what I learned from this person.")
    topic: str = Field("", max_length=MAX_TOPIC)
    limit: int = Field(50, ge=1, le=200)


def mentorship_out(m: Mentorship) -> dict:
    """A mentorship as read by `queries.mentorships` (with its session count and last session day)."""
    return {"id": m.pk, "person": {"id": m.person.pk, "display_name": m.person.display_name}, "role": m.role,
            "goals": m.goals, "started": m.started, "ended": m.ended, "active": m.active,
            "session_count": m.session_count, "last_session": m.last_session}
