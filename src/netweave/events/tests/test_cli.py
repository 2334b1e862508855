"""The events commands and `netweave capture`, in-process, on a Typer app of their own."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from netweave.events import cli
from netweave.events.models import Event, EventPerson
from netweave.interactions.models import Interaction
from netweave.nurture.models import FollowUp
from netweave.people.models import Person

from netweave.events.tests.test_icsevents import BROKEN, CALENDAR

app = typer.Typer()
cli.register(app)
runner = CliRunner()


def run(*args, input: str | None = None):
    return runner.invoke(app, [*args, "-u", "alice"], input=input, catch_exceptions=False)


def run_json(*args, input: str | None = None):
    result = run(*args, "--json", input=input)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_events_add_list_and_show(alice, make_person):
    make_person("Ana Lima", title="Climate fintech lead", organisation="Greenledger")
    made = run_json("events", "add", "PyCon Lisbon", "--starts", "2099-05-01 09:00", "--location", "Lisbon",
                    "--goal", "meet three people working on climate fintech", "--expect", "Ana Lima")
    assert made["name"] == "PyCon Lisbon" and made["location"] == "Lisbon"
    listed = run_json("events", "list", "--when", "upcoming")
    assert [(e["name"], e["planned_count"]) for e in listed] == [("PyCon Lisbon", 1)]
    assert run_json("events", "list", "--when", "past") == []
    shown = run_json("events", "show", "pycon")
    assert shown["goals"][0]["target"] == 3 and shown["people"][0]["status"] == "expected"
    assert shown["suggestions"][0]["reason"] == "works on climate, fintech"
    text = run("events", "show", str(made["id"]))
    assert text.exit_code == 0 and "Goal: meet three people working on climate fintech: 0 of 3 met" in text.stdout


def test_events_goal_and_expect_and_an_unknown_or_ambiguous_event(alice, event, upcoming, make_person):
    make_person("Bo Chen", tags=["batteries"])
    assert run("events", "goal", "Climate Tech", "meet two people working on batteries").exit_code == 0
    wanted = run("events", "expect", "Climate Tech", "Bo Chen", "--want")
    assert wanted.exit_code == 0 and "want to meet: works on batteries" in wanted.stdout
    assert EventPerson.objects.get().status == "want_to_meet"
    assert run("events", "show", "no such thing").exit_code == 2
    both = run("events", "show", "i")  # in both names
    assert both.exit_code == 2 and "could be several events" in both.output


def test_capture_from_lines_and_from_standard_input(alice, event, make_person):
    ana = make_person("Ana Lima")
    saved = run_json("capture", "Climate Tech Summit", "--line", "Ana Lima — grid batteries; send her the deck",
                     "--line", "Bo Chen, Voltwise")
    assert saved["saved"] and [p["display_name"] for p in saved["created"]] == ["Bo Chen"]
    assert ana.pk in [p["id"] for p in saved["met"]] and len(saved["follow_up_ids"]) == 1
    piped = run("capture", str(event.pk), input="Ana Lima — grid batteries; send her the deck\n+ Cy Diaz\n")
    said = " ".join(piped.stdout.split())  # rich wraps long lines
    assert piped.exit_code == 0 and "new: Cy Diaz; 1 met-together tie; 1 line captured before." in said
    assert Interaction.objects.get().participants.count() == 3 and FollowUp.objects.count() == 1


def test_capture_waits_for_a_choice_exits_2_and_saves_with_choose(alice, event, make_person):
    first = make_person("Ana Lima", organisation="Acme")
    make_person("Ana Lima", organisation="Brightstone")
    asked = run("capture", "Climate", "--line", "Ana Lima — from the panel")
    assert asked.exit_code == 2 and f'--choose "Ana Lima={first.pk}"' in asked.output
    assert not Interaction.objects.exists()
    done = run_json("capture", "Climate", "--line", "Ana Lima — from the panel", "--choose", f"Ana Lima={first.pk}")
    assert [p["id"] for p in done["met"]] == [first.pk]
    new = run_json("capture", "Climate", "--line", "Ana Lima, Initech", "--choose", "ana lima=new")
    assert [p["display_name"] for p in new["created"]] == ["Ana Lima"] and Person.objects.count() == 3


def test_capture_preview_saves_nothing_and_a_bad_line_exits_1(alice, event):
    preview = run_json("capture", "Climate", "--preview", "--line", "Ana Lima; call her")
    assert preview["lines"][0]["action"] == "new" and preview["lines"][0]["follow_ups"][0]["text"] == "call her"
    assert not Person.objects.exists()
    bad = run("capture", "Climate", "--line", "Ana and Bo — founders")
    assert bad.exit_code == 1 and "one person a line" in bad.output and not Person.objects.exists()


def test_events_import_a_calendar_and_a_broken_one(alice, tmp_path):
    good, broken = tmp_path / "good.ics", tmp_path / "broken.ics"
    good.write_text(CALENDAR)
    broken.write_text(BROKEN)
    failed = run("events", "import", str(broken))
    assert failed.exit_code == 1 and "event 1 (line 7): DTSTART cannot be read" in failed.output
    assert not Event.objects.exists()
    imported = run_json("events", "import", str(good), "--me", "alice@example.org")
    assert len(imported["created"]) == 2 and {s["why"] for s in imported["skipped"]} >= {"was cancelled"}


def test_a_stranger_cannot_reach_someone_else_s_event_by_id_or_name(alice, charlie, event):
    for args in (["events", "show", str(event.pk)], ["events", "goal", str(event.pk), "meet two people"],
                 ["capture", str(event.pk), "--line", "Zed Zero"], ["events", "show", "Climate"]):
        result = runner.invoke(app, [*args, "-u", "charlie"], catch_exceptions=False)
        assert result.exit_code == 2 and "no event called" in result.output, args
    assert not Person.objects.exists() and not event.goals.exists()
