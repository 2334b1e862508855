"""Introductions in a real browser at phone size: propose one through the form, move it to "made" with the
board's one-click buttons, and find the new tie and the ledger entry on the first person's page."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_user_proposes_an_introduction_makes_it_and_sees_the_tie_and_the_ledger_entry(page, django_user_model):
    from playwright.sync_api import expect

    from netweave.givefirst.models import Exchange, Introduction
    from netweave.people.services import create_person, ensure_default_circles, new_origin

    user = django_user_model.objects.create_user("ana", password="a-long-password")
    ensure_default_circles(user)
    origin = new_origin(user, "web", "test")
    bo = create_person(user, {"display_name": "Bo Chen", "circle": "inner"}, origin=origin)
    create_person(user, {"display_name": "Cy Diaz", "circle": "close"}, origin=origin)

    page.goto("/")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))

    page.get_by_role("navigation").get_by_role("link", name="Introductions").click()
    page.get_by_role("heading", name="Introductions", exact=True).wait_for()
    form = page.locator("form.propose")
    form.locator("input[name=a]").fill("Bo Chen")
    form.locator("input[name=b]").fill("Cy Diaz")
    form.locator("textarea[name=reason]").fill("Both are hiring their first engineers")
    form.get_by_role("button", name="Propose the introduction").click()
    page.wait_for_url(re.compile(r"/introductions/\d+/$"))
    expect(page.get_by_text("Proposed introducing Bo Chen to Cy Diaz.")).to_be_visible()

    page.goto("/introductions/")
    board = page.locator("#board")
    # Each click answers with the refreshed board; wait for the card to reach its new state before the next.
    steps = (("I asked Bo Chen", "asked_a", "asked A"), ("Bo Chen said yes", "a_agreed", "A agreed"),
             ("I asked Cy Diaz", "asked_b", "asked B"), ("Cy Diaz said yes", "b_agreed", "B agreed"),
             ("Introduced them", "made", "made"))
    for button, state, status in steps:
        board.get_by_role("button", name=button).click()
        expect(page.locator(f"#state-{state} article.intro")).to_have_count(1)
        if state != "made":
            expect(board.get_by_role("status")).to_have_text(f"Bo Chen ↔ Cy Diaz: {status}.")
    expect(board.get_by_role("status")).to_contain_text("Introduced Bo Chen and Cy Diaz")
    expect(page.locator("#state-made")).to_contain_text("Bo Chen ↔ Cy Diaz")
    expect(page.locator("#state-proposed article.intro")).to_have_count(0)

    page.goto(f"/people/{bo.pk}/")
    page.get_by_role("heading", name="Bo Chen", exact=True).wait_for()
    ties = page.locator(".card", has=page.get_by_role("heading", name="Ties", exact=True))
    expect(ties).to_contain_text("introduced Cy Diaz")
    panel = page.locator("#givefirst")
    expect(panel).to_contain_text("You gave 1, received 0")
    expect(panel.locator("li[id^=exchange-]")).to_contain_text("introduction")
    expect(panel.locator("li[id^=exchange-]")).to_contain_text("You gave Bo Chen")
    assert Introduction.objects.get(owner=user).state == "made"
    assert Exchange.objects.filter(owner=user, kind="introduction").count() == 2
