"""/api/v1/ties: who among my contacts knows whom, and who may see it."""

import pytest

from netweave.accounts.tests.clients import loc_fields
from netweave.people.models import Tie
from netweave.people.services import link_people


@pytest.fixture
def people(make_person):
    return make_person("Ana Lima"), make_person("Bo Chen"), make_person("Cy Old")


@pytest.fixture
def tie(alice, people):
    ana, bo, _ = people
    return link_people(alice, ana, bo, "colleague", evidence="Both at Acme")


@pytest.mark.parametrize("method, body", [
    ("get", None),
    ("patch", {"kind": "friend", "evidence": "charlie says so"}),
    ("delete", None),
])
def test_a_stranger_gets_404_for_someone_elses_tie(as_alice, as_charlie, tie, method, body):
    before = as_alice.get(f"ties/{tie.pk}").json()
    call = getattr(as_charlie, method)
    response = call(f"ties/{tie.pk}", body) if body else call(f"ties/{tie.pk}")
    assert response.status_code == 404
    assert as_alice.get(f"ties/{tie.pk}").json() == before


def test_a_stranger_lists_no_ties_of_someone_elses(as_charlie, tie, people):
    assert as_charlie.get("ties").json() == {"count": 0, "items": []}
    assert as_charlie.get(f"ties?person={people[0].pk}").json() == {"count": 0, "items": []}


def test_a_stranger_cannot_tie_someone_elses_people(as_charlie, charlie, people, make_person):
    dee = make_person("Dee Stone", owner=charlie)
    response = as_charlie.post("ties", {"person_a": dee.pk, "person_b": people[0].pk, "kind": "friend"})
    assert response.status_code == 422
    assert loc_fields(response) == ["person_b"]
    assert not Tie.objects.filter(owner=charlie).exists()


def test_it_creates_a_tie(as_alice, alice, people):
    ana, _, cy = people
    response = as_alice.post("ties", {"person_a": cy.pk, "person_b": ana.pk, "kind": "mentor", "evidence": "PhD"})
    assert response.status_code == 201
    tie = response.json()
    assert (tie["person_a"]["display_name"], tie["person_b"]["display_name"]) == ("Cy Old", "Ana Lima")
    assert (tie["kind"], tie["source"], tie["evidence"]) == ("mentor", "me", "PhD")
    assert Tie.objects.get(pk=tie["id"]).origin.kind == "api"
    ties_of_ana = as_alice.get(f"people/{ana.pk}").json()["ties"]
    assert [(t["description"], t["person"]["display_name"]) for t in ties_of_ana] == [("mentored by", "Cy Old")]


def test_linking_a_pair_again_adds_evidence(as_alice, tie, people):
    ana, bo, _ = people
    response = as_alice.post("ties", {"person_a": bo.pk, "person_b": ana.pk, "kind": "colleague", "evidence": "Same team"})
    assert response.json()["id"] == tie.pk
    assert response.json()["evidence"] == "Both at Acme\nSame team"


@pytest.mark.parametrize("change, field", [
    ({"person_a": "someone"}, "person_a"),
    ({"person_b": 999999}, "person_b"),
    ({"person_b": "the same person"}, "person_b"),
    ({"kind": "enemy"}, "kind"),
    ({"kind": None}, "kind"),
])
def test_a_bad_tie_is_a_422_naming_the_field(as_alice, people, change, field):
    ana, bo, _ = people
    body = {"person_a": ana.pk, "person_b": bo.pk, "kind": "friend", **change}
    if body["person_b"] == "the same person":
        body["person_b"] = ana.pk
    response = as_alice.post("ties", body)
    assert response.status_code == 422
    assert field in loc_fields(response)
    assert not Tie.objects.exists()


def test_the_list_filters_by_person_and_pages(as_alice, alice, tie, people):
    ana, bo, cy = people
    link_people(alice, bo, cy, "friend")
    assert as_alice.get("ties").json()["count"] == 2
    assert [t["id"] for t in as_alice.get(f"ties?person={ana.pk}").json()["items"]] == [tie.pk]
    assert as_alice.get(f"ties?person={bo.pk}").json()["count"] == 2
    assert len(as_alice.get("ties?limit=1").json()["items"]) == 1


def test_patch_changes_kind_and_evidence(as_alice, tie):
    response = as_alice.patch(f"ties/{tie.pk}", {"kind": "friend", "evidence": "Sailing"})
    assert response.status_code == 200
    assert (response.json()["kind"], response.json()["evidence"]) == ("friend", "Sailing")


def test_patch_refuses_a_bad_kind(as_alice, tie):
    response = as_alice.patch(f"ties/{tie.pk}", {"kind": "enemy"})
    assert response.status_code == 422 and loc_fields(response) == ["kind"]
    tie.refresh_from_db()
    assert tie.kind == "colleague"


def test_delete_removes_the_tie(as_alice, tie):
    assert as_alice.delete(f"ties/{tie.pk}").status_code == 204
    assert not Tie.objects.filter(pk=tie.pk).exists()
