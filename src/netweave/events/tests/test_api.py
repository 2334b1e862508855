"""/api/v1/events: a stranger gets 404 on each route; planning, the plan, capture and its preview, imports."""

from __future__ import annotations

from django.test import Client

from netweave.accounts.tests.clients import loc_fields
from netweave.events.models import Event, EventGoal, EventPerson
from netweave.events.services import add_goal, set_person
from netweave.interactions.models import Interaction
from netweave.nurture.models import FollowUp
from netweave.people.models import Person

from netweave.events.tests.test_icsevents import BROKEN, CALENDAR


def test_a_stranger_gets_404_on_every_route_of_someone_else_s_event(alice, as_charlie, event, make_person):
    ana = make_person("Ana Lima")
    set_person(event, ana)
    goal = add_goal(event, "meet two people working on batteries")
    base = f"events/{event.pk}"
    answers = [
        as_charlie.get(base), as_charlie.patch(base, {"name": "Mine"}), as_charlie.get(f"{base}/plan"),
        as_charlie.post(f"{base}/goals", {"text": "x"}), as_charlie.patch(f"{base}/goals/{goal.pk}", {"text": "x"}),
        as_charlie.delete(f"{base}/goals/{goal.pk}"), as_charlie.post(f"{base}/people", {"person": ana.pk}),
        as_charlie.patch(f"{base}/people/{ana.pk}", {"status": "want_to_meet"}),
        as_charlie.delete(f"{base}/people/{ana.pk}"),
        as_charlie.post(f"{base}/capture", {"text": "Zed Zero"}),
        as_charlie.post(f"{base}/capture", {"text": "Zed Zero", "preview": True}), as_charlie.delete(base),
    ]
    assert [a.status_code for a in answers] == [404] * len(answers)
    assert as_charlie.get("events").json() == {"count": 0, "items": []}
    assert Event.objects.get(pk=event.pk).name == "Climate Tech Summit" and EventGoal.objects.count() == 1
    assert EventPerson.objects.count() == 1 and not Interaction.objects.exists()


def test_an_event_is_planned_read_changed_and_listed(alice, as_alice, make_person):
    made = as_alice.post("events", {"name": "PyCon Lisbon", "starts_at": "2099-05-01T09:00:00Z",
                                    "ends_at": "2099-05-03T18:00:00Z", "location": "Lisbon"})
    assert made.status_code == 201
    event_id = made.json()["id"]
    assert as_alice.post(f"events/{event_id}/goals", {"text": "meet three people working on climate fintech"}) \
        .json() == {"id": EventGoal.objects.get().pk, "text": "meet three people working on climate fintech",
                    "target": 3, "topic": "climate fintech", "met": [], "done": False}
    ana = make_person("Ana Lima", title="Climate fintech lead", organisation="Greenledger")
    added = as_alice.post(f"events/{event_id}/people", {"person": ana.pk, "status": "want_to_meet"})
    assert added.status_code == 201 and added.json()["why"] == "works on climate, fintech"
    detail = as_alice.get(f"events/{event_id}").json()
    assert detail["location"] == "Lisbon" and detail["people"][0]["status"] == "want_to_meet"
    changed = as_alice.patch(f"events/{event_id}", {"name": "PyCon Portugal"})
    assert changed.json()["name"] == "PyCon Portugal"
    assert as_alice.get("events", {"when": "upcoming"}).json()["items"][0]["planned_count"] == 1
    assert as_alice.get("events", {"when": "past"}).json()["count"] == 0
    plan = as_alice.get(f"events/{event_id}/plan").json()
    assert plan["suggestions"][0]["reason"] == "works on climate, fintech"


def test_bad_input_is_a_422_naming_the_field(alice, as_alice, event, make_person):
    assert "ends_at" in loc_fields(as_alice.post("events", {"name": "X", "starts_at": "2030-01-02T00:00:00Z",
                                                            "ends_at": "2030-01-01T00:00:00Z"}))
    assert "name" in loc_fields(as_alice.post("events", {"name": "  ", "starts_at": "2030-01-02T00:00:00Z"}))
    assert "starts_at" in loc_fields(as_alice.patch(f"events/{event.pk}", {"starts_at": None}))
    assert "status" in loc_fields(as_alice.post(f"events/{event.pk}/people",
                                                {"person": make_person("Ana").pk, "status": "met"}))
    assert as_alice.post(f"events/{event.pk}/people", {"person": 2**62}).status_code == 422
    assert as_alice.post(f"events/{event.pk}/capture", {}).status_code == 422
    assert as_alice.get("events", {"when": "someday"}).status_code == 422
    assert as_alice.patch(f"events/{event.pk}/people/{2**62}", {"status": "expected"}).status_code == 404


def test_capture_previews_refuses_an_unclear_name_and_saves_once_chosen(alice, as_alice, event, make_person):
    first = make_person("Ana Lima", organisation="Acme")
    make_person("Ana Lima", organisation="Brightstone")
    lines = ["Ana Lima — from the panel; send her the deck by Friday", "Bo Chen, CTO at Voltwise",
             "+ Cy Diaz <cy@voltwise.io>"]
    preview = as_alice.post(f"events/{event.pk}/capture", {"lines": lines, "preview": True}).json()
    assert not preview["saved"] and not preview["ready"]
    assert [line["action"] for line in preview["lines"]] == ["choose", "new", "new"]
    assert len(preview["lines"][0]["candidates"]) == 2 and preview["ties"] == [[2, 3]]
    assert preview["lines"][0]["follow_ups"][0]["text"] == "send her the deck by Friday"
    refused = as_alice.post(f"events/{event.pk}/capture", {"lines": lines})
    assert refused.status_code == 422 and loc_fields(refused) == ["lines[0]"] and not Interaction.objects.exists()
    saved = as_alice.post(f"events/{event.pk}/capture", {"lines": lines, "choices": {"ana lima": first.pk}}).json()
    assert saved["saved"] and [p["display_name"] for p in saved["created"]] == ["Bo Chen", "Cy Diaz"]
    assert {p["id"] for p in saved["met"]} >= {first.pk} and len(saved["follow_up_ids"]) == 1
    assert len(saved["tie_ids"]) == 1
    assert Interaction.objects.get().pk == saved["interaction_id"] == Event.objects.get().interaction_id
    again = as_alice.post(f"events/{event.pk}/capture", {"lines": lines, "choices": {"ana lima": first.pk}}).json()
    assert [line["action"] for line in again["lines"]] == ["captured"] * 3 and not again["created"]
    assert FollowUp.objects.count() == 1 and Person.objects.count() == 4
    noted = as_alice.patch(f"events/{event.pk}/people/{first.pk}", {"note": "wants the deck in Portuguese"})
    assert noted.json()["status"] == "met" and noted.json()["note"] == "wants the deck in Portuguese"
    assert as_alice.patch(f"events/{event.pk}/people/{first.pk}", {"status": "expected"}).status_code == 422


def test_a_calendar_file_is_imported_and_a_broken_one_is_a_422_naming_the_line(alice, as_alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = Client(headers={"Authorization": f"Bearer {as_alice.raw_token}"})
    broken = client.post("/api/v1/events/import", {"file": SimpleUploadedFile("b.ics", BROKEN.encode())})
    assert broken.status_code == 422 and broken.json()["detail"][0]["msg"].startswith("event 1 (line 7)")
    assert not Event.objects.exists()
    done = client.post("/api/v1/events/import", {"file": SimpleUploadedFile("s.ics", CALENDAR.encode())})
    assert done.status_code == 201 and len(done.json()["created"]) == 2 and len(done.json()["skipped"]) == 2
