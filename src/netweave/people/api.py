"""/api/v1/people and /api/v1/affiliations: thin routes over people.services, scoped to the acting user.

No `from __future__ import annotations` in router modules: ninja reads parameter types from the
annotations, and transaction.atomic wraps views, so string annotations would resolve in the wrong module.
"""

from django.db import transaction
from ninja import Query, Router, Status

from netweave.api_support import PageParams, conflict, origin_for, owned, page
from netweave.core.errors import Invalid
from netweave.people import merging, services
from netweave.people.models import Affiliation, Organisation, Person
from netweave.people.queries import people_list
from netweave.people.schemas import (
    AffiliationEndIn, AffiliationIn, AffiliationOut, Clean, MergeIn, PersonIn, PersonOut, PersonPage, PersonPatch,
)

router = Router(tags=["people"])
affiliations = Router(tags=["people"])


class PeopleFilters(Clean):
    q: str = ""
    circle: str = ""
    tag: str = ""
    organisation: str = ""
    archived: bool = False


def _full(user, pk: int) -> Person:
    """One of the user's people with everything PersonOut shows, in a fixed number of queries."""
    qs = Person.objects.select_related("circle", "current_organisation", "introduced_by").prefetch_related(
        "tags", "emails", "phones", "urls", "addresses", "affiliations__organisation"
    )
    return owned(qs, user, pk)


def _person_data(payload: PersonIn) -> dict:
    return payload.model_dump(exclude_unset=True)


@router.get("", response=PersonPage, summary="List people")
def list_people(request, filters: Query[PeopleFilters], paging: Query[PageParams]):
    """People by name, with filters: q (words in names, emails, organisations, tags), circle, tag and
    organisation (names or ids), archived."""
    qs = people_list(request.auth, query=filters.q, circle=filters.circle, tag=filters.tag,
                     organisation=filters.organisation, archived=filters.archived)
    return page(qs, paging)


@router.post("", response={201: PersonOut}, summary="Create a person",
             openapi_extra=conflict("An email is someone else's; repeat with allow_duplicate=true to keep both."))
@transaction.atomic
def create_person(request, payload: PersonIn, allow_duplicate: bool = False):
    """An email that someone already has answers 409 with the existing person, so a client can offer
    a merge; repeat with allow_duplicate=true to keep both."""
    person = services.create_person(request.auth, _person_data(payload), origin=origin_for(request),
                                    allow_duplicate=allow_duplicate)
    return Status(201, _full(request.auth, person.pk))


@router.get("/{person_id}", response=PersonOut, summary="Read a person")
def read_person(request, person_id: int):
    return _full(request.auth, person_id)


@router.patch("/{person_id}", response=PersonOut, summary="Change a person",
              openapi_extra=conflict("A new email is someone else's; repeat with allow_duplicate=true to keep both."))
@transaction.atomic
def update_person(request, person_id: int, payload: PersonPatch, allow_duplicate: bool = False):
    person = owned(Person, request.auth, person_id)
    services.update_person(person, _person_data(payload), origin=origin_for(request), allow_duplicate=allow_duplicate)
    return _full(request.auth, person_id)


@router.delete("/{person_id}", response={204: None}, summary="Delete a person")
def delete_person(request, person_id: int):
    services.delete_person(owned(Person, request.auth, person_id))
    return Status(204, None)


@router.post("/{person_id}/archive", response=PersonOut, summary="Archive a person")
def archive_person(request, person_id: int):
    services.archive_person(owned(Person, request.auth, person_id), True)
    return _full(request.auth, person_id)


@router.post("/{person_id}/unarchive", response=PersonOut, summary="Bring a person back from the archive")
def unarchive_person(request, person_id: int):
    services.archive_person(owned(Person, request.auth, person_id), False)
    return _full(request.auth, person_id)


@router.post("/{person_id}/merge", response=PersonOut, summary="Merge another person into this one")
@transaction.atomic
def merge_person(request, person_id: int, payload: MergeIn):
    """Every value of `other_id` moves here (conflicting ones are kept under extra.merged); then the
    other record is deleted. Returns the kept person."""
    kept = owned(Person, request.auth, person_id)
    other = Person.objects.filter(owner=request.auth, pk=payload.other_id).first()
    if other is None:
        raise Invalid({"other_id": f"no person with id {payload.other_id}"})
    if other.pk == kept.pk:
        raise Invalid({"other_id": "cannot merge a person into themselves"})
    merging.merge_people(kept, other, origin=origin_for(request))
    return _full(request.auth, person_id)


@router.post("/{person_id}/affiliations", response={201: AffiliationOut}, summary="Add a role to job history")
@transaction.atomic
def add_affiliation(request, person_id: int, payload: AffiliationIn):
    person = owned(Person, request.auth, person_id)
    organisation = payload.organisation
    if isinstance(organisation, int):
        organisation = Organisation.objects.filter(owner=request.auth, pk=organisation).first()
        if organisation is None:
            raise Invalid({"organisation": f"no organisation with id {payload.organisation}"})
    affiliation = services.add_affiliation(person, organisation, title=payload.title, start=payload.start,
                                           end=payload.end, origin=origin_for(request))
    return Status(201, affiliation)


@affiliations.post("/{affiliation_id}/end", response=AffiliationOut, summary="End a role")
def end_affiliation(request, affiliation_id: int, payload: AffiliationEndIn):
    affiliation = owned(Affiliation.objects.select_related("person", "organisation"), request.auth, affiliation_id)
    return services.end_affiliation(affiliation, payload.end)
