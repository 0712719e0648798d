"""Cite: check every quote against its file before it is shown, and number citations by first use."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from qa.load import read_source
from qa.models import Citation


@lru_cache(maxsize=256)
def _cached_text(path: str, mtime_ns: int, size: int) -> str:
    return read_source(Path(path).parent, Path(path).name)


def source_text(corpus_dir: Path, source: str) -> str | None:
    """The current decoded text of a corpus file, or None if it cannot be read."""
    path = corpus_dir / source
    try:
        st = os.stat(path)
        return _cached_text(str(path), st.st_mtime_ns, st.st_size)
    except (OSError, ValueError):
        return None


def verify(corpus_dir: Path, source: str, quote: str, start: int, end: int) -> bool:
    """True when ``quote`` is exactly the text at ``[start:end]`` of the file as it is now."""
    text = source_text(corpus_dir, source)
    return bool(quote) and text is not None and 0 <= start < end <= len(text) and text[start:end] == quote


def context_around(corpus_dir: Path, source: str, start: int, end: int, width: int = 280) -> tuple[str, int]:
    """The verbatim text around ``[start:end]``, cut at line breaks where possible, and its offset."""
    text = source_text(corpus_dir, source) or ""
    a = max(0, start - width)
    b = min(len(text), end + width)
    line_a = text.rfind("\n", a, start)
    line_b = text.find("\n", end, b)
    a = line_a + 1 if line_a >= 0 else a
    b = line_b if line_b >= 0 else b
    return text[a:b], a


def make_citation(
    corpus_dir: Path, n: int, source: str, title: str, quote: str, start: int, end: int, score: float
) -> Citation:
    """A numbered citation with its verbatim surrounding passage; ``score`` is clipped to 0..1."""
    context, context_start = context_around(corpus_dir, source, start, end)
    return Citation(
        n=n,
        source=source,
        title=title,
        quote=quote,
        start=start,
        end=end,
        score=round(max(0.0, min(1.0, score)), 3),
        context=context,
        context_start=context_start,
    )
