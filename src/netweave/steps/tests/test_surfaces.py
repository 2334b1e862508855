"""The "This week" page, /api/v1/week and `netweave week`: what reaches the services, and that a stranger sees
and changes nothing of Alice's."""

from __future__ import annotations

import json

import typer
from django.urls import reverse
from typer.testing import CliRunner

from netweave.interactions.models import Interaction
from netweave.steps import cli, services
from netweave.steps.models import Step, StepSettings
from netweave.steps.tests.plan_support import birthday, clock, dormant, due, person  # noqa: F401

app = typer.Typer()
cli.register(app)
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [*args, "-u", "alice"], catch_exceptions=False)


def test_a_stranger_gets_404_for_someone_elses_steps_on_every_surface(client, alice, charlie, as_charlie, due):
    steps = list(services.plan_for(alice).steps.all())
    client.force_login(charlie)
    for step in steps:
        for name in ("steps:done", "steps:skip", "steps:reopen"):
            assert client.post(reverse(name, args=[step.pk])).status_code == 404, name
        for action in ("done", "skip", "reopen"):
            assert as_charlie.post(f"week/steps/{step.pk}/{action}").status_code == 404, action
    assert not Step.objects.exclude(status="open").exists()
    assert not Interaction.objects.filter(summary="Checked in").exists()


def test_a_stranger_sees_none_of_someone_elses_plan(client, alice, charlie, as_charlie, due):
    services.plan_for(alice)
    client.force_login(charlie)
    page = client.get(reverse("steps:week")).content.decode()
    assert "Bo Chen" not in page and "Check in with" not in page
    body = as_charlie.get("week").json()
    assert body["steps"] == [] and "Bo Chen" not in json.dumps(body)
    assert as_charlie.get("week/progress").json()["planned"] == 0


def test_the_page_needs_a_login(client, alice, due):
    step = services.plan_for(alice).steps.first()
    for response in (client.get(reverse("steps:week")), client.post(reverse("steps:done", args=[step.pk]))):
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_page_shows_the_steps_with_why_and_a_link_and_done_goes_back_to_it(client, alice, birthday, dormant):
    client.force_login(alice)
    page = client.get(reverse("steps:week")).content.decode()
    assert "Congratulate Ana Lima" in page and "Turns 40, on Friday 13 March" in page
    assert 'href="/nurture/celebrations/"' in page and "Get back in touch with Olga Berg" in page
    assert 'href="/week/">This week</a>' in page and 'href="/more/">More</a>' in page  # the top bar's links
    step = Step.objects.get(owner=alice, kind="congratulate")
    response = client.post(reverse("steps:done", args=[step.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("steps:week")
    assert Step.objects.get(pk=step.pk).status == "done"
    assert "Done: Congratulate Ana Lima." in client.get(reverse("steps:week")).content.decode()


def test_with_htmx_a_button_answers_with_the_refreshed_steps(client, alice, due):
    step = services.plan_for(alice).steps.order_by("position").first()
    client.force_login(alice)
    html = client.post(reverse("steps:skip", args=[step.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert html.startswith('<section id="week-steps"') and f"Skipped: {step.title}." in html
    assert "0 of 3 done" in html and "Undo" in html


def test_the_page_changes_the_number_of_steps_a_week(client, alice, due):
    client.force_login(alice)
    client.post(reverse("steps:settings"), {"per_week": "1"})
    assert StepSettings.objects.get(owner=alice).per_week == 1
    response = client.post(reverse("steps:settings"), {"per_week": "99"}, follow=True)
    assert "between 1 and 10" in response.content.decode() and StepSettings.objects.get(owner=alice).per_week == 1


def test_the_api_gives_the_plan_and_marks_steps(as_alice, alice, birthday, due):
    body = as_alice.get("week").json()
    assert body["week"] == "2026-03-09" and body["week_end"] == "2026-03-15" and body["per_week"] == 3
    first = body["steps"][0]
    assert (first["number"], first["kind"], first["person"]["display_name"]) == (1, "congratulate", "Ana Lima")
    assert first["url"] == "/nurture/celebrations/" and first["status"] == "open"
    done = as_alice.post(f"week/steps/{first['id']}/done").json()
    assert done["status"] == "done" and done["acted_at"]
    assert as_alice.get("week").json()["done"] == 1
    assert as_alice.post(f"week/steps/{first['id']}/reopen").json()["status"] == "open"
    progress = as_alice.get("week/progress", {"weeks": 2}).json()
    assert progress["planned"] == 3 and [w["week"] for w in progress["weeks"]] == ["2026-03-09", "2026-03-02"]


def test_the_api_reads_and_changes_the_settings(as_alice, alice, due):
    assert as_alice.get("week/settings").json() == {"per_week": 3}
    assert as_alice.patch("week/settings", {"per_week": 0}).status_code == 422
    assert as_alice.patch("week/settings", {"per_week": 2}).json() == {"per_week": 2}
    assert len(as_alice.get("week").json()["steps"]) == 2


def test_week_prints_the_plan_and_done_marks_a_step_by_number(alice, due):
    result = run("week")
    assert result.exit_code == 0 and "Check in with Di Evans" in result.stdout
    result = runner.invoke(app, ["week", "done", "2", "-u", "alice"], catch_exceptions=False)
    assert result.exit_code == 0 and "Done: Check in with Cy Diaz." in result.stdout
    assert Step.objects.get(owner=alice, position=2).status == "done"
    missing = runner.invoke(app, ["week", "skip", "7", "-u", "alice"], catch_exceptions=False)
    assert missing.exit_code == 2 and "no step 7" in missing.output


def test_week_as_json_and_progress_and_settings(alice, due):
    plan = json.loads(runner.invoke(app, ["week", "--json", "-u", "alice"]).stdout)
    assert plan["week"] == "2026-03-09" and [s["number"] for s in plan["steps"]] == [1, 2, 3]
    marked = json.loads(runner.invoke(app, ["week", "skip", "1", "--json", "-u", "alice"]).stdout)
    assert marked["status"] == "skipped"
    progress = json.loads(runner.invoke(app, ["week", "progress", "--weeks", "1", "--json", "-u", "alice"]).stdout)
    assert progress["weeks"] == [{"week": "2026-03-09", "planned": 3, "done": 0, "skipped": 1}]
    changed = runner.invoke(app, ["week", "settings", "--per-week", "4", "--json", "-u", "alice"])
    assert json.loads(changed.stdout) == {"per_week": 4}
    refused = runner.invoke(app, ["week", "settings", "--per-week", "40", "-u", "alice"])
    assert refused.exit_code == 1 and "between 1 and 10" in refused.output
