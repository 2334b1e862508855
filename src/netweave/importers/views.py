"""The import pages: upload a file, see what it would do, confirm; the history of imports, and undo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from netweave.core.errors import Invalid
from netweave.importers import mappings, uploads
from netweave.importers.base import ImportOptions
from netweave.importers.models import ImportRun
from netweave.importers.records import Rejected
from netweave.importers.registry import FORMATS, guess_format
from netweave.importers.services import preview, run_import, undo_import
from netweave.importers.undo import conflicts


def _options(request, fmt: str, path) -> ImportOptions:
    me = [a.strip() for a in request.POST.get("me", "").replace(",", " ").split() if a.strip()]
    options = ImportOptions(encoding=request.POST.get("encoding") or None, me=me,
                            bodies=request.POST.get("bodies") == "on")
    if fmt == "csv":
        options.mapping = _posted_mapping(request, path, options.encoding)
    return options


def _posted_mapping(request, path, encoding):
    from netweave.importers.csvfiles import read_headers

    headers = read_headers(path, encoding)
    chosen = {h: request.POST[f"col-{i}"] for i, h in enumerate(headers) if f"col-{i}" in request.POST}
    if not chosen:
        return None
    if request.POST.get("save_as", "").strip():
        return mappings.save_mapping(request.user, request.POST["save_as"], headers, chosen).mapping
    return mappings.check_mapping(headers, chosen)


def _columns(request, path, encoding, mapping):
    """The mapping step of a CSV we do not know: each column, a sample, and the field it goes to."""
    from netweave.importers.csvfiles import guess_mapping, read_headers

    headers = read_headers(path, encoding)
    saved = mappings.saved_mapping_for(request.user, headers)
    chosen = mapping or (saved.mapping if saved else guess_mapping(headers))
    targets = [t for t in mappings.TARGETS if t]
    columns = []
    for i, header in enumerate(headers):
        target = chosen.get(header, "")
        choices = targets if not target or target in targets else [target, *targets]
        columns.append({"index": i, "header": header, "target": target, "choices": choices})
    return columns, saved


@login_required
def import_home(request):
    runs = ImportRun.objects.filter(owner=request.user)[:100]
    return render(request, "importers/home.html", {"runs": runs, "formats": FORMATS.values()})


@login_required
@require_POST
def upload(request):
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Choose a file to import.")
        return redirect("importers:home")
    if upload.size > uploads.MAX_UPLOAD_BYTES:
        messages.error(request, f"{upload.name} is larger than 1 GB; import it with `netweave import` instead.")
        return redirect("importers:home")
    token, path = uploads.store(request, upload)
    fmt = request.POST.get("format") or guess_format(path)
    if fmt not in FORMATS:
        uploads.discard(request, token)
        messages.error(request, f"netweave could not tell what kind of file {upload.name} is; choose its format.")
        return redirect("importers:home")
    return _preview(request, token, path, fmt)


@login_required
@require_POST
def confirm(request, token: str):
    path = uploads.find(request, token)
    fmt = request.POST.get("format", "")
    if path is None or fmt not in FORMATS:
        messages.error(request, "That upload has expired; upload the file again.")
        return redirect("importers:home")
    if request.POST.get("step") == "preview":
        return _preview(request, token, path, fmt)
    try:
        options = _options(request, fmt, path)
        _, run = run_import(request.user, fmt, path, options=options, name=path.name)
    except (Rejected, Invalid) as exc:
        messages.error(request, f"Nothing was imported: {getattr(exc, 'message', exc)}")
        uploads.discard(request, token)
        return redirect("importers:home")
    uploads.discard(request, token)
    messages.success(request, f"Imported {path.name}.")
    return redirect("importers:run", pk=run.pk)


def _preview(request, token, path, fmt):
    context = {"token": token, "format": fmt, "file": path.name, "label": FORMATS[fmt].label,
               "me": request.POST.get("me", ""), "encoding": request.POST.get("encoding", ""),
               "bodies": request.POST.get("bodies") == "on"}
    try:
        options = _options(request, fmt, path)
        if fmt == "csv":
            context["columns"], context["saved"] = _columns(request, path, options.encoding, options.mapping)
        plan = preview(request.user, fmt, path, options=options, name=path.name)
    except (Rejected, Invalid) as exc:
        uploads.discard(request, token)
        messages.error(request, f"This file cannot be imported, and nothing was written: {getattr(exc, 'message', exc)}")
        return redirect("importers:home")
    context["plan"] = plan.as_dict()
    return render(request, "importers/preview.html", context)


@login_required
def run_detail(request, pk: int):
    run = get_object_or_404(ImportRun, pk=pk, owner=request.user)
    people = run.records.select_related("person").order_by("id")[:200]
    return render(request, "importers/run.html", {
        "run": run, "records": people, "conflicts": [] if run.undone else conflicts(run)})


@login_required
@require_POST
def run_undo(request, pk: int):
    run = get_object_or_404(ImportRun, pk=pk, owner=request.user)
    try:
        undo_import(run, force=request.POST.get("force") == "on")
        messages.success(request, f"Undid the import of {run.filename}.")
    except Invalid as exc:
        messages.error(request, "; ".join(exc.errors.values()))
    return redirect("importers:run", pk=run.pk)
