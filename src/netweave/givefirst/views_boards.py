"""The Give & take page (one-sided relationships, recent exchanges, my own asks and offers) and the asks-and-
offers board, whose asks each load their best helpers lazily. Thin views over givefirst.services, ledger and
matching; forms work without JavaScript, and with htmx a done/withdraw button swaps its own row.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from netweave.core.errors import Ambiguous, Invalid
from netweave.givefirst import ledger, lists, matching, services
from netweave.givefirst.forms import AskForm, ExchangeForm, OfferForm, add_service_errors
from netweave.givefirst.models import Ask, Exchange, Offer, Status
from netweave.givefirst.views_common import back_to, current_page, form_problem, why, with_state
from netweave.nurture.today import local_today
from netweave.people.naming import resolve_token, who_is
from netweave.people.services import new_origin

RECENT = 20
ONE_SIDED = 30
SHOWN = 100  # asks, and offers, on one board page
HELPERS = 5
MODELS = {"ask": Ask, "offer": Offer}
STATUSES = [("open", "open"), ("expired", "expired"), ("done", "done"), ("withdrawn", "withdrawn"),
            ("all", "any status")]


class LedgerEntryForm(ExchangeForm):
    """An exchange recorded from the Give & take page, with whom typed by name."""

    who = forms.CharField(label="With", max_length=220, help_text="A name from your people.")
    field_order = ["who", "direction", "kind", "other", "day", "note"]


def _my_needs(owner, model, today):
    return with_state(model.objects.filter(owner=owner, person__isnull=True, status=Status.OPEN)[:SHOWN], today)


@login_required
def give_page(request):
    owner, today = request.user, local_today(request.user)
    return render(request, "givefirst/give.html", {
        "one_sided": ledger.one_sided(owner, limit=ONE_SIDED),
        "recent": Exchange.objects.filter(owner=owner).select_related("giver", "receiver")[:RECENT],
        "my_asks": _my_needs(owner, Ask, today), "my_offers": _my_needs(owner, Offer, today),
        "entry_form": LedgerEntryForm(), "ask_form": AskForm(prefix="ask"), "offer_form": OfferForm(prefix="offer"),
    })


@login_required
@require_POST
def entry_add(request):
    """Record an exchange with someone named on the Give & take page."""
    form = LedgerEntryForm(request.POST)
    if form.is_valid():
        try:
            person = resolve_token(request.user, form.cleaned_data["who"])
        except Ambiguous as exc:
            form.add_error("who", who_is(exc))
        else:
            sides = form.sides(request.user, person)
            if sides is not None:
                data = form.cleaned_data
                try:
                    with transaction.atomic():
                        services.record_exchange(request.user, kind=data["kind"], giver=sides[0], receiver=sides[1],
                                                 day=data["day"], note=data["note"],
                                                 origin=new_origin(request.user, "web", "record exchange"))
                except Invalid as exc:
                    add_service_errors(form, exc, {"giver": "who", "receiver": "who"})
                else:
                    messages.success(request, f"Recorded: {data['kind']} with {person.display_name}.")
                    return redirect("givefirst:give")
    messages.error(request, "Not recorded: " + form_problem(form))
    return redirect("givefirst:give")


@login_required
@require_POST
def my_need_add(request, what: str):
    """Add one of my own asks or offers (the person is me)."""
    form_class, add = (AskForm, services.add_ask) if what == "ask" else (OfferForm, services.add_offer)
    form = form_class(request.POST, prefix=what)
    if form.is_valid():
        try:
            with transaction.atomic():
                need = add(request.user, person=None, origin=new_origin(request.user, "web", f"add {what}"),
                           **form.cleaned_data)
        except Invalid as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Noted your {what}: {need.topic}.")
            return back_to(request, "givefirst:give")
    messages.error(request, f"Your {what} was not noted: " + form_problem(form))
    return back_to(request, "givefirst:give")


@login_required
@require_POST
def need_act(request, pk: int, what: str, action: str):
    """Done, withdrawn or reopened: with htmx the answer is the need's refreshed row."""
    need = get_object_or_404(MODELS[what].objects.select_related("person"), pk=pk, owner=request.user)
    try:
        if action == "reopen":
            services.reopen_need(need)
            text = f"Reopened: {need.topic}."
        else:
            services.close_need(need, action)
            text = f"{'Done' if action == 'done' else 'Withdrawn'}: {need.topic}."
        error = False
    except Invalid as exc:
        text, error = why(exc), True
    if request.htmx:
        need.refresh_from_db()
        need.seen = need.state(local_today(request.user))
        return render(request, "givefirst/_need.html", {"need": need, "what": what,
                                                        "status": text, "status_error": error,
                                                        "back": current_page(request)})
    (messages.error if error else messages.success)(request, text)
    return back_to(request, "givefirst:asks")


KINDS = {*Ask.Kind.values, *Offer.Kind.values}


def _filters(request) -> dict:
    """The board's filters from the query string; a status or kind it does not know is ignored, never passed on
    (a NUL in one would reach the database, which PostgreSQL refuses)."""
    params = {k: request.GET.get(k, "").strip() for k in ("kind", "status", "person")}
    if params["status"] not in dict(STATUSES):
        params["status"] = "open"
    if params["kind"] not in KINDS:
        params["kind"] = ""
    params["person"] = params["person"].replace("\x00", "")
    return params


def _needs(owner, model, params: dict, person, today):
    """(shown, expired) for the board: with the open ones, those whose day has passed are listed apart."""
    def query(status):
        return lists.needs(model, owner, today=today, status=status, person=None if person == "me" else person,
                           me=person == "me", kind=params["kind"])[:SHOWN]
    return (with_state(query(params["status"]), today),
            with_state(query("expired"), today) if params["status"] == "open" else [])


@login_required
def asks_board(request):
    """Open asks, mine and others', each with its best helpers; open offers; expired ones apart."""
    owner, params = request.user, _filters(request)
    today, person, problem = local_today(owner), None, ""
    if params["person"].lower() in ("me", "myself"):
        person = "me"
    elif params["person"]:
        try:
            person = resolve_token(owner, params["person"])
        except Ambiguous as exc:
            problem = who_is(exc)
    asks, expired_asks = ([], []) if problem else _needs(owner, Ask, params, person, today)
    offers, expired_offers = ([], []) if problem else _needs(owner, Offer, params, person, today)
    return render(request, "givefirst/asks.html", {
        "params": params, "problem": problem, "today": today, "statuses": STATUSES,
        "ask_kinds": Ask.Kind.choices, "offer_kinds": Offer.Kind.choices,
        "asks": asks, "offers": offers, "expired_asks": expired_asks, "expired_offers": expired_offers,
        "limit": SHOWN, "back": request.get_full_path(),
    })


@login_required
def ask_helpers(request, pk: int):
    """The people best placed to help with one ask, with the evidence: a fragment for htmx, else a page."""
    ask = get_object_or_404(Ask.objects.select_related("person"), pk=pk, owner=request.user)
    context = {"ask": ask, "helpers": matching.helpers_for(request.user, ask, limit=HELPERS)}
    template = "givefirst/_helpers.html" if request.htmx else "givefirst/helpers.html"
    return render(request, template, context)
