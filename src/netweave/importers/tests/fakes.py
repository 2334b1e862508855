"""An importer that yields records given in the test, so the engine is tested apart from any file format."""

from __future__ import annotations

from pathlib import Path

from netweave.importers.base import Importer
from netweave.importers.records import Rejected


class ListImporter(Importer):
    name = "fake"
    label = "records given by a test"

    def __init__(self, records, *, fail_at: int | None = None, options=None):
        super().__init__(options)
        self.records = list(records)
        self.fail_at = fail_at

    def read(self, path: Path):
        for n, record in enumerate(self.records, 1):
            if self.fail_at == n:
                raise Rejected(f"record {n}", "is broken")
            yield record


def run(owner, records, tmp_path, **kw):
    from netweave.importers.services import run_import

    path = tmp_path / "contacts.fake"
    path.write_text("fake")
    return run_import(owner, ListImporter(records, **kw), path)
