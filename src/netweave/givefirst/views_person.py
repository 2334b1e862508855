"""Give first on a person's page: the balance, the latest exchanges and a form to record one, their asks and
offers, and the open asks they could help with. Thin views over givefirst.services, ledger and matching.

Every form works without JavaScript (post, then back to the page). With htmx the answer is the refreshed
panel, which replaces the old one in place.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from netweave.core.errors import Invalid
from netweave.core.ids import parse_id
from netweave.givefirst import ledger, matching, services
from netweave.givefirst.forms import AskForm, ExchangeForm, OfferForm, add_service_errors
from netweave.givefirst.models import Ask, Exchange, Offer, Status
from netweave.givefirst.views_common import back_to, form_problem, with_state
from netweave.nurture.today import local_today
from netweave.people.models import Person
from netweave.people.services import new_origin

HISTORY = 5  # the latest exchanges on the page; the Give & take page has more
NEEDS = 20  # asks, and offers, of one person shown
COULD_HELP = 3


def split_needs(needs, today) -> tuple[list, list]:
    """(open or expired, done or withdrawn): the first need a button, the second are history."""
    live, closed = [], []
    for need in with_state(needs, today):
        (live if need.status == Status.OPEN else closed).append(need)
    return live, closed


def panel(request, person: Person, *, status: str = "", error: bool = False, forms: dict | None = None) -> dict:
    """What givefirst/_panel.html needs for one person; `forms` carries bound forms with their errors."""
    owner = request.user
    today = local_today(owner)
    asks, closed_asks = split_needs(Ask.objects.filter(owner=owner, person=person)[:NEEDS], today)
    offers, closed_offers = split_needs(Offer.objects.filter(owner=owner, person=person)[:NEEDS], today)
    forms = forms or {}
    return {
        "person": person, "today": today,
        "balance": ledger.balance(owner, person),
        "history": ledger.history(owner, person, limit=HISTORY),
        "asks": asks, "offers": offers, "closed_needs": len(closed_asks) + len(closed_offers),
        "could_help": matching.asks_for(owner, person, limit=COULD_HELP),
        "exchange_form": forms.get("exchange") or ExchangeForm(),
        "ask_form": forms.get("ask") or AskForm(prefix="ask"),
        "offer_form": forms.get("offer") or OfferForm(prefix="offer"),
        "status": status, "status_error": error,
    }


def _answer(request, person: Person, text: str, *, error: bool = False, forms: dict | None = None):
    """The refreshed panel for htmx; otherwise a flash message and back to the person's page."""
    if request.htmx:
        return render(request, "givefirst/_panel.html",
                      {"givefirst": panel(request, person, status=text, error=error, forms=forms)})
    if text:
        (messages.error if error else messages.success)(request, text)
    return back_to(request, "people:detail", person.pk)


@login_required
@require_POST
def exchange_add(request, pk: int):
    """Record one exchange with this person: given, received, or brokered between them and someone."""
    person = get_object_or_404(Person, pk=pk, owner=request.user)
    form = ExchangeForm(request.POST)
    sides = form.sides(request.user, person) if form.is_valid() else None
    if sides is not None:
        data = form.cleaned_data
        try:
            with transaction.atomic():
                services.record_exchange(request.user, kind=data["kind"], giver=sides[0], receiver=sides[1],
                                         day=data["day"], note=data["note"],
                                         origin=new_origin(request.user, "web", "record exchange"))
        except Invalid as exc:
            add_service_errors(form, exc, {"giver": "other", "receiver": "other"})
        else:
            words = _direction_words(data["direction"], person)
            return _answer(request, person, f"Recorded: {data['kind']} ({words}).")
    return _answer(request, person, form_problem(form), error=True, forms={"exchange": form})


def _direction_words(direction: str, person: Person) -> str:
    name = person.display_name
    return {"gave": f"you gave {name}", "received": f"{name} gave you", "they_gave": f"{name} gave, through you",
            "they_got": f"{name} received, through you"}[direction]


@login_required
@require_POST
def need_add(request, pk: int, what: str):
    """Add an ask or an offer for this person."""
    person = get_object_or_404(Person, pk=pk, owner=request.user)
    form_class, add = (AskForm, services.add_ask) if what == "ask" else (OfferForm, services.add_offer)
    form = form_class(request.POST, prefix=what)
    if form.is_valid():
        try:
            with transaction.atomic():
                need = add(request.user, person=person, origin=new_origin(request.user, "web", f"add {what}"),
                           **form.cleaned_data)
        except Invalid as exc:
            add_service_errors(form, exc)
        else:
            return _answer(request, person, f"Noted {person.display_name}'s {what}: {need.topic}.")
    return _answer(request, person, form_problem(form), error=True, forms={what: form})


@login_required
@require_POST
def exchange_delete(request, pk: int):
    """Remove one exchange recorded by mistake; back to the person whose page asked."""
    exchange = get_object_or_404(Exchange.objects.select_related("giver", "receiver"), pk=pk, owner=request.user)
    shown_for = parse_id(request.POST.get("person"))
    person = next((p for p in (exchange.giver, exchange.receiver) if p is not None and p.pk == shown_for),
                  exchange.giver or exchange.receiver)
    services.delete_exchange(exchange)
    return _answer(request, person, "Removed the exchange.")
