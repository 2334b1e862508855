"""Every change to opportunities (and the people they came through) and to contributions. The web app, the API
and the CLI all call these."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction

from netweave.core import clock
from netweave.core.changes import proposed
from netweave.core.errors import Invalid
from netweave.core.models import Origin
from netweave.givefirst.models import Introduction
from netweave.nurture.today import local_today
from netweave.opportunities.models import Contribution, Opportunity, OpportunityPerson
from netweave.people.models import Organisation, Person
from netweave.people.normalize import clean_text, is_web_address

MAX_TITLE = 200
MAX_AUDIENCE = 200
MAX_URL = 1000
MAX_NOTES = 10000
MAX_AHEAD_DAYS = 2 * 366  # a talk can be booked a long way ahead, not decades
CONTRIBUTION_FIELDS = ("kind", "title", "day", "url", "audience", "notes")
OPPORTUNITY_FIELDS = ("kind", "title", "organisation", "notes", "day", "introduction", "contribution", "status")


def _choice(value, choices, field: str, errors: dict) -> None:
    if value not in choices.values:
        errors[field] = f"must be one of {', '.join(choices.values)}"


def _line(value, field: str, limit: int, errors: dict, *, required: bool = False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors[field] = "must be text"
        return ""
    value = clean_text(value)
    if required and not value:
        errors[field] = "say in a few words what it is"
    elif len(value) > limit:
        errors[field] = f"is {len(value)} characters long; at most {limit}"
    return value


def _notes(value, errors: dict) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors["notes"] = "must be text"
        return ""
    value = value.replace("\x00", "").strip()
    if len(value) > MAX_NOTES:
        errors["notes"] = f"is {len(value)} characters long; at most {MAX_NOTES}"
    return value


def _day(value, errors: dict, today: date) -> None:
    if isinstance(value, datetime) or not isinstance(value, date):
        errors["day"] = "must be a day, such as 2026-05-01"
    elif value > today + timedelta(days=MAX_AHEAD_DAYS):
        errors["day"] = "must be within two years from today"


def _mine(owner, obj, model, field: str, errors: dict) -> None:
    """An object must be the owner's; another user's is refused like a missing one."""
    if obj is not None and (not isinstance(obj, model) or obj.owner_id != owner.pk):
        errors[field] = f"no such {field}"


# ---- contributions -------------------------------------------------------------------------------------------

def _check_contribution(owner, values: dict) -> dict:
    errors: dict[str, str] = {}
    _choice(values["kind"], Contribution.Kind, "kind", errors)
    values["title"] = _line(values["title"], "title", MAX_TITLE, errors, required=True)
    values["audience"] = _line(values["audience"], "audience", MAX_AUDIENCE, errors)
    values["url"] = _line(values["url"], "url", MAX_URL, errors)
    if values["url"] and "url" not in errors and not is_web_address(values["url"]):
        errors["url"] = f"{values['url'][:80]!r} is not a web address"
    values["notes"] = _notes(values["notes"], errors)
    _day(values["day"], errors, local_today(owner))
    if errors:
        raise Invalid(errors)
    return values


@transaction.atomic
def add_contribution(owner, *, title: str, kind: str = Contribution.Kind.TALK, day: date | None = None,
                     url: str = "", audience: str = "", notes: str = "",
                     origin: Origin | None = None) -> Contribution:
    """Log something I gave, published or spoke about, on a day (default today)."""
    values = _check_contribution(owner, {"kind": kind, "title": title, "day": local_today(owner) if day is None
                                         else day, "url": url, "audience": audience, "notes": notes})
    return Contribution.objects.create(owner=owner, origin=origin, **values)


@transaction.atomic
def update_contribution(contribution: Contribution, **fields) -> Contribution:
    """Change any of kind, title, day, url, audience and notes; checked as a whole, like a new one."""
    values = proposed(contribution, fields, CONTRIBUTION_FIELDS)
    values = _check_contribution(contribution.owner, values)
    for name in CONTRIBUTION_FIELDS:
        setattr(contribution, name, values[name])
    contribution.save(update_fields=list(CONTRIBUTION_FIELDS))
    return contribution


@transaction.atomic
def delete_contribution(contribution: Contribution) -> None:
    """Remove a contribution; the opportunities that followed it stay, no longer linked to it."""
    contribution.delete()


# ---- opportunities -------------------------------------------------------------------------------------------

def _organisation(owner, value, errors: dict, origin: Origin | None) -> Organisation | None:
    """An organisation given as one of the owner's, or by name (found, or created when new)."""
    from netweave.people.services import get_or_create_organisation

    if value is None or isinstance(value, Organisation):
        _mine(owner, value, Organisation, "organisation", errors)
        return value
    if not isinstance(value, str):
        errors["organisation"] = "must be an organisation or its name"
        return None
    if not clean_text(value):
        return None
    try:
        return get_or_create_organisation(owner, value, origin=origin)
    except Invalid as exc:
        errors["organisation"] = exc.errors.get("organisation") or "; ".join(exc.errors.values())
        return None


