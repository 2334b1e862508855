"""/api/v1/people/{id}/archive, /unarchive, /merge, /affiliations and /api/v1/affiliations/{id}/end."""

import pytest
from django.utils import timezone

from netweave.accounts.tests.clients import loc_fields
from netweave.core.models import Origin
from netweave.people.models import Affiliation, Merge, Organisation, Person


@pytest.fixture
def ana(make_person):
    return make_person("Ana Lima", emails=["ana@example.com"], organisation="Acme", title="CTO", notes="Likes sailing")


@pytest.fixture
def charlies_person(charlie, make_person):
    return make_person("Dee Stone", owner=charlie)


# ---- the stranger comes first --------------------------------------------------------------------------

@pytest.mark.parametrize("suffix, body", [
    ("archive", None),
    ("unarchive", None),
    ("merge", {"other_id": 0}),
    ("affiliations", {"organisation": "Evil Corp", "title": "Spy"}),
])
def test_a_stranger_gets_404_acting_on_someone_elses_person(as_alice, as_charlie, ana, charlies_person, suffix, body):
    if body and "other_id" in body:
        body = {"other_id": charlies_person.pk}
    before = as_alice.get(f"people/{ana.pk}").json()
    response = as_charlie.post(f"people/{ana.pk}/{suffix}", body)
    assert response.status_code == 404
    assert as_alice.get(f"people/{ana.pk}").json() == before
    assert Person.objects.filter(pk=charlies_person.pk).exists()
    assert not Organisation.objects.filter(name="Evil Corp").exists()


def test_a_stranger_cannot_merge_someone_elses_person_into_his_own(as_alice, as_charlie, ana, charlies_person):
    before = as_alice.get(f"people/{ana.pk}").json()
    response = as_charlie.post(f"people/{charlies_person.pk}/merge", {"other_id": ana.pk})
    assert response.status_code == 422
    assert loc_fields(response) == ["other_id"]
    assert as_alice.get(f"people/{ana.pk}").json() == before
    assert not Merge.objects.exists()


def test_a_stranger_gets_404_ending_someone_elses_role(as_alice, as_charlie, ana):
    role = ana.affiliations.get()
    response = as_charlie.post(f"affiliations/{role.pk}/end", {"end": "2024-01-01"})
    assert response.status_code == 404
    role.refresh_from_db()
    assert role.end is None
    assert as_alice.get(f"people/{ana.pk}").json()["current_title"] == "CTO"


def test_a_stranger_cannot_add_a_role_at_someone_elses_organisation(as_charlie, ana, charlies_person):
    response = as_charlie.post(f"people/{charlies_person.pk}/affiliations",
                               {"organisation": ana.current_organisation_id})
    assert response.status_code == 422
    assert loc_fields(response) == ["organisation"]
    assert not Affiliation.objects.filter(person=charlies_person).exists()


# ---- archive -------------------------------------------------------------------------------------------

def test_archive_and_unarchive(as_alice, ana):
    archived = as_alice.post(f"people/{ana.pk}/archive")
    assert archived.status_code == 200
    assert archived.json()["archived"] is True and archived.json()["archived_at"]
    assert as_alice.get("people").json()["count"] == 0
    assert as_alice.get("people?archived=true").json()["count"] == 1

    restored = as_alice.post(f"people/{ana.pk}/unarchive").json()
    assert restored["archived"] is False and restored["archived_at"] is None
    assert as_alice.get("people").json()["count"] == 1


# ---- merge ---------------------------------------------------------------------------------------------

def test_merge_folds_the_other_person_in_and_returns_the_kept_one(as_alice, ana, make_person):
    other = make_person("Ana M. Lima", emails=["ana@work.example"], location="Lisbon", tags=["rust"])
    response = as_alice.post(f"people/{ana.pk}/merge", {"other_id": other.pk})
    assert response.status_code == 200
    kept = response.json()
    assert kept["id"] == ana.pk
    assert [e["address"] for e in kept["emails"]] == ["ana@example.com", "ana@work.example"]
    assert kept["location"] == "Lisbon" and kept["tags"] == ["rust"]
    assert not Person.objects.filter(pk=other.pk).exists()
    assert Origin.objects.filter(kind="api").exists()


