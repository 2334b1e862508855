"""/api/v1/exchanges, /people/{id}/ledger, /ledger/one-sided, /asks and /offers: permissions first, then what
reaches the services and what comes back."""

from __future__ import annotations

from datetime import date

import pytest

from netweave.accounts.tests.clients import loc_fields
from netweave.givefirst import services
from netweave.givefirst.models import Ask, Exchange, Offer
from netweave.nurture.tests.today_support import clock  # noqa: F401  (pins today to 2026-03-10)

TODAY = date(2026, 3, 10)


@pytest.fixture
def ana(make_person, clock):  # noqa: F811
    return make_person("Ana Lima")


@pytest.fixture
def bo(make_person):
    return make_person("Bo Chen")


@pytest.fixture
def dana(make_person, charlie):
    """One of Charlie's people: Alice must not be able to point anything at her."""
    return make_person("Dana Scully", owner=charlie)


@pytest.fixture
def gave(alice, ana):
    return services.record_exchange(alice, kind="advice", giver=None, receiver=ana, day=date(2026, 3, 1),
                                    note="pricing")


@pytest.fixture
def asked(alice, ana):
    return services.add_ask(alice, person=ana, kind="hire", topic="a senior Rust engineer")


@pytest.fixture
def offered(alice, bo):
    return services.add_offer(alice, person=bo, kind="mentoring", topic="first-time founders")


# ---- the stranger -------------------------------------------------------------------------------------

def test_a_stranger_gets_404_for_someone_elses_exchange_ledger_ask_and_offer(as_charlie, ana, gave, asked, offered):
    paths = [f"exchanges/{gave.pk}", f"people/{ana.pk}/ledger", f"people/{ana.pk}/can-help",
             f"asks/{asked.pk}", f"asks/{asked.pk}/helpers", f"offers/{offered.pk}"]
    for path in paths:
        assert as_charlie.get(path).status_code == 404, path
    assert as_charlie.patch(f"exchanges/{gave.pk}", {"note": "mine now"}).status_code == 404
    assert as_charlie.delete(f"exchanges/{gave.pk}").status_code == 404
    for noun, need in (("asks", asked), ("offers", offered)):
        assert as_charlie.patch(f"{noun}/{need.pk}", {"topic": "mine now"}).status_code == 404, noun
        for action in ("close", "withdraw", "reopen"):
            assert as_charlie.post(f"{noun}/{need.pk}/{action}").status_code == 404, (noun, action)
    gave.refresh_from_db(), asked.refresh_from_db(), offered.refresh_from_db()
    assert gave.note == "pricing" and asked.topic == "a senior Rust engineer" and asked.status == "open"
    assert offered.status == "open"


def test_a_stranger_sees_nothing_of_someone_elses_in_any_list(as_charlie, gave, asked, offered, alice, ana):
    for _ in range(3):
        services.record_exchange(alice, kind="favour", giver=None, receiver=ana, day=TODAY)
    assert as_charlie.get("exchanges").json() == {"count": 0, "items": []}
    assert as_charlie.get(f"exchanges?person={ana.pk}").json()["count"] == 0
    assert as_charlie.get("asks?status=all").json() == {"count": 0, "items": []}
    assert as_charlie.get("offers?status=all").json() == {"count": 0, "items": []}
    assert as_charlie.get("ledger/one-sided").json() == []


def test_alice_cannot_point_an_exchange_or_an_ask_at_a_strangers_person(as_alice, alice, ana, dana, gave):
    response = as_alice.post("exchanges", {"kind": "advice", "receiver": dana.pk})
    assert response.status_code == 422 and loc_fields(response) == ["receiver"]
    response = as_alice.post("exchanges", {"kind": "advice", "giver": dana.pk, "receiver": ana.pk})
    assert response.status_code == 422 and loc_fields(response) == ["giver"]
    response = as_alice.patch(f"exchanges/{gave.pk}", {"receiver": dana.pk})
    assert response.status_code == 422 and loc_fields(response) == ["receiver"]
    for noun in ("asks", "offers"):
        response = as_alice.post(noun, {"person": dana.pk, "topic": "anything"})
        assert response.status_code == 422 and loc_fields(response) == ["person"], noun
    asked = services.add_ask(alice, person=ana, kind="job", topic="a new role")
    response = as_alice.patch(f"asks/{asked.pk}", {"person": dana.pk})
    assert response.status_code == 422 and loc_fields(response) == ["person"]
    assert Exchange.objects.filter(owner=alice).count() == 1
    assert not Ask.objects.filter(person=dana).exists() and not Offer.objects.filter(person=dana).exists()
    gave.refresh_from_db()
    assert gave.receiver == ana


