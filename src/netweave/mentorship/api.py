"""/api/v1/mentorships (with their sessions) and /api/v1/learnings: thin routes over mentorship.services and
queries, scoped to the acting user. (No `from __future__ import annotations`: ninja reads the types.)"""

from ninja import Query, Router, Status

from netweave.api_support import origin_for, owned
from netweave.core.errors import Invalid
from netweave.interactions.models import Interaction
from netweave.mentorship import services
from netweave.mentorship.models import Learning, Mentorship, MentorshipSession
from netweave.mentorship.queries import learnings, mentorships
from netweave.mentorship.schemas import (
    EndIn, LearningFilters, LearningIn, LearningOut, LearningPage, LearningPatch, MentorshipFilters, MentorshipIn,
    MentorshipOut, MentorshipPatch, SessionIn, SessionOut, SessionPatch, mentorship_out,
)
from netweave.people.models import Person

router = Router(tags=["mentorship"])
REFERENCES = {"person": Person, "interaction": Interaction}


def _referenced(request, field: str, value):
    """An id in a body names one of the caller's objects; anyone else's is refused like a missing one (422)."""
    if value is None:
        return None
    found = REFERENCES[field].objects.filter(owner=request.auth, pk=value).first()
    if found is None:
        raise Invalid({field: f"no such {field}"})
    return found


def _mentorship(request, mentorship_id: int) -> Mentorship:
    return owned(mentorships(request.auth), request.auth, mentorship_id)


@router.get("/mentorships", response=list[MentorshipOut], summary="List my mentors and mentees")
def list_mentorships(request, filters: Query[MentorshipFilters]):
    return [mentorship_out(m) for m in mentorships(request.auth, role=filters.role, active=filters.active)]


@router.post("/mentorships", response={201: MentorshipOut}, summary="Start a mentorship")
def start(request, payload: MentorshipIn):
    person = _referenced(request, "person", payload.person)
    created = services.start_mentorship(request.auth, person, role=payload.role, goals=payload.goals,
                                        started=payload.started, origin=origin_for(request))
    return Status(201, mentorship_out(_mentorship(request, created.pk)))


@router.get("/mentorships/{mentorship_id}", response=MentorshipOut, summary="Read a mentorship")
def read(request, mentorship_id: int):
    return mentorship_out(_mentorship(request, mentorship_id))


@router.patch("/mentorships/{mentorship_id}", response=MentorshipOut, summary="Change a mentorship")
def change(request, mentorship_id: int, payload: MentorshipPatch):
    services.update_mentorship(_mentorship(request, mentorship_id), **payload.model_dump(exclude_unset=True))
    return mentorship_out(_mentorship(request, mentorship_id))


@router.post("/mentorships/{mentorship_id}/end", response=MentorshipOut, summary="End a mentorship")
def end(request, mentorship_id: int, payload: EndIn | None = None):
    services.end_mentorship(_mentorship(request, mentorship_id), payload.ended if payload else None)
    return mentorship_out(_mentorship(request, mentorship_id))


@router.delete("/mentorships/{mentorship_id}", response={204: None}, summary="Delete a mentorship and its sessions")
def delete(request, mentorship_id: int):
    services.delete_mentorship(_mentorship(request, mentorship_id))
    return Status(204, None)


@router.get("/mentorships/{mentorship_id}/sessions", response=list[SessionOut], summary="A mentorship's sessions")
def sessions(request, mentorship_id: int):
    return list(_mentorship(request, mentorship_id).sessions.order_by("-day", "-id"))


@router.post("/mentorships/{mentorship_id}/sessions", response={201: SessionOut}, summary="Note a session")
def add_session(request, mentorship_id: int, payload: SessionIn):
    mentorship = _mentorship(request, mentorship_id)
    return Status(201, services.log_session(mentorship, origin=origin_for(request), **payload.model_dump()))


@router.patch("/sessions/{session_id}", response=SessionOut, summary="Change a session's notes")
def change_session(request, session_id: int, payload: SessionPatch):
    return services.update_session(owned(MentorshipSession, request.auth, session_id),
                                   **payload.model_dump(exclude_unset=True))


@router.delete("/sessions/{session_id}", response={204: None}, summary="Delete a session")
def delete_session(request, session_id: int):
    services.delete_session(owned(MentorshipSession, request.auth, session_id))
    return Status(204, None)


@router.get("/learnings", response=LearningPage, summary="What I learned, and from whom")
def list_learnings(request, filters: Query[LearningFilters]):
    """Newest first; with `q`, the best matches of the text and topic (at most 100)."""
    # Another user's person id is no error here: it filters the caller's list, which then holds nothing.
    found = learnings(request.auth, filters.q, person=filters.person, topic=filters.topic, limit=filters.limit)
    return {"count": len(found), "items": found}


@router.post("/learnings", response={201: LearningOut}, summary="Note something I learned")
def add_learning(request, payload: LearningIn):
    refs = {f: _referenced(request, f, getattr(payload, f)) for f in REFERENCES}
    return Status(201, services.record_learning(request.auth, payload.text, topic=payload.topic, day=payload.day,
                                                origin=origin_for(request), **refs))


@router.get("/learnings/{learning_id}", response=LearningOut, summary="Read a learning")
def read_learning(request, learning_id: int):
    return owned(Learning.objects.select_related("person"), request.auth, learning_id)


@router.patch("/learnings/{learning_id}", response=LearningOut, summary="Change a learning")
def change_learning(request, learning_id: int, payload: LearningPatch):
    learning = owned(Learning, request.auth, learning_id)
    fields = payload.model_dump(exclude_unset=True)
    for field in REFERENCES:
        if field in fields:
            fields[field] = _referenced(request, field, fields[field])
    return services.update_learning(learning, **fields)


@router.delete("/learnings/{learning_id}", response={204: None}, summary="Delete a learning")
def delete_learning(request, learning_id: int):
    services.delete_learning(owned(Learning, request.auth, learning_id))
    return Status(204, None)
