"""The ripple API: who may see what, and that each route reaches its service with what it was given."""

from __future__ import annotations

from datetime import date

import pytest

from netweave.people.models import Person
from netweave.people.services import add_affiliation, set_tags
from netweave.ripple.tests.support import make_introduction, set_strength, tie


@pytest.fixture
def world(alice, make_person):
    ana, dana, bo = make_person("Ana Lima"), make_person("Dana Whitfield"), make_person("Bo Chen")
    set_strength(ana, 90)
    made = tie(alice, ana, dana, "family", evidence="Sisters")
    Person.objects.filter(pk=bo.pk).update(introduced_by=ana)
    add_affiliation(dana, "Acme Robotics", start=date(2024, 1, 1))
    set_tags(dana, "tag", ["climate investor"])
    intro = make_introduction(alice, bo, dana)
    return {"ana": ana, "dana": dana, "bo": bo, "tie": made, "intro": intro}


def test_charlie_gets_404_for_every_one_of_alices_objects(as_charlie, world):
    for path in (f"paths?to={world['dana'].pk}", f"paths/{world['dana'].pk}/nodes",
                 f"lineage/people/{world['dana'].pk}", f"lineage/ties/{world['tie'].pk}",
                 f"lineage/introductions/{world['intro'].pk}", f"ripple/{world['ana'].pk}"):
        assert as_charlie.get(path).status_code == 404, path


def test_charlie_sees_an_empty_network_and_none_of_alices_names(as_charlie, world):
    network = as_charlie.get("network").json()
    assert network["nodes"] == [] and network["edges"] == [] and network["matching"] == 0
    for path in ("network/brokers", "network/communities", "network/bridges", "network/dormant-bridges",
                 "network/who-should-meet"):
        response = as_charlie.get(path)
        assert response.status_code == 200 and response.json()["items"] == [], path
    for path in ("paths?org=Acme Robotics", "paths?to=Dana Whitfield", "paths?tag=climate investor"):
        answer = as_charlie.get(path)
        assert answer.status_code == 422 and answer.json()["candidates"] == [], path
    assert as_charlie.get("network/status").json()["people"] == 0


def test_paths_to_a_person_explain_each_hop(as_alice, world):
    response = as_alice.get(f"paths?to={world['dana'].pk}&k=2")
    assert response.status_code == 200
    body = response.json()
    assert body["target"] == {"kind": "person", "id": world["dana"].pk, "name": "Dana Whitfield", "people": 1}
    best = body["paths"][0]
    assert best["nodes"] == [0, world["ana"].pk, world["dana"].pk]
    assert best["hops"][1]["why"] == "family: Sisters" and best["balance"]["words"] == "nothing exchanged yet"
    assert len(body["paths"]) == 2


def test_paths_to_an_organisation_or_a_tag_by_name(as_alice, world):
    org = as_alice.get("paths?org=acme robotics").json()
    assert org["target"]["kind"] == "organisation" and org["paths"][0]["nodes"][-1] == world["dana"].pk
    tag = as_alice.get("paths?tag=climate investor&k=1").json()
    assert tag["target"]["name"] == "climate investor" and len(tag["paths"]) == 1


def test_a_person_by_name_and_an_unknown_name_with_suggestions(as_alice, world):
    by_name = as_alice.get("paths?to=dana whitfield").json()
    assert by_name["target"]["id"] == world["dana"].pk
    unknown = as_alice.get("paths?to=Dana Whitfeld Smith")
    assert unknown.status_code == 422
    assert [c["display_name"] for c in unknown.json()["candidates"]] == ["Dana Whitfield"]


def test_paths_need_exactly_one_target_and_sane_options(as_alice, world):
    assert as_alice.get("paths").status_code == 422
    assert as_alice.get(f"paths?to={world['dana'].pk}&tag=climate").status_code == 422
    assert as_alice.get(f"paths?to={world['dana'].pk}&k=50").status_code == 422
    unknown = as_alice.get("paths?org=Acne Robotix")
    assert unknown.status_code == 422 and [c["display_name"] for c in unknown.json()["candidates"]] == ["Acme Robotics"]


def test_the_best_path_as_node_ids(as_alice, world):
    assert as_alice.get(f"paths/{world['dana'].pk}/nodes").json() == {
        "nodes": [0, world["ana"].pk, world["dana"].pk]}


def test_lineage_of_a_person_a_tie_and_an_introduction(as_alice, world):
    person = as_alice.get(f"lineage/people/{world['bo'].pk}").json()
    assert person["steps"][1]["text"] == "Ana Lima introduced you to Bo Chen"
    made_tie = as_alice.get(f"lineage/ties/{world['intro'].tie_id}").json()
    assert [s["kind"] for s in made_tie["steps"]][:2] == ["tie", "introduction"]
    intro = as_alice.get(f"lineage/introductions/{world['intro'].pk}").json()
    assert intro["root"] == "your own idea: no ask behind it"


def test_the_ripple_of_a_person(as_alice, world):
    body = as_alice.get(f"ripple/{world['ana'].pk}?depth=3").json()
    (child,) = body["root"]["children"]
    assert child["how"] == "Ana Lima introduced you to Bo Chen"
    assert child["children"][0]["kind"] == "introduction"
    assert (body["people"], body["introductions"]) == (1, 1)
    assert as_alice.get(f"ripple/{world['ana'].pk}?depth=99").status_code == 422


def test_the_ego_network_with_filters(as_alice, world):
    body = as_alice.get("network").json()
    ids = {n["id"] for n in body["nodes"]}
    assert ids == {world[k].pk for k in ("ana", "dana", "bo")} and body["me"]["id"] == 0
    dana = next(n for n in body["nodes"] if n["id"] == world["dana"].pk)
    assert dana["org"] == "Acme Robotics" and dana["tags"] == ["climate investor"]
    assert {"source": 0, "target": world["ana"].pk, "weight": 0.9, "kinds": ["me"]} in body["edges"]
    tagged = as_alice.get("network?tag=climate investor").json()
    assert [n["id"] for n in tagged["nodes"]] == [world["dana"].pk] and tagged["matching"] == 1
    assert as_alice.get("network?limit=0").status_code == 422


def test_the_insight_routes_answer_for_alice(as_alice, world):
    brokers = as_alice.get("network/brokers?by=constraint&limit=5").json()
    assert brokers["by"] == "constraint" and brokers["scope"]["people"] == 3
    assert as_alice.get("network/who-should-meet?predictor=adamic_adar").json()["predictor"] == "adamic_adar"
    assert as_alice.get("network/who-should-meet?predictor=astrology").status_code == 422
    assert as_alice.get("network/status").json()["people"] == 3
