"""Every format `netweave import` knows, by the name the command line and the upload page use."""

from __future__ import annotations

from pathlib import Path

from netweave.importers.base import Importer
from netweave.importers.csvfiles import GenericCsvImporter, GoogleCsvImporter, OutlookCsvImporter
from netweave.importers.ics import IcsImporter
from netweave.importers.linkedin import LinkedInImporter
from netweave.importers.mail import MailImporter
from netweave.importers.vcard import VCardImporter

# Order matters for guessing: the most particular formats first, any CSV last.
FORMATS: dict[str, type[Importer]] = {
    cls.name: cls
    for cls in (LinkedInImporter, VCardImporter, GoogleCsvImporter, OutlookCsvImporter, IcsImporter, MailImporter,
                GenericCsvImporter)
}


def guess_format(path: Path) -> str | None:
    """The format that reads this file, judged from its name and first bytes; None when nothing does."""
    head = b""
    if path.is_file():
        with path.open("rb") as handle:
            head = handle.read(4096)
    for name, cls in FORMATS.items():
        if cls.sniff(path, head):
            return name
    return None
