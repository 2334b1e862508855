"""What the small-steps API accepts and returns, kept apart from the tables."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from netweave.people.schemas import PersonRef, Strict, one_of
from netweave.steps.models import Step
from netweave.steps.services import MAX_PER_WEEK


class WeekStepOut(Schema):
    id: int
    number: int = Field(description="Its number in the week's plan, from 1 (the CLI's `netweave week done N`).")
    kind: str = Field(json_schema_extra=one_of(Step.Kind.values))
    title: str
    why: str = Field(description="One line: why this step, now.")
    url: str = Field(description="The page of this site where it is done.")
    person: PersonRef | None
    other_person: PersonRef | None = Field(description="For an introduction: the second person.")
    status: str = Field(json_schema_extra=one_of(Step.Status.values))
    acted_at: datetime | None


class WeekOut(Schema):
    week: date = Field(description="The Monday the week starts on, in the user's time zone.")
    week_end: date
    today: date
    per_week: int = Field(description="How many steps a plan offers (a plan has fewer when the queues are short).")
    done: int
    streak: int = Field(description="Weeks in a row, up to this one, with at least one step done.")
    steps: list[WeekStepOut]


class WeekProgressRow(Schema):
    week: date
    planned: int
    done: int
    skipped: int


class WeekProgressOut(Schema):
    streak: int
    planned: int
    done: int
    weeks: list[WeekProgressRow] = Field(description="Newest first, one per week, planned or not.")


class WeekProgressParams(Schema):
    weeks: int = Field(12, ge=1, le=104)


class WeekSettingsOut(Schema):
    per_week: int


class WeekSettingsPatch(Strict):
    per_week: int | None = Field(None, ge=1, le=MAX_PER_WEEK, description="Raising it tops up this week's plan.")


def step_out(step: Step) -> dict:
    def ref(person):
        return {"id": person.pk, "display_name": person.display_name} if person is not None else None

    return {"id": step.pk, "number": step.position, "kind": step.kind, "title": step.title, "why": step.why,
            "url": step.url, "person": ref(step.person), "other_person": ref(step.other_person),
            "status": step.status, "acted_at": step.acted_at}
