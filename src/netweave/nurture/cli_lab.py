"""`netweave lab strength EVENTS`: measure the strength model on a timestamped contact log (see nurture.lab).

It needs no database and no user: the file is all it reads."""

from __future__ import annotations

from pathlib import Path

import typer

from netweave.cli_support import JsonOption, console, fail, print_json

lab = typer.Typer(help="Measure netweave's models on data of your choosing.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(lab, name="lab")


@lab.command("strength")
def strength(
    events: Path = typer.Argument(..., help="A SNAP temporal file: 'source target unix_seconds' per line."),
    horizon_days: float = typer.Option(30, "--horizon-days", min=1, help="How far ahead to predict contact."),
    cutoffs: int = typer.Option(5, "--cutoffs", min=1, max=100, help="How many cut-off times to test at."),
    min_history: int = typer.Option(5, "--min-history", min=1, help="Contacts a node needs before a cut-off."),
    half_life_days: float = typer.Option(90, "--half-life-days", min=1, help="The model's half-life."),
    as_json: bool = JsonOption,
) -> None:
    """Does ranking each node's contacts by strength predict whom it contacts next? Prints the mean ROC AUC
    of the strength score and of recency and frequency alone."""
    from netweave.nurture.lab import EventsError, evaluate, read_events
    from netweave.nurture.strength import MODEL

    if not events.is_file():
        fail(f"{events}: no such file", code=2)
    try:
        rows = read_events(events)
    except EventsError as exc:
        fail(f"{events}: {exc}")
    except (OSError, UnicodeError) as exc:
        fail(f"{events}: cannot be read ({exc})")
    result = evaluate(rows, horizon_days=horizon_days, cutoffs=cutoffs, min_history=min_history,
                      model=MODEL.with_half_life(half_life_days))
    result["file"] = str(events)
    if as_json:
        print_json(result)
        return
    auc = result["auc"]
    console.print(f"{result['events']:,} lines, {result['contacts']:,} contacts, {result['nodes']:,} nodes; "
                  f"{result['cutoffs']} cut-offs, horizon {horizon_days:g} days, half-life {half_life_days:g} days",
                  highlight=False)
    if auc["strength"] is None:
        console.print("No node had enough history with both a contact and a silence after a cut-off: nothing "
                      "to measure.", highlight=False)
        return
    console.print(f"evaluated {result['evaluated']['nodes']:,} nodes at "
                  f"{result['evaluated']['node_cutoffs']:,} node-cut-offs", highlight=False)
    for name in ("strength", "recency", "frequency"):
        console.print(f"  mean ROC AUC, {name:<9} {auc[name]:.3f}", highlight=False)
