"""Small text helpers shared by retrieval and answering: word tokens, stems, stop words."""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")

# Question words and fillers that carry no topic; added to the usual English stop words.
QUESTION_WORDS = frozenset(
    ["what", "which", "who", "whom", "whose", "when", "where", "why", "how", "does", "did", "do", "is", "are", "was", "were", "will", "would", "can", "could", "should", "many", "much", "kind", "sort", "type", "anything", "something", "say", "said", "tell", "according", "article", "articles", "mention", "mentioned", "happen", "happened"]
)


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """English stop words (the list llama-index bundles) plus question words."""
    from llama_index.core.utils import globals_helper

    return frozenset(globals_helper.stopwords) | QUESTION_WORDS


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball stem of a lower-cased word (cached: the same words recur constantly)."""
    return str(_stemmer().stemWord(word.lower()))


def words(text: str) -> list[str]:
    """Word tokens; possessive 's is dropped ("Russia’s" -> "Russia")."""
    return [re.sub(r"['’]s$", "", w) for w in WORD.findall(text)]


def content_terms(text: str) -> list[str]:
    """Stems of the words that carry meaning (no stop words), in order, without repeats."""
    stop = stopwords()
    seen: dict[str, None] = {}
    for word in words(text):
        low = word.lower()
        if low not in stop and (len(low) > 1 or low.isdigit()):
            seen.setdefault(stem(low), None)
    return list(seen)
