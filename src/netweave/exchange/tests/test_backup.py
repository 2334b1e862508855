"""backup and restore: everything a user owns goes out as one document and comes back exactly, ids and all."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta, timezone as tz

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from netweave.core import clock
from netweave.core.models import Owned
from netweave.exchange.backup import backup, plan
from netweave.exchange.export import export_all
from netweave.exchange.restore import RestoreError, restore
from netweave.people.models import Person

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
BACKED_UP_AT = datetime(2025, 3, 4, 5, 6, 7, 890123, tzinfo=tz.utc)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Photos in a folder of this test's own, so a test can see exactly which files a restore wrote."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def pinned(monkeypatch):
    """The backup's own timestamp pinned, so two backups of the same data are the same text."""
    monkeypatch.setattr(clock, "now", lambda: BACKED_UP_AT)


def rich_network(alice, origin, make_person):
    """Alice's data with every kind of value a user can have, written through the services."""
    from netweave.accounts.services import create_token
    from netweave.demo.generator import build_demo
    from netweave.interactions.services import log_interaction
    from netweave.people.circles import add_circle
    from netweave.people.merging import merge_people
    from netweave.people.photos import save_photo
    from netweave.people.services import (
        add_affiliation, archive_person, end_affiliation, get_or_create_organisation, link_people, new_origin,
        update_person,
    )

    build_demo(alice, people=40, seed=3)
    cli = new_origin(alice, "cli", "netweave people add")
    imported = new_origin(alice, "import", "contacts.vcf")
    add_circle(alice, "Board members")
    bo = make_person("Bo Chen", emails=["bo@tidewater.example"], organisation="Tidewater", title="CTO")
    event = log_interaction(alice, kind="event", occurred_at=timezone.now() - timedelta(days=30), participants=[bo],
                            summary="PyCon Lisbon", notes="Keynote on climate models", origin=cli)
    ana = make_person(
        "Dr. Ana Maria Lima Jr.", prefix="Dr.", given_name="Ana", middle_name="Maria", family_name="Lima",
        suffix="Jr.", nickname="Aninha", pronouns="she/her", location="Lisbon", met_how="Sat together.\nTalked.",
        notes="Loves opera. See #%d." % bo.id, birthday="--02-29", circle="Board members", introduced_by=bo.id,
        met_at_event=event.id, organisation="Acme", title="CTO",
        emails=[{"address": "ana@example.com", "label": "home"}, {"address": "ana@work.example", "label": "work"}],
        phones=[{"number": "+351 912 345 678", "label": "mobile"}, {"number": "020 7946 0958", "label": "old"}],
        urls=[{"url": "https://www.linkedin.com/in/ana-lima/", "label": "LinkedIn"}],
        addresses=[{"label": "home", "street": "Rua Augusta 1", "locality": "Lisboa", "region": "Lisboa",
                    "postcode": "1100-048", "country": "Portugal", "po_box": "PO 12", "extended": "3º Esq"}],
        tags=["investor", "Café"], interests=["opera"], expertise=["climate models"],
        extra={"x-twitter": "@analima", "vcard": {"X-CUSTOM": ["1", "2"]}, "n": 1.5, "none": None},
    )
    update_person(ana, {"location": "Porto", "tags": ["investor", "Café", "火"]}, origin=imported)
    # Introduced by someone created later: a reference restore must fill in after both rows exist.
    cy = make_person("Cy Twombly", birthday="1928-04-25", circle="inner")
    update_person(bo, {"introduced_by": cy.id}, origin=cli)
    save_photo(ana, SimpleUploadedFile("ana.png", PNG, content_type="image/png"))
    archive_person(make_person("Old Friend", notes="moved away"))

    oakleaf = get_or_create_organisation(alice, "Oakleaf", domain="oakleaf.example", kind="school", origin=cli)
    add_affiliation(ana, oakleaf, title="Student", start=date(2001, 9, 1), end=date(2005, 6, 30), origin=cli)
    role = add_affiliation(bo, "Stripe", title="Engineer", start=date(2015, 1, 1), origin=imported)
    end_affiliation(role, date(2019, 12, 31))
    link_people(alice, ana, bo, "colleague", evidence="Both at Acme", origin=cli)
    link_people(alice, bo, ana, "mentor", source="me", evidence="Bo mentors Ana")  # directed: Bo → Ana
    log_interaction(alice, kind="call", occurred_at=timezone.now() - timedelta(days=2, microseconds=7),
                    participants=[ana, bo], summary="Call about the round", initiated_by="them",
                    source="calendar", external_id="evt-1@example", origin=imported)
    log_interaction(alice, kind="meeting", occurred_at=timezone.now() + timedelta(days=5), participants=[cy],
                    summary="Lunch (a plan)")
    dup = make_person("Ana M. Lima", emails=["ANA@example.com"], location="Faro", tags=["python"])
    log_interaction(alice, kind="message", occurred_at=timezone.now() - timedelta(days=1), participants=[dup],
                    summary="Hi from the duplicate")
    merge_people(ana, dup, origin=new_origin(alice, "merge", "people merge"))
    create_token(alice, "laptop")
    return {"ana": ana, "bo": bo, "cy": cy}


