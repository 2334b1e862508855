"""The network built from the database: who is a node, what makes an edge and how strong, and what it says."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from netweave.core import clock
from netweave.people.models import Tie
from netweave.people.services import add_affiliation, archive_person
from netweave.ripple import cache, evidence, graph
from netweave.ripple.tests.support import make_introduction, meet, set_strength, tie


@pytest.fixture
def cast(make_person):
    return {name: make_person(name) for name in ("Ana Lima", "Bo Chen", "Cy Diaz", "Dee Park")}


def edge(owner, a, b):
    net = cache.network(owner)
    return net.edge(net.node(a.pk), net.node(b.pk))


def test_the_nodes_are_me_and_my_live_people(alice, cast, make_person):
    gone = make_person("Eve Gone")
    archive_person(gone)
    net = cache.network(alice)
    assert net.n == 5 and net.node(gone.pk) is None
    assert sorted(net.person(i) for i in range(1, net.n)) == sorted(p.pk for p in cast.values())


def test_my_tie_to_each_person_is_their_strength_with_a_floor(alice, cast):
    set_strength(cast["Ana Lima"], 78)
    net = cache.network(alice)
    assert net.edge(0, net.node(cast["Ana Lima"].pk)) == pytest.approx((0.78, graph.ME))
    assert net.edge(0, net.node(cast["Bo Chen"].pk))[0] == pytest.approx(graph.FLOOR)


def test_explicit_ties_weigh_by_kind(alice, cast):
    tie(alice, cast["Ana Lima"], cast["Bo Chen"], "family")
    tie(alice, cast["Cy Diaz"], cast["Dee Park"], "met_at")
    family, met = edge(alice, cast["Ana Lima"], cast["Bo Chen"]), edge(alice, cast["Cy Diaz"], cast["Dee Park"])
    assert family == pytest.approx((0.9, graph.TIE)) and met == pytest.approx((0.3, graph.TIE))
    assert edge(alice, cast["Ana Lima"], cast["Cy Diaz"]) is None


def test_shared_meetings_make_a_tie_that_grows_with_each_one(alice, cast):
    ana, bo = cast["Ana Lima"], cast["Bo Chen"]
    meet(alice, [ana, bo], days_ago=30)
    once = edge(alice, ana, bo)
    for days in (20, 10, 5):
        meet(alice, [ana, bo], days_ago=days)
    often = edge(alice, ana, bo)
    assert once[1] == graph.MEETINGS and 0 < once[0] < often[0] < graph.MEETING_MAX


def test_a_big_meeting_says_little_about_each_pair_and_a_conference_nothing(alice, make_person):
    small = [make_person(f"Small {i}") for i in range(3)]
    big = [make_person(f"Big {i}") for i in range(20)]
    crowd = [make_person(f"Crowd {i}") for i in range(61)]
    meet(alice, small)
    meet(alice, big)
    meet(alice, crowd, kind="event", summary="Web Summit")
    assert edge(alice, big[0], big[1])[0] < edge(alice, small[0], small[1])[0] / 20
    assert edge(alice, crowd[0], crowd[1]) is None


def test_plans_do_not_tie_people_yet(alice, cast):
    meet(alice, [cast["Ana Lima"], cast["Bo Chen"]], days_ago=-5)
    assert edge(alice, cast["Ana Lima"], cast["Bo Chen"]) is None


def test_overlapping_roles_at_a_small_organisation_tie_two_people(alice, cast):
    ana, bo, cy = cast["Ana Lima"], cast["Bo Chen"], cast["Cy Diaz"]
    add_affiliation(ana, "Tidewater", title="Co-founder", start=date(2019, 1, 1), end=date(2022, 6, 30))
    add_affiliation(bo, "Tidewater", title="Founder & CTO", start=date(2019, 3, 1), end=date(2022, 12, 31))
    add_affiliation(cy, "Tidewater", title="Engineer", start=date(2023, 1, 1))
    found = edge(alice, ana, bo)
    assert found[1] == graph.AFFILIATION and 0.3 < found[0] < graph.AFF_MAX
    assert edge(alice, ana, cy) is None  # Cy came after they had both left
    net = cache.network(alice)
    said = evidence.explain_pairs(alice, net, [(net.node(ana.pk), net.node(bo.pk))])
    assert said[tuple(sorted((net.node(ana.pk), net.node(bo.pk))))][0].text == "co-founders at Tidewater 2019–2022"


def test_an_introduction_i_made_is_one_tie_told_by_the_introduction(alice, cast):
    ana, bo = cast["Ana Lima"], cast["Bo Chen"]
    made = make_introduction(alice, ana, bo, outcome="worked_together")
    assert Tie.objects.filter(owner=alice, kind="introduced").count() == 1  # givefirst tied them
    assert edge(alice, ana, bo) == pytest.approx((graph.OUTCOME_WEIGHT["worked_together"], graph.INTRODUCTION))
    net = cache.network(alice)
    key = tuple(sorted((net.node(ana.pk), net.node(bo.pk))))
    words = evidence.explain_pairs(alice, net, [key])[key][0].text
    assert words == f"introduced by me {made.made_at.date().isoformat()} (they worked together)"


def test_whoever_introduced_someone_to_me_knows_them(alice, cast):
    from netweave.people.models import Person

    Person.objects.filter(pk=cast["Bo Chen"].pk).update(introduced_by=cast["Ana Lima"], updated_at=clock.now())
    assert edge(alice, cast["Ana Lima"], cast["Bo Chen"]) == pytest.approx((graph.INTRODUCER_WEIGHT, graph.INTRODUCER))


def test_signals_for_one_pair_combine_as_independent_evidence(alice, cast):
    ana, bo = cast["Ana Lima"], cast["Bo Chen"]
    tie(alice, ana, bo, "colleague")
    meet(alice, [ana, bo])
    weight, kinds = edge(alice, ana, bo)
    alone = graph.meeting_weights(cache.network(alice).layers.meetings, cache.now_days(), cache.now_days())[0]
    assert kinds == graph.TIE | graph.MEETINGS
    assert weight == pytest.approx(1 - (1 - 0.7) * (1 - alone), rel=1e-4)


def test_bobs_ties_never_reach_alices_graph(alice, bob, cast, make_person):
    bo_of_bob, cy_of_bob = make_person("Bo Chen", owner=bob), make_person("Cy Diaz", owner=bob)
    tie(bob, bo_of_bob, cy_of_bob, "family")
    meet(bob, [bo_of_bob, cy_of_bob])
    # A row of Bob's naming two of Alice's people (no service allows it) is still not Alice's.
    Tie.objects.create(owner=bob, person_a=cast["Ana Lima"], person_b=cast["Bo Chen"], kind="friend")
    net = cache.network(alice)
    assert net.node(bo_of_bob.pk) is None and net.node(cy_of_bob.pk) is None
    assert edge(alice, cast["Ana Lima"], cast["Bo Chen"]) is None
    assert set(net.src.tolist()) == {0} and len(net.src) == 4


def _edges(net) -> dict:
    return {(net.person(int(a)) or 0, net.person(int(b))): (round(float(w), 5), int(k))
            for a, b, w, k in zip(net.src, net.dst, net.weight, net.kinds)}


def test_logging_an_interaction_refreshes_only_its_people_and_matches_a_full_build(alice, cast, make_person):
    others = [make_person(f"Other {i}") for i in range(5)]
    meet(alice, [cast["Ana Lima"], cast["Bo Chen"], others[0]], days_ago=40)
    tie(alice, cast["Cy Diaz"], others[1], "friend")
    cache.network(alice)
    meet(alice, [cast["Ana Lima"], cast["Dee Park"]], days_ago=1)
    net = cache.network(alice)
    # Only people whose strength was just recomputed (these two, and the last minute's, to be safe) are re-read.
    (did,) = cache.last_refresh[alice.pk]["re_read"]
    assert did.startswith("strengths and shared interactions of ") and int(did.split()[-2]) <= 5
    assert net.edge(net.node(cast["Ana Lima"].pk), net.node(cast["Dee Park"].pk)) is not None
    assert _edges(net) == _edges(cache.build(alice))


def test_after_a_nightly_recompute_one_interaction_is_still_an_incremental_refresh(alice, cast, make_person):
    from netweave.nurture.strengths import recompute_all

    others = [make_person(f"Other {i}") for i in range(30)]
    meet(alice, others[:3])
    recompute_all(alice)
    cache.network(alice)
    meet(alice, [cast["Ana Lima"], cast["Bo Chen"]])
    cache.network(alice)
    assert cache.last_refresh[alice.pk]["re_read"] == ["strengths and shared interactions of 2 people"]


def test_deleting_an_interaction_and_a_tie_takes_their_edges_away(alice, cast):
    from netweave.interactions.services import delete_interaction
    from netweave.people.services import delete_tie

    shared = meet(alice, [cast["Ana Lima"], cast["Bo Chen"]])
    made = tie(alice, cast["Cy Diaz"], cast["Dee Park"])
    assert edge(alice, cast["Ana Lima"], cast["Bo Chen"]) and edge(alice, cast["Cy Diaz"], cast["Dee Park"])
    delete_interaction(shared)
    delete_tie(made)
    assert edge(alice, cast["Ana Lima"], cast["Bo Chen"]) is None
    assert edge(alice, cast["Cy Diaz"], cast["Dee Park"]) is None


def test_changing_a_ties_kind_is_seen(alice, cast):
    from netweave.people.services import update_tie

    made = tie(alice, cast["Ana Lima"], cast["Bo Chen"], "met_at")
    assert edge(alice, cast["Ana Lima"], cast["Bo Chen"])[0] == pytest.approx(0.3)
    update_tie(made, kind="family")
    assert edge(alice, cast["Ana Lima"], cast["Bo Chen"])[0] == pytest.approx(0.9)


def test_a_new_process_starts_from_the_copy_on_disk(alice, cast):
    tie(alice, cast["Ana Lima"], cast["Bo Chen"])
    first = _edges(cache.network(alice))
    cache.forget()
    again = cache.network(alice)
    assert cache.last_refresh[alice.pk] == {**cache.last_refresh[alice.pk], "kind": "refresh", "re_read": []}
    assert _edges(again) == first


def test_a_copy_on_disk_from_another_database_is_not_trusted(alice, cast, settings):
    tie(alice, cast["Ana Lima"], cast["Bo Chen"])
    cache.network(alice)
    cache.forget()
    alice.date_joined = alice.date_joined - timedelta(days=1)  # as another database's user with the same id
    cache.network(alice)
    assert cache.last_refresh[alice.pk]["kind"] == "build"


def test_the_demo_network_builds_with_every_kind_of_evidence(alice):
    from netweave.demo.generator import build_demo

    build_demo(alice, people=150, seed=3)
    net = cache.network(alice)
    assert net.n == 151
    kinds = np.bitwise_or.reduce(net.kinds)
    for bit in (graph.ME, graph.TIE, graph.MEETINGS, graph.AFFILIATION, graph.INTRODUCER):
        assert kinds & bit, graph.KIND_NAMES[bit]
    assert ((net.weight > 0) & (net.weight <= 1)).all()
