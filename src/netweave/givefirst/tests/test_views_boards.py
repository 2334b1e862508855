"""The Give & take page and the asks-and-offers board: one-sided relationships, recent exchanges, my own asks
and offers, the board's filters and expired section, and each ask's helpers loaded lazily."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from netweave.givefirst import services
from netweave.givefirst.models import Ask, Exchange, Offer

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def ana(make_person):
    return make_person("Ana Lima")


@pytest.fixture
def bo(make_person):
    return make_person("Bo Chen")


def days_ago(n: int) -> date:
    return date.today() - timedelta(days=n)


@pytest.fixture
def lapsed_ask(alice, bo):
    """An ask whose expiry day has passed: written straight to the table, as the service refuses a past day."""
    ask = services.add_ask(alice, person=bo, kind="advice", topic="a visa lawyer", expires_on=date.today())
    Ask.objects.filter(pk=ask.pk).update(expires_on=days_ago(3))
    return ask


def test_a_stranger_gets_404_for_an_asks_helpers(client, alice, charlie, bo):
    ask = services.add_ask(alice, person=bo, kind="hire", topic="a Haskell engineer")
    client.force_login(charlie)
    url = reverse("givefirst:ask_helpers", args=[ask.pk])
    assert client.get(url).status_code == 404 and client.get(url, **HTMX).status_code == 404


def test_other_users_see_none_of_alices_ledger_asks_or_offers(client, alice, bob, charlie, ana, bo):
    for _ in range(3):
        services.record_exchange(alice, kind="favour", giver=None, receiver=ana)
    services.add_ask(alice, person=bo, kind="hire", topic="a Haskell engineer")
    services.add_ask(alice, person=None, kind="advice", topic="pricing my consulting")
    services.add_offer(alice, person=ana, kind="mentoring", topic="product management")
    for user in (bob, charlie):
        client.force_login(user)
        for url in (reverse("givefirst:give"), reverse("givefirst:asks"), reverse("givefirst:asks") + "?status=all",
                    reverse("home")):
            page = client.get(url).content.decode()
            for secret in ("Ana Lima", "Bo Chen", "Haskell engineer", "pricing my consulting", "product management"):
                assert secret not in page, (user, url, secret)


def test_another_users_person_cannot_be_named_in_a_ledger_entry(client, alice, bob, make_person):
    make_person("Ed Fox", owner=bob)
    client.force_login(alice)
    response = client.post(reverse("givefirst:entry_add"), {"who": "Ed Fox", "direction": "gave", "kind": "favour"},
                           follow=True)
    assert "Nobody called &#x27;Ed Fox&#x27;" in response.content.decode() and not Exchange.objects.exists()


def test_the_give_page_shows_one_sided_relationships_with_a_nudge_and_recent_exchanges(client, alice, ana, bo):
    for n in range(4):
        services.record_exchange(alice, kind="advice", giver=ana, receiver=None, day=days_ago(n))
    services.record_exchange(alice, kind="favour", giver=None, receiver=bo, note="moved house")
    client.force_login(alice)
    page = client.get(reverse("givefirst:give")).content.decode()
    one_sided = page.split("All give, or all take")[1].split("</section>")[0]
    assert "Ana Lima" in one_sided and "you gave 0, received 4" in one_sided
    assert "Ana has helped you 4 times; is there something you could offer?" in one_sided
    assert "Bo Chen" not in one_sided  # once is not a pattern
    recent = page.split("Recent exchanges")[1]
    assert recent.count('id="exchange-') == 5 and "moved house" in recent


def test_recording_from_the_give_page_reads_the_name_like_other_forms(client, alice, ana, make_person):
    client.force_login(alice)
    response = client.post(reverse("givefirst:entry_add"),
                           {"who": "Ana Lima", "direction": "received", "kind": "endorsement"})
    assert response.status_code == 302 and response["Location"] == reverse("givefirst:give")
    assert Exchange.objects.get(owner=alice).giver == ana
    make_person("Ana Lima")
    response = client.post(reverse("givefirst:entry_add"), {"who": "Ana Lima", "direction": "gave", "kind": "favour"},
                           follow=True)
    assert "Who is &#x27;Ana Lima&#x27;? Write one of:" in response.content.decode()
    assert Exchange.objects.count() == 1


def test_my_own_asks_and_offers_are_added_and_closed_on_the_give_page(client, alice):
    client.force_login(alice)
    response = client.post(reverse("givefirst:my_ask_add"), {"ask-kind": "advice", "ask-topic": "pricing",
                                                             "next": reverse("givefirst:give")})
    assert response.status_code == 302
    ask = Ask.objects.get(owner=alice)
    assert ask.person is None and ask.topic == "pricing"
    client.post(reverse("givefirst:my_offer_add"), {"offer-kind": "review", "offer-topic": "pitch decks"})
    offer = Offer.objects.get(owner=alice)
    page = client.get(reverse("givefirst:give")).content.decode()
    mine = page.split("What I need, what I offer")[1]
    assert f'id="ask-{ask.pk}"' in mine and f'id="offer-{offer.pk}"' in mine and "pitch decks" in mine
    response = client.post(reverse("givefirst:offer_withdrawn", args=[offer.pk]), {"next": reverse("givefirst:give")})
    assert response["Location"] == reverse("givefirst:give")
    offer.refresh_from_db()
    assert offer.status == "withdrawn"
    assert f'id="offer-{offer.pk}"' not in client.get(reverse("givefirst:give")).content.decode()


def test_the_board_lists_open_asks_and_offers_with_expired_ones_apart(client, alice, ana, bo, lapsed_ask):
    mine = services.add_ask(alice, person=None, kind="advice", topic="pricing my consulting")
    hire = services.add_ask(alice, person=bo, kind="hire", topic="a Haskell engineer")
    done = services.add_ask(alice, person=ana, kind="job", topic="a design job")
    services.close_need(done, "done")
    services.add_offer(alice, person=ana, kind="mentoring", topic="product management")
    client.force_login(alice)
    page = client.get(reverse("givefirst:asks")).content.decode()
    asks = page.split('id="asks-heading"')[1].split("</section>")[0]
    assert "pricing my consulting" in asks and "Haskell engineer" in asks and "— you</span>" in asks
    assert "a design job" not in page and "a visa lawyer" not in asks
    assert "product management" in page.split('id="offers-heading"')[1]
    expired = page.split('id="expired-heading"')[1]
    assert "a visa lawyer" in expired and ">expired<" in expired
    # Each open ask loads its helpers when it comes into view, not with the page.
    for ask in (mine, hire):
        assert f'hx-get="{reverse("givefirst:ask_helpers", args=[ask.pk])}" hx-trigger="revealed"' in asks


def test_the_board_filters_by_kind_status_and_person(client, alice, ana, bo, lapsed_ask, make_person):
    services.add_ask(alice, person=None, kind="advice", topic="pricing my consulting")
    services.add_ask(alice, person=bo, kind="hire", topic="a Haskell engineer")
    done = services.add_ask(alice, person=ana, kind="job", topic="a design job")
    services.close_need(done, "done")
    client.force_login(alice)
    url = reverse("givefirst:asks")
    page = client.get(url, {"kind": "hire"}).content.decode()
    assert "Haskell engineer" in page and "pricing my consulting" not in page and "visa lawyer" not in page
    page = client.get(url, {"status": "done"}).content.decode()
    assert "a design job" in page and "Haskell engineer" not in page and 'id="expired-heading"' not in page
    page = client.get(url, {"person": "me"}).content.decode()
    assert "pricing my consulting" in page and "Haskell engineer" not in page
    page = client.get(url, {"person": "Bo Chen"}).content.decode()
    assert "Haskell engineer" in page and "visa lawyer" in page and "pricing my consulting" not in page
    make_person("Bo Chen")
    page = client.get(url, {"person": "Bo Chen"}).content.decode()
    assert "Who is &#x27;Bo Chen&#x27;?" in page and "Haskell engineer" not in page
    page = client.get(url, {"status": "nonsense", "kind": "hire"}).content.decode()
    assert "Haskell engineer" in page


@pytest.mark.parametrize("kind", ["a\x00b", "\x00", "bribe", "x" * 300])
def test_a_kind_the_board_does_not_know_is_ignored_not_an_error(client, alice, bo, kind):
    """A NUL in a filter used to reach the database, which PostgreSQL refuses (a 500)."""
    services.add_ask(alice, person=bo, kind="hire", topic="a Haskell engineer")
    client.force_login(alice)
    for params in ({"kind": kind}, {"kind": kind, "person": "me"}):
        response = client.get(reverse("givefirst:asks"), params)
        assert response.status_code == 200
    assert "Haskell engineer" in client.get(reverse("givefirst:asks"), {"kind": kind}).content.decode()


def test_an_asks_helpers_come_as_a_fragment_for_htmx_and_a_page_without(client, alice, ana, bo):
    ask = services.add_ask(alice, person=bo, kind="funding", topic="fundraising for a seed round")
    services.add_offer(alice, person=ana, kind="expertise", topic="fundraising and seed rounds")
    client.force_login(alice)
    url = reverse("givefirst:ask_helpers", args=[ask.pk])
    fragment = client.get(url, **HTMX).content.decode()
    assert "<html" not in fragment and "Ana Lima" in fragment and 'class="evidence"' in fragment
    assert f"?a={bo.pk}&amp;b={ana.pk}&amp;ask={ask.pk}" in fragment
    page = client.get(url).content.decode()
    assert "<html" in page and "Who could help" in page and "Ana Lima" in page


def test_done_on_the_board_with_htmx_swaps_only_that_row(client, alice, bo):
    ask = services.add_ask(alice, person=bo, kind="hire", topic="a Haskell engineer")
    client.force_login(alice)
    html = client.post(reverse("givefirst:ask_done", args=[ask.pk]), **HTMX,
                       HTTP_HX_CURRENT_URL="http://testserver/asks/?kind=hire").content.decode()
    assert html.lstrip().startswith(f'<li id="ask-{ask.pk}"') and "<html" not in html
    assert "Done: a Haskell engineer." in html and 'value="/asks/?kind=hire"' in html


def test_reopening_a_lapsed_ask_says_why_it_cannot(client, alice, lapsed_ask):
    services.close_need(lapsed_ask, "withdrawn")
    client.force_login(alice)
    html = client.post(reverse("givefirst:ask_reopen", args=[lapsed_ask.pk]), **HTMX).content.decode()
    assert 'class="error"' in html
    lapsed_ask.refresh_from_db()
    assert lapsed_ask.status == "withdrawn"