# ---- the ledger ---------------------------------------------------------------------------------------

def test_recording_an_exchange_with_me_on_one_side(as_alice, alice, ana):
    response = as_alice.post("exchanges", {"kind": "referral", "giver": ana.pk, "day": "2026-03-02",
                                           "note": "sent me a client"})
    assert response.status_code == 201
    body = response.json()
    assert body["giver"] == {"id": ana.pk, "display_name": "Ana Lima"} and body["receiver"] is None
    assert body["kind"] == "referral" and body["day"] == "2026-03-02" and body["brokered"] is False
    saved = Exchange.objects.get(pk=body["id"])
    assert saved.giver == ana and saved.receiver is None and saved.note == "sent me a client"
    assert saved.origin.kind == "api"


def test_a_brokered_exchange_between_two_contacts_defaults_to_today(as_alice, ana, bo):
    body = as_alice.post("exchanges", {"kind": "introduction", "giver": ana.pk, "receiver": bo.pk}).json()
    assert body["brokered"] is True and body["day"] == "2026-03-10"
    assert body["receiver"]["display_name"] == "Bo Chen"


@pytest.mark.parametrize("payload, field", [
    ({"kind": "advice"}, "receiver"),  # me to me
    ({"kind": "bribe", "receiver": "ANA"}, "kind"),
    ({"kind": "advice", "receiver": "ANA", "day": "2026-03-11"}, "day"),
    ({"kind": "advice", "giver": "ANA", "receiver": "ANA"}, "receiver"),
    ({"kind": "advice", "receiver": "ANA", "day": 20260301}, "day"),
    ({"kind": "advice", "receiver": "ANA", "colour": "red"}, "colour"),
])
def test_a_refused_exchange_is_a_422_naming_the_field(as_alice, alice, ana, payload, field):
    payload = {k: ana.pk if v == "ANA" else v for k, v in payload.items()}
    response = as_alice.post("exchanges", payload)
    assert response.status_code == 422 and loc_fields(response) == [field]
    assert not Exchange.objects.exists()


def test_listing_exchanges_by_person_and_kind(as_alice, alice, ana, bo, gave):
    services.record_exchange(alice, kind="favour", giver=bo, receiver=None, day=TODAY)
    brokered = services.record_exchange(alice, kind="referral", giver=bo, receiver=ana, day=TODAY)
    everything = as_alice.get("exchanges").json()
    assert everything["count"] == 3 and everything["items"][0]["id"] == brokered.pk
    assert [e["id"] for e in as_alice.get(f"exchanges?person={ana.pk}").json()["items"]] == [brokered.pk, gave.pk]
    assert [e["id"] for e in as_alice.get("exchanges?kind=advice").json()["items"]] == [gave.pk]
    assert as_alice.get("exchanges?limit=1").json()["count"] == 3


def test_changing_an_exchange_and_sending_null_for_me(as_alice, ana, bo, gave):
    body = as_alice.patch(f"exchanges/{gave.pk}", {"giver": bo.pk, "note": "via Bo"}).json()
    assert body["giver"]["id"] == bo.pk and body["receiver"]["id"] == ana.pk and body["brokered"] is True
    body = as_alice.patch(f"exchanges/{gave.pk}", {"giver": None}).json()
    assert body["giver"] is None and body["note"] == "via Bo"
    response = as_alice.patch(f"exchanges/{gave.pk}", {"receiver": None})
    assert response.status_code == 422 and loc_fields(response) == ["receiver"]
    response = as_alice.patch(f"exchanges/{gave.pk}", {"kind": None})
    assert response.status_code == 422 and loc_fields(response) == ["kind"]
    gave.refresh_from_db()
    assert gave.giver is None and gave.receiver == ana and gave.kind == "advice"


