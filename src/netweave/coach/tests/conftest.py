"""Fixtures of the brief tests: a pinned clock, people added and met some days before it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)  # a Tuesday, noon UTC


@pytest.fixture
def now(monkeypatch):
    """Every service's `clock.now` (and `clock.today`, which dates job changes) pinned to NOW."""
    from netweave.core import clock

    monkeypatch.setattr(clock, "now", lambda: NOW)
    monkeypatch.setattr(clock, "today", lambda: NOW.date())
    return NOW


@pytest.fixture
def person(alice, make_person, now):
    """person("Ana Lima", added=400, **fields): one of Alice's people, added `added` days before NOW."""
    from netweave.people.models import Person

    def make(name: str, *, added: int = 400, owner=None, **fields) -> Person:
        made = make_person(name, owner=owner, **fields)
        Person.objects.filter(pk=made.pk).update(created_at=NOW - timedelta(days=added))
        made.refresh_from_db()
        return made

    return make


@pytest.fixture
def meet(now):
    """meet([ana, bo], 12, summary=..., notes=..., kind=...): an interaction `days` before NOW (negative: a plan)."""
    from netweave.interactions.services import log_interaction

    def log(people, days: float, *, summary: str = "", notes: str = "", kind: str = "meeting"):
        people = people if isinstance(people, list) else [people]
        return log_interaction(people[0].owner, kind=kind, occurred_at=NOW - timedelta(days=days),
                               participants=people, summary=summary or f"Coffee with {people[0].display_name}",
                               notes=notes)

    return log

