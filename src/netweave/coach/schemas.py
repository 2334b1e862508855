"""What the briefs API returns, kept apart from coach.brief's dataclasses (which it validates from)."""

from datetime import date, datetime

from ninja import Field, Schema


class TalkOut(Schema):
    id: int = Field(description="The interaction's id.")
    kind: str
    occurred_at: datetime
    day: date = Field(description="The day in the user's time zone.")
    summary: str
    excerpt: str = Field(description="The start of its notes.")
    others: list[str] = Field(description="The first few others who took part.")
    others_more: int = Field(description="How many more took part.")


class NeedOut(Schema):
    id: int
    kind: str
    kind_label: str
    topic: str
    details: str
    day: date = Field(description="When it was noted.")
    expires_on: date | None


class PersonOut(Schema):
    id: int
    display_name: str
    tie: str


class OrgThenOut(Schema):
    name: str
    title: str
    start: date | None
    end: date | None


class SharedOut(Schema):
    name: str
    kind: str = Field(description='"place", "school", "association" or "community".')
    title: str
    others: int = Field(description="How many other people of mine share it.")
    examples: list[PersonOut] = Field(description="The ones I am most in touch with.")
    organisation_id: int | None


class CommonOut(Schema):
    interests: list[str]
    expertise: list[str]
    mutual: list[PersonOut] = Field(description="People we both know, the ones I am most in touch with first.")
    organisations: list[OrgThenOut] = Field(description="Where they were while we were in touch.")
    places: list[SharedOut]
    groups: list[SharedOut] = Field(description="Their schools, associations and communities.")


class HappeningOut(Schema):
    kind: str = Field(description='"milestone", "new_job", "promotion", "joined", "left", "birthday" or "tie".')
    day: date
    text: str
    source: str


class SinceOut(Schema):
    day: date | None
    label: str
    items: list[HappeningOut]


class QuestionOut(Schema):
    text: str
    draws_on: str = Field(description="The context it comes from, in words.")
    kind: str = Field(description='The kind of context: "job_change", "milestone", "open_ask", "last_topic", '
                                  '"shared_interest", "mutual_contact", "long_silence", "no_history", ...')
    source: str = Field(description='The item it draws on ("interaction:12"); no two questions share one.')
    day: date | None


class BriefOut(Schema):
    person_id: int
    display_name: str
    today: date
    pronouns: str
    title: str
    organisation: str
    organisation_id: int | None
    location: str
    circle: str
    tags: list[str]
    archived: bool
    met_how: str
    met_at: TalkOut | None
    introduced_by: PersonOut | None
    strength: int | None = Field(description="0 to 100; null until scored.")
    strength_words: str
    last_contact_at: datetime | None
    days_since_contact: int | None
    next_plan: TalkOut | None
    talks: list[TalkOut] = Field(description="What we last talked about: the latest few past interactions.")
    asks: list[NeedOut] = Field(description="Their open asks.")
    offers: list[NeedOut] = Field(description="Their open offers.")
    common: CommonOut
    since: SinceOut | None = Field(description="What happened in their life since we last spoke.")
    balance: str
    gave: int
    received: int
    unknown: list[str] = Field(description='What is not known yet: "no meetings logged", ...')
    questions: list[QuestionOut] = Field(description="Three to five, best first.")
    why: str = Field(description="In an event brief: why meet them, from the event's plan.")


class OtherEventOut(Schema):
    ref: str
    name: str
    day: date


class EventBriefOut(Schema):
    ref: str = Field(description='"event-12" (a planned event) or "interaction-34" (an event or meeting logged).')
    name: str
    starts_at: datetime
    day: date
    location: str
    goals: list[str]
    briefs: list[BriefOut]
    more: int = Field(description="People there beyond the ones briefed.")
    also: list[OtherEventOut] = Field(description="Other events the text matched, upcoming first.")


class EventParams(Schema):
    q: str = Field(min_length=1, max_length=200, description="Words of the event's name, such as PyCon.")
