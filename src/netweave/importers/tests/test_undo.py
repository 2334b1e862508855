"""Undoing an import puts back exactly what was there, and refuses to destroy later work."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from netweave.core.errors import Invalid
from netweave.exchange.export import export_all
from netweave.importers.models import ImportRun
from netweave.importers.records import ContactRef, InteractionRecord, PersonRecord
from netweave.importers.services import undo_import
from netweave.importers.tests.fakes import run
from netweave.interactions.services import log_interaction
from netweave.people.models import Organisation, Person, Tag
from netweave.people.services import new_origin, update_person


def _state(owner) -> dict:
    data = export_all(owner)
    return {**data, "tags": sorted(Tag.objects.filter(owner=owner).values_list("kind", "name"))}


def _records():
    return [
        PersonRecord("row 1", {"display_name": "Ana Lima", "emails": ["ana@tidewater.org", "ana@new.org"],
                               "organisation": "Globex", "title": "CTO", "notes": "imported",
                               "tags": ["brand new tag"], "birthday": "1985-06-01"}),
        PersonRecord("row 2", {"display_name": "Bo Chen", "organisation": "Brand New Org", "phones": ["+1 415 555 0100"]}),
        InteractionRecord("event 1", "ev-1", "meeting", datetime(2025, 1, 2, 9, tzinfo=timezone.utc), "Kick-off",
                          [ContactRef(email="ana@tidewater.org"), ContactRef(name="Cy Doe", email="cy@doe.org")]),
        InteractionRecord("event 2", "ev-2", "meeting", datetime(2025, 2, 2, 9, tzinfo=timezone.utc), "Moved",
                          [ContactRef(email="ana@tidewater.org")]),
    ]


@pytest.fixture
def existing(alice, make_person):
    ana = make_person("Ana Lima", emails=["ana@tidewater.org"], organisation="Tidewater", title="Engineer",
                      tags=["sailing"])
    log_interaction(alice, kind="meeting", occurred_at=datetime(2024, 5, 1, 9, tzinfo=timezone.utc),
                    participants=[ana], summary="Coffee", source="fake", external_id="ev-2")
    return ana


def test_undo_of_an_import_restores_the_previous_state_exactly(alice, existing, tmp_path):
    before = _state(alice)
    plan, run_row = run(alice, _records(), tmp_path)
    assert plan.counts()["updated"] == 1 and plan.counts()["created"] == 2  # Bo, and Cy from the meeting
    assert plan.counts()["interactions_created"] == 1 and plan.counts()["interactions_updated"] == 1
    assert _state(alice) != before
    undo_import(run_row)
    assert _state(alice) == before
    assert not Organisation.objects.filter(owner=alice, name="Brand New Org").exists()
    existing.refresh_from_db()
    assert existing.last_contact_at == datetime(2024, 5, 1, 9, tzinfo=timezone.utc)
    assert ImportRun.objects.get().undone


def test_an_import_cannot_be_undone_twice(alice, existing, tmp_path):
    _, run_row = run(alice, _records(), tmp_path)
    undo_import(run_row)
    with pytest.raises(Invalid, match="already undone"):
        undo_import(run_row)


def test_undo_refuses_when_a_later_import_changed_the_same_people(alice, existing, tmp_path):
    _, first = run(alice, _records(), tmp_path)
    run(alice, [PersonRecord("row 1", {"display_name": "Ana Lima", "emails": ["ana@tidewater.org"],
                                       "phones": ["+1 415 555 0199"]})], tmp_path)
    with pytest.raises(Invalid, match="later import"):
        undo_import(first)


def test_undo_refuses_when_a_person_was_edited_since_unless_forced(alice, existing, tmp_path):
    _, run_row = run(alice, _records(), tmp_path)
    bo = Person.objects.get(owner=alice, display_name="Bo Chen")
    update_person(bo, {"notes": "typed after the import"}, origin=new_origin(alice, "web"))
    with pytest.raises(Invalid, match="changed since the import: Bo Chen"):
        undo_import(run_row)
    undo_import(run_row, force=True)
    assert not Person.objects.filter(owner=alice, display_name="Bo Chen").exists()


def test_undoing_the_later_import_first_then_the_earlier_restores_the_start(alice, existing, tmp_path):
    before = _state(alice)
    _, first = run(alice, _records(), tmp_path)
    _, second = run(alice, [PersonRecord("row 1", {"display_name": "Ana Lima", "emails": ["ana@tidewater.org"],
                                                   "organisation": "Initech"})], tmp_path)
    undo_import(second)
    undo_import(first)
    assert _state(alice) == before


def _ana_updated(alice, existing, tmp_path):
    _, run_row = run(alice, [PersonRecord("row 1", {"display_name": "Ana Lima", "emails": ["ana@tidewater.org"],
                                                    "phones": ["+1 415 555 0188"]})], tmp_path)
    return run_row


@pytest.mark.parametrize("later", ["meeting", "tie", "introduction", "role"])
def test_undo_refuses_when_later_work_involves_a_person_it_changed(alice, existing, make_person, tmp_path, later):
    from netweave.people.services import add_affiliation, link_people

    run_row = _ana_updated(alice, existing, tmp_path)
    bo = make_person("Bo Chen")
    if later == "meeting":
        log_interaction(alice, kind="meeting", occurred_at=datetime(2025, 6, 1, tzinfo=timezone.utc),
                        participants=[existing], summary="Lunch")
    elif later == "tie":
        link_people(alice, existing, bo, "friend")
    elif later == "introduction":
        update_person(bo, {"introduced_by": existing.pk}, origin=new_origin(alice, "web"))
    else:
        add_affiliation(existing, "Initech", title="Advisor")
    with pytest.raises(Invalid, match="changed since the import: Ana Lima"):
        undo_import(run_row)


def test_undo_refuses_when_a_person_it_created_was_logged_with_since(alice, tmp_path):
    _, run_row = run(alice, [PersonRecord("row 1", {"display_name": "Dee Ray", "emails": ["dee@ray.io"]})], tmp_path)
    dee = Person.objects.get(owner=alice, display_name="Dee Ray")
    log_interaction(alice, kind="call", occurred_at=datetime(2025, 6, 1, tzinfo=timezone.utc), participants=[dee],
                    summary="Call")
    with pytest.raises(Invalid, match="changed since the import: Dee Ray"):
        undo_import(run_row)


def test_undo_refuses_when_someone_was_added_by_hand_to_an_interaction_it_made(alice, existing, make_person, tmp_path):
    from netweave.interactions.models import Interaction
    from netweave.interactions.services import update_interaction

    _, run_row = run(alice, _records(), tmp_path)
    kickoff = Interaction.objects.get(owner=alice, summary="Kick-off")
    update_interaction(kickoff, participants=[*kickoff.participants.all(), make_person("Eve Sun")])
    with pytest.raises(Invalid, match="interactions were changed since: Kick-off"):
        undo_import(run_row)


def test_a_nightly_recompute_of_derived_values_does_not_block_an_undo(alice, existing, tmp_path):
    from netweave.people.services import refresh_last_contact, reindex

    run_row = _ana_updated(alice, existing, tmp_path)
    refresh_last_contact([existing.pk])
    reindex([existing.pk])
    undo_import(run_row)
    assert not existing.phones.filter(e164="+14155550188").exists()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_an_undo_removes_the_photo_files_of_the_people_it_removes(alice, tmp_path, django_capture_on_commit_callbacks):
    from django.core.files.storage import default_storage

    _, run_row = run(alice, [PersonRecord("row 1", {"display_name": "Dee Ray"}, photo=PNG)], tmp_path)
    name = Person.objects.get(owner=alice).photo.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        undo_import(run_row)
    assert not default_storage.exists(name)


def test_a_failed_import_leaves_no_photo_file_behind(alice, tmp_path):
    from django.core.files.storage import default_storage

    bad = InteractionRecord("event 1", "ev-9", "not-a-kind", datetime(2025, 1, 2, tzinfo=timezone.utc), "Kick-off",
                            [ContactRef(name="Dee Ray")])
    def files():
        return set(default_storage.listdir("photos")[1]) if default_storage.exists("photos") else set()

    before = files()
    with pytest.raises(Invalid):
        run(alice, [PersonRecord("row 1", {"display_name": "Dee Ray"}, photo=PNG), bad], tmp_path)
    assert not Person.objects.exists()
    assert files() == before
