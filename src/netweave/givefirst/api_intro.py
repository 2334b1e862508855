"""/api/v1/introductions, /introductions/suggestions, /introductions/templates and /help-this-week: thin routes
over givefirst.introductions, its drafts' templates and the matching read paths. (No `from __future__ import
annotations`: ninja reads the types.)"""

from django.db import transaction
from django.http import Http404
from ninja import Query, Router, Status

from netweave.api_support import Conflict, PageParams, conflict, origin_for, owned, page
from netweave.core.errors import Invalid
from netweave.givefirst import helping, intro_drafts, introductions, lists
from netweave.givefirst.models import Ask, Introduction
from netweave.givefirst.schemas import (
    AdvanceIn, HelpItemOut, HelpParams, IntroductionDetail, IntroductionFilters, IntroductionIn, IntroductionPage,
    SuggestionOut, SuggestionParams, TemplateIn, TemplateOut,
)
from netweave.givefirst.suggestions import suggest_introductions

router = Router(tags=["give first"])


def detail(intro: Introduction) -> Introduction:
    """The introduction with what IntroductionDetail adds: its legal moves and the draft for the forward one."""
    intro.next_states = introductions.next_states(intro)
    intro.draft_step, intro.draft = lists.next_draft(intro)
    return intro


def resolve_state(intro: Introduction, to_state: str, expected_state: str | None = None) -> str:
    """`to_state` as given, or for "next" the single forward move from the state the caller saw; a 422 naming
    the legal moves when there is none."""
    if to_state != "next":
        return to_state
    seen = expected_state or intro.state
    legal = introductions.LEGAL.get(seen, ())
    step = lists.forward(legal)
    if step is None:
        moves = ", ".join(legal) or "nothing: it is finished"
        raise Invalid({"to_state": f"there is no single next state from {seen}; from there it can go to {moves}"})
    return step


@router.get("/introductions", response=IntroductionPage, summary="List introductions")
def list_introductions(request, filters: Query[IntroductionFilters], paging: Query[PageParams]):
    """Most recently moved first; `state` keeps one column of the board, `person` those they are part of."""
    return page(lists.introductions(request.auth, state=filters.state or "", person=filters.person), paging)


@router.post("/introductions", response={201: IntroductionDetail}, summary="Propose an introduction")
@transaction.atomic
def propose(request, payload: IntroductionIn):
    """Refused (422, with the reason) for someone and themselves, a pair already tied, or a pair with an
    introduction under way."""
    pair = lists.people_by_id(request.auth, person_a=payload.person_a, person_b=payload.person_b)
    ask = None
    if payload.ask is not None:
        ask = Ask.objects.filter(owner=request.auth, pk=payload.ask).first()
        if ask is None:
            raise Invalid({"ask": f"no ask with id {payload.ask}"})
    intro = introductions.propose(request.auth, pair["person_a"], pair["person_b"], reason=payload.reason, ask=ask,
                                  origin=origin_for(request))
    return Status(201, detail(owned(lists.introductions(request.auth), request.auth, intro.pk)))


@router.get("/introductions/suggestions", response=list[SuggestionOut], summary="Pairs who would gain from meeting")
def suggestions(request, params: Query[SuggestionParams]):
    """Pairs of my contacts not yet connected, best first, each with the reasons (one's ask meets the other's
    offer or expertise, shared interests, both ties strong enough for me to ask)."""
    return [{"a": {"id": s.a_id, "display_name": s.a_name}, "b": {"id": s.b_id, "display_name": s.b_name},
             "score": s.score, "reasons": s.reasons, "ask_id": s.ask_id}
            for s in suggest_introductions(request.auth, limit=params.limit, min_strength=params.min_strength)]


def _step(step: str) -> str:
    if step not in intro_drafts.STEPS:
        raise Http404(f"no template {step!r}; the steps are {', '.join(intro_drafts.STEPS)}")
    return step


@router.get("/introductions/templates", response=list[TemplateOut], summary="My templates for the drafted messages")
def list_templates(request):
    """Each step's template: my own words where I saved some, else the default."""
    return intro_drafts.my_templates(request.auth)


@router.get("/introductions/templates/{step}", response=TemplateOut, summary="My template for one step's message")
def read_template(request, step: str):
    return intro_drafts.my_template(request.auth, _step(step))


@router.put("/introductions/templates/{step}", response=TemplateOut, summary="Keep my own template for a step")
def save_template(request, step: str, payload: TemplateIn):
    """Drafts for this step use it from now on. A slot that does not exist is a 422 naming the slots there are."""
    intro_drafts.save_template(request.auth, _step(step), payload.text)
    return intro_drafts.my_template(request.auth, step)


@router.delete("/introductions/templates/{step}", response=TemplateOut, summary="Go back to the default template")
def reset_template(request, step: str):
    intro_drafts.reset_template(request.auth, _step(step))
    return intro_drafts.my_template(request.auth, step)


@router.get("/introductions/{intro_id}", response=IntroductionDetail, summary="Read an introduction")
def read_introduction(request, intro_id: int):
    """With every step so far, the legal moves from here and a draft message for the forward one."""
    return detail(owned(lists.introductions(request.auth), request.auth, intro_id))


@router.post("/introductions/{intro_id}/advance", response={200: IntroductionDetail, 409: Conflict},
             summary="Move an introduction to its next state",
             openapi_extra=conflict("Someone moved it first (or it is no longer in expected_state); "
                                    "`value` is the state it is in now."))
def advance(request, intro_id: int, payload: AdvanceIn):
    """An illegal move is a 422 naming the legal ones, and changes nothing. Of two moves at once one wins; the
    other is a 409 with the state it is in now. Reaching "made" also ties the two, records the introduction in
    the ledger and schedules a follow-up with each."""
    intro = owned(lists.introductions(request.auth), request.auth, intro_id)
    to_state = resolve_state(intro, payload.to_state, payload.expected_state)
    try:
        introductions.advance(intro, to_state, expected_state=payload.expected_state, message=payload.message,
                              note=payload.note, outcome=payload.outcome, declined_by=payload.declined_by)
    except introductions.Conflict as exc:
        return Status(409, {"detail": exc.errors["state"], "field": "state", "value": exc.state, "existing": []})
    return detail(owned(lists.introductions(request.auth), request.auth, intro_id))


@router.get("/help-this-week", response=list[HelpItemOut], summary="Whom I could help this week")
def help_this_week(request, params: Query[HelpParams]):
    """A few people with an open ask I could meet, each with why."""
    return helping.help_this_week(request.auth, limit=params.limit)
