"""Every change to reminders, written once: the channels' settings, the feed token, and each attempt to send
(recorded in the delivery log whatever happens). The web pages, the API, the CLI and the scheduler call these."""

from __future__ import annotations

import logging
import secrets
from datetime import date, datetime, timedelta
from urllib.parse import urlparse

from django.db import transaction
from django.db.models import Q

from netweave.core import clock
from netweave.core.errors import Invalid
from netweave.reminders import channels
from netweave.reminders.models import Delivery, ReminderSettings, hash_feed_token

log = logging.getLogger(__name__)

FEED_PREFIX = "nwf_"
# Waits before the 2nd, 3rd, 4th and 5th attempt; after the 5th a send stays failed. The scheduler looks every
# few minutes, so the first retry comes at the next look or the one after.
RETRY_DELAYS = (timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=8))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
EDITABLE = ("frequency", "hour", "weekday", "mail_enabled", "email", "webhook_url")


def settings_of(owner) -> ReminderSettings:
    """The owner's settings, created with the defaults (digest off) the first time they are asked for."""
    found, _ = ReminderSettings.objects.get_or_create(owner=owner)
    return found


def _checked(changes: dict) -> tuple[dict, dict]:
    from netweave.people.normalize import email_or_error

    clean, errors = {}, {}
    for field, value in changes.items():
        if field not in EDITABLE:
            errors[field] = "not a reminders setting"
        elif field == "frequency":
            if value not in ReminderSettings.Frequency.values:
                errors[field] = f"one of {', '.join(ReminderSettings.Frequency.values)}"
        elif field in ("hour", "weekday"):
            high = 23 if field == "hour" else 6
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
                errors[field] = f"a whole number from 0 to {high}"
        elif field == "mail_enabled":
            if not isinstance(value, bool):
                errors[field] = "true or false"
        elif field == "email":
            value = (value or "").strip()
            if value:
                value, why = email_or_error(value)
                if why:
                    errors[field] = why
        elif field == "webhook_url":
            value = (value or "").strip()
            parsed = urlparse(value)
            if value and (parsed.scheme not in ("http", "https") or not parsed.hostname):
                errors[field] = "an http:// or https:// address"
            elif len(value) > 500:
                errors[field] = "at most 500 characters"
        clean[field] = value
    return clean, errors


@transaction.atomic
def update_settings(owner, changes: dict) -> ReminderSettings:
    """Change some of the settings; a webhook gets its signing secret when it is first set."""
    clean, errors = _checked(changes)
    if errors:
        raise Invalid(errors)
    row = settings_of(owner)
    for field, value in clean.items():
        setattr(row, field, value)
    if row.webhook_url and not row.webhook_secret:
        row.webhook_secret = secrets.token_hex(32)
    row.save()
    return row


def new_webhook_secret(owner) -> str:
    """Replace the webhook's signing secret (when the old one may have leaked)."""
    row = settings_of(owner)
    row.webhook_secret = secrets.token_hex(32)
    row.save(update_fields=["webhook_secret"])
    return row.webhook_secret


def create_feed_token(owner) -> str:
    """A new calendar feed token, replacing any earlier one. Returned once; only its hash is kept."""
    raw = FEED_PREFIX + secrets.token_urlsafe(32)
    row = settings_of(owner)
    row.feed_digest, row.feed_prefix, row.feed_created_at = hash_feed_token(raw), raw[:10], clock.now()
    row.save(update_fields=["feed_digest", "feed_prefix", "feed_created_at"])
    return raw


def revoke_feed_token(owner) -> bool:
    """Stop the feed answering. False when there was no token."""
    return bool(ReminderSettings.objects.filter(owner=owner).exclude(feed_digest="")
                .update(feed_digest="", feed_prefix="", feed_created_at=None))


def feed_owner(raw: str):
    """The user whose feed token this is, or None."""
    if not raw or not raw.startswith(FEED_PREFIX):
        return None
    row = ReminderSettings.objects.filter(feed_digest=hash_feed_token(raw)).select_related("owner").first()
    return row.owner if row and row.owner.is_active else None


# Sending -------------------------------------------------------------------------------------------------

