"""`netweave lab linkpred EDGES`: how well each link predictor finds hidden edges (see ripple.lab.linkpred).

It needs no database and no user: the file is all it reads."""

from __future__ import annotations

from pathlib import Path

import typer

from netweave.cli_support import JsonOption, console, fail, print_json


def register(lab: typer.Typer) -> None:
    """Add `linkpred` to the `lab` group."""
    lab.command("linkpred")(linkpred)


def linkpred(
    edges: Path = typer.Argument(..., help="An undirected edge list: 'a b' per line (SNAP), '#' comments."),
    seed: int = typer.Option(1, "--seed", help="Chooses the hidden edges and breaks ties between equal scores."),
    holdout: float = typer.Option(0.1, "--holdout", help="The fraction of edges to hide, between 0 and 1."),
    predictors: str = typer.Option("", "--predictors", help="Only these, comma-separated (default: all)."),
    as_json: bool = JsonOption,
) -> None:
    """Hide a random fraction of the edges and print, per predictor, the precision of its top n pairs
    (n = the hidden edges) and its factor over a random guess."""
    from netweave.ripple.lab.edgelist import BadEdgeList, read_edge_list
    from netweave.ripple.lab.linkpred import measure
    from netweave.ripple.lab.predictors import PREDICTORS

    names = [name.strip() for name in predictors.split(",") if name.strip()] or None
    unknown = [name for name in names or () if name not in PREDICTORS]
    if unknown:
        fail(f"unknown predictor {', '.join(unknown)}; choose from {', '.join(PREDICTORS)}", code=2)
    if not 0 < holdout < 1:
        fail("--holdout must be between 0 and 1, for example 0.1", code=2)
    if not edges.is_file():
        fail(f"{edges}: no such file", code=2)
    try:
        edge_list = read_edge_list(edges)
    except BadEdgeList as exc:
        fail(f"{edges}: {exc}")
    except (OSError, UnicodeError) as exc:
        fail(f"{edges}: cannot be read ({exc})")
    try:
        result = measure(edge_list, seed, holdout, names)
    except ValueError as exc:
        fail(f"{edges}: {exc}")
    result["file"] = str(edges)
    if as_json:
        print_json(result)
        return
    _print(result)


def _print(result: dict) -> None:
    given, split = result["input"], result["split"]
    console.print(f"{given['nodes']:,} nodes, {given['edges']:,} edges ({given['self_loops']:,} self-loops and "
                  f"{given['duplicates']:,} repeated lines ignored)", highlight=False)
    console.print(f"hid {split['hidden']:,} edges (seed {split['seed']}, {split['holdout']:g}); "
                  f"{split['isolated_by_holdout']:,} nodes left with no edge; "
                  f"{split['candidates']:,} candidate pairs, a random pick right "
                  f"{split['random_precision'] * 100:.4f}% of the time", highlight=False)
    console.print(f"  {'predictor':<24} {'precision':>9} {'hits':>7} {'× random':>10} {'seconds':>8}", highlight=False)
    for row in result["predictors"]:
        console.print(f"  {row['name']:<24} {row['precision']:>9.4f} {row['hits']:>7,} "
                      f"{row['factor_over_random']:>10.1f} {row['seconds']:>8.2f}", highlight=False)
