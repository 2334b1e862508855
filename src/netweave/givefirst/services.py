"""Every change to the give-and-take ledger and to asks and offers. The web app, the API and the CLI all call these.

"Me" is the owner: a giver, receiver or person of None means me.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import Q, QuerySet

from netweave.core import clock
from netweave.core.changes import proposed
from netweave.core.errors import Invalid
from netweave.core.models import Origin
from netweave.givefirst.models import Ask, Exchange, Introduction, Need, Offer, Status
from netweave.nurture.today import local_today
from netweave.people.models import Person
from netweave.people.normalize import clean_text

MAX_NOTE = 2000
MAX_TOPIC = 200
MAX_DETAILS = 5000
EXCHANGE_FIELDS = ("kind", "giver", "receiver", "day", "note")
NEED_FIELDS = ("person", "kind", "topic", "details", "expires_on")


def _choices(model_choices) -> str:
    return ", ".join(model_choices.values)


def _check_person(owner, person, field: str, errors: dict) -> None:
    """A person must be one of the owner's; another user's is refused like a missing one."""
    if person is None:
        return
    if not isinstance(person, Person) or person.owner_id != owner.pk:
        errors[field] = "no such person"


def _check_day(day, field: str, errors: dict) -> bool:
    if isinstance(day, datetime) or not isinstance(day, date):
        errors[field] = "must be a day, such as 2026-05-01"
        return False
    return True


def _clean_note(note, errors: dict, field: str = "note", limit: int = MAX_NOTE) -> str:
    if note is None:
        note = ""
    if not isinstance(note, str):
        errors[field] = "must be text"
        return ""
    note = note.replace("\x00", "").strip()
    if len(note) > limit:
        errors[field] = f"is {len(note)} characters long; at most {limit}"
    return note


# ---- the ledger ----------------------------------------------------------------------------------------------

def _check_exchange(owner, values: dict) -> dict:
    """Validate a whole exchange (every field present); returns the cleaned values or raises Invalid."""
    errors: dict[str, str] = {}
    if values["kind"] not in Exchange.Kind.values:
        errors["kind"] = f"must be one of {_choices(Exchange.Kind)}"
    giver, receiver = values["giver"], values["receiver"]
    _check_person(owner, giver, "giver", errors)
    _check_person(owner, receiver, "receiver", errors)
    if giver is None and receiver is None:
        errors["receiver"] = "an exchange needs someone other than me on one side"
    elif giver is not None and receiver is not None and giver.pk == receiver.pk:
        errors["receiver"] = f"{receiver.display_name} cannot give to themselves"
    today = local_today(owner)
    if _check_day(values["day"], "day", errors) and values["day"] > today:
        errors["day"] = f"is after today ({today.isoformat()}); record what has already happened"
    values["note"] = _clean_note(values["note"], errors)
    introduction = values.get("introduction")
    if introduction is not None and (not isinstance(introduction, Introduction) or introduction.owner_id != owner.pk):
        errors["introduction"] = "no such introduction"
    if errors:
        raise Invalid(errors)
    return values


@transaction.atomic
def record_exchange(owner, *, kind: str, giver: Person | None, receiver: Person | None, day: date | None = None,
                    note: str = "", introduction: Introduction | None = None,
                    origin: Origin | None = None) -> Exchange:
    """Record something given: by me (giver None), to me (receiver None), or between two contacts when I
    brokered it. The day defaults to today in the user's zone and may not be in the future."""
    values = _check_exchange(owner, {"kind": kind, "giver": giver, "receiver": receiver,
                                     "day": local_today(owner) if day is None else day, "note": note,
                                     "introduction": introduction})
    return Exchange.objects.create(owner=owner, origin=origin, **values)


@transaction.atomic
def update_exchange(exchange: Exchange, **fields) -> Exchange:
    """Change any of kind, giver, receiver, day and note; the result is checked as a whole, like a new one."""
    values = proposed(exchange, fields, EXCHANGE_FIELDS)
    values = _check_exchange(exchange.owner, values)
    for name in EXCHANGE_FIELDS:
        setattr(exchange, name, values[name])
    exchange.save(update_fields=list(EXCHANGE_FIELDS))
    return exchange


@transaction.atomic
def delete_exchange(exchange: Exchange) -> None:
    exchange.delete()


# ---- asks and offers -----------------------------------------------------------------------------------------

def _check_need(model, owner, values: dict, *, today: date, check_expiry: bool) -> dict:
    errors: dict[str, str] = {}
    _check_person(owner, values["person"], "person", errors)
    if values["kind"] not in model.Kind.values:
        errors["kind"] = f"must be one of {_choices(model.Kind)}"
    topic = clean_text(values["topic"]) if isinstance(values["topic"], str) else ""
    if not topic:
        errors["topic"] = "say in a few words what it is"
    elif len(topic) > MAX_TOPIC:
        errors["topic"] = f"is {len(topic)} characters long; at most {MAX_TOPIC}"
    values["topic"] = topic
    values["details"] = _clean_note(values["details"], errors, "details", MAX_DETAILS)
    expires_on = values["expires_on"]
    if expires_on is not None and _check_day(expires_on, "expires_on", errors):
        if check_expiry and expires_on < today:
            errors["expires_on"] = f"is before today ({today.isoformat()})"
    if errors:
        raise Invalid(errors)
    return values


def _add_need(model, owner, person, kind, topic, details, expires_on, origin) -> Need:
    values = _check_need(model, owner, {"person": person, "kind": kind, "topic": topic, "details": details,
                                        "expires_on": expires_on}, today=local_today(owner), check_expiry=True)
    return model.objects.create(owner=owner, origin=origin, **values)


