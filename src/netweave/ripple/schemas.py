"""What the ripple API accepts and returns, kept apart from the services' dataclasses so either can change alone.
(No `from __future__ import annotations`: ninja reads the types.)"""

from datetime import date
from typing import Literal, Optional

from ninja import Field, Schema

from netweave.ripple import insights, paths, queries, tree


# ---- warm paths -----------------------------------------------------------------------------------------------

class PathParams(Schema):
    to: Optional[str] = Field(None, max_length=200, description="A person's id, or a name (an unknown or shared "
                                                                "name is a 422 with the candidates).")
    org: Optional[str] = Field(None, max_length=200, description="An organisation's id or name: anyone there now.")
    tag: Optional[str] = Field(None, max_length=100, description="A tag's id or name: anyone with it.")
    k: int = Field(paths.DEFAULT_K, ge=1, le=paths.MAX_K, description="How many paths.")
    max_hops: int = Field(paths.DEFAULT_MAX_HOPS, ge=1, le=paths.MAX_HOPS)


class EvidenceOut(Schema):
    kind: str = Field(description="strength (mine), tie, introduction, introducer, interactions or affiliation.")
    weight: float
    text: str
    count: int
    example: dict


class HopOut(Schema):
    person_id: int
    display_name: str
    weight: float = Field(description="The tie's weight, 0 to 1.")
    why: str = Field(description='In words: "steady (52): 4 meetings ..." or "co-founders at Tidewater 2019–2022".')
    evidence: list[EvidenceOut]


class BalanceOut(Schema):
    person_id: Optional[int] = None
    gave: int = 0
    received: int = 0
    brokered: int = 0
    words: str = ""


class WarmPathOut(Schema):
    score: float = Field(description="Product of the tie weights times 0.7 per hop after the first.")
    nodes: list[int] = Field(description="Person ids along the path, me as 0 first.")
    hops: list[HopOut]
    balance: BalanceOut = Field(description="My give-and-take with the first hop, the person I would ask.")
    text: str


class NearOut(Schema):
    person_id: int
    display_name: str
    score: float
    via_id: Optional[int]
    via_name: Optional[str]
    why: str


class TargetOut(Schema):
    kind: Literal["person", "organisation", "tag"]
    id: int
    name: str
    people: int = Field(description="How many of my people the target stands for.")


class PathAnswerOut(Schema):
    target: TargetOut
    paths: list[WarmPathOut]
    reachable: bool = Field(description="False when there is nobody to reach (nobody there now, nobody tagged).")
    message: str
    nearest: list[NearOut] = Field(description="When unreachable: the nearest people I do reach who are close "
                                               "to the target (who used to work there), nearest first.")


class PathNodesOut(Schema):
    nodes: list[int] = Field(description="Person ids of the best warm path, me as 0 first; empty if none.")


# ---- lineage and the ripple -------------------------------------------------------------------------------------

class StepOut(Schema):
    kind: str
    text: str
    object_id: Optional[int]
    person_id: Optional[int]
    day: Optional[date]


class LineageOut(Schema):
    subject: dict
    steps: list[StepOut] = Field(description="From the subject back to the root.")
    root: str
    cycle: bool
    cut: bool
    related: list[StepOut]


class RippleParams(Schema):
    depth: int = Field(tree.DEFAULT_DEPTH, ge=1, le=tree.MAX_DEPTH)
    limit: int = Field(tree.DEFAULT_LIMIT, ge=1, le=tree.MAX_LIMIT)


class NodeOut(Schema):
    kind: str
    id: int
    name: str
    how: str
    day: Optional[date]
    person_id: Optional[int]
    repeat: bool = Field(description="Shown higher up already: a circle of introductions, not expanded again.")
    children: list["NodeOut"]


NodeOut.model_rebuild()


class RippleOut(Schema):
    root: NodeOut
    people: int
    introductions: int
    depth: int
    cut: bool = Field(description="The depth or the limit stopped it with more to show.")


# ---- the network ----------------------------------------------------------------------------------------------

class NetworkParams(Schema):
    circle: str = Field("", max_length=60)
    tag: str = Field("", max_length=100)
    organisation: str = Field("", max_length=200)
    limit: int = Field(queries.MAX_NODES, ge=1, le=queries.MAX_NODES)
    min_weight: float = Field(0.0, ge=0, le=1)
    max_edges: int = Field(queries.MAX_EDGES, ge=0, le=queries.MAX_EDGES)


class MeOut(Schema):
    id: int
    name: str


class NetworkNodeOut(Schema):
    id: int
    name: str
    circle: Optional[str]
    tags: list[str]
    org: Optional[str]
    strength: Optional[int]


class NetworkEdgeOut(Schema):
    source: int = Field(description="A person id, or 0 for me.")
    target: int
    weight: float
    kinds: list[str]


class NetworkOut(Schema):
    me: MeOut
    nodes: list[NetworkNodeOut]
    edges: list[NetworkEdgeOut]
    matching: int = Field(description="People passing the filters.")
    shown: int
    truncated: bool


class StatusOut(Schema):
    people: int
    ties: int
    by_kind: dict[str, int]
    snapshot_bytes: int
    last_refresh: dict


class InsightParams(Schema):
    limit: int = Field(10, ge=1, le=100)
    size: int = Field(insights.DEFAULT_SIZE, ge=10, le=insights.MAX_SIZE,
                      description="Analyse at most this many people, the most connected.")


class BrokerParams(InsightParams):
    by: Literal["betweenness", "constraint"] = "betweenness"


class SuggestParams(InsightParams):
    predictor: Literal[insights.PREDICTORS] = insights.PREDICTORS[0]  # type: ignore[valid-type]


class ScopeOut(Schema):
    people: int = Field(description="People analysed.")
    of: int = Field(description="My people with at least one tie strong enough to count.")
    ties: int
    min_weight: float


class PersonRefOut(Schema):
    id: int
    name: str


class BrokerOut(Schema):
    person_id: int
    display_name: str
    betweenness: float
    constraint: Optional[float]
    ties: int
    groups: int
    why: str


class BrokersOut(Schema):
    scope: ScopeOut
    by: str
    items: list[BrokerOut]


class CommunityOut(Schema):
    index: int
    size: int
    label: str
    members: list[PersonRefOut]
    organisation: Optional[str]


class CommunitiesOut(Schema):
    scope: ScopeOut
    count: int
    items: list[CommunityOut]


class BridgeOut(Schema):
    a: PersonRefOut
    b: PersonRefOut
    groups: list[int]
    common: int
    overlap: float
    why: str


class BridgesOut(Schema):
    scope: ScopeOut
    items: list[BridgeOut]


class DormantBridgeOut(Schema):
    person_id: int
    display_name: str
    strength: Optional[int]
    last_contact: Optional[date]
    groups: int
    why: str


class DormantBridgesOut(Schema):
    scope: ScopeOut
    items: list[DormantBridgeOut]


class SuggestionOut(Schema):
    a: PersonRefOut
    b: PersonRefOut
    score: float
    common: int
    via: list[PersonRefOut]
    why: str


class SuggestionsOut(Schema):
    scope: ScopeOut
    predictor: str
    items: list[SuggestionOut]
