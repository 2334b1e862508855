"""The events pages: a stranger gets 404 on each; planning, the plan page, capture with its preview and
choices, and the calendar upload."""

from __future__ import annotations

import pytest
from django.test import Client

from netweave.events.models import Event, EventGoal, EventPerson
from netweave.events.services import add_goal, set_person
from netweave.interactions.models import Interaction
from netweave.nurture.models import FollowUp
from netweave.people.models import Person

from netweave.events.tests.test_icsevents import BROKEN, CALENDAR


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_alice_web(alice):
    return client_of(alice)


def test_a_stranger_gets_404_on_every_page_of_someone_else_s_event(alice, charlie, event, make_person):
    ana = make_person("Ana Lima")
    set_person(event, ana)
    goal = add_goal(event, "meet two people working on batteries")
    stranger = client_of(charlie)
    base = f"/events/{event.pk}"
    for url in (f"{base}/", f"{base}/edit/", f"{base}/capture/"):
        assert stranger.get(url).status_code == 404, url
    for url, data in ((f"{base}/edit/", {"name": "Mine now", "starts": "today"}), (f"{base}/delete/", {}),
                      (f"{base}/goals/", {"text": "x"}), (f"{base}/goals/{goal.pk}/delete/", {}),
                      (f"{base}/people/", {"person": ana.pk, "status": "expected"}),
                      (f"{base}/people/{ana.pk}/", {"action": "remove"}),
                      (f"{base}/capture/", {"lines": "Zed Zero", "action": "save"})):
        assert stranger.post(url, data).status_code == 404, url
    assert stranger.get("/events/").status_code == 200 and "Climate Tech Summit" not in stranger.get("/events/").text
    assert Event.objects.get(pk=event.pk).name == "Climate Tech Summit" and EventGoal.objects.filter(pk=goal.pk).exists()
    assert EventPerson.objects.filter(event=event).count() == 1 and not Interaction.objects.exists()


def test_the_list_plans_an_event_and_refuses_a_time_it_cannot_read(alice, as_alice_web):
    refused = as_alice_web.post("/events/", {"name": "Dinner", "starts": "the day after never"})
    assert refused.status_code == 422 and "cannot read" in refused.text
    made = as_alice_web.post("/events/", {"name": "Founders dinner", "starts": "2030-05-01 19:00",
                                          "location": "Porto"})
    event = Event.objects.get(owner=alice)
    assert made.status_code == 302 and made.url == f"/events/{event.pk}/"
    assert (event.name, event.location, event.starts_at.year) == ("Founders dinner", "Porto", 2030)
    page = as_alice_web.get("/events/").text
    assert page.index("Upcoming") < page.index("Founders dinner</a>") < page.index("Past")


def test_the_plan_page_adds_goals_and_people_and_suggests_whom_to_meet(alice, as_alice_web, upcoming, make_person):
    make_person("Ana Lima", title="Battery chemist", organisation="Voltwise")
    bo = make_person("Bo Chen")
    make_person("Bo Chen")
    base = f"/events/{upcoming.pk}"
    as_alice_web.post(f"{base}/goals/", {"text": "meet two people working on batteries"})
    as_alice_web.post(f"{base}/people/", {"name": "Ana Lima", "status": "expected"})
    ambiguous = as_alice_web.post(f"{base}/people/", {"name": "Bo Chen", "status": "expected"}, follow=True)
    assert "Who is &#x27;Bo Chen&#x27;?" in ambiguous.text
    as_alice_web.post(f"{base}/people/", {"name": f"Bo Chen #{bo.pk}", "status": "want_to_meet"})
    page = as_alice_web.get(f"{base}/").text
    assert "meet two people working on batteries" in page and "0 of 2 met" in page
    assert "works on batteries" in page and "Want to meet" in page
    assert dict(EventPerson.objects.values_list("person__display_name", "status")) == {
        "Ana Lima": "expected", "Bo Chen": "want_to_meet"}
    assert "Capture whom you met" not in page  # not started yet


