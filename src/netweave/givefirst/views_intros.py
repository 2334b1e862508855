"""Introductions on the web: the board by state with one-click moves, one introduction with its history and
the drafted message for its next step, the propose form, and suggested pairs. Thin views over
givefirst.introductions and givefirst.suggestions.

Every move is a POST naming the state the page showed (`expected`), so a move made meanwhile elsewhere is a
Conflict, shown as a message with the state as it now is. With htmx a move answers with the refreshed board
or introduction, which replaces the old one in place; without JavaScript it redirects back.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from netweave.core.errors import Invalid
from netweave.core.ids import parse_id
from netweave.givefirst import introductions, lists, suggestions
from netweave.givefirst.intro_drafts import STEP_FOR_STATE as DRAFTED  # moves that send a message
from netweave.givefirst.forms import OutcomeForm, ProposeForm, add_service_errors, resolve_into
from netweave.givefirst.models import Ask, Introduction, IntroductionStep
from netweave.givefirst.views_common import back_to, current_page, why
from netweave.nurture.today import local_today
from netweave.people.models import Person
from netweave.people.naming import token_for
from netweave.people.services import new_origin

State = Introduction.State
LABELS = dict(State.choices)
MY_TURN = (State.PROPOSED, State.A_AGREED, State.B_AGREED)  # the next message is mine to send
SIDE_MOVES = (State.DECLINED, State.EXPIRED)  # behind a confirm: they end the introduction
SUGGESTED = 10
ASK_CHOICES = 200


def move_label(intro: Introduction, to_state: str) -> str:
    """The button that makes a move, in words about the people: "I asked Ana Lima", "Bo Chen said yes"."""
    a, b = intro.person_a.display_name, intro.person_b.display_name
    return {
        State.ASKED_A: f"I asked {a}", State.A_AGREED: f"{a} said yes", State.ASKED_B: f"I asked {b}",
        State.B_AGREED: f"{b} said yes", State.MADE: "Introduced them", State.CONCLUDED: "Record the outcome",
        State.DECLINED: f"{b if intro.state in (State.A_AGREED, State.ASKED_B, State.B_AGREED) else a} said no",
        State.EXPIRED: "Let it lapse",
    }.get(to_state, to_state)


def step_heading(intro: Introduction, to_state: str) -> str:
    """What the next step is, as a heading above its message: "Ask Ana Lima", "When Bo Chen says yes"."""
    a, b = intro.person_a.display_name, intro.person_b.display_name
    return {State.ASKED_A: f"Ask {a}", State.A_AGREED: f"When {a} says yes", State.ASKED_B: f"Ask {b}",
            State.B_AGREED: f"When {b} says yes", State.MADE: "Introduce them to each other"}.get(to_state, to_state)


def moves(intro: Introduction) -> dict:
    """The legal moves from here for one-click buttons: forward ones, and those behind a confirm."""
    legal = introductions.next_states(intro)
    forward = [(s, move_label(intro, s)) for s in legal if s not in SIDE_MOVES and s != State.CONCLUDED]
    return {"forward": forward, "side": [(s, move_label(intro, s)) for s in legal if s in SIDE_MOVES],
            "outcome": State.CONCLUDED in legal}


def last_steps(intro_ids) -> dict[int, IntroductionStep]:
    """The latest step of each introduction, in one query."""
    latest = {}
    for step in IntroductionStep.objects.filter(introduction_id__in=intro_ids).order_by("at", "id"):
        latest[step.introduction_id] = step
    return latest


def board_context(request, *, status: str = "", error: bool = False) -> dict:
    board = introductions.board(request.user)
    intros = [i for group in board.values() for i in group]
    steps = last_steps([i.pk for i in intros])
    columns = []
    for state, label in State.choices:
        cards = [{"intro": i, "last": steps.get(i.pk), "moves": moves(i),
                  "last_label": LABELS.get(getattr(steps.get(i.pk), "to_state", ""), "")} for i in board.get(state, [])]
        columns.append({"state": state, "label": label, "cards": cards, "mine": state in MY_TURN})
    return {"columns": columns, "count": len(intros), "status": status, "status_error": error,
            "back": current_page(request)}


@login_required
def board(request):
    context = board_context(request)
    if request.htmx and request.htmx.target == "board":
        return render(request, "givefirst/_board.html", context)
    context["form"] = ProposeForm(asks=_open_asks(request.user))
    return render(request, "givefirst/introductions.html", context)


def _open_asks(owner, keep: Ask | None = None) -> list[Ask]:
    asks = list(lists.needs(Ask, owner, today=local_today(owner))[:ASK_CHOICES])
    if keep is not None and keep not in asks:
        asks.insert(0, keep)
    return asks


def detail_context(request, intro: Introduction, *, status: str = "", error: bool = False) -> dict:
    """One introduction: its steps, the drafted message of each forward move, and the outcome form once made."""
    step_moves = moves(intro)
    drafts = []
    for to_state, label in step_moves["forward"]:
        drafts.append({"to": to_state, "label": label, "heading": step_heading(intro, to_state),
                       "draft": introductions.draft(intro, DRAFTED[to_state]) if to_state in DRAFTED else None})
    steps = list(intro.steps.all())
    for step in steps:
        step.from_label = LABELS.get(step.from_state, step.from_state)
        step.to_label = LABELS.get(step.to_state, step.to_state)
    return {"intro": intro, "steps": steps, "moves": step_moves, "drafts": drafts,
            "side_moves": {"forward": [], "side": step_moves["side"], "outcome": False},
            "outcome_form": OutcomeForm() if step_moves["outcome"] else None,
            "follow_up": introductions.draft(intro, "follow_up") if step_moves["outcome"] else "",
            "exchanges": intro.exchanges.select_related("giver", "receiver"),
            "status": status, "status_error": error}


def _owned(request, pk: int) -> Introduction:
    return get_object_or_404(Introduction.objects.select_related("person_a", "person_b", "ask", "ask__person"),
                             pk=pk, owner=request.user)


@login_required
def detail(request, pk: int):
    return render(request, "givefirst/introduction.html", detail_context(request, _owned(request, pk)))


@login_required
@require_POST
def advance(request, pk: int):
    """One move of the state machine. A refusal or a conflict is a message with the current state, not an error page."""
    intro = _owned(request, pk)
    to_state = request.POST.get("to", "")
    try:
        introductions.advance(intro, to_state, expected_state=request.POST.get("expected") or None,
                              message=request.POST.get("message", ""), note=request.POST.get("note", ""),
                              outcome=request.POST.get("outcome", ""))
    except introductions.Conflict:
        intro = _owned(request, pk)
        text, error = (f"Someone moved this introduction on meanwhile: it is now {intro.get_state_display()}. "
                       "Nothing was changed."), True
    except Invalid as exc:
        intro = _owned(request, pk)
        text, error = why(exc), True
    else:
        intro = _owned(request, pk)
        text, error = _moved_words(intro), False
    target = request.htmx.target if request.htmx else None
    if target == "board":
        return render(request, "givefirst/_board.html", board_context(request, status=text, error=error))
    if target == "introduction":
        return render(request, "givefirst/_introduction.html", detail_context(request, intro, status=text, error=error))
    (messages.error if error else messages.success)(request, text)
    return back_to(request, "givefirst:introduction", intro.pk)


def _moved_words(intro: Introduction) -> str:
    a, b = intro.person_a.display_name, intro.person_b.display_name
    if intro.state == State.MADE:
        return f"Introduced {a} and {b}: they are linked, and you will be reminded to ask how it went."
    return f"{a} ↔ {b}: {intro.get_state_display()}."


@login_required
def propose(request):
    """The propose form; prefilled from ?a=ID&b=ID&ask=ID&reason=… (a person's page, a helper, a suggestion)."""
    owner = request.user
    if request.method == "POST":
        asked = _ask(owner, request.POST.get("ask"))
        form = ProposeForm(request.POST, asks=_open_asks(owner, asked))
        if form.is_valid():
            a, b = resolve_into(form, "a", owner), resolve_into(form, "b", owner)
            if request.POST.get("ask") and asked is None:
                form.add_error("ask", "That is not one of your asks.")
            elif a is not None and b is not None:
                try:
                    intro = introductions.propose(owner, a, b, reason=form.cleaned_data["reason"], ask=asked,
                                                  origin=new_origin(owner, "web", "propose introduction"))
                except Invalid as exc:
                    add_service_errors(form, exc, {"person_a": "a", "person_b": "b"})
                else:
                    messages.success(request, f"Proposed introducing {a.display_name} to {b.display_name}.")
                    return redirect("givefirst:introduction", intro.pk)
    else:
        asked = _ask(owner, request.GET.get("ask"))
        initial = {"reason": request.GET.get("reason", "")[:2000], "ask": str(asked.pk) if asked else ""}
        for side in ("a", "b"):
            person = Person.objects.filter(owner=owner, pk=parse_id(request.GET.get(side))).first()
            if person is not None:
                initial[side] = token_for(person)
        form = ProposeForm(initial=initial, asks=_open_asks(owner, asked))
    return render(request, "givefirst/propose.html", {"form": form})


def _ask(owner, value) -> Ask | None:
    pk = parse_id(value)
    return Ask.objects.filter(owner=owner, pk=pk).select_related("person").first() if pk else None


@login_required
def suggested(request):
    """Pairs of my people who would gain from meeting, with the reasons and a button to propose each."""
    return render(request, "givefirst/suggestions.html",
                  {"suggestions": suggestions.suggest_introductions(request.user, limit=SUGGESTED)})


def waiting_on_me(owner) -> int:
    """Introductions where the next message is mine to send."""
    return Introduction.objects.filter(owner=owner, state__in=MY_TURN).count()

