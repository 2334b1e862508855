"""/api/v1/today, /api/v1/cadences and /api/v1/losing-touch: permissions first, then what reaches the services."""

from __future__ import annotations

import pytest

from netweave.accounts.tests.clients import loc_fields
from netweave.interactions.models import Interaction
from netweave.nurture.cadences import Cadences
from netweave.nurture.models import Cadence, Nudge, NurtureSettings
from netweave.nurture.tests.today_support import clock, person  # noqa: F401
from netweave.people.models import Circle, Tag


@pytest.fixture
def ana(person):
    return person("Ana Lima", circle="close", contacted=41, tags=["climate"])


def _targets(alice, ana):
    return {"circle": Circle.objects.get(owner=alice, name="close").pk,
            "tag": Tag.objects.get(owner=alice, name="climate").pk, "person": ana.pk}


def test_a_stranger_gets_404_for_someone_elses_person_circle_and_tag(as_charlie, alice, ana):
    for action in ("done", "snooze", "skip"):
        assert as_charlie.post(f"today/{ana.pk}/{action}").status_code == 404, action
    for scope, pk in _targets(alice, ana).items():
        response = as_charlie.generic("PUT", f"/api/v1/cadences/{scope}/{pk}", '{"days": 3}',
                                      content_type="application/json")
        assert response.status_code == 404, scope
        assert as_charlie.delete(f"cadences/{scope}/{pk}").status_code == 404, scope
    assert not Interaction.objects.filter(summary="Checked in").exists()
    assert not Nudge.objects.exists() and not Cadence.objects.exists()


def test_a_stranger_sees_nothing_of_someone_elses_in_any_list(as_charlie, alice, ana, person):
    from netweave.nurture import services

    services.set_cadence(alice, 10, person=ana)
    services.update_settings(alice, daily_limit=9, time_zone="Asia/Tokyo")
    person("Old Friend", circle="close", added=3000, contacted=1500)
    today = as_charlie.get("today").json()
    assert today["items"] == [] and today["due_count"] == 0
    cadences = as_charlie.get("cadences").json()
    assert cadences == {"circles": [], "tags": [], "people": []}
    losing = as_charlie.get("losing-touch").json()
    assert losing["cold"] == [] and losing["dormant"] == []
    assert as_charlie.get("today/settings").json() == {"daily_limit": 5, "time_zone": ""}


def test_today_lists_whom_to_reach_out_to_with_why(as_alice, ana):
    body = as_alice.get("today").json()
    assert body["day"] == "2026-03-10" and body["daily_limit"] == 5 and body["due_count"] == 1
    item = body["items"][0]
    assert item["person_id"] == ana.pk and item["display_name"] == "Ana Lima"
    assert item["reason"] == "close circle, every month: last contact 41 days ago, 11 days overdue"
    assert item["last_summary"] == "Call with Ana Lima" and item["days_overdue"] == 11


def test_done_logs_the_check_in_with_the_kind_and_summary_given(as_alice, alice, ana):
    response = as_alice.post(f"today/{ana.pk}/done", {"kind": "call", "summary": "Talked about Lisbon"})
    assert response.status_code == 200
    body = response.json()
    interaction = Interaction.objects.get(pk=body["interaction_id"])
    assert (interaction.kind, interaction.summary, interaction.source) == ("call", "Talked about Lisbon", "api")
    assert body["status"] == "done" and as_alice.get("today").json()["items"] == []
    assert as_alice.post(f"today/{ana.pk}/done", {"kind": "telepathy"}).status_code == 422


def test_done_without_a_body_logs_a_message_checked_in(as_alice, ana):
    response = as_alice.generic("POST", f"/api/v1/today/{ana.pk}/done", b"", content_type="")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "done"
    assert Interaction.objects.get(pk=body["interaction_id"]).summary == "Checked in"


