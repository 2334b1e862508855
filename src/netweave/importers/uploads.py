"""Files uploaded for an import wait here between the preview and the confirmation: in the data folder,
under the user's id and a random token the session holds, so nobody else can confirm or read them."""

from __future__ import annotations

import re
import secrets
import shutil
import time
from pathlib import Path

from django.conf import settings

MAX_UPLOAD_BYTES = 1024 * 1024 * 1024  # larger mailboxes import with `netweave import mail`
STALE_SECONDS = 24 * 3600
SESSION_KEY = "import_uploads"


def _root(user) -> Path:
    return Path(settings.HOME) / "uploads" / str(user.pk)


def safe_name(name: str) -> str:
    name = Path(name.replace("\\", "/")).name
    name = re.sub(r"[^\w.\- ]+", "_", name).strip(" .") or "upload"
    return name[:120]


def store(request, upload) -> tuple[str, Path]:
    """Keep an uploaded file; return its token and path. Old uploads the user never confirmed are removed."""
    _sweep(request.user)
    token = secrets.token_urlsafe(16)
    folder = _root(request.user) / token
    folder.mkdir(parents=True, mode=0o700)
    path = folder / safe_name(upload.name)
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    request.session.setdefault(SESSION_KEY, {})[token] = path.name
    request.session.modified = True
    return token, path


def find(request, token: str) -> Path | None:
    name = request.session.get(SESSION_KEY, {}).get(token)
    if not name or not re.fullmatch(r"[\w-]{10,40}", token):
        return None
    path = _root(request.user) / token / name
    return path if path.is_file() else None


def discard(request, token: str) -> None:
    request.session.get(SESSION_KEY, {}).pop(token, None)
    request.session.modified = True
    shutil.rmtree(_root(request.user) / token, ignore_errors=True)


def _sweep(user) -> None:
    root = _root(user)
    if not root.is_dir():
        return
    cutoff = time.time() - STALE_SECONDS
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
