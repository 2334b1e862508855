"""The scheduler with a controlled clock: digests due at the user's hour in their own far time zone, once per
period, and strengths recomputed once a day."""

from __future__ import annotations

from datetime import datetime, timezone

from netweave.nurture import services as nurture_services
from netweave.reminders import services, tasks
from netweave.reminders.models import Delivery, ReminderSettings
from netweave.reminders.schedule import run_due
from netweave.reminders.tests.support import clock, due, person, smtp  # noqa: F401

UTC = timezone.utc


def at(clock, *args):
    clock.now = datetime(*args, tzinfo=UTC)
    return run_due(clock.now)


def test_a_daily_digest_goes_at_the_users_hour_in_auckland_and_only_once_that_day(alice, due, smtp, clock):
    nurture_services.update_settings(alice, time_zone="Pacific/Auckland")  # UTC+13 in March
    services.update_settings(alice, {"frequency": "daily", "hour": 8})
    assert at(clock, 2026, 3, 10, 18, 55)["digests"] == 0  # 07:55 on Wednesday 11th in Auckland
    assert at(clock, 2026, 3, 10, 19, 0)["digests"] == 1  # 08:00 there
    assert at(clock, 2026, 3, 10, 23, 0)["digests"] == 0  # the same Auckland day: already sent
    assert at(clock, 2026, 3, 11, 19, 5)["digests"] == 1  # the next Auckland morning
    assert len(smtp.messages) == 2
    assert ReminderSettings.objects.get(owner=alice).digest_period == "2026-03-12"


def test_a_weekly_digest_goes_on_its_weekday_or_later_in_the_same_week_never_twice(alice, due, smtp, clock):
    nurture_services.update_settings(alice, time_zone="Asia/Tokyo")  # UTC+9
    services.update_settings(alice, {"frequency": "weekly", "weekday": 3, "hour": 9})  # Thursdays at 9
    assert at(clock, 2026, 3, 11, 23, 0)["digests"] == 0  # Thursday 08:00 in Tokyo
    assert at(clock, 2026, 3, 12, 3, 0)["digests"] == 1  # Thursday 12:00: due since 9, sent now
    assert at(clock, 2026, 3, 14, 3, 0)["digests"] == 0  # Saturday of the same week
    assert at(clock, 2026, 3, 19, 0, 0)["digests"] == 1  # the next Thursday, 09:00 in Tokyo
    assert [m["To"] for m in smtp.messages] == ["alice@example.org"] * 2


def test_a_digest_switched_off_is_never_sent(alice, due, smtp, clock):
    services.update_settings(alice, {"frequency": "off", "hour": 0})
    assert at(clock, 2026, 3, 10, 12, 0)["digests"] == 0 and smtp.messages == []


def test_an_empty_digest_is_not_sent_but_its_period_is_spent(alice, smtp, clock):
    services.update_settings(alice, {"frequency": "daily", "hour": 0})
    assert at(clock, 2026, 3, 10, 12, 0)["digests"] == 0
    assert ReminderSettings.objects.get(owner=alice).digest_period == "2026-03-10"


def test_a_digest_with_no_address_is_logged_as_failed_not_dropped(alice, due, clock):
    alice.email = ""
    alice.save()
    services.update_settings(alice, {"frequency": "daily", "hour": 0})
    at(clock, 2026, 3, 10, 12, 0)
    [row] = Delivery.objects.filter(owner=alice)
    assert row.status == "failed" and "no address" in row.error


def test_the_scheduled_digest_also_goes_to_the_webhook_and_a_mail_failure_is_retried_at_a_later_look(
        alice, due, clock, settings):
    from netweave.reminders.tests.support import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    services.update_settings(alice, {"frequency": "daily", "hour": 0})
    at(clock, 2026, 3, 10, 12, 0)
    assert at(clock, 2026, 3, 10, 12, 5)["retried"] == 1
    assert list(Delivery.objects.filter(owner=alice).order_by("attempt").values_list("attempt", "status")) == [
        (1, "retrying"), (2, "retrying")]


def test_strengths_are_recomputed_once_a_day_per_user_in_their_zone(alice, bob, due, clock, monkeypatch):
    calls = []
    monkeypatch.setattr("netweave.nurture.strengths.recompute_all",
                        lambda owner, progress=None, *, now=None: calls.append((owner.username, now)))
    nurture_services.update_settings(alice, time_zone="Pacific/Kiritimati")  # UTC+14
    assert at(clock, 2026, 3, 10, 9, 0)["strengths"] == 2
    assert at(clock, 2026, 3, 10, 9, 30)["strengths"] == 0
    assert at(clock, 2026, 3, 10, 10, 0)["strengths"] == 1  # midnight in Kiritimati: Alice's new day
    assert [who for who, _ in calls] == ["alice", "bob", "alice"]


def test_the_huey_task_runs_a_look_in_immediate_mode(alice, due, smtp, clock):
    services.update_settings(alice, {"frequency": "daily", "hour": 0})
    assert tasks.huey.immediate
    tasks.look()  # periodic tasks keep no result: what it did is in the inbox and the log
    assert len(smtp.messages) == 1 and Delivery.objects.get(owner=alice).status == "sent"
