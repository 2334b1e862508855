"""`netweave capture EVENT`: whom I met at an event, one person a line, from --line or standard input.

    netweave capture "Climate Tech Summit" --line "Ana Lima, Acme — works on grid batteries; send her the deck by Friday"
    printf 'Bo Chen, CTO at Voltwise\\n+ Cy Diaz <cy@voltwise.io>\\n' | netweave capture 12

Nothing is saved while a name could be several people (or is close to someone's): the command lists them
and exits with status 2; run it again with --choose "Ana Lima=12" or --choose "Ana Lima=new".
"""

from __future__ import annotations

import sys
from typing import Optional

import typer

from netweave.cli_support import JsonOption, UserOption, acting_user, console, django_ready, err, fail, print_json


def capture(
    event: str = typer.Argument(..., help="The event's id or name."),
    line: Optional[list[str]] = typer.Option(None, "--line", "-l",
                                             help='"Name, Organisation — about them; follow-up" (repeatable); '
                                                  "without it, lines are read from standard input."),
    choose: Optional[list[str]] = typer.Option(None, "--choose", "-c",
                                               help='"Name=ID" or "Name=new" for a name that needs a choice.'),
    preview: bool = typer.Option(False, "--preview", help="Say what saving would do, and save nothing."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Capture whom you met at an event: creates the new people, one interaction for the event, the
    follow-ups and the "met at" ties of people met together (+ lines), in one step. Lines captured before
    are left alone, so running it again adds only new lines."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.events.capturing import save_capture
    from netweave.events.cli import find_event
    from netweave.events.resolving import plan_capture
    from netweave.people.services import new_origin

    owner = acting_user(user)
    found = find_event(owner, event)
    text = "\n".join(line) if line else sys.stdin.read()
    choices = {}
    for item in choose or []:
        name, sep, value = item.rpartition("=")
        if not sep or not name.strip() or not value.strip():
            fail(f'--choose takes "Name=ID" or "Name=new", not {item!r}', code=1)
        choices[name.strip()] = value.strip()
    plan = plan_capture(found, text, choices)
    if preview or not plan.ready:
        _report(plan, as_json=as_json, saved=False)
        if not plan.ready:
            needs_choice = all(p.action == "choose" for p in plan.lines if p.field in plan.problems)
            raise typer.Exit(2 if needs_choice else 1)
        return
    try:
        result = save_capture(found, text, choices=choices, origin=new_origin(owner, "cli", f"capture: {found.name}"))
    except Invalid as exc:
        for field, why in exc.errors.items():
            err.print(f"[red]{field}[/red]: {why}", highlight=False)
        raise typer.Exit(1)
    if as_json:
        print_json({"saved": True, "interaction_id": result.interaction.pk if result.interaction else None,
                    "created": [{"id": p.pk, "display_name": p.display_name} for p in result.created],
                    "met": [{"id": p.pk, "display_name": p.display_name} for p in result.met],
                    "follow_up_ids": [f.pk for f in result.follow_ups], "tie_ids": [t.pk for t in result.ties],
                    "captured_before": result.captured_before})
        return
    console.print(result.summary(), highlight=False)


def _report(plan, *, as_json: bool, saved: bool) -> None:
    if as_json:
        print_json({"saved": saved, "ready": plan.ready, "lines": [{
            "line": p.line.number, "text": p.line.text, "action": p.action, "name": p.line.name,
            "person_id": p.person.pk if p.person else None, "message": p.message, "remarks": p.remarks,
            "candidates": [{"id": c.pk, "display_name": c.display_name} for c in p.candidates],
            "follow_ups": [{"text": t, "due": d.isoformat()} for t, d in p.follow_ups]} for p in plan.lines]})
        return
    out = console if plan.ready else err
    for p in plan.lines:
        if p.action == "new":
            what = f"new person: {p.line.name}"
        elif p.action == "existing":
            what = f"known: {p.person.display_name} ({p.person.pk})"
        elif p.action == "captured":
            what = "captured before: nothing to do"
        else:
            what = f"[red]{p.message}[/red]"
        out.print(f"line {p.line.number}: {what}", highlight=False)
        for c in p.candidates:
            org = f" ({c.current_organisation.name})" if c.current_organisation_id else ""
            out.print(f"    --choose \"{p.line.name}={c.pk}\"  {c.display_name}{org}", highlight=False)
        if p.candidates and p.line.name:
            out.print(f"    --choose \"{p.line.name}=new\"  a new person", highlight=False)
        for text, due in p.follow_ups:
            out.print(f"    follow-up: {text} (due {due:%a %Y-%m-%d})", highlight=False)
        for remark in p.remarks:
            out.print(f"    {remark}", highlight=False)
