"""The search page, the API and `netweave search`: thin surfaces over search.queries, private to their owner."""

import json

import pytest
from django.test import Client
from typer.testing import CliRunner

from netweave.cli import app


@pytest.fixture
def web(alice):
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def web_charlie(charlie):
    client = Client()
    client.force_login(charlie)
    return client


def run(*args):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


# The web page

def test_charlie_sees_none_of_alices_results_on_the_page(network, web_charlie):
    page = web_charlie.get("/search/", {"q": "rust"})
    assert page.status_code == 200
    assert "Zoë" not in page.content.decode() and "Who knows" not in page.content.decode()


def test_the_page_lists_hits_with_escaped_highlighted_snippets_and_who_knows(network, web):
    html = web.get("/search/", {"q": "embedded"}).content.decode()
    assert "<mark>embedded</mark>" in html
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    html = web.get("/search/", {"q": "rust"}).content.decode()
    assert "Who knows about “rust”" in html and "Zoë Martin" in html and "Ana Rust" in html


def test_htmx_gets_only_the_results_and_a_kind_filter_narrows_them(network, web):
    part = web.get("/search/", {"q": "rust", "kind": "offer"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in part and "Rust mentoring" in part and "Ana Rust" not in part


def test_a_hostile_or_empty_query_and_an_unknown_kind_answer_calmly(network, web):
    for params in ({"q": 'NEAR("x" AND *'}, {"q": ""}, {"q": "x" * 5000}, {"q": "rust", "kind": "spaceship"},
                   {"q": "rust", "page": "999999999999999999999"}, {"q": "rust", "page": "-1"}):
        assert web.get("/search/", params).status_code == 200
    assert "is not a kind" in web.get("/search/", {"q": "rust", "kind": "spaceship"}).content.decode()


def test_every_page_has_the_search_box(network, web):
    html = web.get("/").content.decode()
    assert 'role="search"' in html and 'name="q"' in html and "Search everything" in html


def test_the_search_page_needs_a_login(db):
    assert Client().get("/search/", {"q": "rust"}).status_code == 302


# The API



def test_charlie_gets_no_results_from_the_api(network, as_charlie):
    assert as_charlie.get("search", {"q": "rust"}).json()["hits"] == []
    assert as_charlie.get("search/who-knows", {"q": "rust"}).json() == []


def test_the_api_searches_with_kinds_and_pages(network, as_alice):
    body = as_alice.get("search?q=rust&kind=person&kind=offer&limit=2").json()
    assert body["total_estimate"] == 4 and len(body["hits"]) == 2
    assert {h["kind"] for h in body["hits"]} <= {"person", "offer"}
    rest = as_alice.get("search?q=rust&kind=person&kind=offer&limit=2&offset=2").json()["hits"]
    seen = {(h["kind"], h["object_id"]) for h in body["hits"]}
    assert len(rest) == 2 and seen.isdisjoint((h["kind"], h["object_id"]) for h in rest)


def test_the_api_says_who_knows_with_evidence(network, as_alice):
    experts = as_alice.get("search/who-knows", {"q": "rust"}).json()
    zoe = next(e for e in experts if e["display_name"] == "Zoë Martin")
    assert zoe["evidence"][0]["kind"] == "tag" and zoe["score"] > 0


def test_the_api_refuses_an_unknown_kind_and_a_silly_limit(network, as_alice):
    assert as_alice.get("search", {"q": "rust", "kind": "spaceship"}).status_code == 422
    assert as_alice.get("search", {"q": "rust", "limit": 0}).status_code == 422
    assert as_alice.get("search", {"q": '"(NEAR*'}).status_code == 200


def test_the_api_needs_a_token(network):
    assert Client().get("/api/v1/search", {"q": "rust"}).status_code == 401


# The command line

def test_the_command_searches_everything_as_json(network):
    found = json.loads(run("search", "rust", "--json", "-u", "alice").stdout)
    assert {h["kind"] for h in found["hits"]} >= {"person", "tag", "interaction", "offer"}
    assert "Ana Rust" in [p["display_name"] for p in found["people"]]


def test_the_command_filters_by_kind_and_prints_a_table(network):
    result = run("search", "rust", "--kind", "offer", "-u", "alice")
    assert result.exit_code == 0 and "Rust mentoring" in result.stdout and "Ana Rust" not in result.stdout


def test_the_command_says_who_knows(network):
    experts = json.loads(run("search", "rust", "--who-knows", "--json", "-u", "alice").stdout)
    assert "Zoë Martin" in [e["display_name"] for e in experts]


def test_charlie_finds_nothing_from_the_command(network, charlie):
    assert json.loads(run("search", "rust", "--json", "-u", "charlie").stdout)["hits"] == []
    assert json.loads(run("search", "rust", "--who-knows", "--json", "-u", "charlie").stdout) == []


def test_the_command_takes_hostile_words_and_refuses_unknown_kinds(network):
    assert run("search", 'NEAR("x"', "AND", "*", "-u", "alice").exit_code == 0
    assert run("search", "rust", "--kind", "spaceship", "-u", "alice").exit_code == 1


def test_reindex_rebuilds_and_search_still_finds(network):
    result = run("search", "reindex", "-u", "alice")
    assert result.exit_code == 0 and "interaction" in result.stdout
    assert "Ana Rust" in run("search", "ana", "rust", "-u", "alice").stdout
