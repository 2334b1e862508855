"""Introductions with double opt-in: the state machine, its history, and what making one does.

proposed → asked_a → a_agreed → asked_b → b_agreed → made → concluded (with an outcome); declined and expired
from any state before made. Each move is a compare-and-set on the state (UPDATE ... WHERE state = current), so
of two concurrent advances exactly one applies and the other is told what the state now is; the side effects
of "made" run only for the winner, in the same transaction.
"""

from __future__ import annotations

from datetime import timedelta

import logging

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce

from netweave.core import clock
from netweave.core.errors import Invalid, NotFound
from netweave.core.models import Origin
from netweave.givefirst.models import UNDER_WAY, Ask, Exchange, Introduction, IntroductionStep
from netweave.people.models import Person, Tie

log = logging.getLogger(__name__)
State = Introduction.State
PRE_MADE = (State.PROPOSED, State.ASKED_A, State.A_AGREED, State.ASKED_B, State.B_AGREED)
# Under way: a pair with one of these may not be proposed again (the table's constraint says the same).
ACTIVE = tuple(State(s) for s in UNDER_WAY)
CLOSED = (State.CONCLUDED, State.DECLINED, State.EXPIRED)
LEGAL: dict[str, tuple[str, ...]] = {
    State.PROPOSED: (State.ASKED_A, State.DECLINED, State.EXPIRED),
    State.ASKED_A: (State.A_AGREED, State.DECLINED, State.EXPIRED),
    State.A_AGREED: (State.ASKED_B, State.DECLINED, State.EXPIRED),
    State.ASKED_B: (State.B_AGREED, State.DECLINED, State.EXPIRED),
    State.B_AGREED: (State.MADE, State.DECLINED, State.EXPIRED),
    State.MADE: (State.CONCLUDED,),
    State.CONCLUDED: (),
    State.DECLINED: (),
    State.EXPIRED: (),
}
BEFORE_A_AGREED = (State.PROPOSED, State.ASKED_A)  # a "no" now is A's; after A agreed it is B's
FOLLOW_UP_DAYS = 14
STALE_DAYS = 30  # an introduction with no step for this long lapses (the nightly upkeep, `netweave intro expire`)
MAX_REASON = 2000
MAX_TEXT = 10000
TIE_SOURCE = "introduced by me"


class IllegalTransition(Invalid):
    """A move the state machine does not allow from the current state; nothing was changed."""

    def __init__(self, current: str, to_state: str, why: str = ""):
        self.current = current
        self.allowed = list(LEGAL.get(current, ()))
        allowed = ", ".join(self.allowed) or "nothing: it is finished"
        why = why or f"cannot go from {current} to {to_state}"
        super().__init__({"state": f"{why}; from {current} it can go to {allowed}"})


class Conflict(Invalid):
    """Someone else moved the introduction first: `state` is where it is now. Nothing was applied."""

    def __init__(self, expected: str, state: str):
        self.expected = expected
        self.state = state
        super().__init__({"state": f"it is {state} now, no longer {expected}: it was moved meanwhile; "
                                   "look again before moving it"})


def next_states(intro: Introduction) -> list[str]:
    """The legal moves from the introduction's state, for one-click buttons."""
    return list(LEGAL.get(intro.state, ()))


def _text(value, field: str, errors: dict, limit: int = MAX_TEXT) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors[field] = "must be text"
        return ""
    value = value.replace("\x00", "").strip()
    if len(value) > limit:
        errors[field] = f"is {len(value)} characters long; at most {limit}"
    return value


def _pair(owner, a: Person, b: Person) -> Q:
    return Q(owner=owner) & (Q(person_a=a, person_b=b) | Q(person_a=b, person_b=a))


def already_tied(owner, a: Person, b: Person) -> str | None:
    """Why A and B need no introduction (any tie between them, either way), or None when they are strangers."""
    tie = Tie.objects.filter(_pair(owner, a, b)).first()
    if tie is None:
        return None
    return (f"{a.display_name} and {b.display_name} already know each other ({tie.get_kind_display()}): "
            "there is no one to introduce")


def under_way(owner, a: Person, b: Person) -> Introduction | None:
    """The pair's introduction under way, either way round, if there is one."""
    return Introduction.objects.filter(_pair(owner, a, b), state__in=ACTIVE).first()


