"""Sends that fail in ways nobody planned for are logged and never stop the scheduler."""

from __future__ import annotations

from datetime import date

import pytest

from netweave.reminders import digest, services
from netweave.reminders.models import Delivery, ReminderSettings


def test_a_webhook_address_that_cannot_work_fails_at_once_with_the_reason(alice):
    ReminderSettings.objects.update_or_create(owner=alice, defaults={"webhook_url": "http://127.0.0.1:abc/hook"})
    services.post_webhook_now(alice)
    row = Delivery.objects.get(owner=alice)
    assert row.status == Delivery.Status.FAILED and "InvalidURL" in row.error


def test_a_digest_that_could_not_be_built_is_tried_again_not_lost(alice, monkeypatch):
    services.update_settings(alice, {"frequency": "daily", "hour": 0, "mail_enabled": True})

    def broken(owner, day=None):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(digest, "build", broken)
    with pytest.raises(RuntimeError):
        services.send_scheduled_digest(alice, "2026-03-10", date(2026, 3, 10))
    assert ReminderSettings.objects.get(owner=alice).digest_period != "2026-03-10"
