"""/api/v1/organisations: listing, creating, changing and deleting organisations, and who may."""

import pytest

from netweave.accounts.tests.clients import loc_fields
from netweave.people.models import Organisation, Person


@pytest.fixture
def acme(make_person):
    make_person("Ana Lima", organisation="Acme", title="CTO")
    make_person("Bo Chen", organisation="Acme")
    return Organisation.objects.get(name="Acme")


@pytest.mark.parametrize("method, body", [
    ("get", None),
    ("patch", {"name": "Charlie Inc", "notes": "mine now"}),
    ("delete", None),
])
def test_a_stranger_gets_404_for_someone_elses_organisation(as_alice, as_charlie, acme, method, body):
    before = as_alice.get(f"organisations/{acme.pk}").json()
    call = getattr(as_charlie, method)
    response = call(f"organisations/{acme.pk}", body) if body else call(f"organisations/{acme.pk}")
    assert response.status_code == 404
    assert as_alice.get(f"organisations/{acme.pk}").json() == before


def test_a_stranger_lists_no_organisations_of_someone_elses(as_charlie, acme):
    assert as_charlie.get("organisations").json() == {"count": 0, "items": []}
    assert as_charlie.get("organisations?q=acme").json() == {"count": 0, "items": []}


def test_a_stranger_can_have_an_organisation_of_the_same_name(as_charlie, acme):
    response = as_charlie.post("organisations", {"name": "Acme"})
    assert response.status_code == 201 and response.json()["people_now"] == 0


def test_the_list_counts_the_people_there_now(as_alice, acme, make_person):
    make_person("Cy Old", organisation="Globex")
    listing = as_alice.get("organisations").json()
    assert listing["count"] == 2
    assert [(o["name"], o["people_now"]) for o in listing["items"]] == [("Acme", 2), ("Globex", 1)]
    assert [o["name"] for o in as_alice.get("organisations?q=glob").json()["items"]] == ["Globex"]
    assert len(as_alice.get("organisations?limit=1&offset=1").json()["items"]) == 1


def test_it_creates_an_organisation(as_alice, alice):
    response = as_alice.post("organisations", {"name": "  Initech ", "domain": "Initech.example", "kind": "school",
                                               "notes": "Alumni"})
    assert response.status_code == 201
    org = response.json()
    assert (org["name"], org["domain"], org["kind"], org["notes"], org["people_now"]) == (
        "Initech", "initech.example", "school", "Alumni", 0)
    assert Organisation.objects.get(pk=org["id"]).owner == alice


def test_a_name_i_already_have_is_a_409(as_alice, acme):
    response = as_alice.post("organisations", {"name": "ACME"})
    assert response.status_code == 409
    assert response.json()["field"] == "name"
    assert response.json()["existing"] == [{"id": acme.pk, "name": "Acme"}]
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize("body, field", [
    ({"name": "  "}, "name"),
    ({"name": "x" * 201}, "name"),
    ({"name": "Initech", "kind": "cult"}, "kind"),
    ({}, "name"),
    ({"name": "Initech", "size": 3}, "size"),
])
def test_a_bad_organisation_is_a_422_naming_the_field(as_alice, alice, body, field):
    response = as_alice.post("organisations", body)
    assert response.status_code == 422
    assert field in loc_fields(response)
    assert not Organisation.objects.filter(owner=alice).exists()


def test_patch_changes_only_the_fields_given(as_alice, acme):
    response = as_alice.patch(f"organisations/{acme.pk}", {"name": "Acme Corp", "kind": "community"})
    assert response.status_code == 200
    org = response.json()
    assert (org["name"], org["kind"], org["people_now"]) == ("Acme Corp", "community", 2)
    assert as_alice.get("people?q=corp").json()["count"] == 2


@pytest.mark.parametrize("body, field", [({"name": "Globex"}, "name"), ({"kind": "cult"}, "kind"), ({"name": ""}, "name")])
def test_patch_refuses_a_taken_name_and_a_bad_kind(as_alice, acme, make_person, body, field):
    make_person("Cy Old", organisation="Globex")
    response = as_alice.patch(f"organisations/{acme.pk}", body)
    assert response.status_code == 422 and loc_fields(response) == [field]
    acme.refresh_from_db()
    assert (acme.name, acme.kind) == ("Acme", "company")


def test_delete_removes_the_roles_and_recomputes_current_roles(as_alice, acme):
    assert as_alice.delete(f"organisations/{acme.pk}").status_code == 204
    assert not Organisation.objects.filter(pk=acme.pk).exists()
    ana = Person.objects.get(display_name="Ana Lima")
    assert (ana.current_organisation, ana.current_title, ana.affiliations.count()) == (None, "", 0)
    assert "acme" not in ana.search_text
