"""Input no client should send still gets a 4xx naming what is wrong, never a 500."""

import pytest

from netweave.accounts.tests.clients import loc_fields
from netweave.core.models import Origin
from netweave.people.models import Person

BIG = 2**70  # beyond a 64-bit id: the database would raise rather than miss


@pytest.fixture
def ana(make_person):
    return make_person("Ana Lima", organisation="Acme")


@pytest.mark.parametrize("path", [
    f"people/{BIG}", f"organisations/{BIG}", f"interactions/{BIG}", f"ties/{BIG}", "people/0",
])
def test_an_id_no_row_can_have_is_a_404(as_alice, path):
    assert as_alice.get(path).status_code == 404


@pytest.mark.parametrize("query", [f"organisation={BIG}", f"circle={BIG}", f"tag={BIG}", "circle=²", "tag=¹²"])
def test_a_list_filter_of_impossible_digits_matches_nobody(as_alice, ana, query):
    response = as_alice.get(f"people?{query}")
    assert response.status_code == 200 and response.json()["count"] == 0


@pytest.mark.parametrize("path, param", [
    (f"interactions?person={BIG}", "person"), (f"ties?person={BIG}", "person"), (f"people?offset={BIG}", "offset"),
    ("interactions?since=0001-01-01T00:00:00%2B05:00", "since"), ("people?q=a%00b", "q"),
    ("organisations?q=a%00b", "q"),
])
def test_an_impossible_query_parameter_is_a_422_naming_it(as_alice, path, param):
    response = as_alice.get(path)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", param]


@pytest.mark.parametrize("path, body, field", [
    ("people", {"display_name": "x", "introduced_by": BIG}, "introduced_by"),
    ("people", {"display_name": "x", "met_at_event": BIG}, "met_at_event"),
    ("people", {"display_name": "Ana\x00"}, "display_name"),
    ("people", {"display_name": "Ana", "emails": [{"address": "a@b.example", "label": "\x00"}]}, "emails"),
    ("people", {"display_name": "Ana", "extra": {"\x00": 1}}, "extra"),
    ("people/{ana}/merge", {"other_id": BIG}, "other_id"),
    ("people/{ana}/affiliations", {"organisation": BIG}, "organisation"),
    ("ties", {"person_a": BIG, "person_b": 1, "kind": "friend"}, "person_a"),
    ("organisations", {"name": "Acme\x00"}, "name"),
    ("organisations", {"name": "Initech", "domain": "d" * 201}, "domain"),
    ("interactions", {"occurred_at": "2024-01-01T00:00Z", "summary": "x", "participants": [BIG]}, "participants[0]"),
    ("interactions", {"occurred_at": "9999-12-31T23:59:59-05:00", "summary": "x"}, "occurred_at"),
    ("interactions", {"occurred_at": "0001-01-01T00:00:00+05:00", "summary": "x"}, "occurred_at"),
    ("interactions", {"occurred_at": "2024-01-01T00:00Z", "summary": "x", "source": "s" * 41}, "source"),
])
def test_an_impossible_body_value_is_a_422_naming_the_field(as_alice, alice, ana, path, body, field):
    response = as_alice.post(path.format(ana=ana.pk), body)
    assert response.status_code == 422
    assert field in loc_fields(response)
    assert not Origin.objects.filter(owner=alice, kind="api").exists()
    assert Person.objects.filter(owner=alice).count() == 1


def test_a_union_field_is_named_without_pydantic_internals(as_alice, ana):
    response = as_alice.post(f"people/{ana.pk}/affiliations", {"organisation": [1]})
    assert response.status_code == 422
    assert set(loc_fields(response)) == {"organisation"}


def test_not_found_from_a_service_is_a_404(as_alice, ana, monkeypatch):
    from netweave.core.errors import NotFound
    from netweave.people import services

    def missing(*args, **kwargs):
        raise NotFound("no such thing")

    monkeypatch.setattr(services, "archive_person", missing)
    response = as_alice.post(f"people/{ana.pk}/archive")
    assert response.status_code == 404 and response.json() == {"detail": "no such thing"}


def test_an_ambiguous_name_from_a_service_is_a_422_listing_the_candidates(as_alice, ana, monkeypatch):
    from netweave.core.errors import Ambiguous
    from netweave.people import services

    def unsure(*args, **kwargs):
        raise Ambiguous("Ana", [ana])

    monkeypatch.setattr(services, "archive_person", unsure)
    response = as_alice.post(f"people/{ana.pk}/archive")
    assert response.status_code == 422
    assert response.json()["candidates"] == [{"id": ana.pk, "display_name": "Ana Lima"}]
    assert "could be" in response.json()["detail"][0]["msg"]
