"""Delivery that arrives: how each user wants to hear from netweave (a digest by mail, a webhook, a calendar
feed), and a log row for every attempt to reach them."""

from __future__ import annotations

import hashlib

from django.db import models
from django.db.models import Q

from netweave.core.models import Owned


def hash_feed_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ReminderSettings(Owned):
    """One row per user: the digest's schedule and the channels it goes to, and the feed's token (hashed)."""

    class Frequency(models.TextChoices):
        OFF = "off", "off"
        DAILY = "daily", "daily"
        WEEKLY = "weekly", "weekly"

    frequency = models.CharField(max_length=8, choices=Frequency.choices, default=Frequency.OFF)
    hour = models.PositiveSmallIntegerField(default=8, help_text="Sent at or after this hour, in the user's zone.")
    weekday = models.PositiveSmallIntegerField(default=0, help_text="For a weekly digest: 0 Monday … 6 Sunday.")
    mail_enabled = models.BooleanField(default=True)
    email = models.EmailField(blank=True, help_text="Where the digest goes; empty: the user's own address.")
    webhook_url = models.URLField(max_length=500, blank=True)
    webhook_secret = models.CharField(max_length=64, blank=True, help_text="Signs each payload (HMAC-SHA256).")
    feed_digest = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the feed token; never the token.")
    feed_prefix = models.CharField(max_length=12, blank=True)
    feed_created_at = models.DateTimeField(null=True, blank=True)
    digest_period = models.CharField(max_length=16, blank=True, help_text="The last period a digest went out for.")
    strengths_day = models.DateField(null=True, blank=True, help_text="The last day strengths were recomputed.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="reminder_settings_one_per_owner"),
            models.UniqueConstraint(fields=["feed_digest"], condition=~Q(feed_digest=""), name="reminder_feed_unique"),
            models.CheckConstraint(condition=Q(hour__lte=23), name="reminder_hour_valid"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="reminder_weekday_valid"),
        ]

    def address(self) -> str:
        """The digest's recipient: the address set here, else the account's own."""
        return self.email or self.owner.email


class Delivery(Owned):
    """One attempt to send something to a user. A failed attempt that will be tried again is `retrying` and
    carries `next_attempt_at` until the scheduler takes it; the last failed attempt stays `failed`."""

    class Channel(models.TextChoices):
        MAIL = "mail", "mail"
        WEBHOOK = "webhook", "webhook"

    class Status(models.TextChoices):
        SENT = "sent", "sent"
        FAILED = "failed", "failed"
        RETRYING = "retrying", "retrying"

    channel = models.CharField(max_length=8, choices=Channel.choices)
    created_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=Status.choices)
    attempt = models.PositiveSmallIntegerField(default=1)
    subject = models.CharField(max_length=200)
    destination = models.CharField(max_length=500)
    error = models.TextField(blank=True)
    period = models.CharField(max_length=16, blank=True, help_text="The digest period; empty for a send by hand.")
    payload = models.JSONField(default=dict, blank=True, help_text="What to send again while a retry is pending.")
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="delivery_recent"),
            models.Index(fields=["next_attempt_at"], condition=Q(next_attempt_at__isnull=False),
                         name="delivery_retry_due"),
        ]
