"""Reminders on the web: the channels' settings page (the feed's URL is shown once, when created), the log of
deliveries, and the calendar feed itself, which needs no login: its token is the key."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from netweave.core.errors import Invalid
from netweave.reminders import services
from netweave.reminders.feed import calendar_for
from netweave.reminders.models import Delivery, ReminderSettings

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SHOWN_DELIVERIES = 100


def _form_changes(post) -> dict:
    """The settings form's boxes as the service takes them; a number that is not one is left for it to refuse."""
    changes = {"frequency": post.get("frequency", ""), "email": post.get("email", ""),
               "webhook_url": post.get("webhook_url", ""), "mail_enabled": post.get("mail_enabled") == "on"}
    for field in ("hour", "weekday"):
        typed = post.get(field, "").strip()
        changes[field] = int(typed) if typed.isascii() and typed.isdigit() else typed
    return changes


def _why(exc: Invalid) -> str:
    return "; ".join(f"{field.replace('_', ' ')}: {why}" for field, why in exc.errors.items())


def _page(request, *, new_feed_url: str = "", errors: dict | None = None, status: int = 200):
    row = services.settings_of(request.user)
    return render(request, "reminders/settings.html", {
        "row": row, "frequencies": ReminderSettings.Frequency.values, "hours": range(24),
        "weekdays": list(enumerate(WEEKDAYS)), "new_feed_url": new_feed_url, "errors": errors or {},
        "failures": Delivery.objects.filter(owner=request.user, status=Delivery.Status.FAILED)[:5],
    }, status=status)


@login_required
def settings_page(request):
    if request.method != "POST":
        return _page(request)
    action, owner = request.POST.get("action", "save"), request.user
    try:
        if action == "save":
            services.update_settings(owner, _form_changes(request.POST))
            messages.success(request, "Reminders saved.")
        elif action == "feed-create":
            raw = services.create_feed_token(owner)
            # Shown in this answer only: the token is kept hashed and cannot be shown again.
            return _page(request, new_feed_url=request.build_absolute_uri(reverse("reminders:feed", args=[raw])))
        elif action == "feed-revoke":
            revoked = services.revoke_feed_token(owner)
            messages.success(request, "The feed is revoked." if revoked else "There was no feed to revoke.")
        elif action == "new-secret":
            services.new_webhook_secret(owner)
            messages.success(request, "The webhook has a new secret.")
        elif action in ("send-digest", "post-webhook"):
            sent = services.send_digest_now(owner) if action == "send-digest" else services.post_webhook_now(owner)
            if sent.status == Delivery.Status.SENT:
                messages.success(request, f"Sent to {sent.destination}.")
            else:
                messages.error(request, f"Not sent ({sent.error}); "
                               + ("it will be tried again." if sent.status == Delivery.Status.RETRYING else "see Deliveries."))
        else:
            messages.error(request, "Unknown action.")
    except Invalid as exc:
        return _page(request, errors=exc.errors, status=422)
    return redirect("reminders:settings")


@login_required
def deliveries(request):
    rows = Delivery.objects.filter(owner=request.user).order_by("-created_at", "-id")
    if request.GET.get("status") in Delivery.Status.values:
        rows = rows.filter(status=request.GET["status"])
    return render(request, "reminders/deliveries.html", {
        "rows": rows[:SHOWN_DELIVERIES], "status": request.GET.get("status", ""),
        "statuses": Delivery.Status.values})


@require_GET
def feed(request, token: str):
    owner = services.feed_owner(token)
    if owner is None:
        raise Http404("No such feed")
    response = HttpResponse(calendar_for(owner), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
