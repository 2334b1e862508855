"""Celebrations, follow-ups and milestones on the web: the home page's "To celebrate" and "Follow-ups due"
sections with their buttons, and the form to note a milestone. Thin views over nurture.services and the
celebrations and follow-ups queries; every form works without JavaScript (post, then redirect back)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from netweave.core.errors import Ambiguous, Invalid
from netweave.core.ids import parse_id
from netweave.nurture import services
from netweave.nurture.celebrations import upcoming
from netweave.nurture.followups import due
from netweave.nurture.models import FollowUp, Milestone
from netweave.nurture.today import local_today
from netweave.people.models import Person
from netweave.people.naming import resolve_token, token_for, who_is


HOME_LIMIT = 10  # the home page shows the soonest few; the celebrations page the next two months
PAGE_LIMIT = 300


def home_context(request) -> dict:
    """What the home page's celebrations and follow-ups sections need."""
    return {"celebrations": upcoming(request.user, limit=HOME_LIMIT), "follow_ups": due(request.user)}


@login_required
def celebrations_page(request):
    """The next two months of birthdays, anniversaries, new jobs and milestones, each with its draft."""
    return render(request, "nurture/celebrations.html",
                  {"celebrations": upcoming(request.user, days=60, limit=PAGE_LIMIT), "limit": PAGE_LIMIT})


def _back(request):
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    return redirect(back or "home")


def _why(exc: Invalid) -> str:
    return "; ".join(f"{field.replace('_', ' ')}: {why}" for field, why in exc.errors.items())


@login_required
@require_POST
def celebration_act(request, pk: int, action: str):
    """Congratulated (done) or skipped: either way the celebration with the posted key is not offered again."""
    person = get_object_or_404(Person, pk=pk, owner=request.user)
    act = services.skip_celebration if action == "skip" else services.congratulate
    try:
        act(person, request.POST.get("key", ""))
    except Invalid as exc:
        messages.error(request, _why(exc))
        return _back(request)
    messages.success(request, f"{'Skipped' if action == 'skip' else 'Congratulated'} {person.display_name}.")
    return _back(request)


@login_required
@require_POST
def follow_up_done(request, pk: int):
    follow_up = get_object_or_404(FollowUp, pk=pk, owner=request.user)
    services.finish_follow_up(follow_up)
    messages.success(request, f"Done: {follow_up.text}")
    return _back(request)


class MilestoneForm(forms.Form):
    person = forms.CharField(label="Who", max_length=200)
    kind = forms.ChoiceField(choices=Milestone.Kind.choices, initial=Milestone.Kind.OTHER)
    day = forms.DateField(help_text="When it happened, such as 2026-05-01.")
    text = forms.CharField(label="What happened", max_length=300, help_text='In a few words: "launched her book".')


@login_required
def milestone_new(request):
    """Note a milestone, for someone chosen by name or preset from their page (?person=ID)."""
    initial = {"day": local_today(request.user).isoformat()}
    preset = parse_id(request.GET.get("person"))
    person = Person.objects.filter(owner=request.user, pk=preset).first() if preset else None
    if person:
        initial["person"] = token_for(person)
    form = MilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            who = resolve_token(request.user, data["person"])
            services.add_milestone(who, kind=data["kind"], day=data["day"], text=data["text"])
        except Ambiguous as exc:
            form.add_error("person", who_is(exc))
        except Invalid as exc:
            for key, why in exc.errors.items():
                form.add_error(key if key in form.fields else None, why)
        else:
            messages.success(request, f"Noted for {who.display_name}: {data['text']}")
            return redirect("people:detail", pk=who.pk)
    return render(request, "nurture/milestone_form.html", {"form": form})
