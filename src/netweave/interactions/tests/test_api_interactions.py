"""/api/v1/interactions: logging, listing, changing and deleting interactions, and who may."""

from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
from django.utils import timezone

from netweave.accounts.tests.clients import loc_fields
from netweave.core.models import Origin
from netweave.interactions.models import Interaction
from netweave.interactions.services import log_interaction
from netweave.people.models import Person


@pytest.fixture
def ana(make_person):
    return make_person("Ana Lima")


@pytest.fixture
def bo(make_person):
    return make_person("Bo Chen")


@pytest.fixture
def coffee(alice, ana, origin):
    return log_interaction(alice, kind="meeting", occurred_at=datetime(2024, 5, 1, 9, 0, tzinfo=dt_timezone.utc),
                           participants=[ana], summary="Coffee", notes="She is hiring", origin=origin)


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# ---- the stranger comes first --------------------------------------------------------------------------

@pytest.mark.parametrize("method, body", [
    ("get", None),
    ("patch", {"summary": "Charlie's now", "notes": "", "participants": []}),
    ("delete", None),
])
def test_a_stranger_gets_404_for_someone_elses_interaction(as_alice, as_charlie, coffee, ana, method, body):
    before = as_alice.get(f"interactions/{coffee.pk}").json()
    call = getattr(as_charlie, method)
    response = call(f"interactions/{coffee.pk}", body) if body else call(f"interactions/{coffee.pk}")
    assert response.status_code == 404
    assert "hiring" not in response.content.decode()
    assert as_alice.get(f"interactions/{coffee.pk}").json() == before
    ana.refresh_from_db()
    assert ana.last_contact_at == coffee.occurred_at


def test_a_stranger_lists_no_interactions_of_someone_elses(as_charlie, coffee, ana):
    assert as_charlie.get("interactions").json() == {"count": 0, "items": []}
    assert as_charlie.get(f"interactions?person={ana.pk}").json() == {"count": 0, "items": []}


def test_a_stranger_cannot_log_an_interaction_with_someone_elses_person(as_charlie, charlie, ana, make_person):
    dee = make_person("Dee Stone", owner=charlie)
    response = as_charlie.post("interactions", {"occurred_at": "2024-05-02T10:00:00Z", "summary": "Lunch",
                                                "participants": [dee.pk, ana.pk]})
    assert response.status_code == 422
    assert loc_fields(response) == ["participants"]
    assert not Interaction.objects.filter(owner=charlie).exists()
    ana.refresh_from_db()
    assert ana.last_contact_at is None


def test_a_stranger_cannot_move_his_interaction_onto_someone_elses_person(as_charlie, charlie, ana, make_person):
    dee = make_person("Dee Stone", owner=charlie)
    mine = as_charlie.post("interactions", {"occurred_at": "2024-05-02T10:00:00Z", "summary": "Lunch",
                                            "participants": [dee.pk]}).json()
    response = as_charlie.patch(f"interactions/{mine['id']}", {"participants": [ana.pk]})
    assert response.status_code == 422 and loc_fields(response) == ["participants"]
    assert not ana.participations.exists()


# ---- create --------------------------------------------------------------------------------------------

def test_it_logs_an_interaction_and_updates_last_contact(as_alice, alice, ana, bo):
    response = as_alice.post("interactions", {
        "kind": "call", "occurred_at": "2024-05-02T10:00:00+02:00", "participants": [ana.pk, bo.pk, ana.pk],
        "summary": "  Catch-up  call ", "notes": "Talked about Rust", "initiated_by": "them",
    })
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["kind"], body["summary"], body["initiated_by"], body["source"]) == ("call", "Catch-up call", "them", "api")
    assert _moment(body["occurred_at"]) == datetime(2024, 5, 2, 8, 0, tzinfo=dt_timezone.utc)
    assert [p["display_name"] for p in body["participants"]] == ["Ana Lima", "Bo Chen"]
    assert body["is_plan"] is False
    ana.refresh_from_db()
    assert ana.last_contact_at == datetime(2024, 5, 2, 8, 0, tzinfo=dt_timezone.utc)
    assert Interaction.objects.get(pk=body["id"]).origin.kind == Origin.Kind.API


def test_a_time_without_a_zone_is_read_in_the_servers_zone(as_alice, ana):
    body = as_alice.post("interactions", {"occurred_at": "2024-05-02T10:00", "summary": "Lunch",
                                          "participants": [ana.pk]}).json()
    expected = timezone.make_aware(datetime(2024, 5, 2, 10, 0))
    assert _moment(body["occurred_at"]) == expected


