"""`netweave events list|add|show|import|goal|expect` and `netweave capture EVENT`: thin commands over
events.services, capturing, planning and queries. An event is named by its id or (part of) its name."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, err, fail, invalid_exit, print_json, resolve_or_exit,
)

events = typer.Typer(help="Events: plan them (goals, who will be there, whom to meet), import them from "
                          "calendar files, and capture whom you met.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(events, name="events")
    from netweave.events.cli_capture import capture

    app.command("capture")(capture)


def find_event(owner, text: str):
    """The event `text` names, or a message and exit status 2 (none, or several equally good)."""
    from netweave.core.errors import Ambiguous, NotFound
    from netweave.events.services import resolve_event

    try:
        return resolve_event(owner, text)
    except NotFound:
        fail(f"no event called {text!r}; see `netweave events list`", code=2)
    except Ambiguous as exc:
        err.print(f"[yellow]{text!r} could be several events:[/yellow]", highlight=False)
        for event in exc.candidates:
            err.print(f"  {event.pk}: {event.name} ({event.starts_at:%Y-%m-%d})", highlight=False)
        raise typer.Exit(2)


def _when(text: str, what: str):
    from netweave.interactions.when import parse_when

    try:
        return parse_when(text)
    except ValueError as exc:
        fail(f"{what}: {exc}", code=1)


def _local(moment):
    from django.utils import timezone

    return timezone.localtime(moment)


def _row(event) -> dict:
    return {"id": event.pk, "name": event.name, "starts_at": event.starts_at.isoformat(),
            "ends_at": event.ends_at.isoformat() if event.ends_at else None, "location": event.location,
            "url": event.url, "source": event.source, "interaction_id": event.interaction_id,
            "met_count": getattr(event, "met_count", None), "planned_count": getattr(event, "planned_count", None)}


@events.command("list")
def list_events(
    when: str = typer.Option("", "--when", help="upcoming, past, or all (default)."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Your events: upcoming soonest first, past latest first."""
    django_ready()
    from netweave.events import queries

    if when not in ("", "all", "upcoming", "past"):
        fail("--when takes upcoming, past or all", code=1)
    rows = list(queries.events(acting_user(user), "" if when == "all" else when)[:1000])
    if as_json:
        print_json([_row(e) for e in rows])
        return
    if not rows:
        console.print("No events yet. Plan one with `netweave events add` or import a calendar.")
        return
    table = Table(title_justify="left")
    for column in ("id", "when", "event", "where", "planned", "met"):
        table.add_column(column)
    for e in rows:
        table.add_row(str(e.pk), f"{_local(e.starts_at):%Y-%m-%d %H:%M}", e.name, e.location,
                      str(e.planned_count), str(e.met_count))
    console.print(table)


