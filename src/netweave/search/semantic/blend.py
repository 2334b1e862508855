"""Blending meaning with words: a hit's final rank mixes its full-text score with its cosine similarity to
the query, and things that share no word with the query but mean the same join the list."""

from __future__ import annotations

import numpy as np

from netweave.search import highlight, sources
from netweave.search.semantic import store
from netweave.search.semantic.embedders import Embedder, default_embedder

TEXT_SHARE = 0.6       # the words still matter most: a name typed exactly must come first
MEANING_SHARE = 0.4
MIN_SIMILARITY = 0.35  # below this, "related in meaning" is noise for MiniLM


def blend(owner, text: str, hits: list, chosen: list[sources.Source], *, want: int,
          embedder: Embedder | None = None) -> list:
    from netweave.search.queries import Hit

    embedder = embedder or default_embedder()
    keys, vectors = store.matrix(owner, embedder, [s.kind for s in chosen])
    if not keys or not text.strip():
        return hits
    query = embedder.embed([text])[0]
    similarity = vectors @ query
    by_key = {k: float(s) for k, s in zip(keys, similarity)}
    top = max((h.rank for h in hits), default=1.0) or 1.0
    for hit in hits:
        hit.rank = TEXT_SHARE * hit.rank / top + MEANING_SHARE * max(0.0, by_key.get((hit.kind, hit.object_id), 0.0))
    present = {(h.kind, h.object_id) for h in hits}
    order = np.argsort(-similarity)[:want * 2]
    extra: dict[str, list[int]] = {}
    for row in order:
        kind, object_id = keys[row]
        if similarity[row] >= MIN_SIMILARITY and (kind, object_id) not in present:
            extra.setdefault(kind, []).append(object_id)
    registry = {s.kind: s for s in chosen}
    for kind, ids in extra.items():
        docs = sources.load(registry[kind], owner, ids)  # the owner's only: a stale vector finds nothing
        for object_id, doc in docs.items():
            hits.append(Hit(kind=kind, object_id=object_id, title=doc.title, subtitle=doc.subtitle, url=doc.url,
                            snippet_html=highlight.best_snippet(doc, [], highlight.field_hits(doc, [])),
                            rank=MEANING_SHARE * by_key[(kind, object_id)], person_ids=doc.person_ids,
                            when=doc.when))
    hits.sort(key=lambda h: (-h.rank, h.kind, -h.object_id))
    return hits
