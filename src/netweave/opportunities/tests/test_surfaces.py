"""Opportunities and contributions on the web, the API and the CLI; and that a stranger sees and changes nothing
of Alice's."""

from __future__ import annotations

import json
from datetime import date

import pytest
import typer
from django.urls import reverse
from typer.testing import CliRunner

from netweave.opportunities import cli, services
from netweave.opportunities.models import Contribution, Opportunity, OpportunityPerson

app = typer.Typer()
cli.register(app)
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [*args, "-u", "alice"], catch_exceptions=False)


@pytest.fixture
def world(alice, make_person):
    ana, bo = make_person("Ana Lima"), make_person("Bo Chen")
    talk = services.add_contribution(alice, title="Scaling Postgres", audience="PyCon Lisbon", day=date(2026, 2, 1))
    job = services.add_opportunity(alice, title="Staff engineer", organisation="Acme", contribution=talk,
                                   people=[(ana, "referrer")], day=date(2026, 2, 20))
    return {"ana": ana, "bo": bo, "talk": talk, "job": job}


def test_a_stranger_gets_404_for_every_page_and_button_of_someone_elses(client, charlie, world):
    job, talk, ana = world["job"], world["talk"], world["ana"]
    client.force_login(charlie)
    for url in (reverse("opportunities:detail", args=[job.pk]), reverse("opportunities:contribution", args=[talk.pk])):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"title": "Mine now", "kind": "job", "status": "won", "day": "2026-03-01"}
                           ).status_code == 404, url
    for name, args in (("opportunities:status", [job.pk]), ("opportunities:delete", [job.pk]),
                       ("opportunities:unlink", [job.pk, ana.pk]), ("opportunities:contribution_delete", [talk.pk])):
        assert client.post(reverse(name, args=args), {"status": "won"}).status_code == 404, name
    job.refresh_from_db()
    assert (job.title, job.status) == ("Staff engineer", "open") and Contribution.objects.filter(pk=talk.pk).exists()
    assert OpportunityPerson.objects.filter(opportunity=job).count() == 1


def test_a_stranger_gets_404_from_every_api_endpoint_of_someone_elses(as_charlie, world):
    job, talk, ana = world["job"], world["talk"], world["ana"]
    for method, path, body in (
        ("get", f"opportunities/{job.pk}", None), ("patch", f"opportunities/{job.pk}", {"status": "won"}),
        ("post", f"opportunities/{job.pk}/status", {"status": "won"}),
        ("put", f"opportunities/{job.pk}/people/{ana.pk}", None),
        ("delete", f"opportunities/{job.pk}/people/{ana.pk}", None),
        ("get", f"opportunities/{job.pk}/lineage", None), ("delete", f"opportunities/{job.pk}", None),
        ("get", f"contributions/{talk.pk}", None), ("get", f"contributions/{talk.pk}/opportunities", None),
        ("patch", f"contributions/{talk.pk}", {"title": "x"}), ("delete", f"contributions/{talk.pk}", None),
    ):
        response = (as_charlie.generic("PUT", f"/api/v1/{path}") if method == "put"
                    else getattr(as_charlie, method)(path, body) if body is not None
                    else getattr(as_charlie, method)(path))
        assert response.status_code == 404, (method, path)
    assert as_charlie.get("opportunities").json() == {"count": 0, "items": []}
    assert as_charlie.get("opportunities", {"person": ana.pk}).json() == {"count": 0, "items": []}
    assert as_charlie.get("contributions").json() == {"count": 0, "items": []}
    assert as_charlie.get("contributions/reputation").json()["contributions"] == 0
    refused = as_charlie.post("opportunities", {"title": "x", "people": [{"person": ana.pk}],
                                                "contribution": talk.pk})
    assert refused.status_code == 422
    assert Opportunity.objects.count() == 1


def test_a_stranger_sees_none_of_someone_elses_on_the_list_pages(client, charlie, world):
    client.force_login(charlie)
    for name in ("opportunities:list", "opportunities:contributions", "mentorship:more"):
        page = client.get(reverse(name)).content.decode()
        assert "Staff engineer" not in page and "Scaling Postgres" not in page and "Ana Lima" not in page, name


