"""Errors a person can act on: every message says what went wrong and how to fix it, in one line."""

from __future__ import annotations


class QAError(Exception):
    """Base class of qa's expected errors (the CLI prints the message, never a traceback)."""


class QuestionError(QAError):
    """The question is empty, too long or otherwise unusable."""


class CorpusError(QAError):
    """The corpus folder is missing or holds nothing to index."""


class IndexMissingError(QAError):
    """No index has been built yet."""

    def __init__(self, where: str) -> None:
        super().__init__(f"No index at {where}. Build it with: qa index")


class IndexCorruptError(QAError):
    """The index folder exists but cannot be read as a qa index."""

    def __init__(self, where: str, detail: str) -> None:
        super().__init__(f"The index at {where} cannot be read ({detail}). Rebuild it with: qa index --rebuild")


class IndexFormatError(IndexCorruptError):
    """The index was written by a qa version with another index format (``qa index`` rebuilds it)."""


class EmbeddingMismatchError(QAError):
    """The index was built by another embedding model than the one configured."""

    def __init__(self, built_with: str, configured: str) -> None:
        super().__init__(
            f"The index was built with embedding '{built_with}' but '{configured}' is configured. "
            f"Rebuild it with: qa index --rebuild (or set QA_EMBEDDING={built_with})"
        )


class StoreUnavailableError(QAError):
    """The Chroma server cannot be reached."""


class ModelMissingError(QAError):
    """An optional model or package is not installed."""


class LLMError(QAError):
    """The LLM is not configured, unreachable, or failed."""
