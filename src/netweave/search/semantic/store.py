"""Vectors per document: filled by `netweave search reindex --semantic`, read back as one matrix per owner."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import numpy as np
from django.db import transaction

from netweave.search import sources
from netweave.search.models import Embedding
from netweave.search.semantic.embedders import Embedder

BATCH = 256
TEXT_CHARS = 2000  # the model reads 256 word pieces; more text only costs time

# Interactions are left out unless asked for: a million of them take hours to embed on a laptop's CPU,
# and their words are found well by the full-text index.
DEFAULT_KINDS = ("person", "organisation", "tag", "ask", "offer")


def text_of(doc: sources.Doc) -> str:
    return " ".join(p for p in (doc.title_text, doc.subtitle, doc.keys, doc.body) if p)[:TEXT_CHARS]


def reindex(owner, embedder: Embedder, *, kinds=None, progress: Callable[[str, int], None] | None = None) -> dict:
    """Embed the owner's documents whose text changed since the last run, and drop vectors of deleted
    ones. Returns counts: embedded, unchanged, removed."""
    counts = {"embedded": 0, "unchanged": 0, "removed": 0}
    for source in [s for s in sources.all_sources() if s.kind in (kinds or DEFAULT_KINDS)]:
        model = source.get_model()
        ids = list(model.objects.filter(owner=owner).order_by("id").values_list("id", flat=True))
        known = dict(Embedding.objects.filter(owner=owner, kind=source.kind, model=embedder.name)
                     .values_list("object_id", "digest"))
        gone = set(known) - set(ids)
        if gone:
            counts["removed"] += Embedding.objects.filter(owner=owner, kind=source.kind, model=embedder.name,
                                                          object_id__in=gone).delete()[0]
        done = 0
        for start in range(0, len(ids), BATCH):
            docs = sources.load(source, owner, ids[start:start + BATCH])
            texts = {i: text_of(d) for i, d in docs.items()}
            digests = {i: hashlib.md5(t.encode()).hexdigest() for i, t in texts.items()}
            todo = [i for i in texts if known.get(i) != digests[i]]
            counts["unchanged"] += len(texts) - len(todo)
            if not todo:
                continue
            vectors = embedder.embed([texts[i] for i in todo])
            with transaction.atomic():
                Embedding.objects.filter(owner=owner, kind=source.kind, model=embedder.name,
                                         object_id__in=todo).delete()
                Embedding.objects.bulk_create([
                    Embedding(owner=owner, kind=source.kind, object_id=i, model=embedder.name, digest=digests[i],
                              vector=vectors[n].astype(np.float32).tobytes())
                    for n, i in enumerate(todo)
                ])
            done += len(todo)
            counts["embedded"] += len(todo)
        if progress:
            progress(source.kind, done)
    return counts


_CACHE: dict[tuple, tuple] = {}


def matrix(owner, embedder: Embedder, kinds: list[str]) -> tuple[list[tuple[str, int]], np.ndarray]:
    """The owner's vectors of `kinds` as rows of one matrix, with the (kind, object id) of each row.

    Kept in memory between queries while the owner's vectors are the same: a reindex replaces changed rows
    with new ones, so their count and highest id tell whether anything changed."""
    from django.db.models import Count, Max

    mine = Embedding.objects.filter(owner=owner, model=embedder.name, kind__in=kinds)
    stamp = tuple(mine.aggregate(n=Count("id"), top=Max("id")).values())
    key = (owner.pk, embedder.name, tuple(sorted(kinds)))
    cached = _CACHE.get(key)
    if cached and cached[0] == stamp:
        return cached[1], cached[2]
    keys, rows = [], []
    for kind, object_id, vector in mine.values_list("kind", "object_id", "vector"):
        keys.append((kind, object_id))
        rows.append(np.frombuffer(bytes(vector), dtype=np.float32))
    vectors = np.vstack(rows) if rows else np.zeros((0, embedder.dimensions), dtype=np.float32)
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[key] = (stamp, keys, vectors)
    return keys, vectors
