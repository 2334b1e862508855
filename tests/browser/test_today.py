"""The home page's "reach out today" list in a real browser at phone size: mark a check-in done."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_user_marks_a_check_in_done_and_it_leaves_the_list_and_joins_the_timeline(page, django_user_model):
    from django.utils import timezone

    from netweave.interactions.services import log_interaction
    from netweave.people.models import Person
    from netweave.people.services import create_person, ensure_default_circles, new_origin

    user = django_user_model.objects.create_user("ana", password="a-long-password")
    ensure_default_circles(user)
    origin = new_origin(user, "web", "test")
    bo = create_person(user, {"display_name": "Bo Chen", "circle": "inner"}, origin=origin)
    cy = create_person(user, {"display_name": "Cy Diaz", "circle": "close"}, origin=origin)
    Person.objects.filter(pk__in=[bo.pk, cy.pk]).update(created_at=timezone.now() - timedelta(days=100))
    log_interaction(user, kind="meeting", occurred_at=timezone.now() - timedelta(days=12), participants=[bo],
                    summary="Coffee about the launch")
    log_interaction(user, kind="call", occurred_at=timezone.now() - timedelta(days=45), participants=[cy],
                    summary="Call about hiring")

    page.goto("/")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))

    today = page.locator("#today")
    assert "Bo Chen" in today.inner_text() and "Cy Diaz" in today.inner_text()
    assert "Inner circle, every week: last contact 12 days ago, 5 days overdue" in today.inner_text()
    assert "Last time: Coffee about the launch" in today.inner_text()

    page.get_by_label("How you reached Bo Chen").select_option("call")
    page.get_by_role("button", name="Done with Bo Chen").click()
    page.get_by_text("Logged a call with Bo Chen.").wait_for()
    assert "Bo Chen" not in page.locator("#today ol").inner_text()
    assert "Cy Diaz" in page.locator("#today").inner_text()

    page.get_by_role("button", name="Snooze Cy Diaz for 3 days").click()
    page.get_by_text("Snoozed Cy Diaz until").wait_for()
    assert page.locator("#today ol").count() == 0

    page.goto(f"/people/{bo.pk}/")
    page.get_by_role("heading", name="Bo Chen").wait_for()
    assert "Checked in" in page.locator("#timeline").inner_text()
