"""/api/v1/duplicates and /api/v1/merges: what they answer, and that a stranger reaches none of it."""

from __future__ import annotations

import pytest

from netweave.accounts.tests.clients import loc_fields
from netweave.people.merging import merge_people
from netweave.people.models import DuplicateDismissal, Merge, Person
from netweave.people.services import new_origin, update_person


@pytest.fixture
def pair(make_person):
    ana = make_person("Ana Lima", emails=["ana@x.org"], organisation="Acme", title="CTO")
    other = make_person("Ana M. Lima", emails=["ANA@x.org"])
    return ana, other


@pytest.fixture
def merged(alice, make_person):
    kept, removed = make_person("Bo Chen"), make_person("Bo C.")
    merge_people(kept, removed, origin=new_origin(alice, "merge", "test"))
    return Merge.objects.get()


def test_duplicates_lists_pairs_with_people_confidence_and_reasons(as_alice, pair):
    body = as_alice.get("duplicates").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["person_a"] == {"id": pair[0].pk, "display_name": "Ana Lima", "organisation": "Acme", "title": "CTO"}
    assert item["person_b"]["id"] == pair[1].pk
    assert item["reasons"][0] == "same email ana@x.org" and 0.9 <= item["confidence"] <= 1


def test_duplicates_come_in_pages(as_alice, make_person):
    for i in range(3):
        make_person("Ana Lima", emails=[f"ana{i}@x.org"])
    body = as_alice.get("duplicates", {"limit": 2, "offset": 1}).json()
    assert body["count"] == 3 and len(body["items"]) == 2


def test_dismiss_takes_the_pair_either_way_round_and_it_never_comes_back(as_alice, pair):
    response = as_alice.post("duplicates/dismiss", {"person_a": pair[1].pk, "person_b": pair[0].pk})
    assert response.status_code == 200
    assert (response.json()["person_a"], response.json()["person_b"]) == (pair[0].pk, pair[1].pk)
    assert as_alice.get("duplicates").json() == {"count": 0, "items": []}


def test_dismissing_someone_against_themselves_or_nobody_is_a_422_naming_the_field(as_alice, pair):
    response = as_alice.post("duplicates/dismiss", {"person_a": pair[0].pk, "person_b": pair[0].pk})
    assert response.status_code == 422 and loc_fields(response) == ["person_b"]
    response = as_alice.post("duplicates/dismiss", {"person_a": pair[0].pk, "person_b": 999999})
    assert response.status_code == 422 and loc_fields(response) == ["person_b"]
    assert not DuplicateDismissal.objects.exists()


def test_merges_lists_merges_and_undo_brings_both_back(as_alice, merged):
    [item] = as_alice.get("merges").json()["items"]
    assert item["removed_name"] == "Bo C." and item["kept"]["display_name"] == "Bo Chen" and item["can_undo"]
    response = as_alice.post(f"merges/{merged.pk}/undo")
    assert response.status_code == 200
    assert response.json()["undone_at"] is not None and response.json()["can_undo"] is False
    assert Person.objects.get(pk=merged.removed_id).display_name == "Bo C."


def test_an_undo_that_would_lose_changes_is_a_422_that_says_what_changed(as_alice, alice, merged):
    update_person(merged.kept, {"location": "Porto"}, origin=new_origin(alice, "web", "test"))
    response = as_alice.post(f"merges/{merged.pk}/undo")
    assert response.status_code == 422 and loc_fields(response) == ["merge"]
    assert "(location, where values came from)" in response.json()["detail"][0]["msg"]
    assert not Person.objects.filter(pk=merged.removed_id).exists()


def test_a_stranger_sees_no_pairs_and_no_merges(as_charlie, pair, merged):
    assert as_charlie.get("duplicates").json() == {"count": 0, "items": []}
    assert as_charlie.get("merges").json() == {"count": 0, "items": []}


def test_a_stranger_gets_404_undoing_a_merge_and_nothing_changes(as_charlie, merged):
    assert as_charlie.post(f"merges/{merged.pk}/undo").status_code == 404
    merged.refresh_from_db()
    assert merged.undone_at is None and not Person.objects.filter(pk=merged.removed_id).exists()


def test_a_stranger_cannot_dismiss_someone_elses_pair_and_nothing_changes(as_charlie, pair):
    # People named in a body are refused as fields (422), as POST /ties does; ids in the path are 404s.
    response = as_charlie.post("duplicates/dismiss", {"person_a": pair[0].pk, "person_b": pair[1].pk})
    assert response.status_code == 422 and sorted(loc_fields(response)) == ["person_a", "person_b"]
    assert "no person with id" in response.json()["detail"][0]["msg"]
    assert not DuplicateDismissal.objects.exists()


def test_every_route_needs_a_token(client, merged):
    assert client.get("/api/v1/duplicates").status_code == 401
    assert client.get("/api/v1/merges").status_code == 401
    assert client.post(f"/api/v1/merges/{merged.pk}/undo").status_code == 401
    assert client.post("/api/v1/duplicates/dismiss", {}, content_type="application/json").status_code == 401