def test_deleting_an_exchange(as_alice, gave):
    assert as_alice.delete(f"exchanges/{gave.pk}").status_code == 204
    assert not Exchange.objects.exists()
    assert as_alice.get(f"exchanges/{gave.pk}").status_code == 404


def test_a_persons_ledger_has_the_balance_in_words_and_the_history(as_alice, alice, ana, bo, gave):
    services.record_exchange(alice, kind="favour", giver=None, receiver=ana, day=date(2026, 3, 5))
    services.record_exchange(alice, kind="feedback", giver=ana, receiver=None, day=date(2026, 3, 7))
    services.record_exchange(alice, kind="referral", giver=ana, receiver=bo, day=date(2026, 3, 8))
    body = as_alice.get(f"people/{ana.pk}/ledger").json()
    assert body["person"] == {"id": ana.pk, "display_name": "Ana Lima"}
    assert body["balance"] == {"gave": 2, "received": 1, "brokered": 1, "last_day": "2026-03-08",
                               "words": "you gave 2, received 1; brokered 1"}
    assert [e["day"] for e in body["history"]] == ["2026-03-08", "2026-03-07", "2026-03-05", "2026-03-01"]
    assert len(as_alice.get(f"people/{ana.pk}/ledger?limit=2").json()["history"]) == 2


def test_one_sided_relationships_come_with_a_nudge(as_alice, alice, ana, bo):
    for day in (1, 2, 3, 4):
        services.record_exchange(alice, kind="favour", giver=None, receiver=ana, day=date(2026, 3, day))
    services.record_exchange(alice, kind="favour", giver=None, receiver=bo, day=TODAY)
    found = as_alice.get("ledger/one-sided").json()
    assert [(o["display_name"], o["gave"], o["received"], o["leans"]) for o in found] == [("Ana Lima", 4, 0, "me")]
    assert "Ana" in found[0]["nudge"]
    assert [o["person_id"] for o in as_alice.get("ledger/one-sided?min_count=1").json()] == [ana.pk, bo.pk]
    assert as_alice.get("ledger/one-sided?min_count=0").status_code == 422


# ---- asks and offers ----------------------------------------------------------------------------------

def test_adding_an_ask_for_someone_and_one_for_me(as_alice, alice, ana):
    response = as_alice.post("asks", {"person": ana.pk, "kind": "hire", "topic": "a senior Rust engineer",
                                      "details": "remote is fine", "expires_on": "2026-04-30"})
    assert response.status_code == 201
    body = response.json()
    assert body["person"] == {"id": ana.pk, "display_name": "Ana Lima"}
    assert (body["kind"], body["status"], body["state"], body["expires_on"]) == ("hire", "open", "open", "2026-04-30")
    mine = as_alice.post("asks", {"topic": "advice on fundraising"}).json()
    assert mine["person"] is None and mine["kind"] == "advice"
    assert Ask.objects.get(pk=mine["id"]).origin.kind == "api"


@pytest.mark.parametrize("payload, field", [
    ({"topic": "   "}, "topic"),
    ({"topic": "x", "kind": "bribe"}, "kind"),
    ({"topic": "x", "expires_on": "2026-03-09"}, "expires_on"),
    ({"topic": "x" * 201}, "topic"),
])
def test_a_refused_ask_is_a_422_naming_the_field(as_alice, payload, field):
    response = as_alice.post("asks", payload)
    assert response.status_code == 422 and loc_fields(response) == [field]
    assert not Ask.objects.exists()


def test_an_offer_takes_the_offer_kinds_not_the_ask_kinds(as_alice, bo):
    assert as_alice.post("offers", {"person": bo.pk, "kind": "mentoring", "topic": "founders"}).status_code == 201
    response = as_alice.post("offers", {"person": bo.pk, "kind": "hire", "topic": "founders"})
    assert response.status_code == 422 and loc_fields(response) == ["kind"]
    assert as_alice.post("offers", {"topic": "reviews"}).json()["kind"] == "expertise"


