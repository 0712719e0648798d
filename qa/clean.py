"""Clean: keep an article's content lines and drop its site chrome, remembering where every kept line is.

Each kept block is an exact slice of the original text (``text == original[start:end]``), so any quote
taken from a block can be checked against the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Whole lines that are page furniture, not article text (compared lower-cased, trailing ':' and spaces removed).
CHROME_LINES = frozenset(
    entry.strip()
    for entry in """
    loading now|loading|loading...|news|home|menu|search|recent updates|recent news|recent posts|latest news
    contact|contact us|about us|privacy policy|terms of service|source link|post comment|leave a comment
    leave a reply|comments|share|share this|share this article|tweet|related|related posts|related articles
    you may also like|read more|read next|advertisement|sponsored|subscribe|follow us|newsletter|tags
    what's your reaction?|what’s your reaction?|excited|happy|in love|not sure|silly|sad|angry|like|love
    skip to content|back to top|print|email
    """.replace("\n", "|").split("|")
    if entry.strip()
)

CHROME_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(address|email|e-mail|phone|tel|fax|call us)\s*:",  # contact lines
        r"^(#[\w-]+\s*)+$",  # hashtag lines
        r"^\d+$",  # reaction counters
        r"^more in\s*:",
        r"^(this|the) (post|article|story) (appeared|was (first|originally) published) (first )?(on|at)\b",
        r"^(copyright|©)",
        r"^(written|posted|published) by\b.{0,60}$",  # bylines
        r"^\S+@\S+\.\w+$",  # a bare e-mail address
    )
]

SENTENCE_END = (".", "!", "?", '"', "”", "’", "'", ")", ":")


@dataclass(frozen=True)
class Block:
    """A kept line of article text and its offsets in the original file."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Cleaned:
    """An article without its chrome: a title and the content blocks in reading order."""

    title: str
    blocks: list[Block]


def _key(line: str) -> str:
    return re.sub(r"\s+", " ", line.strip().lower()).rstrip(" :")


def is_chrome(line: str) -> bool:
    """True for a line that is site furniture (menus, counters, contact, hashtags, share links...)."""
    key = _key(line)
    if key in CHROME_LINES or key.rstrip("?") in CHROME_LINES:
        return True
    return any(p.search(line.strip()) for p in CHROME_PATTERNS)


def _is_fragment(line: str) -> bool:
    """A short line that is not a sentence: a byline, a user name, a menu entry."""
    stripped = line.strip()
    return len(stripped.split()) <= 6 and not stripped.endswith(SENTENCE_END)


def _lines(text: str) -> list[Block]:
    blocks = []
    for match in re.finditer(r"[^\r\n]+", text):
        raw = match.group()
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            start = match.start() + lead
            blocks.append(Block(start, start + len(body), body))
    return blocks


def _title(blocks: list[Block]) -> str:
    if not blocks:
        return ""
    first = blocks[0].text
    words = first.split()
    if len(words) <= 25 and not first.endswith("."):
        return first
    head = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return head if len(head) <= 120 else head[:117].rsplit(" ", 1)[0] + "…"


def clean(text: str) -> Cleaned:
    """Drop chrome lines, repeated lines and a trailing run of fragments; keep everything else verbatim."""
    kept: list[Block] = []
    seen: set[str] = set()
    for block in _lines(text):
        key = _key(block.text)
        if is_chrome(block.text) or key in seen:
            continue
        seen.add(key)
        kept.append(block)
    # Pages end with footers (user names, menus) that no pattern names: short non-sentences after the text.
    while kept and _is_fragment(kept[-1].text):
        kept.pop()
    return Cleaned(title=_title(kept), blocks=kept)
