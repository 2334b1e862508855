"""Editing through the web keeps what the form did not change, and odd input never breaks a page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from netweave.people.models import Merge, Person, Tie
from netweave.people.services import archive_person, link_people, new_origin, update_person

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _form_of(client, person) -> dict:
    form = client.get(reverse("people:edit", args=[person.pk])).context["form"]
    return {k: ("\r\n".join(str(v).split("\n")) if isinstance(v, str) else v)
            for k, v in form.initial.items() if v is not None}


def test_editing_in_a_browser_keeps_structured_addresses_and_shared_emails(client, alice, make_person):
    ana = make_person("Ana Lima", emails=[{"address": "ana@x.example", "label": "internet,work"},
                                          "shared@x.example"])
    make_person("Ana's assistant", emails=["shared@x.example"])
    update_person(ana, {"addresses": [
        {"label": "home", "street": "Rua Augusta 12", "locality": "Lisboa", "postcode": "1100-053", "country": "PT"},
        {"label": "work", "street": "1 Main St", "locality": "Springfield", "country": "US"}]},
        origin=new_origin(alice, "import", "contacts.vcf"))
    client.force_login(alice)
    data = _form_of(client, ana)
    assert "\r\n" in data["addresses"]  # as a browser sends a textarea
    data["notes"] = "Moved to Porto."
    assert client.post(reverse("people:edit", args=[ana.pk]), data).status_code == 302
    ana.refresh_from_db()
    assert ana.notes == "Moved to Porto."
    assert sorted((a.locality, a.postcode) for a in ana.addresses.all()) == [("Lisboa", "1100-053"),
                                                                              ("Springfield", "")]
    assert all(str(a.origin) == "import: contacts.vcf" for a in ana.addresses.all())


def test_editing_addresses_keeps_the_lines_that_did_not_change(client, alice, make_person):
    ana = make_person("Ana Lima")
    update_person(ana, {"addresses": [{"label": "home", "street": "Rua Augusta 12", "locality": "Lisboa"}]},
                  origin=new_origin(alice, "web"))
    client.force_login(alice)
    data = _form_of(client, ana)
    data["addresses"] += "\r\nwork: 9 Quay Street, Dublin"
    client.post(reverse("people:edit", args=[ana.pk]), data)
    rows = {a.label: a for a in Person.objects.get(pk=ana.pk).addresses.all()}
    assert rows["home"].locality == "Lisboa" and rows["work"].street == "9 Quay Street, Dublin"


def test_saving_a_person_keeps_an_archived_introducer_instead_of_a_namesake(client, alice, make_person):
    samuel = make_person("Samuel Okafor")
    make_person("Samuel Okafo")
    ana = make_person("Ana Lima", introduced_by=samuel.pk)
    archive_person(samuel)
    client.force_login(alice)
    data = _form_of(client, ana)
    data["notes"] = "Edited"
    assert client.post(reverse("people:edit", args=[ana.pk]), data).status_code == 302
    assert Person.objects.get(pk=ana.pk).introduced_by_id == samuel.pk


def test_a_namesake_is_chosen_by_id(client, alice, make_person):
    first, second = make_person("Kim Lee"), make_person("Kim Lee")
    ana = make_person("Ana Lima")
    client.force_login(alice)
    data = _form_of(client, ana)
    data["introduced_by"] = "Kim Lee"
    response = client.post(reverse("people:edit", args=[ana.pk]), data)
    assert f"Kim Lee #{second.pk}" in str(response.context["form"].errors["introduced_by"])
    data["introduced_by"] = f"Kim Lee #{second.pk}"
    client.post(reverse("people:edit", args=[ana.pk]), data)
    assert Person.objects.get(pk=ana.pk).introduced_by_id == second.pk != first.pk


def test_a_person_added_on_the_web_gets_name_parts(client, alice):
    client.force_login(alice)
    client.post(reverse("people:new"), {"display_name": "Dr. Ana Maria Lima Jr.", "circle": ""})
    person = Person.objects.get(owner=alice)
    assert (person.prefix, person.given_name, person.family_name, person.suffix) == ("Dr.", "Ana", "Lima", "Jr.")


def test_a_title_without_an_organisation_is_an_error_not_silently_dropped(client, alice):
    client.force_login(alice)
    response = client.post(reverse("people:new"), {"display_name": "Eli", "title": "Consultant", "circle": ""})
    assert "title" in response.context["form"].errors
    assert not Person.objects.filter(owner=alice).exists()


def test_adding_known_details_with_a_new_company_is_a_job_change(client, alice, make_person):
    from datetime import date

    from netweave.people.services import add_affiliation

    ana = make_person("Ana Lima", emails=["ana@x.example"], notes="Loves sailing")
    add_affiliation(ana, "OldCo", title="Engineer", start=date(2019, 1, 1))
    client.force_login(alice)
    client.post(reverse("people:new"), {"display_name": "Ana Lima", "emails": "ana@x.example",
                                        "organisation": "NewCo", "title": "CTO", "notes": "Met at PyCon",
                                        "circle": "", "on_duplicate": str(ana.pk)})
    ana = Person.objects.get(pk=ana.pk)
    assert (ana.current_organisation.name, ana.current_title) == ("NewCo", "CTO")
    assert "Loves sailing" in ana.notes and "Met at PyCon" in ana.notes
    assert Merge.objects.filter(kept=ana).count() == 1


def test_archiving_twice_stays_archived(client, alice, make_person):
    ana = make_person("Ana Lima")
    client.force_login(alice)
    for _ in range(2):
        client.post(reverse("people:archive", args=[ana.pk]), {"action": "archive"})
    assert Person.objects.get(pk=ana.pk).archived
    client.post(reverse("people:archive", args=[ana.pk]), {"action": "restore"})
    assert not Person.objects.get(pk=ana.pk).archived


def test_the_pager_keeps_a_query_with_an_ampersand(client, alice):
    Person.objects.bulk_create([Person(owner=alice, display_name=f"R&D person {i:02d}", search_text=f"r&d person {i}")
                                for i in range(60)])
    client.force_login(alice)
    html = client.get(reverse("people:list"), {"q": "r&d"}).content.decode()
    assert "?q=r%26d&page=2" in html


@pytest.mark.parametrize("url_name, method, params", [
    ("interactions:new", "get", {"with": "²"}),
    ("interactions:capture", "post", {"text": "Call with Ana", "choose:Ana": "²"}),
    ("people:new", "post", {"display_name": "Ana L", "emails": "ana@x.example", "on_duplicate": "²", "circle": ""}),
])
def test_odd_ids_in_forms_never_break_a_page(client, alice, make_person, url_name, method, params):
    make_person("Ana Lima", emails=["ana@x.example"])
    make_person("Ana Souza")
    client.force_login(alice)
    response = getattr(client, method)(reverse(url_name), params)
    assert response.status_code in (200, 302)


def test_odd_cursor_and_tie_ids_never_break_a_page(client, alice, make_person):
    ana, bo = make_person("Ana Lima"), make_person("Bo Chen")
    tie = link_people(alice, ana, bo, "friend")
    client.force_login(alice)
    assert client.get(reverse("interactions:timeline", args=[ana.pk]), {"before": "abc"}).status_code == 200
    response = client.post(reverse("people:tie_delete", args=[tie.pk]), {"person": "²"})
    assert response.status_code == 302 and not Tie.objects.exists()


def test_a_capture_longer_than_a_summary_is_cut_not_crashed(client, alice, make_person):
    make_person("Ana Lima")
    client.force_login(alice)
    response = client.post(reverse("interactions:capture"), {"text": "Call with Ana Lima " + "x" * 2000})
    assert response.status_code in (200, 302)


def test_only_real_images_are_kept_as_photos_and_they_are_served_sandboxed(client, alice, make_person):
    ana = make_person("Ana Lima")
    client.force_login(alice)
    data = _form_of(client, ana)
    data["photo"] = SimpleUploadedFile("x.html", b"<script>alert(1)</script>", content_type="image/png")
    response = client.post(reverse("people:edit", args=[ana.pk]), data)
    assert "photo" in response.context["form"].errors
    data["photo"] = SimpleUploadedFile("me.html", PNG, content_type="text/html")
    assert client.post(reverse("people:edit", args=[ana.pk]), data).status_code == 302
    photo = client.get(reverse("people:photo", args=[ana.pk]))
    assert photo["Content-Type"] == "image/png" and "sandbox" in photo["Content-Security-Policy"]
    assert Person.objects.get(pk=ana.pk).photo.name.endswith(".png")