def test_listing_asks_by_status_person_me_kind_and_topic(as_alice, alice, ana, bo, asked, clock):  # noqa: F811
    mine = services.add_ask(alice, person=None, kind="funding", topic="a seed round", details="climate software")
    late = services.add_ask(alice, person=bo, kind="job", topic="a design role", expires_on=date(2026, 3, 12))
    gone = services.add_ask(alice, person=bo, kind="advice", topic="pricing")
    services.close_need(gone, "withdrawn")
    clock.advance(days=5)

    def ids(query=""):
        return [a["id"] for a in as_alice.get(f"asks{query}").json()["items"]]

    assert ids() == [mine.pk, asked.pk]
    assert ids("?status=expired") == [late.pk]
    assert ids("?status=withdrawn") == [gone.pk]
    assert ids("?status=all") == [gone.pk, late.pk, mine.pk, asked.pk]
    assert ids(f"?person={bo.pk}&status=all") == [gone.pk, late.pk]
    assert ids("?me=true") == [mine.pk]
    assert ids("?kind=hire") == [asked.pk]
    assert ids("?q=climate") == [mine.pk] and ids("?q=rust+senior") == [asked.pk] and ids("?q=rust+climate") == []
    expired = as_alice.get(f"asks/{late.pk}").json()
    assert expired["status"] == "open" and expired["state"] == "expired"
    assert as_alice.get("asks?status=lost").status_code == 422


def test_changing_an_ask(as_alice, alice, bo, asked):
    body = as_alice.patch(f"asks/{asked.pk}", {"topic": "a staff Rust engineer", "person": None,
                                               "expires_on": "2026-06-01"}).json()
    assert body["topic"] == "a staff Rust engineer" and body["person"] is None and body["expires_on"] == "2026-06-01"
    assert as_alice.patch(f"asks/{asked.pk}", {"person": bo.pk}).json()["person"]["id"] == bo.pk
    response = as_alice.patch(f"asks/{asked.pk}", {"topic": None})
    assert response.status_code == 422 and loc_fields(response) == ["topic"]
    response = as_alice.patch(f"asks/{asked.pk}", {"expires_on": "2026-03-01"})
    assert response.status_code == 422 and loc_fields(response) == ["expires_on"]
    asked.refresh_from_db()
    assert asked.topic == "a staff Rust engineer" and asked.person == bo and asked.expires_on == date(2026, 6, 1)


def test_closing_withdrawing_and_reopening_asks_and_offers(as_alice, asked, offered):
    for noun, need in (("asks", asked), ("offers", offered)):
        done = as_alice.post(f"{noun}/{need.pk}/close").json()
        assert done["status"] == "done" and done["closed_at"] is not None, noun
        assert as_alice.post(f"{noun}/{need.pk}/withdraw").json()["status"] == "withdrawn", noun
        reopened = as_alice.post(f"{noun}/{need.pk}/reopen").json()
        assert reopened["status"] == "open" and reopened["closed_at"] is None, noun
        need.refresh_from_db()
        assert need.status == "open", noun


def test_reopening_an_expired_ask_needs_a_new_expiry_day(as_alice, alice, clock):  # noqa: F811
    late = services.add_ask(alice, person=None, kind="job", topic="a role", expires_on=date(2026, 3, 12))
    clock.advance(days=5)
    services.close_need(late, "done")
    response = as_alice.post(f"asks/{late.pk}/reopen")
    assert response.status_code == 422 and loc_fields(response) == ["expires_on"]
    body = as_alice.post(f"asks/{late.pk}/reopen", {"expires_on": "2026-04-01"}).json()
    assert body["state"] == "open" and body["expires_on"] == "2026-04-01"


def test_an_id_that_is_nobodys_is_a_404(as_alice):
    for path in ("exchanges/999999", "asks/999999", "offers/999999", "people/999999/ledger",
                 "asks/999999/helpers", "people/999999/can-help"):
        assert as_alice.get(path).status_code == 404, path


def test_the_schema_lists_the_kinds_the_services_accept(client):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schemas["ExchangeIn"]["properties"]["kind"]["enum"] == Exchange.Kind.values
    assert schemas["AskIn"]["properties"]["kind"]["enum"] == Ask.Kind.values
    assert schemas["OfferIn"]["properties"]["kind"]["enum"] == Offer.Kind.values
