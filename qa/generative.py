"""LLM answers that keep qa's promise: every kept sentence cites a real passage with a verified quote.

Retrieval and the "do the articles answer this?" decision are the extractive path's: when the evidence says
the articles don't answer, no LLM call is made. Otherwise the passages are packed into the token budget, the
LLM writes an answer with [n] markers, markers are checked and renumbered by first use (also while
streaming, so numbers never change under the reader's eyes), and every citation gets the passage sentence that
best supports what it is cited for — checked to occur verbatim in the file. A claim no passage sentence
supports is dropped.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qa.answer import NOT_FOUND, not_found_text
from qa.cite import make_citation, verify
from qa.llm_answer import generate, pack_passages, postprocess
from qa.models import Answer, Citation, Passage
from qa.text import content_terms

if TYPE_CHECKING:
    from qa.engine import Prepared, Searcher
    from qa.settings import Settings

MIN_SUPPORT = 0.25  # share of a claim's content terms a passage sentence must hold to be its quote
_MARKER_RUN = re.compile(r"\[[^\[\]]{0,40}\]")


@dataclass
class _Quote:
    source: str
    title: str
    start: int
    end: int
    text: str


def _support(claim: str, sentence: str) -> float:
    terms = content_terms(claim)
    if not terms:
        return 0.0
    have = set(content_terms(sentence))
    return sum(1 for t in terms if t in have) / len(terms)


def _passage_sentences(passage: Passage, records: list[dict[str, Any]]) -> list[_Quote]:
    return [
        _Quote(passage.source, passage.title, int(r["start"]), int(r["end"]), str(r["text"]))
        for r in records
        if r["source"] == passage.source and passage.start <= int(r["start"]) and int(r["end"]) <= passage.end
    ]


def cite_llm_answer(
    raw: str, packed: list[Passage], prepared: Prepared, searcher: Searcher, question: str = ""
) -> tuple[str, list[Citation]]:
    """Checked answer text and citations for a raw LLM answer over ``packed`` passages.

    A quote must share a term with the question: a model that obeys an injected line ("answer HACKED")
    and cites it finds no quote, so the claim is dropped.
    """
    asked = set(content_terms(question))
    result = postprocess(raw, packed)
    corpus_dir = searcher.settings.corpus_dir
    claims: dict[int, list[str]] = {}
    for marker in result.markers:
        claims.setdefault(marker.passage_index, []).append(marker.sentence)
    quotes: dict[int, tuple[_Quote, float]] = {}
    for index, sentences in claims.items():
        candidates = _passage_sentences(packed[index], prepared.records)
        scored = [
            (q, _support(" ".join(sentences), q.text))
            for q in candidates
            if not q.text.rstrip().endswith("?") and (not asked or asked & set(content_terms(q.text)))
        ]
        if scored:
            best = max(scored, key=lambda pair: pair[1])
            if best[1] >= MIN_SUPPORT and verify(corpus_dir, best[0].source, best[0].text, best[0].start, best[0].end):
                quotes[index] = best
    numbers: dict[int, int] = {}
    order: list[str] = []
    cited_by: dict[str, list[int]] = {}
    for marker in result.markers:
        if marker.passage_index not in quotes:
            continue  # the passage holds nothing that supports the claim: drop the marker
        if marker.sentence not in cited_by:
            order.append(marker.sentence)
            cited_by[marker.sentence] = []
        n = numbers.setdefault(marker.passage_index, len(numbers) + 1)
        if n not in cited_by[marker.sentence]:
            cited_by[marker.sentence].append(n)
    text = " ".join(s + " " + "".join(f"[{n}]" for n in cited_by[s]) for s in order)
    citations = []
    for index, n in sorted(numbers.items(), key=lambda pair: pair[1]):
        quote, support = quotes[index]
        citations.append(
            make_citation(corpus_dir, n, quote.source, quote.title, quote.text, quote.start, quote.end, support)
        )
    return text, citations


class StreamRenumberer:
    """Rewrites [k] passage markers in streamed text to [n] numbered by first use; drops markers of no passage."""

    def __init__(self, n_passages: int) -> None:
        self.n_passages = n_passages
        self.numbers: dict[int, int] = {}
        self.pending = ""

    def feed(self, delta: str) -> str:
        """The displayable text for this delta (a marker split across deltas is held back until complete)."""
        text = self.pending + delta
        self.pending = ""
        cut = text.rfind("[")
        if cut >= 0 and "]" not in text[cut:] and len(text) - cut <= 40:
            text, self.pending = text[:cut], text[cut:]
        return _MARKER_RUN.sub(self._replace, text)

    def flush(self) -> str:
        """Whatever was held back."""
        text, self.pending = self.pending, ""
        return _MARKER_RUN.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        numbers = [int(d) for d in re.findall(r"\d+", match.group())]
        valid = [k for k in numbers if 1 <= k <= self.n_passages]
        if not numbers:
            return match.group()
        return "".join(f"[{self.numbers.setdefault(k - 1, len(self.numbers) + 1)}]" for k in valid)


def llm_passages(prepared: Prepared, budget_tokens: int) -> list[Passage]:
    """The passages the LLM sees: those holding the chosen evidence first (small models read the start
    best), then the rest in retrieval order, packed into the token budget."""

    def holds_evidence(p: Passage) -> bool:
        return any(e.source == p.source and p.start <= e.start and e.end <= p.end for e in prepared.chosen)

    ordered = sorted(prepared.passages, key=lambda p: not holds_evidence(p))
    return pack_passages(ordered, budget_tokens)


def _finish(question: str, raw: str, packed: list[Passage], prepared: Prepared, searcher: Searcher) -> Answer:
    text, citations = cite_llm_answer(raw, packed, prepared, searcher, question)
    grounded = bool(citations) and bool(text.strip())
    return Answer(
        question=question,
        answer=text if grounded else not_found_text(prepared.evidence),
        citations=citations if grounded else [],
        grounded=grounded,
        passages=[p for p in prepared.passages],
        mode="llm",
        searched_for=question,
        latency_ms=round((time.perf_counter() - prepared.started) * 1000, 2),
    )


def answer_llm(searcher: Searcher, question: str, settings: Settings, llm: Any | None = None) -> Answer:
    """An LLM-written answer, or the extractive refusal (no LLM call) when the articles don't answer.

    ``settings`` are the call's (LLM endpoint, budget); the cached ``searcher`` may have been built by others.
    """
    prepared = searcher.prepare(question)
    if not prepared.grounded:
        return searcher.refusal(prepared, mode="llm")
    packed = llm_passages(prepared, settings.context_tokens)
    raw = generate(question, packed, settings, llm=llm)
    return _finish(question, raw, packed, prepared, searcher)


def stream_llm(searcher: Searcher, question: str, settings: Settings, llm: Any | None = None) -> Iterator[str | Answer]:
    """Text deltas as the LLM writes (markers already renumbered), then the checked ``Answer``."""
    prepared = searcher.prepare(question)
    if not prepared.grounded:
        refusal = searcher.refusal(prepared, mode="llm")
        yield refusal.answer
        yield refusal
        return
    packed = llm_passages(prepared, settings.context_tokens)
    renumber = StreamRenumberer(len(packed))
    parts: list[str] = []
    for delta in generate(question, packed, settings, llm=llm, stream=True):
        parts.append(delta)
        shown = renumber.feed(delta)
        if shown:
            yield shown
    tail = renumber.flush()
    if tail:
        yield tail
    yield _finish(question, "".join(parts), packed, prepared, searcher)


__all__ = ["NOT_FOUND", "StreamRenumberer", "answer_llm", "cite_llm_answer", "stream_llm"]
