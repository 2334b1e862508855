"""The index follows every write path by itself: services, merges, imports, bulk writes, raw SQL, deletes.

The triggers live in the database, so these run on SQLite and on PostgreSQL alike.
"""

from datetime import datetime, timezone

from django.db import connection

from netweave.search import index, queries


def titles(owner, text, kind=None):
    return [h.title for h in queries.search(owner, text, kinds=[kind] if kind else None).hits]


def test_a_new_person_is_found_at_once(alice, make_person):
    make_person("Quentin Blake", notes="Draws with a scratchy pen.")
    assert titles(alice, "quentin") == ["Quentin Blake"]
    assert titles(alice, "scratchy") == ["Quentin Blake"]


def test_an_edit_replaces_the_old_words(alice, make_person, origin):
    from netweave.people.services import update_person

    person = make_person("Quentin Blake", notes="old words")
    update_person(person, {"display_name": "Roald Dahl", "notes": "new words"}, origin=origin)
    assert titles(alice, "quentin") == [] and titles(alice, "old") == []
    assert titles(alice, "roald") == ["Roald Dahl"] and titles(alice, "new words") == ["Roald Dahl"]


def test_tags_and_a_new_job_reach_the_index(alice, make_person, origin):
    from netweave.people.services import update_person

    person = make_person("Quentin Blake")
    update_person(person, {"expertise": ["Typography"], "organisation": "Puffin", "title": "Illustrator"},
                  origin=origin)
    assert "Quentin Blake" in titles(alice, "typography", "person")
    assert titles(alice, "puffin illustrator", "person") == ["Quentin Blake"]
    assert titles(alice, "typography", "tag") == ["Typography"]


def test_a_deleted_person_is_gone(alice, make_person):
    from netweave.people.services import delete_person

    person = make_person("Quentin Blake")
    delete_person(person)
    assert titles(alice, "quentin") == []


def test_a_merge_leaves_one_person_holding_both_records_words(alice, make_person, origin):
    from netweave.people.merging import merge_people

    kept = make_person("Quentin Blake", notes="pen")
    removed = make_person("Q. Blake", notes="watercolour", nickname="Quent")
    merge_people(kept, removed, origin=origin)
    assert titles(alice, "blake", "person") == ["Quentin Blake"]
    assert titles(alice, "watercolour", "person") == ["Quentin Blake"]


def test_a_logged_edited_and_deleted_interaction_is_followed(alice, make_person, log):
    from netweave.interactions.services import delete_interaction, update_interaction

    ana = make_person("Ana Lima")
    moment = log("Coffee about the harbour project", [ana])
    assert titles(alice, "harbour", "interaction") == ["Coffee about the harbour project"]
    update_interaction(moment, summary="Coffee about the lighthouse", notes="She sketched the lens")
    assert titles(alice, "harbour") == []
    assert titles(alice, "lens", "interaction") == ["Coffee about the lighthouse"]
    delete_interaction(moment)
    assert titles(alice, "lighthouse") == []


def test_an_import_is_found(alice, tmp_path):
    from netweave.importers.services import run_import

    card = tmp_path / "one.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mirela Ionescu\r\nN:Ionescu;Mirela;;;\r\nORG:Vltava Labs\r\n"
                    "NOTE:Knows everything about lithography\r\nEND:VCARD\r\n", encoding="utf-8")
    run_import(alice, "vcard", card)
    assert titles(alice, "lithography", "person") == ["Mirela Ionescu"]
    assert titles(alice, "vltava", "organisation") == ["Vltava Labs"]


def test_bulk_inserts_through_the_writer_are_found(alice, make_person):
    from netweave.core.writer import Writer
    from netweave.interactions.models import Interaction

    when = datetime(2024, 5, 1, tzinfo=timezone.utc)
    w = Writer(alice, when)
    w.insert(Interaction, ("owner_id", "kind", "occurred_at", "summary", "notes", "source"),
             [(alice.pk, "call", w.dt(when), f"Bulk call number {i}", "about kites", "bench") for i in range(30)])
    assert queries.search(alice, "kites").total_estimate == 30


def test_bulk_people_from_an_import_path_are_found(alice, origin):
    from netweave.people.bulk import create_people
    from netweave.people.validation import clean_person

    rows = [clean_person(alice, {"display_name": f"Bulk Person {i}", "notes": "met rowing"}, partial=False)
            for i in range(5)]
    create_people(alice, rows, origin=origin)
    assert queries.search(alice, "rowing", kinds=["person"]).total_estimate == 5


def test_asks_and_offers_are_followed_as_they_change(alice, make_person):
    from netweave.givefirst.models import Ask, Offer

    ana = make_person("Ana Lima")
    ask = Ask.objects.create(owner=alice, person=ana, kind="hire", topic="A senior Rust engineer")
    offer = Offer.objects.create(owner=alice, person=ana, kind="review", topic="Pitch decks")
    assert titles(alice, "rust", "ask") == ["A senior Rust engineer"]
    ask.topic = "A designer"
    ask.save()
    offer.delete()
    assert titles(alice, "rust") == [] and titles(alice, "pitch") == []
    assert titles(alice, "designer", "ask") == ["A designer"]


def test_an_organisation_renamed_with_raw_sql_is_followed(alice, make_person):
    from netweave.people.models import Organisation

    make_person("Ana Lima", organisation="Oakleaf")
    org = Organisation.objects.get(owner=alice, name="Oakleaf")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE people_organisation SET name = %s WHERE id = %s", ["Elmwood", org.pk])
    assert titles(alice, "oakleaf", "organisation") == []
    assert titles(alice, "elmwood", "organisation") == ["Elmwood"]


def test_a_rebuild_gives_the_same_answers(network, alice):
    before = [(h.kind, h.object_id) for h in queries.search(alice, "rust").hits]
    assert index.rebuild()[:6] == ["person", "organisation", "tag", "interaction", "ask", "offer"]
    assert [(h.kind, h.object_id) for h in queries.search(alice, "rust").hits] == before


def test_an_unchanged_row_saved_again_does_not_disturb_the_index(alice, make_person):
    person = make_person("Quentin Blake")
    person.save()
    person.save()
    assert titles(alice, "quentin") == ["Quentin Blake"]
