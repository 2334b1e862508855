"""Warm paths on hand-built networks whose right answers are plain, and on the demo network."""

from __future__ import annotations

from datetime import date

import pytest

from netweave.core.errors import Ambiguous, Invalid
from netweave.people.queries import resolve_person
from netweave.people.services import add_affiliation, end_affiliation, set_tags
from netweave.ripple import paths, services
from netweave.ripple.tests.support import set_strength, tie


@pytest.fixture
def dana_via_ana(alice, make_person):
    """Ana is close to me and family of Dana, whom I barely know."""
    ana, dana = make_person("Ana Lima"), make_person("Dana Whitfield")
    set_strength(ana, 90, "12 meetings in the past year; last meeting 14 days ago")
    set_strength(dana, 5)
    tie(alice, ana, dana, "family", evidence="Sisters")
    return ana, dana


def test_a_strong_two_hop_path_beats_a_weak_direct_tie(alice, dana_via_ana):
    ana, dana = dana_via_ana
    answer = services.warm_paths(alice, person=dana)
    best, direct = answer.paths
    assert best.nodes == [0, ana.pk, dana.pk]
    assert best.score == pytest.approx(0.9 * 0.9 * paths.HOP_PENALTY)
    assert direct.nodes == [0, dana.pk] and direct.score == pytest.approx(0.05)


def test_a_direct_tie_wins_when_the_hop_penalty_says_so(alice, dana_via_ana):
    ana, dana = dana_via_ana
    set_strength(dana, 60)
    answer = services.warm_paths(alice, person=dana)
    assert [p.nodes for p in answer.paths] == [[0, dana.pk], [0, ana.pk, dana.pk]]


def test_each_hop_explains_itself_and_the_first_shows_my_balance(alice, dana_via_ana):
    from netweave.givefirst.services import record_exchange

    ana, dana = dana_via_ana
    for _ in range(3):
        record_exchange(alice, kind="advice", giver=None, receiver=ana)
    best = services.warm_paths(alice, person=dana).paths[0]
    first, second = best.hops
    assert first.why == "strong (90): 12 meetings in the past year; last meeting 14 days ago"
    assert second.why == "family: Sisters" and second.evidence[0]["kind"] == "tie"
    assert best.balance == {"person_id": ana.pk, "gave": 3, "received": 0, "brokered": 0,
                            "words": "you gave 3, received 0"}
    assert best.text == f"Ana Lima: {first.why} → Dana Whitfield: family: Sisters"


def test_paths_go_through_different_people_where_they_can(alice, dana_via_ana, make_person):
    ana, dana = dana_via_ana
    bo, cy = make_person("Bo Chen"), make_person("Cy Diaz")
    set_strength(bo, 70)
    set_strength(cy, 80)
    tie(alice, bo, dana, "friend")
    tie(alice, cy, ana, "friend")  # Cy reaches Dana only through Ana, who is already on the best path
    found = services.warm_paths(alice, person=dana, k=3).paths
    assert [p.nodes[1] for p in found] == [ana.pk, bo.pk, dana.pk]


def test_someone_nobody_i_know_knows_is_reached_directly_and_said_so(alice, make_person):
    dana = make_person("Dana Whitfield")
    answer = services.warm_paths(alice, person=dana)
    assert [p.nodes for p in answer.paths] == [[0, dana.pk]]
    assert answer.message == "Nobody you know is tied to Dana Whitfield: write to them directly."
    assert answer.paths[0].hops[0].why == "no contact logged"


def test_an_unknown_name_suggests_similar_ones(alice, dana_via_ana):
    with pytest.raises(Ambiguous) as caught:
        resolve_person(alice, "Dana Whitfeld Smith")
    assert [c.display_name for c in caught.value.candidates] == ["Dana Whitfield"]


