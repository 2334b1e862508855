"""People's photos: only real images are kept, and they are served so a browser can never run them."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.http import FileResponse

from netweave.core.errors import Invalid
from netweave.people.models import Person

MAX_BYTES = 5 * 1024 * 1024
# The first bytes of each image format we accept, and the type and extension it is stored under.
SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
)
TYPES = {ext: mime for _, mime, ext in SIGNATURES}


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) judged from the bytes themselves, never from a name or a claim."""
    for magic, mime, ext in SIGNATURES:
        if head.startswith(magic):
            return mime, ext
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", "webp"
    return None


def save_photo(person: Person, upload) -> None:
    """Store an uploaded photo under a name of our choosing. Raises Invalid naming "photo"."""
    if not upload:
        return
    data = upload.read(MAX_BYTES + 1)
    kind = sniff(data[:16])
    if len(data) > MAX_BYTES or kind is None:
        raise Invalid({"photo": "must be a PNG, JPEG, GIF or WebP image of at most 5 MB"})
    if person.photo:
        person.photo.delete(save=False)
    person.photo.save(f"{person.owner_id}-{person.pk}.{kind[1]}", ContentFile(data), save=True)


def serve_photo(person: Person) -> FileResponse:
    ext = person.photo.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(person.photo.open("rb"), content_type=TYPES.get(ext, "application/octet-stream"))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, max-age=3600"
    return response
