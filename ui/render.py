"""HTML for the chat: answers with linked ``[n]`` markers, and numbered source cards.

Every piece of document or user text goes through ``escape()`` before it is put into HTML, so an article
holding ``<script>`` or a Markdown image shows as text. ``escape()`` also encodes the characters that
Markdown, LaTeX and Gradio's HTML templates give meaning to, so no later renderer can turn text into markup.
Card anchors are ``src-<turn>-<n>``: the marker ``[n]`` of turn ``t`` always links to the same card, while the
answer streams and after later turns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from qa.models import Answer, Citation

MARKER = re.compile(r"\[(\d{1,3})\]")
# HTML's own characters, and those that Markdown, KaTeX ($$) or Gradio's JS/Handlebars templates (${...},
# {{...}}) interpret.
_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {c: f"&#{ord(c)};" for c in "\"'\\`*_{}[]()#+-!|~$"}
_SPECIAL_RE = re.compile("[" + re.escape("".join(_SPECIAL)) + "]")


def escape(text: str) -> str:
    """``text`` as inert HTML: ``&<>"'`` and the characters Markdown, LaTeX and templates interpret, all as
    character references (decimal, which every sanitizer on the way decodes the same way)."""
    return _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group()], text)


def escape_multiline(text: str) -> str:
    """``escape()`` with line breaks kept as ``<br>``."""
    return "<br>".join(escape(line) for line in text.split("\n"))


def anchor(prefix: str, turn: int | str, n: int) -> str:
    """The element id of citation ``n`` of turn ``turn`` ("src-3-1")."""
    return f"{prefix}-{turn}-{n}"


def link_markers(text: str, turn: int | str, known: Iterable[int] | None = None, prefix: str = "src") -> str:
    """Escape ``text`` and turn its ``[n]`` markers into links to their source cards.

    With ``known`` (the citation numbers of a finished answer) other bracketed numbers stay plain text;
    while streaming (``known`` None) every marker is linked, to the card it will have.
    """
    allowed = None if known is None else set(known)
    out: list[str] = []
    pos = 0
    for m in MARKER.finditer(text):
        n = int(m.group(1))
        if allowed is not None and n not in allowed:
            continue
        out.append(escape_multiline(text[pos : m.start()]))
        target = anchor(prefix, turn, n)
        out.append(f'<a class="qa-cite" href="#{target}" data-target="{target}" title="Source {n}">&#91;{n}&#93;</a>')
        pos = m.end()
    out.append(escape_multiline(text[pos:]))
    return "".join(out)


@dataclass
class Turn:
    """One question of the conversation: what was asked, what was searched for, and the answer (when done)."""

    number: int
    question: str
    searched_for: str
    text: str = ""
    answer: Answer | None = None
    error: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def rewritten(self) -> bool:
        """True when the search query differs from the question as asked."""
        return " ".join(self.searched_for.split()).lower() != " ".join(self.question.split()).lower()


def answer_html(turn: Turn, *, streaming: bool = False) -> str:
    """The assistant message of a turn: what was searched for, the answer with linked markers, a footer."""
    parts = ['<div class="qa-answer">']
    if turn.rewritten:
        parts.append(
            f'<div class="qa-searched"><span class="qa-searched-label">Searched for</span> '
            f'<span class="qa-searched-query">{escape(turn.searched_for)}</span></div>'
        )
    if turn.error is not None:
        parts.append(f'<div class="qa-error">{escape(turn.error)}</div></div>')
        return "".join(parts)
    answer = turn.answer
    known = None if answer is None else [c.n for c in answer.citations]
    text = turn.text if answer is None else answer.answer
    body = link_markers(text, turn.number, known)
    parts.append(f'<div class="qa-answer-text">{body}{"<span class=qa-caret></span>" if streaming else ""}</div>')
    if answer is not None:
        if answer.grounded:
            n = len(answer.citations)
            meta = f"{n} source{'s' * (n != 1)} · {escape(answer.mode)} · {answer.latency_ms:.0f} ms"
        else:
            meta = f"not answered by the articles · {escape(answer.mode)} · {answer.latency_ms:.0f} ms"
        parts.append(f'<div class="qa-meta">{meta}</div>')
    parts.append("</div>")
    return "".join(parts)


def user_html(question: str) -> str:
    """A user message, escaped."""
    return f'<div class="qa-question">{escape(question)}</div>'


def _quoted_in_context(c: Citation) -> str:
    """The citation's context with the quote highlighted inside it (all escaped)."""
    context, rel = c.context, c.start - c.context_start
    if not context or context[rel : rel + len(c.quote)] != c.quote:
        rel = context.find(c.quote) if context else -1
    if rel < 0:
        return f'<mark class="qa-quote">{escape(c.quote)}</mark>'
    before, after = context[:rel], context[rel + len(c.quote) :]
    lead = "…" if c.context_start > 0 and before[:1] and not before[:1].isupper() else ""
    tail = "…" if after.strip() and after.rstrip()[-1:] not in '.!?”"’)' else ""
    return (
        f'<span class="qa-ctx">{lead}{escape(before)}</span>'
        f'<mark class="qa-quote">{escape(c.quote)}</mark>'
        f'<span class="qa-ctx">{escape(after)}{tail}</span>'
    )


