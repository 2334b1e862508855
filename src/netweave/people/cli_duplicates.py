"""`netweave duplicates [dismiss A B]` and `netweave merges list|undo`: the duplicates queue and undoing merges.

Merging a pair is `netweave people add ... --merge` today; the web queue and the API merge pairs directly.
"""

from __future__ import annotations

import typer
from rich.table import Table

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, fail, invalid_exit, print_json, resolve_or_exit,
)

duplicates = typer.Typer(help="People who may be one person: list them, or say a pair is not.",
                         invoke_without_command=True)
merges = typer.Typer(help="Merges made, and undoing them.", no_args_is_help=True)
TABLE_ROWS = 50


def register(app: typer.Typer) -> None:
    app.add_typer(duplicates, name="duplicates")
    app.add_typer(merges, name="merges")


@duplicates.callback()
def list_duplicates(
    ctx: typer.Context,
    limit: int = typer.Option(None, help=f"At most this many (0: all). Default: all with --json, {TABLE_ROWS} in a "
                                         f"table."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """List likely duplicate pairs, most likely first."""
    if ctx.invoked_subcommand is not None:
        return
    django_ready()
    from netweave.people.duplicates import scan

    found = scan(acting_user(user))
    if limit is None:
        limit = 0 if as_json else TABLE_ROWS
    shown = found[:limit] if limit else found
    rows = [{"person_a": {"id": c.a, "display_name": c.a_name}, "person_b": {"id": c.b, "display_name": c.b_name},
             "confidence": c.confidence, "reasons": list(c.reasons)} for c in shown]
    if as_json:
        print_json(rows)
        return
    table = Table("likely", "person", "person", "why")
    for c in shown:
        table.add_row(f"{c.confidence:.0%}", f"{c.a_name} ({c.a})", f"{c.b_name} ({c.b})", "; ".join(c.reasons))
    console.print(table)
    more = f" of {len(found):,}; --limit 0 shows all" if len(found) > len(shown) else ""
    console.print(f"{len(shown):,} pairs{more}. `netweave duplicates dismiss A B` says a pair is not one person.",
                  highlight=False)


@duplicates.command("dismiss")
def dismiss(a: str = typer.Argument(..., help="A name or an id."), b: str = typer.Argument(..., help="Another."),
            user: str = UserOption) -> None:
    """Say two people are not the same person; the pair is not listed again."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.people.duplicates import dismiss as dismiss_pair

    owner = acting_user(user)
    first, second = resolve_or_exit(owner, a), resolve_or_exit(owner, b)
    try:
        dismiss_pair(owner, first, second)
    except Invalid as exc:
        invalid_exit(exc)
    console.print(f"Noted: {first.display_name} ({first.id}) and {second.display_name} ({second.id}) are not the "
                  f"same person.", highlight=False)


@merges.command("list")
def list_merges(limit: int = typer.Option(50, help="At most this many (0: all)."), user: str = UserOption,
                as_json: bool = JsonOption) -> None:
    """List merges, newest first, with their ids for `netweave merges undo`."""
    django_ready()
    from netweave.people.merging import recent_merges

    qs = recent_merges(acting_user(user))
    rows = [{"id": m.id, "created_at": m.created_at.isoformat(), "removed_id": m.removed_id,
             "removed_name": m.removed_name, "kept": {"id": m.kept_id, "display_name": m.kept.display_name}
             if m.kept_id else None, "undone_at": m.undone_at.isoformat() if m.undone_at else None,
             "can_undo": m.can_undo} for m in (qs[:limit] if limit else qs)]
    if as_json:
        print_json(rows)
        return
    table = Table("id", "when", "merged", "into", "")
    for r in rows:
        status = f"undone {r['undone_at'][:16]}" if r["undone_at"] else "" if r["can_undo"] else "cannot be undone"
        into = f"{r['kept']['display_name']} ({r['kept']['id']})" if r["kept"] else "(deleted since)"
        table.add_row(str(r["id"]), r["created_at"][:16], f"{r['removed_name']} ({r['removed_id']})", into, status)
    console.print(table)


@merges.command("undo")
def undo(merge_id: int = typer.Argument(..., help="The merge's id, from `netweave merges list`."),
         user: str = UserOption) -> None:
    """Undo a merge: both people come back exactly as they were before it."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.people.merging import undo_merge
    from netweave.people.models import Merge

    owner = acting_user(user)
    merge = Merge.objects.filter(owner=owner, pk=merge_id).first() if 0 < merge_id < 2**63 else None
    if merge is None:
        fail(f"no merge with id {merge_id}; `netweave merges list` shows them", code=2)
    try:
        kept, removed = undo_merge(merge)
    except Invalid as exc:
        invalid_exit(exc)
    console.print(f"Undid merge {merge.id}: {kept.display_name} ({kept.id}) and {removed.display_name} "
                  f"({removed.id}) are two people again.", highlight=False)