@pytest.fixture
def network(alice, origin, make_person):
    return rich_network(alice, origin, make_person)


def backup_text(user) -> str:
    out = io.StringIO()
    backup(user, out)
    return out.getvalue()


def table_counts() -> dict:
    """Rows in every table a backup covers, and the users: to prove a refused restore wrote nothing."""
    counts = {t.label: t.model._base_manager.count() for t in plan()}
    return {**counts, "users": get_user_model().objects.count()}


def test_a_backup_restored_after_the_user_is_deleted_gives_back_the_same_backup_the_same_export_and_the_login(
        network, alice, media, pinned):
    before, exported = backup_text(alice), export_all(alice)
    document = json.loads(before)
    assert document["format"] == "netweave-backup" and document["version"] == 1
    assert document["user"]["username"] == "alice" and document["user"]["password"] == alice.password
    assert len(document["files"]) == 1 and document["files"][0]["name"] == network["ana"].photo.name
    assert len([r for t in document["tables"] if t["model"] == "people.person" for r in t["rows"]]) > 40
    alice.delete()  # every row of hers goes with her; her photo file stays in the folder
    assert not Person.objects.exists()

    stats = restore(io.BytesIO(before.encode()))

    restored = get_user_model().objects.get(username="alice")
    assert stats["username"] == "alice" and stats["tables"]["people.person"] == Person.objects.count()
    assert backup_text(restored) == before
    assert export_all(restored) == exported
    assert restored.check_password("alice-password")
    ana = Person.objects.get(pk=network["ana"].pk)
    assert ana.photo.read() == PNG
    assert Person.objects.get(pk=network["bo"].pk).introduced_by_id == network["cy"].pk


def test_restored_ids_leave_room_for_new_rows(network, alice, make_person):
    """On PostgreSQL the id sequences must be moved past the restored ids, or the next insert collides."""
    from django.core.management.color import no_style
    from django.db import connection

    from netweave.interactions.services import log_interaction

    text = backup_text(alice)
    top = Person.objects.order_by("-pk").first().pk
    alice.delete()
    with connection.cursor() as cursor:  # back to 1, as in a new home
        sequences = [s for t in plan() for s in connection.introspection.get_sequences(cursor, t.model._meta.db_table)]
        for sql in connection.ops.sequence_reset_by_name_sql(no_style(), sequences):
            cursor.execute(sql)
    restore(io.StringIO(text))
    restored = get_user_model().objects.get(username="alice")
    newcomer = make_person("Newcomer", owner=restored, tags=["brand new"], emails=["new@example.com"])
    log_interaction(restored, kind="call", occurred_at=timezone.now(), participants=[newcomer], summary="Hello")
    assert newcomer.pk > top


def test_restore_can_rename_the_user_and_fills_a_user_who_owns_nothing(network, alice, charlie):
    text = backup_text(alice)
    people = Person.objects.filter(owner=alice).count()
    alice.delete()
    restore(io.StringIO(text), username="charlie")
    charlie = get_user_model().objects.get(username="charlie")
    assert Person.objects.filter(owner=charlie).count() == people
    assert charlie.check_password("alice-password")  # the backed-up password comes with the data


def test_restore_refuses_a_user_who_already_owns_data_and_changes_nothing(network, alice, bob, make_person):
    text = backup_text(alice)
    make_person("Bob's friend", owner=bob)
    before = table_counts()
    with pytest.raises(RestoreError, match="'alice' already owns .*--as"):
        restore(io.StringIO(text))
    with pytest.raises(RestoreError, match="'bob' already owns"):
        restore(io.StringIO(text), username="bob")
    assert table_counts() == before


def test_a_backup_cannot_go_where_its_ids_are_taken(network, alice):
    text = backup_text(alice)
    before = table_counts()
    with pytest.raises(RestoreError, match=r"core\.origin row 1 \(id \d+\): this id is already used"):
        restore(io.StringIO(text), username="alice-twin")
    assert table_counts() == before


