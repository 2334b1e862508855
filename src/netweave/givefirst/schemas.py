"""What the give-first API accepts and returns: the ledger, asks and offers, introductions. Kept apart from the
tables; the kinds and states are read from them so the schema documents what the services check."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import field_validator

from netweave.api_support import Id
from netweave.givefirst.models import Ask, Exchange, Introduction, Offer
from netweave.givefirst.intro_drafts import MAX_TEMPLATE, SLOTS
from netweave.givefirst.introductions import MAX_REASON, MAX_TEXT
from netweave.givefirst.services import MAX_DETAILS, MAX_NOTE, MAX_TOPIC
from netweave.givefirst.suggestions import MIN_STRENGTH
from netweave.people.schemas import NOT_BLANK, Clean, Day, PersonRef, Strict, one_of

ME = "null: me."


def known(value: str | None, values: list[str]) -> str | None:
    """A filter's value must be one the table knows: a misspelt state is an error, not an empty list."""
    if value is not None and value not in values:
        raise ValueError(f"must be one of {', '.join(values)}")
    return value

# ---- the ledger ---------------------------------------------------------------------------------------


class ExchangeIn(Strict):
    """Something given. Leave giver or receiver out (or null) for me; two people is a brokered exchange."""

    kind: str = Field(json_schema_extra=one_of(Exchange.Kind.values))
    giver: Id | None = Field(None, description="Who gave; " + ME)
    receiver: Id | None = Field(None, description="Who received; " + ME)
    day: Day | None = Field(None, description="When (default: today); not in the future.")
    note: str = Field("", max_length=MAX_NOTE)


class ExchangePatch(Strict):
    kind: str | None = Field(None, json_schema_extra=one_of(Exchange.Kind.values, nullable=True))
    giver: Id | None = Field(None, description="Send null for me; leave it out to keep it.")
    receiver: Id | None = Field(None, description="Send null for me; leave it out to keep it.")
    day: Day | None = None
    note: str | None = Field(None, max_length=MAX_NOTE)


class ExchangeOut(Schema):
    id: int
    kind: str
    giver: PersonRef | None = Field(description=ME)
    receiver: PersonRef | None = Field(description=ME)
    brokered: bool = Field(description="Between two contacts, made to happen by me.")
    day: date
    note: str
    introduction_id: int | None = Field(description="The introduction this entry records, if any.")
    created_at: datetime


class ExchangePage(Schema):
    count: int
    items: list[ExchangeOut]


class ExchangeFilters(Clean):
    person: Id | None = Field(None, description="Only exchanges this person gave, received or was brokered into.")
    kind: str | None = Field(None, json_schema_extra=one_of(Exchange.Kind.values, nullable=True))

    @field_validator("kind")
    @classmethod
    def _kind(cls, value):
        return known(value, Exchange.Kind.values)


class BalanceOut(Schema):
    gave: int = Field(description="What I gave them.")
    received: int = Field(description="What they gave me.")
    brokered: int = Field(description="Exchanges between them and someone else that I brokered.")
    last_day: date | None
    words: str = Field(description='In words: "you gave 6, received 1".')


class LedgerOut(Schema):
    person: PersonRef
    balance: BalanceOut
    history: list[ExchangeOut] = Field(description="Newest first.")


class LedgerParams(Schema):
    limit: int = Field(50, ge=1, le=500, description="At most this many exchanges of history.")


class OneSidedOut(Schema):
    person_id: int
    display_name: str
    gave: int
    received: int
    leans: Literal["me", "them"] = Field(description='"me": I only give; "them": I only take.')
    nudge: str = Field(description="A gentle suggestion to even it out.")


class OneSidedParams(Schema):
    min_count: int = Field(3, ge=1, le=10_000, description="At least this many exchanges, all one way.")
    limit: int = Field(50, ge=1, le=500)


# ---- asks and offers ----------------------------------------------------------------------------------

class NeedFilters(Clean):
    person: Id | None = Field(None, description="Only this person's.")
    me: bool = Field(False, description="Only mine.")
    status: Literal["open", "expired", "done", "withdrawn", "all"] = Field(
        "open", description='"open" leaves out the expired ones (open, but past their day); "expired" lists those.')
    kind: str | None = Field(None, description="One of the ask kinds, or of the offer kinds.",
                             json_schema_extra=one_of(sorted({*Ask.Kind.values, *Offer.Kind.values}), nullable=True))
    q: str = Field("", max_length=200, description="Words in the topic or details.")

    @field_validator("kind")
    @classmethod
    def _kind(cls, value):
        return known(value, sorted({*Ask.Kind.values, *Offer.Kind.values}))


class NeedIn(Strict):
    person: Id | None = Field(None, description="Whose; " + ME)
    topic: str = Field(max_length=MAX_TOPIC, json_schema_extra=NOT_BLANK,
                       description="In a few words: 'a senior Rust engineer', 'fundraising'.")
    details: str = Field("", max_length=MAX_DETAILS)
    expires_on: Day | None = Field(None, description="After this day it is no longer open.")


class AskIn(NeedIn):
    """A new ask: what someone needs now."""

    kind: str = Field(Ask.Kind.ADVICE.value, json_schema_extra=one_of(Ask.Kind.values))


class OfferIn(NeedIn):
    """A new offer: what someone can give."""

    kind: str = Field(Offer.Kind.EXPERTISE.value, json_schema_extra=one_of(Offer.Kind.values))


