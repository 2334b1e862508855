"""/api/v1/imports: import a file (or preview it), list past imports, read one, undo one."""

from __future__ import annotations

import secrets
import shutil
from datetime import datetime
from pathlib import Path

from django.conf import settings
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from netweave.api_support import Id, PageParams, owned, page
from netweave.core.errors import Invalid
from netweave.importers.base import ImportOptions
from netweave.importers.models import ImportRun
from netweave.importers.records import Rejected
from netweave.importers.registry import FORMATS, guess_format
from netweave.importers.services import preview, run_import, undo_import
from netweave.importers.uploads import MAX_UPLOAD_BYTES, safe_name

router = Router(tags=["imports"])


class Reason(Schema):
    where: str
    why: str


class ImportOut(Schema):
    id: int
    format: str
    filename: str
    created_at: datetime
    seconds: float
    counts: dict[str, int]
    undone_at: datetime | None = None


class ImportDetail(ImportOut):
    skips: list[Reason]
    warnings: list[Reason]


class ImportPage(Schema):
    count: int
    items: list[ImportOut]


class PlannedPerson(Schema):
    action: str
    name: str
    where: str
    person_id: int | None = None
    reason: str
    confidence: float
    changes: list[str]


class PlanOut(Schema):
    format: str
    file: str
    counts: dict[str, int]
    people: list[PlannedPerson] = Field(description="The first 200 people created or updated, with why.")
    skips: list[Reason]
    warnings: list[Reason]
    import_id: int | None = Field(None, description="The import, when it was written (not for a dry run).")


@router.get("", response=ImportPage, summary="List past imports, newest first")
def list_imports(request, params: PageParams = PageParams()):  # noqa: B008
    return page(ImportRun.objects.filter(owner=request.auth), params)


@router.get("/{import_id}", response=ImportDetail, summary="Read an import: counts, skips and why")
def read_import(request, import_id: Id):
    return owned(ImportRun, request.auth, import_id)


@router.post("/{import_id}/undo", response=ImportDetail, summary="Undo an import as a unit")
def undo(request, import_id: Id, force: bool = False):
    return undo_import(owned(ImportRun, request.auth, import_id), force=force)


@router.post("", response={200: PlanOut, 201: PlanOut}, summary="Import a file, all or nothing (or preview it)")
def create_import(request, file: File[UploadedFile], format: Form[str] = "", dry_run: Form[bool] = False,
                  me: Form[str] = "", encoding: Form[str] = ""):
    """The file is read whole and imported in one transaction, or with `dry_run` only planned: the answer says
    what was (or would be) created, updated, merged and skipped, and why. A file that cannot be imported is a
    422 naming the line or record; nothing is written."""
    if file.size > MAX_UPLOAD_BYTES:
        raise Invalid({"file": "is larger than 1 GB; import it with `netweave import` instead"})
    folder = Path(settings.HOME) / "uploads" / str(request.auth.pk) / f"api-{secrets.token_urlsafe(12)}"
    folder.mkdir(parents=True, mode=0o700)
    try:
        path = folder / safe_name(file.name or "upload")
        with path.open("wb") as out:
            for chunk in file.chunks():
                out.write(chunk)
        fmt = format or guess_format(path) or ""
        if fmt not in FORMATS:
            raise Invalid({"format": f"say which: one of {', '.join(FORMATS)}" if not format
                           else f"{format!r} is not a format netweave reads; one of {', '.join(FORMATS)}"})
        options = ImportOptions(encoding=encoding or None, me=me.replace(",", " ").split())
        try:
            if dry_run:
                return Status(200, {**preview(request.auth, fmt, path, options=options).as_dict(), "import_id": None})
            plan, run = run_import(request.auth, fmt, path, options=options)
        except Rejected as exc:
            raise Invalid({"file": exc.message}) from exc
        return Status(201, {**plan.as_dict(), "import_id": run.pk})
    finally:
        shutil.rmtree(folder, ignore_errors=True)
