"""Installing and rebuilding the per-source indexes: the operations migrations run, and `netweave search
reindex`.

A migration that adds a source runs `install_operation(kind)`; it creates the index and its triggers for
the database in use and fills it from the rows already there. Changing a source's fields later is a new
migration with `reinstall_operation(kind)`.
"""

from __future__ import annotations

from django.db import connection, migrations, transaction

from netweave.search import sources
from netweave.search.backends import backend_for, current


def _run(kinds: tuple[str, ...], action: str):
    def run(apps, schema_editor):
        backend = backend_for(schema_editor.connection.vendor)
        registry = {s.kind: s for s in sources.all_sources()}
        for kind in kinds:
            source = registry[kind]
            if action in ("uninstall", "reinstall"):
                backend.uninstall(schema_editor.execute, source)
            if action in ("install", "reinstall"):
                backend.install(schema_editor.execute, source)

    return run


def install_operation(*kinds: str) -> migrations.RunPython:
    """A migration step that creates the indexes of `kinds` (and drops them when migrated backwards)."""
    return migrations.RunPython(_run(kinds, "install"), _run(kinds, "uninstall"))


def reinstall_operation(*kinds: str) -> migrations.RunPython:
    """A migration step for a source whose fields changed: its index and triggers made again, and refilled."""
    return migrations.RunPython(_run(kinds, "reinstall"), migrations.RunPython.noop)


def rebuild(kinds: list[str] | None = None) -> list[str]:
    """Empty and refill the indexes of `kinds` (all by default) from their tables; the kinds rebuilt."""
    chosen = [s for s in sources.all_sources() if kinds is None or s.kind in kinds]
    backend = current()

    def execute(sql, params=None):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    with transaction.atomic():
        for source in chosen:
            backend.rebuild(execute, source)
    return [s.kind for s in chosen]
