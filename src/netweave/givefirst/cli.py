"""`netweave give`, `netweave ledger` and `netweave help-this-week`: thin commands over givefirst.services and the
ledger and matching read paths. Asks and offers are in cli_needs.py, introductions in cli_intro.py; `register`
mounts all three."""

from __future__ import annotations

from datetime import date

from typing import NoReturn

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, fail, invalid_exit, print_json, resolve_or_exit,
)
from netweave.core.errors import Invalid

ME_WORDS = ("me", "myself")  # what --to and --from accept for the user


def register(app: typer.Typer) -> None:
    from netweave.givefirst import cli_intro, cli_needs

    app.command("give")(give)
    app.command("ledger")(ledger)
    cli_needs.register(app)
    app.command("help-this-week")(help_this_week)
    cli_intro.register(app)


# Names, notes, topics and reasons are the user's text: printed with markup=False, as Text in tables, and
# escaped inside a message that has markup of its own, so "[/b]" in a name is shown, not parsed.

def cell(value) -> Text:
    """A table cell of the user's text."""
    return Text(str(value))


def refused(exc: Invalid) -> NoReturn:
    """A refusal, printed as written (invalid_exit escapes the user's text: a name, a topic)."""
    invalid_exit(exc)


def day_option(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option}: {escape(repr(text[:20]))} is not a date like 2026-05-01", code=2)


def iso(value) -> str | None:
    return value.isoformat() if value else None


def ref(person) -> dict | None:
    return {"id": person.pk, "display_name": person.display_name} if person is not None else None


def who(person) -> str:
    return person.display_name if person is not None else "me"


def plain(item) -> dict:
    """A read path's result (a dataclass or a named tuple) as a dict for --json."""
    from dataclasses import asdict, is_dataclass

    if is_dataclass(item):
        return asdict(item)
    return item._asdict() if hasattr(item, "_asdict") else dict(vars(item))


# ---- the ledger ---------------------------------------------------------------------------------------

def exchange_row(e) -> dict:
    return {"id": e.pk, "kind": e.kind, "giver": ref(e.giver), "receiver": ref(e.receiver), "brokered": e.brokered,
            "day": iso(e.day), "note": e.note, "introduction_id": e.introduction_id, "created_at": iso(e.created_at)}


def _side(owner, name: str | None):
    """A person by name, or None for me ("me" or nothing)."""
    if name is None or name.strip().lower() in ME_WORDS:
        return None
    return resolve_or_exit(owner, name)


def give(
    kind: str = typer.Argument(..., help="favour, advice, referral, introduction, resource, feedback or endorsement."),
    to: str = typer.Option(None, "--to", help='Who received it (a name, or "me").'),
    giver: str = typer.Option(None, "--from", help='Who gave it (default: me). With --to, a brokered exchange.'),
    received_from: str = typer.Option(None, "--received-from", help="Shorthand for --from NAME --to me."),
    day: str = typer.Option(None, "--day", help="YYYY-MM-DD (default: today)."),
    note: str = typer.Option("", "--note", "-n", help="What it was, in a few words."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Record something given: by me, to me (--received-from), or between two contacts I brokered (--from --to)."""
    django_ready()
    from netweave.givefirst import services
    from netweave.givefirst.ledger import balance
    from netweave.people.services import new_origin

    if received_from and (to or giver):
        fail("--received-from means from them to me: leave out --to and --from", code=2)
    if not received_from and not to:
        fail("say who received it with --to NAME (or --received-from NAME for something given to me)", code=2)
    when = day_option(day, "--day")
    owner = acting_user(user)
    if received_from:
        sides = {"giver": _side(owner, received_from), "receiver": None}
    else:
        sides = {"giver": _side(owner, giver), "receiver": _side(owner, to)}
    try:
        exchange = services.record_exchange(owner, kind=kind.strip().lower(), day=when, note=note,
                                            origin=new_origin(owner, "cli", "give"), **sides)
    except Invalid as exc:
        refused(exc)
    if as_json:
        print_json(exchange_row(exchange))
        return
    console.print(f"Recorded {exchange.get_kind_display()} from {who(exchange.giver)} to {who(exchange.receiver)} "
                  f"on {exchange.day:%Y-%m-%d} (id {exchange.pk}).", highlight=False, markup=False)
    if not exchange.brokered:
        them = exchange.giver or exchange.receiver
        console.print(f"{them.display_name}: {balance(owner, them).words}.", highlight=False, markup=False)


def _exchange_table(rows, title: str) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("id", "day", "kind", "from", "to", "note"):
        table.add_column(column)
    for e in rows:
        table.add_row(str(e.pk), f"{e.day:%Y-%m-%d}", e.kind, cell(who(e.giver)), cell(who(e.receiver)), cell(e.note))
    return table


def ledger(
    name: str = typer.Argument(None, help="Whose balance and history (default: the latest exchanges)."),
    one_sided: bool = typer.Option(False, "--one-sided", help="Relationships that are all take, one way or the other."),
    min_count: int = typer.Option(3, "--min-count", min=1, help="With --one-sided: at least this many exchanges."),
    limit: int = typer.Option(20, "--limit", min=1, max=500, help="At most this many."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """The give-and-take ledger: one person's balance and history, the latest exchanges, or the one-sided ones."""
    django_ready()
    from netweave.givefirst import ledger as read
    from netweave.givefirst.lists import exchanges

    if name and one_sided:
        fail("--one-sided lists everyone: leave out the name", code=2)
    owner = acting_user(user)
    if one_sided:
        found = read.one_sided(owner, min_count=min_count, limit=limit)
        if as_json:
            print_json([plain(o) for o in found])
            return
        if not found:
            console.print("No relationship leans all one way.", highlight=False)
        for o in found:
            console.print(f"{o.display_name} ({o.person_id}): you gave {o.gave}, received {o.received}",
                          style="bold", highlight=False, markup=False)
            console.print(f"    {o.nudge}", highlight=False, markup=False)
        return
    if name:
        person = resolve_or_exit(owner, name)
        balance, history = read.balance(owner, person), read.history(owner, person, limit=limit)
        if as_json:
            print_json({"person": ref(person), "balance": {**plain(balance), "last_day": iso(balance.last_day)},
                        "history": [exchange_row(e) for e in history]})
            return
        console.print(f"{person.display_name}: {balance.words}.", highlight=False, markup=False)
        if history:
            console.print(_exchange_table(history, "History"))
        return
    latest = list(exchanges(owner)[:limit])
    if as_json:
        print_json([exchange_row(e) for e in latest])
    elif latest:
        console.print(_exchange_table(latest, "Latest exchanges"))
    else:
        console.print("Nothing recorded yet; `netweave give KIND --to NAME` records something given.",
                      highlight=False)


def help_this_week(
    limit: int = typer.Option(5, "--limit", min=1, max=100),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Whom I could help this week: people with an open ask I could meet, with why."""
    django_ready()
    from netweave.givefirst.helping import help_this_week as query

    found = query(acting_user(user), limit=limit)
    if as_json:
        print_json([plain(h) for h in found])
        return
    if not found:
        console.print("Nobody to help this week that I can see.", highlight=False)
    for h in found:
        # For my own ask the person is who could help me, so the line names the ask, not who needs it.
        console.print(f"{h.display_name} ({h.person_id}), ask {h.ask_id}: {h.topic}", style="bold",
                      highlight=False, markup=False)
        console.print(f"    {h.why}", highlight=False, markup=False)