def _check_opportunity(owner, values: dict, origin: Origin | None) -> dict:
    errors: dict[str, str] = {}
    _choice(values["kind"], Opportunity.Kind, "kind", errors)
    _choice(values["status"], Opportunity.Status, "status", errors)
    values["title"] = _line(values["title"], "title", MAX_TITLE, errors, required=True)
    values["notes"] = _notes(values["notes"], errors)
    _day(values["day"], errors, local_today(owner))
    _mine(owner, values["introduction"], Introduction, "introduction", errors)
    _mine(owner, values["contribution"], Contribution, "contribution", errors)
    if not errors:  # a new organisation is only made for an opportunity that will be saved
        values["organisation"] = _organisation(owner, values["organisation"], errors, origin)
    if errors:
        raise Invalid(errors)
    return values


def _check_people(owner, people, errors: dict) -> list[tuple[Person, str]]:
    """[(person, role)], each person the owner's, each role known, each person once."""
    out, seen = [], set()
    for n, (person, role) in enumerate(people or []):
        if not isinstance(person, Person) or person.owner_id != owner.pk:
            errors[f"people[{n}].person"] = "no such person"
        elif role not in OpportunityPerson.Role.values:
            errors[f"people[{n}].role"] = f"must be one of {', '.join(OpportunityPerson.Role.values)}"
        elif person.pk not in seen:
            seen.add(person.pk)
            out.append((person, role))
    return out


@transaction.atomic
def add_opportunity(owner, *, title: str, kind: str = Opportunity.Kind.JOB, organisation=None,
                    status: str = Opportunity.Status.OPEN, notes: str = "", day: date | None = None,
                    people=(), introduction: Introduction | None = None, contribution: Contribution | None = None,
                    origin: Origin | None = None) -> Opportunity:
    """Note an opportunity that came my way (on `day`, default today): what, from which organisation (one of
    mine, or a name), the people it came through as [(person, role)], and the introduction and contribution it
    came through or followed from."""
    errors: dict[str, str] = {}
    links = _check_people(owner, people, errors)
    values = {"kind": kind, "title": title, "organisation": organisation, "status": status, "notes": notes,
              "day": local_today(owner) if day is None else day, "introduction": introduction,
              "contribution": contribution}
    try:
        values = _check_opportunity(owner, values, origin)
    except Invalid as exc:
        errors.update(exc.errors)
    if errors:
        raise Invalid(errors)
    opportunity = Opportunity.objects.create(owner=owner, origin=origin, status_changed_at=clock.now(), **values)
    OpportunityPerson.objects.bulk_create([OpportunityPerson(owner=owner, opportunity=opportunity, person=person,
                                                             role=role) for person, role in links])
    return opportunity


@transaction.atomic
def update_opportunity(opportunity: Opportunity, *, origin: Origin | None = None, **fields) -> Opportunity:
    """Change any of kind, title, organisation (or its name; None for none), notes, day, introduction,
    contribution and status; checked as a whole, like a new one."""
    values = proposed(opportunity, fields, OPPORTUNITY_FIELDS)
    values = _check_opportunity(opportunity.owner, values, origin)
    changed = values["status"] != opportunity.status
    for name in OPPORTUNITY_FIELDS:
        setattr(opportunity, name, values[name])
    if changed:
        opportunity.status_changed_at = clock.now()
    opportunity.save()
    return opportunity


def set_status(opportunity: Opportunity, status: str) -> Opportunity:
    """Where it stands: open, pursuing, won, lost, declined or closed."""
    return update_opportunity(opportunity, status=status)


@transaction.atomic
def link_person(opportunity: Opportunity, person: Person, role: str = OpportunityPerson.Role.REFERRER) \
        -> OpportunityPerson:
    """It came through this person too, in this role; naming someone already linked changes their role."""
    errors: dict[str, str] = {}
    _mine(opportunity.owner, person, Person, "person", errors)
    _choice(role, OpportunityPerson.Role, "role", errors)
    if errors:
        raise Invalid(errors)
    link = OpportunityPerson.objects.filter(opportunity=opportunity, person=person).first()
    if link is None:
        return OpportunityPerson.objects.create(owner=opportunity.owner, opportunity=opportunity, person=person,
                                                role=role)
    OpportunityPerson.objects.filter(opportunity=opportunity, person=person).update(role=role)
    link.role = role
    return link


@transaction.atomic
def unlink_person(opportunity: Opportunity, person: Person) -> bool:
    """It did not come through them after all. Returns whether they were linked."""
    deleted, _ = OpportunityPerson.objects.filter(opportunity=opportunity, person=person).delete()
    return bool(deleted)


@transaction.atomic
def delete_opportunity(opportunity: Opportunity) -> None:
    opportunity.delete()