def attempt(owner, channel: str, destination: str, subject: str, payload: dict, *, period: str = "",
            number: int = 1) -> Delivery:
    """Send once and log it. The row is written before the send as a pending retry, so a crash mid-send still
    leaves a send to retry, then says how the send went."""
    now = clock.now()
    last = number >= MAX_ATTEMPTS
    row = Delivery.objects.create(
        owner=owner, channel=channel, created_at=now, status=Delivery.Status.RETRYING, attempt=number,
        subject=subject[:200], destination=destination[:500], period=period, payload=payload,
        next_attempt_at=None if last else now + RETRY_DELAYS[number - 1])
    try:
        if channel == Delivery.Channel.MAIL:
            channels.send_mail(destination, subject, payload["text"], payload["html"])
        else:
            secret = settings_of(owner).webhook_secret
            channels.post_webhook(destination, secret, payload["body"], delivery_id=row.pk)
    except Exception as exc:  # noqa: BLE001 - whatever went wrong is logged on the row and tried again
        if not isinstance(exc, channels.SendFailed):
            log.exception("reminders: unexpected error sending %s", channel)
            exc = channels.SendFailed(f"{type(exc).__name__}: {exc}"[:1000])
        row.error = str(exc)
        if last or not exc.retry:
            row.status, row.next_attempt_at, row.payload = Delivery.Status.FAILED, None, {}
        # The host only: a webhook's path often carries its secret (Slack, Discord).
        log.warning("reminders: %s to %s failed (attempt %s): %s", channel, _where(destination), number, exc)
    else:
        row.status, row.next_attempt_at, row.payload = Delivery.Status.SENT, None, {}
    row.save(update_fields=["status", "error", "next_attempt_at", "payload"])
    return row


def _where(destination: str) -> str:
    return urlparse(destination).hostname or "?" if "://" in destination else destination


def retry_due(now: datetime | None = None) -> list[Delivery]:
    """Try again every failed send whose wait is over. Each is taken by one scheduler only."""
    now = now or clock.now()
    done = []
    for row in Delivery.objects.filter(next_attempt_at__lte=now).select_related("owner").order_by("next_attempt_at"):
        taken = Delivery.objects.filter(pk=row.pk, next_attempt_at__isnull=False).update(next_attempt_at=None,
                                                                                          payload={})
        if taken:
            done.append(attempt(row.owner, row.channel, row.destination, row.subject, row.payload,
                                period=row.period, number=row.attempt + 1))
    return done


def _mail(owner, row: ReminderSettings, digest, period: str) -> Delivery:
    address = row.address()
    if not address:
        # Logged as a failure, not skipped in silence: the deliveries page says what to fix.
        return Delivery.objects.create(
            owner=owner, channel=Delivery.Channel.MAIL, created_at=clock.now(), status=Delivery.Status.FAILED,
            subject=digest.subject, destination="", period=period,
            error="no address: set one in Reminders, or give the account an email address")
    return attempt(owner, Delivery.Channel.MAIL, address, digest.subject, digest.mail_payload(), period=period)


def _webhook(owner, row: ReminderSettings, digest, period: str) -> Delivery:
    body = {"event": "digest", "subject": digest.subject, "digest": digest.data}
    return attempt(owner, Delivery.Channel.WEBHOOK, row.webhook_url, digest.subject, {"body": body}, period=period)


def send_digest_now(owner) -> Delivery:
    """Mail the digest now, whatever the schedule says (a test of the settings, or an extra one)."""
    from netweave.reminders.digest import build

    row = settings_of(owner)
    if not row.address():
        raise Invalid({"email": "no address to mail to: set one, or give the account an email address"})
    return _mail(owner, row, build(owner), "")


def post_webhook_now(owner) -> Delivery:
    """Post the digest to the webhook now."""
    from netweave.reminders.digest import build

    row = settings_of(owner)
    if not row.webhook_url:
        raise Invalid({"webhook_url": "no webhook is set"})
    return _webhook(owner, row, build(owner), "")


def send_scheduled_digest(owner, period: str, day: date) -> list[Delivery]:
    """The digest of one period, to every channel switched on, at most once: the period is claimed first, so
    two schedulers (or a restart) never send it twice. A digest with nothing in it is not sent."""
    from netweave.reminders.digest import build

    with transaction.atomic():
        previous = (ReminderSettings.objects.filter(owner=owner).values_list("digest_period", flat=True).first())
        claimed = (ReminderSettings.objects.filter(owner=owner).exclude(frequency=ReminderSettings.Frequency.OFF)
                   .exclude(digest_period=period).update(digest_period=period))
    if not claimed:
        return []
    row = settings_of(owner)
    try:
        digest = build(owner, day)
    except Exception:
        # Nothing was sent: give the period back, so the next look tries again rather than losing the digest.
        ReminderSettings.objects.filter(owner=owner, digest_period=period).update(digest_period=previous or "")
        raise
    if digest.empty:
        return []
    sent = []
    if row.mail_enabled:
        sent.append(_mail(owner, row, digest, period))
    if row.webhook_url:
        sent.append(_webhook(owner, row, digest, period))
    return sent


def refresh_strengths_for_day(owner, day: date, now: datetime) -> bool:
    """Recompute every strength of the owner once on `day`, so ties decay without new contact."""
    from netweave.nurture.strengths import recompute_all

    settings_of(owner)
    claimed = (ReminderSettings.objects.filter(owner=owner).filter(Q(strengths_day__isnull=True) | ~Q(strengths_day=day))
               .update(strengths_day=day))
    if claimed:
        recompute_all(owner, now=now)
    return bool(claimed)
