"""/api/v1/imports: import or preview a file, list, read and undo imports; a stranger gets a 404."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from netweave.importers.models import ImportRun
from netweave.people.models import Person

CARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL:ana@tidewater.org\r\nEND:VCARD\r\n"


def upload(client, name="phone.vcf", data=CARD, **fields):
    # Multipart, not the JSON the test client sends by default.
    return Client.post(client, client._url("imports"), {"file": SimpleUploadedFile(name, data), **fields})


def test_a_file_is_imported_and_listed(as_alice, alice):
    response = upload(as_alice)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["counts"]["created"] == 1 and body["people"][0]["name"] == "Ana Lima"
    run = ImportRun.objects.get(owner=alice)
    assert body["import_id"] == run.pk
    listed = as_alice.get("imports").json()
    assert listed["count"] == 1 and listed["items"][0]["filename"] == "phone.vcf"
    assert as_alice.get(f"imports/{run.pk}").json()["counts"]["created"] == 1


def test_a_dry_run_writes_nothing(as_alice, alice):
    response = upload(as_alice, dry_run="true")
    assert response.status_code == 200 and response.json()["import_id"] is None
    assert not Person.objects.exists() and not ImportRun.objects.exists()


def test_a_bad_file_is_a_422_naming_the_place_and_nothing_is_written(as_alice):
    response = upload(as_alice, "cut.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half\r\n", format="vcard")
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "file"] and "cut.vcf, card 1 (line 1)" in error["msg"]
    assert not Person.objects.exists()
    assert upload(as_alice, "x.bin", b"\x00\x01").status_code == 422  # no format given, none recognised


def test_an_import_is_undone_once(as_alice, alice):
    run_id = upload(as_alice).json()["import_id"]
    response = as_alice.post(f"imports/{run_id}/undo")
    assert response.status_code == 200 and response.json()["undone_at"]
    assert not Person.objects.filter(owner=alice).exists()
    assert as_alice.post(f"imports/{run_id}/undo").status_code == 422


def test_a_stranger_gets_404_and_changes_nothing(as_alice, as_charlie, alice):
    run_id = upload(as_alice).json()["import_id"]
    assert as_charlie.get(f"imports/{run_id}").status_code == 404
    assert as_charlie.post(f"imports/{run_id}/undo").status_code == 404
    assert as_charlie.get("imports").json() == {"count": 0, "items": []}
    assert not ImportRun.objects.get(pk=run_id).undone
    assert Person.objects.filter(owner=alice).count() == 1


def test_imports_need_a_token(client):
    assert client.get("/api/v1/imports").status_code == 401
