"""The `netweave` command, run in-process against the test database."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from netweave.cli import app
from netweave.interactions.models import Interaction
from netweave.people.models import Person

runner = CliRunner()


def run(*args, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def people(alice, make_person):
    return {
        "ana": make_person("Ana Lima", emails=["ana@tidewater.example"], organisation="Tidewater", title="CTO",
                           circle="close", tags=["climate"]),
        "bo": make_person("Bo Chen", organisation="Oakleaf"),
    }


def test_user_add_reads_the_password_from_stdin(db):
    from django.contrib.auth import authenticate

    result = run("user", "add", "dana", input="a-long-password\n")
    assert result.exit_code == 0, result.output
    assert authenticate(username="dana", password="a-long-password") is not None


def test_token_create_prints_a_working_token(alice):
    from netweave.accounts.services import user_for_token

    result = run("token", "create", "--user", "alice")
    assert result.exit_code == 0
    assert user_for_token(result.stdout.strip()) == alice


def test_people_add_then_show_as_json(alice):
    result = run("people", "add", "Eli Okafor", "--email", "eli@example.com", "--phone", "+44 7700 900123",
                 "--org", "Acme", "--title", "Designer", "--tag", "design", "--birthday", "--02-29", "-u", "alice")
    assert result.exit_code == 0, result.output
    shown = json.loads(run("people", "show", "eli okafor", "--json", "-u", "alice").stdout)
    assert shown["emails"][0]["address"] == "eli@example.com"
    assert shown["phones"][0]["e164"] == "+447700900123"
    assert shown["affiliations"][0]["organisation"] == "Acme"
    assert shown["birthday"] == "--02-29" and shown["tags"] == ["design"]


def test_people_add_names_a_bad_field_and_saves_nothing(alice):
    result = run("people", "add", "Eli", "--email", "not-an-email", "-u", "alice")
    assert result.exit_code == 1
    assert "emails[0]" in result.output
    assert not Person.objects.filter(owner=alice).exists()


def test_people_add_with_a_known_email_offers_a_merge(people):
    result = run("people", "add", "Ana L", "--email", "ANA@tidewater.example", "-u", "alice")
    assert result.exit_code == 2 and "--merge" in result.output
    assert Person.objects.filter(display_name="Ana L").count() == 0
    result = run("people", "add", "Ana L", "--email", "ANA@tidewater.example", "--phone", "+351 912 345 678",
                 "--merge", "-u", "alice")
    assert result.exit_code == 0
    assert people["ana"].phones.get().e164 == "+351912345678"


def test_people_list_json_filters(people):
    rows = json.loads(run("people", "list", "--json", "-u", "alice").stdout)
    assert [r["display_name"] for r in rows] == ["Ana Lima", "Bo Chen"]
    rows = json.loads(run("people", "list", "--json", "--circle", "close", "-u", "alice").stdout)
    assert [r["display_name"] for r in rows] == ["Ana Lima"]
    assert rows[0]["organisation"] == "Tidewater" and rows[0]["emails"] == ["ana@tidewater.example"]
    rows = json.loads(run("people", "list", "--json", "--org", "oakleaf", "-u", "alice").stdout)
    assert [r["display_name"] for r in rows] == ["Bo Chen"]


def test_people_edit_and_archive(people):
    assert run("people", "edit", "Bo Chen", "--org", "Tidewater", "--title", "Engineer", "--tag", "python",
               "-u", "alice").exit_code == 0
    bo = Person.objects.get(pk=people["bo"].pk)
    assert (bo.current_organisation.name, bo.current_title) == ("Tidewater", "Engineer")
    assert run("people", "archive", "Bo Chen", "-u", "alice").exit_code == 0
    assert Person.objects.get(pk=bo.pk).archived
    rows = json.loads(run("people", "list", "--json", "-u", "alice").stdout)
    assert [r["display_name"] for r in rows] == ["Ana Lima"]
    assert run("people", "archive", "Bo Chen", "--undo", "-u", "alice").exit_code == 0
    assert not Person.objects.get(pk=bo.pk).archived


def test_log_resolves_names_in_the_text(people):
    result = run("log", "Coffee with Ana Lima and Bo Chen", "--kind", "meeting", "--when", "yesterday", "-u", "alice")
    assert result.exit_code == 0, result.output
    interaction = Interaction.objects.get()
    assert interaction.kind == "meeting"
    assert {p.display_name for p in interaction.participants.all()} == {"Ana Lima", "Bo Chen"}


def test_log_with_an_unknown_person_suggests_candidates_exits_2_and_changes_nothing(people):
    result = run("log", "Coffee with Ana Lima and Bo Chan and Zebedee", "-u", "alice")
    assert result.exit_code == 2
    assert "Bo Chen" in result.output and "Zebedee" in result.output
    assert not Interaction.objects.exists()


def test_an_ambiguous_name_lists_candidates_and_exits_2(people, make_person):
    make_person("Ana Souza")
    result = run("people", "show", "Ana", "-u", "alice")
    assert result.exit_code == 2
    assert "Ana Lima" in result.output and "Ana Souza" in result.output


def test_orgs_and_search_list_as_json(people):
    orgs = json.loads(run("orgs", "--json", "-u", "alice").stdout)
    assert {o["name"]: o["people_now"] for o in orgs} == {"Oakleaf": 1, "Tidewater": 1}
    run("log", "Call with Ana Lima about the tidewater round", "-u", "alice")
    found = json.loads(run("search", "tidewater", "--json", "-u", "alice").stdout)
    assert [p["display_name"] for p in found["people"]] == ["Ana Lima"]
    assert found["interactions"][0]["summary"] == "Call with Ana Lima about the tidewater round"


def test_export_holds_everything(people):
    run("log", "Call with Ana Lima", "-u", "alice")
    data = json.loads(run("export", "--json", "-u", "alice").stdout)
    assert data["format"] == "netweave-export"
    assert {p["display_name"] for p in data["people"]} == {"Ana Lima", "Bo Chen"}
    assert data["interactions"][0]["participants"] == [people["ana"].pk]


def test_another_users_people_are_never_reached(people, bob):
    assert run("people", "show", "Ana Lima", "-u", "bob").exit_code == 2
    assert json.loads(run("people", "list", "--json", "-u", "bob").stdout) == []
    assert run("log", "Call with Ana Lima", "-u", "bob").exit_code == 2
    assert json.loads(run("export", "--json", "-u", "bob").stdout)["people"] == []


def test_a_people_table_shows_the_first_rows_and_says_how_many_more(alice, make_person):
    for i in range(5):
        make_person(f"Person {i}")
    result = run("people", "list", "--limit", "2", "-u", "alice")
    assert "2 people of 5" in result.output
    assert len(json.loads(run("people", "list", "--json", "-u", "alice").stdout)) == 5


def test_people_add_merge_keeps_both_sets_of_values(people):
    from netweave.people.models import Merge
    from netweave.people.services import new_origin, update_person

    ana = people["ana"]
    update_person(ana, {"notes": "Long private notes", "location": "Lisbon"}, origin=new_origin(ana.owner, "cli"))
    result = run("people", "add", "Ana L.", "-e", "ana@tidewater.example", "--notes", "met at PyCon",
                 "--location", "Porto", "--merge", "-u", "alice")
    assert result.exit_code == 0, result.output
    ana = Person.objects.get(pk=ana.pk)
    assert "Long private notes" in ana.notes and "met at PyCon" in ana.notes
    assert ana.location == "Lisbon" and ana.extra["merged"][0]["location"] == "Porto"
    assert Merge.objects.filter(kept=ana).exists()


def test_circles_are_listed_added_renamed_moved_and_removed(people):
    assert run("circles", "add", "Board", "-u", "alice").exit_code == 0
    assert run("circles", "rename", "board", "Board members", "-u", "alice").exit_code == 0
    assert run("circles", "move", "Board members", "0", "-u", "alice").exit_code == 0
    rows = json.loads(run("circles", "list", "--json", "-u", "alice").stdout)
    assert rows[0]["name"] == "Board members"
    assert {r["name"]: r["people"] for r in rows}["close"] == 1
    assert run("circles", "remove", "close", "-u", "alice").exit_code == 0
    assert Person.objects.get(pk=people["ana"].pk).circle is None
    assert run("circles", "remove", "nonesuch", "-u", "alice").exit_code == 2
    assert run("circles", "add", "inner", "-u", "alice").exit_code == 1
