"""The shell around the apps: the home page, which is the "reach out today" list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from netweave.core import clock
from netweave.givefirst.views import home_context as givefirst_context
from netweave.interactions.models import Interaction
from netweave.nurture.views import today_context
from netweave.nurture.views_celebrations import home_context
from netweave.people.models import Person


@login_required
def home(request):
    now = clock.now()
    recent = (Interaction.objects.filter(owner=request.user, occurred_at__lte=now)
              .order_by("-occurred_at").prefetch_related("participants")[:10])
    plans = (Interaction.objects.filter(owner=request.user, occurred_at__gt=now)
             .order_by("occurred_at").prefetch_related("participants")[:10])
    count = Person.objects.filter(owner=request.user, archived=False).count()
    return render(request, "web/home.html", {"recent": recent, "plans": plans, "count": count,
                                             **today_context(request), **home_context(request),
                                             **givefirst_context(request)})
