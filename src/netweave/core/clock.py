"""One place to ask what time it is, so tests and the demo generator can pin it."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()


def today():
    return timezone.localdate()