def card_html(c: Citation, turn: int | str, prefix: str = "src") -> str:
    """One numbered source card: title, file name and place, score, and the quote inside its passage."""
    pct = max(0, min(100, round(c.score * 100)))
    return (
        f'<article class="qa-card" id="{anchor(prefix, turn, c.n)}" data-n="{c.n}">'
        f'<div class="qa-card-head"><span class="qa-num">{c.n}</span>'
        f'<span class="qa-title">{escape(c.title or c.source)}</span></div>'
        f'<div class="qa-card-file"><span class="qa-file">{escape(c.source)}</span>'
        f'<span class="qa-span">chars {c.start}–{c.end}</span>'
        f'<span class="qa-score" title="How strongly the quote supports the answer (0–1)">'
        f'<span class="qa-meter"><span style="width:{pct}%"></span></span>score {c.score:.2f}</span></div>'
        f'<blockquote class="qa-passage">{_quoted_in_context(c)}</blockquote>'
        f"</article>"
    )


def turn_sources_html(turn: Turn, *, latest: bool) -> str:
    """The source cards of one turn, under a heading with the question (earlier turns folded)."""
    head = f'<span class="qa-turn-no">Q{turn.number}</span> <span class="qa-turn-q">{escape(turn.question)}</span>'
    if turn.answer is None and turn.error is None:
        body = '<div class="qa-pending">Finding sources…</div>'
    elif turn.error is not None:
        body = f'<div class="qa-empty">{escape(turn.error)}</div>'
    elif not turn.answer or not turn.answer.citations:
        body = '<div class="qa-empty">No passage answers this question; nothing is cited.</div>'
    else:
        body = "".join(card_html(c, turn.number) for c in turn.answer.citations)
    return (
        f'<details class="qa-turn" id="turn-{turn.number}"{" open" if latest else ""}>'
        f"<summary>{head}</summary>{body}</details>"
    )


EMPTY_SOURCES = (
    '<div class="qa-sources-empty"><p>Sources appear here: every <span class="qa-cite-demo">[n]</span> in an '
    "answer is a numbered card with the article, the file and the quoted passage, highlighted in its text.</p>"
    "</div>"
)


def sources_html(turns: Sequence[Turn]) -> str:
    """The sources panel: the latest turn's cards open on top, earlier turns folded below."""
    if not turns:
        return f'<div class="qa-sources">{EMPTY_SOURCES}</div>'
    ordered = sorted(turns, key=lambda t: t.number, reverse=True)
    inner = "".join(turn_sources_html(t, latest=i == 0) for i, t in enumerate(ordered))
    return f'<div class="qa-sources">{inner}</div>'


def status_html(status: dict[str, object], *, llm_configured: bool) -> str:
    """The header: corpus, files, chunks, embedding model, index location and answer mode."""
    mode = str(status.get("mode", ""))
    llm = "LLM configured" if llm_configured else "no LLM configured"
    chips = [
        ("Corpus", f"{status.get('corpus', '')}"),
        ("Files", f"{status.get('files', 0)}"),
        ("Chunks", f"{status.get('chunks', 0)}"),
        ("Embedding", f"{status.get('embedding', '')}"),
        ("Index", f"{status.get('where', '')}"),
        ("Answer mode", f"{mode} ({llm})"),
    ]
    body = "".join(
        f'<span class="qa-chip" data-key="{escape(k.lower().replace(" ", "-"))}">'
        f'<span class="qa-chip-k">{escape(k)}</span><span class="qa-chip-v">{escape(v)}</span></span>'
        for k, v in chips
    )
    return (
        '<header class="qa-header"><div class="qa-brand"><span class="qa-logo">qa</span>'
        '<span class="qa-tagline">answers from your articles, every sentence cited and checked</span></div>'
        f'<div class="qa-status" id="qa-status">{body}</div></header>'
    )


def _faq_source(c: Citation, item: int) -> str:
    """A compact, unfoldable source row of a FAQ answer: number, file, place, score; the passage inside."""
    return (
        f'<details class="qa-faq-src" id="{anchor("faqsrc", item, c.n)}"><summary>'
        f'<span class="qa-num">{c.n}</span><span class="qa-file">{escape(c.source)}</span>'
        f'<span class="qa-span">chars {c.start}–{c.end}</span><span class="qa-span">score {c.score:.2f}</span>'
        f'<span class="qa-faq-src-hint">show passage</span></summary>'
        f'<blockquote class="qa-passage">{_quoted_in_context(c)}</blockquote></details>'
    )


def faq_html(items: Sequence[tuple[str, str, Answer]]) -> str:
    """The FAQ tab: each question the articles ask (with the file asking it), its cited answer and sources."""
    if not items:
        return '<div class="qa-faq"><p class="qa-empty">The articles pose no questions of their own.</p></div>'
    parts = ['<div class="qa-faq">']
    for i, (question, source, answer) in enumerate(items, 1):
        known = [c.n for c in answer.citations]
        parts.append(
            f'<section class="qa-faq-item" id="faq-{i}"><h3>{escape(question)}</h3>'
            f'<div class="qa-faq-asked">asked in <span class="qa-file">{escape(source)}</span></div>'
            f'<div class="qa-answer-text">{link_markers(answer.answer, i, known, prefix="faqsrc")}</div>'
            f'<div class="qa-faq-sources">{"".join(_faq_source(c, i) for c in answer.citations)}</div>'
            "</section>"
        )
    parts.append("</div>")
    return "".join(parts)
