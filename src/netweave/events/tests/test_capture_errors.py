"""A capture that cannot be saved says why, on the page, and writes nothing: errors the preview can see
before saving, and errors found only while saving."""

from __future__ import annotations

from django.utils.html import escape

from netweave.events.models import CapturedLine, EventPerson
from netweave.events.resolving import plan_capture
from netweave.interactions.models import Interaction
from netweave.people.models import Person

from netweave.events.tests.test_views import client_of


def test_the_preview_asks_first_when_two_new_people_share_an_address(alice, event):
    found = plan_capture(event, "Zed New <z@x.com>\nYan Other <Z@x.com>")
    assert [p.action for p in found.lines] == ["new", "error"]
    assert "line 1 (Zed New)" in found.problems["lines[1]"] and not found.ready


def test_one_new_person_on_two_lines_with_one_address_is_still_one_person(alice, event):
    found = plan_capture(event, "Zed New <z@x.com>\nzed new <z@x.com>")
    assert [p.action for p in found.lines] == ["new", "new"] and found.new_names == ["Zed New"]


def test_saving_two_new_people_with_one_address_shows_why_and_writes_nothing(alice, event):
    before = Person.objects.filter(owner=alice).count()
    page = client_of(alice).post(f"/events/{event.pk}/capture/",
                                 {"lines": "Zed New <z@x.com>\nYan Other <z@x.com>", "action": "save"})
    assert page.status_code == 422
    assert "z@x.com is also on line 1 (Zed New)" in page.content.decode()
    assert Person.objects.filter(owner=alice).count() == before
    assert not Interaction.objects.exists() and not CapturedLine.objects.exists()
    assert not EventPerson.objects.filter(event=event).exists()


def test_an_error_found_only_while_saving_is_shown_naming_its_line(alice, event, make_person):
    ana = make_person("Ana Lima", emails=["ana@x.com"])
    # Choosing "a new person" for a name whose address is taken fails only when the person is created.
    page = client_of(alice).post(f"/events/{event.pk}/capture/", {
        "lines": "Bo Chen\nAna Lima <ana@x.com>", "action": "save", "choose:ana lima": "new"})
    assert page.status_code == 422
    errors = page.context["form"].non_field_errors()
    assert len(errors) == 1 and errors[0].startswith("Line 2:") and "ana@x.com" in errors[0]
    assert escape(errors[0]) in page.content.decode()
    assert list(Person.objects.filter(owner=alice)) == [ana]
    assert not Interaction.objects.exists() and not CapturedLine.objects.exists()
