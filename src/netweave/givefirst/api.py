"""/api/v1/exchanges, /people/{id}/ledger, /ledger/one-sided, /asks and /offers: thin routes over
givefirst.services and the ledger and matching read paths, scoped to the acting user. The introductions routes
(api_intro.py) hang off the same router, so mounting `router` mounts all of give first.

No `from __future__ import annotations`: ninja reads parameter types from the annotations.
"""

from django.db import transaction
from ninja import Query, Router, Status

from netweave.api_support import PageParams, origin_for, owned, page
from netweave.core.errors import Invalid
from netweave.givefirst import ledger, lists, services
from netweave.givefirst.api_intro import router as introductions_router
from netweave.givefirst.lists import people_by_id
from netweave.givefirst.matching import asks_for, helpers_for
from netweave.givefirst.models import Ask, Exchange, Offer
from netweave.givefirst.schemas import (
    AskIn, AskMatchOut, AskPatch, ExchangeFilters, ExchangeIn, ExchangeOut, ExchangePage, ExchangePatch,
    LedgerOut, LedgerParams, MatchOut, MatchParams, NeedFilters, NeedOut, NeedPage, OfferIn, OfferPatch,
    OneSidedOut, OneSidedParams, ReopenIn,
)
from netweave.nurture.today import local_today
from netweave.people.models import Person

router = Router(tags=["give first"])


def need_out(need, today) -> dict:
    """An ask or offer as NeedOut, with the state a reader sees today ("expired" once past its day)."""
    return {"id": need.pk, "person": need.person, "kind": need.kind, "topic": need.topic, "details": need.details,
            "status": need.status, "state": need.state(today), "expires_on": need.expires_on,
            "created_at": need.created_at, "closed_at": need.closed_at}


# ---- the ledger ---------------------------------------------------------------------------------------

@router.get("/exchanges", response=ExchangePage, summary="List exchanges")
def list_exchanges(request, filters: Query[ExchangeFilters], paging: Query[PageParams]):
    """Newest first; `person` keeps what they gave or received, brokered exchanges included."""
    return page(lists.exchanges(request.auth, person=filters.person, kind=filters.kind or ""), paging)


@router.post("/exchanges", response={201: ExchangeOut}, summary="Record something given")
@transaction.atomic
def create_exchange(request, payload: ExchangeIn):
    """A null (or absent) giver or receiver is me; two people make a brokered exchange."""
    sides = people_by_id(request.auth, giver=payload.giver, receiver=payload.receiver)
    exchange = services.record_exchange(request.auth, kind=payload.kind, day=payload.day, note=payload.note,
                                        origin=origin_for(request), **sides)
    return Status(201, owned(lists.exchanges(request.auth), request.auth, exchange.pk))


@router.get("/exchanges/{exchange_id}", response=ExchangeOut, summary="Read an exchange")
def read_exchange(request, exchange_id: int):
    return owned(lists.exchanges(request.auth), request.auth, exchange_id)


@router.patch("/exchanges/{exchange_id}", response=ExchangeOut, summary="Change an exchange")
@transaction.atomic
def update_exchange(request, exchange_id: int, payload: ExchangePatch):
    exchange = owned(Exchange, request.auth, exchange_id)
    fields = payload.model_dump(exclude_unset=True)
    sides = {field: fields.pop(field) for field in ("giver", "receiver") if field in fields}
    fields.update(people_by_id(request.auth, **sides))
    for field in ("kind", "day", "note"):
        if field in fields and fields[field] is None:
            raise Invalid({field: "cannot be null"})
    services.update_exchange(exchange, **fields)
    return owned(lists.exchanges(request.auth), request.auth, exchange_id)


@router.delete("/exchanges/{exchange_id}", response={204: None}, summary="Delete an exchange")
def delete_exchange(request, exchange_id: int):
    services.delete_exchange(owned(Exchange, request.auth, exchange_id))
    return Status(204, None)


@router.get("/people/{person_id}/ledger", response=LedgerOut, summary="What passed between me and a person")
def person_ledger(request, person_id: int, params: Query[LedgerParams]):
    """Their balance ("you gave 6, received 1") and history, newest first, brokered exchanges included."""
    person = owned(Person, request.auth, person_id)
    return {"person": person, "balance": ledger.balance(request.auth, person),
            "history": ledger.history(request.auth, person, limit=params.limit)}


@router.get("/ledger/one-sided", response=list[OneSidedOut], summary="Relationships that are all take, one way")
def one_sided(request, params: Query[OneSidedParams]):
    """Where I only give or only take, each with a gentle nudge."""
    return ledger.one_sided(request.auth, min_count=params.min_count, limit=params.limit)


# ---- asks and offers: the same work for both, behind routes of their own ------------------------------

def _need(model, request, pk: int):
    return owned(model.objects.select_related("person"), request.auth, pk)


def _list_needs(model, request, filters: NeedFilters, paging: PageParams) -> dict:
    today = local_today(request.auth)
    qs = lists.needs(model, request.auth, today=today, status=filters.status, person=filters.person,
                     me=filters.me, kind=filters.kind or "", q=filters.q)
    found = page(qs, paging)
    return {"count": found["count"], "items": [need_out(n, today) for n in found["items"]]}


