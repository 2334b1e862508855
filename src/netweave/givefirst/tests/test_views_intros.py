"""The introductions pages: the board with one-click moves, one introduction with its drafts and history, the
propose form with its refusals, suggestions, and the home page's count of introductions waiting on me."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from netweave.givefirst import introductions, services
from netweave.givefirst.helping import help_this_week
from netweave.givefirst.models import Exchange, Introduction
from netweave.givefirst.suggestions import suggest_introductions
from netweave.nurture.tests.today_support import clock, strength  # noqa: F401  (clock pins today)
from netweave.people.models import Tie
from netweave.people.services import link_people

State = Introduction.State
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def ana(make_person):
    return make_person("Ana Lima", organisation="Solar Co", title="CTO")


@pytest.fixture
def bo(make_person):
    return make_person("Bo Chen")


@pytest.fixture
def intro(alice, ana, bo):
    return introductions.propose(alice, ana, bo, reason="Both build heat pumps")


def advance_to(intro, *states):
    for state in states:
        introductions.advance(intro, state)
    return intro


def test_a_stranger_gets_404_on_an_introduction_and_every_move_of_it(client, charlie, intro):
    client.force_login(charlie)
    assert client.get(reverse("givefirst:introduction", args=[intro.pk])).status_code == 404
    for to in (State.ASKED_A, State.DECLINED, State.EXPIRED):
        response = client.post(reverse("givefirst:advance", args=[intro.pk]), {"to": to, "expected": "proposed"})
        assert response.status_code == 404, to
    page = client.get(reverse("givefirst:propose"), {"a": intro.person_a_id, "b": intro.person_b_id}).content.decode()
    assert "Ana Lima" not in page and "Bo Chen" not in page  # the prefill reads only his own people
    intro.refresh_from_db()
    assert intro.state == State.PROPOSED and intro.steps.count() == 1


def test_strangers_and_other_users_see_none_of_alices_introductions(client, bob, charlie, intro):
    for user in (bob, charlie):
        client.force_login(user)
        for url in (reverse("givefirst:introductions"), reverse("givefirst:suggestions"), reverse("home")):
            page = client.get(url).content.decode()
            assert "Ana Lima" not in page and "Bo Chen" not in page and "heat pumps" not in page, (user, url)


def test_the_pages_need_a_login(client, intro):
    for url in (reverse("givefirst:introductions"), reverse("givefirst:introduction", args=[intro.pk]),
                reverse("givefirst:propose"), reverse("givefirst:suggestions")):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_the_board_shows_each_state_with_its_cards_reasons_and_next_moves(client, alice, intro, make_person):
    other = advance_to(introductions.propose(alice, make_person("Cy Diaz"), make_person("Di Evans"), reason="Chess"),
                       State.ASKED_A, State.A_AGREED)
    client.force_login(alice)
    page = client.get(reverse("givefirst:introductions")).content.decode()
    for label in ("Proposed", "Asked A", "A agreed", "Asked B", "B agreed", "Made", "Declined", "Expired"):
        assert label in page
    assert "Ana Lima ↔ Bo Chen" in page and "Both build heat pumps" in page and "Cy Diaz ↔ Di Evans" in page
    assert "I asked Ana Lima" in page and "I asked Di Evans" in page  # each card's forward move
    assert "Yes: ana lima said no" in page and "Yes: di evans said no" in page  # behind the confirm
    assert page.index('id="state-proposed"') < page.index(f'id="intro-{intro.pk}"') < page.index('id="state-asked_a"')
    assert page.index('id="state-a_agreed"') < page.index(f'id="intro-{other.pk}"') < page.index('id="state-asked_b"')


def test_a_one_click_move_with_htmx_answers_with_the_refreshed_board(client, alice, intro):
    client.force_login(alice)
    response = client.post(reverse("givefirst:advance", args=[intro.pk]), {"to": "asked_a", "expected": "proposed"},
                           HTTP_HX_TARGET="board", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<div id="board">')
    assert "Ana Lima ↔ Bo Chen: asked A." in html and "Ana Lima said yes" in html
    assert html.index('id="state-asked_a"') < html.index(f'id="intro-{intro.pk}"') < html.index('id="state-a_agreed"')
    intro.refresh_from_db()
    assert intro.state == State.ASKED_A


def test_moving_without_javascript_redirects_back_with_a_message(client, alice, intro):
    client.force_login(alice)
    response = client.post(reverse("givefirst:advance", args=[intro.pk]),
                           {"to": "asked_a", "expected": "proposed", "next": reverse("givefirst:introductions")})
    assert response.status_code == 302 and response["Location"] == reverse("givefirst:introductions")
    response = client.post(reverse("givefirst:advance", args=[intro.pk]),
                           {"to": "a_agreed", "expected": "asked_a", "next": "https://evil.example/"})
    assert response["Location"] == reverse("givefirst:introduction", args=[intro.pk])
    assert "Ana Lima ↔ Bo Chen: A agreed." in client.get(response["Location"]).content.decode()


def test_an_illegal_move_is_a_clear_message_and_changes_nothing(client, alice, intro):
    client.force_login(alice)
    response = client.post(reverse("givefirst:advance", args=[intro.pk]), {"to": "made", "expected": "proposed"},
                           HTTP_HX_TARGET="introduction", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and 'class="error"' in html
    assert "cannot go from proposed to made" in html
    intro.refresh_from_db()
    assert intro.state == State.PROPOSED and intro.steps.count() == 1 and not Tie.objects.exists()


def test_a_move_someone_made_meanwhile_is_a_conflict_message_showing_the_state_now(client, alice, intro):
    client.force_login(alice)
    advance_to(intro, State.ASKED_A)  # in another tab, say
    for headers in ({"HTTP_HX_TARGET": "board", **HTMX}, {"HTTP_HX_TARGET": "introduction", **HTMX}):
        response = client.post(reverse("givefirst:advance", args=[intro.pk]),
                               {"to": "asked_a", "expected": "proposed"}, **headers)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Someone moved this introduction on meanwhile: it is now asked A. Nothing was changed." in html
    response = client.post(reverse("givefirst:advance", args=[intro.pk]), {"to": "asked_a", "expected": "proposed"},
                           follow=True)
    assert response.status_code == 200 and "it is now asked A" in response.content.decode()
    assert list(intro.steps.values_list("to_state", flat=True)) == ["proposed", "asked_a"]


def test_the_introduction_page_shows_the_draft_for_the_next_step_and_keeps_what_i_send(client, alice, intro):
    client.force_login(alice)
    url = reverse("givefirst:introduction", args=[intro.pk])
    page = client.get(url).content.decode()
    assert "Next: Ask Ana Lima" in page and '<textarea id="message-asked_a" name="message"' in page
    assert "Both build heat pumps" in page.split('id="message-asked_a"')[1].split("</textarea>")[0]
    response = client.post(reverse("givefirst:advance", args=[intro.pk]),
                           {"to": "asked_a", "expected": "proposed", "message": "Hi Ana, fancy meeting Bo?",
                            "note": "by text"}, HTTP_HX_TARGET="introduction", **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="introduction">') and "Next: When Ana Lima says yes" in html
    step = intro.steps.get(to_state="asked_a")
    assert step.message == "Hi Ana, fancy meeting Bo?" and step.note == "by text"
    assert "Hi Ana, fancy meeting Bo?" in html and "Proposed → <strong>asked A</strong>" in html


def test_a_made_introduction_shows_its_ledger_entries_and_takes_an_outcome(client, alice, intro):
    advance_to(intro, State.ASKED_A, State.A_AGREED, State.ASKED_B, State.B_AGREED, State.MADE)
    client.force_login(alice)
    page = client.get(reverse("givefirst:introduction", args=[intro.pk])).content.decode()
    assert "How did it go?" in page and "They are now linked" in page
    assert page.count("the introduction</a>") == 2 and "You gave" in page
    response = client.post(reverse("givefirst:advance", args=[intro.pk]),
                           {"to": "concluded", "expected": "made", "outcome": "hired"})
    assert response.status_code == 302
    intro.refresh_from_db()
    assert intro.state == State.CONCLUDED and intro.outcome == "hired"
    assert "A hire" in client.get(reverse("givefirst:introduction", args=[intro.pk])).content.decode()


def test_concluding_without_an_outcome_says_so(client, alice, intro):
    advance_to(intro, State.ASKED_A, State.A_AGREED, State.ASKED_B, State.B_AGREED, State.MADE)
    client.force_login(alice)
    response = client.post(reverse("givefirst:advance", args=[intro.pk]), {"to": "concluded", "expected": "made"},
                           HTTP_HX_TARGET="introduction", **HTMX)
    assert "say how it turned out" in response.content.decode()
    intro.refresh_from_db()
    assert intro.state == State.MADE


def test_a_no_after_a_agreed_is_recorded_as_bs(client, alice, intro):
    advance_to(intro, State.ASKED_A, State.A_AGREED, State.ASKED_B)
    client.force_login(alice)
    page = client.get(reverse("givefirst:introductions")).content.decode()
    assert "Yes: bo chen said no" in page
    client.post(reverse("givefirst:advance", args=[intro.pk]), {"to": "declined", "expected": "asked_b"})
    intro.refresh_from_db()
    assert intro.state == State.DECLINED and intro.declined_by == "b"
    assert "by Bo Chen" in client.get(reverse("givefirst:introduction", args=[intro.pk])).content.decode()


def test_proposing_through_the_form_opens_the_new_introduction(client, alice, ana, bo):
    client.force_login(alice)
    response = client.post(reverse("givefirst:propose"), {"a": "Ana Lima", "b": "Bo Chen", "reason": "Heat pumps"})
    intro = Introduction.objects.get(owner=alice)
    assert response.status_code == 302 and response["Location"] == reverse("givefirst:introduction", args=[intro.pk])
    assert (intro.person_a, intro.person_b, intro.reason, intro.state) == (ana, bo, "Heat pumps", State.PROPOSED)


def test_the_propose_form_shows_a_refusal_as_a_form_error(client, alice, ana, bo, make_person):
    client.force_login(alice)
    url = reverse("givefirst:propose")
    page = client.post(url, {"a": "Ana Lima", "b": "Ana Lima", "reason": "x"}).content.decode()
    assert "cannot introduce Ana Lima to themselves" in page and 'id="id_b-errors"' in page
    link_people(alice, ana, bo, "colleague")
    page = client.post(url, {"a": "Ana Lima", "b": "Bo Chen", "reason": "x"}).content.decode()
    assert "already know each other (colleague)" in page
    make_person("Bo Chen")
    page = client.post(url, {"a": "Ana Lima", "b": "Bo Chen", "reason": "x"}).content.decode()
    assert "Who is &#x27;Bo Chen&#x27;? Write one of:" in page
    page = client.post(url, {"a": "Nobody Here", "b": "Ana Lima", "reason": "x"}).content.decode()
    assert "&#x27;Nobody Here&#x27;" in page and 'id="id_a-errors"' in page  # nobody, or who of several
    assert not Introduction.objects.exists()


def test_the_propose_form_is_prefilled_from_the_link_on_a_persons_page(client, alice, ana, bo):
    ask = services.add_ask(alice, person=bo, kind="hire", topic="a heat pump engineer")
    client.force_login(alice)
    page = client.get(reverse("givefirst:propose"), {"a": ana.pk, "b": bo.pk, "ask": ask.pk}).content.decode()
    assert 'value="Ana Lima"' in page and 'value="Bo Chen"' in page
    assert f'<option value="{ask.pk}" selected>Bo Chen: a hire, a heat pump engineer</option>' in page
    response = client.post(reverse("givefirst:propose"), {"a": "Ana Lima", "b": "Bo Chen", "reason": "x",
                                                          "ask": ask.pk})
    assert response.status_code == 302 and Introduction.objects.get(owner=alice).ask == ask


def test_proposing_with_someone_elses_ask_is_refused(client, alice, bob, ana, bo, make_person):
    foreign = services.add_ask(bob, person=make_person("Ed Fox", owner=bob), kind="job", topic="a job")
    client.force_login(alice)
    page = client.post(reverse("givefirst:propose"), {"a": "Ana Lima", "b": "Bo Chen", "reason": "x",
                                                      "ask": foreign.pk}).content.decode()
    assert "That is not one of your asks." in page and not Introduction.objects.exists()


def test_the_home_page_counts_the_introductions_waiting_on_me(client, alice, intro, make_person):
    introductions.propose(alice, make_person("Cy Diaz"), make_person("Di Evans"), reason="Chess")
    advance_to(intro, State.ASKED_A)  # waiting on Ana, not on me
    client.force_login(alice)
    page = client.get(reverse("home")).content.decode()
    assert "1 introduction waiting on you" in page
    advance_to(intro, State.A_AGREED)
    assert "2 introductions waiting on you" in client.get(reverse("home")).content.decode()


@pytest.fixture
def network(alice, make_person, clock):  # noqa: F811
    """Ana needs fundraising advice and Bo knows fundraising; I am close enough to both to ask."""
    ana = make_person("Ana Lima", interests=["climate"])
    bo = make_person("Bo Chen", expertise=["fundraising"], interests=["climate"])
    for person, score in ((ana, 70), (bo, 80)):
        strength(person, score)
    ask = services.add_ask(alice, person=ana, kind="advice", topic="fundraising for a seed round")
    services.add_offer(alice, person=bo, kind="mentoring", topic="fundraising")
    return {"ana": ana, "bo": bo, "ask": ask}


def test_suggested_pairs_show_their_reasons_and_are_proposed_in_one_click(client, alice, network):
    client.force_login(alice)
    page = client.get(reverse("givefirst:suggestions")).content.decode()
    found = suggest_introductions(alice, limit=10)
    assert found
    for s in found:
        assert f"{s.a_name}</a> ↔ <a href=\"{reverse('people:detail', args=[s.b_id])}\">{s.b_name}</a>" in page
        for why in s.reasons:
            assert escape(why) in page
    first = found[0]
    response = client.post(reverse("givefirst:propose"), {
        "a": f"{first.a_name} #{first.a_id}", "b": f"{first.b_name} #{first.b_id}",
        "reason": "; ".join(first.reasons), "ask": first.ask_id or ""})
    intro = Introduction.objects.get(owner=alice)
    assert response.status_code == 302 and (intro.person_a_id, intro.person_b_id) == (first.a_id, first.b_id)
    assert intro.ask_id == first.ask_id and intro.reason == "; ".join(first.reasons)
    assert not Exchange.objects.exists()
    after = client.get(reverse("givefirst:suggestions")).content.decode()
    assert f'value="{first.a_name} #{first.a_id}"' not in after  # proposed: no longer suggested


def test_the_home_page_loads_who_i_can_help_this_week_after_itself(client, alice, network):
    client.force_login(alice)
    page = client.get(reverse("home")).content.decode()
    home_section = page.split('id="help-this-week"')[1].split("</section>")[0]
    assert f'hx-get="{reverse("givefirst:help_this_week")}"' in home_section
    section = client.get(reverse("givefirst:help_this_week"), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in section
    items = help_this_week(alice)
    assert items and items[0].ask_id == network["ask"].pk
    for item in items:
        assert item.display_name in section and escape(item.topic) in section and escape(item.why[1:]) in section


def test_the_help_this_week_page_works_without_javascript_and_shows_a_stranger_nothing(client, alice, charlie,
                                                                                       network):
    client.force_login(alice)
    page = client.get(reverse("givefirst:help_this_week")).content.decode()
    assert "<html" in page and help_this_week(alice)[0].display_name in page
    client.force_login(charlie)
    page = client.get(reverse("givefirst:help_this_week")).content.decode()
    assert help_this_week(alice)[0].display_name not in page and "Nobody's open ask" in page
