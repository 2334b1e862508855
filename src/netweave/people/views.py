"""Web pages for people and organisations: thin views over people.services and people.queries."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from netweave.core.errors import Ambiguous, Duplicate, Invalid
from netweave.core.ids import parse_id
from netweave.givefirst.views import person_panel as givefirst_panel
from netweave.interactions.queries import timeline
from netweave.nurture.strengths import panel as strength_panel
from netweave.people import queries, services
from netweave.people.forms import (
    LIST_BOXES, NAME_PARTS, AffiliationForm, OrganisationForm, PersonForm, TieForm, address_parts, initial_for,
)
from netweave.people.merging import add_details_to
from netweave.people.models import Affiliation, Circle, Organisation, Person, Tag, Tie
from netweave.people.naming import resolve_token, who_is
from netweave.people.photos import save_photo, serve_photo

PAGE_SIZE = 50
SHOWN = 200  # rows of a related list (ties, an organisation's people) shown on one page


def owned_person(request, pk: int, **filters) -> Person:
    return get_object_or_404(Person, pk=pk, owner=request.user, **filters)


@login_required
def people_list(request):
    params = {k: request.GET.get(k, "").strip() for k in ("q", "circle", "tag", "org")}
    archived = request.GET.get("archived") == "1"
    services.settle_passed_plans(request.user)  # a plan whose time has come is now the last contact
    qs = queries.people_list(request.user, query=params["q"], circle=params["circle"], tag=params["tag"],
                             organisation=params["org"], archived=archived)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page, "params": params, "archived": archived,
        "circles": Circle.objects.filter(owner=request.user),
        "tags": Tag.objects.filter(owner=request.user, kind="tag").order_by("name")[:200],
        "query_string": urlencode({**{k: v for k, v in params.items() if v}, **({"archived": 1} if archived else {})}),
    }
    template = "people/_results.html" if request.htmx and request.htmx.target == "results" else "people/list.html"
    return render(request, template, context)


@login_required
def person_detail(request, pk: int):
    person = get_object_or_404(
        Person.objects.select_related("current_organisation", "circle", "introduced_by", "met_at_event"),
        pk=pk, owner=request.user,
    )
    tags = person.tags_by_kind()
    context = {
        "person": person,
        "emails": person.emails.select_related("origin"), "phones": person.phones.select_related("origin"),
        "urls": person.urls.select_related("origin"), "addresses": person.addresses.select_related("origin"),
        "provenance": [(fo.field.replace("_", " ").capitalize(), fo.origin)
                       for fo in person.field_origins.select_related("origin").order_by("field")],
        "tags": tags["tag"], "interests": tags["interest"], "expertise": tags["expertise"],
        "affiliations": person.affiliations.select_related("organisation"),
        "timeline": timeline(person, limit=30),
        "ties": [(t.describe_from(person), t.other(person), t) for t in services.ties_of(person)[:SHOWN]],
        "introduced": person.introduced.filter(archived=False).only("id", "display_name")[:20],
        "affiliation_form": AffiliationForm(), "tie_form": TieForm(),
        "strength": strength_panel(person),
        "givefirst": givefirst_panel(request, person),
    }
    return render(request, "people/detail.html", context)


def _resolve_introducer(request, form):
    name = form.cleaned_data.get("introduced_by", "").strip()
    if not name:
        return None
    try:
        return resolve_token(request.user, name).id
    except Ambiguous as exc:
        form.add_error("introduced_by", who_is(exc))
        raise


@login_required
def person_new(request):
    form = PersonForm(request.POST or None, request.FILES or None, owner=request.user)
    duplicate = None
    if request.method == "POST" and form.is_valid():
        data = form.service_data(include_job=True)
        choice = request.POST.get("on_duplicate", "")
        try:
            data["introduced_by"] = _resolve_introducer(request, form)
            with transaction.atomic():
                origin = services.new_origin(request.user, "web", "add person")
                if parse_id(choice):
                    person = add_details_to(owned_person(request, parse_id(choice)), data, origin=origin)
                    messages.success(request, f"Added these details to {person.display_name}.")
                else:
                    person = services.create_person(request.user, data, origin=origin,
                                                    allow_duplicate=choice == "separate")
                    messages.success(request, f"Added {person.display_name}.")
                save_photo(person, request.FILES.get("photo"))
            return redirect("people:detail", pk=person.pk)
        except Duplicate as dup:
            duplicate = dup
        except Invalid as exc:
            form.add_service_errors(exc.errors)
        except Ambiguous:
            pass
    return render(request, "people/form.html", {"form": form, "duplicate": duplicate, "creating": True})


@login_required
def person_edit(request, pk: int):
    person = owned_person(request, pk)
    initial = initial_for(person)
    form = PersonForm(request.POST or None, request.FILES or None, owner=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        known = {str(a): address_parts(a) for a in person.addresses.all()}
        data = form.service_data(include_job=False, known_addresses=known)
        for key in NAME_PARTS:
            data[key] = form.cleaned_data[key]
        # Untouched boxes are left out: saving a form must not rewrite what it did not change
        # (address parts the box cannot show, the exact person an introducer's name stands for).
        for key in (*LIST_BOXES, *NAME_PARTS, "introduced_by"):
            if form.unchanged(key):
                data.pop(key, None)
        try:
            if not form.unchanged("introduced_by"):
                data["introduced_by"] = _resolve_introducer(request, form)
            with transaction.atomic():
                services.update_person(person, data, origin=services.new_origin(request.user, "web", "edit person"))
                save_photo(person, request.FILES.get("photo"))
            messages.success(request, f"Saved {person.display_name}.")
            return redirect("people:detail", pk=person.pk)
        except Duplicate as dup:
            form.add_error("emails", f"{dup.value} already belongs to {dup.existing[0].display_name}.")
        except Invalid as exc:
            form.add_service_errors(exc.errors)
        except Ambiguous:
            pass
    return render(request, "people/form.html", {"form": form, "person": person, "creating": False})


@login_required
def person_photo(request, pk: int):
    person = owned_person(request, pk)
    if not person.photo:
        raise Http404
    return serve_photo(person)


@login_required
@require_POST
def person_archive(request, pk: int):
    person = owned_person(request, pk)
    # An explicit action, not a toggle: a double submit must not archive and then restore.
    services.archive_person(person, archived=request.POST.get("action", "archive") != "restore")
    messages.success(request, f"{'Archived' if person.archived else 'Restored'} {person.display_name}.")
    return redirect("people:detail", pk=person.pk)


@login_required
@require_POST
def affiliation_add(request, pk: int):
    person = owned_person(request, pk)
    form = AffiliationForm(request.POST)
    if form.is_valid():
        try:
            services.add_affiliation(person, form.cleaned_data["organisation"], title=form.cleaned_data["title"],
                                     start=form.cleaned_data["start"], end=form.cleaned_data["end"],
                                     origin=services.new_origin(request.user, "web", "add role"))
            messages.success(request, "Added to the job history.")
        except Invalid as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
    return redirect("people:detail", pk=person.pk)


@login_required
@require_POST
def affiliation_end(request, pk: int):
    affiliation = get_object_or_404(Affiliation, pk=pk, owner=request.user)
    try:
        services.end_affiliation(affiliation)
    except Invalid as exc:
        messages.error(request, str(exc))
    return redirect("people:detail", pk=affiliation.person_id)


@login_required
@require_POST
def tie_add(request, pk: int):
    person = owned_person(request, pk)
    form = TieForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items()))
        return redirect("people:detail", pk=person.pk)
    try:
        other = resolve_token(request.user, form.cleaned_data["other"])
        services.link_people(request.user, person, other, form.cleaned_data["kind"],
                             evidence=form.cleaned_data["evidence"],
                             origin=services.new_origin(request.user, "web", "link people"))
        messages.success(request, f"Linked {person.display_name} and {other.display_name}.")
    except Ambiguous as exc:
        messages.error(request, who_is(exc))
    except Invalid as exc:
        messages.error(request, str(exc))
    return redirect("people:detail", pk=person.pk)


@login_required
@require_POST
def tie_delete(request, pk: int):
    tie = get_object_or_404(Tie, pk=pk, owner=request.user)
    back = parse_id(request.POST.get("person"))
    back = back if back in (tie.person_a_id, tie.person_b_id) else tie.person_a_id
    services.delete_tie(tie)
    messages.success(request, "Removed the tie.")
    return redirect("people:detail", pk=back)


@login_required
def organisation_list(request):
    q = request.GET.get("q", "").strip()
    qs = queries.organisations(request.user, q).order_by("name")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/orgs.html", {"page": page, "q": q})


@login_required
def organisation_detail(request, pk: int):
    org = get_object_or_404(Organisation, pk=pk, owner=request.user)
    form = OrganisationForm(request.POST or None, initial={"name": org.name, "domain": org.domain, "kind": org.kind,
                                                          "notes": org.notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(org, **form.cleaned_data)
            messages.success(request, f"Saved {org.name}.")
            return redirect("people:org", pk=org.pk)
        except Invalid as exc:
            for key, why in exc.errors.items():
                form.add_error(key if key in form.fields else None, why)
    roles = org.affiliations.filter(person__archived=False).select_related("person")
    current = roles.filter(end__isnull=True).order_by("-start", "person__display_name")
    former = roles.filter(end__isnull=False).order_by("-end", "person__display_name")
    return render(request, "people/org.html", {
        "org": org, "form": form,
        "current": current[:SHOWN], "current_count": current.count(),
        "former": former[:SHOWN], "former_count": former.count(),
    })
