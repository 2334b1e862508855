"""Small hand-built networks for the matching and suggestion tests: people with a pinned tie strength."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netweave.givefirst import services
from netweave.givefirst.models import Ask, Offer
from netweave.nurture.tests.today_support import NOW, clock, strength  # noqa: F401  (clock: a fixture)
from netweave.people.models import Person


@pytest.fixture
def contact(alice, make_person, clock):  # noqa: F811
    """contact("Bo Chen", 60, expertise=["Rust"]): one of Alice's people with my tie pinned at that strength."""

    def make(name: str, score: int | None = None, *, owner=None, **fields) -> Person:
        person = make_person(name, owner=owner or alice, **fields)
        if score is not None:
            strength(person, score)
        return person

    return make


def ask(owner, person, topic: str, *, kind: str = "advice", details: str = "", days_old: int = 0) -> Ask:
    made = services.add_ask(owner, person=person, kind=kind, topic=topic, details=details)
    Ask.objects.filter(pk=made.pk).update(created_at=NOW - timedelta(days=days_old))
    made.refresh_from_db()
    return made


def offer(owner, person, topic: str, *, kind: str = "expertise") -> Offer:
    return services.add_offer(owner, person=person, kind=kind, topic=topic)


def talk(person: Person, days_ago: int, summary: str, *, score: int, kind: str = "meeting", notes: str = ""):
    """Log an interaction with `person`; logging recomputes strength, so it is pinned again at `score`."""
    from netweave.interactions.services import log_interaction

    log_interaction(person.owner, kind=kind, occurred_at=NOW - timedelta(days=days_ago), participants=[person],
                    summary=summary, notes=notes)
    strength(person, score)
