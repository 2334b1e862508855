"""`netweave user add NAME` and `netweave token create|list|revoke`."""

from __future__ import annotations

import sys

import typer
from rich.table import Table

from netweave.cli_support import JsonOption, console, django_ready, fail, print_json

users = typer.Typer(help="Manage the people who can log in.", no_args_is_help=True)
tokens = typer.Typer(help="API tokens (Authorization: Bearer <token>).", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(users, name="user")
    app.add_typer(tokens, name="token")


@users.command("add")
def user_add(
    name: str,
    email: str = typer.Option("", help="Their email address."),
) -> None:
    """Add a user; the password is read from standard input."""
    django_ready()
    from netweave.accounts.services import create_user
    from netweave.core.errors import Invalid

    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass("Password: ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    try:
        create_user(name, password, email=email)
    except Invalid as exc:
        fail(str(exc))
    console.print(f"Added {name}.")


@users.command("list")
def user_list(as_json: bool = JsonOption) -> None:
    """List users."""
    django_ready()
    from django.contrib.auth import get_user_model

    rows = [{"id": u.id, "username": u.username, "email": u.email}
            for u in get_user_model().objects.order_by("username")]
    if as_json:
        print_json(rows)
        return
    table = Table("id", "username", "email")
    for r in rows:
        table.add_row(str(r["id"]), r["username"], r["email"])
    console.print(table)


@tokens.command("create")
def token_create(
    user: str = typer.Option(..., "--user", "-u", help="Whose token."),
    name: str = typer.Option("", help="A name to tell it apart later."),
) -> None:
    """Create an API token and print it (it is shown only once)."""
    django_ready()
    from netweave.accounts.services import create_token
    from netweave.cli_support import acting_user

    _, raw = create_token(acting_user(user), name=name)
    print(raw)


@tokens.command("list")
def token_list(user: str = typer.Option(None, "--user", "-u"), as_json: bool = JsonOption) -> None:
    """List a user's tokens (prefixes only)."""
    django_ready()
    from netweave.accounts.models import ApiToken
    from netweave.cli_support import acting_user

    rows = [
        {"id": t.id, "name": t.name, "prefix": t.prefix, "created_at": t.created_at.isoformat(),
         "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None, "active": t.active}
        for t in ApiToken.objects.filter(owner=acting_user(user))
    ]
    if as_json:
        print_json(rows)
        return
    table = Table("id", "name", "prefix", "created", "last used", "active")
    for r in rows:
        table.add_row(str(r["id"]), r["name"], r["prefix"] + "…", r["created_at"][:16], (r["last_used_at"] or "")[:16],
                      "yes" if r["active"] else "revoked")
    console.print(table)


@tokens.command("revoke")
def token_revoke(token_id: int, user: str = typer.Option(None, "--user", "-u")) -> None:
    """Revoke a token by its id (see `token list`)."""
    django_ready()
    from netweave.accounts.models import ApiToken
    from netweave.accounts.services import revoke_token
    from netweave.cli_support import acting_user

    token = ApiToken.objects.filter(owner=acting_user(user), pk=token_id).first()
    if token is None:
        fail(f"no token {token_id}")
    revoke_token(token)
    console.print(f"Revoked {token}.")
