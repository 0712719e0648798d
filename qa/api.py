"""The Python face of qa: ``ask()`` and ``index()``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from qa.errors import QuestionError, StoreUnavailableError
from qa.models import Answer
from qa.settings import Settings, get_settings, mask_url

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding
    from llama_index.core.llms import LLM

    from qa.indexer import IndexReport


_TERMINAL_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
# Markup pasted with a question ("<b>Witkoff</b>", "<script>alert(1)</script>") is not part of it: its words
# and numbers would be searched for and asked about. Scripts and styles go with their content.
_MARKUP = re.compile(
    r"(?is)<(script|style)\b[^>]*>.*?(?:</\1\s*>|$)"  # a script with its content, closed or not
    r"|<!--.*?(?:-->|$)"
    r"|</?[a-z][a-z0-9-]*(?:\s[^<>]*)?/?>"  # a tag; "3 < 5" is no tag
)


def clean_question(question: str, settings: Settings) -> str:
    """The question with control characters and runs of white space removed; errors for unusable ones."""
    if not isinstance(question, str):
        raise QuestionError("The question must be text.")
    text = _TERMINAL_ESCAPE.sub(" ", question)  # colour codes pasted from a terminal: "\x1b[31m"
    text = _MARKUP.sub(" ", text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = " ".join(text.split())
    if not text:
        raise QuestionError("The question is empty. Ask something about the articles.")
    if len(text) > settings.max_question_chars:
        raise QuestionError(
            f"The question is {len(text)} characters long; the limit is {settings.max_question_chars} "
            f"(QA_MAX_QUESTION_CHARS). Ask a shorter question."
        )
    if not any(ch.isalnum() for ch in text):
        raise QuestionError("The question has no words in it. Ask something about the articles.")
    return text


def _prepare(question: str, settings: Settings | None, mode: str | None, llm: LLM | None) -> tuple[Settings, str, str]:
    settings = settings or get_settings()
    chosen = mode or settings.answer_mode
    if chosen not in ("extractive", "llm"):
        raise QuestionError(f"Unknown answer mode '{chosen}': use 'extractive' or 'llm'.")
    if chosen == "llm" and llm is None and not settings.llm_configured:
        from qa.llm import make_llm

        make_llm(settings)  # raises the one-line LLMError that says what to set
    return settings, clean_question(question, settings), chosen


def _lost_connection(exc: BaseException) -> bool:
    import httpx

    return isinstance(exc, httpx.TransportError | ConnectionError)


@contextmanager
def store_errors(settings: Settings) -> Iterator[None]:
    """A Chroma server that goes away mid-question becomes a one-line ``StoreUnavailableError``.

    Nothing needs restarting afterwards: the next question reconnects once the server is back.
    """
    try:
        yield
    except Exception as exc:
        if not settings.chroma_url or not _lost_connection(exc):
            raise
        raise StoreUnavailableError(
            f"Lost the connection to the Chroma server at {mask_url(settings.chroma_url)} ({type(exc).__name__}). "
            "Is it running? Start it with: chroma run --path DIR --host HOST --port PORT; then ask again."
        ) from None


def _stamp(answer: Answer, question: str, searched: str) -> Answer:
    answer.question = question
    answer.searched_for = searched
    return answer


def ask(
    question: str,
    *,
    settings: Settings | None = None,
    mode: str | None = None,
    embed_model: BaseEmbedding | None = None,
    llm: LLM | None = None,
) -> Answer:
    """Answer ``question`` from the indexed articles, every claim cited with a verified quote.

    ``settings`` defaults to the environment (``QA_*``); ``mode`` ('extractive' or 'llm') overrides
    ``settings.answer_mode``; ``embed_model`` and ``llm`` inject models (tests, custom providers).
    """
    settings, text, chosen = _prepare(question, settings, mode, llm)
    from qa.engine import get_searcher

    with store_errors(settings):
        searcher = get_searcher(settings, embed_model)
        if chosen == "llm":
            from qa.generative import answer_llm

            return _stamp(answer_llm(searcher, text, settings, llm), question, text)
        return _stamp(searcher.answer(text), question, text)


def ask_stream(
    question: str,
    *,
    settings: Settings | None = None,
    mode: str | None = None,
    embed_model: BaseEmbedding | None = None,
    llm: LLM | None = None,
) -> Iterator[str | Answer]:
    """Like ``ask()``, but yields the answer text in pieces as it is written, then the complete ``Answer``.

    Extractive answers arrive word by word (markers never split); LLM answers arrive as the model writes
    them, markers already numbered as in the final answer, whose text may drop claims no passage supports.
    """
    settings, text, chosen = _prepare(question, settings, mode, llm)
    from qa.engine import get_searcher

    with store_errors(settings):
        searcher = get_searcher(settings, embed_model)
        if chosen == "llm":
            from qa.generative import stream_llm

            for item in stream_llm(searcher, text, settings, llm):
                yield _stamp(item, question, text) if isinstance(item, Answer) else item
            return
        answer = _stamp(searcher.answer(text), question, text)
    yield from re.findall(r"\S+\s*|\s+", answer.answer)
    yield answer


def index(
    settings: Settings | None = None, *, rebuild: bool = False, embed_model: BaseEmbedding | None = None
) -> IndexReport:
    """Index (or incrementally update) the corpus folder into the configured store."""
    from qa.indexer import build_index

    settings = settings or get_settings()
    with store_errors(settings):
        return build_index(settings, rebuild=rebuild, embed_model=embed_model)


def status(settings: Settings | None = None) -> dict[str, Any]:
    """What the index holds: files, chunks, embedding model, where it lives. Raises if there is no index."""
    from qa.embed import embedding_id
    from qa.store import Store

    settings = settings or get_settings()
    store = Store(settings, embedding_id(settings))
    return {
        "files": store.files.count(),
        "chunks": store.chunks.count(),
        "embedding": store.embedding,
        "where": store.where,
        "corpus": str(settings.corpus_dir),
        "mode": settings.answer_mode,
    }
