"""Brokers, communities, bridges and suggested introductions on networks whose answers are known by hand."""

from __future__ import annotations

from datetime import timedelta

import networkx as nx
import pytest

from netweave.core import clock
from netweave.core.errors import Invalid
from netweave.people.models import Person
from netweave.ripple import insights
from netweave.ripple.tests.support import set_strength, tie


@pytest.fixture
def florentine(alice, make_person):
    """Padgett's Florentine families as people, their marriages as family ties (Pucci married nobody)."""
    families = nx.florentine_families_graph()
    people = {name: make_person(name) for name in sorted(families.nodes)}
    for a, b in families.edges:
        tie(alice, people[a], people[b], "family")
    return people


def names(items, key="display_name"):
    return [item[key] for item in items]


def test_the_medici_are_the_top_broker_of_florence(alice, florentine):
    found = insights.brokers(alice, limit=3)
    assert names(found["items"])[0] == "Medici"
    expected = nx.betweenness_centrality(nx.florentine_families_graph())
    assert found["items"][0]["betweenness"] == pytest.approx(expected["Medici"], abs=1e-5)
    assert found["scope"] == {"people": 15, "of": 15, "ties": 20, "min_weight": insights.MIN_WEIGHT}


def test_by_constraint_the_medici_are_the_least_closed_in(alice, florentine):
    assert names(insights.brokers(alice, limit=1, by="constraint")["items"]) == ["Medici"]
    with pytest.raises(Invalid):
        insights.brokers(alice, by="charm")


@pytest.fixture
def two_cliques(alice, make_person):
    """Two groups of five who all know each other, joined by one friendship: A4 – B0."""
    groups = {g: [make_person(f"{g}{i}") for i in range(5)] for g in "AB"}
    for people in groups.values():
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                tie(alice, a, b, "colleague")
    tie(alice, groups["A"][4], groups["B"][0], "friend")
    return groups


def test_two_groups_joined_by_one_tie_are_two_communities_and_one_bridge(alice, two_cliques):
    found = insights.communities(alice)
    assert found["count"] == 2 and sorted(c["size"] for c in found["items"]) == [5, 5]
    (bridge,) = insights.bridges(alice)["items"]
    assert {bridge["a"]["name"], bridge["b"]["name"]} == {"A4", "B0"} and bridge["common"] == 0
    assert set(names(insights.brokers(alice, limit=2)["items"])) == {"A4", "B0"}


def test_a_community_is_named_by_the_organisation_most_of_it_shares(alice, two_cliques):
    from netweave.people.services import add_affiliation

    for person in two_cliques["A"][:3]:
        add_affiliation(person, "Tidewater")
    labels = {c["label"] for c in insights.communities(alice)["items"]}
    assert "Tidewater" in labels


def test_a_bridge_i_lost_touch_with_is_worth_reviving(alice, two_cliques):
    a4, b0 = two_cliques["A"][4], two_cliques["B"][0]
    Person.objects.filter(pk=a4.pk).update(last_contact_at=clock.now() - timedelta(days=800))
    for person in [p for g in two_cliques.values() for p in g if p != a4]:
        set_strength(person, 50)
        Person.objects.filter(pk=person.pk).update(last_contact_at=clock.now() - timedelta(days=3))
    found = insights.dormant_bridges(alice)["items"]
    assert names(found) == ["A4"] and found[0]["groups"] == 2
    assert b0.pk not in [i["person_id"] for i in found]


def test_who_should_meet_suggests_friends_of_friends_not_yet_tied(alice, make_person):
    hub = [make_person(f"Hub {i}") for i in range(3)]
    ana, bo, cy = make_person("Ana Lima"), make_person("Bo Chen"), make_person("Cy Diaz")
    for person in hub:
        tie(alice, ana, person, "friend")
        tie(alice, bo, person, "friend")
    tie(alice, cy, hub[0], "friend")
    found = insights.who_should_meet(alice, limit=1)
    (best,) = found["items"]
    assert {best["a"]["name"], best["b"]["name"]} == {"Ana Lima", "Bo Chen"} and best["common"] == 3
    assert best["why"] == "both know Hub 1, Hub 2, Hub 0"  # the least connected (most telling) first
    assert found["predictor"] == "resource_allocation"


def test_who_should_meet_leaves_out_pairs_already_tied_or_being_introduced(alice, make_person):
    from netweave.givefirst.introductions import propose
    from netweave.ripple.tests.support import meet

    hub = [make_person(f"Hub {i}") for i in range(3)]
    ana, bo, cy, dee = (make_person(n) for n in ("Ana Lima", "Bo Chen", "Cy Diaz", "Dee Park"))
    for person in hub:
        for friend in (ana, bo, cy, dee):
            tie(alice, friend, person, "friend")
    meet(alice, [ana, bo], days_ago=2000)  # an old, weak tie: below what the analysis counts, but a tie
    propose(alice, cy, dee, reason="Both climb")
    pairs = [{i["a"]["name"], i["b"]["name"]} for i in insights.who_should_meet(alice, limit=10)["items"]]
    assert {"Ana Lima", "Bo Chen"} not in pairs and {"Cy Diaz", "Dee Park"} not in pairs
    assert {"Ana Lima", "Cy Diaz"} in pairs


def test_only_the_most_connected_are_analysed_past_the_size(alice, florentine):
    found = insights.brokers(alice, size=10)
    assert found["scope"]["people"] <= 10 and found["scope"]["of"] == 15
    with pytest.raises(Invalid):
        insights.brokers(alice, size=5)


def test_a_network_without_ties_between_my_people_has_no_insights(alice, make_person):
    make_person("Ana Lima")
    assert insights.brokers(alice)["items"] == [] and insights.communities(alice)["items"] == []
    assert insights.who_should_meet(alice)["items"] == []


def test_who_should_meet_defaults_to_the_labs_measured_predictor():
    import inspect

    from netweave.ripple import insights
    from netweave.ripple.lab import analytics

    default = inspect.signature(insights.who_should_meet).parameters["predictor"].default
    assert default == analytics.DEFAULT_PREDICTOR