@pytest.mark.parametrize("other", ["self", "missing"])
def test_merge_refuses_itself_and_a_missing_person(as_alice, ana, other):
    other_id = ana.pk if other == "self" else 999999
    response = as_alice.post(f"people/{ana.pk}/merge", {"other_id": other_id})
    assert response.status_code == 422
    assert loc_fields(response) == ["other_id"]
    assert Person.objects.filter(pk=ana.pk).exists()


def test_merge_needs_the_other_id(as_alice, ana):
    response = as_alice.post(f"people/{ana.pk}/merge", {})
    assert response.status_code == 422 and loc_fields(response) == ["other_id"]


def test_a_duplicate_can_be_resolved_by_the_merge_the_409_offers(as_alice, ana):
    conflict = as_alice.post("people", {"display_name": "A. Lima", "emails": ["ana@example.com", "al@new.example"]})
    assert conflict.status_code == 409
    created = as_alice.post("people?allow_duplicate=true", {"display_name": "A. Lima", "emails": ["al@new.example"]})
    existing_id = conflict.json()["existing"][0]["id"]
    merged = as_alice.post(f"people/{existing_id}/merge", {"other_id": created.json()["id"]}).json()
    assert {e["address"] for e in merged["emails"]} == {"ana@example.com", "al@new.example"}


# ---- job history ---------------------------------------------------------------------------------------

def test_adding_a_dated_role_makes_it_the_current_one(as_alice, ana):
    response = as_alice.post(f"people/{ana.pk}/affiliations",
                             {"organisation": "Globex", "title": "VP Engineering", "start": "2024-03-01"})
    assert response.status_code == 201
    role = response.json()
    assert role["organisation"]["name"] == "Globex" and role["current"] is True and role["start"] == "2024-03-01"
    person = as_alice.get(f"people/{ana.pk}").json()
    assert (person["current_organisation"]["name"], person["current_title"]) == ("Globex", "VP Engineering")
    assert len(person["affiliations"]) == 2


def test_a_role_can_name_an_organisation_by_id(as_alice, ana):
    org_id = ana.current_organisation_id
    response = as_alice.post(f"people/{ana.pk}/affiliations", {"organisation": org_id, "title": "Advisor"})
    assert response.status_code == 201 and response.json()["organisation"]["id"] == org_id


@pytest.mark.parametrize("body, field", [
    ({"organisation": "Globex", "start": "2024-03-01", "end": "2023-01-01"}, "end"),
    ({"organisation": ""}, "organisation"),
    ({"organisation": 999999}, "organisation"),
    ({"organisation": "Globex", "start": "March"}, "start"),
    ({"title": "CEO"}, "organisation"),
])
def test_a_bad_role_is_a_422_naming_the_field(as_alice, ana, body, field):
    response = as_alice.post(f"people/{ana.pk}/affiliations", body)
    assert response.status_code == 422
    assert field in loc_fields(response)
    assert ana.affiliations.count() == 1
    assert not Organisation.objects.filter(name="Globex").exists()


def test_ending_a_role_moves_the_current_role_on(as_alice, ana):
    role = ana.affiliations.get()
    response = as_alice.post(f"affiliations/{role.pk}/end", {"end": "2025-06-30"})
    assert response.status_code == 200
    assert response.json()["end"] == "2025-06-30" and response.json()["current"] is False
    person = as_alice.get(f"people/{ana.pk}").json()
    assert person["current_organisation"] is None and person["current_title"] == ""


def test_ending_a_role_defaults_to_today(as_alice, ana):
    role = ana.affiliations.get()
    assert as_alice.post(f"affiliations/{role.pk}/end", {}).json()["end"] == timezone.localdate().isoformat()


def test_a_role_cannot_end_before_it_starts(as_alice, ana):
    role = as_alice.post(f"people/{ana.pk}/affiliations", {"organisation": "Globex", "start": "2024-03-01"}).json()
    response = as_alice.post(f"affiliations/{role['id']}/end", {"end": "2024-01-01"})
    assert response.status_code == 422 and loc_fields(response) == ["end"]
    assert Affiliation.objects.get(pk=role["id"]).end is None
