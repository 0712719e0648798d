"""QA_EMBEDDING=openai: the exact requests sent to /v1/embeddings, and the index refuses to mix models."""

from __future__ import annotations

import hashlib
import json

import httpx
import pytest
from pytest_httpx import HTTPXMock

from qa import ask
from qa.errors import EmbeddingMismatchError
from qa.indexer import build_index
from qa.settings import Settings

URL = "http://127.0.0.1:9/v1/embeddings"
DIM = 16


def _vector(text: str) -> list[float]:
    digest = hashlib.sha256(text.encode()).digest()
    return [b / 255 for b in digest[:DIM]]


def _embeddings(request: httpx.Request) -> httpx.Response:
    payload = json.loads(request.content)
    data = [{"object": "embedding", "index": i, "embedding": _vector(t)} for i, t in enumerate(payload["input"])]
    return httpx.Response(200, json={"object": "list", "data": data, "model": payload["model"], "usage": {}})


def test_openai_embedding_requests_and_model_guard(httpx_mock: HTTPXMock, hash_settings: Settings) -> None:
    httpx_mock.add_callback(_embeddings, url=URL, is_reusable=True)
    settings = hash_settings.model_copy(
        update={"embedding": "openai", "openai_base_url": "http://127.0.0.1:9/v1", "embed_batch_size": 50}
    )
    report = build_index(settings)
    assert report.total_files == 5 and report.chunks_embedded > 0

    requests = httpx_mock.get_requests()
    first = json.loads(requests[0].content)
    assert first["model"] == "text-embedding-3-small"
    assert 0 < len(first["input"]) <= 50  # batched as configured
    assert all(r.url == URL and r.method == "POST" for r in requests)

    answer = ask("How many points does the US peace plan have?", settings=settings)  # the query is embedded too
    assert json.loads(httpx_mock.get_requests()[-1].content)["input"] == [
        "How many points does the US peace plan have?"
    ]
    assert answer.passages  # retrieval ran on the OpenAI vectors

    with pytest.raises(EmbeddingMismatchError, match="openai:text-embedding-3-small"):
        ask("Who is Javed Ali?", settings=settings.model_copy(update={"embedding": "hash"}))
