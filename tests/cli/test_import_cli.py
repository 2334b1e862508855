"""`netweave import`, `netweave imports` and `netweave export --format`, run in-process."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from netweave.cli import app
from netweave.importers.models import ImportRun
from netweave.people.models import Person

CARDS = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nN:Lima;Ana;;;\r\nEMAIL;TYPE=work:ana@tidewater.org\r\n"
         "ORG:Tidewater\r\nTITLE:Engineer\r\nX-SOCIAL:@ana\r\nEND:VCARD\r\n"
         "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Chen\r\nTEL;TYPE=cell:+44 20 7946 0001\r\nEND:VCARD\r\n")


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def _cards(tmp_path, text=CARDS, name="phone.vcf"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_an_import_reports_its_counts_and_a_second_changes_nothing(alice, tmp_path):
    path = _cards(tmp_path)
    result = run("import", "vcard", path, "--json", "-u", "alice")
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)["files"]
    assert report["status"] == "imported" and report["counts"]["created"] == 2
    again = json.loads(run("import", "vcard", path, "--json", "-u", "alice").stdout)["files"][0]
    assert again["counts"]["unchanged"] == 2 and again["counts"]["created"] == 0
    assert Person.objects.filter(owner=alice).count() == 2


def test_a_dry_run_writes_nothing(alice, tmp_path):
    result = run("import", "vcard", _cards(tmp_path), "--dry-run", "-u", "alice")
    assert result.exit_code == 0 and "Would import" in result.stdout and "Ana Lima" in result.stdout
    assert not Person.objects.exists() and not ImportRun.objects.exists()


def test_a_broken_file_exits_1_naming_the_line_and_the_good_file_still_imports(alice, tmp_path):
    bad = _cards(tmp_path, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut short\r\n", "bad.vcf")
    good = _cards(tmp_path)
    result = run("import", "vcard", bad, good, "-u", "alice")
    assert result.exit_code == 1
    assert "bad.vcf, card 1 (line 1)" in result.output and "END:VCARD" in result.output
    assert Person.objects.filter(owner=alice).count() == 2


def test_bad_usage_exits_2(alice, tmp_path):
    assert run("import", "palmpilot", _cards(tmp_path), "-u", "alice").exit_code == 2
    assert run("import", "vcard", tmp_path / "missing.vcf", "-u", "alice").exit_code == 2
    assert run("import", "vcard", _cards(tmp_path), "--map", "A=emails", "-u", "alice").exit_code == 2


def test_imports_can_be_listed_and_undone_by_their_owner_only(alice, bob, tmp_path):
    run("import", "vcard", _cards(tmp_path), "-u", "alice")
    (listed,) = json.loads(run("imports", "list", "--json", "-u", "alice").stdout)
    assert listed["counts"]["created"] == 2 and listed["file"] == "phone.vcf"
    assert json.loads(run("imports", "list", "--json", "-u", "bob").stdout) == []
    assert run("imports", "undo", listed["id"], "-u", "bob").exit_code == 2
    assert Person.objects.filter(owner=alice).count() == 2
    assert run("imports", "undo", listed["id"], "-u", "alice").exit_code == 0
    assert not Person.objects.filter(owner=alice).exists()
    assert run("imports", "undo", listed["id"], "-u", "alice").exit_code == 1  # already undone


def test_a_csv_mapping_can_be_given_and_saved(alice, tmp_path):
    path = tmp_path / "members.csv"
    path.write_text("Member,Mail\nAna Lima,ana@tidewater.org\n", encoding="utf-8")
    result = run("import", "csv", path, "--map", "Member=display_name", "--map", "Mail=emails",
                 "--save-mapping", "club", "-u", "alice")
    assert result.exit_code == 0, result.output
    assert Person.objects.get(owner=alice).emails.get().address == "ana@tidewater.org"
    other = tmp_path / "members2.csv"
    other.write_text("Member,Mail\nBo Chen,bo@x.org\n", encoding="utf-8")
    assert run("import", "csv", other, "--mapping", "club", "-u", "alice").exit_code == 0
    assert Person.objects.get(owner=alice, display_name="Bo Chen").emails.get().address == "bo@x.org"


def test_export_writes_vcards_and_csv_that_import_back(alice, bob, tmp_path):
    run("import", "vcard", _cards(tmp_path), "-u", "alice")
    out = tmp_path / "export.vcf"
    result = run("export", "--format", "vcard4", "-o", out, "-u", "alice")
    assert result.exit_code == 0 and "Wrote 2 people" in result.output
    text = out.read_text(encoding="utf-8")
    assert "VERSION:4.0" in text and "X-SOCIAL:@ana" in text
    run("import", "vcard", out, "-u", "bob")
    assert sorted(Person.objects.filter(owner=bob).values_list("display_name", flat=True)) == ["Ana Lima", "Bo Chen"]
    csv_out = tmp_path / "export.csv"
    assert run("export", "-f", "csv", "-o", csv_out, "-u", "alice").exit_code == 0
    assert "ana@tidewater.org" in csv_out.read_text(encoding="utf-8-sig")
    assert run("export", "-f", "pdf", "-u", "alice").exit_code == 2


def test_a_multi_gigabyte_address_book_is_refused_before_it_is_read(alice, tmp_path):
    huge = tmp_path / "huge.vcf"
    with huge.open("wb") as handle:  # sparse: 3 GB on paper, nothing on disk
        handle.truncate(3 * 1024**3)
    result = run("import", "vcard", huge, "-u", "alice")
    assert result.exit_code == 1
    assert "huge.vcf" in result.output and "3,072 MB" in result.output
    assert not Person.objects.exists()
