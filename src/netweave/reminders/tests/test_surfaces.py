"""The web pages, the API and the CLI: each reaches the services, and a stranger (Charlie) never sees
Alice's settings, feed or deliveries."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from netweave.reminders import services
from netweave.reminders.models import Delivery, ReminderSettings
from netweave.reminders.tests.support import NOW, clock, due, person, receiver, smtp  # noqa: F401


@pytest.fixture
def alices_log(alice, due, receiver):
    services.update_settings(alice, {"webhook_url": receiver(500).url, "email": "ana@example.org"})
    services.create_feed_token(alice)
    return services.post_webhook_now(alice)


def test_charlie_sees_none_of_alices_settings_or_deliveries_on_the_pages(alices_log, client, charlie):
    client.force_login(charlie)
    for url in ("/reminders/", "/reminders/deliveries/"):
        page = client.get(url).content.decode()
        assert "ana@example.org" not in page and "127.0.0.1" not in page and "HTTP 500" not in page


def test_charlie_sees_none_of_alices_settings_or_deliveries_in_the_api(alices_log, as_charlie):
    assert as_charlie.get("reminders/deliveries").json() == []
    mine = as_charlie.get("reminders").json()
    assert mine["email"] == "" and mine["webhook_url"] == "" and mine["feed"]["active"] is False


def test_the_pages_need_a_login(client):
    for url in ("/reminders/", "/reminders/deliveries/"):
        assert client.get(url).status_code == 302


def test_the_settings_page_saves_the_schedule(alice, client):
    client.force_login(alice)
    answer = client.post("/reminders/", {"action": "save", "frequency": "weekly", "hour": "7", "weekday": "4",
                                         "mail_enabled": "on", "email": "", "webhook_url": ""})
    assert answer.status_code == 302
    row = ReminderSettings.objects.get(owner=alice)
    assert (row.frequency, row.hour, row.weekday, row.mail_enabled) == ("weekly", 7, 4, True)


def test_the_settings_page_shows_a_refused_value_without_saving(alice, client):
    client.force_login(alice)
    answer = client.post("/reminders/", {"action": "save", "frequency": "daily", "hour": "25", "weekday": "0",
                                         "webhook_url": "ftp://x"})
    assert answer.status_code == 422 and b"http:// or https://" in answer.content
    assert services.settings_of(alice).frequency == "off"


def test_the_feed_url_is_shown_once_when_created(alice, client):
    client.force_login(alice)
    created = client.post("/reminders/", {"action": "feed-create"}).content.decode()
    url = created.split('value="http://testserver/feed/')[1].split('"')[0]
    assert client.get(f"/feed/{url}").status_code == 200
    assert url not in client.get("/reminders/").content.decode()
    client.post("/reminders/", {"action": "feed-revoke"})
    assert client.get(f"/feed/{url}").status_code == 404


def test_the_deliveries_page_shows_a_failure(alices_log, alice, client):
    client.force_login(alice)
    page = client.get("/reminders/deliveries/?status=retrying").content.decode()
    assert "HTTP 500 Internal Server Error" in page and "delivery-retrying" in page


def test_sending_from_the_page_mails_the_digest(alice, due, smtp, client):
    client.force_login(alice)
    client.post("/reminders/", {"action": "send-digest"})
    assert len(smtp.messages) == 1 and Delivery.objects.get(owner=alice).status == "sent"


def test_the_api_changes_settings_and_keeps_fields_left_out(as_alice, alice):
    answer = as_alice.generic("PUT", "/api/v1/reminders", json.dumps({"frequency": "daily", "hour": 6}),
                              content_type="application/json")
    assert answer.status_code == 200 and answer.json()["hour"] == 6
    answer = as_alice.generic("PUT", "/api/v1/reminders", json.dumps({"webhook_url": "https://hooks.example/x"}),
                              content_type="application/json")
    assert answer.json()["frequency"] == "daily" and len(answer.json()["webhook_secret"]) == 64


def test_the_api_refuses_a_bad_url_and_an_unknown_field_naming_them(as_alice):
    answer = as_alice.generic("PUT", "/api/v1/reminders", json.dumps({"webhook_url": "gopher://x"}),
                              content_type="application/json")
    assert answer.status_code == 422 and answer.json()["detail"][0]["loc"] == ["body", "webhook_url"]
    answer = as_alice.generic("PUT", "/api/v1/reminders", json.dumps({"colour": "red"}),
                              content_type="application/json")
    assert answer.status_code == 422


def test_the_api_creates_and_revokes_the_feed_token(as_alice, alice):
    made = as_alice.post("reminders/feed-token")
    assert made.status_code == 201 and made.json()["url"].endswith(f"/feed/{made.json()['token']}.ics")
    assert as_alice.get(made.json()["url"].replace("http://testserver", "")).status_code == 200
    assert as_alice.post("reminders/feed-token/revoke").json() == {"revoked": True}
    assert as_alice.get(made.json()["url"].replace("http://testserver", "")).status_code == 404


def test_the_api_lists_deliveries_by_status_and_sends_now(alices_log, as_alice, alice, smtp):
    assert [d["status"] for d in as_alice.get("reminders/deliveries?status=retrying").json()] == ["retrying"]
    sent = as_alice.post("reminders/digest").json()
    assert (sent["status"], sent["destination"]) == ("sent", "ana@example.org")
    assert as_alice.post("reminders/webhook").json()["status"] == "retrying"


def test_charlie_cannot_post_to_a_webhook_he_does_not_have(alices_log, as_charlie):
    answer = as_charlie.post("reminders/webhook")
    assert answer.status_code == 422 and answer.json()["detail"][0]["loc"] == ["body", "webhook_url"]


@pytest.fixture
def cli(monkeypatch):
    from netweave import cli_support
    from netweave.cli import app as root
    from netweave.reminders import cli as reminders_cli

    monkeypatch.setattr(cli_support, "_ready", True)
    if "reminders" not in {g.name for g in root.registered_groups}:  # until the lead mounts it
        reminders_cli.register(root)
    return lambda *args: CliRunner().invoke(root, list(args))


def test_the_cli_sends_the_digest_and_shows_the_log_as_json(alices_log, alice, smtp, cli):
    sent = cli("reminders", "send-digest", "--user", "alice")
    assert sent.exit_code == 0 and "ana@example.org" in sent.output
    failed = cli("reminders", "send-digest", "--webhook", "--user", "alice")
    assert failed.exit_code == 1 and "HTTP 500" in failed.output
    log = json.loads(cli("reminders", "log", "--json", "--user", "alice").output)
    assert [(d["channel"], d["status"]) for d in log][:2] == [("webhook", "retrying"), ("mail", "sent")]


def test_the_cli_creates_and_revokes_the_feed_token(alice, cli, client):
    made = json.loads(cli("reminders", "feed-token", "create", "--user", "alice", "--json").output)
    assert client.get(made["path"]).status_code == 200
    assert "revoked" in cli("reminders", "feed-token", "revoke", "--user", "alice").output
    assert client.get(made["path"]).status_code == 404
