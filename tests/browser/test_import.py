"""Bringing a LinkedIn export in from the browser: preview, import, see the people, undo."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONNECTIONS = (
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email addresses are missing."\r\n'
    "\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Ana,Lima,https://www.linkedin.com/in/ana-lima,ana@tidewater.example,Tidewater,Head of Data,09 Oct 2024\r\n"
    "Bo,Chen,https://www.linkedin.com/in/bo-chen,,Globex,CTO,10 Oct 2024\r\n"
)


def test_a_user_previews_imports_and_undoes_a_linkedin_export(page, django_user_model, tmp_path):
    from netweave.people.models import Person
    from netweave.people.services import ensure_default_circles

    user = django_user_model.objects.create_user("ana", password="a-long-password")
    ensure_default_circles(user)
    export = tmp_path / "Connections.csv"
    export.write_text(CONNECTIONS, encoding="utf-8", newline="")

    page.goto("/login/")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("a-long-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))

    page.get_by_role("link", name="Import").click()
    page.get_by_label("File", exact=True).set_input_files(str(export))
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("heading", name="Preview: Connections.csv").wait_for()
    assert "2 new people" in page.locator("#counts").inner_text()
    assert not Person.objects.filter(owner=user).exists()  # a preview writes nothing

    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_role("heading", name="Import of Connections.csv").wait_for()
    assert "2 created" in page.locator("#counts").inner_text()
    page.get_by_role("link", name="Ana Lima").click()
    page.get_by_role("heading", name="Ana Lima").wait_for()
    assert page.get_by_text("Head of Data at").is_visible()

    page.go_back()
    page.get_by_role("button", name="Undo this import").click()
    page.get_by_text("Undid the import of Connections.csv").wait_for()
    assert not Person.objects.filter(owner=user).exists()