def test_a_javascript_web_page_of_an_event_is_not_made_a_link(alice, as_alice_web, upcoming):
    upcoming.url = "javascript:alert(1)"
    upcoming.save()
    assert "javascript:" not in as_alice_web.get(f"/events/{upcoming.pk}/").text


def test_capture_previews_asks_about_a_shared_name_and_saves_with_the_choice(alice, as_alice_web, event,
                                                                              make_person):
    first = make_person("Ana Lima", organisation="Acme")
    make_person("Ana Lima", organisation="Brightstone")
    url = f"/events/{event.pk}/capture/"
    lines = "Ana Lima — from the panel; send her the deck by Friday\nBo Chen, Voltwise"
    preview = as_alice_web.post(url, {"lines": lines, "action": "preview"})
    assert preview.status_code == 200 and "Who is “Ana Lima”?" in preview.text
    assert "New person:</strong> Bo Chen" in preview.text and "Follow-up: send her the deck by Friday" in preview.text
    assert not Person.objects.filter(display_name="Bo Chen").exists()
    refused = as_alice_web.post(url, {"lines": lines, "action": "save"})
    assert refused.status_code == 422 and not Interaction.objects.exists()
    saved = as_alice_web.post(url, {"lines": lines, "action": "save", "choose:ana lima": str(first.pk)}, follow=True)
    assert "Captured 2 people at Climate Tech Summit; new: Bo Chen; 1 follow-up." in saved.text
    assert set(Interaction.objects.get().participants.values_list("display_name", flat=True)) == {"Ana Lima", "Bo Chen"}
    assert FollowUp.objects.get().person == first
    again = as_alice_web.post(url, {"lines": lines, "action": "save", "choose:ana lima": str(first.pk)}, follow=True)
    assert "Nothing new: every line was captured before." in again.text and FollowUp.objects.count() == 1


def test_capture_says_when_the_event_has_not_started(alice, as_alice_web, upcoming):
    answer = as_alice_web.post(f"/events/{upcoming.pk}/capture/", {"lines": "Ana Lima", "action": "save"})
    assert answer.status_code == 422 and "has not started yet" in answer.text and not Person.objects.exists()


def test_a_calendar_upload_imports_events_and_a_broken_one_changes_nothing(alice, as_alice_web):
    from django.core.files.uploadedfile import SimpleUploadedFile

    broken = SimpleUploadedFile("broken.ics", BROKEN.encode(), content_type="text/calendar")
    answer = as_alice_web.post("/events/import/", {"file": broken}, follow=True)
    assert "broken.ics was not imported: event 1 (line 7): DTSTART cannot be read" in answer.text
    assert not Event.objects.exists()
    good = SimpleUploadedFile("summit.ics", CALENDAR.encode(), content_type="text/calendar")
    answer = as_alice_web.post("/events/import/", {"file": good}, follow=True)
    assert "Imported summit.ics: 2 new event(s), 0 updated; 2 left out" in answer.text
    assert Event.objects.filter(owner=alice).count() == 2


def test_editing_an_event_changes_only_what_was_touched(alice, as_alice_web, event):
    before = event.starts_at
    page = as_alice_web.get(f"/events/{event.pk}/edit/")
    form = page.context["form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    data["location"] = "Porto"
    assert as_alice_web.post(f"/events/{event.pk}/edit/", data).status_code == 302
    event.refresh_from_db()
    assert event.location == "Porto" and event.starts_at == before


def test_deleting_an_event_keeps_the_people_met_and_the_interaction(alice, as_alice_web, event, origin):
    from netweave.events.capturing import save_capture

    save_capture(event, "Ana Lima", origin=origin)
    as_alice_web.post(f"/events/{event.pk}/delete/")
    assert not Event.objects.exists() and Person.objects.count() == 1 and Interaction.objects.count() == 1
