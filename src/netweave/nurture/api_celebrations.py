"""/api/v1/celebrations, /api/v1/milestones and /api/v1/followups: thin routes over nurture.services and the
celebrations and follow-ups queries, scoped to the acting user. (No `from __future__ import annotations`: ninja
reads the types.)"""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Query, Router, Schema, Status

from netweave.api_support import Id, owned
from netweave.interactions.models import Interaction
from netweave.nurture import services
from netweave.nurture.celebrations import upcoming
from netweave.nurture.followups import as_item, due
from netweave.nurture.models import FollowUp, Milestone
from netweave.nurture.today import local_today
from netweave.people.models import Person
from netweave.people.schemas import Day, Strict, one_of

router = Router(tags=["nurture"])


class CelebrationOut(Schema):
    person_id: int
    display_name: str
    kind: str = Field(description='"birthday", "anniversary", "new_job", "promotion" or "milestone".')
    day: date
    what: str = Field(description='In words: "turns 40", "5 years at Acme", "new job: CTO at Globex".')
    draft: str = Field(description="A drafted message to congratulate them, from our shared history.")
    key: str = Field(description='Names this celebration, e.g. "birthday:2026-12-01": send it back to mark it done.')


class CelebrationParams(Schema):
    days: int = Field(14, ge=0, le=366, description="How many days ahead to look.")


class CelebrationAct(Strict):
    person_id: Id
    key: str = Field(max_length=100, description="The celebration's key, as listed.")
    action: Literal["done", "skip"] = Field("done", description='"done": congratulated; "skip": not this one. Either way it is not offered again.')


class CelebrationActOut(Schema):
    person_id: int
    key: str
    status: str


class MilestoneIn(Strict):
    person_id: Id
    kind: str = Field("other", json_schema_extra=one_of(Milestone.Kind.values))
    day: Day | None = Field(None, description="When it happened (default: today).")
    text: str = Field(max_length=300, description='What happened, in a few words: "launched her book".')


class MilestoneOut(Schema):
    id: int
    person_id: int
    kind: str
    day: date
    text: str


class FollowUpOut(Schema):
    id: int
    person_id: int
    display_name: str
    text: str
    due: date
    days_overdue: int = Field(description="Days past due; negative: days still to go.")
    state: str = Field(description='"overdue", "today" or "soon".')
    interaction_id: int | None
    created_at: datetime


class FollowUpParams(Schema):
    days: int = Field(7, ge=0, le=366, description="Also list those due within this many days.")


class FollowUpIn(Strict):
    person_id: Id
    text: str = Field(max_length=500, description='The promise: "send her the deck by Friday".')
    due: Day | None = Field(None, description="Default: the day the text names, else in a week.")
    interaction_id: Id | None = Field(None, description="The interaction it was promised on.")


@router.get("/celebrations", response=list[CelebrationOut], summary="Whom to congratulate soon, with a draft")
def celebrations(request, params: Query[CelebrationParams]):
    """Birthdays, work anniversaries, new jobs and promotions, and milestones, soonest first; those done or
    skipped are left out."""
    return upcoming(request.auth, days=params.days)


@router.post("/celebrations/done", response=CelebrationActOut, summary="Mark a celebration congratulated or skipped")
def celebration_done(request, payload: CelebrationAct):
    person = owned(Person, request.auth, payload.person_id)
    act = services.skip_celebration if payload.action == "skip" else services.congratulate
    nudge = act(person, payload.key)
    return {"person_id": person.pk, "key": nudge.key, "status": nudge.status}


@router.post("/milestones", response={201: MilestoneOut}, summary="Note a milestone to congratulate")
def add_milestone(request, payload: MilestoneIn):
    person = owned(Person, request.auth, payload.person_id)
    milestone = services.add_milestone(person, kind=payload.kind, day=payload.day or local_today(request.auth),
                                       text=payload.text)
    return Status(201, milestone)


@router.get("/followups", response=list[FollowUpOut], summary="Follow-ups due: overdue and today first")
def followups(request, params: Query[FollowUpParams]):
    return due(request.auth, days=params.days)


@router.post("/followups", response={201: FollowUpOut}, summary="Note a promise to follow up on")
def add_followup(request, payload: FollowUpIn):
    person = owned(Person, request.auth, payload.person_id)
    interaction = owned(Interaction, request.auth, payload.interaction_id) if payload.interaction_id else None
    follow_up = services.add_follow_up(person, payload.text, due=payload.due, interaction=interaction)
    return Status(201, as_item(follow_up, local_today(request.auth)))


@router.post("/followups/{follow_up_id}/done", response=FollowUpOut, summary="Mark a follow-up done")
def followup_done(request, follow_up_id: int):
    follow_up = services.finish_follow_up(owned(FollowUp, request.auth, follow_up_id))
    return as_item(follow_up, local_today(request.auth))