def test_paths_to_an_organisation_end_at_different_people_there(alice, dana_via_ana, make_person):
    ana, dana = dana_via_ana
    eve = make_person("Eve Stone")
    set_strength(eve, 40)
    add_affiliation(dana, "Acme", title="CTO", start=date(2024, 1, 1))
    add_affiliation(eve, "Acme", title="Engineer", start=date(2025, 1, 1))
    acme = paths.find_organisation(alice, "acme")
    answer = services.warm_paths(alice, organisation=acme, k=2)
    assert answer.reachable and answer.target["people"] == 2
    assert [p.nodes for p in answer.paths] == [[0, ana.pk, dana.pk], [0, eve.pk]]


def test_an_organisation_where_nobody_works_now_lists_who_used_to_nearest_first(alice, dana_via_ana, make_person):
    ana, dana = dana_via_ana
    old = make_person("Old Colleague")
    for person in (dana, old):
        role = add_affiliation(person, "Tidewater", start=date(2019, 1, 1))
        end_affiliation(role, date(2023, 5, 1))
    answer = services.warm_paths(alice, organisation=paths.find_organisation(alice, "Tidewater"))
    assert not answer.reachable and answer.paths == []
    assert answer.message == "None of your people work at Tidewater now. The nearest who used to:"
    assert [(n.display_name, n.via_name, n.why) for n in answer.nearest] == [
        ("Dana Whitfield", "Ana Lima", "was at Tidewater until 2023"), ("Old Colleague", None,
                                                                        "was at Tidewater until 2023")]


def test_an_unknown_organisation_or_tag_suggests_close_names(alice, dana_via_ana):
    add_affiliation(dana_via_ana[1], "Acme Robotics")
    with pytest.raises(Ambiguous) as caught:
        paths.find_organisation(alice, "Acne Robotix")
    assert [str(c) for c in caught.value.candidates] == ["Acme Robotics"]
    set_tags(dana_via_ana[1], "tag", ["climate investor"])
    assert paths.find_tag(alice, "climate").name == "climate investor"
    with pytest.raises(Ambiguous):
        paths.find_tag(alice, "zzz")


def test_paths_to_a_tag_reach_people_with_it(alice, dana_via_ana):
    ana, dana = dana_via_ana
    set_tags(dana, "tag", ["climate investor"])
    answer = services.warm_paths(alice, tag=paths.find_tag(alice, "Climate Investor"))
    assert answer.target == {"kind": "tag", "id": answer.target["id"], "name": "climate investor", "people": 1}
    assert answer.paths[0].nodes == [0, ana.pk, dana.pk]


def test_an_archived_person_is_out_of_reach(alice, dana_via_ana):
    from netweave.people.services import archive_person

    dana = archive_person(dana_via_ana[1])
    answer = services.warm_paths(alice, person=dana)
    assert not answer.reachable and "archived" in answer.message


def test_it_refuses_nonsense_options_and_more_than_one_target(alice, dana_via_ana):
    with pytest.raises(Invalid) as caught:
        services.warm_paths(alice, person=dana_via_ana[1], k=0, max_hops=9)
    assert set(caught.value.errors) == {"k", "max_hops"}
    with pytest.raises(Invalid):
        services.warm_paths(alice, person=dana_via_ana[1], tag=object())


def test_paths_on_the_demo_network_explain_every_hop(alice):
    from netweave.demo.generator import build_demo
    from netweave.people.models import Person

    build_demo(alice, people=200, seed=3)
    checked = 0
    for person in Person.objects.filter(owner=alice, archived=False).order_by("id")[:40]:
        answer = services.warm_paths(alice, person=person, k=3)
        scores = [p.score for p in answer.paths]
        assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
        for found in answer.paths:
            assert found.nodes[0] == 0 and found.nodes[-1] == person.pk
            assert all(hop.why for hop in found.hops) and found.balance["words"]
            assert len(set(found.nodes)) == len(found.nodes)
            checked += len(found.hops) > 1
    assert checked >= 20  # most people are reached through someone as well as directly
