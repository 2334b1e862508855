"""`netweave today`, `netweave due`, `netweave checkin done|snooze|skip`, `netweave cadence list|set|clear|settings`
and `netweave losing-touch`: thin commands over nurture.services and the nurture queries."""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, fail, invalid_exit, print_json, resolve_or_exit,
)

HELP_SHOWN = 3  # asks I could help with, under the day's list (givefirst's "who can I help this week")
checkin = typer.Typer(help="Act on someone on the today list: done, snooze or skip.", no_args_is_help=True)
cadence = typer.Typer(help="How often to keep in touch, by circle, tag or person.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("today")(today)
    app.command("due")(due)
    app.command("losing-touch")(losing_touch)
    app.add_typer(checkin, name="checkin")
    app.add_typer(cadence, name="cadence")


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _due_rows(items) -> list[dict]:
    return [{"person_id": i.person_id, "display_name": i.display_name, "circle": i.circle,
             "cadence_days": i.cadence_days, "cadence_scope": i.cadence_scope, "days_since": i.days_since,
             "days_overdue": i.days_overdue, "never_contacted": i.never_contacted,
             "last_contact_at": _iso(i.last_contact_at), "strength": i.strength, "priority": i.priority,
             "reason": i.reason, "last_summary": i.last_summary, "last_summary_at": _iso(i.last_summary_at)}
            for i in items]


def _print_due(listing, title: str) -> None:
    if not listing.items:
        console.print("Nobody is due." if not listing.done_today else
                      f"{listing.done_today} check-in(s) done today: done for the day.", highlight=False)
        return
    table = Table(title=title, title_justify="left")
    for column in ("#", "who", "why", "last time"):
        table.add_column(column)
    for n, item in enumerate(listing.items, 1):
        last = f"{item.last_summary} ({item.last_summary_at:%Y-%m-%d})" if item.last_summary else ""
        table.add_row(str(n), f"{item.display_name} ({item.person_id})", item.reason, last)
    console.print(table)


def today(user: str = UserOption, as_json: bool = JsonOption) -> None:
    """Whom to reach out to today: the day's few, most pressing first, each with why."""
    django_ready()
    from netweave.givefirst.helping import help_this_week
    from netweave.nurture.today import due_list

    owner = acting_user(user)
    listing = due_list(owner)
    helping = help_this_week(owner, today=listing.day, limit=HELP_SHOWN)
    if as_json:
        print_json({"day": listing.day.isoformat(), "daily_limit": listing.daily_limit,
                    "done_today": listing.done_today, "due_count": listing.due_count,
                    "items": _due_rows(listing.items),
                    "help": [{"person_id": h.person_id, "display_name": h.display_name, "ask_id": h.ask_id,
                              "topic": h.topic, "why": h.why} for h in helping]})
        return
    _print_due(listing, f"Reach out today, {listing.day:%A %Y-%m-%d} ({listing.due_count} due)")
    if helping:
        console.print("You could help", style="bold", highlight=False)
        for h in helping:
            console.print(f"  {h.why}", highlight=False, markup=False)


def due(
    limit: int = typer.Option(50, min=0, help="At most this many (0: everyone due)."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Everyone due for contact, most pressing first (not capped by the daily limit)."""
    django_ready()
    from netweave.nurture.today import due_list

    listing = due_list(acting_user(user), limit=limit or 10**9)
    if as_json:
        print_json(_due_rows(listing.items))
        return
    _print_due(listing, f"Due on {listing.day:%Y-%m-%d}: {listing.due_count}")


def _person(owner, name: str):
    return resolve_or_exit(owner, name)


@checkin.command("done")
def done(
    name: str = typer.Argument(..., help="Who you reached out to."),
    kind: str = typer.Option("message", "--kind", "-k", help="message, call, video, meeting, email, event or note."),
    summary: str = typer.Option("Checked in", "--summary", "-s", help="What about."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Mark a check-in done: logs the interaction now, so their clock resets."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.nurture import services
    from netweave.people.services import new_origin

    owner = acting_user(user)
    person = _person(owner, name)
    try:
        interaction = services.mark_done(person, kind=kind, summary=summary, source="cli",
                                         origin=new_origin(owner, "cli", "checkin done"))
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json({"person_id": person.pk, "status": "done", "until": None, "interaction_id": interaction.pk})
    else:
        console.print(f"Logged a {interaction.get_kind_display()} with {person.display_name}.", highlight=False)


@checkin.command("snooze")
def snooze(
    name: str = typer.Argument(..., help="Who to put off."),
    until: str = typer.Option(None, "--until", help="YYYY-MM-DD; default: in three days."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Hide someone from the today list until a day."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.nurture import services

    owner = acting_user(user)
    person = _person(owner, name)
    try:
        day = date.fromisoformat(until) if until else None
    except ValueError:
        fail(f"--until: {until!r} is not a date like 2026-05-01")
    try:
        nudge = services.snooze(person, day)
    except Invalid as exc:
        invalid_exit(exc)
    _checkin_out(person, nudge, as_json, "Snoozed")


@checkin.command("skip")
def skip(
    name: str = typer.Argument(..., help="Who to skip this round."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Skip someone until they are next due (one cadence from today)."""
    django_ready()
    from netweave.nurture import services

    owner = acting_user(user)
    person = _person(owner, name)
    _checkin_out(person, services.skip(person), as_json, "Skipped")


def _checkin_out(person, nudge, as_json: bool, verb: str) -> None:
    if as_json:
        print_json({"person_id": person.pk, "status": nudge.status, "until": _iso(nudge.until)})
    else:
        console.print(f"{verb} {person.display_name} until {nudge.until:%Y-%m-%d}.", highlight=False)


def _target(owner, circle: str | None, tag: str | None, person: str | None) -> dict:
    """The one circle, tag or person named by --circle, --tag or --person."""
    from netweave.people.models import Circle, Tag
    from netweave.people.normalize import fold

    named = [(k, v) for k, v in (("circle", circle), ("tag", tag), ("person", person)) if v]
    if len(named) != 1:
        fail("name exactly one of --circle, --tag or --person", code=2)
    scope, name = named[0]
    if scope == "circle":
        found = Circle.objects.filter(owner=owner, name__iexact=name.strip()).first()
    elif scope == "tag":
        tags = {t.kind: t for t in Tag.objects.filter(owner=owner, key=fold(name)[:100])}
        found = tags.get("tag") or tags.get("interest") or tags.get("expertise")
    else:
        found = _person(owner, name)
    if found is None:
        fail(f"no {scope} called {name!r}", code=2)
    return {scope: found}


@cadence.command("list")
def cadence_list(user: str = UserOption, as_json: bool = JsonOption) -> None:
    """Every circle's cadence (its own, its default or none), and the tags and people with one."""
    django_ready()
    from netweave.nurture.cadences import cadence_table, every

    table = cadence_table(acting_user(user))
    if as_json:
        print_json(table)
        return
    out = Table(title="Cadences", title_justify="left")
    for column in ("for", "name", "every", "note"):
        out.add_column(column)
    for c in table["circles"]:
        note = "default" if c["default"] else ("" if c["days"] else "none")
        out.add_row("circle", c["name"], every(c["days"]) if c["days"] else "-", note)
    for scope in ("tags", "people"):
        for row in table[scope]:
            out.add_row(scope[:-1] if scope == "tags" else "person", row["name"], every(row["days"]), "")
    console.print(out)


@cadence.command("set")
def cadence_set(
    days: str = typer.Argument(..., help="Keep in touch every this many days (1 to 3650)."),
    circle: str = typer.Option(None, "--circle", help="A circle's name."),
    tag: str = typer.Option(None, "--tag", help="A tag's name."),
    person: str = typer.Option(None, "--person", help="A person's name."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Set the cadence of one circle, tag or person."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.nurture import services

    owner = acting_user(user)
    target = _target(owner, circle, tag, person)
    try:
        found = services.set_cadence(owner, days, **target)
    except Invalid as exc:
        invalid_exit(exc)
    (scope, obj), = target.items()
    if as_json:
        print_json({"scope": scope, "target_id": obj.pk, "name": str(obj), "days": found.days})
    else:
        console.print(f"{obj} ({scope}): every {found.days} days.", highlight=False)


@cadence.command("clear")
def cadence_clear(
    circle: str = typer.Option(None, "--circle"),
    tag: str = typer.Option(None, "--tag"),
    person: str = typer.Option(None, "--person"),
    user: str = UserOption,
) -> None:
    """Remove the cadence of a circle (back to its default), tag or person."""
    django_ready()
    from netweave.nurture import services

    owner = acting_user(user)
    target = _target(owner, circle, tag, person)
    removed = services.clear_cadence(owner, **target)
    (scope, obj), = target.items()
    console.print(f"{obj} ({scope}): " + ("cadence removed." if removed else "had no cadence of its own."),
                  highlight=False)


@cadence.command("settings")
def cadence_settings(
    daily_limit: int = typer.Option(None, "--daily-limit", help="How many people the today list offers (1-100)."),
    time_zone: str = typer.Option(None, "--time-zone", help='e.g. Europe/Lisbon; "" for the server\'s.'),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Show, or change, the today list's daily limit and time zone."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.nurture import services
    from netweave.nurture.today import settings_for

    owner = acting_user(user)
    try:
        found = (services.update_settings(owner, daily_limit=daily_limit, time_zone=time_zone)
                 if daily_limit is not None or time_zone is not None else settings_for(owner))
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json({"daily_limit": found.daily_limit, "time_zone": found.time_zone})
    else:
        console.print(f"Up to {found.daily_limit} people a day; time zone: {found.time_zone or 'the server’s'}.",
                      highlight=False)


def losing_touch(
    limit: int = typer.Option(30, min=1, help="At most this many of each list."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Ties going cold, and dormant ties worth reviving, with what we had in common."""
    django_ready()
    from netweave.nurture.common import in_words
    from netweave.nurture.losing import losing_touch as query

    found = query(acting_user(user), limit=limit)
    if as_json:
        print_json({
            "day": found.day.isoformat(), "cold_count": found.cold_count, "dormant_count": found.dormant_count,
            "cold": [{**vars(c), "last_contact_at": _iso(c.last_contact_at),
                      "last_summary_at": _iso(c.last_summary_at)} for c in found.cold],
            "dormant": [{**vars(d), "first_contact_at": _iso(d.first_contact_at),
                         "last_contact_at": _iso(d.last_contact_at)} for d in found.dormant],
        })
        return
    for title, items in ((f"Going cold ({found.cold_count})", found.cold),
                         (f"Dormant, worth reviving ({found.dormant_count})", found.dormant)):
        table = Table(title=title, title_justify="left")
        for column in ("who", "why", "in common"):
            table.add_column(column)
        for item in items:
            table.add_row(f"{item.display_name} ({item.person_id})", item.reason, in_words(item.common))
        console.print(table)
