"""The network page and its two JSON views (the drawing, a warm path), and the server-side layout they use."""

from __future__ import annotations

import numpy as np
import pytest
from django.test import Client

from netweave.ripple import views_graph
from netweave.ripple.tests.support import set_strength, tie



def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def cast(alice, make_person):
    """Ana (inner, Acme, climate) is close to me and friends with Bo (close, Acme), who is family of Cy (wide),
    whom I barely know; Dee (wide) knows nobody I know."""
    ana = make_person("Ana Lima", circle="inner", organisation="Acme", tags=["climate"])
    bo = make_person("Bo Chen", circle="close", organisation="Acme")
    cy = make_person("Cy Diaz", circle="wide", organisation="Tidewater", tags=["climate"])
    dee = make_person("Dee Park", circle="wide")
    set_strength(ana, 90)
    set_strength(bo, 60)
    set_strength(cy, 5)
    set_strength(dee, 20)
    tie(alice, ana, bo, "friend")
    tie(alice, bo, cy, "family")
    return {"ana": ana, "bo": bo, "cy": cy, "dee": dee}


def names(body) -> set[str]:
    return {n["name"] for n in body["nodes"]}


# ---- who may see what ------------------------------------------------------------------------------------------

def test_charlie_gets_his_own_empty_network_and_none_of_alices_people(charlie, cast):
    response = client_for(charlie).get("/network/graph.json")
    body = response.json()
    assert response.status_code == 200
    assert body["nodes"] == [] and body["edges"] == [] and body["matching"] == 0
    assert "Ana Lima" not in response.content.decode()


def test_charlie_gets_404_for_a_path_to_alices_person(charlie, cast):
    assert client_for(charlie).get(f"/network/path.json?person={cast['cy'].pk}").status_code == 404


def test_charlie_naming_alices_person_is_told_nobody_is_called_that(charlie, cast):
    response = client_for(charlie).get("/network/path.json", {"to": "Cy Diaz"})
    assert response.status_code == 422
    assert response.json()["candidates"] == []
    response = client_for(charlie).get("/network/path.json", {"to": f"Cy Diaz #{cast['cy'].pk}"})
    assert response.status_code == 422 and response.json()["candidates"] == []


def test_charlies_page_does_not_offer_alices_tags_or_organisations(charlie, cast):
    page = client_for(charlie).get("/network/").content.decode()
    assert "climate" not in page and "Acme" not in page


@pytest.mark.parametrize("url", ["/network/", "/network/graph.json", "/network/path.json?to=Ana"])
def test_logged_out_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]


# ---- the page ------------------------------------------------------------------------------------------------

def test_the_page_loads_the_vendored_library_and_offers_the_filters(alice, cast):
    page = client_for(alice).get("/network/").content.decode()
    assert "/static/vendor/cytoscape/cytoscape.min.js" in page and "/static/netweave/graph.js" in page
    assert "http://" not in page.split("<main>")[1] and "https://" not in page.split("<main>")[1]  # no CDN
    assert 'data-graph-url="/network/graph.json"' in page and 'data-person-url="/people/0/"' in page
    assert '<option value="climate">' in page and '<option value="Acme">' in page
    assert ">inner (1)</option>" in page


def test_the_page_keeps_the_filters_it_was_given(alice, cast):
    page = client_for(alice).get("/network/?circle=wide&tag=climate&organisation=Tidewater&edges=2000").content
    page = page.decode()
    assert '<option value="wide" selected>' in page
    assert 'name="tag" type="search" list="graph-tags" value="climate"' in page
    assert 'value="Tidewater"' in page and '<option value="2000" selected>' in page


def test_the_vendored_library_is_there_with_its_licence_and_version():
    from pathlib import Path

    folder = Path(views_graph.__file__).resolve().parent.parent / "web" / "static" / "vendor" / "cytoscape"
    version = (folder / "VERSION").read_text().strip()
    assert (folder / "cytoscape.min.js").read_text().startswith("/**\n * Copyright (c) 2016-")
    assert "Permission is hereby granted, free of charge" in (folder / "LICENSE").read_text()
    assert f"cytoscape-{version}.tgz" in (folder / "README.md").read_text()


