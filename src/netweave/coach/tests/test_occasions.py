"""Briefs for an event: finding it (a planned event, or an event or meeting logged), upcoming first, and
briefing everyone expected there."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netweave.coach.occasions import event_brief, match
from netweave.coach.brief import Here
from netweave.coach.tests.conftest import NOW
from netweave.coach.tests.support import assert_well_formed
from netweave.core.errors import Invalid, NotFound


@pytest.fixture
def crowd(person):
    return [person(name) for name in ("Ana Lima", "Bo Chen", "Cy Diaz")]


def test_a_logged_event_briefs_its_participants_upcoming_first(alice, crowd, meet):
    ana, bo, cy = crowd
    meet([ana, cy], 30, summary="PyCon 2025", kind="event")
    soon = meet([bo, ana], -20, summary="PyCon 2026", kind="event")
    later = meet([cy], -40, summary="PyCon 2026 sprints", kind="meeting")
    meet([cy], -5, summary="Pycon drinks", kind="call")  # not an event or a meeting
    found = event_brief(alice, text="pycon")
    assert (found.ref, found.name, found.day) == (f"interaction-{soon.pk}", "PyCon 2026", (NOW + timedelta(days=20))
                                                  .date())
    assert [b.display_name for b in found.briefs] == ["Ana Lima", "Bo Chen"]
    assert found.also == [{"ref": f"interaction-{later.pk}", "name": "PyCon 2026 sprints",
                           "day": (NOW + timedelta(days=40)).date()}]
    for brief in found.briefs:
        assert_well_formed(brief)
        assert any(q.kind == "occasion" and "PyCon 2026" in q.text for q in brief.questions)


def test_with_nothing_upcoming_the_latest_recent_one_is_briefed(alice, crowd, meet):
    ana, bo, cy = crowd
    meet([ana], 200, summary="Board dinner", kind="meeting")  # too long ago to be looked for
    recent = meet([bo, cy], 10, summary="Board dinner", kind="meeting")
    earlier = meet([ana], 40, summary="Board dinner", kind="meeting")
    found = event_brief(alice, text="board dinner")
    assert found.ref == f"interaction-{recent.pk}" and [o["ref"] for o in found.also] == [f"interaction-{earlier.pk}"]
    assert [b.display_name for b in found.briefs] == ["Bo Chen", "Cy Diaz"]


def test_a_planned_event_briefs_whom_i_want_to_meet_first_with_why_and_its_goals(alice, crowd, meet):
    from netweave.events.services import add_goal, create_event, set_person

    ana, bo, cy = crowd
    event = create_event(alice, {"name": "Climate Tech Summit", "starts_at": NOW + timedelta(days=3),
                                 "location": "Lisbon"})
    add_goal(event, "Meet two people working on carbon markets")
    set_person(event, ana)
    set_person(event, cy, status="want_to_meet", why="works on carbon markets")
    meet([bo], -3, summary="Climate Tech Summit side dinner")
    found = event_brief(alice, text="climate tech")
    assert (found.ref, found.location, found.goals) == (f"event-{event.pk}", "Lisbon",
                                                        ["Meet two people working on carbon markets"])
    assert [(b.display_name, b.why) for b in found.briefs] == [("Cy Diaz", "works on carbon markets"),
                                                               ("Ana Lima", "")]
    assert [o["name"] for o in found.also] == ["Climate Tech Summit side dinner"]


def test_a_captured_event_is_found_once(alice, crowd, meet):
    from netweave.events.models import Event
    from netweave.events.services import create_event

    ana, _, _ = crowd
    event = create_event(alice, {"name": "RustConf", "starts_at": NOW - timedelta(days=2)})
    logged = meet([ana], 2, summary="RustConf", kind="event")
    Event.objects.filter(pk=event.pk).update(interaction=logged)
    assert [o.ref for o in match(alice, "rustconf", Here(alice))] == [f"event-{event.pk}"]


def test_nothing_matching_is_not_found_and_no_text_is_refused(alice, bob, person, meet):
    theirs = person("Bob's friend", owner=bob)
    meet([theirs], -10, summary="PyCon 2026", kind="event")
    with pytest.raises(NotFound):
        event_brief(alice, text="PyCon")
    with pytest.raises(Invalid):
        event_brief(alice, text="   ")
    with pytest.raises(NotFound):
        event_brief(alice, ref="interaction-abc")


def test_archived_people_are_left_out_and_a_big_event_is_cut_at_the_limit(alice, person, meet):
    from netweave.people.services import archive_person

    people = [person(f"Person {n:02d}") for n in range(6)]
    meet(people, -1, summary="Team offsite", kind="meeting")
    archive_person(people[0])
    found = event_brief(alice, text="offsite", limit=3)
    assert [b.display_name for b in found.briefs] == ["Person 01", "Person 02", "Person 03"]
    assert found.more == 2


def test_an_event_brief_reads_the_shared_parts_once_not_once_a_person(alice, person, meet,
                                                                       django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(n: int) -> int:
        people = [person(f"Guest {n} {i}", location="Lisbon", interests=["jazz"]) for i in range(n)]
        meet(people, -2, summary=f"Dinner {n}", kind="meeting")
        for guest in people:
            meet(guest, 30, summary=f"Coffee with {guest.display_name}")
        with CaptureQueriesContext(connection) as ctx:
            assert len(event_brief(alice, text=f"Dinner {n}").briefs) == n
        return len(ctx.captured_queries)

    few, many = queries(2), queries(6)
    assert (many - few) / 4 <= 9  # the last interactions, plan, asks, offers, roles, milestones, ties, groups
