"""Opportunities and contributions on the web: the list and its add form, one opportunity with the people it
came through and how it came about, and the log of contributions with the invitations that followed. Thin views
over opportunities.services and queries; every form works without JavaScript (post, then redirect)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from netweave.core.errors import Invalid
from netweave.givefirst.forms import add_service_errors, resolve_into
from netweave.givefirst.models import Introduction
from netweave.givefirst.views_common import why
from netweave.opportunities import services
from netweave.opportunities.forms import ContributionForm, LinkForm, OpportunityEditForm, OpportunityForm
from netweave.opportunities.lineage import opportunity_lineage
from netweave.opportunities.models import Contribution, Opportunity
from netweave.opportunities.queries import came_through, contributions, opportunities, reputation
from netweave.people.models import Person
from netweave.people.services import new_origin

CHOICES_SHOWN = 200  # introductions and contributions offered in a form's list: the latest


def _choices(owner) -> dict:
    return {"introductions": Introduction.objects.filter(owner=owner).select_related("person_a", "person_b")
            .order_by("-updated_at", "-id")[:CHOICES_SHOWN],
            "contributions": Contribution.objects.filter(owner=owner).order_by("-day", "-id")[:CHOICES_SHOWN]}


def _references(owner, data: dict) -> dict:
    """The introduction and contribution chosen by id, as the owner's rows (None when not one of theirs)."""
    return {"introduction": Introduction.objects.filter(owner=owner, pk=data.get("introduction")).first()
            if data.get("introduction") else None,
            "contribution": Contribution.objects.filter(owner=owner, pk=data.get("contribution")).first()
            if data.get("contribution") else None}


@login_required
def opportunity_list(request):
    owner = request.user
    form = OpportunityForm(request.POST or None, **_choices(owner))
    if request.method == "POST" and form.is_valid():
        person = resolve_into(form, "person", owner)
        if not form.errors:
            data = form.cleaned_data
            try:
                created = services.add_opportunity(
                    owner, title=data["title"], kind=data["kind"], status=data["status"],
                    organisation=data["organisation"] or None, day=data["day"], notes=data["notes"],
                    people=[(person, data["role"])] if person else [], **_references(owner, data),
                    origin=new_origin(owner, "web", "add opportunity"))
            except Invalid as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Noted: {created.title}.")
                return redirect("opportunities:detail", created.pk)
    status = request.GET.get("status", "")
    status = status if status in Opportunity.Status.values else ""
    return render(request, "opportunities/list.html", {
        "form": form, "status": status, "statuses": Opportunity.Status.choices,
        "opportunities": opportunities(owner, status=status or None)[:500],
    })


@login_required
def opportunity_detail(request, pk: int):
    owner = request.user
    opportunity = get_object_or_404(opportunities(owner), pk=pk)
    initial = {"title": opportunity.title, "kind": opportunity.kind, "status": opportunity.status,
               "organisation": opportunity.organisation.name if opportunity.organisation else "",
               "day": opportunity.day, "notes": opportunity.notes, "introduction": opportunity.introduction_id,
               "contribution": opportunity.contribution_id}
    edit = OpportunityEditForm(initial=initial, **_choices(owner))
    link = LinkForm()
    if request.method == "POST":
        if request.POST.get("form") == "link":
            link = LinkForm(request.POST)
            person = resolve_into(link, "person", owner) if link.is_valid() else None
            if person is not None:
                services.link_person(opportunity, person, link.cleaned_data["role"])
                messages.success(request, f"Came through {person.display_name}.")
                return redirect("opportunities:detail", pk)
        else:
            edit = OpportunityEditForm(request.POST, **_choices(owner))
            if edit.is_valid():
                data = {**edit.cleaned_data, **_references(owner, edit.cleaned_data)}
                data["organisation"] = data["organisation"] or None
                try:
                    services.update_opportunity(opportunity, origin=new_origin(owner, "web", "edit opportunity"),
                                                **data)
                except Invalid as exc:
                    add_service_errors(edit, exc)
                else:
                    messages.success(request, "Saved.")
                    return redirect("opportunities:detail", pk)
    return render(request, "opportunities/detail.html", {
        "o": opportunity, "people": came_through(opportunity), "edit": edit, "link": link,
        "lineage": opportunity_lineage(owner, opportunity.pk), "statuses": Opportunity.Status.choices,
    })


@login_required
@require_POST
def opportunity_status(request, pk: int):
    opportunity = get_object_or_404(Opportunity, pk=pk, owner=request.user)
    try:
        services.set_status(opportunity, request.POST.get("status", ""))
        messages.success(request, f"{opportunity.title}: {opportunity.get_status_display()}.")
    except Invalid as exc:
        messages.error(request, why(exc))
    return redirect("opportunities:detail", pk)


@login_required
@require_POST
def opportunity_unlink(request, pk: int, person_pk: int):
    opportunity = get_object_or_404(Opportunity, pk=pk, owner=request.user)
    person = get_object_or_404(Person, pk=person_pk, owner=request.user)
    services.unlink_person(opportunity, person)
    messages.success(request, f"No longer through {person.display_name}.")
    return redirect("opportunities:detail", pk)


@login_required
@require_POST
def opportunity_delete(request, pk: int):
    opportunity = get_object_or_404(Opportunity, pk=pk, owner=request.user)
    services.delete_opportunity(opportunity)
    messages.success(request, f"Deleted: {opportunity.title}.")
    return redirect("opportunities:list")


def _contribution_data(form: ContributionForm) -> dict:
    data = dict(form.cleaned_data)
    if data.get("day") is None:
        data.pop("day", None)
    return data


@login_required
def contribution_list(request):
    owner = request.user
    form = ContributionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.add_contribution(owner, **_contribution_data(form),
                                                origin=new_origin(owner, "web", "add contribution"))
        except Invalid as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Logged: {created.title}.")
            return redirect("opportunities:contributions")
    return render(request, "opportunities/contributions.html", {
        "form": form, "contributions": contributions(owner)[:500], "reputation": reputation(owner),
    })


@login_required
def contribution_detail(request, pk: int):
    owner = request.user
    contribution = get_object_or_404(Contribution, pk=pk, owner=owner)
    form = ContributionForm(request.POST or None, initial={
        "title": contribution.title, "kind": contribution.kind, "day": contribution.day, "url": contribution.url,
        "audience": contribution.audience, "notes": contribution.notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_contribution(contribution, **_contribution_data(form))
        except Invalid as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect("opportunities:contribution", pk)
    return render(request, "opportunities/contribution.html", {
        "c": contribution, "form": form, "followed": opportunities(owner).filter(contribution=contribution),
    })


@login_required
@require_POST
def contribution_delete(request, pk: int):
    contribution = get_object_or_404(Contribution, pk=pk, owner=request.user)
    services.delete_contribution(contribution)
    messages.success(request, f"Deleted: {contribution.title}.")
    return redirect("opportunities:contributions")