# ---- the drawing ---------------------------------------------------------------------------------------------

def test_the_drawing_has_my_people_with_positions_and_the_ties_among_them(alice, cast):
    body = client_for(alice).get("/network/graph.json").json()
    ana, bo, cy = cast["ana"].pk, cast["bo"].pk, cast["cy"].pk
    assert body["me"]["id"] == 0
    assert [n["name"] for n in body["nodes"]] == ["Ana Lima", "Bo Chen", "Dee Park", "Cy Diaz"]  # closest first
    first = body["nodes"][0]
    assert (first["org"], first["circle"], first["tags"], first["strength"]) == ("Acme", "inner", ["climate"], 90)
    assert first["tie"] == pytest.approx(0.9)
    assert {(min(s, t), max(s, t)) for s, t, _ in body["edges"]} == {(min(ana, bo), max(ana, bo)),
                                                                    (min(bo, cy), max(bo, cy))}
    assert all(0 < w <= 1 for _, _, w in body["edges"])
    by_name = {n["name"]: n for n in body["nodes"]}
    assert by_name["Dee Park"]["group"] == -1  # tied only to me
    assert len({by_name[n]["group"] for n in ("Ana Lima", "Bo Chen", "Cy Diaz")}) == 1


def test_the_drawing_filters_by_circle_tag_and_organisation_on_the_server(alice, cast):
    client = client_for(alice)
    assert names(client.get("/network/graph.json?circle=wide").json()) == {"Cy Diaz", "Dee Park"}
    assert names(client.get("/network/graph.json?tag=climate").json()) == {"Ana Lima", "Cy Diaz"}
    assert names(client.get("/network/graph.json?organisation=acme").json()) == {"Ana Lima", "Bo Chen"}
    both = client.get("/network/graph.json?tag=climate&organisation=Acme").json()
    assert names(both) == {"Ana Lima"} and both["edges"] == []


def test_a_filter_nobody_matches_draws_only_me(alice, cast):
    body = client_for(alice).get("/network/graph.json?circle=nonexistent").json()
    assert body["nodes"] == [] and body["matching"] == 0 and body["me"]["id"] == 0


def test_the_ties_drawn_are_capped_at_the_chosen_number_strongest_first(alice, cast, monkeypatch):
    monkeypatch.setattr(views_graph, "EDGE_CHOICES", (1, 10000))
    every = client_for(alice).get("/network/graph.json?edges=10000").json()["edges"]
    body = client_for(alice).get("/network/graph.json?edges=1").json()
    assert len(every) == 2 and every[0][2] != every[1][2]
    assert body["edges"] == [max(every, key=lambda e: e[2])] and body["truncated"] is True


def test_a_number_of_ties_not_offered_falls_back_to_the_default(alice, cast):
    body = client_for(alice).get("/network/graph.json?edges=7").json()
    assert len(body["edges"]) == 2


# ---- a warm path ---------------------------------------------------------------------------------------------

def test_the_best_path_to_someone_two_hops_away_goes_through_the_people_between(alice, cast):
    body = client_for(alice).get("/network/path.json", {"to": "Cy Diaz"}).json()
    ana, bo, cy = cast["ana"].pk, cast["bo"].pk, cast["cy"].pk
    # me–Bo 0.6 × Bo–Cy family 0.9 × one hop's penalty 0.7 = 0.378 beats going round by Ana (0.9 × 0.8 × 0.9
    # × 0.7², about 0.32) and my own faint tie to Cy (0.05)
    assert body["paths"][0]["nodes"] == [0, bo, cy]
    assert sorted(p["nodes"] for p in body["paths"][1:]) == [[0, ana, bo, cy], [0, cy]]
    assert body["paths"][0]["score"] == pytest.approx(0.6 * 0.9 * 0.7, abs=1e-3)
    assert [h["name"] for h in body["paths"][0]["hops"]] == ["Bo Chen", "Cy Diaz"]
    assert body["names"][str(bo)] == "Bo Chen"
    assert body["target"] == {"kind": "person", "id": cy, "name": "Cy Diaz", "people": 1}
    assert body["reachable"] is True and body["message"].endswith("to Cy Diaz.")