def test_a_future_time_is_a_plan_and_not_a_contact(as_alice, ana):
    later = (timezone.now() + timedelta(days=3)).isoformat()
    body = as_alice.post("interactions", {"occurred_at": later, "summary": "Dinner", "participants": [ana.pk]}).json()
    assert body["is_plan"] is True
    ana.refresh_from_db()
    assert ana.last_contact_at is None


def test_logging_the_same_external_id_again_updates_the_same_interaction(as_alice, ana):
    body = {"occurred_at": "2024-05-02T10:00:00Z", "summary": "Standup", "participants": [ana.pk],
            "source": "calendar", "external_id": "evt-1"}
    first = as_alice.post("interactions", body).json()
    second = as_alice.post("interactions", {**body, "summary": "Standup (moved)"}).json()
    assert first["id"] == second["id"] and second["summary"] == "Standup (moved)"
    assert Interaction.objects.count() == 1


@pytest.mark.parametrize("change, field", [
    ({"kind": "seance"}, "kind"),
    ({"summary": "   "}, "summary"),
    ({"summary": "x" * 501}, "summary"),
    ({"initiated_by": "nobody"}, "initiated_by"),
    ({"occurred_at": "last tuesday"}, "occurred_at"),
    ({"occurred_at": None}, "occurred_at"),
    ({"participants": [999999]}, "participants"),
    ({"participants": ["Ana Lima"]}, "participants[0]"),
    ({"participants": "1"}, "participants"),
    ({"mood": "great"}, "mood"),
])
def test_a_bad_interaction_is_a_422_naming_the_field(as_alice, alice, ana, change, field):
    body = {"kind": "meeting", "occurred_at": "2024-05-02T10:00:00Z", "summary": "Lunch",
            "participants": [ana.pk], **change}
    response = as_alice.post("interactions", body)
    assert response.status_code == 422
    assert field in loc_fields(response)
    assert not Interaction.objects.exists()
    assert not Origin.objects.filter(owner=alice, kind="api").exists()


def test_missing_summary_and_time_are_named(as_alice):
    response = as_alice.post("interactions", {"kind": "call"})
    assert response.status_code == 422
    assert set(loc_fields(response)) == {"occurred_at", "summary"}


# ---- read, update, delete -----------------------------------------------------------------------------

def test_it_reads_an_interaction(as_alice, coffee, ana):
    body = as_alice.get(f"interactions/{coffee.pk}").json()
    assert (body["summary"], body["notes"]) == ("Coffee", "She is hiring")
    assert body["participants"] == [{"id": ana.pk, "display_name": "Ana Lima"}]


def test_patch_changes_only_the_fields_given(as_alice, coffee, ana, bo):
    response = as_alice.patch(f"interactions/{coffee.pk}", {"summary": "Long coffee", "participants": [bo.pk]})
    assert response.status_code == 200
    body = response.json()
    assert (body["summary"], body["notes"], body["kind"]) == ("Long coffee", "She is hiring", "meeting")
    assert [p["id"] for p in body["participants"]] == [bo.pk]
    ana.refresh_from_db()
    bo.refresh_from_db()
    assert ana.last_contact_at is None and bo.last_contact_at == coffee.occurred_at


def test_patch_moving_the_time_moves_last_contact(as_alice, coffee, ana):
    as_alice.patch(f"interactions/{coffee.pk}", {"occurred_at": "2024-06-01T12:00:00Z"})
    ana.refresh_from_db()
    assert ana.last_contact_at == datetime(2024, 6, 1, 12, 0, tzinfo=dt_timezone.utc)


@pytest.mark.parametrize("body, field", [({"kind": "seance"}, "kind"), ({"summary": ""}, "summary"),
                                         ({"participants": [999999]}, "participants")])
def test_a_bad_patch_changes_nothing(as_alice, coffee, body, field):
    before = as_alice.get(f"interactions/{coffee.pk}").json()
    response = as_alice.patch(f"interactions/{coffee.pk}", body)
    assert response.status_code == 422 and loc_fields(response) == [field]
    assert as_alice.get(f"interactions/{coffee.pk}").json() == before


def test_delete_removes_it_and_recomputes_last_contact(as_alice, coffee, ana):
    assert as_alice.delete(f"interactions/{coffee.pk}").status_code == 204
    assert not Interaction.objects.filter(pk=coffee.pk).exists()
    ana.refresh_from_db()
    assert ana.last_contact_at is None and Person.objects.filter(pk=ana.pk).exists()


# ---- list ----------------------------------------------------------------------------------------------

