"""Printable briefs on the web: one person's (/people/<id>/brief/) and an event's (/brief/event/<ref>/), and a
box to find the event (/brief/event/?q=PyCon). Thin views over coach.brief and coach.occasions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from netweave.coach.brief import Here, gather, person_for_brief
from netweave.coach.occasions import PAST_DAYS, event_brief, match
from netweave.core.errors import Invalid, NotFound
from netweave.people.models import Person


@login_required
def person_brief(request, pk: int):
    try:
        person = person_for_brief(request.user, pk)
    except Person.DoesNotExist:
        raise Http404("no such person")
    return render(request, "coach/person.html", {"brief": gather(request.user, person)})


@login_required
def event_find(request):
    """The best match for ?q= opens its brief; no match (or no query) shows the box again."""
    q = " ".join(request.GET.get("q", "").split())[:200]
    if q:
        try:
            found = match(request.user, q, Here(request.user), limit=1)
        except Invalid:
            found = []
        if found:
            return redirect(f"{reverse('coach:event', args=[found[0].ref])}?{urlencode({'q': q})}")
    return render(request, "coach/event_find.html", {"q": q, "past_days": PAST_DAYS})


@login_required
def event_page(request, ref: str):
    """The event's brief; arriving from a search (?q=), the other events that matched are offered too."""
    try:
        found = event_brief(request.user, ref=ref)
    except NotFound:
        raise Http404("no such event")
    q = " ".join(request.GET.get("q", "").split())[:200]
    if q:
        here = Here(request.user)
        found.also = [{"ref": o.ref, "name": o.name, "day": here.day(o.starts_at)}
                      for o in match(request.user, q, here) if o.ref != found.ref]
    return render(request, "coach/event.html", {"event": found, "q": q or found.name})
