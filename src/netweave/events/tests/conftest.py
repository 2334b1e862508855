"""Fixtures of the events tests: an event of Alice's that took place this morning, and one next month."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def event(alice):
    from netweave.events.services import create_event

    start = timezone.now() - timedelta(hours=3)
    return create_event(alice, {"name": "Climate Tech Summit", "starts_at": start,
                                "ends_at": start + timedelta(hours=2), "location": "Lisbon"})


@pytest.fixture
def upcoming(alice):
    from netweave.events.services import create_event

    return create_event(alice, {"name": "PyCon Lisbon", "starts_at": timezone.now() + timedelta(days=30)})