def test_the_list_is_newest_first_and_filters(as_alice, alice, ana, bo, origin):
    def log(day, kind, who):
        return log_interaction(alice, kind=kind, occurred_at=datetime(2024, 5, day, 12, tzinfo=dt_timezone.utc),
                               participants=who, summary=f"{kind} on {day}", origin=origin)

    log(1, "call", [ana])
    log(3, "meeting", [ana, bo])
    log(5, "email", [bo])

    def summaries(query=""):
        return [i["summary"] for i in as_alice.get(f"interactions?{query}").json()["items"]]

    assert summaries() == ["email on 5", "meeting on 3", "call on 1"]
    assert summaries(f"person={ana.pk}") == ["meeting on 3", "call on 1"]
    assert summaries("kind=email") == ["email on 5"]
    assert summaries("since=2024-05-02T00:00:00Z&until=2024-05-04T00:00:00Z") == ["meeting on 3"]
    assert summaries("since=2024-05-03T00:00:00") == ["email on 5", "meeting on 3"]  # no zone: the server's
    page = as_alice.get("interactions?limit=2&offset=2").json()
    assert page["count"] == 3 and [i["summary"] for i in page["items"]] == ["call on 1"]


def test_a_bad_filter_is_a_422(as_alice):
    response = as_alice.get("interactions?since=whenever")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "since"]


def test_a_page_of_interactions_takes_a_handful_of_queries(as_alice, alice, origin, make_person,
                                                           django_assert_max_num_queries):
    people = [make_person(f"Person {i}") for i in range(10)]
    for i in range(60):
        log_interaction(alice, kind="call", occurred_at=datetime(2024, 1, 1, tzinfo=dt_timezone.utc) + timedelta(hours=i),
                        participants=people[i % 10: i % 10 + 3], summary=f"Call {i}", origin=origin)
    as_alice.get("interactions?limit=1")
    with django_assert_max_num_queries(5):
        response = as_alice.get("interactions?limit=50")
    assert len(response.json()["items"]) == 50


# ---- found by fuzzing the running server with schemathesis ----------------------------------------------

@pytest.mark.parametrize("occurred_at", ["2024-05-01T12:00:00-16:49", "2024-05-01T12:00:00+23:59"])
def test_a_zone_offset_postgresql_refuses_is_stored_as_the_same_instant_in_utc(as_alice, occurred_at):
    # Pydantic takes offsets up to ±23:59; PostgreSQL refused anything past ±15:59 with a 500. SQLite
    # stores UTC anyway, so the schema itself must hand the service UTC.
    from netweave.interactions.api import InteractionFilters
    from netweave.interactions.schemas import InteractionIn

    given = InteractionIn.model_validate({"occurred_at": occurred_at, "summary": "x"}).occurred_at
    assert given.utcoffset() == timedelta(0) and given == _moment(occurred_at)
    assert InteractionFilters.model_validate({"since": occurred_at}).since.utcoffset() == timedelta(0)
    response = as_alice.post("interactions", {"occurred_at": occurred_at, "summary": "Late call"})
    assert response.status_code == 201
    assert _moment(response.json()["occurred_at"]) == _moment(occurred_at)
    assert response.json()["occurred_at"].endswith("Z")
    listed = as_alice.get("interactions", {"since": occurred_at, "until": occurred_at}).json()
    assert [i["summary"] for i in listed["items"]] == ["Late call"]


@pytest.mark.parametrize("occurred_at", ["20240501", "0", "1714564800", 1714564800, 0.5])
def test_a_number_for_when_it_happened_is_a_422_not_a_time_in_1970(as_alice, alice, occurred_at):
    response = as_alice.post("interactions", {"occurred_at": occurred_at, "summary": "Coffee"})
    assert response.status_code == 422 and loc_fields(response) == ["occurred_at"]
    assert not Interaction.objects.filter(owner=alice).exists()


@pytest.mark.parametrize("query", ["since=0.5", "until=20240101"])
def test_a_number_as_a_list_bound_is_a_422(as_alice, query):
    response = as_alice.get(f"interactions?{query}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", query.split("=")[0]]


@pytest.mark.parametrize("body", [{"summary": "Coffee \ud800"}, {"summary": "Coffee", "notes": "\udc00"}])
def test_an_unpaired_surrogate_in_an_interaction_is_a_422_not_a_500(as_alice, alice, body):
    response = as_alice.post("interactions", {"occurred_at": "2024-05-01T09:00:00Z", **body})
    assert response.status_code == 422
    assert not Interaction.objects.filter(owner=alice).exists()
