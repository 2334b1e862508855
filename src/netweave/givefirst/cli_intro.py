"""`netweave intro propose|advance|list|show|expire|suggest`: introductions with double opt-in, as thin commands over
givefirst.introductions and the suggestions read path."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, err, fail, print_json, resolve_or_exit,
)
from netweave.givefirst.cli import cell, iso, plain, ref, refused

intro = typer.Typer(help="Introductions with double opt-in: propose, advance, list, show, expire, suggest.",
                    no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(intro, name="intro")


def intro_row(i) -> dict:
    return {"id": i.pk, "person_a": ref(i.person_a), "person_b": ref(i.person_b), "reason": i.reason,
            "ask_id": i.ask_id, "state": i.state, "state_label": i.get_state_display(), "outcome": i.outcome,
            "declined_by": i.declined_by, "tie_id": i.tie_id, "created_at": iso(i.created_at),
            "updated_at": iso(i.updated_at), "made_at": iso(i.made_at)}


def intro_detail(i) -> dict:
    from netweave.givefirst.introductions import next_states
    from netweave.givefirst.lists import next_draft

    step, text = next_draft(i)
    return {**intro_row(i), "steps": [{"id": s.pk, "from_state": s.from_state, "to_state": s.to_state,
                                       "message": s.message, "note": s.note, "at": iso(s.at)} for s in i.steps.all()],
            "next_states": next_states(i), "draft_step": step, "draft": text}


def _find(owner, intro_id: int):
    from netweave.givefirst.models import Introduction

    found = Introduction.objects.filter(owner=owner, pk=intro_id).select_related("person_a", "person_b").first()
    if found is None:
        fail(f"no introduction {intro_id}; `netweave intro list` shows them", code=2)
    return found


def _pair(i) -> str:
    return f"{i.person_a.display_name} ↔ {i.person_b.display_name}"


def _print_draft(i, step: str | None, text: str | None) -> None:
    if not text:
        return
    a, b = i.person_a.display_name, i.person_b.display_name
    what = {"asked_a": f"asking {a}", "asked_b": f"asking {b}", "made": f"introducing {a} and {b}",
            "concluded": "asking how it went"}.get(step, step)
    console.print(f"Draft for {what} (then `netweave intro advance {i.pk} {step}`):", style="bold", highlight=False,
                  markup=False)
    console.print(text, highlight=False, markup=False)


@intro.command("propose")
def propose(
    a: str = typer.Argument(..., help="Who is asked first (a name or id)."),
    b: str = typer.Argument(..., help="Who is asked once A agreed."),
    reason: str = typer.Option(..., "--reason", "-r", help="Why these two should meet; the drafts quote it."),
    ask_id: int = typer.Option(None, "--ask", help="The id of the ask this introduction answers."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Propose introducing A to B. Refused for someone and themselves, or a pair who already know each other."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.givefirst import introductions
    from netweave.givefirst.models import Ask
    from netweave.people.services import new_origin

    owner = acting_user(user)
    person_a, person_b = resolve_or_exit(owner, a), resolve_or_exit(owner, b)
    ask = None
    if ask_id is not None:
        ask = Ask.objects.filter(owner=owner, pk=ask_id).first()
        if ask is None:
            fail(f"no ask {ask_id}; `netweave ask list --all` shows them", code=2)
    try:
        made = introductions.propose(owner, person_a, person_b, reason=reason, ask=ask,
                                     origin=new_origin(owner, "cli", "intro propose"))
    except Invalid as exc:
        refused(exc)
    found = intro_detail(made)
    if as_json:
        print_json(found)
        return
    console.print(f"Proposed: {_pair(made)} (introduction {made.pk}).", highlight=False, markup=False)
    _print_draft(made, found["draft_step"], found["draft"])


@intro.command("advance")
def advance(
    intro_id: int = typer.Argument(..., help="The introduction's id, as listed."),
    state: str = typer.Argument(..., help='asked_a, a_agreed, asked_b, b_agreed, made, concluded, declined, expired; '
                                          'or "next" for the one forward move.'),
    note: str = typer.Option("", "--note", "-n"),
    message: str = typer.Option("", "--message", "-m", help="The message as you sent it for this step."),
    outcome: str = typer.Option("", "--outcome", help="To conclude: met, worked_together, hired, invested or nothing."),
    declined_by: str = typer.Option(None, "--by", help='With declined: who said no, "a" or "b".'),
    expect: str = typer.Option(None, "--expect", help="Refuse unless it is still in this state."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Move an introduction on. An illegal move names the legal ones and changes nothing."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.givefirst import introductions
    from netweave.givefirst.lists import forward

    owner = acting_user(user)
    found = _find(owner, intro_id)
    state = state.strip().lower()
    if state == "next":
        seen = expect or found.state
        legal = introductions.LEGAL.get(seen, ())
        state = forward(legal)
        if state is None:
            fail(f"there is no single next state from {escape(seen)}; say one of: {', '.join(legal)}" if legal else
                 f"introduction {found.pk} is finished ({found.get_state_display()}): there is no next state", code=2)
    if declined_by is not None and declined_by not in ("a", "b"):
        fail('--by: say "a" or "b"', code=2)
    try:
        introductions.advance(found, state, expected_state=expect, message=message, note=note,
                              outcome=outcome.strip().lower(), declined_by=declined_by)
    except introductions.Conflict as exc:
        err.print(f"[red]conflict[/red]: {exc.errors['state']}", highlight=False)
        raise typer.Exit(1)
    except Invalid as exc:
        refused(exc)
    shown = intro_detail(found)
    if as_json:
        print_json(shown)
        return
    outcome = f" ({found.get_outcome_display()})" if found.outcome else ""
    console.print(f"{_pair(found)}: {found.get_state_display()}{outcome}.", highlight=False, markup=False)
    if found.state == introductions.State.MADE:
        console.print("They are now tied, the introduction is in the ledger, and you will be reminded in two weeks "
                      "to ask each how it went.", highlight=False)
    _print_draft(found, shown["draft_step"], shown["draft"])


@intro.command("list")
def list_intros(
    state: str = typer.Option(None, "--state", "-s", help="Only this state (proposed, asked_a, ... made, declined)."),
    person: str = typer.Option(None, "--person", "-p", help="Only those this person is part of."),
    limit: int = typer.Option(100, "--limit", min=1, help="At most this many."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Introductions, most recently moved first."""
    django_ready()
    from netweave.givefirst.lists import introductions
    from netweave.givefirst.models import Introduction

    if state and state not in Introduction.State.values:
        fail(f"--state {escape(repr(state))}: choose one of {', '.join(Introduction.State.values)}", code=2)
    owner = acting_user(user)
    who = resolve_or_exit(owner, person) if person else None
    found = list(introductions(owner, state=state or "", person=who)[:limit])
    if as_json:
        print_json([intro_row(i) for i in found])
        return
    if not found:
        console.print("No introductions" + (f" {state}." if state else " yet."), highlight=False)
        return
    table = Table(title="Introductions", title_justify="left")
    for column in ("id", "A", "B", "state", "moved", "reason"):
        table.add_column(column)
    for i in found:
        table.add_row(str(i.pk), cell(i.person_a.display_name), cell(i.person_b.display_name),
                      i.get_state_display(), f"{i.updated_at:%Y-%m-%d}", cell(i.reason))
    console.print(table)