def _under_way_words(a: Person, b: Person, intro: Introduction) -> str:
    return (f"an introduction of {a.display_name} and {b.display_name} is already under way "
            f"({intro.get_state_display()})")


@transaction.atomic
def propose(owner, a: Person, b: Person, *, reason: str, ask: Ask | None = None, origin: Origin | None = None,
            note: str = "") -> Introduction:
    """Propose introducing A to B, for a reason in my words. Refuses someone to themselves, a pair already tied
    (either way, any kind), and a pair with an introduction under way."""
    errors: dict[str, str] = {}
    for field, person in (("person_a", a), ("person_b", b)):
        if not isinstance(person, Person) or person.owner_id != owner.pk:
            errors[field] = "no such person"
    if not errors and a.pk == b.pk:
        errors["person_b"] = f"cannot introduce {a.display_name} to themselves"
    reason = _text(reason, "reason", errors, MAX_REASON)
    if not reason and "reason" not in errors:
        errors["reason"] = "say why these two should meet"
    note = _text(note, "note", errors)
    if ask is not None and (not isinstance(ask, Ask) or ask.owner_id != owner.pk):
        errors["ask"] = "no such ask"
    if errors:
        raise Invalid(errors)
    tied = already_tied(owner, a, b)
    if tied:
        raise Invalid({"person_b": tied})
    existing = under_way(owner, a, b)
    if existing is not None:
        raise Invalid({"person_b": _under_way_words(a, b, existing)})
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction stays usable if the row is refused
            intro = Introduction.objects.create(owner=owner, person_a=a, person_b=b, reason=reason, ask=ask,
                                                origin=origin)
    except IntegrityError:
        # Another proposal of the pair committed between the look above and this insert; the table's
        # constraint (one under way per pair) refused ours.
        existing = under_way(owner, a, b)
        if existing is None:
            raise
        raise Invalid({"person_b": _under_way_words(a, b, existing)}) from None
    IntroductionStep.objects.create(owner=owner, introduction=intro, from_state="", to_state=State.PROPOSED,
                                    note=note, at=clock.now())
    return intro


def _check_move(current: str, to_state: str, outcome: str, declined_by: str | None) -> dict:
    """The columns the move sets besides the state, or IllegalTransition / Invalid when it may not happen."""
    if current not in LEGAL:
        raise Invalid({"expected_state": f"{current!r} is not a state of an introduction"})
    if to_state not in LEGAL:
        raise IllegalTransition(current, to_state, f"{to_state!r} is not a state of an introduction")
    if to_state not in LEGAL[current]:
        raise IllegalTransition(current, to_state)
    changes: dict = {}
    if to_state == State.CONCLUDED:
        if outcome not in Introduction.Outcome.values:
            raise Invalid({"outcome": f"say how it turned out: one of {', '.join(Introduction.Outcome.values)}"})
        changes["outcome"] = outcome
    elif outcome:
        raise Invalid({"outcome": "only concluding an introduction records its outcome"})
    if to_state == State.DECLINED:
        default = "a" if current in BEFORE_A_AGREED else "b"
        if declined_by not in (None, "", "a", "b"):
            raise Invalid({"declined_by": "must be a or b"})
        changes["declined_by"] = declined_by or default
    elif declined_by:
        raise Invalid({"declined_by": "only a declined introduction says who declined"})
    return changes


def advance(intro: Introduction, to_state: str, *, expected_state: str | None = None, message: str = "",
            note: str = "", outcome: str = "", declined_by: str | None = None) -> Introduction:
    """Move the introduction to `to_state` from `expected_state` (default: the state this object holds), and
    record the step with the message as sent and a note. Raises IllegalTransition for a move the machine does
    not allow, Conflict when the introduction was moved meanwhile, and Invalid (field "state") for "made" when A
    and B have been tied since it was proposed; in every case nothing changes."""
    current = expected_state or intro.state
    changes = _check_move(current, to_state, outcome, declined_by)
    errors: dict[str, str] = {}
    message, note = _text(message, "message", errors), _text(note, "note", errors)
    if errors:
        raise Invalid(errors)
    now = clock.now()
    changes.update(state=to_state, updated_at=now)
    if to_state == State.MADE:
        changes["made_at"] = now
    with transaction.atomic():
        won = Introduction.objects.filter(pk=intro.pk, owner_id=intro.owner_id, state=current).update(**changes)
        if not won:
            state_now = Introduction.objects.filter(pk=intro.pk).values_list("state", flat=True).first()
            if state_now is None:
                raise NotFound("no such introduction")
            raise Conflict(current, state_now)
        if to_state == State.MADE:
            # They may have met since it was proposed: made now, the ledger would count an introduction to
            # someone they already know. Checked once the move is ours, so a lost race is still a Conflict;
            # raising here undoes the move.
            tied = already_tied(intro.owner_id, intro.person_a, intro.person_b)
            if tied:
                raise Invalid({"state": f"{tied}; decline it or let it lapse (expired) instead"})
        IntroductionStep.objects.create(owner_id=intro.owner_id, introduction=intro, from_state=current,
                                        to_state=to_state, message=message, note=note, at=now)
        for field, value in changes.items():
            setattr(intro, field, value)
        if to_state == State.MADE:
            intro.tie = _made(intro)
            Introduction.objects.filter(pk=intro.pk).update(tie=intro.tie)
    return intro