def test_snooze_and_skip_hide_the_person_until_a_day(as_alice, ana, person):
    assert as_alice.post(f"today/{ana.pk}/snooze", {"until": "2026-03-20"}).json() == {
        "person_id": ana.pk, "status": "snoozed", "until": "2026-03-20", "interaction_id": None}
    assert as_alice.post(f"today/{ana.pk}/snooze").json()["until"] == "2026-03-13"
    bo = person("Bo Chen", circle="inner", contacted=10)
    assert as_alice.post(f"today/{bo.pk}/skip").json()["until"] == "2026-03-17"
    assert as_alice.get("today").json()["items"] == []


@pytest.mark.parametrize("until", ["2026-03-10", "2020-01-01", "20260320", "soon"])
def test_a_snooze_to_today_or_before_or_not_a_date_is_a_422_naming_until(as_alice, ana, until):
    response = as_alice.post(f"today/{ana.pk}/snooze", {"until": until})
    assert response.status_code == 422 and loc_fields(response) == ["until"]
    assert not Nudge.objects.exists()


def test_cadences_are_listed_set_and_cleared(as_alice, alice, ana):
    targets = _targets(alice, ana)
    for scope, pk in targets.items():
        response = as_alice.generic("PUT", f"/api/v1/cadences/{scope}/{pk}", '{"days": 12}',
                                    content_type="application/json")
        assert response.status_code == 200, scope
        assert response.json() == {"scope": scope, "target_id": pk, "name": response.json()["name"], "days": 12}
    body = as_alice.get("cadences").json()
    assert [c["days"] for c in body["circles"]] == [7, 12, 90, 365]
    assert body["tags"] == [{"id": targets["tag"], "name": "climate", "days": 12}]
    assert body["people"] == [{"id": ana.pk, "name": "Ana Lima", "days": 12}]
    for scope, pk in targets.items():
        assert as_alice.delete(f"cadences/{scope}/{pk}").status_code == 204
    assert not Cadence.objects.exists() and Cadences(alice).circle_days[targets["circle"]] == 30


@pytest.mark.parametrize("days", [0, -1, 3651, "weekly", None])
def test_a_cadence_of_zero_or_less_or_absurd_is_a_422_naming_days(as_alice, alice, ana, days):
    import json

    pk = _targets(alice, ana)["circle"]
    response = as_alice.generic("PUT", f"/api/v1/cadences/circle/{pk}", json.dumps({"days": days}),
                                content_type="application/json")
    assert response.status_code == 422 and loc_fields(response) == ["days"]
    assert not Cadence.objects.exists()


def test_an_unknown_scope_is_a_422(as_alice, alice, ana):
    assert as_alice.delete(f"cadences/planet/{ana.pk}").status_code == 422


def test_settings_are_read_and_changed_and_a_bad_zone_is_a_422(as_alice, alice):
    assert as_alice.patch("today/settings", {"daily_limit": 3, "time_zone": "Europe/Lisbon"}).json() == {
        "daily_limit": 3, "time_zone": "Europe/Lisbon"}
    assert NurtureSettings.objects.get(owner=alice).daily_limit == 3
    response = as_alice.patch("today/settings", {"time_zone": "Mars/Base"})
    assert response.status_code == 422 and loc_fields(response) == ["time_zone"]
    response = as_alice.patch("today/settings", {"daily_limit": 0})
    assert response.status_code == 422 and loc_fields(response) == ["daily_limit"]


def test_losing_touch_lists_cold_and_dormant_ties_with_what_we_had_in_common(as_alice, person):
    person("Twice Over", circle="close", contacted=61)
    person("Old Friend", circle="close", added=3000, contacted=1500, met_how="Climbing in Sintra",
           interests=["bouldering"])
    body = as_alice.get("losing-touch").json()
    assert [c["display_name"] for c in body["cold"]] == ["Twice Over"]
    dormant = body["dormant"][0]
    assert dormant["display_name"] == "Old Friend"
    assert dormant["common"]["met_how"] == "Climbing in Sintra" and dormant["common"]["interests"] == ["bouldering"]
    assert as_alice.get("losing-touch?limit=0").status_code == 422
