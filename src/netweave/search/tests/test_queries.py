"""search, evidence and who_knows on a real database (SQLite, or PostgreSQL by NETWEAVE_DATABASE_URL)."""

import pytest
from django.db import connection

from netweave.core.errors import Invalid
from netweave.search import queries


def found(owner, text, **kw):
    return [(h.kind, h.title) for h in queries.search(owner, text, **kw).hits]


def test_accents_are_folded_both_ways(network, alice):
    assert ("person", "Zoë Martin") in found(alice, "zoe")
    assert ("person", "Zoë Martin") in found(alice, "ZOË")
    assert ("person", "Łukasz Nowak") in found(alice, "lukasz")
    assert ("person", "Łukasz Nowak") in found(alice, "Łukasz")
    assert ("person", "Łukasz Nowak") in found(alice, "Łódź")  # in how we met: notes keep ł on SQLite
    assert ("person", "Łukasz Nowak") in found(alice, "pycon lodz" if connection.vendor == "postgresql"
                                               else "pycon łodz")


def test_chinese_and_japanese_are_found_from_their_first_characters(network, alice):
    assert found(alice, "李")[0] == ("person", "李小龙")
    hits = found(alice, "東京")
    assert ("organisation", "東京大学") in hits and ("person", "李小龙") in hits
    assert found(alice, "東京大学")[0] == ("organisation", "東京大学")


def test_a_name_match_outranks_a_mention_in_notes(network, alice):
    hits = found(alice, "rust")
    assert hits.index(("person", "Ana Rust")) < hits.index(("interaction", "Lunch with Łukasz"))
    assert hits.index(("person", "Ana Rust")) < hits.index(("person", "Zoë Martin"))


def test_every_word_must_match(network, alice):
    assert found(alice, "rust tidewater", kinds=["person"]) == [("person", "Bo Chen"), ("person", "Zoë Martin")]
    assert found(alice, "rust oakleaf", kinds=["person"]) == [("person", "Ana Rust")]


def test_words_are_found_by_their_start(network, alice):
    assert ("person", "Bo Chen") in found(alice, "engin")
    assert found(alice, "ngineer") == []


def test_snippets_escape_stored_markup_and_mark_the_match(network, alice):
    hit = next(h for h in queries.search(alice, "embedded", kinds=["person"]).hits if h.title == "Zoë Martin")
    assert "<script>" not in hit.snippet_html
    assert "&lt;script&gt;" in hit.snippet_html
    assert "<mark>embedded</mark>" in hit.snippet_html


def test_a_hit_links_to_its_page_and_names_its_people(network, alice):
    hit = next(h for h in queries.search(alice, "rewrite").hits)
    assert hit.kind == "interaction" and hit.person_ids == [network["bo"].pk]
    assert hit.url == f"/interactions/{hit.object_id}/edit/"
    offer = queries.search(alice, "mentoring", kinds=["offer"]).hits[0]
    assert offer.person_ids == [network["lukasz"].pk] and offer.url == f"/people/{network['lukasz'].pk}/"


def test_kinds_filter_and_unknown_kinds_are_refused(network, alice):
    assert {k for k, _ in found(alice, "rust", kinds=["ask", "offer"])} == {"ask", "offer"}
    with pytest.raises(Invalid) as exc:
        queries.search(alice, "rust", kinds=["spaceship"])
    assert "kind" in exc.value.errors


def test_pages_follow_each_other_without_repeats(network, alice, make_person):
    for i in range(25):
        make_person(f"Pagina Person{i:02d}")
    first = queries.search(alice, "pagina", limit=10)
    second = queries.search(alice, "pagina", limit=10, offset=10)
    third = queries.search(alice, "pagina", limit=10, offset=20)
    ids = [h.object_id for r in (first, second, third) for h in r.hits]
    assert len(ids) == 25 == len(set(ids)) and first.total_estimate == 25


def test_archived_people_are_not_found(network, alice):
    from netweave.people.services import archive_person

    archive_person(network["rust"])
    assert ("person", "Ana Rust") not in found(alice, "rust")


def test_charlie_finds_nothing_of_alices(network, charlie, bob, make_person):
    assert queries.search(charlie, "rust").hits == []
    assert queries.evidence(charlie, "rust") == []
    assert queries.who_knows(charlie, "rust") == []
    make_person("Rusty Bob", owner=bob)
    assert found(bob, "rust") == [("person", "Rusty Bob")]


def test_evidence_gives_raw_hits_with_their_people(network, alice):
    hits = queries.evidence(alice, "rust", kinds=["interaction", "offer"])
    assert {h.kind for h in hits} == {"interaction", "offer"}
    assert all(h.person_ids for h in hits)


def test_who_knows_ranks_expertise_and_offers_above_a_single_conversation(network, alice):
    experts = queries.who_knows(alice, "rust")
    names = [e.display_name for e in experts]
    # Zoë: expertise tag; Łukasz: an offer and a conversation; Bo: job title and a conversation.
    assert names[:3] == ["Łukasz Nowak", "Zoë Martin", "Bo Chen"] or names[:3] == ["Zoë Martin", "Łukasz Nowak",
                                                                                   "Bo Chen"]
    assert "Ana Rust" not in names  # a surname and an ask say nothing about knowing Rust
    zoe = next(e for e in experts if e.display_name == "Zoë Martin")
    assert ("tag", "Rust") in [(h.kind, h.title) for h in zoe.evidence]


def test_who_knows_weighs_each_kind_of_evidence_as_documented(network, alice):
    scores = {e.display_name: e.score for e in queries.who_knows(alice, "rust")}
    w = queries.WEIGHTS
    assert scores["Zoë Martin"] == w["expertise"]  # her notes speak of embedded systems, not of Rust
    assert scores["Łukasz Nowak"] == pytest.approx(w["offer"] + w["interaction"])
    assert scores["Bo Chen"] == pytest.approx(w["job"] + w["interaction"])


@pytest.mark.parametrize("text", ["", "   ", "***", "😀", '"', "NEAR(", "\x00", "AND OR NOT", "x" * 10000,
                                  "' OR 1=1 --", "%", "_", "\\", "{title}: x", "a:b:c", "^", "-", "(", ")"])
def test_hostile_queries_never_raise(network, alice, text):
    results = queries.search(alice, text)
    assert results.total_estimate >= len(results.hits)
    queries.who_knows(alice, text)
