"""The import engine over records from a fake format: matching, idempotence, job changes, nothing lost."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from netweave.exchange.export import export_all
from netweave.importers.models import ImportRun
from netweave.importers.records import ContactRef, InteractionRecord, PersonRecord, Rejected, Skip
from netweave.importers.services import preview
from netweave.importers.tests.fakes import ListImporter, run
from netweave.interactions.models import Interaction
from netweave.people.models import Person
from netweave.people.services import update_person


def ana(**extra):
    data = {"display_name": "Ana Lima", "emails": [{"address": "ana@tidewater.org", "label": "work"}],
            "organisation": "Tidewater", "title": "Engineer"}
    data.update(extra)
    # As a real file would: the raw text changes when a value does.
    return PersonRecord("row 1", data, key="ana", raw=json.dumps(data, sort_keys=True))


def bo(**extra):
    data = {"display_name": "Bo Chen", "phones": [{"number": "+44 20 7946 0001", "label": "mobile"}]}
    data.update(extra)
    return PersonRecord("row 2", data, raw="Bo,Chen")


def test_a_new_file_creates_everyone_with_every_value(alice, tmp_path):
    plan, run_row = run(alice, [ana(birthday="--02-29", tags=["climate"], extra={"fake": {"x": "1"}}), bo()], tmp_path)
    assert plan.counts()["created"] == 2
    person = Person.objects.get(owner=alice, display_name="Ana Lima")
    assert [e.address for e in person.emails.all()] == ["ana@tidewater.org"]
    assert person.current_organisation.name == "Tidewater" and person.current_title == "Engineer"
    assert person.birthday == "--02-29"
    assert person.extra == {"fake": {"x": "1"}}
    assert [t.name for t in person.tags.all()] == ["climate"]
    assert "tidewater" in person.search_text
    assert run_row.counts["created"] == 2
    assert '"display_name": "Ana Lima"' in run_row.records.get(person=person).raw


def test_importing_the_same_file_again_changes_nothing(alice, tmp_path):
    records = [ana(), bo()]
    run(alice, records, tmp_path)
    before = export_all(alice)
    plan, _ = run(alice, records, tmp_path)
    assert plan.counts()["created"] == 0 and plan.counts()["updated"] == 0
    assert plan.counts()["unchanged"] == 2
    after = export_all(alice)
    assert before["people"] == after["people"]


def test_a_newer_export_with_a_new_company_becomes_a_job_change(alice, tmp_path):
    run(alice, [ana()], tmp_path)
    plan, _ = run(alice, [ana(organisation="Globex", title="CTO")], tmp_path)
    assert plan.counts()["updated"] == 1
    person = Person.objects.get(owner=alice, display_name="Ana Lima")
    roles = {(a.organisation.name, a.title, a.end is None) for a in person.affiliations.all()}
    assert roles == {("Tidewater", "Engineer", False), ("Globex", "CTO", True)}
    # The older file again is an old record, not a move back.
    plan, _ = run(alice, [ana()], tmp_path)
    person.refresh_from_db()
    assert person.current_organisation.name == "Globex"


def test_a_new_title_at_the_same_company_is_a_new_role(alice, tmp_path):
    run(alice, [ana()], tmp_path)
    Person.objects.filter(display_name="Ana Lima").update()
    from netweave.people.models import Affiliation
    Affiliation.objects.filter(person__display_name="Ana Lima").update(created_at=datetime(2020, 1, 1, tzinfo=timezone.utc))
    plan, _ = run(alice, [ana(title="Lead Engineer")], tmp_path)
    person = Person.objects.get(owner=alice, display_name="Ana Lima")
    assert person.current_title == "Lead Engineer"
    assert person.affiliations.count() == 2
    assert plan.people[person.pk].changes == ["new role: Lead Engineer (was Engineer)"]


@pytest.mark.parametrize("record, reason", [
    (PersonRecord("r", {"display_name": "A. Lima", "emails": ["ANA@tidewater.org"]}), "same email"),
    (PersonRecord("r", {"display_name": "Someone", "phones": ["020 7946 0001"]}), "same phone"),
    (PersonRecord("r", {"display_name": "Ana L.", "urls": ["https://www.linkedin.com/in/ana-lima/"]}), "same LinkedIn profile"),
    (PersonRecord("r", {"display_name": "Ana  Lima", "organisation": "Tidewater"}), "the same name"),
    (PersonRecord("r", {"display_name": "ana lima"}), "only one person has it"),
])
def test_a_person_is_matched_by_each_kind_of_evidence(alice, make_person, tmp_path, settings, record, reason):
    settings.NETWEAVE_DEFAULT_REGION = "GB"
    make_person("Ana Lima", emails=["ana@tidewater.org"], phones=["+44 20 7946 0001"], organisation="Tidewater",
                urls=["linkedin.com/in/ana-lima"])
    plan, _ = run(alice, [record], tmp_path)
    (entry,) = plan.people.values()
    assert entry.action in ("update", "unchanged") and reason in entry.reason
    assert Person.objects.filter(owner=alice).count() == 1


def test_a_name_alone_does_not_join_people_at_different_companies(alice, make_person, tmp_path):
    make_person("Ana Lima", organisation="Tidewater")
    plan, _ = run(alice, [PersonRecord("r", {"display_name": "Ana Lima", "organisation": "Globex"})], tmp_path)
    assert plan.counts()["created"] == 1


def test_two_records_of_one_person_in_a_file_are_merged_into_one(alice, tmp_path):
    second = PersonRecord("row 9", {"display_name": "Ana Lima", "emails": ["ana@tidewater.org", "ana@home.net"],
                                    "notes": "met at PyCon"})
    plan, _ = run(alice, [ana(), second], tmp_path)
    assert plan.counts()["created"] == 1 and plan.counts()["merged"] == 1
    person = Person.objects.get(owner=alice)
    assert sorted(e.address for e in person.emails.all()) == ["ana@home.net", "ana@tidewater.org"]
    assert person.notes == "met at PyCon"
    assert person.imported_records.count() == 2


def test_a_value_the_user_typed_is_kept_and_the_imported_one_saved_aside(alice, make_person, tmp_path):
    make_person("Ana Lima", emails=["ana@tidewater.org"], notes="Loves sailing")
    run(alice, [ana(notes="Imported note")], tmp_path)
    person = Person.objects.get(owner=alice)
    assert person.notes == "Loves sailing"
    assert person.extra["other_values"]["notes"] == ["Imported note"]


def test_a_field_an_earlier_import_wrote_follows_the_newer_file(alice, tmp_path):
    run(alice, [ana(notes="old note")], tmp_path)
    run(alice, [ana(notes="new note")], tmp_path)
    assert Person.objects.get(owner=alice).notes == "new note"


def test_a_bad_value_is_kept_aside_with_a_warning_not_lost(alice, tmp_path):
    record = PersonRecord("card 3 (line 20)", {"display_name": "Cy", "emails": ["ok@x.org", "not-an-email"],
                                               "birthday": "1990-02-31", "title": "CEO"})
    plan, _ = run(alice, [record], tmp_path)
    person = Person.objects.get(owner=alice)
    assert [e.address for e in person.emails.all()] == ["ok@x.org"]
    kept = {u["field"]: u["value"] for u in person.extra["unusable"]}
    assert kept == {"emails": "not-an-email", "birthday": "1990-02-31", "title": "CEO"}
    assert len(plan.warnings) == 3 and all(w["where"] == "card 3 (line 20)" for w in plan.warnings)


def test_a_record_with_no_name_takes_its_email_and_an_empty_one_is_skipped_with_a_reason(alice, tmp_path):
    plan, _ = run(alice, [PersonRecord("row 1", {"emails": ["x@y.org"]}), PersonRecord("row 2", {}),
                          Skip("row 3", "a group, not a person")], tmp_path)
    assert Person.objects.get(owner=alice).display_name == "x@y.org"
    assert plan.counts()["skipped"] == 2
    assert {s["where"] for s in plan.skips} == {"row 2", "row 3"}


def test_a_rejected_file_leaves_the_database_unchanged(alice, make_person, tmp_path):
    make_person("Ana Lima", emails=["ana@tidewater.org"])
    before = export_all(alice)
    with pytest.raises(Rejected) as caught:
        run(alice, [bo(), ana(notes="x"), bo()], tmp_path, fail_at=3)
    assert caught.value.message == "contacts.fake, record 3: is broken"
    assert export_all(alice) == before
    assert not ImportRun.objects.exists()


def test_a_preview_writes_nothing(alice, tmp_path):
    path = tmp_path / "f"
    path.write_text("x")
    plan = preview(alice, ListImporter([ana(), bo()]), path)
    assert plan.as_dict()["counts"]["created"] == 2
    assert not Person.objects.exists() and not ImportRun.objects.exists()


def meeting(key="ev1", when=datetime(2025, 3, 4, 10, tzinfo=timezone.utc), people=None):
    people = people if people is not None else [ContactRef(name="Ana Lima", email="ana@tidewater.org"),
                                                ContactRef(name="Dee Ray", email="dee@ray.io")]
    return InteractionRecord("event 1", key, "meeting", when, "Planning", people)


def test_interactions_find_their_people_and_create_only_those_allowed(alice, tmp_path):
    stranger = ContactRef(name="News Letter", email="news@list.com", create=False)
    plan, _ = run(alice, [ana(), meeting(people=[ContactRef(email="ana@tidewater.org"),
                                                 ContactRef(name="Dee Ray", email="dee@ray.io"), stranger])], tmp_path)
    interaction = Interaction.objects.get(owner=alice)
    assert sorted(p.display_name for p in interaction.participants.all()) == ["Ana Lima", "Dee Ray"]
    assert Person.objects.get(display_name="Ana Lima").last_contact_at == interaction.occurred_at
    assert not Person.objects.filter(display_name="News Letter").exists()


def test_interactions_are_idempotent_and_follow_their_source(alice, tmp_path):
    run(alice, [meeting()], tmp_path)
    plan, _ = run(alice, [meeting()], tmp_path)
    assert plan.counts()["interactions_unchanged"] == 1
    later = datetime(2025, 3, 5, 9, tzinfo=timezone.utc)
    plan, _ = run(alice, [meeting(when=later)], tmp_path)
    assert plan.counts()["interactions_updated"] == 1
    assert Interaction.objects.get(owner=alice).occurred_at == later


def test_an_interaction_with_nobody_known_is_skipped(alice, tmp_path):
    plan, _ = run(alice, [meeting(people=[ContactRef(email="x@y.org", create=False)])], tmp_path)
    assert plan.counts()["skipped"] == 1 and not Interaction.objects.exists()


def test_the_same_interaction_twice_in_a_file_is_one(alice, tmp_path):
    run(alice, [meeting(people=[ContactRef(email="a@x.org")]), meeting(people=[ContactRef(email="b@x.org")])], tmp_path)
    assert Interaction.objects.get(owner=alice).participants.count() == 2


def test_another_users_people_are_never_matched(alice, bob, tmp_path):
    from netweave.people.services import create_person, new_origin
    create_person(bob, {"display_name": "Ana Lima", "emails": ["ana@tidewater.org"]}, origin=new_origin(bob, "web"))
    plan, _ = run(alice, [ana()], tmp_path)
    assert plan.counts()["created"] == 1
    assert Person.objects.filter(owner=bob).get().emails.count() == 1


def test_an_edit_after_an_import_is_not_overwritten_by_the_next_one(alice, tmp_path):
    from netweave.people.services import new_origin
    run(alice, [ana(notes="from file")], tmp_path)
    person = Person.objects.get(owner=alice)
    update_person(person, {"notes": "my own words"}, origin=new_origin(alice, "web"))
    run(alice, [ana(notes="from file, newer")], tmp_path)
    person.refresh_from_db()
    assert person.notes == "my own words"
    assert person.extra["other_values"]["notes"] == ["from file, newer"]


def test_two_people_of_one_name_with_their_own_addresses_stay_two(alice, make_person, tmp_path):
    make_person("John Smith", emails=["john@one.org"])
    plan, _ = run(alice, [PersonRecord("r1", {"display_name": "John Smith", "emails": ["john@two.org"]}),
                          PersonRecord("r2", {"display_name": "John Smith", "emails": ["john@three.org"]})], tmp_path)
    assert plan.counts()["created"] == 2
    assert Person.objects.filter(owner=alice, display_name="John Smith").count() == 3


def test_one_skip_standing_for_many_counts_them_all(alice, tmp_path):
    plan, _ = run(alice, [Skip("archive.mbox", "1,234 mailing-list messages", count=1234)], tmp_path)
    assert plan.counts()["skipped"] == 1234 and len(plan.skips) == 1


def test_a_merge_carries_imported_records_so_the_next_import_finds_the_kept_person(alice, tmp_path):
    from netweave.people.merging import merge_people, undo_merge
    from netweave.people.models import Merge
    from netweave.people.services import create_person, new_origin

    run(alice, [ana()], tmp_path)
    imported = Person.objects.get(owner=alice).pk
    kept = create_person(alice, {"display_name": "Ana M. Lima"}, origin=new_origin(alice, "web"))
    merge_people(kept, Person.objects.get(pk=imported), origin=new_origin(alice, "merge"))
    assert kept.imported_records.count() == 1
    undo_merge(Merge.objects.get(owner=alice))
    assert Person.objects.get(pk=imported).imported_records.count() == 1  # and back again
    kept.refresh_from_db()
    merge_people(kept, Person.objects.get(pk=imported), origin=new_origin(alice, "merge"))
    plan, _ = run(alice, [ana()], tmp_path)
    assert plan.counts()["created"] == 0
    assert list(plan.people) == [kept.pk] and plan.people[kept.pk].reason == "the same record as the last import"


def test_colleagues_sharing_a_switchboard_number_stay_two_people(alice, make_person, tmp_path):
    make_person("Mei Chen", emails=["mei@globex.com"], phones=["+1 415 555 0100"])
    plan, _ = run(alice, [
        PersonRecord("row 1", {"display_name": "Ana Lima", "emails": ["ana@globex.com"], "phones": ["+1 415 555 0100"]}),
        PersonRecord("row 2", {"display_name": "Bo Chen", "emails": ["bo@globex.com"], "phones": ["+1 415 555 0100"]}),
    ], tmp_path)
    assert plan.counts()["created"] == 2 and Person.objects.filter(owner=alice).count() == 3


def test_one_id_on_two_different_people_in_a_file_does_not_join_them(alice, tmp_path):
    plan, _ = run(alice, [PersonRecord("card 1", {"display_name": "Ana Lima", "emails": ["ana@x.org"]}, key="1"),
                          PersonRecord("card 2", {"display_name": "Bo Chen", "emails": ["bo@y.org"]}, key="1")], tmp_path)
    assert plan.counts()["created"] == 2


def test_a_changed_card_after_an_unchanged_card_of_the_same_person_is_applied(alice, tmp_path):
    first = PersonRecord("card 1", {"display_name": "Ana Lima", "emails": ["ana@x.org"]}, key="a", raw="A1")
    second = PersonRecord("card 2", {"display_name": "Ana Lima", "emails": ["ana@x.org"]}, key="b", raw="B1")
    run(alice, [first, second], tmp_path)
    changed = PersonRecord("card 2", {"display_name": "Ana Lima", "emails": ["ana@x.org"], "phones": ["+1 415 555 0123"]},
                           key="b", raw="B2")
    plan, _ = run(alice, [first, changed], tmp_path)
    assert plan.counts()["updated"] == 1
    assert Person.objects.get(owner=alice).phones.count() == 1


def test_a_title_whose_organisation_is_unusable_is_kept_aside_and_the_file_imports(alice, tmp_path):
    plan, _ = run(alice, [PersonRecord("card 1", {"display_name": "Cy", "organisation": "x" * 280, "title": "Founder"}),
                          PersonRecord("card 2", {"display_name": "Dee", "organisation": "   ", "title": "CTO"})], tmp_path)
    assert plan.counts()["created"] == 2
    kept = {u["field"] for p in Person.objects.filter(owner=alice) for u in p.extra["unusable"]}
    assert kept == {"organisation", "title"}


def test_name_parts_of_someone_known_fill_in(alice, make_person, tmp_path):
    make_person("Ana Lima", emails=["ana@x.org"])
    run(alice, [PersonRecord("card 1", {"display_name": "Ana Lima", "given_name": "Ana", "middle_name": "Maria",
                                        "family_name": "Lima", "prefix": "Dr.", "emails": ["ana@x.org"]})], tmp_path)
    person = Person.objects.get(owner=alice)
    assert (person.prefix, person.middle_name, person.display_name) == ("Dr.", "Maria", "Ana Lima")


def test_records_without_a_key_are_not_duplicated_on_reimport_even_with_a_shared_name(alice, make_person, tmp_path):
    make_person("Ana Lima")
    make_person("Ana Lima")
    record = PersonRecord("row 1", {"display_name": "Ana Lima", "notes": "from the club list"}, raw="Ana Lima,club")
    run(alice, [record], tmp_path)
    run(alice, [record], tmp_path)
    assert Person.objects.filter(owner=alice).count() == 3


def test_keys_longer_than_a_column_still_find_their_person_again(alice, tmp_path):
    long_key = "urn:" + "x" * 1500
    run(alice, [PersonRecord("card 1", {"display_name": "Ana Lima"}, key=long_key, raw="v1")], tmp_path)
    plan, _ = run(alice, [PersonRecord("card 1", {"display_name": "Ana Lima", "notes": "more"}, key=long_key, raw="v2")],
                  tmp_path)
    assert plan.counts()["updated"] == 1 and Person.objects.filter(owner=alice).count() == 1


def test_reimported_interaction_notes_fill_a_blank_but_never_replace_what_is_there(alice, tmp_path):
    from netweave.interactions.services import update_interaction

    run(alice, [meeting()], tmp_path)
    with_notes = InteractionRecord("event 1", "ev1", "meeting", datetime(2025, 3, 4, 10, tzinfo=timezone.utc),
                                   "Planning", [ContactRef(name="Ana Lima", email="ana@tidewater.org")], notes="Room 1")
    plan, _ = run(alice, [with_notes], tmp_path)
    assert plan.counts()["interactions_updated"] == 1
    row = Interaction.objects.get(owner=alice)
    assert row.notes == "Room 1"
    update_interaction(row, notes="my own notes")
    renamed = InteractionRecord("event 1", "ev1", "meeting", with_notes.occurred_at, "Planning, renamed",
                                with_notes.participants, notes="Room 2")
    run(alice, [renamed], tmp_path)
    row.refresh_from_db()
    assert (row.summary, row.notes) == ("Planning, renamed", "my own notes")
