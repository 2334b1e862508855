"""Search everywhere in a real browser at phone size: the header box, then live results as one types."""

from __future__ import annotations

import os
import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_user_searches_from_the_header_and_narrows_the_results_as_she_types(page, django_user_model):
    from netweave.people.services import create_person, ensure_default_circles, new_origin

    user = django_user_model.objects.create_user("ana", password="a-long-password")
    ensure_default_circles(user)
    origin = new_origin(user, "web", "test")
    create_person(user, {"display_name": "Zoë Martin", "expertise": ["Rust"], "organisation": "Tidewater",
                         "title": "CTO", "notes": "<b>Bold</b> claims about embedded Rust"}, origin=origin)
    create_person(user, {"display_name": "李小龙", "organisation": "東京大学"}, origin=origin)

    page.goto("/")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))

    page.get_by_role("search").first.get_by_label("Search everything").fill("zoe")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=zoe"))
    results = page.locator("#search-results")
    assert "Zoë Martin" in results.inner_text()

    box = page.locator("#search-q")
    box.fill("東京")
    page.locator("#search-results").get_by_text("東京大学").first.wait_for()
    box.fill("rust")
    page.get_by_role("heading", name="Who knows about “rust”").wait_for()
    assert "Zoë Martin" in page.locator(".experts").inner_text()
    assert page.locator("#search-results mark").first.inner_text().lower() == "rust"
    assert "<b>Bold</b>" in results.inner_text()  # stored markup is shown as text, never as HTML
    if os.environ.get("NETWEAVE_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["NETWEAVE_SCREENSHOTS"], "search.png"), full_page=True)
