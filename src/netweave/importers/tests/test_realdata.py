"""Every file in ../shared/realdata of a kind netweave reads either imports, or is rejected with a message that
names the file and the place, leaving the database as it was. Nothing crashes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from netweave.exchange.export import export_all
from netweave.importers.records import Rejected
from netweave.importers.registry import guess_format
from netweave.importers.services import run_import


def _files(root: Path) -> list[tuple[str, Path]]:
    found = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        suffix = path.suffix.lower()
        if suffix == ".vcf":
            found.append(("vcard", path))
        elif suffix == ".ics":
            found.append(("ics", path))
        elif suffix in (".eml", ".mbox"):
            found.append(("mail", path))
        elif suffix == ".csv" and "csv" in path.parts:
            found.append((guess_format(path) or "csv", path))
    return found


def test_every_real_file_imports_or_is_rejected_with_a_reason(alice, realdata, capsys):
    files = _files(realdata)
    assert len(files) > 100
    outcome: Counter = Counter()
    lines = []
    for fmt, path in files:
        before = export_all(alice)
        try:
            plan, _ = run_import(alice, fmt, path)
        except Rejected as exc:
            assert path.name in exc.message and exc.why
            assert export_all(alice) == before, f"{path} was rejected but changed the database"
            outcome[(fmt, "rejected")] += 1
            lines.append(f"rejected {fmt:8} {exc.message}")
            continue
        outcome[(fmt, "imported")] += 1
        c = plan.counts()
        lines.append(f"imported {fmt:8} {path.relative_to(realdata)}: {c['created']} created, {c['updated']} updated, "
                     f"{c['merged']} merged, {c['skipped']} skipped, {c['interactions_created']} interactions")
    with capsys.disabled():
        print("\nreal files by format:", dict(sorted(outcome.items())))
        for line in lines:
            print("  " + line)
    for fmt in ("vcard", "ics", "mail", "linkedin", "google", "outlook"):
        assert outcome[(fmt, "imported")] > 0, f"no {fmt} file imported"


@pytest.mark.parametrize("name", ["John_Doe_IPHONE.vcf", "John_Doe_ANDROID.vcf", "John_Doe_MS_OUTLOOK.vcf"])
def test_a_phone_card_imported_twice_changes_nothing_the_second_time(alice, realdata, name):
    path = next(realdata.rglob(name))
    run_import(alice, "vcard", path)
    before = export_all(alice)
    plan, _ = run_import(alice, "vcard", path)
    assert plan.counts()["created"] == 0 and plan.counts()["updated"] == 0
    assert export_all(alice)["people"] == before["people"]
