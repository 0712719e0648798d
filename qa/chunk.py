"""Chunk: split a cleaned article into sentences and token-sized chunks, all with offsets into the file."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from qa.clean import Block, Cleaned
from qa.load import SourceFile

BLOCK_SEP = "\n\n"


@dataclass(frozen=True)
class Sentence:
    """One sentence, verbatim: ``file_text[start:end] == text``."""

    start: int
    end: int
    text: str

    @property
    def id(self) -> str:
        """Stable id derived from the sentence's place and content."""
        return _digest(f"{self.start}:{self.end}:{self.text}")


@dataclass
class Chunk:
    """A token-sized passage of one article, with its sentences."""

    id: str
    source: str
    title: str
    text: str
    start: int
    end: int
    sha256: str
    sentences: list[Sentence] = field(default_factory=list)

    def metadata(self) -> dict[str, Any]:
        """Flat metadata for the vector store."""
        return {
            "source": self.source,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "sha256": self.sha256,
            "sentences": json.dumps([[s.start, s.end] for s in self.sentences]),
        }


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@lru_cache(maxsize=1)
def _punkt() -> Any:
    # Importing nltk runs its package __init__, which imports scipy.stats and scikit-learn when they are
    # installed (1.2 s of every indexing run); Punkt needs neither, so they are hidden while nltk loads.
    hidden = [name for name in ("scipy", "sklearn") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        from nltk.tokenize import PunktSentenceTokenizer
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    return PunktSentenceTokenizer()


ATTRIBUTION = re.compile(
    r"^(?:[A-Z][\w.’'-]*\s+){0,4}(?:said|says|wrote|writes|told|added|stated|noted|asked|posted|tweeted)\b"
)
CLOSING_QUOTE = ("”", '"', "’", "'")


def _inside_quote(text: str) -> bool:
    """Whether ``text`` ends where a quotation it opened is still open, just after a quotation inside it closed
    ("“... dealt with differently, through “Banking” or “Secondary Sanctions?”": the outer quote goes on)."""
    return text.endswith("”") and text.count("“") > text.count("”")


def _continues(previous: str, piece: str, rest: str) -> bool:
    """Punkt splits after abbreviations ("the U.S. would") and inside quotes ("dying!! !” Trump wrote", and at a
    quotation that closes inside another); such a piece belongs to the sentence before it. ``rest`` is the block
    from the piece on: an open quotation joins only what leads to its close."""
    if piece[:1].islower() or piece[:1] in "!?.,;:”’)]":
        return True
    previous = previous.rstrip()
    if _inside_quote(previous) and "”" in rest:
        return True
    return previous.endswith(CLOSING_QUOTE) and bool(ATTRIBUTION.match(piece))


def split_sentences(block: Block) -> list[Sentence]:
    """Sentences of one block (Punkt, with its known slips mended), each an exact slice of the file."""
    spans: list[tuple[int, int]] = []
    for a, b in _punkt().span_tokenize(block.text):
        raw = block.text[a:b]
        piece = raw.strip()
        if not piece:
            continue
        start = a + len(raw) - len(raw.lstrip())
        end = start + len(piece)
        if spans and _continues(block.text[spans[-1][0] : spans[-1][1]], piece, block.text[start:]):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return [Sentence(block.start + a, block.start + b, block.text[a:b]) for a, b in spans]


@lru_cache(maxsize=4)
def _splitter(chunk_size: int, chunk_overlap: int) -> Any:
    import tiktoken
    from llama_index.core.node_parser import SentenceSplitter

    encoding = tiktoken.get_encoding("cl100k_base")
    return SentenceSplitter(
        chunk_size=chunk_size,
        chunk_overlap=min(chunk_overlap, chunk_size // 2),
        tokenizer=encoding.encode,
        paragraph_separator=BLOCK_SEP,
        include_metadata=False,
        include_prev_next_rel=False,
    )


def load_chunker(chunk_size: int, chunk_overlap: int) -> None:
    """Load the sentence splitter and the chunker's tokenizer now (once per process; about 0.5 s)."""
    _punkt()
    _splitter(chunk_size, chunk_overlap)


def chunk_file(source: SourceFile, cleaned: Cleaned, chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    """Chunk an article with llama-index's SentenceSplitter; map chunk spans back to file offsets."""
    if not cleaned.blocks:
        return []
    # Clean text = blocks joined by BLOCK_SEP; remember where each block starts in it.
    clean_starts, pos = [], 0
    for block in cleaned.blocks:
        clean_starts.append(pos)
        pos += len(block.text) + len(BLOCK_SEP)
    clean_text = BLOCK_SEP.join(b.text for b in cleaned.blocks)
    sentences = [
        (s, clean_starts[i] + s.start - b.start) for i, b in enumerate(cleaned.blocks) for s in split_sentences(b)
    ]

    def to_file(clean_pos: int, *, is_end: bool) -> int:
        for i in range(len(cleaned.blocks) - 1, -1, -1):
            if clean_starts[i] <= clean_pos - (1 if is_end else 0) or i == 0:
                block = cleaned.blocks[i]
                return min(block.start + clean_pos - clean_starts[i], block.end)
        return 0

    chunks: list[Chunk] = []
    cursor = 0
    for piece in _splitter(chunk_size, chunk_overlap).split_text(clean_text):
        found = clean_text.find(piece, cursor)
        if found < 0:
            found = clean_text.find(piece)
        if found < 0:  # the splitter never rewrites text, but never index a span we cannot place
            continue
        a, b = found, found + len(piece)
        cursor = found + 1
        members = [
            s
            for s, cs in sentences
            if cs < b and cs + len(s.text) > a and min(b, cs + len(s.text)) - max(a, cs) >= 0.5 * len(s.text)
        ]
        start, end = to_file(a, is_end=False), to_file(b, is_end=True)
        chunk_id = _digest(f"{source.source}\0{start}\0{end}\0{piece}")
        chunks.append(Chunk(chunk_id, source.source, cleaned.title, piece, start, end, source.sha256, members))
    return chunks
