"""The one place where behaviour is configured: environment variables with the ``QA_`` prefix.

Every field documents itself; ``qa settings`` prints them (secrets masked). CLI flags and ``ask()`` keyword
arguments override a field by building a copy with ``settings.model_copy(update=...)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

AnswerMode = Literal["extractive", "llm"]
EmbeddingProvider = Literal["minilm-onnx", "minilm-torch", "openai", "hash"]


class Settings(BaseSettings):
    """All of qa's knobs. Read from ``QA_*`` environment variables (and ``OPENAI_*`` for the OpenAI client)."""

    model_config = SettingsConfigDict(env_prefix="QA_", extra="ignore", validate_assignment=True, populate_by_name=True)

    # --- where things live -------------------------------------------------------------------------------
    corpus_dir: Path = Field(Path("seeds"), description="Folder of articles (.txt, .md) to index and cite.")
    index_dir: Path = Field(Path("index"), description="Folder of the persisted Chroma index (embedded mode).")
    chroma_url: str | None = Field(
        None, description="http://host:port of a Chroma server; when set, qa uses it instead of index_dir."
    )
    collection: str = Field("qa_chunks", min_length=3, description="Chroma collection name for the chunks.")

    # --- chunking ----------------------------------------------------------------------------------------
    chunk_size: int = Field(256, ge=32, le=2048, description="Chunk size in tiktoken (cl100k) tokens.")
    chunk_overlap: int = Field(32, ge=0, le=512, description="Token overlap between neighbouring chunks.")
    max_file_mb: float = Field(20.0, gt=0, description="Files larger than this many MB are skipped with a warning.")

    # --- embedding ---------------------------------------------------------------------------------------
    embedding: EmbeddingProvider = Field(
        "minilm-onnx",
        description=(
            "Embedding provider: 'minilm-onnx' (bundled int8 ONNX all-MiniLM-L6-v2, offline default), "
            "'minilm-torch' (the same model in PyTorch), 'openai' (openai_embedding_model), "
            "'hash' (model-free hashed bag of words; for tests and huge corpora)."
        ),
    )
    embed_batch_size: int = Field(64, ge=1, le=2048, description="Texts per embedding call while indexing.")
    openai_embedding_model: str = Field("text-embedding-3-small", description="Model for embedding='openai'.")

    # --- retrieval ---------------------------------------------------------------------------------------
    top_k: int = Field(6, ge=1, le=50, description="Passages retrieved (after fusion) for each question.")
    candidate_k: int = Field(20, ge=1, le=200, description="Candidates each retriever (vector, BM25) returns.")
    closest_sentences: int = Field(
        5,
        ge=0,
        le=100,
        description="Sentences of the next top_k candidate passages (after the top_k kept) taken as evidence for "
        "being closest to the question, each with its neighbours; 0 keeps the top_k passages only.",
    )
    fusion: Literal["relative", "rrf"] = Field(
        "relative",
        description="How vector and BM25 results are fused: 'relative' (min-max normalised scores, weighted) "
        "or 'rrf' (reciprocal rank fusion).",
    )
    bm25_weight: float = Field(0.6, ge=0.0, le=1.0, description="Weight of BM25 against vector search in fusion.")
    max_citations: int = Field(4, ge=1, le=20, description="At most this many cited sentences in one answer.")

    # --- answering ---------------------------------------------------------------------------------------
    answer_mode: AnswerMode = Field("extractive", description="'extractive' (no LLM) or 'llm' (OpenAI protocol).")
    max_question_chars: int = Field(2000, ge=10, description="Longer questions are refused with a clear error.")
    llm_model: str = Field("gpt-4o-mini", description="Model name sent to the OpenAI-compatible server.")
    openai_api_key: SecretStr | None = Field(
        None, validation_alias="OPENAI_API_KEY", description="API key for OpenAI (env OPENAI_API_KEY)."
    )
    openai_base_url: str | None = Field(
        None,
        validation_alias="OPENAI_BASE_URL",
        description="Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (env OPENAI_BASE_URL).",
    )
    llm_timeout: float = Field(60.0, gt=0, description="Seconds to wait for one LLM request.")
    llm_max_retries: int = Field(2, ge=0, le=10, description="Retries (with backoff) on 429/5xx/timeouts.")
    llm_max_tokens: int = Field(512, ge=16, le=8192, description="Most tokens the LLM may write for one answer.")
    context_tokens: int = Field(1500, ge=100, description="Token budget for passages packed into an LLM prompt.")

    # --- chat --------------------------------------------------------------------------------------------
    host: str = Field("127.0.0.1", description="Address the chat app binds to.")
    port: int = Field(7860, ge=0, le=65535, description="Port of the chat app (0 = any free port).")
    auth: SecretStr | None = Field(None, description="'user:pass' to protect the chat with basic auth.")

    @property
    def llm_configured(self) -> bool:
        """True when an API key or a base URL for an OpenAI-compatible server is set."""
        return self.openai_api_key is not None or bool(self.openai_base_url)


def mask_url(url: str) -> str:
    """``url`` with the password of any ``user:password@`` part replaced by ``****`` (for output and errors)."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
    except ValueError:
        return "****"
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:****@{host}"))


def get_settings(**overrides: object) -> Settings:
    """Settings from the environment, with non-None keyword overrides (validated) applied on top."""
    return Settings.model_validate({k: v for k, v in overrides.items() if v is not None})
