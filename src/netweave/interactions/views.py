"""Web pages for logging and editing interactions, and the quick-capture box on every page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from netweave.core.errors import Ambiguous, Invalid
from netweave.core.ids import parse_id
from netweave.interactions import services
from netweave.interactions.capture import read_capture
from netweave.interactions.forms import InteractionForm
from netweave.interactions.models import Interaction
from netweave.interactions.queries import timeline
from netweave.interactions.when import parse_when
from netweave.nurture.services import add_follow_up
from netweave.people.models import Person
from netweave.people.naming import resolve_token, split_tokens, token_for, who_is
from netweave.people.services import new_origin

MAX_CAPTURE = 500


def _resolve_all(owner, names: list[str]):
    """Resolve every name; return (people, problems) where problems maps a name to its Ambiguous."""
    people, problems = [], {}
    for name in names:
        try:
            people.append(resolve_token(owner, name))
        except Ambiguous as exc:
            problems[name] = exc
    return people, problems


@login_required
def interaction_new(request):
    initial = {"when": "today"}
    preset = parse_id(request.GET.get("with"))
    person = Person.objects.filter(owner=request.user, pk=preset).first() if preset else None
    if person:
        initial["participants"] = token_for(person)
    form = InteractionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        interaction = _save(request, form, None)
        if interaction:
            messages.success(request, "Logged.")
            first = interaction.participations.order_by("id").first()
            return redirect("people:detail", pk=first.person_id) if first else redirect("home")
    return render(request, "interactions/form.html", {"form": form})


@login_required
def interaction_edit(request, pk: int):
    interaction = get_object_or_404(Interaction, pk=pk, owner=request.user)
    initial = {
        "summary": interaction.summary, "kind": interaction.kind, "notes": interaction.notes,
        "participants": ", ".join(token_for(p) for p in interaction.participants.all()),
        "when": timezone.localtime(interaction.occurred_at).isoformat(), "initiated_by": interaction.initiated_by,
    }
    form = InteractionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _save(request, form, interaction):
            messages.success(request, "Saved.")
            return redirect("interactions:edit", pk=interaction.pk)
    return render(request, "interactions/form.html", {"form": form, "interaction": interaction})


def _save(request, form, interaction):
    data = form.cleaned_data
    if interaction is not None and form.initial.get("participants") == data["participants"].strip():
        people, problems = list(interaction.participants.all()), {}  # untouched: the same people, by id
    else:
        people, problems = _resolve_all(request.user, split_tokens(data["participants"]))
    for exc in problems.values():
        form.add_error("participants", who_is(exc))
    try:
        occurred_at = parse_when(data["when"])
    except ValueError as exc:
        form.add_error("when", str(exc))
        return None
    if problems:
        return None
    try:
        with transaction.atomic():
            if interaction is None:
                interaction = services.log_interaction(
                    request.user, kind=data["kind"], occurred_at=occurred_at, participants=people,
                    summary=data["summary"], notes=data["notes"], initiated_by=data["initiated_by"] or "",
                    source="web", origin=new_origin(request.user, "web", "log interaction"),
                )
            else:
                interaction = services.update_interaction(
                    interaction, kind=data["kind"], occurred_at=occurred_at, participants=people,
                    summary=data["summary"], notes=data["notes"], initiated_by=data["initiated_by"] or "",
                )
            if data.get("follow_up", "").strip() and people:
                # A promise is to the first person named: the one the interaction was logged with.
                add_follow_up(people[0], data["follow_up"], interaction=interaction)
            return interaction
    except Invalid as exc:
        for key, why in exc.errors.items():
            form.add_error(key if key in form.fields else None, why)
        return None


@login_required
@require_POST
def interaction_delete(request, pk: int):
    interaction = get_object_or_404(Interaction, pk=pk, owner=request.user)
    first = interaction.participations.order_by("id").first()
    services.delete_interaction(interaction)
    messages.success(request, "Deleted.")
    return redirect("people:detail", pk=first.person_id) if first else redirect("home")


@login_required
def person_timeline(request, pk: int):
    """Older entries of a person's timeline, loaded by htmx when asked for."""
    person = get_object_or_404(Person, pk=pk, owner=request.user)
    before_id = parse_id(request.GET.get("before"))
    before = Interaction.objects.filter(owner=request.user, pk=before_id).first() if before_id else None
    items = timeline(person, limit=30, before=(before.occurred_at, before.pk) if before else None)
    return render(request, "interactions/_timeline.html", {"items": items, "subject": person})


@login_required
@require_POST
def capture(request):
    """Quick capture: log it straight away when every name is clear, otherwise ask which person was meant."""
    text = " ".join(request.POST.get("text", "").split())[:MAX_CAPTURE]
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    parsed = read_capture(text)
    chosen = {k[7:]: v for k, v in request.POST.items() if k.startswith("choose:")}
    names = parsed.names
    resolved, problems = {}, {}  # typed name -> the person it stands for / the candidates to choose from
    for name in names:
        pick = parse_id(chosen.get(name))
        person = Person.objects.filter(owner=request.user, pk=pick, archived=False).first() if pick else None
        if person is None:
            found, missing = _resolve_all(request.user, [name])
            person = found[0] if found else None
            problems.update({n: exc.candidates for n, exc in missing.items()})
        if person is not None:
            resolved[name] = person
    people = list(resolved.values())
    try:
        when = parse_when(parsed.when_text)
    except ValueError:
        when = parse_when("")
    if not text or not names or problems:
        return render(request, "interactions/capture.html", {
            "text": text, "parsed": parsed, "problems": problems, "next": back,
            "resolved": resolved,
        }, status=200 if text else 400)
    with transaction.atomic():
        services.log_interaction(
            request.user, kind=parsed.kind, occurred_at=when, participants=people, summary=text, source="web",
            origin=new_origin(request.user, "web", "quick capture"),
        )
    messages.success(request, f"Logged: {text}")
    if len(people) == 1 and not back:
        return redirect("people:detail", pk=people[0].pk)
    return redirect(back or "home")
