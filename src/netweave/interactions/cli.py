"""`netweave log "Coffee with Ana Lima and Bo Chen" --kind meeting --when yesterday`."""

from __future__ import annotations

from typing import Optional

import typer

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, fail, invalid_exit, print_json, report_ambiguous,
)


def register(app: typer.Typer) -> None:
    app.command("log")(log)


def log(
    text: str = typer.Argument(..., help='What happened, e.g. "Coffee with Ana Lima and Bo Chen".'),
    kind: str = typer.Option(None, "--kind", "-k", help="meeting, call, video, message, email, event or note."),
    when: str = typer.Option(None, "--when", "-w", help='"yesterday", "3 days ago", "last friday", "2025-05-01 14:00".'),
    with_: Optional[list[str]] = typer.Option(None, "--with", help="A participant's name (repeatable)."),
    notes: str = typer.Option("", "--notes", "-n", help="Longer notes."),
    initiated_by: str = typer.Option("", "--by", help="Who started it: me or them."),
    follow_up: str = typer.Option("", "--follow-up", help='A promise to keep: "send her the deck by Friday" '
                                                          "(due in a week unless it names a day)."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Log an interaction with people named by --with or by "with A and B" in the text.

    Nothing is saved unless every name resolves to exactly one person."""
    django_ready()
    from django.db import transaction

    from netweave.core.errors import Ambiguous, Invalid
    from netweave.interactions.capture import read_capture
    from netweave.interactions.services import log_interaction
    from netweave.interactions.when import parse_when
    from netweave.nurture.services import add_follow_up
    from netweave.people.queries import resolve_person
    from netweave.people.services import new_origin

    owner = acting_user(user)
    capture = read_capture(text)
    names = list(with_ or []) or capture.names
    if not names:
        fail('say who it was with: "... with Ana Lima" or --with "Ana Lima"', code=2)
    people, unresolved = [], 0
    for name in names:
        try:
            people.append(resolve_person(owner, name))
        except Ambiguous as exc:
            report_ambiguous(exc)
            unresolved += 1
    if unresolved:
        raise typer.Exit(2)
    try:
        occurred_at = parse_when(when if when is not None else capture.when_text)
    except ValueError as exc:
        fail(f"--when: {exc}")
    try:
        with transaction.atomic():
            interaction = log_interaction(
                owner, kind=kind or capture.kind, occurred_at=occurred_at, participants=people, summary=text,
                notes=notes, initiated_by=initiated_by, source="cli", origin=new_origin(owner, "cli", "log"),
            )
            # A promise is to the first person named: the one the interaction was logged with.
            promise = add_follow_up(people[0], follow_up, interaction=interaction) if follow_up.strip() else None
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json({"id": interaction.id, "kind": interaction.kind, "occurred_at": interaction.occurred_at.isoformat(),
                    "participants": [{"id": p.id, "display_name": p.display_name} for p in people],
                    "follow_up": {"id": promise.id, "text": promise.text, "due": promise.due.isoformat()}
                    if promise else None})
        return
    who = ", ".join(p.display_name for p in people)
    console.print(f"Logged {interaction.get_kind_display()} with {who} on {interaction.occurred_at:%Y-%m-%d %H:%M}.")
    if promise:
        console.print(f"Follow-up {promise.id} due {promise.due:%a %Y-%m-%d}: {promise.text}", highlight=False)
