"""Small hand-built networks for the ripple tests: people, my strength with each, ties, meetings, introductions."""

from __future__ import annotations

from datetime import timedelta

from netweave.core import clock
from netweave.nurture.models import Strength
from netweave.people.services import link_people


def set_strength(person, score: int, words: str = "") -> None:
    """My strength with `person`, written as nurture would keep it (no interactions needed)."""
    Strength.objects.update_or_create(owner_id=person.owner_id, person=person, defaults={
        "score": score, "parts": {}, "explanation": words or f"{score // 10} meetings in the past year",
        "computed_at": clock.now()})


def tie(owner, a, b, kind: str = "friend", evidence: str = ""):
    return link_people(owner, a, b, kind, evidence=evidence)


def meet(owner, people, *, days_ago: int = 10, kind: str = "meeting", summary: str = "Lunch together"):
    from netweave.interactions.services import log_interaction

    return log_interaction(owner, kind=kind, occurred_at=clock.now() - timedelta(days=days_ago),
                           participants=list(people), summary=summary)


def make_introduction(owner, a, b, *, reason: str = "Both work on climate", ask=None, outcome: str = ""):
    """An introduction taken through the double opt-in to made (and concluded with `outcome`, if given)."""
    from netweave.givefirst import introductions

    intro = introductions.propose(owner, a, b, reason=reason, ask=ask)
    for state in ("asked_a", "a_agreed", "asked_b", "b_agreed", "made"):
        intro = introductions.advance(intro, state)
    if outcome:
        intro = introductions.advance(intro, "concluded", outcome=outcome)
    return intro
