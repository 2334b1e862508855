"""/api/v1/today, /api/v1/cadences and /api/v1/losing-touch: thin routes over nurture.services and the
nurture queries, scoped to the acting user. (No `from __future__ import annotations`: ninja reads the types.)"""

from datetime import date, datetime
from typing import Literal

from django.db import transaction
from ninja import Field, Query, Router, Schema, Status

from netweave.api_support import origin_for, owned
from netweave.interactions.models import Interaction
from netweave.nurture import services
from netweave.nurture.cadences import MAX_DAYS, cadence_table
from netweave.nurture.losing import losing_touch
from netweave.nurture.services import MAX_DAILY_LIMIT
from netweave.nurture.today import due_list, settings_for
from netweave.people.models import Circle, Person, Tag
from netweave.people.schemas import Day, Strict, one_of

router = Router(tags=["nurture"])
Scope = Literal["circle", "tag", "person"]
TARGETS = {"circle": Circle, "tag": Tag, "person": Person}


class DueItemOut(Schema):
    person_id: int
    display_name: str
    circle: str | None
    cadence_days: int
    cadence_scope: str = Field(description='"circle", "tag" or "person": where the cadence comes from.')
    days_since: int = Field(description="Days since the last contact, or since they were added if never.")
    days_overdue: int
    never_contacted: bool
    last_contact_at: datetime | None
    strength: int | None = Field(description="0 to 100; null while unknown.")
    priority: float
    reason: str = Field(description='In words: "close circle, every month: last contact 41 days ago, ..."')
    last_summary: str = Field(description="The last thing we talked about: the latest past interaction.")
    last_summary_at: datetime | None


class TodayOut(Schema):
    day: date = Field(description="Today in the user's time zone.")
    daily_limit: int
    done_today: int
    due_count: int = Field(description="Everyone due and not snoozed or skipped, listed or not.")
    items: list[DueItemOut]


class TodayParams(Schema):
    limit: int | None = Field(None, ge=1, le=500, description="List this many instead of the day's remaining "
                                                               "budget (the daily limit less check-ins done today).")


class DoneIn(Strict):
    kind: str = Field("message", json_schema_extra=one_of(Interaction.Kind.values))
    summary: str = Field("Checked in", max_length=500)


class SnoozeIn(Strict):
    until: Day | None = Field(None, description="Offered again from this day (default: in three days).")


class CheckinOut(Schema):
    person_id: int
    status: str = Field(description='"done", "snoozed" or "skipped".')
    until: date | None = Field(None, description="Hidden from the list until this day.")
    interaction_id: int | None = Field(None, description="The interaction a check-in done logged.")


class SettingsOut(Schema):
    daily_limit: int
    time_zone: str = Field(description="IANA name; empty: the server's.")


class SettingsPatch(Strict):
    daily_limit: int | None = Field(None, ge=1, le=MAX_DAILY_LIMIT)
    time_zone: str | None = Field(None, max_length=64)


class CadenceIn(Strict):
    days: int = Field(ge=1, le=MAX_DAYS, description=f"Keep in touch every this many days (1 to {MAX_DAYS}).")


class CadenceOut(Schema):
    scope: str
    target_id: int
    name: str
    days: int


class CircleCadence(Schema):
    id: int
    name: str
    days: int | None = Field(description="null: no cadence for this circle.")
    default: bool = Field(description="The days are the default for a circle of this name.")
    default_days: int | None


class TargetCadence(Schema):
    id: int
    name: str
    days: int


class CadencesOut(Schema):
    circles: list[CircleCadence]
    tags: list[TargetCadence]
    people: list[TargetCadence]


class MetAt(Schema):
    summary: str
    date: date


class Mutual(Schema):
    id: int
    display_name: str
    tie: str


class OrgThen(Schema):
    name: str
    title: str
    start: date | None
    end: date | None


class CommonOut(Schema):
    met_how: str = ""
    met_at: MetAt | None = None
    tags: list[str] = []
    interests: list[str] = []
    expertise: list[str] = []
    mutual: list[Mutual] = Field([], description="People we both know, the ones I am most in touch with first.")
    organisations: list[OrgThen] = Field([], description="Where they were while we were in touch.")


