"""Mentorship and learnings on the web, the API and the CLI, in search everywhere; and that a stranger sees and
changes nothing of Alice's."""

from __future__ import annotations

import json

import pytest
import typer
from django.urls import reverse
from typer.testing import CliRunner

from netweave.interactions.models import Interaction
from netweave.mentorship import cli, services
from netweave.mentorship.models import Learning, Mentorship, MentorshipSession
from netweave.nurture.tests.today_support import clock, person  # noqa: F401

app = typer.Typer()
cli.register(app)
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [*args, "-u", "alice"], catch_exceptions=False)


@pytest.fixture
def mentoring(alice, person):  # noqa: F811
    ana = person("Ana Lima")
    mentorship = services.start_mentorship(alice, ana, role="mentor", goals="Staff engineer by next year")
    session = services.log_session(mentorship, notes="Delegation: let go of reviews", next_steps="Pick a deputy")
    learning = services.record_learning(alice, "Write the decision down before the meeting", person=ana,
                                        topic="leadership")
    return {"ana": ana, "mentorship": mentorship, "session": session, "learning": learning}


def test_a_stranger_gets_404_for_every_page_and_button_of_someone_elses(client, charlie, mentoring):
    m, s, l = mentoring["mentorship"], mentoring["session"], mentoring["learning"]
    client.force_login(charlie)
    for url in (reverse("mentorship:detail", args=[m.pk]), reverse("mentorship:learning", args=[l.pk])):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"form": "edit", "text": "x", "role": "mentee", "started": "2026-01-01"}
                           ).status_code == 404, url
    for name, pk in (("mentorship:end", m.pk), ("mentorship:delete", m.pk), ("mentorship:session_delete", s.pk),
                     ("mentorship:learning_delete", l.pk)):
        assert client.post(reverse(name, args=[pk])).status_code == 404, name
    assert Mentorship.objects.get(pk=m.pk).ended is None and MentorshipSession.objects.filter(pk=s.pk).exists()
    assert Learning.objects.get(pk=l.pk).text.startswith("Write the decision")


def test_a_stranger_gets_404_from_every_api_endpoint_of_someone_elses(as_charlie, mentoring):
    m, s, l = mentoring["mentorship"], mentoring["session"], mentoring["learning"]
    for method, path, body in (
        ("get", f"mentorships/{m.pk}", None), ("patch", f"mentorships/{m.pk}", {"goals": "x"}),
        ("post", f"mentorships/{m.pk}/end", {}), ("delete", f"mentorships/{m.pk}", None),
        ("get", f"mentorships/{m.pk}/sessions", None), ("post", f"mentorships/{m.pk}/sessions", {"notes": "x"}),
        ("patch", f"sessions/{s.pk}", {"notes": "x"}), ("delete", f"sessions/{s.pk}", None),
        ("get", f"learnings/{l.pk}", None), ("patch", f"learnings/{l.pk}", {"text": "x"}),
        ("delete", f"learnings/{l.pk}", None),
    ):
        call = getattr(as_charlie, method)
        response = call(path, body) if body is not None else call(path)
        assert response.status_code == 404, (method, path)
    assert as_charlie.get("mentorships").json() == []
    assert as_charlie.get("learnings", {"q": "decision"}).json() == {"count": 0, "items": []}
    assert as_charlie.get("learnings", {"person": mentoring["ana"].pk}).json() == {"count": 0, "items": []}
    assert as_charlie.post("mentorships", {"person": mentoring["ana"].pk, "role": "mentor"}).status_code == 422
    assert as_charlie.post("learnings", {"text": "x", "person": mentoring["ana"].pk}).status_code == 422
    assert Mentorship.objects.count() == 1 and Learning.objects.count() == 1


def test_a_stranger_sees_none_of_someone_elses_on_the_list_pages(client, charlie, mentoring):
    client.force_login(charlie)
    for name in ("mentorship:list", "mentorship:learnings", "mentorship:more"):
        page = client.get(reverse(name)).content.decode()
        assert "Ana Lima" not in page and "Write the decision" not in page, name


