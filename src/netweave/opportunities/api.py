"""/api/v1/opportunities and /api/v1/contributions: thin routes over opportunities.services and queries, scoped
to the acting user. (No `from __future__ import annotations`: ninja reads the types.)"""

from ninja import Query, Router, Status

from netweave.api_support import PageParams, origin_for, owned
from netweave.core.errors import Invalid
from netweave.givefirst.models import Introduction
from netweave.opportunities import services
from netweave.opportunities.lineage import opportunity_lineage
from netweave.opportunities.models import Contribution, Opportunity
from netweave.opportunities.queries import contributions, opportunities, reputation
from netweave.opportunities.schemas import (
    ContributionFilters, ContributionIn, ContributionOut, ContributionPage, ContributionPatch, OpportunityFilters,
    OpportunityIn, OpportunityOut, OpportunityPage, OpportunityPatch, ReputationOut, StatusIn, ThroughIn,
    opportunity_out,
)
from netweave.people.models import Organisation, Person
from netweave.ripple.schemas import LineageOut

router = Router(tags=["opportunities"])
REFERENCES = {"organisation": Organisation, "introduction": Introduction, "contribution": Contribution}


def _referenced(request, field: str, value):
    """An id in a body names one of the caller's objects; anyone else's is refused like a missing one (422)."""
    if value is None or (field == "organisation" and isinstance(value, str)):
        return value
    found = REFERENCES[field].objects.filter(owner=request.auth, pk=value).first()
    if found is None:
        raise Invalid({field: f"no such {field}"})
    return found


def _people(request, people: list[ThroughIn]):
    found = {p.pk: p for p in Person.objects.filter(owner=request.auth, pk__in=[t.person for t in people])}
    missing = {f"people[{n}].person": "no such person" for n, t in enumerate(people) if t.person not in found}
    if missing:
        raise Invalid(missing)
    return [(found[t.person], t.role) for t in people]


def _opportunity(request, opportunity_id: int) -> Opportunity:
    return owned(opportunities(request.auth), request.auth, opportunity_id)


@router.get("/opportunities", response=OpportunityPage, summary="List opportunities")
def list_opportunities(request, filters: Query[OpportunityFilters], params: Query[PageParams]):
    # Another user's person id is no error here: it filters the caller's list, which then holds nothing.
    found = opportunities(request.auth, status=filters.status, kind=filters.kind, person=filters.person,
                          in_play=filters.in_play)
    return {"count": found.count(),
            "items": [opportunity_out(o) for o in found[params.offset:params.offset + params.limit]]}


@router.post("/opportunities", response={201: OpportunityOut}, summary="Note an opportunity")
def add_opportunity(request, payload: OpportunityIn):
    refs = {f: _referenced(request, f, getattr(payload, f)) for f in REFERENCES}
    created = services.add_opportunity(request.auth, title=payload.title, kind=payload.kind, status=payload.status,
                                       notes=payload.notes, day=payload.day, people=_people(request, payload.people),
                                       origin=origin_for(request), **refs)
    return Status(201, opportunity_out(_opportunity(request, created.pk)))


@router.get("/opportunities/{opportunity_id}", response=OpportunityOut, summary="Read an opportunity")
def read_opportunity(request, opportunity_id: int):
    return opportunity_out(_opportunity(request, opportunity_id))


@router.patch("/opportunities/{opportunity_id}", response=OpportunityOut, summary="Change an opportunity")
def change_opportunity(request, opportunity_id: int, payload: OpportunityPatch):
    opportunity = _opportunity(request, opportunity_id)
    fields = payload.model_dump(exclude_unset=True)
    for field in REFERENCES:
        if field in fields:
            fields[field] = _referenced(request, field, fields[field])
    services.update_opportunity(opportunity, origin=origin_for(request), **fields)
    return opportunity_out(_opportunity(request, opportunity_id))


@router.post("/opportunities/{opportunity_id}/status", response=OpportunityOut, summary="Change where it stands")
def change_status(request, opportunity_id: int, payload: StatusIn):
    services.set_status(_opportunity(request, opportunity_id), payload.status)
    return opportunity_out(_opportunity(request, opportunity_id))


@router.put("/opportunities/{opportunity_id}/people/{person_id}", response=OpportunityOut,
            summary="It came through this person (or change their role)")
def link_person(request, opportunity_id: int, person_id: int, role: str = "referrer"):
    opportunity = _opportunity(request, opportunity_id)
    services.link_person(opportunity, owned(Person, request.auth, person_id), role)
    return opportunity_out(_opportunity(request, opportunity_id))


@router.delete("/opportunities/{opportunity_id}/people/{person_id}", response=OpportunityOut,
               summary="It did not come through this person")
def unlink_person(request, opportunity_id: int, person_id: int):
    opportunity = _opportunity(request, opportunity_id)
    services.unlink_person(opportunity, owned(Person, request.auth, person_id))
    return opportunity_out(_opportunity(request, opportunity_id))


@router.delete("/opportunities/{opportunity_id}", response={204: None}, summary="Delete an opportunity")
def delete_opportunity(request, opportunity_id: int):
    services.delete_opportunity(_opportunity(request, opportunity_id))
    return Status(204, None)


@router.get("/opportunities/{opportunity_id}/lineage", response=LineageOut,
            summary="How an opportunity came about")
def lineage(request, opportunity_id: int):
    """The people it came through, the introduction and the contribution, then how the first person came in."""
    return opportunity_lineage(request.auth, _opportunity(request, opportunity_id).pk).as_dict()


@router.get("/contributions", response=ContributionPage, summary="List what I gave, published or spoke about")
def list_contributions(request, filters: Query[ContributionFilters], params: Query[PageParams]):
    found = contributions(request.auth, kind=filters.kind)
    return {"count": found.count(), "items": list(found[params.offset:params.offset + params.limit])}


@router.get("/contributions/reputation", response=ReputationOut, summary="What my contributions led to")
def contributions_reputation(request):
    return vars(reputation(request.auth))


@router.post("/contributions", response={201: ContributionOut}, summary="Log a contribution")
def add_contribution(request, payload: ContributionIn):
    return Status(201, services.add_contribution(request.auth, origin=origin_for(request), **payload.model_dump()))


@router.get("/contributions/{contribution_id}", response=ContributionOut, summary="Read a contribution")
def read_contribution(request, contribution_id: int):
    return owned(Contribution, request.auth, contribution_id)


@router.get("/contributions/{contribution_id}/opportunities", response=OpportunityPage,
            summary="The opportunities that followed a contribution")
def followed(request, contribution_id: int):
    contribution = owned(Contribution, request.auth, contribution_id)
    found = opportunities(request.auth).filter(contribution=contribution)
    return {"count": found.count(), "items": [opportunity_out(o) for o in found]}


@router.patch("/contributions/{contribution_id}", response=ContributionOut, summary="Change a contribution")
def change_contribution(request, contribution_id: int, payload: ContributionPatch):
    contribution = owned(Contribution, request.auth, contribution_id)
    return services.update_contribution(contribution, **payload.model_dump(exclude_unset=True))


@router.delete("/contributions/{contribution_id}", response={204: None}, summary="Delete a contribution")
def delete_contribution(request, contribution_id: int):
    services.delete_contribution(owned(Contribution, request.auth, contribution_id))
    return Status(204, None)
