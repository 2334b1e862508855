"""/api/v1/ties: who among my contacts knows whom. Thin routes over people.services."""

from django.db import transaction
from django.db.models import Q
from ninja import Query, Router, Status

from netweave.api_support import Id, PageParams, origin_for, owned, page
from netweave.core.errors import Invalid
from netweave.people import services
from netweave.people.models import Person, Tie
from netweave.people.schemas import TieIn, TieOut, TiePage, TiePatch

router = Router(tags=["ties"])


def _ties(user):
    return Tie.objects.filter(owner=user).select_related("person_a", "person_b")


@router.get("", response=TiePage, summary="List ties")
def list_ties(request, paging: Query[PageParams], person: Id | None = None):
    """Newest first; `person` keeps the ties that person is on either side of."""
    qs = _ties(request.auth)
    if person is not None:
        qs = qs.filter(Q(person_a_id=person) | Q(person_b_id=person))
    return page(qs.order_by("-created_at", "-id"), paging)


@router.post("", response={201: TieOut}, summary="Record that two people know each other")
@transaction.atomic
def create_tie(request, payload: TieIn):
    """Linking the same pair with the same kind again adds the evidence to the existing tie."""
    found = Person.objects.filter(owner=request.auth).in_bulk([payload.person_a, payload.person_b])
    missing = {f: f"no person with id {pk}" for f, pk in (("person_a", payload.person_a), ("person_b", payload.person_b))
               if pk not in found}
    if missing:
        raise Invalid(missing)
    tie = services.link_people(request.auth, found[payload.person_a], found[payload.person_b], payload.kind,
                               source=payload.source, evidence=payload.evidence, origin=origin_for(request))
    return Status(201, tie)


@router.get("/{tie_id}", response=TieOut, summary="Read a tie")
def read_tie(request, tie_id: int):
    return owned(_ties(request.auth), request.auth, tie_id)


@router.patch("/{tie_id}", response=TieOut, summary="Change a tie's kind or evidence")
def update_tie(request, tie_id: int, payload: TiePatch):
    tie = owned(_ties(request.auth), request.auth, tie_id)
    return services.update_tie(tie, **payload.model_dump(exclude_unset=True))


@router.delete("/{tie_id}", response={204: None}, summary="Delete a tie")
def delete_tie(request, tie_id: int):
    services.delete_tie(owned(Tie, request.auth, tie_id))
    return Status(204, None)
