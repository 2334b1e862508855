"""The import pages: upload, preview (nothing written), confirm, history, undo; private to their owner."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netweave.importers.models import ColumnMapping, ImportRun
from netweave.people.models import Person

CARD = (b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nN:Lima;Ana;;;\r\nEMAIL;TYPE=work:ana@tidewater.org\r\n"
        b"ORG:Tidewater\r\nTITLE:Engineer\r\nEND:VCARD\r\n")


@pytest.fixture
def web(client, alice):
    client.force_login(alice)
    return client


def _upload(client, name="phone.vcf", data=CARD, **fields):
    return client.post(reverse("importers:upload"), {"file": SimpleUploadedFile(name, data), **fields})


def _token(response) -> str:
    return re.search(r"/imports/confirm/([\w-]+)/", response.content.decode()).group(1)


def test_an_upload_shows_a_preview_and_writes_nothing(web, alice):
    response = _upload(web)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ana Lima" in page and "new: nobody matches" in page
    assert not Person.objects.filter(owner=alice).exists()


def test_confirming_the_preview_imports_and_shows_the_run(web, alice):
    token = _token(_upload(web))
    response = web.post(reverse("importers:confirm", args=[token]), {"format": "vcard", "step": "import"})
    run = ImportRun.objects.get(owner=alice)
    assert response.status_code == 302 and response["Location"] == reverse("importers:run", args=[run.pk])
    assert Person.objects.get(owner=alice).current_organisation.name == "Tidewater"
    page = web.get(reverse("importers:run", args=[run.pk])).content.decode()
    assert "Ana Lima" in page and "Undo this import" in page
    assert run.filename in web.get(reverse("importers:home")).content.decode()
    # The upload is gone once imported: confirming again imports nothing more.
    web.post(reverse("importers:confirm", args=[token]), {"format": "vcard", "step": "import"})
    assert ImportRun.objects.count() == 1


def test_undo_from_the_web_removes_what_the_import_created(web, alice):
    token = _token(_upload(web))
    web.post(reverse("importers:confirm", args=[token]), {"format": "vcard", "step": "import"})
    run = ImportRun.objects.get(owner=alice)
    web.post(reverse("importers:undo", args=[run.pk]))
    assert not Person.objects.filter(owner=alice).exists()
    assert ImportRun.objects.get().undone


def test_a_bad_file_is_refused_with_the_reason_and_nothing_written(web, alice):
    response = _upload(web, "broken.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half a card\r\n", format="vcard")
    assert response.status_code == 302
    page = web.get(response["Location"]).content.decode()
    assert "broken.vcf" in page and "nothing was written" in page
    assert not Person.objects.exists()


def test_a_file_of_no_known_kind_asks_for_its_format(web):
    response = _upload(web, "notes.txt", b"\x00\x01\x02 nothing")
    assert "could not tell what kind of file" in web.get(response["Location"]).content.decode()


def test_a_csv_of_an_unknown_layout_shows_its_columns_and_saves_the_mapping(web, alice):
    data = "Member,Mail,Club\nAna Lima,ana@tidewater.org,Sailing\n".encode()
    response = _upload(web, "members.csv", data, format="csv")
    page = response.content.decode()
    assert "Member" in page and "Mail" in page and "Club" in page
    token = _token(response)
    web.post(reverse("importers:confirm", args=[token]), {
        "format": "csv", "step": "import", "col-0": "display_name", "col-1": "emails", "col-2": "",
        "save_as": "club list"})
    person = Person.objects.get(owner=alice)
    assert person.display_name == "Ana Lima" and person.emails.get().address == "ana@tidewater.org"
    assert person.extra["csv"]["Club"] == "Sailing"
    assert ColumnMapping.objects.get(owner=alice).mapping == {"Member": "display_name", "Mail": "emails", "Club": ""}


def test_a_stranger_cannot_see_undo_or_confirm_anything_of_mine(web, alice, client, charlie):
    token = _token(_upload(web))
    web.post(reverse("importers:confirm", args=[token]), {"format": "vcard", "step": "import"})
    run = ImportRun.objects.get(owner=alice)
    other_token = _token(_upload(web))
    client.force_login(charlie)
    assert client.get(reverse("importers:run", args=[run.pk])).status_code == 404
    assert client.post(reverse("importers:undo", args=[run.pk])).status_code == 404
    assert run.filename not in client.get(reverse("importers:home")).content.decode()
    client.post(reverse("importers:confirm", args=[other_token]), {"format": "vcard", "step": "import"})
    assert not ImportRun.objects.filter(owner=charlie).exists()
    assert not ImportRun.objects.get(pk=run.pk).undone
    assert Person.objects.filter(owner=charlie).count() == 0


def test_the_import_pages_need_a_login(client):
    assert client.get(reverse("importers:home")).status_code == 302
