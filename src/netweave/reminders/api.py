"""/api/v1/reminders: the channels' settings, the feed token, sending now and the delivery log, for the acting
user only. (No `from __future__ import annotations`: ninja reads the types.)"""

from datetime import datetime
from typing import Literal

from django.urls import reverse
from ninja import Field, Query, Router, Schema, Status

from netweave.people.schemas import Strict
from netweave.reminders import services
from netweave.reminders.models import Delivery

router = Router(tags=["reminders"])


class FeedOut(Schema):
    active: bool
    prefix: str = Field(description="The token's first characters, to tell tokens apart; never the whole token.")
    created_at: datetime | None


class SettingsOut(Schema):
    frequency: str = Field(description='"off", "daily" or "weekly".')
    hour: int = Field(description="Sent at or after this hour, in the user's time zone.")
    weekday: int = Field(description="For a weekly digest: 0 Monday … 6 Sunday.")
    mail_enabled: bool
    email: str = Field(description="Where the digest goes; empty: the account's own address.")
    address: str = Field(description="Where the digest goes now.")
    webhook_url: str
    webhook_secret: str = Field(description="Signs each webhook body: X-Netweave-Signature: sha256=<HMAC-SHA256>.")
    feed: FeedOut


class SettingsIn(Strict):
    frequency: Literal["off", "daily", "weekly"] | None = None
    hour: int | None = Field(None, ge=0, le=23)
    weekday: int | None = Field(None, ge=0, le=6)
    mail_enabled: bool | None = None
    email: str | None = Field(None, max_length=254, description="Empty: the account's own address.")
    webhook_url: str | None = Field(None, max_length=500, description="http:// or https://; empty: no webhook.")


class FeedTokenOut(Schema):
    token: str = Field(description="Shown this once; only its hash is kept.")
    url: str = Field(description="The feed's address, for a calendar to subscribe to. No login needed.")


class RevokedOut(Schema):
    revoked: bool = Field(description="False when there was no feed.")


class DeliveryOut(Schema):
    id: int
    channel: str
    created_at: datetime
    status: str = Field(description='"sent", "retrying" (will be tried again) or "failed" (given up).')
    attempt: int
    subject: str
    destination: str
    error: str
    next_attempt_at: datetime | None


class DeliveriesParams(Schema):
    status: Literal["sent", "failed", "retrying"] | None = None
    limit: int = Field(50, ge=1, le=500)


def _out(row) -> dict:
    return {"frequency": row.frequency, "hour": row.hour, "weekday": row.weekday, "mail_enabled": row.mail_enabled,
            "email": row.email, "address": row.address(), "webhook_url": row.webhook_url,
            "webhook_secret": row.webhook_secret,
            "feed": {"active": bool(row.feed_digest), "prefix": row.feed_prefix, "created_at": row.feed_created_at}}


@router.get("/reminders", response=SettingsOut, summary="Read the digest's schedule, its channels and the feed")
def read_settings(request):
    return _out(services.settings_of(request.auth))


@router.put("/reminders", response=SettingsOut, summary="Change the digest's schedule and channels")
def change_settings(request, payload: SettingsIn):
    """Fields left out keep their values."""
    return _out(services.update_settings(request.auth, payload.dict(exclude_none=True)))


@router.post("/reminders/feed-token", response={201: FeedTokenOut}, summary="Create the calendar feed's token")
def create_feed_token(request):
    """Replaces any earlier token: the old address stops working."""
    raw = services.create_feed_token(request.auth)
    return Status(201, {"token": raw, "url": request.build_absolute_uri(reverse("reminders:feed", args=[raw]))})


@router.post("/reminders/feed-token/revoke", response=RevokedOut, summary="Revoke the calendar feed's token")
def revoke_feed_token(request):
    return {"revoked": services.revoke_feed_token(request.auth)}


@router.post("/reminders/digest", response=DeliveryOut, summary="Mail the digest now")
def send_digest(request):
    """The answer is the logged attempt: "sent", or "retrying" with the error when it will be tried again."""
    return services.send_digest_now(request.auth)


@router.post("/reminders/webhook", response=DeliveryOut, summary="Post the digest to the webhook now")
def post_webhook(request):
    return services.post_webhook_now(request.auth)


@router.get("/reminders/deliveries", response=list[DeliveryOut], summary="Recent deliveries, newest first")
def deliveries(request, params: Query[DeliveriesParams]):
    rows = Delivery.objects.filter(owner=request.auth).order_by("-created_at", "-id")
    if params.status:
        rows = rows.filter(status=params.status)
    return list(rows[:params.limit])