@transaction.atomic
def add_ask(owner, *, person: Person | None, kind: str, topic: str, details: str = "",
            expires_on: date | None = None, origin: Origin | None = None) -> Ask:
    """Note what someone (None: me) needs now. Topic 1 to 200 characters; an expiry may not be past."""
    return _add_need(Ask, owner, person, kind, topic, details, expires_on, origin)


@transaction.atomic
def add_offer(owner, *, person: Person | None, kind: str, topic: str, details: str = "",
              expires_on: date | None = None, origin: Origin | None = None) -> Offer:
    """Note what someone (None: me) can give. Topic 1 to 200 characters; an expiry may not be past."""
    return _add_need(Offer, owner, person, kind, topic, details, expires_on, origin)


@transaction.atomic
def update_need(need: Need, **fields) -> Need:
    """Change any of person, kind, topic, details and expires_on of an ask or offer. A new expiry may not be
    past; an unchanged one may (editing the words of an expired ask is fine)."""
    values = proposed(need, fields, NEED_FIELDS)
    new_expiry = "expires_on" in fields and fields["expires_on"] != need.expires_on
    values = _check_need(type(need), need.owner, values, today=local_today(need.owner), check_expiry=new_expiry)
    for name in NEED_FIELDS:
        setattr(need, name, values[name])
    need.save(update_fields=list(NEED_FIELDS))
    return need


@transaction.atomic
def close_need(need: Need, status: str) -> Need:
    """Mark an ask or offer done or withdrawn. Closing it again with another status changes the status and
    keeps the first closing time."""
    if status not in (Status.DONE, Status.WITHDRAWN):
        raise Invalid({"status": f"must be {Status.DONE} or {Status.WITHDRAWN}"})
    need.status = status
    need.closed_at = need.closed_at or clock.now()
    need.save(update_fields=["status", "closed_at"])
    return need


@transaction.atomic
def reopen_need(need: Need, *, expires_on: date | None = None) -> Need:
    """Open a closed or expired ask or offer again. One whose expiry has passed needs a new expiry day."""
    today = local_today(need.owner)
    expiry = need.expires_on if expires_on is None else expires_on
    errors: dict[str, str] = {}
    if expires_on is not None and _check_day(expires_on, "expires_on", errors) and expires_on < today:
        errors["expires_on"] = f"is before today ({today.isoformat()})"
    elif expires_on is None and expiry is not None and expiry < today:
        errors["expires_on"] = f"passed on {expiry.isoformat()}; give a new expiry day to reopen it"
    if errors:
        raise Invalid(errors)
    need.status, need.closed_at, need.expires_on = Status.OPEN, None, expiry
    need.save(update_fields=["status", "closed_at", "expires_on"])
    return need


def _open(model, owner, today: date) -> QuerySet:
    return model.objects.filter(owner=owner, status=Status.OPEN).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=today))


def open_asks(owner, today: date) -> QuerySet:
    """The owner's asks that are open on `today`: status open and expiry not passed (Need.is_open in SQL)."""
    return _open(Ask, owner, today)


def open_offers(owner, today: date) -> QuerySet:
    """The owner's offers that are open on `today` (Need.is_open in SQL)."""
    return _open(Offer, owner, today)


# ---- merges --------------------------------------------------------------------------------------------------

def follow_merge(kept: Person, removed: Person) -> None:
    """Called by people.merging.merge_people before `removed` is deleted: their exchanges, asks, offers and
    introductions move to `kept` instead of dying with the record.

    What passed between the two records means nothing once they are one person, and is deleted: exchanges
    between them, introductions of one to the other (with their steps) and the ledger entries recording those.
    Refuses the merge (Invalid, field "removed") when both records have an introduction to the same person
    under way: only one may be, so the user decides which to decline first.

    Undoing the merge (people.merging.undo_merge) puts every row back as it was, moved ones pointing at the
    removed record again and deleted ones recreated with their ids, since a person's snapshot holds every row
    with a key to them; except the steps of an introduction between the two, which point at the introduction,
    not at a person: that introduction comes back in its state without its history.
    """
    from netweave.givefirst.introductions import ACTIVE

    both = (kept.pk, removed.pk)
    between = Introduction.objects.filter(person_a_id__in=both, person_b_id__in=both)
    Exchange.objects.filter(introduction__in=between).delete()
    between.delete()
    Exchange.objects.filter(giver_id__in=both, receiver_id__in=both).delete()
    _refuse_two_under_way(kept, removed, ACTIVE)
    Exchange.objects.filter(giver=removed).update(giver=kept)
    Exchange.objects.filter(receiver=removed).update(receiver=kept)
    Ask.objects.filter(person=removed).update(person=kept)
    Offer.objects.filter(person=removed).update(person=kept)
    Introduction.objects.filter(person_a=removed).update(person_a=kept)
    Introduction.objects.filter(person_b=removed).update(person_b=kept)


def _refuse_two_under_way(kept: Person, removed: Person, active) -> None:
    def others(person) -> set[int]:
        rows = Introduction.objects.filter(Q(person_a=person) | Q(person_b=person), state__in=active)
        return {b if a == person.pk else a for a, b in rows.values_list("person_a_id", "person_b_id")}

    shared = others(kept) & others(removed)
    if shared:
        names = ", ".join(Person.objects.filter(pk__in=shared).order_by("display_name")
                          .values_list("display_name", flat=True))
        raise Invalid({"removed": f"{kept.display_name} and {removed.display_name} each have an introduction to "
                                  f"{names} under way; decline or expire one of them first"})
