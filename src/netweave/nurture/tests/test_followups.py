"""Follow-ups with a controlled clock: the due day read from a promise's words, the list of those due, done; then
logging an interaction with a follow-up, and the API, CLI and web surfaces."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
import typer
from django.urls import reverse
from typer.testing import CliRunner

from netweave.core.errors import Invalid
from netweave.interactions import cli as interactions_cli
from netweave.interactions.models import Interaction
from netweave.nurture import cli_celebrations, services
from netweave.nurture.followups import due, parse_due
from netweave.nurture.models import FollowUp
from netweave.nurture.tests.today_support import NOW, clock, person, talk  # noqa: F401
from netweave.people.services import archive_person

TODAY = NOW.date()  # Tuesday 10 March 2026


@pytest.mark.parametrize("text, expected", [
    ("send her the deck by Friday", date(2026, 3, 13)),
    ("call back tomorrow", date(2026, 3, 11)),
    ("intro to Bo next week", date(2026, 3, 17)),
    ("share the notes today", TODAY),
    ("book dinner on 3 May", date(2026, 5, 3)),
    ("by May 3rd, the contract", date(2026, 5, 3)),
    ("renew it by 3 March", date(2027, 3, 3)),  # already past this year: next year's
    ("reply by 2026-04-01", date(2026, 4, 1)),
    ("check in in 3 days", date(2026, 3, 13)),
    ("see her on Tuesday", date(2026, 3, 17)),  # said on a Tuesday: next week's
    ("send the slides by next friday.", date(2026, 3, 13)),
])
def test_the_due_day_is_read_from_the_promise(text, expected):
    assert parse_due(text, TODAY) == expected


@pytest.mark.parametrize("text", ["send her the deck", "May I send the deck", "ask about march madness",
                                  "send 2 slides", "by the way, email Bo", ""])
def test_a_promise_that_names_no_day_is_due_in_a_week(text):
    assert parse_due(text, TODAY) == date(2026, 3, 17)


def test_a_follow_up_takes_its_day_from_its_words_unless_one_is_given(alice, person):
    ana = person("Ana Lima")
    assert services.add_follow_up(ana, "send her the deck by Friday").due == date(2026, 3, 13)
    assert services.add_follow_up(ana, "send her the deck", due=date(2026, 3, 9)).due == date(2026, 3, 9)


def test_a_follow_up_needs_words_and_an_interaction_of_the_owners(alice, bob, person, make_person, clock):
    ana = person("Ana Lima")
    bobs = talk(make_person("Bo Chen", owner=bob), 1, clock=clock)
    with pytest.raises(Invalid) as exc:
        services.add_follow_up(ana, "   ")
    assert "follow_up" in exc.value.errors
    with pytest.raises(Invalid) as exc:
        services.add_follow_up(ana, "send it", interaction=bobs)
    assert "interaction" in exc.value.errors
    assert not FollowUp.objects.exists()


def test_due_lists_overdue_and_today_first_then_the_next_days(alice, person):
    ana, bo = person("Ana Lima"), person("Bo Chen")
    services.add_follow_up(ana, "later", due=TODAY + timedelta(days=20))
    services.add_follow_up(ana, "soon", due=TODAY + timedelta(days=3))
    services.add_follow_up(bo, "today", due=TODAY)
    services.add_follow_up(bo, "late", due=TODAY - timedelta(days=2))
    items = due(alice)
    assert [(i.text, i.state, i.days_overdue) for i in items] == [
        ("late", "overdue", 2), ("today", "today", 0), ("soon", "soon", -3)]
    assert items[0].display_name == "Bo Chen"


def test_done_takes_a_follow_up_off_the_list_and_keeps_when(alice, person, clock):
    ana = person("Ana Lima")
    made = services.add_follow_up(ana, "send the deck", due=TODAY)
    services.finish_follow_up(made)
    first = made.done_at
    clock.advance(days=1)
    services.finish_follow_up(made)
    assert made.done_at == first and due(alice) == []


def test_archived_people_and_strangers_have_no_follow_ups_due(alice, charlie, person):
    ana = person("Ana Lima")
    services.add_follow_up(ana, "send the deck", due=TODAY)
    assert due(charlie) == []
    archive_person(ana)
    assert due(alice) == []


# ---- surfaces ----------------------------------------------------------------------------------------------

def test_a_stranger_gets_404_or_nothing_from_the_follow_ups_api(as_charlie, alice, person, clock):
    ana = person("Ana Lima")
    made = services.add_follow_up(ana, "send the deck", due=TODAY)
    interaction = talk(ana, 1, clock=clock)
    assert as_charlie.get("followups").json() == []
    assert as_charlie.post(f"followups/{made.pk}/done").status_code == 404
    assert as_charlie.post("followups", {"person_id": ana.pk, "text": "x"}).status_code == 404
    charlies = as_charlie.post("followups", {"person_id": ana.pk, "text": "x", "interaction_id": interaction.pk})
    assert charlies.status_code == 404
    made.refresh_from_db()
    assert made.done_at is None and FollowUp.objects.count() == 1


def test_the_api_adds_lists_and_finishes_follow_ups(as_alice, alice, person, clock):
    ana = person("Ana Lima")
    interaction = talk(ana, 0, clock=clock)
    added = as_alice.post("followups", {"person_id": ana.pk, "text": "send the deck by Friday",
                                        "interaction_id": interaction.pk})
    assert added.status_code == 201
    body = added.json()
    assert body["due"] == "2026-03-13" and body["state"] == "soon" and body["interaction_id"] == interaction.pk
    assert [i["id"] for i in as_alice.get("followups").json()] == [body["id"]]
    assert as_alice.get("followups", {"days": 1}).json() == []
    assert as_alice.post(f"followups/{body['id']}/done").json()["id"] == body["id"]
    assert as_alice.get("followups").json() == []
    assert as_alice.post("followups", {"person_id": ana.pk, "text": " "}).status_code == 422


app = typer.Typer()
cli_celebrations.register(app)
interactions_cli.register(app)
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [*args, "-u", "alice"], catch_exceptions=False)


def test_logging_with_a_follow_up_on_the_command_line_notes_it_for_the_person(alice, person):
    ana = person("Ana Lima")
    result = run("log", "Coffee with Ana Lima", "--follow-up", "send her the deck by Friday", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["follow_up"]["due"] == "2026-03-13"
    made = FollowUp.objects.get()
    assert made.person == ana and made.interaction_id == body["id"]


def test_the_followup_commands_list_add_and_finish(alice, person):
    person("Ana Lima")
    added = json.loads(run("followup", "add", "Ana Lima", "call back tomorrow", "--json").stdout)
    assert added["due"] == "2026-03-11" and added["state"] == "soon"
    assert "call back tomorrow" in run("followup", "list").stdout
    assert [i["id"] for i in json.loads(run("followup", "list", "--json").stdout)] == [added["id"]]
    assert run("followup", "done", str(added["id"])).exit_code == 0
    assert json.loads(run("followup", "list", "--json").stdout) == []
    assert run("followup", "done", "999999").exit_code == 2


def test_the_followup_commands_do_not_reach_someone_elses(alice, charlie, person):
    made = services.add_follow_up(person("Ana Lima"), "send the deck", due=TODAY)
    as_charlie = lambda *a: runner.invoke(app, [*a, "-u", "charlie"], catch_exceptions=False)  # noqa: E731
    assert json.loads(as_charlie("followup", "list", "--json").stdout) == []
    assert as_charlie("followup", "done", str(made.pk)).exit_code == 2
    made.refresh_from_db()
    assert made.done_at is None


def test_logging_on_the_web_with_a_follow_up_shows_it_on_the_home_page(client, alice, person):
    person("Ana Lima")
    client.force_login(alice)
    response = client.post(reverse("interactions:new"), {
        "summary": "Coffee", "participants": "Ana Lima", "kind": "meeting", "when": "today",
        "follow_up": "send her the deck by Friday"})
    assert response.status_code == 302
    assert FollowUp.objects.get().due == date(2026, 3, 13)
    page = client.get(reverse("home")).content.decode()
    assert "Follow-ups due" in page and "send her the deck by Friday" in page


def test_a_stranger_gets_404_for_follow_up_done_and_sees_none_on_the_home_page(client, charlie, alice, person):
    made = services.add_follow_up(person("Ana Lima"), "send the deck", due=TODAY)
    client.force_login(charlie)
    assert client.post(reverse("nurture:follow_up_done", args=[made.pk])).status_code == 404
    assert "send the deck" not in client.get(reverse("home")).content.decode()
    made.refresh_from_db()
    assert made.done_at is None


def test_done_on_the_home_page_takes_it_off(client, alice, person):
    made = services.add_follow_up(person("Ana Lima"), "send the deck", due=TODAY)
    client.force_login(alice)
    assert client.post(reverse("nurture:follow_up_done", args=[made.pk])).status_code == 302
    assert f'id="follow-up-{made.pk}"' not in client.get(reverse("home")).content.decode()
    assert Interaction.objects.count() == 0


def test_a_follow_up_cannot_hang_on_an_interaction_the_person_was_not_in(alice, make_person):
    from datetime import datetime, timezone

    import pytest

    from netweave.core.errors import Invalid
    from netweave.interactions.services import log_interaction
    from netweave.nurture.services import add_follow_up

    ana, bo = make_person("Ana Lima"), make_person("Bo Chen")
    lunch = log_interaction(alice, kind="meeting", occurred_at=datetime(2025, 5, 1, tzinfo=timezone.utc),
                            participants=[ana], summary="Lunch")
    with pytest.raises(Invalid, match="Bo Chen did not take part"):
        add_follow_up(bo, "send the deck", interaction=lunch)
    assert add_follow_up(ana, "send the deck", interaction=lunch).interaction_id == lunch.pk
