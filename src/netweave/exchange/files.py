"""Exporting everything a user has to a file a person or another program opens: vCard 4.0 or 3.0, CSV that
is safe in a spreadsheet, or netweave's JSON. (`backup.py` is the full-fidelity form, for `restore`.)"""

from __future__ import annotations

import json
from typing import TextIO

from django.core.files.storage import default_storage

from netweave.exchange.csv_writer import write_csv
from netweave.exchange.export import export_all, iter_people
from netweave.exchange.vcard_writer import write_vcards

FORMATS = ("vcard4", "vcard3", "csv", "json")


def photo_bytes(record: dict) -> bytes | None:
    """A person's photo as stored, for embedding in a card; None when there is none or it has gone missing."""
    name = record.get("photo")
    if not name:
        return None
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def export_to(owner, fmt: str, out: TextIO) -> int:
    """Write the owner's people (everything, for json) to `out` (opened with newline=""); returns how many."""
    if fmt == "vcard4":
        return write_vcards(iter_people(owner), out, version="4.0", photo=photo_bytes)
    if fmt == "vcard3":
        return write_vcards(iter_people(owner), out, version="3.0", photo=photo_bytes)
    if fmt == "csv":
        return write_csv(iter_people(owner), out)
    if fmt == "json":
        data = export_all(owner)
        json.dump(data, out, ensure_ascii=False)
        return len(data["people"])
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
