"""Importing a file, previewing it, and undoing it. The CLI, the upload page and the API all call these."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import transaction

from netweave.core.errors import Invalid
from netweave.importers.applying import apply_plan
from netweave.importers.base import Importer, ImportOptions
from netweave.importers.models import ImportRun
from netweave.importers.planning import Plan, Planner
from netweave.importers.undo import undo_import

__all__ = ["importer_for", "preview", "run_import", "undo_import"]


def importer_for(format: str | Importer, options: ImportOptions | None = None) -> Importer:
    """The importer for a format name (or the importer itself, given one)."""
    from netweave.importers.registry import FORMATS

    if isinstance(format, Importer):
        return format
    if format not in FORMATS:
        raise Invalid({"format": f"{format!r} is not a format netweave reads; choose one of {', '.join(FORMATS)}"})
    return FORMATS[format](options or ImportOptions())


def preview(owner, format: str | Importer, path: Path, *, options: ImportOptions | None = None, name: str | None = None,
            progress: Callable[[int], None] | None = None) -> Plan:
    """What importing the file would do, without writing anything. Raises Rejected for a bad file."""
    return Planner(owner, importer_for(format, options), progress=progress).plan(path, name)


def run_import(owner, format: str | Importer, path: Path, *, options: ImportOptions | None = None, name: str | None = None,
               progress: Callable[[int], None] | None = None) -> tuple[Plan, ImportRun]:
    """Import one file, all or nothing: a Rejected file, or any error while writing, leaves the database as it
    was. Planning and writing happen in one transaction, so the plan is the truth when it is written."""
    started = time.perf_counter()
    importer = importer_for(format, options)
    plan = None
    try:
        with transaction.atomic():
            plan = Planner(owner, importer, progress=progress).plan(path, name)
            run = apply_plan(owner, plan, source=importer.source or importer.name,
                             seconds=time.perf_counter() - started)
            run.seconds = round(time.perf_counter() - started, 3)
            run.save(update_fields=["seconds"])
    except BaseException:
        # The rows are rolled back; the photo files written meanwhile must go too, or private images linger.
        for name in plan.photos_saved if plan is not None else ():
            default_storage.delete(name)
        raise
    return plan, run