class ColdOut(Schema):
    person_id: int
    display_name: str
    circle: str | None
    cadence_days: int
    days_since: int
    last_contact_at: datetime | None
    strength: int | None
    reason: str
    last_summary: str
    last_summary_at: datetime | None
    common: CommonOut


class DormantOut(Schema):
    person_id: int
    display_name: str
    interactions: int
    first_contact_at: datetime | None
    last_contact_at: datetime
    peak_strength: int | None
    reason: str
    common: CommonOut


class LosingOut(Schema):
    day: date
    cold_count: int
    dormant_count: int
    cold: list[ColdOut] = Field(description="More than twice their cadence without contact, or a strength that fell "
                                            "a lot, within the last three years; most pressing first.")
    dormant: list[DormantOut] = Field(description="Formerly strong, no contact for three years or more.")


class LosingParams(Schema):
    limit: int = Field(30, ge=1, le=500, description="At most this many of each list.")


@router.get("/today", response=TodayOut, summary="Whom to reach out to today")
def today(request, params: Query[TodayParams]):
    """Ranked by how overdue (time since last contact over the cadence) and how much the tie matters (circle
    and strength), each with its reason and the last thing we talked about."""
    return due_list(request.auth, limit=params.limit)


@router.get("/today/settings", response=SettingsOut, summary="Read the today list's settings")
def read_settings(request):
    return settings_for(request.auth)


@router.patch("/today/settings", response=SettingsOut, summary="Change the daily limit or the time zone")
def change_settings(request, payload: SettingsPatch):
    return services.update_settings(request.auth, daily_limit=payload.daily_limit, time_zone=payload.time_zone)


@router.post("/today/{person_id}/done", response=CheckinOut, summary="I reached out: log it and reset the clock")
@transaction.atomic
def done(request, person_id: int, payload: DoneIn | None = None):
    person = owned(Person, request.auth, person_id)
    payload = payload or DoneIn()
    interaction = services.mark_done(person, kind=payload.kind, summary=payload.summary, source="api",
                                     origin=origin_for(request))
    return {"person_id": person.pk, "status": "done", "until": None, "interaction_id": interaction.pk}


@router.post("/today/{person_id}/snooze", response=CheckinOut, summary="Not today: hide them until a day")
def snooze(request, person_id: int, payload: SnoozeIn | None = None):
    nudge = services.snooze(owned(Person, request.auth, person_id), payload.until if payload else None)
    return {"person_id": person_id, "status": nudge.status, "until": nudge.until}


@router.post("/today/{person_id}/skip", response=CheckinOut, summary="Not this round: hide them for one cadence")
def skip(request, person_id: int):
    nudge = services.skip(owned(Person, request.auth, person_id))
    return {"person_id": person_id, "status": nudge.status, "until": nudge.until}


@router.get("/cadences", response=CadencesOut, summary="List cadences: every circle's, and the tags' and people's")
def list_cadences(request):
    return cadence_table(request.auth)


def _target(request, scope: str, target_id: int):
    return {scope: owned(TARGETS[scope], request.auth, target_id)}


@router.put("/cadences/{scope}/{target_id}", response=CadenceOut, summary="Set the cadence of a circle, tag or person")
def set_cadence(request, scope: Scope, target_id: int, payload: CadenceIn):
    target = _target(request, scope, target_id)
    cadence = services.set_cadence(request.auth, payload.days, **target)
    obj = target[scope]
    return {"scope": scope, "target_id": obj.pk, "name": str(obj), "days": cadence.days}


@router.delete("/cadences/{scope}/{target_id}", response={204: None},
               summary="Remove the cadence of a circle (back to its default), tag or person")
def clear_cadence(request, scope: Scope, target_id: int):
    services.clear_cadence(request.auth, **_target(request, scope, target_id))
    return Status(204, None)


@router.get("/losing-touch", response=LosingOut, summary="Ties going cold, and dormant ties worth reviving")
def losing(request, params: Query[LosingParams]):
    """Each with what we had in common: how we met, their tags, people we both know, where they were."""
    return losing_touch(request.auth, limit=params.limit)