def test_the_pages_need_a_login(client, world):
    for url in (reverse("opportunities:list"), reverse("opportunities:contributions"),
                reverse("opportunities:detail", args=[world["job"].pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_the_list_page_notes_an_opportunity_through_someone_and_shows_how_it_came(client, alice, world):
    client.force_login(alice)
    response = client.post(reverse("opportunities:list"), {
        "title": "Keynote", "kind": "speaking", "status": "open", "organisation": "DjangoCon", "person": "Bo Chen",
        "role": "introducer", "contribution": str(world["talk"].pk), "introduction": "", "notes": ""})
    made = Opportunity.objects.get(owner=alice, title="Keynote")
    assert response.status_code == 302 and response["Location"] == reverse("opportunities:detail", args=[made.pk])
    assert made.contribution == world["talk"] and made.organisation.name == "DjangoCon"
    page = client.get(response["Location"]).content.decode()
    assert "Came through Bo Chen (introduced me)" in page
    assert "After your talk “Scaling Postgres” (PyCon Lisbon)" in page
    listing = client.get(reverse("opportunities:list")).content.decode()
    assert "Keynote" in listing and "Staff engineer" in listing and "through Bo Chen" in listing


def test_the_detail_page_changes_the_status_and_adds_a_person(client, alice, world):
    job = world["job"]
    client.force_login(alice)
    client.post(reverse("opportunities:status", args=[job.pk]), {"status": "pursuing"})
    client.post(reverse("opportunities:detail", args=[job.pk]), {"form": "link", "person": "Bo", "role": "contact"})
    job.refresh_from_db()
    assert job.status == "pursuing"
    assert sorted(job.links.values_list("role", flat=True)) == ["contact", "referrer"]


def test_the_contributions_page_logs_one_and_shows_what_followed(client, alice, world):
    client.force_login(alice)
    client.post(reverse("opportunities:contributions"), {"title": "On queues", "kind": "article", "url": "",
                                                         "audience": "my blog", "notes": ""})
    page = client.get(reverse("opportunities:contributions")).content.decode()
    assert "On queues" in page and "1 invitation followed" in page
    detail = client.get(reverse("opportunities:contribution", args=[world["talk"].pk])).content.decode()
    assert "Staff engineer" in detail


def test_the_api_notes_reads_and_changes_an_opportunity(as_alice, alice, world):
    made = as_alice.post("opportunities", {"title": "Advisory", "kind": "collaboration", "organisation": "Globex",
                                           "people": [{"person": world["bo"].pk, "role": "contact"}]})
    assert made.status_code == 201
    body = made.json()
    assert body["organisation"]["name"] == "Globex" and body["people"] == [
        {"person": {"id": world["bo"].pk, "display_name": "Bo Chen"}, "role": "contact"}]
    pk = body["id"]
    assert as_alice.post(f"opportunities/{pk}/status", {"status": "won"}).json()["status"] == "won"
    assert as_alice.patch(f"opportunities/{pk}", {"organisation": None}).json()["organisation"] is None
    assert as_alice.patch(f"opportunities/{pk}", {"status": "maybe"}).status_code == 422
    linked = as_alice.generic("PUT", f"/api/v1/opportunities/{pk}/people/{world['ana'].pk}?role=decider").json()
    assert [p["role"] for p in linked["people"]] == ["contact", "decider"]
    assert [i["id"] for i in as_alice.get("opportunities", {"status": "won"}).json()["items"]] == [pk]
    assert as_alice.get("opportunities", {"status": "maybe"}).status_code == 422
    lineage = as_alice.get(f"opportunities/{world['job'].pk}/lineage").json()
    assert [s["kind"] for s in lineage["steps"]][:2] == ["contribution", "opportunity_person"]
    assert as_alice.delete(f"opportunities/{pk}").status_code == 204


def test_the_api_logs_contributions_and_lists_what_followed(as_alice, alice, world):
    made = as_alice.post("contributions", {"title": "Rust for data", "kind": "open_source", "url": "github.com/x"})
    assert made.status_code == 201 and made.json()["kind"] == "open_source"
    rows = {r["title"]: (r["followed"], r["won"]) for r in as_alice.get("contributions").json()["items"]}
    assert rows == {"Rust for data": (0, 0), "Scaling Postgres": (1, 0)}
    followed = as_alice.get(f"contributions/{world['talk'].pk}/opportunities").json()
    assert [o["title"] for o in followed["items"]] == ["Staff engineer"]
    assert as_alice.post("contributions", {"title": "x", "url": "no link here"}).status_code == 422
    assert as_alice.get("contributions/reputation").json() == {
        "contributions": 2, "by_kind": {"talk": 1, "open_source": 1}, "followed": 1, "invitations": 1, "won": 0}


def test_the_cli_adds_lists_and_moves_an_opportunity(alice, world):
    result = run("opportunity", "add", "Keynote", "--kind", "speaking", "--via", "Bo Chen:introducer",
                 "--after", str(world["talk"].pk), "--org", "DjangoCon")
    assert result.exit_code == 0 and "Noted opportunity" in result.stdout
    made = Opportunity.objects.get(owner=alice, title="Keynote")
    assert made.contribution == world["talk"] and made.links.get().role == "introducer"
    listed = json.loads(run("opportunity", "list", "--json").stdout)
    assert [o["title"] for o in listed] == ["Keynote", "Staff engineer"]
    assert run("opportunity", "status", str(made.pk), "won").exit_code == 0
    assert [o["title"] for o in json.loads(run("opportunity", "list", "--json").stdout)] == ["Staff engineer"]
    assert len(json.loads(run("opportunity", "list", "--all", "--json").stdout)) == 2
    assert run("opportunity", "status", str(made.pk), "maybe").exit_code == 1
    assert run("opportunity", "add", "x", "--via", "Bo Chen:boss").exit_code == 2
    assert run("opportunity", "add", "x", "--after", "999999").exit_code == 2
    shown = run("opportunity", "show", str(made.pk))
    assert "came through Bo Chen (introduced me)" in shown.stdout


def test_the_cli_logs_and_lists_contributions(alice, world):
    result = run("contribution", "add", "On queues", "--kind", "article", "--where", "my blog", "--day", "2026-01-05")
    assert result.exit_code == 0
    rows = json.loads(run("contribution", "list", "--json").stdout)
    assert [(r["title"], r["followed"]) for r in rows] == [("Scaling Postgres", 1), ("On queues", 0)]
    assert run("contribution", "add", "x", "--day", "yesterday").exit_code == 2
    assert "Scaling Postgres" in run("contribution", "list").stdout