@pytest.mark.parametrize("cut", [0.02, 0.5, 0.999, -3])
def test_a_truncated_backup_is_refused_and_changes_neither_the_database_nor_the_photos(network, alice, media, cut):
    text = backup_text(alice)
    alice.delete()
    for photo in (media / "photos").iterdir():
        photo.unlink()  # so a restore that got as far as the photos would have to write one
    before = table_counts()
    end = int(len(text) * cut) if cut > 0 else cut
    with pytest.raises(RestoreError, match="damaged"):
        restore(io.StringIO(text[:end]))
    assert table_counts() == before
    assert list((media / "photos").iterdir()) == []


def changed(text: str, edit) -> str:
    document = json.loads(text)
    edit(document)
    return json.dumps(document)


def table(document, label):
    return next(t for t in document["tables"] if t["model"] == label)


def cell(document, label, row, field):
    t = table(document, label)
    return t["rows"][row], t["fields"].index(field)


@pytest.mark.parametrize("edit, message", [
    (lambda d: d.update(format="netweave-export"), "not a netweave backup"),
    (lambda d: d.update(version=2), "version 2 is not one this netweave reads"),
    (lambda d: table(d, "people.person")["rows"][3].pop(), r"people\.person row 4: expected a list of \d+ values"),
    (lambda d: table(d, "people.person")["fields"].append("shoe_size"), "no field shoe_size"),
    (lambda d: d["tables"].append({"model": "people.pet", "fields": [], "rows": [], "count": 0}),
     "table 'people.pet' this netweave does not know"),
    (lambda d: table(d, "people.tag").update(count=999), "says 999 rows"),
    (lambda d: d["files"][0].update(base64="%%%"), "not valid base64"),
])
def test_a_wrong_backup_is_refused_saying_why_and_changes_nothing(network, alice, edit, message):
    text = changed(backup_text(alice), edit)
    alice.delete()
    before = table_counts()
    with pytest.raises(RestoreError, match=message):
        restore(io.StringIO(text))
    assert table_counts() == before


def set_cell(label, row, field, value):
    def edit(document):
        values, i = cell(document, label, row, field)
        values[i] = value
    return edit


@pytest.mark.parametrize("label, field, value, message", [
    ("people.person", "display_name", 42, "display_name must be text"),
    ("people.person", "display_name", "x" * 201, "display_name is longer than 200"),
    ("people.person", "created_at", "last tuesday", "created_at"),
    ("people.person", "birthday_month", 13, "the database refused it"),
    ("people.person", "circle_id", 10**9, "circle_id 1000000000 is not one of the restored people.circle rows"),
    ("people.person", "photo", "../../secret_key", "not a safe file name"),
    ("interactions.participation", "person_id", None, "person_id is empty but must have a value"),
])
def test_a_row_that_does_not_fit_is_refused_naming_its_table_and_row(network, alice, label, field, value, message):
    text = changed(backup_text(alice), set_cell(label, 2, field, value))
    alice.delete()
    before = table_counts()
    with pytest.raises(RestoreError, match=rf"{label.replace('.', '[.]')} row 3 \(id \d+\): .*{message}"):
        restore(io.StringIO(text))
    assert table_counts() == before


def test_a_backup_that_points_at_another_users_rows_is_refused(network, alice, bob, make_person):
    """A hand-made backup must not tie the restored user's rows to Bob's people or tags."""
    bobs = make_person("Bob's friend", owner=bob, tags=["bobs tag"])
    bobs_tag = bobs.tags.get()

    def point_at_bob(document):
        values, i = cell(document, "people.person_tags", 0, "tag_id")
        values[i] = bobs_tag.pk

    text = backup_text(alice)
    alice.delete()
    with pytest.raises(RestoreError, match=rf"people[.]person_tags row 1 .*tag_id {bobs_tag.pk} is not one of"):
        restore(io.StringIO(changed(text, point_at_bob)))
    deferred = changed(text, set_cell("people.person", 0, "introduced_by_id", bobs.pk))
    with pytest.raises(RestoreError, match=rf"people[.]person id \d+: introduced_by_id {bobs.pk} is not one of"):
        restore(io.StringIO(deferred))
    assert not get_user_model().objects.filter(username="alice").exists()


def test_a_backup_of_alice_holds_nothing_of_bobs(network, alice, bob, make_person):
    from netweave.interactions.services import log_interaction

    secret = make_person("Zebedee Secret", owner=bob, tags=["bobs-only-tag"], emails=["zeb@bob.example"],
                         organisation="Bob Corp")
    log_interaction(bob, kind="call", occurred_at=timezone.now(), participants=[secret], summary="Bob's call")
    document = json.loads(backup_text(alice))
    for t in plan():
        theirs = set(t.rows_of(bob).values_list("pk", flat=True))
        backed_up = {row[0] for row in table(document, t.label)["rows"]}
        assert not theirs & backed_up, t.label
    text = json.dumps(document)
    assert not any(word in text for word in ("Zebedee", "bobs-only-tag", "zeb@bob.example", "Bob Corp", "Bob's call"))