@intro.command("show")
def show(
    intro_id: int = typer.Argument(..., help="The introduction's id, as listed."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """One introduction: its steps so far, where it can go next, and the draft for the next message."""
    django_ready()
    shown = _find(acting_user(user), intro_id)
    found = intro_detail(shown)
    if as_json:
        print_json(found)
        return
    console.print(f"Introduction {found['id']}: {found['person_a']['display_name']} ↔ "
                  f"{found['person_b']['display_name']} ({found['state_label']})", style="bold", highlight=False,
                  markup=False)
    console.print(f"Why: {found['reason']}", highlight=False, markup=False)
    if shown.outcome:
        console.print(f"Outcome: {shown.get_outcome_display()}", highlight=False, markup=False)
    for s in found["steps"]:
        line = f"  {s['at'][:10]}  {s['from_state'] or '-'} → {s['to_state']}"
        console.print(line + (f"  ({s['note']})" if s["note"] else ""), highlight=False, markup=False)
    moves = ", ".join(found["next_states"])
    console.print(f"Next: {moves}" if moves else "Finished.", highlight=False)
    _print_draft(shown, found["draft_step"], found["draft"])


@intro.command("expire")
def expire(
    days: int = typer.Option(30, "--days", min=1, max=3650, help="Expire those with no step for this many days."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Let introductions lapse that have had no step for a while (the nightly upkeep does this at 30 days)."""
    django_ready()
    from netweave.givefirst.introductions import expire_stale

    expired = expire_stale(acting_user(user), days=days)
    if as_json:
        print_json({"expired": expired, "days": days})
        return
    console.print(f"Expired {expired} introduction{'' if expired == 1 else 's'} with no step for {days} days."
                  if expired else f"No introduction has gone {days} days without a step.", highlight=False)


@intro.command("suggest")
def suggest(
    limit: int = typer.Option(20, "--limit", min=1, max=500),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Pairs of my contacts who would gain from meeting, best first, with the reasons."""
    django_ready()
    from netweave.givefirst.suggestions import suggest_introductions

    found = suggest_introductions(acting_user(user), limit=limit)
    if as_json:
        print_json([plain(s) for s in found])
        return
    if not found:
        console.print("No introductions to suggest yet.", highlight=False)
    for n, s in enumerate(found, 1):
        console.print(f"{n}. {s.a_name} ({s.a_id}) ↔ {s.b_name} ({s.b_id})", style="bold", highlight=False,
                      markup=False)
        for reason in s.reasons:
            console.print(f"    {reason}", highlight=False, markup=False)
        console.print(f'    netweave intro propose {s.a_id} {s.b_id} --reason "..."', highlight=False, markup=False)
