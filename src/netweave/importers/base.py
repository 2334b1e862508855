"""The small base class every format module implements, and the file-reading helpers they share.

A format is a subclass of `Importer` with a `name` (what `netweave import NAME` takes), a `label`, the
file suffixes it reads and a `read(path)` that yields records (`records.py`). `read` never writes to the
database; it raises `Rejected` for a file it cannot take as a whole, naming the line or record.
"""

from __future__ import annotations

import codecs
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from netweave.importers.records import Record, Rejected

MB = 1024 * 1024
# Address books, CSV exports and calendars are read whole before anything is written (all or nothing);
# past this size a file is not an address book but a mistake, and is refused before it fills memory.
MAX_TEXT_BYTES = 256 * MB
MAX_ZIP_MEMBER_BYTES = 512 * MB


@dataclass
class ImportOptions:
    """What the user told us about this import."""

    encoding: str | None = None  # for text files that are not UTF-8 or UTF-16 with a BOM
    me: list[str] = field(default_factory=list)  # my own addresses, so mail knows its direction
    mapping: dict[str, str] | None = None  # generic CSV: column header -> person field
    bodies: bool = False  # keep mail bodies (never without the user asking)


class Importer:
    name: str = ""
    label: str = ""
    suffixes: tuple[str, ...] = ()
    source: str = ""  # written on interactions and origins; defaults to `name`

    def __init__(self, options: ImportOptions | None = None):
        self.options = options or ImportOptions()

    def read(self, path: Path) -> Iterator[Record]:
        """Yield the file's records in order. Raise Rejected for a file that cannot be taken whole."""
        raise NotImplementedError

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        """Whether this format reads the file, judged from its name and first bytes (for the upload page)."""
        return path.suffix.lower() in cls.suffixes


def check_size(path: Path, limit: int = MAX_TEXT_BYTES) -> int:
    """The file's size, or Rejected when it is larger than `limit` (before reading a byte of it)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Rejected("", f"cannot be read: {exc.strerror or exc}") from exc
    if size > limit:
        raise Rejected("", f"is {size / MB:,.0f} MB; files of this kind are read whole, up to {limit // MB} MB")
    return size


def decode(data: bytes, encoding: str | None = None) -> str:
    """Text from bytes: a BOM decides (UTF-8, UTF-16 LE/BE), else `encoding`, else UTF-8. Undecodable
    bytes reject the file naming the line, rather than turning names into question marks."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            data, encoding = data[len(bom):], codec
            break
    else:
        if encoding is None and len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] != 0:
            encoding = "utf-16-le"  # UTF-16 without a BOM: every other byte of ASCII text is zero
    encoding = encoding or "utf-8"
    try:
        return data.decode(encoding)
    except LookupError as exc:
        raise Rejected("", f"{encoding!r} is not an encoding this machine knows") from exc
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Rejected(
            f"line {line}",
            f"is not valid {encoding} text (byte {data[exc.start]:#04x}); export it as UTF-8, "
            f"or say its encoding with --encoding (for example cp1252 or latin-1)",
        ) from exc


def read_text(path: Path, encoding: str | None = None, limit: int = MAX_TEXT_BYTES) -> str:
    check_size(path, limit)
    return decode(path.read_bytes(), encoding)


def zip_members(archive: zipfile.ZipFile, limit: int = MAX_ZIP_MEMBER_BYTES) -> dict[str, zipfile.ZipInfo]:
    """The archive's files by their base name, after refusing entries that would leave the target folder
    (absolute paths, "..") and entries whose unpacked size is past `limit` (a zip bomb)."""
    members = {}
    for info in archive.infolist():
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
            raise Rejected(f"entry {info.filename!r}", "has a path that leaves the archive's folder; refusing the archive")
        if info.is_dir():
            continue
        if info.file_size > limit:
            raise Rejected(f"entry {info.filename!r}", f"unpacks to {info.file_size / MB:,.0f} MB; at most {limit // MB} MB")
        members[PurePosixPath(name).name] = info
    return members
