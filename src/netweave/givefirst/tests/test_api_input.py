"""Input no give-first route can take is a 422 naming the field (or a 404 for an id no row can have), never a 500."""

from __future__ import annotations

import pytest

from netweave.accounts.tests.clients import loc_fields
from netweave.givefirst.models import Ask, Exchange, Introduction, Offer


@pytest.fixture
def ana(make_person):
    return make_person("Ana Lima")


@pytest.mark.parametrize("path", ["exchanges/{big}", "asks/{big}", "offers/{big}", "introductions/{big}",
                                  "people/{big}/ledger", "asks/0", "offers/-1", "introductions/0"])
def test_an_id_no_row_can_have_is_a_404(as_alice, path):
    assert as_alice.get(path.format(big=2**70)).status_code == 404


@pytest.mark.parametrize("path", ["exchanges/abc", "asks/abc", "offers/1.5", "introductions/x"])
def test_an_id_that_is_not_a_number_is_a_422_naming_the_path_parameter(as_alice, path):
    response = as_alice.get(path)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][0] == "path"


@pytest.mark.parametrize("query, field", [
    ("exchanges?person=99999999999999999999999", "person"),
    ("exchanges?kind=bribe", "kind"),
    ("asks?status=lost", "status"),
    ("offers?limit=0", "limit"),
    ("introductions?state=lost", "state"),
    ("asks?kind=bribe", "kind"),
    ("offers?kind=a%00b", "kind"),
    ("asks?kind=%00", "kind"),
    ("ledger/one-sided?limit=100000", "limit"),
])
def test_an_impossible_query_value_is_a_422_naming_it(as_alice, query, field):
    response = as_alice.get(query)
    assert response.status_code == 422 and field in [e["loc"][-1] for e in response.json()["detail"]]


@pytest.mark.parametrize("path, body, field", [
    ("exchanges", {"kind": "advice", "receiver": "ANA", "note": "a\x00b"}, "note"),
    ("exchanges", {"kind": "advice", "receiver": 2**70}, "receiver"),
    ("exchanges", {"kind": "advice", "receiver": "ANA", "day": "20260301"}, "day"),
    ("asks", {"topic": "a\ud800"}, "topic"),
    ("asks", {"topic": "x", "expires_on": 0}, "expires_on"),
    ("offers", {"topic": "x", "person": "ANA", "colour": "red"}, "colour"),
    ("introductions", {"person_a": "ANA", "person_b": 2**70, "reason": "x"}, "person_b"),
    ("introductions", {"person_a": "ANA", "reason": "x"}, "person_b"),
    # JSON true is not the id 1, nor false 0, nor 1.0 an id.
    ("exchanges", {"kind": "advice", "receiver": True}, "receiver"),
    ("exchanges", {"kind": "advice", "receiver": "ANA", "giver": False}, "giver"),
    ("asks", {"topic": "x", "person": 1.0}, "person"),
    ("introductions", {"person_a": "ANA", "person_b": True, "reason": "x"}, "person_b"),
])
def test_an_impossible_body_value_is_a_422_naming_the_field(as_alice, ana, path, body, field):
    body = {k: ana.pk if v == "ANA" else v for k, v in body.items()}
    response = as_alice.post(path, body)
    assert response.status_code == 422 and loc_fields(response) == [field]
    assert not (Exchange.objects.exists() or Ask.objects.exists() or Offer.objects.exists()
                or Introduction.objects.exists())


@pytest.mark.parametrize("value", [True, False, 1.0])
def test_an_id_must_be_a_whole_number_not_true_or_false(as_alice, ana, value):
    """Lax parsing read JSON true as the id 1: whoever has id 1 would have received it."""
    response = as_alice.post("exchanges", {"kind": "advice", "receiver": value})
    assert response.status_code == 422 and loc_fields(response) == ["receiver"]
    assert "an id is a whole number" in response.json()["detail"][0]["msg"]
    assert as_alice.get("exchanges", {"person": str(ana.pk)}).status_code == 200  # a query's id is text