@events.command("add")
def add(
    name: str = typer.Argument(..., help='The event, e.g. "PyCon Lisbon".'),
    starts: str = typer.Option(..., "--starts", "-s", help='"2026-05-01 09:00", "next friday", "tomorrow".'),
    ends: str = typer.Option("", "--ends", help="When it ends (optional)."),
    location: str = typer.Option("", "--location", "-l"),
    url: str = typer.Option("", "--url"),
    description: str = typer.Option("", "--description"),
    goal: Optional[list[str]] = typer.Option(None, "--goal", "-g",
                                             help='"meet three people working on climate fintech" (repeatable).'),
    expect: Optional[list[str]] = typer.Option(None, "--expect", "-e", help="Someone who will be there (repeatable)."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Plan an event, with goals and the people who will be there."""
    django_ready()
    from django.db import transaction

    from netweave.core.errors import Invalid
    from netweave.events import services
    from netweave.people.services import new_origin

    owner = acting_user(user)
    people = [resolve_or_exit(owner, n) for n in expect or []]
    data = {"name": name, "starts_at": _when(starts, "--starts"), "ends_at": _when(ends, "--ends") if ends else None,
            "location": location, "url": url, "description": description}
    try:
        with transaction.atomic():
            event = services.create_event(owner, data, origin=new_origin(owner, "cli", "events add"))
            for text in goal or []:
                services.add_goal(event, text)
            for person in people:
                services.set_person(event, person)
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json(_row(event))
    else:
        console.print(f"Planned {event.name} ({event.pk}) on {_local(event.starts_at):%Y-%m-%d %H:%M}.",
                      highlight=False)


@events.command("show")
def show(
    event: str = typer.Argument(..., help="The event's id or name."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """An event's plan: goals and how far you got, who will be there, whom to meet and why."""
    django_ready()
    from netweave.events import queries
    from netweave.events.planning import plan

    owner = acting_user(user)
    found = find_event(owner, event)
    planned = plan(found)
    people = queries.people_by_status(found)
    if as_json:
        print_json({
            **_row(found), "description": found.description, "guests": found.guests,
            "goals": [{"id": g.goal.pk, "text": g.goal.text, "target": g.target, "topic": g.goal.topic,
                       "met": [{"id": pid, "display_name": name} for pid, name in g.met], "done": g.done}
                      for g in planned.goals],
            "people": [{"id": link.person_id, "display_name": link.person.display_name, "status": link.status,
                        "why": link.why, "note": link.note} for links in people.values() for link in links],
            "suggestions": [{"id": s.person_id, "display_name": s.display_name, "status": s.status,
                             "score": s.score, "reason": s.reason} for s in planned.suggestions],
        })
        return
    console.print(f"[bold]{found.name}[/bold] ({found.pk}): {_local(found.starts_at):%A %Y-%m-%d %H:%M}"
                  f"{' · ' + found.location if found.location else ''}", highlight=False)
    for g in planned.goals:
        names = ", ".join(name for _, name in g.met)
        console.print(f"Goal: {g.goal.text}: {g.count} of {g.target} met{': ' + names if names else ''}",
                      highlight=False)
    for status, label in (("want_to_meet", "Want to meet"), ("expected", "Expected"), ("met", "Met")):
        if people[status]:
            console.print(f"{label}: " + ", ".join(link.person.display_name for link in people[status]),
                          highlight=False)
    if planned.suggestions:
        table = Table(title="Whom to meet", title_justify="left")
        for column in ("#", "who", "why"):
            table.add_column(column)
        for n, s in enumerate(planned.suggestions, 1):
            table.add_row(str(n), f"{s.display_name} ({s.person_id})", s.reason)
        console.print(table)


@events.command("import")
def import_file(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A calendar file (.ics)."),
    me: Optional[list[str]] = typer.Option(None, "--me", help="One of your own addresses (repeatable)."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Events from a calendar file, past and upcoming; attendees who are your people (by email) are expected.
    Importing the file again updates the same events. A broken file changes nothing and names its line."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.events.services import import_calendar
    from netweave.people.services import new_origin

    owner = acting_user(user)
    try:
        result = import_calendar(owner, path=file, me=list(me) if me else None,
                                 origin=new_origin(owner, "import", file.name))
    except Invalid as exc:
        fail(f"{file.name} was not imported: {exc.errors.get('file', exc)}", code=1)
    if as_json:
        print_json({"created": [e.pk for e in result.created], "updated": [e.pk for e in result.updated],
                    "expected": result.expected, "skipped": [{"where": w, "why": y} for w, y in result.skipped],
                    "notes": [{"where": w, "why": y} for w, y in result.notes]})
        return
    console.print(f"{file.name}: {len(result.created)} new event(s), {len(result.updated)} updated, "
                  f"{result.expected} of your people expected.", highlight=False)
    for where, why in result.notes + result.skipped:
        console.print(f"  {where}: {why}", highlight=False)


@events.command("goal")
def goal(
    event: str = typer.Argument(..., help="The event's id or name."),
    text: str = typer.Argument(..., help='"meet three people working on climate fintech"'),
    target: Optional[int] = typer.Option(None, "--target", help="How many people (read from the text if absent)."),
    topic: Optional[str] = typer.Option(None, "--topic", help="Topic words (read from the text if absent)."),
    user: str = UserOption,
) -> None:
    """Add a goal to an event."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.events.services import add_goal

    found = find_event(acting_user(user), event)
    try:
        made = add_goal(found, text, target=target, topic=topic)
    except Invalid as exc:
        invalid_exit(exc)
    console.print(f"Goal for {found.name}: {made.text} ({made.target}; topic: {made.topic or 'none'}).",
                  highlight=False)


@events.command("expect")
def expect(
    event: str = typer.Argument(..., help="The event's id or name."),
    name: str = typer.Argument(..., help="Who will be there."),
    want: bool = typer.Option(False, "--want", help="Someone you want to meet there."),
    user: str = UserOption,
) -> None:
    """Say someone will be there, or (--want) that you want to meet them there."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.events.services import set_person

    owner = acting_user(user)
    found = find_event(owner, event)
    person = resolve_or_exit(owner, name)
    try:
        link = set_person(found, person, status="want_to_meet" if want else "expected")
    except Invalid as exc:
        invalid_exit(exc)
    why = f": {link.why}" if link.why else ""
    console.print(f"{person.display_name} at {found.name}: {link.get_status_display()}{why}.", highlight=False)
