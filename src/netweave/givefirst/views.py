"""Give first on the web. The pages live in views_person (the panel on a person's page), views_boards (Give &
take, the asks-and-offers board) and views_intros (introductions); this module holds what other apps' pages
include: the person panel and the home page's sections."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from netweave.givefirst import helping
from netweave.givefirst.views_intros import waiting_on_me
from netweave.givefirst.views_person import panel as person_panel

HELP_THIS_WEEK = 5

__all__ = ["help_this_week", "home_context", "person_panel"]


def home_context(request) -> dict:
    """The count of introductions waiting on me, for the home page. The "Who you can help this week" list
    takes about 120 ms at 30,000 people, so the page loads it afterwards (help_this_week below)."""
    return {"introductions_waiting": waiting_on_me(request.user)}


@login_required
def help_this_week(request):
    """The home page's "Who you can help this week" list, as a fragment for htmx or a page of its own."""
    context = {"help_this_week": helping.help_this_week(request.user, limit=HELP_THIS_WEEK), "loaded": True}
    template = "givefirst/_help_list.html" if request.htmx else "givefirst/help_this_week.html"
    return render(request, template, context)