def test_the_pages_need_a_login(client, mentoring):
    for url in (reverse("mentorship:list"), reverse("mentorship:learnings"), reverse("mentorship:more"),
                reverse("mentorship:detail", args=[mentoring["mentorship"].pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_learnings_and_session_notes_are_found_by_search_everywhere(alice, bob, mentoring):
    from netweave.search.queries import search

    hits = {h.kind: h for h in search(alice, "delegation").hits}
    session = hits["mentor_session"]
    assert session.url == f"/mentorship/{mentoring['mentorship'].pk}/#session-{mentoring['session'].pk}"
    assert session.person_ids == [mentoring["ana"].pk] and "session with Ana Lima" in session.subtitle
    [learning] = [h for h in search(alice, "decision").hits if h.kind == "learning"]
    assert learning.url == f"/learnings/{mentoring['learning'].pk}/"
    assert learning.person_ids == [mentoring["ana"].pk] and learning.subtitle.startswith("from Ana Lima · leadership")
    assert search(bob, "decision").hits == []


def test_the_list_page_starts_a_mentorship_by_name(client, alice, person):
    person("Bo Chen")
    client.force_login(alice)
    response = client.post(reverse("mentorship:list"), {"person": "bo chen", "role": "mentee", "goals": "Ship v1"})
    made = Mentorship.objects.get(owner=alice)
    assert response.status_code == 302 and response["Location"] == reverse("mentorship:detail", args=[made.pk])
    assert (made.role, made.goals) == ("mentee", "Ship v1")
    page = client.post(reverse("mentorship:list"), {"person": "Nobody Here", "role": "mentor"}).content.decode()
    assert 'id="id_person-errors"' in page and "Nobody Here" in page and Mentorship.objects.count() == 1


def test_the_detail_page_notes_a_session_and_shows_it(client, alice, mentoring):
    m = mentoring["mentorship"]
    client.force_login(alice)
    response = client.post(reverse("mentorship:detail", args=[m.pk]),
                           {"form": "session", "notes": "Roadmaps", "next_steps": "", "log_interaction": "on"})
    assert response.status_code == 302
    page = client.get(reverse("mentorship:detail", args=[m.pk])).content.decode()
    assert "Roadmaps" in page and "Delegation: let go of reviews" in page and "Staff engineer by next year" in page
    assert Interaction.objects.filter(owner=alice, summary="Mentoring session: Roadmaps").exists()
    refused = client.post(reverse("mentorship:detail", args=[m.pk]), {"form": "session", "notes": ""})
    assert refused.status_code == 200 and "say what you talked about" in refused.content.decode()


def test_the_learnings_page_notes_and_searches(client, alice, mentoring):
    client.force_login(alice)
    client.post(reverse("mentorship:learnings"), {"text": "Ask for the budget first", "person": "Ana Lima",
                                                  "topic": "sales"})
    assert Learning.objects.get(owner=alice, topic="sales").person == mentoring["ana"]
    page = client.get(reverse("mentorship:learnings"), {"q": "budget"}).content.decode()
    assert "Ask for the budget first" in page and "Write the decision down" not in page


def test_the_api_starts_lists_and_ends_a_mentorship_with_sessions(as_alice, alice, person):
    bo = person("Bo Chen")
    made = as_alice.post("mentorships", {"person": bo.pk, "role": "mentee", "goals": "Ship v1"})
    assert made.status_code == 201 and made.json()["person"] == {"id": bo.pk, "display_name": "Bo Chen"}
    pk = made.json()["id"]
    assert as_alice.post("mentorships", {"person": bo.pk, "role": "mentee"}).status_code == 422
    session = as_alice.post(f"mentorships/{pk}/sessions", {"notes": "Scope", "log_interaction": False})
    assert session.status_code == 201 and session.json()["interaction_id"] is None
    assert as_alice.get(f"mentorships/{pk}").json()["session_count"] == 1
    ended = as_alice.post(f"mentorships/{pk}/end", {"ended": "2026-03-10"}).json()
    assert ended["active"] is False and ended["ended"] == "2026-03-10"
    assert as_alice.get("mentorships", {"active": "true"}).json() == []
    assert as_alice.patch(f"mentorships/{pk}", {"ended": None}).json()["active"] is True
    assert as_alice.get("mentorships", {"role": "guru"}).status_code == 422


def test_the_api_notes_finds_changes_and_deletes_learnings(as_alice, alice, mentoring):
    made = as_alice.post("learnings", {"text": "Ship small", "topic": "delivery", "person": mentoring["ana"].pk})
    assert made.status_code == 201 and made.json()["person"]["display_name"] == "Ana Lima"
    pk = made.json()["id"]
    found = as_alice.get("learnings", {"q": "ship"}).json()
    assert [i["id"] for i in found["items"]] == [pk]
    assert as_alice.patch(f"learnings/{pk}", {"person": None}).json()["person"] is None
    assert as_alice.patch(f"learnings/{pk}", {"text": " "}).status_code == 422
    assert as_alice.delete(f"learnings/{pk}").status_code == 204
    assert not Learning.objects.filter(pk=pk).exists()


def test_the_cli_adds_a_mentor_notes_a_session_and_lists(alice, person):
    person("Ana Lima")
    assert run("mentor", "add", "ana lima", "--role", "mentor", "--goals", "Staff").exit_code == 0
    result = run("mentor", "session", "Ana Lima", "--notes", "Delegation", "--next", "Pick a deputy")
    assert result.exit_code == 0 and "Noted a session with Ana Lima on 2026-03-10." in result.stdout
    [row] = json.loads(run("mentor", "list", "--json").stdout)
    assert (row["role"], row["session_count"], row["goals"]) == ("mentor", 1, "Staff")
    assert run("mentor", "add", "Ana Lima").exit_code == 1  # already my mentor
    assert run("mentor", "session", "Nobody Here", "--notes", "x").exit_code == 2


def test_the_cli_notes_what_i_learned_and_finds_it(alice, person):
    person("Ana Lima")
    result = run("learned", "Price on value", "--from", "Ana Lima", "--topic", "pricing")
    assert result.exit_code == 0 and "Noted, from Ana Lima." in result.stdout
    run("learned", "Rust lifetimes")
    found = json.loads(run("learnings", "price", "--json").stdout)
    assert [(f["text"], f["person"]["display_name"], f["topic"]) for f in found] == [
        ("Price on value", "Ana Lima", "pricing")]
    assert len(json.loads(run("learnings", "--json").stdout)) == 2
    assert "Rust lifetimes" in run("learnings").stdout
    assert run("learned", " ").exit_code == 1


def test_a_learning_has_a_page_that_changes_and_deletes_it(client, alice, mentoring):
    learning = mentoring["learning"]
    client.force_login(alice)
    page = client.get(reverse("mentorship:learning", args=[learning.pk])).content.decode()
    assert "Write the decision down before the meeting" in page and 'value="Ana Lima"' in page
    client.post(reverse("mentorship:learning", args=[learning.pk]),
                {"text": "Write it down first", "person": "", "topic": "writing", "day": ""})
    learning.refresh_from_db()
    assert (learning.text, learning.person, learning.topic) == ("Write it down first", None, "writing")
    client.post(reverse("mentorship:learning_delete", args=[learning.pk]))
    assert not Learning.objects.filter(pk=learning.pk).exists()


def test_the_more_page_links_mentorship_learnings_opportunities_and_contributions_with_counts(client, alice,
                                                                                            mentoring):
    client.force_login(alice)
    page = client.get(reverse("mentorship:more")).content.decode()
    for url in ("/mentorship/", "/learnings/", "/opportunities/", "/contributions/"):
        assert f'href="{url}"' in page, url
    assert "1 going on" in page and "1 noted" in page and "0 in play" in page
