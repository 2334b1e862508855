"""What every CLI command needs: Django set up against NETWEAVE_HOME, the user to act as, output helpers."""

from __future__ import annotations

import json
import os
import sys
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

console = Console()
err = Console(stderr=True)
_ready = False


def django_ready(migrate: bool = True) -> None:
    """Set Django up once per process; bring the database schema up to date unless told not to."""
    global _ready
    if _ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netweave.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command
        from django.db.migrations.executor import MigrationExecutor
        from django.db import connection

        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", interactive=False, verbosity=0)
    _ready = True


def acting_user(name: str | None):
    """The user a command acts for: --user, else NETWEAVE_USER, else the only user there is."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    from netweave.conf import env_str

    name = name or env_str("NETWEAVE_USER")
    if name:
        user = User.objects.filter(username=name).first()
        if user is None:
            fail(f"no user called {name!r}; create one with `netweave user add {name}`")
        return user
    users = list(User.objects.order_by("id")[:2])
    if len(users) == 1:
        return users[0]
    if not users:
        fail("there are no users yet; run `netweave user add NAME` or `netweave demo`")
    fail("there are several users; say which with --user NAME or NETWEAVE_USER")


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str, indent=None))
    sys.stdout.write("\n")


def fail(message: str, code: int = 1) -> NoReturn:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code)


UserOption = typer.Option(None, "--user", "-u", help="Act as this user (default: NETWEAVE_USER, or the only user).")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")


def resolve_or_exit(owner, name: str):
    """A person by fuzzy name; an unknown or ambiguous name lists the candidates and exits with status 2."""
    from netweave.core.errors import Ambiguous
    from netweave.people.queries import resolve_person

    try:
        return resolve_person(owner, name)
    except Ambiguous as exc:
        report_ambiguous(exc)
        raise typer.Exit(2)


def report_ambiguous(exc) -> None:
    if exc.candidates:
        err.print(f"[yellow]{escape(repr(exc.text))} is ambiguous or unknown. Did you mean:[/yellow]", highlight=False)
        for person in exc.candidates:
            org = f" ({person.current_title + ' at ' if person.current_title else ''}{person.current_organisation})" \
                if person.current_organisation_id else ""
            err.print(f"  {person.id}: {person.display_name}{org}", highlight=False, markup=False)
    else:
        err.print(f"[yellow]Nobody called {escape(repr(exc.text))}.[/yellow] Add them with `netweave people add`.",
                  highlight=False)


def invalid_exit(exc) -> NoReturn:
    for field, why in exc.errors.items():
        err.print(f"[red]{escape(field)}[/red]: {escape(why)}", highlight=False)
    raise typer.Exit(1)
