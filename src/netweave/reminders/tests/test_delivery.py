"""Sending: a digest received by a real SMTP server, a webhook by a real HTTP server, failures retried with
backoff and logged each time, and the optional sections of modules that may be absent."""

from __future__ import annotations

import sys
import types
from datetime import timedelta

import pytest

from netweave.core.errors import Invalid
from netweave.reminders import channels, digest, services
from netweave.reminders.models import Delivery
from netweave.reminders.tests.support import NOW, clock, due, free_port, person, receiver, smtp  # noqa: F401


def test_a_digest_is_received_by_a_real_smtp_server_with_text_and_html(alice, due, smtp):
    row = services.send_digest_now(alice)
    assert (row.status, row.attempt, row.destination) == ("sent", 1, "alice@example.org")
    [message] = smtp.messages
    assert message["Subject"] == "netweave: 3 people to reach out to today" or \
        message["Subject"].startswith("netweave: 3 people to reach out to today,")
    assert message["To"] == "alice@example.org"
    parts = {part.get_content_type(): part.get_payload(decode=True).decode() for part in message.walk()
             if not part.is_multipart()}
    assert "Cy Diaz" in parts["text/plain"] and "Ana Lima" in parts["text/plain"]
    assert "<strong>Bo Chen</strong>" in parts["text/html"]


def test_a_refused_smtp_connection_is_logged_as_retrying_with_the_error(alice, due, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens there
    row = services.send_digest_now(alice)
    assert row.status == "retrying" and row.next_attempt_at == NOW + timedelta(minutes=5)
    assert "refused" in row.error.lower()


def test_mailing_with_no_address_anywhere_is_refused_by_hand(alice, due):
    alice.email = ""
    alice.save()
    with pytest.raises(Invalid) as caught:
        services.send_digest_now(alice)
    assert "email" in caught.value.errors


def test_the_webhook_receives_the_digest_signed_with_the_secret(alice, due, receiver):
    hook = receiver(200)
    row = services.update_settings(alice, {"webhook_url": hook.url})
    sent = services.post_webhook_now(alice)
    assert sent.status == "sent"
    [(headers, body)] = hook.received
    assert headers["X-Netweave-Signature"] == channels.sign(row.webhook_secret, body)
    assert headers["X-Netweave-Delivery"] == str(sent.pk)
    payload = hook.bodies()[0]
    assert payload["event"] == "digest"
    assert [p["display_name"] for p in payload["digest"]["people"]] == ["Cy Diaz", "Bo Chen", "Ana Lima"]


def test_a_failing_webhook_is_retried_with_growing_waits_then_stays_failed(alice, due, receiver, clock):
    hook = receiver(500)
    services.update_settings(alice, {"webhook_url": hook.url})
    first = services.post_webhook_now(alice)
    assert (first.status, first.error) == ("retrying", "HTTP 500 Internal Server Error")
    assert services.retry_due(clock.now) == []  # its wait is not over
    waits = []
    while Delivery.objects.filter(owner=alice, next_attempt_at__isnull=False).exists():
        pending = Delivery.objects.get(owner=alice, next_attempt_at__isnull=False)
        waits.append(pending.next_attempt_at - pending.created_at)
        clock.now = pending.next_attempt_at
        services.retry_due(clock.now)
    log = list(Delivery.objects.filter(owner=alice).order_by("attempt"))
    assert [d.attempt for d in log] == [1, 2, 3, 4, 5]
    assert [d.status for d in log] == ["retrying"] * 4 + ["failed"]
    assert waits == list(services.RETRY_DELAYS) and len(hook.received) == 5
    assert log[-1].error == "HTTP 500 Internal Server Error" and log[-1].payload == {}


def test_a_webhook_that_refuses_with_a_4xx_is_not_retried(alice, due, receiver):
    services.update_settings(alice, {"webhook_url": receiver(404).url})
    row = services.post_webhook_now(alice)
    assert (row.status, row.next_attempt_at) == ("failed", None)


def test_a_retry_that_succeeds_ends_the_retries(alice, due, receiver, clock):
    hook = receiver(503)
    services.update_settings(alice, {"webhook_url": hook.url})
    services.post_webhook_now(alice)
    hook.status = 200
    clock.advance(minutes=5)
    [second] = services.retry_due(clock.now)
    assert (second.status, second.attempt) == ("sent", 2)
    assert not Delivery.objects.filter(next_attempt_at__isnull=False).exists()
    assert hook.bodies()[0] == hook.bodies()[1]  # the same digest, not a newer one


@pytest.mark.parametrize("url", ["ftp://example.org/x", "javascript:alert(1)", "example.org", "http://"])
def test_a_webhook_url_must_be_http_or_https(alice, url):
    with pytest.raises(Invalid) as caught:
        services.update_settings(alice, {"webhook_url": url})
    assert "webhook_url" in caught.value.errors


def test_settings_refuse_an_hour_or_weekday_out_of_range_and_an_unknown_field(alice):
    with pytest.raises(Invalid) as caught:
        services.update_settings(alice, {"hour": 24, "weekday": -1, "frequency": "hourly", "colour": "red"})
    assert set(caught.value.errors) == {"hour", "weekday", "frequency", "colour"}


def test_the_subject_counts_people_and_what_else_is_there():
    assert digest.subject_for(3, 0, 0) == "netweave: 3 people to reach out to today"
    assert digest.subject_for(1, 2, 1) == "netweave: 1 person to reach out to today, 2 celebrations, 1 follow-up"
    assert digest.subject_for(0, 1, 0) == "netweave: nobody to reach out to today, 1 celebration"


@pytest.fixture
def absent(monkeypatch):
    """Both optional nurture modules missing, whether or not they exist in this checkout."""
    monkeypatch.setitem(sys.modules, "netweave.nurture.celebrations", None)
    monkeypatch.setitem(sys.modules, "netweave.nurture.followups", None)


def test_without_the_celebrations_and_followups_modules_their_sections_are_not_in_the_digest(alice, due, absent):
    made = digest.build(alice)
    assert "celebrations" not in made.data and "followups" not in made.data
    assert "celebrate" not in made.text and "Follow-ups" not in made.html
    assert made.subject == "netweave: 3 people to reach out to today"


def test_celebrations_and_followups_are_in_the_digest_when_their_modules_answer(alice, due, monkeypatch):
    ana = due[0]
    fake_celebrations = types.ModuleType("netweave.nurture.celebrations")
    fake_celebrations.upcoming = lambda owner, today, days=14: [types.SimpleNamespace(
        person_id=ana.pk, display_name="Ana Lima", kind="birthday", day=today + timedelta(days=3), what="turns 40")]
    fake_followups = types.ModuleType("netweave.nurture.followups")
    fake_followups.due = lambda owner, today: [{"id": 7, "person_id": ana.pk, "display_name": "Ana Lima",
                                               "due": today, "text": "send her the deck"}]
    monkeypatch.setitem(sys.modules, "netweave.nurture.celebrations", fake_celebrations)
    monkeypatch.setitem(sys.modules, "netweave.nurture.followups", fake_followups)
    made = digest.build(alice)
    assert made.subject == "netweave: 3 people to reach out to today, 1 celebration, 1 follow-up"
    assert made.data["celebrations"][0]["text"] == "turns 40"
    assert made.data["followups"][0]["day"] == "2026-03-10"
    assert "Ana Lima, turns 40" in made.text and "send her the deck" in made.html
