"""The corpus's own FAQ: the questions the articles pose, answered by ``ask()`` with citations.

An article "poses" a question when a line of its cleaned text (``qa.clean`` has already dropped chrome such
as "What's your reaction?") is one real question — it starts like a question, ends with "?", has a few
words — and the next line answers it: a sentence, not another question or a fragment. A question inside a
paragraph or a quotation is not posed by the article, so it is not collected.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from qa.clean import Block, clean
from qa.errors import IndexMissingError
from qa.load import load_corpus
from qa.models import Answer
from qa.question import QUESTION_START
from qa.settings import Settings

# Markdown headings, "Q:", "Q1.", "1.", bold markers, bullets: taken off before a line is judged.
LEAD = re.compile(r"^(?:#{1,6}\s*|\*\*|__|[-*•]\s+|q\s*\d*\s*[:.)]\s*|\d{1,3}[.)]\s*|question\s*\d*\s*[:.]\s*)+", re.I)
ANSWER_LEAD = re.compile(r"^(?:a\s*\d*\s*[:.)]\s*|answer\s*[:.]\s*)", re.IGNORECASE)
TRAIL = "*_ \t"
MIN_QUESTION_WORDS = 4
MAX_QUESTION_WORDS = 40
MIN_ANSWER_WORDS = 8


@dataclass(frozen=True)
class PosedQuestion:
    """A question an article poses, with where it and the article's own answer line are in the file."""

    question: str
    source: str
    title: str
    start: int
    end: int
    answer_start: int
    answer_end: int


@dataclass
class FaqItem:
    """A posed question and the cited answer ``ask()`` gave to it."""

    posed: PosedQuestion
    answer: Answer

    @property
    def question(self) -> str:
        """The question text."""
        return self.posed.question

    @property
    def cites_source(self) -> bool:
        """True when at least one citation quotes the file that poses the question."""
        return any(c.source == self.posed.source for c in self.answer.citations)


def question_text(line: str) -> str | None:
    """The question a line poses ("## Q: What is X?" -> "What is X?"), or None when it is not one question."""
    text = LEAD.sub("", line.strip()).strip(TRAIL).strip()
    text = text.rstrip("*_").strip()
    if not text.endswith("?") or not QUESTION_START.match(text):
        return None
    n_words = len(text.split())
    if not MIN_QUESTION_WORDS <= n_words <= MAX_QUESTION_WORDS:
        return None
    if re.search(r"[.!?]['\"”’)]*\s+[A-Z]", text[:-1]):  # more than one sentence: a paragraph, not a question
        return None
    return text


def is_answer_line(line: str) -> bool:
    """A line that can answer a question: prose of a few words, not itself a question."""
    text = ANSWER_LEAD.sub("", LEAD.sub("", line.strip())).strip(TRAIL)
    if text.endswith("?") or len(text.split()) < MIN_ANSWER_WORDS:
        return False
    return text[-1:] in '.!"”’)»:;' or len(text.split()) >= 2 * MIN_ANSWER_WORDS


def posed_in(source: str, title: str, blocks: list[Block]) -> list[PosedQuestion]:
    """The questions one cleaned article poses, in reading order."""
    found = []
    for block, following in itertools.pairwise(blocks):
        question = question_text(block.text)
        if question is None or not is_answer_line(following.text):
            continue
        found.append(PosedQuestion(question, source, title, block.start, block.end, following.start, following.end))
    return found


def find_questions(corpus_dir: Path, max_file_mb: float = 20.0) -> list[PosedQuestion]:
    """Every question the corpus poses, in file order, without repeats (the first file that asks wins)."""
    seen: set[str] = set()
    out = []
    for source in load_corpus(corpus_dir, max_file_mb).files:
        cleaned = clean(source.text)
        for posed in posed_in(source.source, cleaned.title, cleaned.blocks):
            key = " ".join(posed.question.lower().split())
            if key not in seen:
                seen.add(key)
                out.append(posed)
    return out


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def ensure_index(settings: Settings, say: Callable[[str], None] = _stderr) -> bool:
    """Build the index when there is none yet (saying so through ``say``); True when it was built."""
    from qa.api import status
    from qa.indexer import build_index, tqdm_progress

    try:
        status(settings)
        return False
    except IndexMissingError:
        say(f"No index yet: indexing {settings.corpus_dir} (first run, this takes a few seconds)…")
        report = build_index(settings, progress=tqdm_progress())
        say(report.summary())
        return True


def build_faq(
    settings: Settings | None = None,
    *,
    mode: str | None = None,
    limit: int | None = None,
    say: Callable[[str], None] = _stderr,
) -> list[FaqItem]:
    """Find the questions the corpus poses and answer each with ``ask()`` (building the index if needed)."""
    from qa.api import ask
    from qa.settings import get_settings

    settings = settings or get_settings()
    posed = find_questions(settings.corpus_dir, settings.max_file_mb)
    if limit is not None:
        posed = posed[:limit]
    if posed:
        ensure_index(settings, say)
    return [FaqItem(p, ask(p.question, settings=settings, mode=mode)) for p in posed]


def _quote(text: str) -> str:
    return " ".join(text.split()).replace("`", "'")


def faq_markdown(items: list[FaqItem]) -> str:
    """The FAQ as Markdown: each question, where it is asked, the cited answer and its numbered sources."""
    lines = ["# Questions the articles ask", ""]
    if not items:
        lines.append("_The articles pose no questions of their own._")
        return "\n".join(lines) + "\n"
    files = sorted({i.posed.source for i in items})
    lines += [
        f"_{len(items)} question{'s' * (len(items) != 1)} posed in {len(files)} "
        f"article{'s' * (len(files) != 1)}, answered from the whole corpus with verified quotes._",
        "",
    ]
    for item in items:
        answer = item.answer
        lines += [f"## {item.question}", "", f"*Asked in `{item.posed.source}`.*", ""]
        lines += [answer.answer.strip(), ""]
        if answer.citations:
            lines.append("Sources:")
            lines.append("")
            for c in answer.citations:
                lines.append(f"{c.n}. `{c.source}` (chars {c.start}–{c.end}, score {c.score:.2f}): “{_quote(c.quote)}”")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