def test_a_path_can_be_asked_for_by_id(alice, cast):
    body = client_for(alice).get(f"/network/path.json?person={cast['bo'].pk}").json()
    assert body["paths"][0]["nodes"][-1] == cast["bo"].pk


def test_a_name_that_fits_several_people_answers_with_the_candidates(alice, cast, make_person):
    make_person("Ana Lima", organisation="Tidewater")
    response = client_for(alice).get("/network/path.json", {"to": "Ana Lima"})
    assert response.status_code == 422
    body = response.json()
    assert sorted(c["org"] for c in body["candidates"]) == ["Acme", "Tidewater"]
    assert body["errors"]["to"].startswith("Who is 'Ana Lima'?")


def test_a_person_id_that_is_not_a_number_is_a_404(alice, cast):
    assert client_for(alice).get("/network/path.json?person=abc").status_code == 404


# ---- the layout ----------------------------------------------------------------------------------------------

def two_cliques(size: int = 6):
    """Two cliques of `size` joined by one weak edge, and two people tied only to me."""
    pairs = [(a, b) for base in (0, size) for a in range(base, base + size) for b in range(a + 1, base + size)]
    src, dst = np.array([p[0] for p in pairs] + [0]), np.array([p[1] for p in pairs] + [size])
    weight = np.r_[np.full(len(pairs), 0.8), 0.05]
    return 2 * size + 2, src, dst, weight


def test_label_propagation_finds_two_cliques_joined_by_a_weak_tie():
    n, src, dst, weight = two_cliques()
    labels = views_graph.communities(n, src, dst, weight)
    assert len(set(labels[:6])) == 1 and len(set(labels[6:12])) == 1 and labels[0] != labels[6]
    assert labels[12] == 12 and labels[13] == 13  # no ties: their own label


def test_the_layout_keeps_groups_together_and_people_tied_only_to_me_outside():
    n, src, dst, weight = two_cliques()
    mine = np.r_[np.full(12, 0.5), 0.9, 0.2]
    x, y, group = views_graph.layout(n, src, dst, weight, mine)
    points = np.c_[x, y]
    dist = np.linalg.norm(points[:, None] - points[None], axis=2)
    within = max(dist[:6, :6].max(), dist[6:12, 6:12].max())
    assert within < dist[:6, 6:12].min()  # every pair inside a group is closer than any pair across
    assert sorted(set(group[:12].tolist())) == [0, 1] and group[12] == group[13] == -1
    from_me = np.hypot(x, y)
    assert from_me[12:].min() > from_me[:12].max()  # the halo is outside the groups
    assert from_me[12] < from_me[13]  # the stronger tie to me sits nearer
    assert len({(round(a, 3), round(b, 3)) for a, b in points}) == n  # nobody on top of anyone


def test_the_layout_is_the_same_every_time():
    n, src, dst, weight = two_cliques()
    first = views_graph.layout(n, src, dst, weight, np.zeros(n))
    again = views_graph.layout(n, src, dst, weight, np.zeros(n))
    assert all(np.array_equal(a, b) for a, b in zip(first, again))


def test_the_layout_of_five_thousand_people_places_everyone_apart():
    rng = np.random.default_rng(3)
    n, m = 5000, 40000
    src, dst = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = src != dst
    x, y, group = views_graph.layout(n, src[keep], dst[keep], rng.random(keep.sum()), rng.random(n))
    assert np.isfinite(x).all() and np.isfinite(y).all()
    assert len(np.unique(np.round(np.c_[x, y], 2), axis=0)) == n
    assert np.hypot(x, y).min() > views_graph.GAP / 2  # I sit alone at the centre
