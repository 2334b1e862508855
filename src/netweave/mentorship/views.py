"""Mentorship and learnings on the web: my mentors and mentees, one mentorship with its sessions, the learnings
log with its search, and the "More" page. Thin views over mentorship.services and queries; every form works
without JavaScript (post, then redirect)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from netweave.core.errors import Invalid
from netweave.givefirst.forms import add_service_errors, resolve_into
from netweave.givefirst.views_common import why
from netweave.mentorship import services
from netweave.mentorship.forms import LearningForm, MentorshipEditForm, MentorshipForm, SessionForm
from netweave.mentorship.models import Learning, Mentorship, MentorshipSession
from netweave.mentorship.queries import learnings, mentorships, topics
from netweave.people.naming import token_for
from netweave.people.services import new_origin

LEARNINGS_SHOWN = 100


@login_required
def mentorship_list(request):
    form = MentorshipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = resolve_into(form, "person", request.user)
        if person is not None:
            data = form.cleaned_data
            try:
                created = services.start_mentorship(request.user, person, role=data["role"], goals=data["goals"],
                                                    started=data["started"],
                                                    origin=new_origin(request.user, "web", "start mentorship"))
            except Invalid as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"{person.display_name} is now {created.get_role_display()}.")
                return redirect("mentorship:detail", created.pk)
    found = list(mentorships(request.user))
    return render(request, "mentorship/list.html", {
        "form": form, "mentors": [m for m in found if m.active and m.role == "mentor"],
        "mentees": [m for m in found if m.active and m.role == "mentee"], "ended": [m for m in found if not m.active],
    })


def _mine(request, pk: int) -> Mentorship:
    return get_object_or_404(mentorships(request.user), pk=pk)


@login_required
def mentorship_detail(request, pk: int):
    mentorship = _mine(request, pk)
    edit = MentorshipEditForm(initial={"role": mentorship.role, "goals": mentorship.goals,
                                       "started": mentorship.started, "ended": mentorship.ended})
    session_form = SessionForm()
    if request.method == "POST":
        if request.POST.get("form") == "edit":
            edit = MentorshipEditForm(request.POST)
            if edit.is_valid():
                try:
                    services.update_mentorship(mentorship, **edit.cleaned_data)
                except Invalid as exc:
                    add_service_errors(edit, exc)
                else:
                    messages.success(request, "Saved.")
                    return redirect("mentorship:detail", pk)
        else:
            session_form = SessionForm(request.POST)
            if session_form.is_valid():
                try:
                    services.log_session(mentorship, **session_form.cleaned_data,
                                         origin=new_origin(request.user, "web", "mentoring session"))
                except Invalid as exc:
                    add_service_errors(session_form, exc)
                else:
                    messages.success(request, "Noted the session.")
                    return redirect("mentorship:detail", pk)
    return render(request, "mentorship/detail.html", {
        "m": mentorship, "sessions": mentorship.sessions.order_by("-day", "-id"), "edit": edit,
        "session_form": session_form,
        "learned": learnings(request.user, person=mentorship.person, limit=20),
    })


@login_required
@require_POST
def mentorship_end(request, pk: int):
    mentorship = _mine(request, pk)
    try:
        services.end_mentorship(mentorship)
        messages.success(request, f"Ended: {mentorship.person.display_name} ({mentorship.get_role_display()}).")
    except Invalid as exc:
        messages.error(request, why(exc))
    return redirect("mentorship:detail", pk)


@login_required
@require_POST
def mentorship_delete(request, pk: int):
    mentorship = _mine(request, pk)
    services.delete_mentorship(mentorship)
    messages.success(request, f"Deleted the mentorship with {mentorship.person.display_name}.")
    return redirect("mentorship:list")


@login_required
@require_POST
def session_delete(request, pk: int):
    session = get_object_or_404(MentorshipSession, pk=pk, owner=request.user)
    services.delete_session(session)
    messages.success(request, "Deleted the session.")
    return redirect("mentorship:detail", session.mentorship_id)


def _save_learning(request, form: LearningForm, learning: Learning | None):
    """Create or change a learning from a valid form; returns it, or None with the reasons on the form."""
    person = resolve_into(form, "person", request.user)
    if form.errors:
        return None
    data = {**form.cleaned_data, "person": person}
    try:
        if learning is None:
            return services.record_learning(request.user, data.pop("text"), **data,
                                            origin=new_origin(request.user, "web", "learned"))
        if data["day"] is None:
            data.pop("day")
        return services.update_learning(learning, **data)
    except Invalid as exc:
        add_service_errors(form, exc)
        return None


@login_required
def learning_list(request):
    form = LearningForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _save_learning(request, form, None) is not None:
        messages.success(request, "Noted what you learned.")
        return redirect("mentorship:learnings")
    query = request.GET.get("q", "")[:1000]
    return render(request, "mentorship/learnings.html", {
        "form": form, "q": query, "learnings": learnings(request.user, query, limit=LEARNINGS_SHOWN),
        "topics": topics(request.user),
    })


@login_required
def learning_detail(request, pk: int):
    learning = get_object_or_404(Learning.objects.select_related("person", "interaction"), pk=pk, owner=request.user)
    initial = {"text": learning.text, "topic": learning.topic, "day": learning.day,
               "person": token_for(learning.person) if learning.person else ""}
    form = LearningForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _save_learning(request, form, learning) is not None:
        messages.success(request, "Saved.")
        return redirect("mentorship:learning", pk)
    return render(request, "mentorship/learning.html", {"learning": learning, "form": form})


@login_required
@require_POST
def learning_delete(request, pk: int):
    services.delete_learning(get_object_or_404(Learning, pk=pk, owner=request.user))
    messages.success(request, "Deleted.")
    return redirect("mentorship:learnings")


@login_required
def more(request):
    """The pages beyond the top bar: mentorship, learnings, opportunities and contributions, with a count each."""
    from netweave.opportunities.queries import IN_PLAY
    from netweave.opportunities.models import Contribution, Opportunity

    owner = request.user
    return render(request, "mentorship/more.html", {
        "active": Mentorship.objects.filter(owner=owner, ended__isnull=True).count(),
        "learned": Learning.objects.filter(owner=owner).count(),
        "in_play": Opportunity.objects.filter(owner=owner, status__in=IN_PLAY).count(),
        "contributions": Contribution.objects.filter(owner=owner).count(),
    })
