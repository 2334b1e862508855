"""The tables search keeps besides its database-managed indexes: meaning vectors for semantic search.

The full-text indexes themselves are not models: they are FTS5 tables (SQLite) or tsvector side tables
(PostgreSQL) created by migrations and kept by triggers (see backends/).
"""

from __future__ import annotations

from django.db import models

from netweave.core.models import Owned


class Embedding(Owned):
    """The meaning of one searchable thing as a vector (float32 bytes), for `search(..., semantic=True)`.

    Filled by `netweave search reindex --semantic`; `digest` is a hash of the text embedded, so a
    reindex only embeds what changed since. A vector whose thing was deleted is ignored and dropped.
    """

    kind = models.CharField(max_length=30)
    object_id = models.BigIntegerField()
    model = models.CharField(max_length=100, help_text="The embedder that made the vector.")
    digest = models.CharField(max_length=32)
    vector = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id", "model"], name="embedding_unique")]
        indexes = [models.Index(fields=["owner", "model", "kind"], name="embedding_owner")]