def concrete_owned_models() -> set[str]:
    """Found by walking the class tree, not as backup does, so the two cannot miss a model together."""
    found, todo = set(), [Owned]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if not cls._meta.abstract and not cls._meta.proxy:
            found.add(cls._meta.label_lower)
    return found


def test_every_owned_model_in_the_project_is_in_a_backup(alice):
    labels = {t["model"] for t in json.loads(backup_text(alice))["tables"]}
    assert concrete_owned_models() <= labels
    assert "people.person_tags" in labels


def test_no_table_hangs_off_a_users_rows_without_being_owned_or_an_owned_models_m2m_table():
    """A table pointing at owned rows but not Owned itself would be left out of every backup."""
    covered = {t.model for t in plan()}
    for model in apps.get_models(include_auto_created=True):
        points_at_owned = any(f.is_relation and isinstance(f.remote_field.model, type)
                              and issubclass(f.remote_field.model, Owned) for f in model._meta.concrete_fields)
        if points_at_owned:
            assert model in covered, model._meta.label


def test_tables_come_parents_first_and_self_references_are_deferred():
    seen = set()
    for t in plan():
        for f in t.refs:
            assert f.remote_field.model in seen or f in t.deferred, f"{t.label}.{f.name}"
        seen.add(t.model)
    person = next(t for t in plan() if t.label == "people.person")
    assert [f.name for f in person.deferred] == ["introduced_by"]


def test_a_file_of_the_same_name_already_in_the_folder_is_not_overwritten(network, alice, media):
    text = backup_text(alice)
    name = network["ana"].photo.name
    alice.delete()
    (media / name).write_bytes(b"someone else's picture")
    restore(io.StringIO(text))
    ana = Person.objects.get(pk=network["ana"].pk)
    assert ana.photo.name != name and ana.photo.read() == PNG
    assert (media / name).read_bytes() == b"someone else's picture"


def test_a_photo_name_another_users_row_holds_is_never_shared_with_them(network, alice, bob, make_person, media):
    text = backup_text(alice)
    name = network["ana"].photo.name
    alice.delete()
    bobs = make_person("Bob's friend", owner=bob)
    Person.objects.filter(pk=bobs.pk).update(photo=name)  # the same name, and the file holds the same bytes
    restore(io.StringIO(text))
    ana = Person.objects.get(pk=network["ana"].pk)
    assert ana.photo.name != name and ana.photo.read() == PNG
    assert Person.objects.get(pk=bobs.pk).photo.name == name


def test_restore_refuses_a_username_that_is_not_valid(network, alice):
    text = backup_text(alice)
    alice.delete()
    with pytest.raises(RestoreError, match="user cannot be created"):
        restore(io.StringIO(text), username="no spaces allowed!")
    assert not Person.objects.exists()


def test_the_reader_copes_with_values_split_anywhere_between_reads(network, alice, monkeypatch, pinned):
    from netweave.exchange import restore as module

    text = backup_text(alice)
    alice.delete()
    monkeypatch.setattr(module, "READ_CHARS", 3)  # every number, string and row straddles reads
    restore(io.BytesIO(text.encode()))
    assert backup_text(get_user_model().objects.get(username="alice")) == text


def drop_field(label, name):
    """A backup as an older netweave, before this field existed, would have written it."""
    def edit(document):
        rows = table(document, label)
        i = rows["fields"].index(name)
        del rows["fields"][i]
        for row in rows["rows"]:
            del row[i]
    return edit


def test_a_backup_made_before_a_field_existed_gives_that_field_its_default(network, alice):
    text = changed(backup_text(alice), drop_field("people.person", "archived_at"))
    people = Person.objects.count()
    alice.delete()
    restore(io.StringIO(text))
    assert Person.objects.count() == people and not Person.objects.filter(archived_at__isnull=False).exists()


def test_a_backup_without_a_field_that_has_no_default_is_refused_unless_the_table_is_empty(network, alice):
    text = backup_text(alice)
    alice.delete()
    with pytest.raises(RestoreError, match="people.person: the backup has no display_name, which this netweave needs"):
        restore(io.StringIO(changed(text, drop_field("people.person", "display_name"))))
    assert not Person.objects.exists()
    assert table(json.loads(text), "accounts.apitoken")["rows"]  # a table with rows, made empty below
    empty = changed(text, lambda d: table(d, "accounts.apitoken").update(rows=[], count=0))
    restore(io.StringIO(changed(empty, drop_field("accounts.apitoken", "digest"))))
