"""`netweave export --json`: everything, as one JSON document."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from netweave.cli_support import UserOption, acting_user, django_ready, err, fail


def register(app: typer.Typer) -> None:
    app.command("export")(export)


def export(
    as_json: bool = typer.Option(True, "--json", help="JSON (the only format so far)."),
    output: Path = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    user: str = UserOption,
) -> None:
    """Export every person, organisation, interaction and tie, with every value and where it came from."""
    django_ready()
    from netweave.exchange.export import export_all

    if not as_json:
        fail("only --json export exists so far")
    data = export_all(acting_user(user))
    if output:
        output.write_text(json.dumps(data, ensure_ascii=False, indent=1))
        err.print(f"Wrote {len(data['people'])} people and {len(data['interactions'])} interactions to {output}")
    else:
        json.dump(data, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
