"""Who an API request acts for: a bearer token or a browser session, and nobody otherwise."""

import pytest
from django.test import Client

from netweave.accounts.services import create_token, revoke_token
from netweave.accounts.tests.clients import ApiClient
from netweave.core.models import Origin
from netweave.people.models import Person


def test_a_request_without_credentials_gets_401(alice):
    assert ApiClient().get("people").status_code == 401


def test_a_wrong_token_gets_401(alice):
    create_token(alice)
    assert ApiClient("nw_not-a-real-token").get("people").status_code == 401


def test_a_revoked_token_gets_401(alice):
    token, raw = create_token(alice)
    revoke_token(token)
    assert ApiClient(raw).get("people").status_code == 401


def test_a_revoked_token_cannot_write(alice):
    token, raw = create_token(alice)
    revoke_token(token)
    assert ApiClient(raw).post("people", {"display_name": "Ana Lima"}).status_code == 401
    assert not Person.objects.exists()


def test_another_authorization_scheme_gets_401(alice):
    client = Client(headers={"Authorization": "Basic YWxpY2U6YWxpY2UtcGFzc3dvcmQ="})
    assert client.get("/api/v1/people").status_code == 401


def test_a_valid_token_acts_for_its_owner(as_alice, make_person):
    make_person("Ana Lima")
    response = as_alice.get("people")
    assert response.status_code == 200
    assert [p["display_name"] for p in response.json()["items"]] == ["Ana Lima"]


def test_a_write_by_token_records_an_api_origin_naming_the_token(alice):
    token, raw = create_token(alice)
    assert ApiClient(raw).post("people", {"display_name": "Ana Lima"}).status_code == 201
    origin = Origin.objects.get(owner=alice, kind="api")
    assert origin.label == f"API token {token.prefix}"


def test_a_logged_in_browser_can_use_the_api(alice, make_person):
    make_person("Ana Lima")
    client = Client()
    client.force_login(alice)
    assert client.get("/api/v1/people").json()["count"] == 1


def test_a_browser_write_records_a_browser_session_origin(alice):
    client = Client()
    client.force_login(alice)
    response = client.post("/api/v1/people", {"display_name": "Ana Lima"}, content_type="application/json")
    assert response.status_code == 201
    assert Origin.objects.get(owner=alice, kind="api").label == "browser session"


def test_a_browser_write_without_the_csrf_token_is_refused(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post("/api/v1/people", {"display_name": "Ana Lima"}, content_type="application/json")
    assert response.status_code == 403
    assert not Person.objects.exists()


def test_a_token_write_needs_no_csrf_token(alice):
    _, raw = create_token(alice)
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {raw}"})
    response = client.post("/api/v1/people", {"display_name": "Ana Lima"}, content_type="application/json")
    assert response.status_code == 201


def test_a_wrong_token_without_a_session_gets_401_not_a_csrf_error(alice):
    client = Client(enforce_csrf_checks=True, headers={"Authorization": "Bearer nw_wrong"})
    response = client.post("/api/v1/people", {"display_name": "Ana Lima"}, content_type="application/json")
    assert response.status_code == 401


def test_a_deactivated_users_session_gets_401(alice):
    client = Client()
    client.force_login(alice)
    alice.is_active = False
    alice.save()
    assert client.get("/api/v1/people").status_code == 401


def test_the_openapi_schema_is_served(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/people" in schema["paths"]
    assert "/api/v1/interactions/{interaction_id}" in schema["paths"]
    assert "PersonIn" in schema["components"]["schemas"]


def test_the_docs_page_is_served(db):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_the_api_urls_are_namespaced(db):
    from django.urls import reverse

    assert reverse("api:openapi-json") == "/api/v1/openapi.json"


@pytest.mark.parametrize("path", ["people", "organisations", "interactions", "ties"])
def test_every_list_needs_credentials(db, path):
    assert ApiClient().get(path).status_code == 401
