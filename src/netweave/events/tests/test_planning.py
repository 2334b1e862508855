"""Planning an event: goals read from their words, and whom to meet ranked with a reason each."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from netweave.core.errors import Invalid
from netweave.events.models import EventPerson
from netweave.events.planning import goal_fields, plan
from netweave.events.services import add_goal, remove_person, set_person
from netweave.givefirst.models import Ask, Offer
from netweave.interactions.services import log_interaction


@pytest.mark.parametrize("text, expected", [
    ("meet three people working on climate fintech", (3, "climate fintech")),
    ("Meet 5 investors", (5, "investors")),
    ("find a co-founder for robotics", (1, "co-founder robotics")),
    ("talk to someone", (1, "")),
    ("meet 99999 people", (1000, "")),
])
def test_a_goal_s_words_give_how_many_people_and_its_topic(text, expected):
    assert goal_fields(text) == expected


def test_a_goal_may_say_its_number_and_topic_itself(upcoming):
    goal = add_goal(upcoming, "meet the people behind grid storage", target=4, topic="grid storage, batteries")
    assert (goal.target, goal.topic) == (4, "grid storage, batteries")
    with pytest.raises(Invalid) as refused:
        add_goal(upcoming, "  ", target=0)
    assert set(refused.value.errors) == {"text", "target"}


@pytest.fixture
def network(alice, upcoming, make_person):
    ana = make_person("Ana Lima", organisation="Greenledger", title="Head of Climate Fintech")
    bo = make_person("Bo Chen", tags=["fintech", "climate"])
    cy = make_person("Cy Diaz")
    di = make_person("Di Evans", organisation="Northwind Capital", title="Climate investor")
    ed = make_person("Ed Fox")
    flo = make_person("Flo Gray", organisation="Bakery")
    log_interaction(alice, kind="call", occurred_at=timezone.now() - timedelta(days=800), participants=[cy],
                    summary="Catch-up")
    add_goal(upcoming, "meet three people working on climate fintech")
    Ask.objects.create(owner=alice, person=None, kind="introduction", topic="a climate investor")
    Ask.objects.create(owner=alice, person=ed, kind="advice", topic="fundraising")
    Offer.objects.create(owner=alice, person=ed, kind="mentoring", topic="product")
    for person in (ana, di, ed, flo):
        set_person(upcoming, person)
    set_person(upcoming, cy, status="want_to_meet")
    return {p.display_name: p for p in (ana, bo, cy, di, ed, flo)}


def test_whom_to_meet_is_ranked_with_a_reason_each(alice, upcoming, network):
    suggestions = {s.display_name: s for s in plan(upcoming).suggestions}
    assert suggestions["Ana Lima"].reason == "works on climate, fintech"
    assert suggestions["Bo Chen"].reason == "works on climate, fintech; not known to be going"
    assert suggestions["Bo Chen"].status == ""
    assert suggestions["Di Evans"].reason == "works on climate; you asked for an introduction: a climate investor"
    assert suggestions["Ed Fox"].reason == "asks for advice: fundraising; offers mentoring: product"
    assert suggestions["Cy Diaz"].reason.startswith("no contact for 2 years")
    assert suggestions["Flo Gray"].reason == "will be there"
    ranked = [s.display_name for s in plan(upcoming).suggestions]
    assert ranked.index("Di Evans") < ranked.index("Ana Lima") < ranked.index("Bo Chen") < ranked.index("Flo Gray")
    assert ranked[0] == "Di Evans"


def test_someone_i_want_to_meet_keeps_why_and_people_met_leave_the_suggestions(alice, upcoming, network):
    link = set_person(upcoming, network["Ana Lima"], status="want_to_meet")
    assert link.why == "works on climate, fintech"
    EventPerson.objects.filter(person=network["Ana Lima"]).update(status="met")
    assert "Ana Lima" not in [s.display_name for s in plan(upcoming).suggestions]


def test_met_is_only_for_the_capture_and_someone_met_cannot_be_taken_off(alice, upcoming, network):
    with pytest.raises(Invalid):
        set_person(upcoming, network["Bo Chen"], status="met")
    EventPerson.objects.filter(person=network["Ana Lima"]).update(status="met")
    with pytest.raises(Invalid):
        set_person(upcoming, network["Ana Lima"], status="expected")
    assert set_person(upcoming, network["Ana Lima"], note="owes me a coffee").status == "met"
    with pytest.raises(Invalid):
        remove_person(upcoming, network["Ana Lima"])
    assert remove_person(upcoming, network["Flo Gray"]) and not remove_person(upcoming, network["Flo Gray"])


def test_another_user_s_person_cannot_be_added(alice, bob, upcoming, make_person):
    stranger = make_person("Ana Lima", owner=bob)
    with pytest.raises(Invalid):
        set_person(upcoming, stranger)


def test_a_plan_without_goals_lists_who_will_be_there(alice, upcoming, make_person):
    set_person(upcoming, make_person("Ana Lima"))
    (only,) = plan(upcoming).suggestions
    assert (only.display_name, only.reason, only.status) == ("Ana Lima", "will be there", "expected")
