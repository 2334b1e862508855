"""Helpers for the keep-in-touch tests: a controlled clock, people added and contacted some days before it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from netweave.people.models import Person

UTC = timezone.utc
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)  # a Tuesday, noon UTC


class Clock:
    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    """The time every service reads (`netweave.core.clock.now`), pinned to NOW and moved by hand."""
    from netweave.core import clock as core_clock

    fake = Clock()
    monkeypatch.setattr(core_clock, "now", fake)
    return fake


@pytest.fixture
def person(alice, make_person, clock):
    """person("Ana Lima", circle="close", added=400, contacted=41) — days before the clock's now."""

    def make(name: str, *, added: int = 400, contacted: int | None = None, **fields) -> Person:
        made = make_person(name, **fields)
        Person.objects.filter(pk=made.pk).update(created_at=clock.now - timedelta(days=added))
        if contacted is not None:
            talk(made, contacted, clock=clock)
        made.refresh_from_db()
        return made

    return make


def talk(person: Person, days_ago: float, *, clock, summary: str = "", kind: str = "call"):
    from netweave.interactions.services import log_interaction

    return log_interaction(person.owner, kind=kind, occurred_at=clock.now - timedelta(days=days_ago),
                           participants=[person], summary=summary or f"Call with {person.display_name}")


def strength(person: Person, score: int) -> None:
    """Pin a person's strength, whatever the strength model computed."""
    from netweave.nurture.models import Strength

    Strength.objects.update_or_create(owner=person.owner, person=person,
                                      defaults={"score": score, "computed_at": NOW})


def no_strengths(owner) -> None:
    """Forget every computed strength, so a ranking depends on overdue and circle alone."""
    from netweave.nurture.models import Strength

    Strength.objects.filter(owner=owner).delete()
