"""merge_people: two records of one person become one, and nothing either held is lost."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from netweave.core.errors import Invalid
from netweave.interactions.models import Participation
from netweave.interactions.services import log_interaction
from netweave.people.merging import merge_people
from netweave.people.models import Email, FieldOrigin, Merge, Person, Tie
from netweave.people.services import add_affiliation, link_people, new_origin


@pytest.fixture
def merge_origin(alice):
    return new_origin(alice, "merge", "test")


@pytest.fixture
def pair(make_person):
    kept = make_person(
        "Ana Lima", emails=["ana@example.com"], phones=["+351 912 345 678"], notes="Met at PyCon.",
        location="Lisbon", tags=["python"], interests=["opera"],
    )
    removed = make_person(
        "Ana M. Lima", emails=["ANA@example.com", "ana@work.example"], phones=["+44 20 7946 0958"],
        notes="Works on climate models.", location="Porto", pronouns="she/her", birthday="1990-01-05",
        tags=["climate", "Python"], urls=["https://linkedin.com/in/ana-lima"], circle="close",
        addresses=[{"street": "Rua Augusta 1", "locality": "Lisboa"}], extra={"x-twitter": "@analima"},
    )
    return kept, removed


def test_it_keeps_every_contact_value_of_both_without_repeating_any(pair, merge_origin):
    kept, removed = pair
    merged = merge_people(kept, removed, origin=merge_origin)
    assert sorted(e.key for e in merged.emails.all()) == ["ana@example.com", "ana@work.example"]
    assert sorted(p.e164 for p in merged.phones.all()) == ["+351912345678", "+442079460958"]
    assert [u.key for u in merged.urls.all()] == ["linkedin.com/in/ana-lima"]
    assert [a.street for a in merged.addresses.all()] == ["Rua Augusta 1"]
    assert [e.address for e in merged.emails.all()][0] == "ana@example.com"  # the kept one's stay first


def test_it_fills_blanks_and_keeps_conflicting_values_under_extra_merged(pair, merge_origin):
    kept, removed = pair
    merged = merge_people(kept, removed, origin=merge_origin)
    assert (merged.display_name, merged.location) == ("Ana Lima", "Lisbon")
    assert (merged.pronouns, merged.birthday, merged.circle.name) == ("she/her", "1990-01-05", "close")
    [record] = merged.extra["merged"]
    assert record["from"] == "Ana M. Lima"
    assert record["display_name"] == "Ana M. Lima"
    assert record["location"] == "Porto"
    assert merged.middle_name == "M."  # blank in the kept record, so filled rather than a conflict
    assert merged.extra["x-twitter"] == "@analima"


def test_it_concatenates_notes_saying_where_each_part_came_from(pair, merge_origin):
    kept, removed = pair
    merged = merge_people(kept, removed, origin=merge_origin)
    assert merged.notes.startswith("Met at PyCon.")
    assert "Ana M. Lima" in merged.notes
    assert merged.notes.endswith("Works on climate models.")


def test_the_fields_it_filled_record_the_merge_as_their_origin(pair, merge_origin, origin):
    kept, removed = pair
    merge_people(kept, removed, origin=merge_origin)
    recorded = dict(FieldOrigin.objects.filter(person=kept).values_list("field", "origin_id"))
    assert recorded["pronouns"] == recorded["birthday"] == merge_origin.id
    assert recorded["location"] == origin.id


def test_conflicting_birthdays_keep_both(make_person, merge_origin):
    kept = make_person("Ana", birthday="1990-01-05")
    removed = make_person("Ana L", birthday="--01-06")
    merged = merge_people(kept, removed, origin=merge_origin)
    assert merged.birthday == "1990-01-05"
    assert merged.extra["merged"][0]["birthday"] == "--01-06"


def test_extra_values_of_both_are_kept_even_when_they_conflict(make_person, merge_origin):
    kept = make_person("Ana", extra={"x-twitter": "@ana", "source": "vcard",
                                     "merged": [{"from": "A. Lima", "location": "Faro"}]})
    removed = make_person("Ana L", extra={"x-twitter": "@ana_l", "x-mastodon": "@ana@example.social",
                                          "merged": [{"from": "Ana Lima (old)", "notes": "older"}]})
    merged = merge_people(kept, removed, origin=merge_origin)
    assert merged.extra["x-twitter"] == "@ana"
    assert merged.extra["x-mastodon"] == "@ana@example.social"
    history = merged.extra["merged"]
    assert {"from": "A. Lima", "location": "Faro"} in history
    assert {"from": "Ana Lima (old)", "notes": "older"} in history
    assert history[-1] == {"from": "Ana L", "display_name": "Ana L", "extra": {"x-twitter": "@ana_l"}}


def test_it_moves_tags_of_every_kind(pair, merge_origin):
    kept, removed = pair
    merged = merge_people(kept, removed, origin=merge_origin)
    assert sorted((t.kind, t.name) for t in merged.tags.all()) == [
        ("interest", "opera"), ("tag", "climate"), ("tag", "python")]


def test_it_moves_job_history_and_recomputes_the_current_role(make_person, merge_origin):
    kept = make_person("Ana")
    add_affiliation(kept, "Acme", title="Engineer", start=date(2015, 1, 1))
    removed = make_person("Ana L")
    add_affiliation(removed, "Globex", title="CTO", start=date(2021, 1, 1))
    merged = merge_people(kept, removed, origin=merge_origin)
    assert sorted(a.organisation.name for a in merged.affiliations.all()) == ["Acme", "Globex"]
    assert (merged.current_organisation.name, merged.current_title) == ("Globex", "CTO")


def test_it_moves_interactions_and_keeps_one_participation_where_both_took_part(alice, make_person, merge_origin):
    kept, removed, bo = make_person("Ana"), make_person("Ana L"), make_person("Bo")
    now = timezone.now()
    both = log_interaction(alice, kind="meeting", occurred_at=now - timedelta(days=10),
                           participants=[kept, removed, bo], summary="Lunch")
    only_removed = log_interaction(alice, kind="call", occurred_at=now - timedelta(days=1),
                                   participants=[removed], summary="Call")
    merged = merge_people(kept, removed, origin=merge_origin)
    assert Participation.objects.filter(interaction=both, person=kept).count() == 1
    assert set(both.participations.values_list("person_id", flat=True)) == {kept.id, bo.id}
    assert list(only_removed.participations.values_list("person_id", flat=True)) == [kept.id]
    assert merged.last_contact_at == only_removed.occurred_at


def test_a_tie_between_the_two_disappears(alice, make_person, merge_origin):
    kept, removed = make_person("Ana"), make_person("Ana L")
    link_people(alice, kept, removed, "friend")
    link_people(alice, removed, kept, "mentor")
    merge_people(kept, removed, origin=merge_origin)
    assert not Tie.objects.exists()


def test_the_evidence_of_a_tie_between_the_two_is_kept_under_extra_merged(alice, make_person, merge_origin):
    kept, removed = make_person("Ana"), make_person("Ana L")
    link_people(alice, kept, removed, "colleague", evidence="both on the Acme badge list")
    link_people(alice, removed, kept, "mentor", source="import", evidence="LinkedIn: mentored Ana")
    link_people(alice, kept, removed, "friend")
    merged = merge_people(kept, removed, origin=merge_origin)
    assert not Tie.objects.exists()
    [record] = merged.extra["merged"]
    assert record["from"] == "Ana L"
    assert record["ties"] == [
        {"kind": "colleague", "source": "me", "evidence": "both on the Acme badge list"},
        {"kind": "mentor", "source": "import", "evidence": "LinkedIn: mentored Ana"},
    ]


def test_the_snapshot_holds_the_removed_records_ties_with_whom_and_which_way(alice, make_person, merge_origin):
    bo, kept, removed, cy = make_person("Bo"), make_person("Ana"), make_person("Ana L"), make_person("Cy")
    link_people(alice, removed, bo, "colleague", evidence="Acme")
    link_people(alice, cy, removed, "mentor", source="import", evidence="said so")
    link_people(alice, removed, kept, "friend", evidence="same person?")
    link_people(alice, removed, bo, "mentor")
    removed_id = removed.id
    merge_people(kept, removed, origin=merge_origin)
    ties = sorted(Merge.objects.get().snapshot["ties"], key=lambda t: (t["other_name"], t["kind"]))
    assert ties == [
        {"kind": "friend", "other_id": kept.id, "other_name": "Ana", "source": "me", "evidence": "same person?",
         "direction": ""},
        {"kind": "colleague", "other_id": bo.id, "other_name": "Bo", "source": "me", "evidence": "Acme",
         "direction": ""},
        {"kind": "mentor", "other_id": bo.id, "other_name": "Bo", "source": "me", "evidence": "", "direction": "out"},
        {"kind": "mentor", "other_id": cy.id, "other_name": "Cy", "source": "import", "evidence": "said so",
         "direction": "in"},
    ]
    assert not Tie.objects.filter(person_a_id=removed_id).exists()


def test_ties_move_over_duplicates_are_dropped_and_pairs_stay_lower_id_first(alice, make_person, merge_origin):
    bo = make_person("Bo")
    kept = make_person("Ana")
    removed = make_person("Ana L")
    cy = make_person("Cy")
    link_people(alice, kept, bo, "colleague")
    link_people(alice, removed, bo, "colleague", evidence="Acme")
    link_people(alice, removed, cy, "friend")
    link_people(alice, bo, removed, "mentor")
    merge_people(kept, removed, origin=merge_origin)
    ties = {(t.person_a_id, t.person_b_id, t.kind) for t in Tie.objects.all()}
    assert ties == {(bo.id, kept.id, "colleague"), (kept.id, cy.id, "friend"), (bo.id, kept.id, "mentor")}
    for tie in Tie.objects.exclude(kind="mentor"):
        assert tie.person_a_id < tie.person_b_id


def test_the_evidence_of_a_dropped_duplicate_tie_is_kept(alice, make_person, merge_origin):
    bo, kept, removed = make_person("Bo"), make_person("Ana"), make_person("Ana L")
    link_people(alice, kept, bo, "colleague", evidence="both at Acme")
    link_people(alice, removed, bo, "colleague", evidence="same team in 2019")
    merge_people(kept, removed, origin=merge_origin)
    assert Tie.objects.get().evidence == "both at Acme\nsame team in 2019"


def test_the_people_they_introduced_now_point_at_the_kept_record(make_person, merge_origin):
    kept, removed = make_person("Ana"), make_person("Ana L")
    bo = make_person("Bo", introduced_by=removed.id)
    merge_people(kept, removed, origin=merge_origin)
    assert Person.objects.get(pk=bo.pk).introduced_by_id == kept.id


def test_a_record_introduced_by_its_own_duplicate_is_not_left_introducing_itself(make_person, merge_origin):
    removed = make_person("Ana L")
    kept = make_person("Ana", introduced_by=removed.id)
    merged = merge_people(kept, removed, origin=merge_origin)
    assert merged.introduced_by_id is None


def test_an_introducer_of_the_removed_record_is_kept(make_person, merge_origin):
    bo = make_person("Bo")
    kept, removed = make_person("Ana"), make_person("Ana L", introduced_by=bo.id)
    assert merge_people(kept, removed, origin=merge_origin).introduced_by == bo


def test_it_records_the_merge_with_a_snapshot_of_the_removed_record(pair, merge_origin):
    kept, removed = pair
    removed_id = removed.id
    merge_people(kept, removed, origin=merge_origin)
    merge = Merge.objects.get()
    assert (merge.owner, merge.kept, merge.removed_id, merge.removed_name) == (
        kept.owner, kept, removed_id, "Ana M. Lima")
    assert merge.snapshot["display_name"] == "Ana M. Lima"
    assert [e["address"] for e in merge.snapshot["emails"]] == ["ANA@example.com", "ana@work.example"]
    assert merge.snapshot["notes"] == "Works on climate models."
    assert not Person.objects.filter(pk=removed_id).exists()
    assert not Email.objects.filter(person_id=removed_id).exists()


def test_it_keeps_the_search_index_current(alice, pair, merge_origin):
    from netweave.people.queries import people_list

    kept, removed = pair
    merge_people(kept, removed, origin=merge_origin)
    assert list(people_list(alice, query="ana@work.example")) == [kept]


def test_a_stale_kept_record_does_not_write_back_old_values(alice, make_person, merge_origin):
    from netweave.people.services import archive_person

    kept, removed = make_person("Ana"), make_person("Ana L")
    archive_person(Person.objects.get(pk=kept.pk))
    merge_people(kept, removed, origin=merge_origin)
    assert Person.objects.get(pk=kept.pk).archived


def test_merging_a_person_into_themselves_is_refused(make_person, merge_origin):
    ana = make_person("Ana")
    with pytest.raises(Invalid) as caught:
        merge_people(ana, ana, origin=merge_origin)
    assert "removed" in caught.value.errors
    assert Person.objects.filter(pk=ana.pk).exists()
    assert not Merge.objects.exists()


def test_merging_another_users_person_is_refused(alice, bob, make_person, merge_origin):
    ana, bobs = make_person("Ana"), make_person("Ana", owner=bob)
    with pytest.raises(Invalid):
        merge_people(ana, bobs, origin=merge_origin)
    assert Person.objects.filter(pk=bobs.pk).exists()
    assert not Merge.objects.exists()