class NeedPatch(Strict):
    person: Id | None = Field(None, description="Send null for me; leave it out to keep it.")
    topic: str | None = Field(None, max_length=MAX_TOPIC)
    details: str | None = Field(None, max_length=MAX_DETAILS)
    expires_on: Day | None = Field(None, description="Send null for no expiry; leave it out to keep it.")


class AskPatch(NeedPatch):
    kind: str | None = Field(None, json_schema_extra=one_of(Ask.Kind.values, nullable=True))


class OfferPatch(NeedPatch):
    kind: str | None = Field(None, json_schema_extra=one_of(Offer.Kind.values, nullable=True))


class ReopenIn(Strict):
    expires_on: Day | None = Field(None, description="A new expiry day; needed when the old one has passed.")


class NeedOut(Schema):
    id: int
    person: PersonRef | None = Field(description=ME)
    kind: str
    topic: str
    details: str
    status: str = Field(description='"open", "done" or "withdrawn", as stored.')
    state: str = Field(description='What a reader sees: the status, or "expired" for an open one past its day.')
    expires_on: date | None
    created_at: datetime
    closed_at: datetime | None


class NeedPage(Schema):
    count: int
    items: list[NeedOut]


class MatchOut(Schema):
    person_id: int
    display_name: str
    score: float
    evidence: list[str] = Field(description="Why they could help, each in words.")
    strength: int | None = Field(description="Tie strength, 0 to 100; null while unknown.")
    reach: str = Field(description="How reachable they are through me, in words.")


class AskMatchOut(Schema):
    ask: NeedOut
    score: float
    evidence: list[str]


class MatchParams(Schema):
    limit: int = Field(20, ge=1, le=200)


class HelpItemOut(Schema):
    person_id: int
    display_name: str
    ask_id: int
    topic: str
    why: str


class HelpParams(Schema):
    limit: int = Field(5, ge=1, le=100)


# ---- introductions ------------------------------------------------------------------------------------

STATES = Introduction.State.values


class IntroductionIn(Strict):
    person_a: Id = Field(description="Asked first.")
    person_b: Id = Field(description="Asked once A agreed.")
    reason: str = Field(max_length=MAX_REASON, json_schema_extra=NOT_BLANK, description="Why these two should meet.")
    ask: Id | None = Field(None, description="The ask this introduction answers, if any.")


class AdvanceIn(Strict):
    to_state: str = Field(json_schema_extra=one_of([*STATES, "next"]),
                          description='The state to move to; "next" for the one forward move, when there is one.')
    expected_state: str | None = Field(None, json_schema_extra=one_of(STATES, nullable=True),
                                       description="Refuse (409) unless the introduction is still in this state.")
    message: str = Field("", max_length=MAX_TEXT, description="The message as I sent it for this step.")
    note: str = Field("", max_length=MAX_TEXT)
    outcome: str = Field("", json_schema_extra=one_of(["", *Introduction.Outcome.values]),
                         description='Required to conclude: what came of it.')
    declined_by: Literal["a", "b"] | None = Field(None, description='Who said no, when declining (default: "a" '
                                                                    'before A agreed, "b" after).')


class StepOut(Schema):
    id: int
    from_state: str
    to_state: str
    message: str
    note: str
    at: datetime


class IntroductionOut(Schema):
    id: int
    person_a: PersonRef
    person_b: PersonRef
    reason: str
    ask_id: int | None
    state: str = Field(json_schema_extra=one_of(STATES))
    state_label: str = Field(description='In words: "asked A".')
    outcome: str
    declined_by: str = Field(description='"a" or "b" when one of them said no.')
    tie_id: int | None = Field(description="The tie it created once made.")
    created_at: datetime
    updated_at: datetime
    made_at: datetime | None

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()


class IntroductionDetail(IntroductionOut):
    steps: list[StepOut] = Field(description="Every move so far, oldest first.")
    next_states: list[str] = Field(description="The legal moves from here.")
    draft_step: str | None = Field(description="The forward move the draft is for; null when there is none.")
    draft: str | None = Field(description="An editable message for that move, filled from both people's context.")


class IntroductionPage(Schema):
    count: int
    items: list[IntroductionOut]


class IntroductionFilters(Clean):
    state: str | None = Field(None, json_schema_extra=one_of(STATES, nullable=True))
    person: Id | None = Field(None, description="Only introductions this person is on either side of.")

    @field_validator("state")
    @classmethod
    def _state(cls, value):
        return known(value, STATES)


class SuggestionOut(Schema):
    a: PersonRef
    b: PersonRef
    score: float
    reasons: list[str]
    ask_id: int | None = Field(description="The ask of one that the other could meet, if that is a reason.")


class SuggestionParams(Schema):
    limit: int = Field(50, ge=1, le=500)
    min_strength: int = Field(MIN_STRENGTH, ge=0, le=100, description="Both ties at least this strong for me to ask.")


# ---- my own templates for the drafted messages --------------------------------------------------------

class TemplateIn(Strict):
    text: str = Field(max_length=MAX_TEMPLATE, json_schema_extra=NOT_BLANK,
                      description="The message with slots such as {a_first} and {reason}; see `slots`.")


class TemplateOut(Schema):
    step: str = Field(description='"ask_a", "ask_b", "make" or "follow_up".')
    label: str
    text: str = Field(description="What the drafts use: my own words, or the default.")
    custom: bool = Field(description="Whether the text is my own.")
    default: str = Field(description="The default template, to go back to.")
    updated_at: datetime | None = Field(description="When I last saved my own; null for the default.")
    slots: list[str] = Field(list(SLOTS), description="The slots a template may use, each written {name}.")
