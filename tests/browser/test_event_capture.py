"""An event, planned and then captured, in a real browser at phone size: three people met, a line each."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINES = """Ana Lima — works on grid batteries; send her the deck by Friday
Bo Chen, CTO at Voltwise — building a battery startup
+ Cy Diaz, Voltwise — Bo's co-founder"""


def test_alice_creates_an_event_captures_whom_she_met_and_sees_them_everywhere(page, django_user_model):
    from netweave.people.services import create_person, ensure_default_circles, new_origin

    alice = django_user_model.objects.create_user("alice", password="alice-password")
    ensure_default_circles(alice)
    ana = create_person(alice, {"display_name": "Ana Lima", "organisation": "Acme"},
                        origin=new_origin(alice, "web", "test"))

    page.goto("/")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("alice-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))

    page.get_by_role("link", name="Events", exact=True).first.click()
    page.get_by_role("heading", name="Plan an event").wait_for()
    page.get_by_label("Name", exact=False).first.fill("Climate Tech Summit")
    page.get_by_label("Starts").fill("today")
    page.get_by_label("Location").fill("Lisbon")
    page.get_by_role("button", name="Plan it").click()
    page.get_by_role("heading", name="Climate Tech Summit").wait_for()

    page.get_by_role("link", name="Capture whom you met").click()
    page.get_by_label("Whom you met, one person a line").fill(LINES)
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#preview")
    preview.wait_for()
    assert "Known: Ana Lima" in preview.inner_text()
    assert "New person: Bo Chen, CTO at Voltwise" in preview.inner_text()
    assert "Follow-up: send her the deck by Friday" in preview.inner_text()
    assert "Met together, so tied “met at”: Bo Chen and Cy Diaz." in preview.inner_text()

    page.get_by_role("button", name="Save").click()
    page.get_by_text("Captured 3 people at Climate Tech Summit; new: Bo Chen, Cy Diaz; 1 follow-up; "
                     "1 met-together tie.").wait_for()
    people = page.locator("#people").inner_text()
    assert "Ana Lima" in people and "Bo Chen" in people and "Cy Diaz" in people

    page.locator("#people").get_by_role("link", name="Bo Chen").click()
    page.get_by_role("heading", name="Bo Chen").wait_for()
    assert "Climate Tech Summit" in page.locator("#timeline").inner_text()

    page.goto("/")
    follow_ups = page.locator("#follow-ups").inner_text()
    assert "send her the deck by Friday" in follow_ups and "Ana Lima" in follow_ups
    assert ana.follow_ups.count() == 1
