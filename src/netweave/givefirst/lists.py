"""Read paths the give-first API and CLI share: people by id, asks and offers by status, exchanges by person,
introductions by state, and the one forward move of an introduction."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from netweave.core.errors import Invalid
from netweave.givefirst.models import Exchange, Introduction, Status
from netweave.people.models import Person

NEED_STATES = ("open", "expired", "done", "withdrawn", "all")
# The moves that are not forward: possible from nearly every state, so never "the obvious next one".
SIDE_MOVES = (Introduction.State.DECLINED, Introduction.State.EXPIRED)


def needs(model, owner, *, today: date, status: str = "open", person=None, me: bool = False, kind: str = "",
          q: str = "") -> QuerySet:
    """Asks or offers (`model`), newest first. "open" leaves out those past their day; "expired" is only those."""
    qs = model.objects.filter(owner=owner).select_related("person")
    unexpired = Q(expires_on__isnull=True) | Q(expires_on__gte=today)
    if status == "open":
        qs = qs.filter(unexpired, status=Status.OPEN)
    elif status == "expired":
        qs = qs.filter(status=Status.OPEN, expires_on__lt=today)
    elif status != "all":
        qs = qs.filter(status=status)
    if me:
        qs = qs.filter(person__isnull=True)
    elif person is not None:
        qs = qs.filter(person=person)
    if kind:
        qs = qs.filter(kind=kind)
    for word in q.split():
        qs = qs.filter(Q(topic__icontains=word) | Q(details__icontains=word))
    return qs


def exchanges(owner, *, person=None, kind: str = "") -> QuerySet:
    """Exchanges newest first; with `person`, those they gave or received (brokered ones included)."""
    qs = Exchange.objects.filter(owner=owner).select_related("giver", "receiver")
    if person is not None:
        qs = qs.filter(Q(giver=person) | Q(receiver=person))
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def introductions(owner, *, state: str = "", person=None) -> QuerySet:
    """Introductions, most recently moved first."""
    qs = Introduction.objects.filter(owner=owner).select_related("person_a", "person_b")
    if state:
        qs = qs.filter(state=state)
    if person is not None:
        qs = qs.filter(Q(person_a=person) | Q(person_b=person))
    return qs


def forward(legal) -> str | None:
    """The one forward move among the legal ones, or None when there is none (or, oddly, several)."""
    ahead = [s for s in legal if s not in SIDE_MOVES]
    return ahead[0] if len(ahead) == 1 else None


def next_draft(intro) -> tuple[str | None, str | None]:
    """(the forward move, the drafted message for it): (None, None) when finished; no message when the move is
    someone agreeing."""
    from netweave.givefirst.intro_drafts import STEP_FOR_STATE
    from netweave.givefirst.introductions import draft, next_states

    step = forward(next_states(intro))
    return step, (draft(intro, STEP_FOR_STATE[step]) or None) if step in STEP_FOR_STATE else None


def people_by_id(user, **ids) -> dict:
    """The user's people named by id in a body ({field: Person, or None for me}). An id that is none of theirs
    is a 422 naming its field, as for ties: the body is refused, the URL was found."""
    wanted = {field: pk for field, pk in ids.items() if pk is not None}
    found = Person.objects.filter(owner=user).in_bulk(set(wanted.values())) if wanted else {}
    missing = {field: f"no person with id {pk}" for field, pk in wanted.items() if pk not in found}
    if missing:
        raise Invalid(missing)
    return {field: found.get(pk) for field, pk in ids.items()}
