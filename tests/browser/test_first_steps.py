"""A new user's first minutes, in a real browser at phone size."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_user_logs_in_adds_a_person_logs_an_interaction_and_sees_it_on_the_timeline(page, django_user_model):
    from netweave.people.services import ensure_default_circles

    user = django_user_model.objects.create_user("ana", password="a-long-password")
    ensure_default_circles(user)

    page.goto("/")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))

    page.get_by_role("link", name="People").first.click()
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Name", exact=True).fill("Bo Chen")
    page.get_by_label("Organisation (current)").fill("Tidewater")
    page.get_by_label("Title", exact=True).fill("Head of Data")
    page.get_by_label("Emails").fill("work: bo@tidewater.example")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", name="Bo Chen").wait_for()
    assert page.get_by_text("Head of Data at").is_visible()

    page.get_by_role("link", name="Log an interaction", exact=True).click()
    page.get_by_label("Summary").fill("Coffee about the data platform")
    page.get_by_label("Kind").select_option("meeting")
    page.get_by_label("When").fill("yesterday")
    page.get_by_role("button", name="Log it").click()

    page.get_by_role("heading", name="Bo Chen").wait_for()
    timeline = page.locator("#timeline")
    assert "Coffee about the data platform" in timeline.inner_text()

    page.get_by_label("Quick capture").fill("Call with Bo Chen today about hiring")
    page.get_by_role("button", name="Capture").click()
    page.get_by_text("Logged: Call with Bo Chen today about hiring").wait_for()
    page.goto(page.url)
    assert "Call with Bo Chen today about hiring" in page.locator("#timeline").inner_text()


def test_the_people_list_filters_as_you_type(page, django_user_model, client):
    from netweave.people.services import create_person, ensure_default_circles, new_origin

    user = django_user_model.objects.create_user("eve", password="a-long-password")
    ensure_default_circles(user)
    origin = new_origin(user, "web", "test")
    for name in ("José Álvarez", "Joanna Smith", "Wei Zhang"):
        create_person(user, {"display_name": name}, origin=origin)

    page.goto("/login/")
    page.get_by_label("Username").fill("eve")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))
    page.goto("/people/")
    page.get_by_placeholder("Search names, emails, organisations, tags").fill("jose")
    page.wait_for_function("document.querySelector('#results').innerText.includes('1 person')")
    assert "José Álvarez" in page.locator("#results").inner_text()
    assert "Wei Zhang" not in page.locator("#results").inner_text()
