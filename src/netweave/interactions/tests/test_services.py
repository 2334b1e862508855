"""interactions.services against a real database: logging, changing and deleting, and last contact kept current."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from netweave.core.errors import Invalid
from netweave.interactions.models import Interaction, Participation
from netweave.interactions.services import delete_interaction, log_interaction, update_interaction
from netweave.people.models import Person


def last_contact(person) -> datetime | None:
    return Person.objects.get(pk=person.pk).last_contact_at


@pytest.fixture
def now():
    return timezone.now().replace(microsecond=0)


def test_logging_with_several_participants_updates_each_ones_last_contact(alice, make_person, now):
    ana, bo, cy = make_person("Ana"), make_person("Bo"), make_person("Cy")
    when = now - timedelta(days=3)
    lunch = log_interaction(alice, kind="meeting", occurred_at=when, participants=[ana, bo, cy],
                            summary="Lunch at the harbour", notes="Ana is hiring.", initiated_by="me")
    assert [last_contact(p) for p in (ana, bo, cy)] == [when] * 3
    assert set(lunch.participants.all()) == {ana, bo, cy}
    assert set(Participation.objects.values_list("occurred_at", flat=True)) == {when}
    assert (lunch.kind, lunch.summary, lunch.notes, lunch.initiated_by, lunch.is_plan) == (
        "meeting", "Lunch at the harbour", "Ana is hiring.", "me", False)


def test_last_contact_is_the_latest_past_interaction_not_the_latest_logged(alice, make_person, now):
    ana = make_person("Ana")
    recent = now - timedelta(days=1)
    log_interaction(alice, kind="call", occurred_at=recent, participants=[ana], summary="Call")
    log_interaction(alice, kind="email", occurred_at=now - timedelta(days=300), participants=[ana], summary="Old mail")
    assert last_contact(ana) == recent


def test_a_plan_in_the_future_does_not_count_as_last_contact(alice, make_person, now):
    ana, bo = make_person("Ana"), make_person("Bo")
    past = now - timedelta(days=5)
    log_interaction(alice, kind="call", occurred_at=past, participants=[ana], summary="Call")
    plan = log_interaction(alice, kind="meeting", occurred_at=now + timedelta(days=2), participants=[ana, bo],
                           summary="Coffee next week")
    assert plan.is_plan
    assert last_contact(ana) == past
    assert last_contact(bo) is None


def test_the_same_participant_twice_is_one_participation(alice, make_person, now):
    ana = make_person("Ana")
    call = log_interaction(alice, kind="call", occurred_at=now, participants=[ana, ana], summary="Call")
    assert call.participations.count() == 1


def test_an_interaction_with_nobody_is_allowed(alice, now):
    note = log_interaction(alice, kind="note", occurred_at=now, participants=[], summary="Idea for the meetup")
    assert note.participations.count() == 0


def test_relogging_with_the_same_external_id_updates_the_same_row(alice, make_person, now):
    ana, bo = make_person("Ana"), make_person("Bo")
    first = log_interaction(alice, kind="meeting", occurred_at=now - timedelta(days=2), participants=[ana],
                            summary="Standup", source="ics", external_id="uid-123@calendar")
    again = log_interaction(alice, kind="meeting", occurred_at=now - timedelta(days=1), participants=[ana, bo],
                            summary="Standup (moved)", source="ics", external_id="uid-123@calendar")
    assert again.pk == first.pk
    assert Interaction.objects.count() == 1
    assert Participation.objects.filter(interaction=again, person=ana).count() == 1
    assert set(again.participants.all()) == {ana, bo}
    assert again.summary == "Standup (moved)"
    assert last_contact(ana) == last_contact(bo) == now - timedelta(days=1)


def test_the_same_external_id_from_another_source_or_owner_is_another_interaction(alice, bob, make_person, now):
    ana, bobs = make_person("Ana"), make_person("Bo", owner=bob)
    log_interaction(alice, kind="email", occurred_at=now, participants=[ana], summary="Hi", source="mbox",
                    external_id="<msg-1@example.com>")
    log_interaction(alice, kind="email", occurred_at=now, participants=[ana], summary="Hi", source="ics",
                    external_id="<msg-1@example.com>")
    log_interaction(bob, kind="email", occurred_at=now, participants=[bobs], summary="Hi", source="mbox",
                    external_id="<msg-1@example.com>")
    assert Interaction.objects.filter(owner=alice).count() == 2
    assert Interaction.objects.filter(owner=bob).count() == 1


def test_without_an_external_id_logging_twice_makes_two_interactions(alice, make_person, now):
    ana = make_person("Ana")
    for _ in range(2):
        log_interaction(alice, kind="call", occurred_at=now, participants=[ana], summary="Call", source="web")
    assert Interaction.objects.count() == 2


def test_updating_the_time_and_participants_recomputes_last_contact_of_everyone_touched(alice, make_person, now):
    ana, bo, cy = make_person("Ana"), make_person("Bo"), make_person("Cy")
    older = now - timedelta(days=30)
    log_interaction(alice, kind="call", occurred_at=older, participants=[bo], summary="Old call")
    lunch = log_interaction(alice, kind="meeting", occurred_at=now - timedelta(days=1), participants=[ana, bo],
                            summary="Lunch")
    moved = now - timedelta(days=2)
    update_interaction(lunch, occurred_at=moved, participants=[ana, cy])
    assert last_contact(ana) == moved
    assert last_contact(bo) == older          # removed: back to the call before
    assert last_contact(cy) == moved          # added
    assert set(lunch.participations.values_list("occurred_at", flat=True)) == {moved}


def test_removing_someones_only_interaction_leaves_them_with_no_last_contact(alice, make_person, now):
    ana, bo = make_person("Ana"), make_person("Bo")
    lunch = log_interaction(alice, kind="meeting", occurred_at=now - timedelta(days=1), participants=[ana, bo],
                            summary="Lunch")
    update_interaction(lunch, participants=[ana])
    assert last_contact(bo) is None


def test_updating_only_the_time_moves_every_participation(alice, make_person, now):
    ana, bo = make_person("Ana"), make_person("Bo")
    lunch = log_interaction(alice, kind="meeting", occurred_at=now - timedelta(days=1), participants=[ana, bo],
                            summary="Lunch")
    into_the_future = now + timedelta(days=1)
    update_interaction(lunch, occurred_at=into_the_future)
    assert set(lunch.participations.values_list("occurred_at", flat=True)) == {into_the_future}
    assert last_contact(ana) is None and last_contact(bo) is None


def test_a_partial_update_leaves_the_rest_alone(alice, make_person, now):
    ana = make_person("Ana")
    call = log_interaction(alice, kind="call", occurred_at=now, participants=[ana], summary="Call", notes="n",
                           initiated_by="them")
    update_interaction(call, summary="Long call")
    call.refresh_from_db()
    assert (call.kind, call.occurred_at, call.summary, call.notes, call.initiated_by) == (
        "call", now, "Long call", "n", "them")
    assert list(call.participants.all()) == [ana]


def test_deleting_an_interaction_recomputes_last_contact(alice, make_person, now):
    ana = make_person("Ana")
    older = now - timedelta(days=10)
    log_interaction(alice, kind="call", occurred_at=older, participants=[ana], summary="Call")
    lunch = log_interaction(alice, kind="meeting", occurred_at=now - timedelta(days=1), participants=[ana],
                            summary="Lunch")
    delete_interaction(lunch)
    assert last_contact(ana) == older
    assert not Participation.objects.filter(interaction_id=lunch.pk).exists()


def test_an_invalid_kind_and_an_empty_summary_are_both_named(alice, make_person, now):
    with pytest.raises(Invalid) as caught:
        log_interaction(alice, kind="telepathy", occurred_at=now, participants=[make_person("Ana")], summary="   ")
    assert set(caught.value.errors) == {"kind", "summary"}
    assert not Interaction.objects.exists()


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"occurred_at": "yesterday"}, "occurred_at"),
        ({"occurred_at": None}, "occurred_at"),
        ({"summary": "x" * 501}, "summary"),
        ({"initiated_by": "someone"}, "initiated_by"),
    ],
)
def test_each_bad_value_is_refused_by_name(alice, now, fields, name):
    kwargs = {"kind": "call", "occurred_at": now, "participants": [], "summary": "Call", **fields}
    with pytest.raises(Invalid) as caught:
        log_interaction(alice, **kwargs)
    assert list(caught.value.errors) == [name]


def test_an_invalid_update_changes_nothing(alice, make_person, now):
    ana = make_person("Ana")
    call = log_interaction(alice, kind="call", occurred_at=now, participants=[ana], summary="Call")
    with pytest.raises(Invalid):
        update_interaction(call, kind="telepathy", summary="Changed")
    fresh = Interaction.objects.get(pk=call.pk)
    assert (fresh.kind, fresh.summary) == ("call", "Call")


def test_a_participant_who_belongs_to_another_user_is_refused(alice, bob, make_person, now):
    ana, bobs = make_person("Ana"), make_person("Bo", owner=bob)
    with pytest.raises(Invalid) as caught:
        log_interaction(alice, kind="call", occurred_at=now, participants=[ana, bobs], summary="Call")
    assert caught.value.errors == {"participants": "no such person"}
    assert not Interaction.objects.exists()
    assert last_contact(ana) is None


def test_an_update_adding_another_users_person_is_refused(alice, bob, make_person, now):
    ana, bobs = make_person("Ana"), make_person("Bo", owner=bob)
    call = log_interaction(alice, kind="call", occurred_at=now, participants=[ana], summary="Call")
    with pytest.raises(Invalid):
        update_interaction(call, participants=[ana, bobs])
    assert list(call.participants.all()) == [ana]
    assert last_contact(bobs) is None


def test_a_naive_time_is_read_in_the_users_time_zone(alice, make_person, settings):
    settings.TIME_ZONE = "Europe/Lisbon"
    ana = make_person("Ana")
    call = log_interaction(alice, kind="call", occurred_at=datetime(2024, 7, 1, 15, 30), participants=[ana],
                           summary="Call")
    call.refresh_from_db()
    assert timezone.is_aware(call.occurred_at)
    assert call.occurred_at == datetime(2024, 7, 1, 15, 30, tzinfo=ZoneInfo("Europe/Lisbon"))
    assert last_contact(ana) == datetime(2024, 7, 1, 14, 30, tzinfo=ZoneInfo("UTC"))


def test_a_deleted_person_leaves_the_interaction_for_the_others(alice, make_person, now):
    from netweave.people.services import delete_person

    ana, bo = make_person("Ana"), make_person("Bo")
    lunch = log_interaction(alice, kind="meeting", occurred_at=now, participants=[ana, bo], summary="Lunch")
    delete_person(ana)
    assert list(lunch.participants.all()) == [bo]


# ---------------------------------------------------------------- re-logging from a source


def test_relogging_from_a_source_keeps_the_notes_the_user_wrote_when_it_brings_none(alice, make_person, now):
    ana = make_person("Ana")
    first = log_interaction(alice, kind="meeting", occurred_at=now - timedelta(days=2), participants=[ana],
                            summary="Standup", source="ics", external_id="uid-9")
    update_interaction(first, notes="Ana asked about the Lisbon office.", initiated_by="them")
    again = log_interaction(alice, kind="call", occurred_at=now - timedelta(days=1), participants=[ana],
                            summary="Standup (call)", source="ics", external_id="uid-9")
    again.refresh_from_db()
    assert (again.notes, again.initiated_by) == ("Ana asked about the Lisbon office.", "them")
    assert (again.kind, again.occurred_at, again.summary) == ("call", now - timedelta(days=1), "Standup (call)")
    replaced = log_interaction(alice, kind="call", occurred_at=now - timedelta(days=1), participants=[ana],
                               summary="Standup (call)", notes="Agenda from the invite", source="ics",
                               external_id="uid-9")
    assert Interaction.objects.get(pk=replaced.pk).notes == "Agenda from the invite"


def test_relogging_from_a_source_keeps_a_participant_the_user_added_by_hand(alice, make_person, now):
    ana, bo, cy = make_person("Ana"), make_person("Bo"), make_person("Cy")
    first = log_interaction(alice, kind="meeting", occurred_at=now - timedelta(days=2), participants=[ana],
                            summary="Standup", source="ics", external_id="uid-10")
    update_interaction(first, participants=[ana, bo])
    again = log_interaction(alice, kind="meeting", occurred_at=now - timedelta(days=1), participants=[cy],
                            summary="Standup", source="ics", external_id="uid-10")
    assert set(again.participants.all()) == {ana, bo, cy}
    assert [last_contact(p) for p in (ana, bo, cy)] == [now - timedelta(days=1)] * 3


# ---------------------------------------------------------------- plans that pass


def next_plan(person) -> datetime | None:
    return Person.objects.get(pk=person.pk).next_plan_at


def test_a_plan_becomes_last_contact_once_its_time_has_passed_and_plans_are_settled(
        alice, bob, make_person, now, monkeypatch):
    from netweave.core import clock
    from netweave.people.services import settle_passed_plans

    ana, bo = make_person("Ana"), make_person("Bo")
    bobs = make_person("Bo's Ana", owner=bob)
    past, soon, later = now - timedelta(days=5), now + timedelta(hours=1), now + timedelta(days=10)
    log_interaction(alice, kind="call", occurred_at=past, participants=[ana], summary="Call")
    log_interaction(alice, kind="meeting", occurred_at=soon, participants=[ana, bo], summary="Coffee")
    log_interaction(alice, kind="meeting", occurred_at=later, participants=[ana], summary="Dinner")
    log_interaction(bob, kind="meeting", occurred_at=soon, participants=[bobs], summary="Coffee")
    assert (last_contact(ana), next_plan(ana), last_contact(bo), next_plan(bo)) == (past, soon, None, soon)

    monkeypatch.setattr(clock, "now", lambda: now + timedelta(hours=2))
    assert settle_passed_plans(alice) == 2
    assert (last_contact(ana), next_plan(ana)) == (soon, later)
    assert (last_contact(bo), next_plan(bo)) == (soon, None)
    assert (last_contact(bobs), next_plan(bobs)) == (None, soon)  # another owner's plans wait for them
    assert settle_passed_plans(alice) == 0


def test_deleting_the_only_plan_clears_the_next_plan(alice, make_person, now):
    ana = make_person("Ana")
    plan = log_interaction(alice, kind="meeting", occurred_at=now + timedelta(days=3), participants=[ana],
                           summary="Lunch")
    assert next_plan(ana) == now + timedelta(days=3)
    delete_interaction(plan)
    assert next_plan(ana) is None


# ---------------------------------------------------------------- the timeline


def test_the_timeline_pages_through_interactions_that_share_a_time_without_skipping_or_repeating_any(
        alice, make_person, now):
    from netweave.interactions.queries import timeline

    ana = make_person("Ana")
    times = [now - timedelta(days=1)] * 5 + [now - timedelta(days=2)] * 3 + [now - timedelta(days=3)]
    for n, when in enumerate(times):
        log_interaction(alice, kind="email", occurred_at=when, participants=[ana], summary=f"Mail {n}")
    everything = timeline(ana, limit=100)
    assert len(everything) == 9
    seen, before = [], None
    while page := timeline(ana, limit=2, before=before):
        seen += page
        before = (page[-1].occurred_at, page[-1].pk)
    assert seen == everything
    assert [(i.occurred_at, i.pk) for i in seen] == sorted(((i.occurred_at, i.pk) for i in seen), reverse=True)
