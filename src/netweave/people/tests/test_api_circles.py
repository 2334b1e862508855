"""/api/v1/circles: the circle list through the API, and who may see it."""

import pytest

from netweave.people.models import Circle


@pytest.fixture
def close(alice):
    return Circle.objects.get(owner=alice, name="close")


@pytest.mark.parametrize("method, body", [
    ("get", None), ("patch", {"name": "mine"}), ("delete", None),
])
def test_a_stranger_gets_404_for_someone_elses_circle(as_alice, as_charlie, close, method, body):
    call = getattr(as_charlie, method)
    response = call(f"circles/{close.pk}", body) if body else call(f"circles/{close.pk}")
    assert response.status_code == 404
    assert Circle.objects.get(pk=close.pk).name == "close"


def test_a_stranger_lists_only_his_own_circles(as_charlie, close):
    assert close.pk not in [c["id"] for c in as_charlie.get("circles").json()]


def test_circles_are_listed_added_changed_and_removed(as_alice, alice, make_person, close):
    make_person("Ana Lima", circle="close")
    listed = as_alice.get("circles").json()
    assert [c["name"] for c in listed] == ["inner", "close", "active", "wide"]
    assert {c["name"]: c["people_count"] for c in listed}["close"] == 1
    created = as_alice.post("circles", {"name": "Board"})
    assert created.status_code == 201 and created.json()["position"] == 4
    changed = as_alice.patch(f"circles/{close.pk}", {"name": "Close friends", "position": 0})
    assert changed.json()["name"] == "Close friends" and changed.json()["people_count"] == 1
    assert as_alice.delete(f"circles/{close.pk}").status_code == 204
    assert not Circle.objects.filter(pk=close.pk).exists()


def test_a_clashing_or_blank_circle_name_is_a_422_naming_the_field(as_alice, close):
    for body in ({"name": "INNER"}, {"name": ""}, {"name": "x", "position": -1}):
        response = as_alice.post("circles", body)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"][-1] in ("name", "position")
