"""/api/v1/people/{id}/brief and /api/v1/briefs/event: thin routes over coach.brief and coach.occasions, for
the acting user only. (No `from __future__ import annotations`: ninja reads the types.)"""

from django.http import Http404
from ninja import Query, Router

from netweave.coach.brief import gather, person_for_brief
from netweave.coach.occasions import event_brief
from netweave.coach.schemas import BriefOut, EventBriefOut, EventParams
from netweave.people.models import Person

router = Router(tags=["briefs"])


@router.get("/people/{person_id}/brief", response=BriefOut, summary="A preparation brief for one person")
def person_brief(request, person_id: int):
    """Who they are, how we met, strength and last contact, what we last talked about, their open asks and
    offers, common ground, what happened since we last spoke, and three to five questions, each with what
    it draws on."""
    try:
        person = person_for_brief(request.auth, person_id)
    except Person.DoesNotExist:
        raise Http404("no such person")
    return gather(request.auth, person).as_dict()


@router.get("/briefs/event", response=EventBriefOut, summary="Briefs for everyone expected at an event")
def briefs_for_event(request, params: Query[EventParams]):
    """The best match for `q` (upcoming first, then the latest past one); 404 when nothing matches."""
    return event_brief(request.auth, text=params.q).as_dict()
