"""Keeping in touch on the web: the today list's buttons (its page is the home page), the cadences and
settings page, and the losing-touch page. Thin views over nurture.services and the nurture queries.

Every form works without JavaScript (post, then redirect back). With htmx, done, snooze and skip answer
with the refreshed today list, which replaces the old one in place.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings as django_settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from netweave.core.errors import Ambiguous, Invalid
from netweave.core.ids import parse_id
from netweave.interactions.models import Interaction
from netweave.nurture import services
from netweave.nurture.cadences import MAX_DAYS, cadence_table
from netweave.nurture.losing import losing_touch
from netweave.nurture.services import MAX_DAILY_LIMIT
from netweave.nurture.today import due_list, settings_for
from netweave.people.models import Circle, Person, Tag
from netweave.people.naming import resolve_token, who_is
from netweave.people.normalize import fold
from netweave.people.services import new_origin

DONE_KINDS = ("message", "call", "video", "meeting", "email")  # the ways one reaches out, most likely first


def today_context(request, status: str = "", error: bool = False) -> dict:
    """What the today list needs, for the home page and the htmx answers alike. `back` is the page showing
    the list (for an htmx answer, the page that asked, not the button's URL), where a form without
    JavaScript returns."""
    back = request.get_full_path()
    if request.htmx and request.htmx.current_url_abs_path:
        back = request.htmx.current_url_abs_path
    return {"today": due_list(request.user), "done_kinds": [(k, Interaction.Kind(k).label) for k in DONE_KINDS],
            "status": status, "status_error": error, "back": back}


def _answer(request, text: str, *, error: bool = False):
    if request.htmx:
        return render(request, "nurture/_today.html", today_context(request, text, error))
    (messages.error if error else messages.success)(request, text)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    return redirect(back or "home")


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _why(exc: Invalid) -> str:
    return "; ".join(f"{field.replace('_', ' ')}: {why}" for field, why in exc.errors.items())


@login_required
@require_POST
def checkin_done(request, pk: int):
    person = get_object_or_404(Person, pk=pk, owner=request.user)
    try:
        interaction = services.mark_done(person, kind=request.POST.get("kind") or None,
                                         summary=request.POST.get("summary") or None, source="web",
                                         origin=new_origin(request.user, "web", "today: done"))
    except Invalid as exc:
        return _answer(request, _why(exc), error=True)
    return _answer(request, f"Logged a {interaction.get_kind_display()} with {person.display_name}.")


@login_required
@require_POST
def checkin_snooze(request, pk: int):
    person = get_object_or_404(Person, pk=pk, owner=request.user)
    until = None
    typed = request.POST.get("until", "").strip()
    try:
        if typed:
            try:
                until = date.fromisoformat(typed)
            except ValueError:
                raise Invalid({"until": f"{typed[:20]!r} is not a date like 2026-05-01"}) from None
        nudge = services.snooze(person, until)
    except Invalid as exc:
        return _answer(request, _why(exc), error=True)
    return _answer(request, f"Snoozed {person.display_name} until {_day(nudge.until)}.")


@login_required
@require_POST
def checkin_skip(request, pk: int):
    person = get_object_or_404(Person, pk=pk, owner=request.user)
    nudge = services.skip(person)
    return _answer(request, f"Skipped {person.display_name} until {_day(nudge.until)}.")


def _named_target(request, scope: str):
    """The circle, tag or person typed by name (the add forms), or None and why not."""
    name = " ".join(request.POST.get("name", "").split())
    if not name:
        return None, f"Name a {scope}."
    if scope == "circle":
        found = Circle.objects.filter(owner=request.user, name__iexact=name).first()
        return (found, "") if found else (None, f"No circle called {name!r}.")
    if scope == "tag":
        tags = {t.kind: t for t in Tag.objects.filter(owner=request.user, key=fold(name)[:100])}
        tag = tags.get("tag") or tags.get("interest") or tags.get("expertise")
        return (tag, "") if tag else (None, f"No tag called {name!r}.")
    try:
        return resolve_token(request.user, name), ""
    except Ambiguous as exc:
        return None, who_is(exc)


@login_required
def cadences(request):
    """The cadence of each circle, and of the tags and people that have their own; and the list's settings."""
    if request.method == "POST":
        action, scope = request.POST.get("action", ""), request.POST.get("scope", "")
        if scope not in ("circle", "tag", "person") or action not in ("set", "clear"):
            messages.error(request, "Say what to change.")
            return redirect("nurture:cadences")
        target_id = parse_id(request.POST.get("target"))
        if target_id is not None:
            model = {"circle": Circle, "tag": Tag, "person": Person}[scope]
            target = get_object_or_404(model, pk=target_id, owner=request.user)
        else:
            target, problem = _named_target(request, scope)
            if target is None:
                messages.error(request, problem)
                return redirect("nurture:cadences")
        name = getattr(target, "display_name", None) or target.name
        try:
            if action == "set":
                cadence = services.set_cadence(request.user, request.POST.get("days", ""), **{scope: target})
                messages.success(request, f"{name}: every {cadence.days} days.")
            elif services.clear_cadence(request.user, **{scope: target}):
                messages.success(request, f"{name}: your cadence is removed.")
        except Invalid as exc:
            messages.error(request, f"{name}: {_why(exc)}")
        return redirect("nurture:cadences")
    return render(request, "nurture/cadences.html", {
        "table": cadence_table(request.user), "settings": settings_for(request.user), "max_days": MAX_DAYS,
        "max_limit": MAX_DAILY_LIMIT, "server_zone": django_settings.TIME_ZONE or "UTC",
        "tag_names": Tag.objects.filter(owner=request.user).order_by("name").values_list("name", flat=True)[:500],
    })


@login_required
@require_POST
def settings_change(request):
    limit = request.POST.get("daily_limit", "").strip()
    try:
        services.update_settings(request.user, daily_limit=int(limit) if limit.isascii() and limit.isdigit() else limit
                                 or None, time_zone=request.POST.get("time_zone"))
        messages.success(request, "Saved your settings.")
    except Invalid as exc:
        messages.error(request, _why(exc))
    return redirect("nurture:cadences")


@login_required
def losing(request):
    return render(request, "nurture/losing_touch.html", {"losing": losing_touch(request.user)})
