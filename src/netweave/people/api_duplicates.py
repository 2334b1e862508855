"""/api/v1/duplicates and /api/v1/merges: the review queue and undoing merges. Thin routes over
people.duplicates and people.merging, scoped to the acting user.

Merging a pair is POST /api/v1/people/{kept_id}/merge, as before.
"""

from datetime import datetime

from django.db import transaction
from ninja import Field, Query, Router, Schema

from netweave.api_support import Id, PageParams, owned, page
from netweave.core.errors import Invalid
from netweave.people import duplicates, merging
from netweave.people.models import Merge, Person
from netweave.people.schemas import Clean, PersonRef

duplicates_router = Router(tags=["duplicates"])
merges_router = Router(tags=["duplicates"])


class PersonBrief(Schema):
    id: int
    display_name: str
    organisation: str | None = None
    title: str = ""


class CandidateOut(Schema):
    person_a: PersonBrief = Field(description="The one with the lower id.")
    person_b: PersonBrief
    confidence: float = Field(description="How likely they are one person, from 0 to 1.")
    reasons: list[str] = Field(description='Why, in words: "same email ana@x.org", "names 94% alike, both at Acme".')


class CandidatePage(Schema):
    count: int
    items: list[CandidateOut]


class DismissIn(Clean):
    person_a: Id
    person_b: Id


class DismissalOut(Schema):
    person_a: int = Field(description="The lower id of the two, whichever way round they were sent.")
    person_b: int
    created_at: datetime


class MergeOut(Schema):
    id: int
    kept: PersonRef | None = Field(description="Null when the kept person has been deleted since.")
    removed_id: int
    removed_name: str
    created_at: datetime
    undone_at: datetime | None
    can_undo: bool = Field(description="False once undone, or for merges made before undo existed. An undo may "
                                       "still be refused (422) when the kept person changed since.")


class MergePage(Schema):
    count: int
    items: list[MergeOut]


def _brief(person: Person) -> dict:
    org = person.current_organisation
    return {"id": person.pk, "display_name": person.display_name, "organisation": org.name if org else None,
            "title": person.current_title}


@duplicates_router.get("", response=CandidatePage, summary="List likely duplicate pairs")
def list_duplicates(request, paging: Query[PageParams]):
    """Pairs of the caller's people who may be one person, most likely first, without dismissed pairs."""
    found = duplicates.scan_cached(request.auth)
    shown = found[paging.offset: paging.offset + paging.limit]
    people = duplicates.people_for(request.auth, shown)
    items = [{"person_a": _brief(people[c.a]), "person_b": _brief(people[c.b]), "confidence": c.confidence,
              "reasons": list(c.reasons)} for c in shown if c.a in people and c.b in people]
    return {"count": len(found), "items": items}


@duplicates_router.post("/dismiss", response=DismissalOut, summary="Say two people are not the same person")
@transaction.atomic
def dismiss(request, payload: DismissIn):
    """The pair is never offered again. Dismissing it again changes nothing."""
    found = Person.objects.filter(owner=request.auth).in_bulk([payload.person_a, payload.person_b])
    missing = {f: f"no person with id {pk}" for f, pk in (("person_a", payload.person_a),
                                                         ("person_b", payload.person_b)) if pk not in found}
    if missing:
        raise Invalid(missing)
    dismissal = duplicates.dismiss(request.auth, found[payload.person_a], found[payload.person_b])
    return {"person_a": dismissal.person_a_id, "person_b": dismissal.person_b_id, "created_at": dismissal.created_at}


@merges_router.get("", response=MergePage, summary="List merges, newest first")
def list_merges(request, paging: Query[PageParams]):
    return page(merging.recent_merges(request.auth), paging)


@merges_router.post("/{merge_id}/undo", response=MergeOut, summary="Undo a merge")
@transaction.atomic
def undo_merge(request, merge_id: Id):
    """Both people come back exactly as they were before the merge, the removed one with its old id.
    Refused (422, naming "merge") when already undone, made before undo existed, or when the kept person
    changed since: the message says what changed."""
    merging.undo_merge(owned(Merge, request.auth, merge_id))
    return owned(merging.recent_merges(request.auth), request.auth, merge_id)
