"""Undoing a merge, and the person snapshots (capture and restore) it is built on."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from netweave.core.errors import Invalid
from netweave.exchange.export import export_all
from netweave.interactions.models import Interaction, Participation
from netweave.interactions.services import delete_interaction, log_interaction, update_interaction
from netweave.people import snapshots
from netweave.people.duplicates import dismiss
from netweave.people.merging import merge_people, undo_merge
from netweave.people.models import DuplicateDismissal, Email, Merge, Organisation, Person, Tie
from netweave.people.photos import save_photo
from netweave.people.services import (
    add_affiliation, delete_organisation, delete_person, link_people, new_origin, update_person,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
GIF = b"GIF89a" + b"\x00" * 64


@pytest.fixture
def merge_origin(alice):
    return new_origin(alice, "merge", "test")


@pytest.fixture
def world(alice, make_person, merge_origin):
    """Two records of Ana that share interactions, ties and a third person's introduction, with every kind
    of value in conflict, and a third and fourth person around them."""
    bo, cy = make_person("Bo Chen"), make_person("Cy Diaz")
    kept = make_person("Ana Lima", emails=["ana@example.com"], phones=["+351 912 345 678"], notes="Met at PyCon.",
                       location="Lisbon", tags=["python"], interests=["opera"], organisation="Acme",
                       title="Engineer", extra={"x-twitter": "@ana"})
    removed = make_person(
        "Ana M. Lima", emails=["ANA@example.com", "ana@work.example"], phones=["+44 20 7946 0958"],
        notes="Works on climate models.", location="Porto", pronouns="she/her", birthday="1990-01-05",
        tags=["climate", "Python"], urls=["https://linkedin.com/in/ana-lima"], circle="close",
        addresses=[{"street": "Rua Augusta 1", "locality": "Lisboa"}], extra={"x-twitter": "@analima"},
        introduced_by=bo.id,
    )
    add_affiliation(removed, "Globex", title="CTO", start=date(2021, 1, 1))
    save_photo(kept, SimpleUploadedFile("k.png", PNG))
    save_photo(removed, SimpleUploadedFile("r.gif", GIF))
    earlier = make_person("A. Lima", emails=["a.lima@old.example"])
    merge_people(removed, earlier, origin=merge_origin)  # the removed record once absorbed another
    now = timezone.now()
    log_interaction(alice, kind="meeting", occurred_at=now - timedelta(days=10), participants=[kept, removed, bo],
                    summary="Lunch")
    log_interaction(alice, kind="call", occurred_at=now - timedelta(days=1), participants=[removed], summary="Call")
    log_interaction(alice, kind="meeting", occurred_at=now + timedelta(days=5), participants=[removed, cy],
                    summary="Plan")
    link_people(alice, kept, removed, "friend", evidence="same badge")
    link_people(alice, removed, bo, "mentor", evidence="mentored Bo")
    link_people(alice, cy, removed, "mentor")
    link_people(alice, kept, bo, "colleague", evidence="Acme")
    link_people(alice, removed, bo, "colleague", evidence="Globex")
    update_person(kept, {"introduced_by": removed.id}, origin=merge_origin)
    update_person(cy, {"introduced_by": removed.id}, origin=merge_origin)
    dismiss(alice, removed, cy)
    return {"kept": Person.objects.get(pk=kept.pk), "removed": Person.objects.get(pk=removed.pk), "bo": bo, "cy": cy}


def _everything(owner, *people) -> tuple:
    return export_all(owner), [snapshots.capture(p) for p in people]


def test_undo_of_a_merge_restores_the_previous_state_exactly(alice, world, merge_origin):
    kept, removed = world["kept"], world["removed"]
    removed_id = removed.pk
    before = _everything(alice, kept, removed, world["bo"], world["cy"])
    merge_people(kept, removed, origin=merge_origin)
    merge = Merge.objects.latest("pk")
    assert not Person.objects.filter(pk=removed_id).exists()
    assert export_all(alice) != before[0]

    back_kept, removed = undo_merge(merge)

    assert (back_kept.pk, removed.pk) == (kept.pk, removed_id)
    after = _everything(alice, kept, removed, world["bo"], world["cy"])
    assert after[0] == before[0]
    # The states match too, the merge row's pointer at the kept person aside (it was made by the merge).
    after[1][0]["pointers"]["people.merge.kept"].remove(merge.pk)
    assert after[1] == before[1]
    assert snapshots.capture(kept) == merge.kept_state and snapshots.capture(removed) == merge.removed_state


def test_after_an_undo_both_people_have_their_own_values_photos_and_history(alice, world, merge_origin):
    kept, removed = world["kept"], world["removed"]
    merge_people(kept, removed, origin=merge_origin)
    kept, removed = undo_merge(Merge.objects.latest("pk"))
    assert [e.address for e in removed.emails.all()] == ["ANA@example.com", "ana@work.example", "a.lima@old.example"]
    assert [e.address for e in kept.emails.all()] == ["ana@example.com"]
    assert kept.photo.name != removed.photo.name and removed.photo.name.endswith(".gif")
    assert (removed.current_organisation.name, kept.current_organisation.name) == ("Globex", "Acme")
    assert kept.introduced_by_id == removed.pk == Person.objects.get(pk=world["cy"].pk).introduced_by_id
    assert Tie.objects.filter(person_a=removed, person_b=world["bo"], kind="mentor").exists()
    assert Tie.objects.filter(person_a=world["cy"], person_b=removed, kind="mentor").exists()
    assert removed.last_contact_at is not None and removed.next_plan_at is not None
    assert DuplicateDismissal.objects.filter(person_a=world["cy"], person_b=removed).exists()
    assert Merge.objects.get(removed_name="A. Lima").kept_id == removed.pk


def test_an_undone_merge_says_so_and_cannot_be_undone_twice(world, merge_origin):
    merge_people(world["kept"], world["removed"], origin=merge_origin)
    merge = Merge.objects.latest("pk")
    undo_merge(merge)
    merge.refresh_from_db()
    assert merge.undone_at is not None and merge.kept_id == world["kept"].pk
    with pytest.raises(Invalid, match="already undone"):
        undo_merge(merge)


def test_a_merge_made_before_undo_existed_is_refused_with_the_reason(make_person, merge_origin):
    kept, removed = make_person("Ana"), make_person("Ana L")
    merge_people(kept, removed, origin=merge_origin)
    Merge.objects.update(kept_state=None, removed_state=None, kept_after=None)
    with pytest.raises(Invalid, match="before merges could be undone"):
        undo_merge(Merge.objects.get())


def test_an_edit_of_the_kept_person_after_the_merge_blocks_the_undo_and_is_named(make_person, merge_origin):
    kept, removed = make_person("Ana"), make_person("Ana L", emails=["ana@x.org"])
    merge_people(kept, removed, origin=merge_origin)
    update_person(kept, {"notes": "Now at Acme."}, origin=merge_origin)
    with pytest.raises(Invalid, match=r"changed since the merge \(notes, where values came from\)") as caught:
        undo_merge(Merge.objects.get())
    assert "lose those changes" in str(caught.value)
    assert not Person.objects.filter(display_name="Ana L").exists()


def test_a_new_interaction_or_tie_of_the_kept_person_blocks_the_undo(alice, make_person, merge_origin):
    kept, removed, bo = make_person("Ana"), make_person("Ana L"), make_person("Bo")
    merge_people(kept, removed, origin=merge_origin)
    log_interaction(alice, kind="call", occurred_at=timezone.now(), participants=[kept], summary="Call")
    link_people(alice, kept, bo, "friend")
    with pytest.raises(Invalid, match=r"\(interactions, ties\)"):
        undo_merge(Merge.objects.get())


def test_saving_the_kept_person_without_a_change_does_not_block_the_undo(make_person, merge_origin):
    kept, removed = make_person("Ana", notes="hi"), make_person("Ana L")
    merge_people(kept, removed, origin=merge_origin)
    update_person(kept, {"notes": "hi"}, origin=merge_origin)  # updated_at moves; nothing else does
    kept_back, removed_back = undo_merge(Merge.objects.get())
    assert removed_back.display_name == "Ana L"


def test_a_later_merge_into_the_kept_person_must_be_undone_first(make_person, merge_origin):
    kept, removed, third = make_person("Ana"), make_person("Ana L"), make_person("Ana Lima")
    merge_people(kept, removed, origin=merge_origin)
    merge_people(kept, third, origin=merge_origin)
    first, second = Merge.objects.order_by("pk")
    with pytest.raises(Invalid, match=rf"absorbed Ana Lima afterwards \(merge {second.pk}\)"):
        undo_merge(first)
    undo_merge(second)
    undo_merge(first)
    assert sorted(Person.objects.values_list("display_name", flat=True)) == ["Ana", "Ana L", "Ana Lima"]


def test_a_kept_person_merged_away_or_deleted_since_is_named_in_the_refusal(make_person, merge_origin):
    kept, removed, other = make_person("Ana"), make_person("Ana L"), make_person("Ana Lima")
    merge_people(kept, removed, origin=merge_origin)
    merge_people(other, kept, origin=merge_origin)
    first, second = Merge.objects.order_by("pk")
    with pytest.raises(Invalid, match=rf"Ana was merged into Ana Lima afterwards \(merge {second.pk}\)"):
        undo_merge(first)
    delete_person(other)
    with pytest.raises(Invalid, match="Ana was merged into someone since deleted"):
        undo_merge(first)
    solo, gone = make_person("Bo"), make_person("Bo C")
    merge_people(solo, gone, origin=merge_origin)
    delete_person(solo)
    with pytest.raises(Invalid, match="Bo has been deleted since the merge"):
        undo_merge(Merge.objects.get(removed_name="Bo C"))


def test_restore_leaves_out_what_third_parties_lost_since_and_recomputes_what_follows(alice, make_person):
    """An interaction or organisation deleted after the capture is not brought back; the person's derived
    columns follow what is left."""
    ana = make_person("Ana", organisation="Globex", title="CTO")
    call = log_interaction(alice, kind="call", occurred_at=timezone.now() - timedelta(days=1), participants=[ana],
                           summary="Call")
    state = snapshots.capture(ana)
    delete_person(ana)
    delete_interaction(call)
    delete_organisation(Organisation.objects.get(name="Globex"))
    back = snapshots.restore(alice, state)
    assert back.current_organisation_id is None and back.current_title == ""
    assert back.last_contact_at is None and not back.affiliations.exists()
    assert "globex" not in back.search_text


def test_a_deleted_interaction_of_the_kept_person_blocks_the_undo_as_a_change(alice, make_person, merge_origin):
    kept, removed = make_person("Ana"), make_person("Ana L")
    call = log_interaction(alice, kind="call", occurred_at=timezone.now(), participants=[removed], summary="Call")
    merge_people(kept, removed, origin=merge_origin)
    delete_interaction(call)
    with pytest.raises(Invalid, match=r"changed since the merge \(interactions\)"):
        undo_merge(Merge.objects.get())


def test_restore_puts_a_deleted_person_back_with_the_same_id_and_rows(alice, make_person):
    ana = make_person("Ana", emails=["ana@x.org"], tags=["python"], organisation="Acme")
    state = snapshots.capture(ana)
    ana_id, email_id = ana.pk, ana.emails.get().pk
    delete_person(ana)
    back = snapshots.restore(alice, state)
    assert back.pk == ana_id and back.emails.get().pk == email_id
    assert [t.name for t in back.tags.all()] == ["python"] and back.current_organisation.name == "Acme"
    assert snapshots.capture(back) == state


def test_restore_removes_rows_added_since_and_keeps_the_captured_derived_columns(alice, make_person, origin):
    ana = make_person("Ana", emails=["ana@x.org"])
    state = snapshots.capture(ana)
    update_person(ana, {"emails": ["ana@x.org", "ana@y.org"], "tags": ["new"], "organisation": "Acme"}, origin=origin)
    log_interaction(alice, kind="call", occurred_at=timezone.now(), participants=[ana], summary="Call")
    back = snapshots.restore(alice, state)
    assert snapshots.capture(back) == state
    assert list(Email.objects.filter(person=back).values_list("address", flat=True)) == ["ana@x.org"]
    assert not Participation.objects.filter(person=back).exists() and Interaction.objects.count() == 1


def test_restore_follows_an_interaction_moved_in_time_since_the_capture(alice, make_person):
    ana = make_person("Ana")
    when = timezone.now() - timedelta(days=3)
    call = log_interaction(alice, kind="call", occurred_at=when, participants=[ana], summary="Call")
    state = snapshots.capture(ana)
    update_interaction(call, participants=[])
    update_interaction(call, occurred_at=when - timedelta(days=1), participants=[ana])
    Participation.objects.filter(person=ana).delete()
    back = snapshots.restore(alice, state)
    assert back.participations.get().occurred_at == when - timedelta(days=1) == back.last_contact_at


def test_a_state_is_plain_json_and_another_users_state_is_refused(alice, bob, make_person):
    import json

    ana = make_person("Ana", birthday="1990-01-05", organisation="Acme")
    state = snapshots.capture(ana)
    assert json.loads(json.dumps(state)) == state
    with pytest.raises(Invalid, match="another user"):
        snapshots.restore(bob, state)
    with pytest.raises(Invalid, match="not a person's state"):
        snapshots.restore(alice, {"format": "something else"})


def test_fingerprints_name_what_changed_in_words(make_person, origin):
    ana = make_person("Ana", emails=["ana@x.org"])
    before = snapshots.fingerprint(snapshots.capture(ana))
    update_person(ana, {"location": "Porto", "emails": ["ana@y.org"], "tags": ["x"]}, origin=origin)
    assert snapshots.changes(before, snapshots.fingerprint(snapshots.capture(ana))) == [
        "emails", "location", "tags", "where values came from"]


def test_capturing_many_people_at_once_gives_each_the_state_capture_gives(alice, make_person):
    ana, bo = make_person("Ana", emails=["ana@x.org"], tags=["python"]), make_person("Bo", phones=["+44 20 7946 0958"])
    link_people(alice, ana, bo, "mentor")
    log_interaction(alice, kind="call", occurred_at=timezone.now(), participants=[ana, bo], summary="Call")
    assert snapshots.capture_many([bo.pk, ana.pk]) == {ana.pk: snapshots.capture(ana), bo.pk: snapshots.capture(bo)}
