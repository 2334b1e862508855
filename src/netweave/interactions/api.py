"""/api/v1/interactions: thin routes over interactions.services, scoped to the acting user."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from ninja import Query, Router, Status

from netweave.api_support import Id, PageParams, origin_for, owned, page
from netweave.core.errors import Invalid
from netweave.interactions import services
from netweave.interactions.models import Interaction
from netweave.interactions.schemas import InteractionIn, InteractionOut, InteractionPage, InteractionPatch, Moment
from netweave.people.models import Person
from netweave.people.schemas import Clean

router = Router(tags=["interactions"])


class InteractionFilters(Clean):
    person: Id | None = None
    kind: str = ""
    since: Moment | None = None
    until: Moment | None = None


def _interactions(user):
    return Interaction.objects.filter(owner=user).prefetch_related("participations__person")


def _people(user, ids: list[int]) -> list[Person]:
    """The caller's people with these ids; any other id is refused without saying whether it exists."""
    found = Person.objects.filter(owner=user).in_bulk(ids)
    missing = [pk for pk in dict.fromkeys(ids) if pk not in found]
    if missing:
        raise Invalid({"participants": "no person with id " + ", ".join(str(pk) for pk in missing)})
    return [found[pk] for pk in dict.fromkeys(ids)]


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return moment


@router.get("", response=InteractionPage, summary="List interactions")
def list_interactions(request, filters: Query[InteractionFilters], paging: Query[PageParams]):
    """Newest first. since and until bound occurred_at (inclusive)."""
    qs = _interactions(request.auth)
    if filters.person is not None:
        qs = qs.filter(participations__person_id=filters.person)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.since:
        qs = qs.filter(occurred_at__gte=_aware(filters.since))
    if filters.until:
        qs = qs.filter(occurred_at__lte=_aware(filters.until))
    return page(qs.order_by("-occurred_at", "-id"), paging)


@router.post("", response={201: InteractionOut}, summary="Log an interaction")
@transaction.atomic
def create_interaction(request, payload: InteractionIn):
    data = payload.model_dump()
    data["participants"] = _people(request.auth, payload.participants)
    interaction = services.log_interaction(request.auth, **data, origin=origin_for(request))
    return Status(201, owned(_interactions(request.auth), request.auth, interaction.pk))


@router.get("/{interaction_id}", response=InteractionOut, summary="Read an interaction")
def read_interaction(request, interaction_id: int):
    return owned(_interactions(request.auth), request.auth, interaction_id)


@router.patch("/{interaction_id}", response=InteractionOut, summary="Change an interaction")
@transaction.atomic
def update_interaction(request, interaction_id: int, payload: InteractionPatch):
    interaction = owned(Interaction, request.auth, interaction_id)
    data = payload.model_dump(exclude_unset=True)
    if data.get("participants") is not None:
        data["participants"] = _people(request.auth, data["participants"])
    services.update_interaction(interaction, **data)
    return owned(_interactions(request.auth), request.auth, interaction_id)


@router.delete("/{interaction_id}", response={204: None}, summary="Delete an interaction")
def delete_interaction(request, interaction_id: int):
    services.delete_interaction(owned(Interaction, request.auth, interaction_id))
    return Status(204, None)
