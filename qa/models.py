"""The typed results of qa: what ``ask()`` returns and the CLI prints as JSON."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Passage(BaseModel):
    """A retrieved chunk of an article, with its place in the source file."""

    chunk_id: str
    source: str = Field(description="File name, relative to the corpus folder.")
    title: str
    text: str = Field(description="The chunk's cleaned text.")
    start: int = Field(description="Offset of the chunk's first character in the source file.")
    end: int = Field(description="Offset just past the chunk's last character in the source file.")
    score: float = Field(description="Fused retrieval score (higher is better).")


class Citation(BaseModel):
    """One cited, verified quote: ``quote == open(source).read()[start:end]``."""

    n: int = Field(description="The marker number, [n] in the answer text.")
    source: str
    title: str
    quote: str = Field(description="The exact supporting text, verbatim from the source file.")
    start: int
    end: int
    score: float = Field(description="How strongly the quote supports the answer (0..1).")
    context: str = Field("", description="The passage around the quote, verbatim from the source file.")
    context_start: int = Field(0, description="Offset of ``context`` in the source file.")


class Answer(BaseModel):
    """An answer whose every claim carries a numbered citation."""

    question: str
    answer: str = Field(description="Answer text with inline [n] markers.")
    citations: list[Citation] = Field(default_factory=list)
    grounded: bool = Field(description="False when the articles do not answer the question.")
    passages: list[Passage] = Field(default_factory=list, description="What retrieval found, for debugging.")
    mode: str = Field("extractive", description="Which answerer wrote the answer.")
    searched_for: str = Field("", description="The standalone query that was actually retrieved for.")
    latency_ms: float = 0.0
