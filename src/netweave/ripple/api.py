"""/api/v1/paths, /api/v1/lineage/..., /api/v1/ripple/{person_id} and /api/v1/network/...: thin routes over
ripple.services, ripple.queries and ripple.insights, scoped to the acting user. (No `from __future__ import
annotations`: ninja reads the types.)"""

from ninja import Query, Router

from netweave.api_support import owned
from netweave.core.errors import Invalid
from netweave.core.ids import parse_id
from netweave.givefirst.models import Introduction
from netweave.people.models import Person, Tie
from netweave.people.queries import resolve_person
from netweave.ripple import insights, queries, services
from netweave.ripple.paths import find_organisation, find_tag
from netweave.ripple.schemas import (
    BrokerParams, BrokersOut, BridgesOut, CommunitiesOut, DormantBridgesOut, InsightParams, LineageOut, NetworkOut,
    NetworkParams, PathAnswerOut, PathNodesOut, PathParams, RippleOut, RippleParams, StatusOut, SuggestionsOut,
    SuggestParams,
)

router = Router(tags=["ripple"])


@router.get("/paths", response=PathAnswerOut, summary="Warm paths to a person, an organisation or a tag")
def warm_paths(request, params: Query[PathParams]):
    """Exactly one of `to` (a person), `org` or `tag`, each an id or a name. Each hop says why the tie holds;
    the first hop shows my give-and-take with the person I would ask. A name that fits nobody or several people,
    organisations or tags is a 422 with the candidates; another user's id is a 404."""
    given = [v for v in (params.to, params.org, params.tag) if v not in (None, "")]
    if len(given) != 1:
        raise Invalid({"to": "name exactly one of a person (to), an organisation (org) or a tag (tag)"})
    target = {}
    if params.to:
        pk = parse_id(params.to)
        target["person"] = owned(Person, request.auth, pk) if pk is not None else resolve_person(request.auth,
                                                                                                  params.to)
    elif params.org:
        target["organisation"] = find_organisation(request.auth, params.org)
    else:
        target["tag"] = find_tag(request.auth, params.tag)
    return services.warm_paths(request.auth, k=params.k, max_hops=params.max_hops, **target).as_dict()


@router.get("/paths/{person_id}/nodes", response=PathNodesOut, summary="The best warm path as node ids")
def path_nodes(request, person_id: int):
    """For a graph view to highlight: person ids along the best path, me as 0 first."""
    person = owned(Person, request.auth, person_id)
    return {"nodes": queries.path_nodes(request.auth, person.pk)}


@router.get("/lineage/people/{person_id}", response=LineageOut, summary="How a person came into my network")
def person_lineage(request, person_id: int):
    person = owned(Person, request.auth, person_id)
    return services.person_lineage(request.auth, person).as_dict()


@router.get("/lineage/ties/{tie_id}", response=LineageOut, summary="How two people came to be tied")
def tie_lineage(request, tie_id: int):
    tie = owned(Tie, request.auth, tie_id)
    return services.lineage_of(request.auth, "tie", tie.pk).as_dict()


@router.get("/lineage/introductions/{introduction_id}", response=LineageOut,
            summary="How an introduction came about")
def introduction_lineage(request, introduction_id: int):
    intro = owned(Introduction, request.auth, introduction_id)
    return services.lineage_of(request.auth, "introduction", intro.pk).as_dict()


@router.get("/ripple/{person_id}", response=RippleOut, summary="Everything that descends from a person")
def ripple(request, person_id: int, params: Query[RippleParams]):
    """The people they introduced me to, the introductions I made that they were part of, and what those people
    led to in turn; a person reached twice is shown once more as a `repeat` leaf."""
    person = owned(Person, request.auth, person_id)
    return services.ripple(request.auth, person, depth=params.depth, limit=params.limit).as_dict()


@router.get("/network", response=NetworkOut, summary="My ego network, for a graph view")
def network(request, params: Query[NetworkParams]):
    """Me (id 0) and up to `limit` of my people who pass the filters, closest first, with the ties among them."""
    return queries.ego_network(request.auth, circle=params.circle, tag=params.tag, organisation=params.organisation,
                               limit=params.limit, min_weight=params.min_weight, max_edges=params.max_edges)


@router.get("/network/status", response=StatusOut, summary="The size of my network's graph")
def status(request):
    return queries.status(request.auth)


@router.get("/network/brokers", response=BrokersOut, summary="People who bridge separate groups of my contacts")
def brokers(request, params: Query[BrokerParams]):
    return insights.brokers(request.auth, limit=params.limit, size=params.size, by=params.by)


@router.get("/network/communities", response=CommunitiesOut, summary="Groups of my contacts tied to one another")
def communities(request, params: Query[InsightParams]):
    return insights.communities(request.auth, limit=params.limit, size=params.size)


@router.get("/network/bridges", response=BridgesOut, summary="Ties that join two groups")
def bridges(request, params: Query[InsightParams]):
    return insights.bridges(request.auth, limit=params.limit, size=params.size)


@router.get("/network/dormant-bridges", response=DormantBridgesOut, summary="Bridges gone quiet, worth reviving")
def dormant_bridges(request, params: Query[InsightParams]):
    return insights.dormant_bridges(request.auth, limit=params.limit, size=params.size)


@router.get("/network/who-should-meet", response=SuggestionsOut, summary="Pairs of my contacts who should meet")
def who_should_meet(request, params: Query[SuggestParams]):
    return insights.who_should_meet(request.auth, limit=params.limit, size=params.size, predictor=params.predictor)
