"""GET /api/v1/search and /api/v1/search/who-knows: thin routes over search.queries, scoped to the acting
user. (No `from __future__ import annotations`: ninja reads the types.)"""

from datetime import datetime

from ninja import Field, Query, Router, Schema

from netweave.search import queries, terms

router = Router(tags=["search"])


class HitOut(Schema):
    kind: str = Field(description='"person", "organisation", "tag", "interaction", "ask", "offer", ...')
    object_id: int
    title: str
    subtitle: str
    snippet_html: str = Field(description="Escaped text; the words that matched are in <mark>.")
    url: str = Field(description="The web page of the thing found, or empty.")
    rank: float = Field(description="Higher is better; comparable within one answer only.")
    person_ids: list[int] = Field(description="The people the thing is about.")
    when: datetime | None = None


class SearchOut(Schema):
    query: str
    total_estimate: int = Field(description=f"Matches, each kind counted up to {queries.COUNT_CAP}.")
    hits: list[HitOut]


class SearchParams(Schema):
    q: str = Field("", max_length=terms.MAX_QUERY_CHARS, description="Words, as typed; no syntax.")
    kind: list[str] = Field([], description="Only these kinds (repeatable).")
    limit: int = Field(20, ge=1, le=queries.MAX_LIMIT)
    offset: int = Field(0, ge=0, le=queries.MAX_OFFSET)
    semantic: bool = Field(False, description="Blend meaning with the words (needs `netweave search reindex "
                                              "--semantic` and the semantic extra).")


class ExpertOut(Schema):
    person_id: int
    display_name: str
    score: float
    evidence: list[HitOut]


class WhoKnowsParams(Schema):
    q: str = Field("", max_length=terms.MAX_QUERY_CHARS)
    limit: int = Field(20, ge=1, le=queries.MAX_LIMIT)


def _hit(hit) -> dict:
    return hit.as_dict()


@router.get("", response=SearchOut, summary="Search people, organisations, notes, interactions, asks, offers")
def search(request, params: Query[SearchParams]):
    found = queries.search(request.auth, params.q, kinds=params.kind or None, limit=params.limit,
                           offset=params.offset, semantic=params.semantic)
    return {"query": params.q, "total_estimate": found.total_estimate, "hits": [_hit(h) for h in found.hits]}


@router.get("/who-knows", response=list[ExpertOut], summary="Who knows about a topic, with the evidence")
def who_knows(request, params: Query[WhoKnowsParams]):
    return [{"person_id": e.person_id, "display_name": e.display_name, "score": e.score,
             "evidence": [_hit(h) for h in e.evidence]}
            for e in queries.who_knows(request.auth, params.q, limit=params.limit)]
