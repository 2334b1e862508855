"""Asks and offers, mine and my contacts', with a controlled clock: adding them, changing, closing, withdrawing
and reopening them, and which are open on a given day."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netweave.core.errors import Invalid
from netweave.givefirst import services
from netweave.givefirst.models import Ask, Offer, Status
from netweave.nurture.services import update_settings
from netweave.nurture.tests.today_support import NOW, clock  # noqa: F401

TODAY = NOW.date()


@pytest.fixture
def ana(make_person, clock):
    return make_person("Ana Lima")


def test_an_ask_and_an_offer_belong_to_a_person_or_to_me(alice, ana, origin):
    ask = services.add_ask(alice, person=ana, kind="cofounder", topic="  a technical\nco-founder ",
                           details="Fintech, Lisbon", expires_on=TODAY, origin=origin)
    offer = services.add_offer(alice, person=None, kind="mentoring", topic="fundraising")
    ask.refresh_from_db()
    assert (ask.owner, ask.person, ask.kind, ask.topic, ask.details, ask.status, ask.origin) == (
        alice, ana, "cofounder", "a technical co-founder", "Fintech, Lisbon", "open", origin)
    assert (offer.person, offer.kind, offer.expires_on) == (None, "mentoring", None)
    assert ask.is_open(TODAY) and offer.is_open(TODAY)


@pytest.mark.parametrize("model, adder", [(Ask, services.add_ask), (Offer, services.add_offer)])
@pytest.mark.parametrize("change, field", [
    ({"kind": "bribe"}, "kind"),
    ({"topic": "   "}, "topic"),
    ({"topic": "x" * 201}, "topic"),
    ({"expires_on": TODAY - timedelta(days=1)}, "expires_on"),
    ({"expires_on": "next week"}, "expires_on"),
    ({"details": "x" * 5001}, "details"),
    ({"person": "someone else's"}, "person"),
])
def test_a_bad_ask_or_offer_is_refused_naming_the_field(alice, bob, ana, make_person, model, adder, change, field):
    if change.get("person") == "someone else's":
        change = {"person": make_person("Bo Chen", owner=bob)}
    args = {"person": ana, "kind": model.Kind.values[0], "topic": "fundraising", **change}
    with pytest.raises(Invalid) as exc:
        adder(alice, **args)
    assert list(exc.value.errors) == [field]
    assert not model.objects.exists()


def test_a_topic_of_exactly_two_hundred_characters_is_accepted(alice, clock):
    assert len(services.add_ask(alice, person=None, kind="advice", topic="x" * 200).topic) == 200


def test_an_expiry_is_checked_against_the_users_own_today(alice, clock):
    update_settings(alice, time_zone="Pacific/Auckland")  # already 11 March there
    with pytest.raises(Invalid) as exc:
        services.add_ask(alice, person=None, kind="advice", topic="pricing", expires_on=TODAY)
    assert exc.value.errors == {"expires_on": "is before today (2026-03-11)"}


def test_an_ask_is_changed_and_checked_as_a_whole(alice, ana):
    ask = services.add_ask(alice, person=ana, kind="job", topic="a product role")
    services.update_need(ask, topic="a product lead role", kind="advice", person=None,
                         expires_on=TODAY + timedelta(days=30))
    ask.refresh_from_db()
    assert (ask.topic, ask.kind, ask.person, ask.expires_on) == ("a product lead role", "advice", None,
                                                                 TODAY + timedelta(days=30))
    with pytest.raises(Invalid) as exc:
        services.update_need(ask, kind="mentoring", topic="")  # an offer's kind, on an ask
    assert set(exc.value.errors) == {"kind", "topic"}
    with pytest.raises(Invalid) as exc:
        services.update_need(ask, status="done")
    assert exc.value.errors == {"status": "cannot be changed here"}
    ask.refresh_from_db()
    assert ask.topic == "a product lead role"


def test_an_expired_ask_keeps_its_day_when_its_words_change_but_a_new_past_day_is_refused(alice, ana, clock):
    ask = services.add_ask(alice, person=ana, kind="job", topic="a product role", expires_on=TODAY)
    clock.advance(days=3)
    services.update_need(ask, topic="a product lead role")
    assert ask.state(TODAY + timedelta(days=3)) == "expired"
    with pytest.raises(Invalid) as exc:
        services.update_need(ask, expires_on=TODAY + timedelta(days=1))
    assert "expires_on" in exc.value.errors


@pytest.mark.parametrize("status", [Status.DONE, Status.WITHDRAWN])
def test_closing_an_offer_records_when_and_it_is_no_longer_open(alice, ana, clock, status):
    offer = services.add_offer(alice, person=ana, kind="review", topic="pitch decks")
    services.close_need(offer, status)
    offer.refresh_from_db()
    assert (offer.status, offer.closed_at) == (status, NOW)
    assert not offer.is_open(TODAY)
    assert offer.state(TODAY) == status
    assert not services.open_offers(alice, TODAY).exists()


def test_closing_again_changes_the_status_and_keeps_the_first_time(alice, clock):
    ask = services.add_ask(alice, person=None, kind="funding", topic="a seed round")
    services.close_need(ask, "done")
    clock.advance(days=1)
    services.close_need(ask, "withdrawn")
    assert (ask.status, ask.closed_at) == ("withdrawn", NOW)
    with pytest.raises(Invalid) as exc:
        services.close_need(ask, "open")
    assert "status" in exc.value.errors


def test_a_closed_ask_can_be_reopened(alice, ana):
    ask = services.add_ask(alice, person=ana, kind="hire", topic="a designer")
    services.close_need(ask, "withdrawn")
    services.reopen_need(ask)
    ask.refresh_from_db()
    assert (ask.status, ask.closed_at) == ("open", None)
    assert list(services.open_asks(alice, TODAY)) == [ask]


def test_reopening_one_whose_expiry_passed_needs_a_new_day(alice, ana, clock):
    ask = services.add_ask(alice, person=ana, kind="hire", topic="a designer", expires_on=TODAY)
    clock.advance(days=2)
    with pytest.raises(Invalid) as exc:
        services.reopen_need(ask)
    assert exc.value.errors == {"expires_on": "passed on 2026-03-10; give a new expiry day to reopen it"}
    with pytest.raises(Invalid):
        services.reopen_need(ask, expires_on=TODAY + timedelta(days=1))
    services.reopen_need(ask, expires_on=TODAY + timedelta(days=9))
    assert ask.is_open(TODAY + timedelta(days=2))


def test_open_asks_and_offers_leave_out_closed_expired_and_other_owners_ones(alice, bob, ana, make_person, clock):
    lasting = services.add_ask(alice, person=ana, kind="hire", topic="a designer")
    last_day = services.add_ask(alice, person=None, kind="advice", topic="pricing", expires_on=TODAY)
    services.close_need(services.add_ask(alice, person=ana, kind="job", topic="a role"), "done")
    services.add_ask(bob, person=make_person("Bo Chen", owner=bob), kind="hire", topic="a designer")
    offer = services.add_offer(alice, person=ana, kind="expertise", topic="Rust", expires_on=TODAY)
    assert set(services.open_asks(alice, TODAY)) == {lasting, last_day}
    tomorrow = TODAY + timedelta(days=1)
    assert list(services.open_asks(alice, tomorrow)) == [lasting]
    assert last_day.state(tomorrow) == "expired"
    assert list(services.open_offers(alice, TODAY)) == [offer]
    assert not services.open_offers(alice, tomorrow).exists()