def _add_need(add, request, payload) -> Status:
    person = people_by_id(request.auth, person=payload.person)["person"]
    need = add(request.auth, person=person, kind=payload.kind, topic=payload.topic, details=payload.details,
               expires_on=payload.expires_on, origin=origin_for(request))
    return Status(201, need_out(need, local_today(request.auth)))


def _update_need(need, request, payload) -> dict:
    fields = payload.model_dump(exclude_unset=True)
    for field in ("kind", "topic", "details"):
        if field in fields and fields[field] is None:
            raise Invalid({field: "cannot be null"})
    if "person" in fields:
        fields.update(people_by_id(request.auth, person=fields["person"]))
    return need_out(services.update_need(need, **fields), local_today(request.auth))


def _close(need, request, status: str) -> dict:
    return need_out(services.close_need(need, status), local_today(request.auth))


def _reopen(need, request, payload) -> dict:
    need = services.reopen_need(need, expires_on=payload.expires_on if payload else None)
    return need_out(need, local_today(request.auth))


@router.get("/asks", response=NeedPage, summary="List asks")
def list_asks(request, filters: Query[NeedFilters], paging: Query[PageParams]):
    """Newest first: the open ones unless `status` says otherwise; `me` for mine, `person` for someone's."""
    return _list_needs(Ask, request, filters, paging)


@router.post("/asks", response={201: NeedOut}, summary="Add an ask: what someone needs now")
@transaction.atomic
def create_ask(request, payload: AskIn):
    return _add_need(services.add_ask, request, payload)


@router.get("/asks/{ask_id}", response=NeedOut, summary="Read an ask")
def read_ask(request, ask_id: int):
    return need_out(_need(Ask, request, ask_id), local_today(request.auth))


@router.patch("/asks/{ask_id}", response=NeedOut, summary="Change an ask")
@transaction.atomic
def update_ask(request, ask_id: int, payload: AskPatch):
    return _update_need(_need(Ask, request, ask_id), request, payload)


@router.post("/asks/{ask_id}/close", response=NeedOut, summary="Mark an ask done")
def close_ask(request, ask_id: int):
    return _close(_need(Ask, request, ask_id), request, "done")


@router.post("/asks/{ask_id}/withdraw", response=NeedOut, summary="Withdraw an ask")
def withdraw_ask(request, ask_id: int):
    return _close(_need(Ask, request, ask_id), request, "withdrawn")


@router.post("/asks/{ask_id}/reopen", response=NeedOut, summary="Reopen an ask that was done, withdrawn or expired")
def reopen_ask(request, ask_id: int, payload: ReopenIn | None = None):
    """One whose expiry day has passed needs a new one."""
    return _reopen(_need(Ask, request, ask_id), request, payload)


@router.get("/offers", response=NeedPage, summary="List offers")
def list_offers(request, filters: Query[NeedFilters], paging: Query[PageParams]):
    """Newest first: the open ones unless `status` says otherwise; `me` for mine, `person` for someone's."""
    return _list_needs(Offer, request, filters, paging)


@router.post("/offers", response={201: NeedOut}, summary="Add an offer: what someone can give")
@transaction.atomic
def create_offer(request, payload: OfferIn):
    return _add_need(services.add_offer, request, payload)


@router.get("/offers/{offer_id}", response=NeedOut, summary="Read an offer")
def read_offer(request, offer_id: int):
    return need_out(_need(Offer, request, offer_id), local_today(request.auth))


@router.patch("/offers/{offer_id}", response=NeedOut, summary="Change an offer")
@transaction.atomic
def update_offer(request, offer_id: int, payload: OfferPatch):
    return _update_need(_need(Offer, request, offer_id), request, payload)


@router.post("/offers/{offer_id}/close", response=NeedOut, summary="Mark an offer done")
def close_offer(request, offer_id: int):
    return _close(_need(Offer, request, offer_id), request, "done")


@router.post("/offers/{offer_id}/withdraw", response=NeedOut, summary="Withdraw an offer")
def withdraw_offer(request, offer_id: int):
    return _close(_need(Offer, request, offer_id), request, "withdrawn")


@router.post("/offers/{offer_id}/reopen", response=NeedOut,
             summary="Reopen an offer that was done, withdrawn or expired")
def reopen_offer(request, offer_id: int, payload: ReopenIn | None = None):
    """One whose expiry day has passed needs a new one."""
    return _reopen(_need(Offer, request, offer_id), request, payload)


@router.get("/asks/{ask_id}/helpers", response=list[MatchOut], summary="Who in my network could help with an ask")
def helpers(request, ask_id: int, params: Query[MatchParams]):
    """Ranked by their offers and expertise, notes and interactions on the topic, tie strength and how reachable
    they are through me, each with the evidence."""
    ask = _need(Ask, request, ask_id)
    return helpers_for(request.auth, ask, limit=params.limit)


@router.get("/people/{person_id}/can-help", response=list[AskMatchOut], summary="The open asks a person could meet")
def can_help(request, person_id: int, params: Query[MatchParams]):
    person = owned(Person, request.auth, person_id)
    today = local_today(request.auth)
    return [{"ask": need_out(m.ask, today), "score": m.score, "evidence": m.evidence}
            for m in asks_for(request.auth, person, limit=params.limit)]


router.add_router("", introductions_router)
