"""/api/v1/organisations: thin routes over people.services, scoped to the acting user."""

from django.db import transaction
from ninja import Query, Router, Status

from netweave.api_support import PageParams, conflict, origin_for, owned, page
from netweave.core.errors import Duplicate, Invalid
from netweave.people import services
from netweave.people.models import Organisation
from netweave.people.normalize import clean_text, fold
from netweave.people.queries import organisations
from netweave.people.schemas import Clean, OrganisationIn, OrganisationOut, OrganisationPage, OrganisationPatch

router = Router(tags=["organisations"])


def _with_count(user, pk: int) -> Organisation:
    return owned(organisations(user), user, pk)


class OrganisationFilters(Clean):
    q: str = ""


@router.get("", response=OrganisationPage, summary="List organisations")
def list_organisations(request, filters: Query[OrganisationFilters], paging: Query[PageParams]):
    """By name, each with people_now: how many of my people work there now."""
    return page(organisations(request.auth, filters.q).order_by("name", "id"), paging)


@router.post("", response={201: OrganisationOut}, summary="Create an organisation",
             openapi_extra=conflict("I already have an organisation of that name."))
@transaction.atomic
def create_organisation(request, payload: OrganisationIn):
    """A name I already have answers 409 with the existing organisation."""
    user = request.auth
    # The key as the service stores it: folded, then cut to the column (folding can lengthen a name).
    existing = Organisation.objects.filter(owner=user, key=fold(clean_text(payload.name))[:200]).first()
    if existing is not None:
        raise Duplicate("name", existing.name, [existing])
    try:
        org = services.get_or_create_organisation(
            user, payload.name, domain=payload.domain, kind=payload.kind, origin=origin_for(request)
        )
    except Invalid as exc:
        # The service names the field as a person's form has it ("organisation"); here it is "name".
        raise Invalid({"name" if f == "organisation" else f: why for f, why in exc.errors.items()}) from exc
    if payload.notes:
        services.update_organisation(org, notes=payload.notes)
    return Status(201, _with_count(user, org.pk))


@router.get("/{organisation_id}", response=OrganisationOut, summary="Read an organisation")
def read_organisation(request, organisation_id: int):
    return _with_count(request.auth, organisation_id)


@router.patch("/{organisation_id}", response=OrganisationOut, summary="Change an organisation")
def update_organisation(request, organisation_id: int, payload: OrganisationPatch):
    org = owned(Organisation, request.auth, organisation_id)
    services.update_organisation(org, **payload.model_dump(exclude_unset=True))
    return _with_count(request.auth, organisation_id)


@router.delete("/{organisation_id}", response={204: None}, summary="Delete an organisation")
def delete_organisation(request, organisation_id: int):
    """Its roles leave everyone's job history; current roles are recomputed."""
    services.delete_organisation(owned(Organisation, request.auth, organisation_id))
    return Status(204, None)
