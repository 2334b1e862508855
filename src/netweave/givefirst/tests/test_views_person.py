"""Give first on a person's page: the balance and latest exchanges, recording one, their asks and offers with
their buttons, the asks they could help with, and a query count that does not grow with the ledger."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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


def give(owner, giver, receiver, kind="favour", note="", days_ago=1):
    return services.record_exchange(owner, kind=kind, giver=giver, receiver=receiver, note=note,
                                    day=date.today() - timedelta(days=days_ago))


def test_a_stranger_gets_404_for_every_change_to_someone_elses_person(client, alice, charlie, ana, bo):
    exchange = give(alice, None, ana)
    ask = services.add_ask(alice, person=ana, kind="job", topic="a design job")
    offer = services.add_offer(alice, person=ana, kind="review", topic="portfolio reviews")
    client.force_login(charlie)
    posts = [
        (reverse("givefirst:exchange_add", args=[ana.pk]), {"direction": "gave", "kind": "advice"}),
        (reverse("givefirst:ask_add", args=[ana.pk]), {"ask-kind": "job", "ask-topic": "x"}),
        (reverse("givefirst:offer_add", args=[ana.pk]), {"offer-kind": "review", "offer-topic": "x"}),
        (reverse("givefirst:exchange_delete", args=[exchange.pk]), {"person": ana.pk}),
        (reverse("givefirst:ask_done", args=[ask.pk]), {}),
        (reverse("givefirst:ask_withdrawn", args=[ask.pk]), {}),
        (reverse("givefirst:ask_reopen", args=[ask.pk]), {}),
        (reverse("givefirst:offer_done", args=[offer.pk]), {}),
        (reverse("givefirst:offer_withdrawn", args=[offer.pk]), {}),
        (reverse("givefirst:offer_reopen", args=[offer.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
        assert client.post(url, data, **HTMX).status_code == 404, url
    assert client.get(reverse("people:detail", args=[ana.pk])).status_code == 404
    assert Exchange.objects.count() == 1 and Ask.objects.get().status == "open" and Offer.objects.get().status == "open"
    assert Ask.objects.count() == 1 and Offer.objects.count() == 1


def test_the_person_page_shows_the_balance_latest_exchanges_asks_and_offers(client, alice, ana, bo):
    for _ in range(6):
        give(alice, None, ana, kind="advice")
    give(alice, ana, None, kind="referral", note="sent me a client")
    give(alice, ana, bo, kind="introduction")
    services.add_ask(alice, person=ana, kind="job", topic="a design job")
    services.add_offer(alice, person=ana, kind="review", topic="portfolio reviews")
    client.force_login(alice)
    page = client.get(reverse("people:detail", args=[ana.pk])).content.decode()
    panel = page.split('id="givefirst"')[1]
    assert "You gave 6, received 1; brokered 1" in panel
    assert "gave you" in panel and "sent me a client" in panel and "gave <a" in panel and ", through you" in panel
    assert panel.count('id="exchange-') == 5  # the latest few; the Give & take page has the rest
    assert "A job</strong>: a design job" in panel and "A review</strong>: portfolio reviews" in panel
    assert f'href="{reverse("givefirst:propose")}?a={ana.pk}"' in panel and "Introduce Ana Lima to…" in panel


def test_recording_an_exchange_without_javascript_goes_back_to_the_person(client, alice, ana):
    client.force_login(alice)
    response = client.post(reverse("givefirst:exchange_add", args=[ana.pk]),
                           {"direction": "received", "kind": "advice", "note": "pricing tips"})
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", args=[ana.pk])
    exchange = Exchange.objects.get(owner=alice)
    assert (exchange.giver, exchange.receiver, exchange.kind, exchange.note) == (ana, None, "advice", "pricing tips")
    assert "Recorded: advice (Ana Lima gave you)." in client.get(response["Location"]).content.decode()


def test_recording_an_exchange_with_htmx_answers_with_the_refreshed_panel(client, alice, ana):
    client.force_login(alice)
    response = client.post(reverse("givefirst:exchange_add", args=[ana.pk]),
                           {"direction": "gave", "kind": "favour", "day": "2025-01-05"}, **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="givefirst"') and "You gave 1, received 0" in html
    assert "Recorded: favour (you gave Ana Lima)." in html and "5 Jan 2025" in html


def test_a_brokered_exchange_names_the_other_person_and_reads_their_name_like_other_forms(client, alice, ana, bo,
                                                                                         make_person):
    client.force_login(alice)
    url = reverse("givefirst:exchange_add", args=[ana.pk])
    html = client.post(url, {"direction": "they_gave", "kind": "referral"}, **HTMX).content.decode()
    assert "Name the other person" in html and not Exchange.objects.exists()
    client.post(url, {"direction": "they_got", "kind": "referral", "other": "Bo Chen"}, **HTMX)
    exchange = Exchange.objects.get()
    assert (exchange.giver, exchange.receiver) == (bo, ana)
    make_person("Bo Chen")
    html = client.post(url, {"direction": "they_gave", "kind": "referral", "other": "Bo Chen"}, **HTMX).content.decode()
    assert "Who is &#x27;Bo Chen&#x27;? Write one of:" in html and Exchange.objects.count() == 1
    client.post(url, {"direction": "they_gave", "kind": "referral", "other": f"Bo Chen #{bo.pk}"}, **HTMX)
    assert Exchange.objects.filter(giver=ana, receiver=bo).exists()


def test_a_refused_exchange_shows_why_on_the_open_form(client, alice, ana):
    client.force_login(alice)
    future = (date.today() + timedelta(days=30)).isoformat()
    html = client.post(reverse("givefirst:exchange_add", args=[ana.pk]),
                       {"direction": "gave", "kind": "favour", "day": future}, **HTMX).content.decode()
    assert 'class="error"' in html and "<details open>" in html and not Exchange.objects.exists()
    html = client.post(reverse("givefirst:exchange_add", args=[ana.pk]),
                       {"direction": "they_gave", "kind": "favour", "other": "Ana Lima"}, **HTMX).content.decode()
    assert 'class="error"' in html and not Exchange.objects.exists()


def test_removing_an_exchange_refreshes_the_panel_of_the_person_shown(client, alice, ana, bo):
    exchange = give(alice, ana, bo)
    client.force_login(alice)
    html = client.post(reverse("givefirst:exchange_delete", args=[exchange.pk]), {"person": bo.pk},
                       **HTMX).content.decode()
    assert f"/people/{bo.pk}/give/" in html and "Removed the exchange." in html and not Exchange.objects.exists()


def test_asks_and_offers_are_added_and_closed_from_the_panel(client, alice, ana):
    client.force_login(alice)
    html = client.post(reverse("givefirst:ask_add", args=[ana.pk]),
                       {"ask-kind": "funding", "ask-topic": "a seed round", "ask-details": "about 1m"},
                       **HTMX).content.decode()
    ask = Ask.objects.get(owner=alice, person=ana)
    assert (ask.kind, ask.topic, ask.details) == ("funding", "a seed round", "about 1m")
    assert "Noted Ana Lima&#x27;s ask: a seed round." in html and f'id="ask-{ask.pk}"' in html
    html = client.post(reverse("givefirst:offer_add", args=[ana.pk]), {"offer-kind": "mentoring", "offer-topic": ""},
                       **HTMX).content.decode()
    assert "This field is required." in html and not Offer.objects.exists()
    html = client.post(reverse("givefirst:ask_done", args=[ask.pk]), **HTMX).content.decode()
    assert html.lstrip().startswith(f'<li id="ask-{ask.pk}"') and "Done: a seed round." in html and ">done<" in html
    assert "reopen" in html
    ask.refresh_from_db()
    assert ask.status == "done"
    client.post(reverse("givefirst:ask_reopen", args=[ask.pk]), **HTMX)
    ask.refresh_from_db()
    assert ask.status == "open"


def test_the_panel_lists_open_asks_this_person_could_help_with(client, alice, ana, bo):
    services.add_ask(alice, person=bo, kind="funding", topic="fundraising for a seed round")
    services.add_offer(alice, person=ana, kind="expertise", topic="fundraising and seed rounds")
    client.force_login(alice)
    panel = client.get(reverse("people:detail", args=[ana.pk])).content.decode().split('id="givefirst"')[1]
    helps = panel.split("Asks they could help with")[1]
    assert "Bo Chen</a> needs funding: fundraising for a seed round" in helps
    assert f"?a={bo.pk}&amp;b={ana.pk}&amp;ask=" in helps


def test_the_person_page_reads_no_more_queries_with_many_exchanges(client, alice, ana, bo,
                                                                   django_assert_max_num_queries):
    give(alice, None, ana)
    give(alice, ana, bo, kind="referral")
    services.add_ask(alice, person=ana, kind="job", topic="a design job")
    client.force_login(alice)
    url = reverse("people:detail", args=[ana.pk])
    client.get(url)  # warm the session and the user's settings
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(40):
        give(alice, None if n % 2 else ana, ana if n % 2 else bo, kind="advice", days_ago=n % 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
