"""`netweave import FORMAT PATH...` and `netweave imports list|show|undo`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, err, fail, invalid_exit, print_json,
)

imports = typer.Typer(help="Past imports: list them, see one, undo one.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("import")(import_files)
    app.add_typer(imports, name="imports")


def import_files(
    format: str = typer.Argument(..., help="linkedin, vcard, google, outlook, csv, ics or mail."),
    paths: list[Path] = typer.Argument(..., help="Files (or a Maildir / folder of .eml for mail)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would happen; write nothing."),
    me: list[str] = typer.Option([], "--me", help="One of your own addresses (mail, calendars), repeatable."),
    encoding: str = typer.Option(None, "--encoding", help="For text files that are neither UTF-8 nor UTF-16."),
    column: list[str] = typer.Option([], "--map", help='CSV: "Column=field" (field "" keeps it aside), repeatable.'),
    mapping: str = typer.Option(None, "--mapping", help="CSV: use the column mapping saved under this name."),
    save_mapping_as: str = typer.Option(None, "--save-mapping", help="CSV: save the --map columns under this name."),
    bodies: bool = typer.Option(False, "--bodies", help="Mail: keep message text too (never kept otherwise)."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Import files, each all or nothing. Exit status 1 when a file was rejected (the others still import)."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.importers.base import ImportOptions
    from netweave.importers.records import Rejected
    from netweave.importers.registry import FORMATS
    from netweave.importers.services import preview, run_import

    if format not in FORMATS:
        fail(f"{format!r} is not a format netweave reads; choose one of: {', '.join(FORMATS)}", code=2)
    owner = acting_user(user)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file: {', '.join(missing)}", code=2)
    try:
        options = ImportOptions(encoding=encoding, me=list(me), bodies=bodies,
                                mapping=_mapping(owner, format, paths, column, mapping, save_mapping_as, encoding))
    except Invalid as exc:
        for field, why in exc.errors.items():
            err.print(f"[red]{field}[/red]: {why}", highlight=False)
        raise typer.Exit(2)
    results, rejected = [], 0
    for path in paths:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                      transient=True, disable=as_json) as bar:
            task = bar.add_task(f"Reading {path.name}", total=None)
            tick = lambda n: bar.update(task, description=f"Reading {path.name}: {n:,} records")  # noqa: E731
            try:
                if dry_run:
                    plan, run = preview(owner, format, path, options=options, progress=tick), None
                else:
                    plan, run = run_import(owner, format, path, options=options, progress=tick)
            except Rejected as exc:
                rejected += 1
                results.append({"file": str(path), "status": "rejected", "error": exc.message})
                if not as_json:
                    err.print(f"[red]rejected[/red] {exc.message}", highlight=False)
                continue
            except Invalid as exc:
                rejected += 1
                results.append({"file": str(path), "status": "rejected", "error": str(exc)})
                if not as_json:
                    err.print(f"[red]rejected[/red] {path}: {exc}; nothing was imported from it", highlight=False)
                continue
        result = {**plan.as_dict(), "file": str(path), "status": "preview" if dry_run else "imported",
                  "import_id": run.pk if run else None}
        results.append(result)
        if not as_json:
            _summary(result)
    if as_json:
        print_json({"files": results})
    if rejected:
        raise typer.Exit(1)


def _mapping(owner, format, paths, column, mapping, save_as, encoding):
    from netweave.importers import mappings

    if format != "csv":
        if column or mapping or save_as:
            fail("--map, --mapping and --save-mapping are for the csv format", code=2)
        return None
    if mapping:
        return mappings.named_mapping(owner, mapping).mapping
    if not column:
        return None  # the importer guesses, or a mapping saved for these headers is used
    pairs = {}
    for item in column:
        header, sep, target = item.partition("=")
        if not sep:
            fail(f'--map {item!r}: write "Column=field"', code=2)
        pairs[header.strip()] = target.strip()
    from netweave.importers.csvfiles import read_headers

    headers = read_headers(paths[0], encoding)
    if save_as:
        return mappings.save_mapping(owner, save_as, headers, pairs).mapping
    return mappings.check_mapping(headers, pairs)


def _summary(result: dict) -> None:
    c = result["counts"]
    verb = "Would import" if result["status"] == "preview" else "Imported"
    console.print(
        f"[bold]{verb} {result['file']}[/bold]: {c['created']} created, {c['updated']} updated, "
        f"{c['merged']} merged, {c['unchanged']} unchanged, {c['skipped']} skipped; interactions: "
        f"{c['interactions_created']} new, {c['interactions_updated']} updated"
        + (f" (import {result['import_id']}; undo with `netweave imports undo {result['import_id']}`)"
           if result["import_id"] else ""), highlight=False)
    for person in result["people"][:20]:
        changes = f": {'; '.join(person['changes'])}" if person["changes"] else ""
        console.print(f"  {person['action']:8} {person['name']} ({person['reason']}){changes}", highlight=False)
    if len(result["people"]) > 20:
        console.print(f"  … and {len(result['people']) - 20} more (see --json)", highlight=False)
    for skip in result["skips"][:20]:
        console.print(f"  [yellow]skipped[/yellow] {skip['where']}: {skip['why']}", highlight=False)
    for warning in result["warnings"][:20]:
        console.print(f"  [yellow]note[/yellow] {warning['where']}: {warning['why']}", highlight=False)


def _run(owner, ident: str):
    from netweave.core.ids import parse_id
    from netweave.importers.models import ImportRun

    pk = parse_id(ident)
    run = ImportRun.objects.filter(owner=owner, pk=pk).first() if pk else None
    if run is None:
        fail(f"no import {ident!r}; see `netweave imports list`", code=2)
    return run


def run_record(run) -> dict:
    return {"id": run.pk, "format": run.format, "file": run.filename, "at": run.created_at.isoformat(),
            "counts": run.counts, "seconds": run.seconds, "undone_at": run.undone_at.isoformat() if run.undone_at else None}


@imports.command("list")
def list_imports(user: str = UserOption, as_json: bool = JsonOption) -> None:
    """Past imports, newest first, with their counts."""
    django_ready()
    from netweave.importers.models import ImportRun

    rows = [run_record(r) for r in ImportRun.objects.filter(owner=acting_user(user))]
    if as_json:
        print_json(rows)
        return
    table = Table("id", "when", "format", "file", "created", "updated", "merged", "skipped", "undone")
    for r in rows:
        c = r["counts"]
        table.add_row(str(r["id"]), r["at"][:16], r["format"], r["file"], str(c.get("created", 0)),
                      str(c.get("updated", 0)), str(c.get("merged", 0)), str(c.get("skipped", 0)),
                      (r["undone_at"] or "")[:16])
    console.print(table)


@imports.command("show")
def show_import(ident: str = typer.Argument(..., help="The import's id."), user: str = UserOption,
                as_json: bool = JsonOption) -> None:
    """One import: counts, what was skipped and why, values kept aside."""
    django_ready()
    run = _run(acting_user(user), ident)
    data = {**run_record(run), "skips": run.skips, "warnings": run.warnings}
    if as_json:
        print_json(data)
        return
    console.print(f"[bold]{run}[/bold] on {data['at'][:16]}: {run.counts}", highlight=False)
    for skip in run.skips:
        console.print(f"  skipped {skip['where']}: {skip['why']}", highlight=False)
    for warning in run.warnings:
        console.print(f"  note {warning['where']}: {warning['why']}", highlight=False)


@imports.command("undo")
def undo(ident: str = typer.Argument(..., help="The import's id."),
         force: bool = typer.Option(False, "--force", help="Undo even if people were changed since."),
         user: str = UserOption) -> None:
    """Undo an import: the people and interactions it created go, what it changed is put back."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.importers.services import undo_import

    run = _run(acting_user(user), ident)
    try:
        undo_import(run, force=force)
    except Invalid as exc:
        invalid_exit(exc)
    console.print(f"Undid import {run.pk} ({run.filename}).", highlight=False)