def _made(intro: Introduction) -> Tie:
    """What making an introduction does: A and B are tied (introduced by me), the ledger says I gave each of
    them an introduction, and I am reminded in two weeks to ask each how it went."""
    from netweave.givefirst.ledger import first_name
    from netweave.givefirst.services import record_exchange
    from netweave.nurture.services import add_follow_up
    from netweave.nurture.today import local_today
    from netweave.people.services import link_people

    owner = intro.owner
    a, b = intro.person_a, intro.person_b
    tie = link_people(owner, a, b, Tie.Kind.INTRODUCED, source=TIE_SOURCE,
                      evidence=f'Introduced by me: "{intro.reason}"')
    due = local_today(owner) + timedelta(days=FOLLOW_UP_DAYS)
    for person, other in ((a, b), (b, a)):
        record_exchange(owner, kind=Exchange.Kind.INTRODUCTION, giver=None, receiver=person, introduction=intro,
                        note=f"Introduced {person.display_name} to {other.display_name}")
        add_follow_up(person, f"Ask {first_name(person)} how the introduction to {other.display_name} went",
                      due=due)
    return tie


def expire_stale(owner, days: int = STALE_DAYS) -> int:
    """Expire introductions stuck before "made" with no step for `days` days, each with a step saying so.
    Returns how many were expired; one moved meanwhile is left alone."""
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise Invalid({"days": "must be a whole number of days, at least 1"})
    cutoff = clock.now() - timedelta(days=days)
    stale = (Introduction.objects.filter(owner=owner, state__in=PRE_MADE)
             .annotate(last=Coalesce(Max("steps__at"), "created_at")).filter(last__lt=cutoff))
    expired = 0
    for intro in stale:
        try:
            advance(intro, State.EXPIRED, expected_state=intro.state, note=f"No step for {days} days")
        except Conflict:
            continue
        expired += 1
    return expired


def expire_stale_everywhere(days: int = STALE_DAYS) -> int:
    """The nightly upkeep: every active user's stale introductions expire. One user's failure is logged and the
    others still run. Returns how many expired in all."""
    from django.contrib.auth import get_user_model

    expired = 0
    for user in get_user_model().objects.filter(is_active=True).order_by("id"):
        try:
            expired += expire_stale(user, days=days)
        except Exception:  # one user's broken data must not stop everyone else's upkeep
            log.exception("givefirst: stale introductions of user %s could not be expired", user.pk)
    return expired


def board(owner, *, closed_limit: int = 100) -> dict[str, list[Introduction]]:
    """Every state (empty ones too) with its introductions, people and ask loaded: those under way in full,
    the latest `closed_limit` of each finished state."""
    shown = (Introduction.objects.filter(owner=owner)
             .select_related("person_a", "person_b", "person_a__current_organisation",
                             "person_b__current_organisation", "ask"))
    columns: dict[str, list[Introduction]] = {state: [] for state in State.values}
    for intro in shown.filter(state__in=ACTIVE):
        columns[intro.state].append(intro)
    for state in CLOSED:
        columns[state] = list(shown.filter(state=state)[:closed_limit])
    return columns


def draft(intro: Introduction, step: str, **options) -> str:
    """The editable message for a step: "ask_a", "ask_b", "make" (to both) or "follow_up"."""
    from netweave.givefirst.intro_drafts import draft as write

    return write(intro, step, **options)
