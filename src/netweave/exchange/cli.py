"""`netweave export --format vcard4|vcard3|csv|json`: everyone, in a form another program reads.
`netweave backup` / `netweave restore`: every row a user owns, put back exactly (same ids) into an empty home."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typer

from netweave.cli_support import UserOption, acting_user, django_ready, err, fail


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("backup")(backup)
    app.command("restore")(restore)


def export(
    fmt: str = typer.Option("json", "--format", "-f", help="vcard4, vcard3 (for Apple), csv (spreadsheet-safe) or json."),
    as_json: bool = typer.Option(False, "--json", help="The same as --format json."),
    output: Path = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    user: str = UserOption,
) -> None:
    """Export every person with every value: as vCards, a CSV a spreadsheet opens safely, or JSON (which also
    holds organisations, interactions and ties). For a copy `netweave restore` puts back exactly, use backup."""
    django_ready()
    from netweave.exchange.files import FORMATS, export_to

    fmt = "json" if as_json else fmt
    if fmt not in FORMATS:
        fail(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}", code=2)
    owner = acting_user(user)
    if output:
        with output.open("w", encoding="utf-8", newline="") as handle:
            count = export_to(owner, fmt, handle)
        err.print(f"Wrote {count} people to {output} ({fmt})")
    else:
        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(newline="")  # CRLF in vCards and CSV stays CRLF
        export_to(owner, fmt, sys.stdout)
        if fmt == "json":
            sys.stdout.write("\n")


def backup(
    output: Path = typer.Option(None, "--output", "-o",
                                help="Write to this file (gzip-compressed if it ends in .gz) instead of standard output."),
    user: str = UserOption,
) -> None:
    """Back up everything a user owns (every row, with its id, and their photos) as one JSON document.

    `netweave restore` puts it back exactly. The backup holds the user's password hash, so the restored
    home logs in with the same password, and every private note: keep it as private as the data folder.
    """
    if output is None and sys.stdout.isatty():
        fail("a backup is a large JSON document: write it to a file with -o FILE, or redirect it", 2)
    django_ready()
    from netweave.exchange.backup import backup as write_backup

    owner = acting_user(user)
    if output is None:
        sys.stdout.flush()
        stats = write_backup(owner, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        stats = _backup_to_file(owner, output, write_backup)
    tables = stats["tables"]
    err.print(f"Backed up {owner.get_username()}: {tables.get('people.person', 0):,} people, "
              f"{tables.get('interactions.interaction', 0):,} interactions, {sum(tables.values()):,} rows in "
              f"{len(tables)} tables, {stats['files']:,} files" + (f" to {output}" if output else ""), highlight=False)
    for name in stats["missing_files"]:
        err.print(f"[yellow]warning:[/yellow] {name} was missing from the data folder; the backup says so",
                  highlight=False)


def _backup_to_file(owner, output: Path, write_backup) -> dict:
    import gzip

    # Written beside the target and renamed at the end: a failed backup never leaves a file that looks whole.
    # Private from the first byte: it holds notes and a password hash.
    partial = output.with_name(output.name + ".partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}", 2)
    try:
        with os.fdopen(fd, "wb") as raw:
            if output.suffix == ".gz":
                with gzip.GzipFile(filename=output.stem, mode="wb", fileobj=raw, compresslevel=6) as gz:
                    stats = write_backup(owner, gz)
            else:
                stats = write_backup(owner, raw)
        os.replace(partial, output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return stats


def restore(
    file: str = typer.Argument(..., help="A file made by `netweave backup` (.json or .json.gz), or - for standard input."),
    as_user: str = typer.Option(None, "--as", help="Restore under this username instead of the backed-up one."),
) -> None:
    """Restore a backup into a home where its user owns nothing, such as a new NETWEAVE_HOME.

    The user is created with the backed-up password hash (they log in with the password they had; an
    existing user who owns nothing takes it over), and every row keeps its id, so links and "#id" in notes
    still work. If the backup is damaged, or the user already owns data, nothing changes (exit status 1).
    """
    if file != "-" and not Path(file).is_file():
        fail(f"no such file: {file}", 2)
    django_ready()
    from netweave.exchange.restore import RestoreError, restore as read_backup

    try:
        stats = read_backup(sys.stdin.buffer if file == "-" else Path(file), username=as_user)
    except RestoreError as exc:
        fail(f"{exc}. Nothing was changed.")
    tables = stats["tables"]
    err.print(f"Restored {stats['username']}: {tables.get('people.person', 0):,} people, "
              f"{tables.get('interactions.interaction', 0):,} interactions, {sum(tables.values()):,} rows in "
              f"{len(tables)} tables, {stats['files']:,} files. Log in as {stats['username']} with the password "
              f"that user had when the backup was made.", highlight=False)
