"""What a question asks for: its content terms, the names in it, and the kind of answer it expects."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.text import QUESTION_WORDS, content_terms, stem, stopwords, words

_TYPES = (
    (
        "number",
        r"^(how (many|much|old|long|far|big|large|often)|what (number|percentage|share|amount|proportion)"
        r"|what is the (number|death toll|toll|total)|(by )?how much)\b",
    ),
    (
        "date",
        r"^(when|what (date|day|year|month|time)|which (date|day|year|month)|on what (date|day)"
        r"|by when|until when|by what date)\b",
    ),
    ("person", r"^(what|which) (is|was) the name of\b|^name the\b"),
    ("person", r"^(who|whom|whose|which (person|official|leader|president|minister|envoy|negotiator|spokesperson))\b"),
    (
        "place",
        r"^(where|(in |to |at |from )?(which|what) "
        r"(city|cities|country|countries|place|places|capital|region|regions|town|towns|nation|venue))\b",
    ),
)

NUMBER_WORDS = """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty hundred hundreds thousand thousands million millions billion
billions dozen dozens half twice double triple""".split()
MONTHS = """january february march april may june july august september october november december monday tuesday
wednesday thursday friday saturday sunday""".split()
DATE_WORDS = [*MONTHS, *"yesterday today tomorrow week weekend month year easter christmas".split()]

NUMBER_RE = re.compile(r"\b\d[\d,.]*\b|\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
DATE_RE = re.compile(r"\b(" + "|".join(DATE_WORDS) + r")\b|\b(19|20)\d\d\b|\b\d{1,2}/\d{1,2}\b", re.IGNORECASE)
NAME_RE = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
SPEAKER_RE = re.compile(r"\s+(said|says|told|wrote|added|noted|stated|argued|claimed)\b")
PLACE_RE = re.compile(r"\b(?:in|at|from|near|inside|outside)\s+(?:the\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")


_AUX = r"(?:is|are|was|were|do|does|did|have|has|had|will|would|can|could|should|may|might)\b"


@dataclass(frozen=True)
class QuestionInfo:
    """The parts of a question that evidence must match."""

    text: str
    terms: list[str]  # content-term stems
    names: list[str]  # stems of capitalised words and numbers: what a source must mention
    qtype: str  # number | date | person | place | other
    focus: list[str]  # stems of the noun phrase after "how many" / "which": "dollar" in "how many dollars"
    wants_list: bool  # the question asks for several things ("which cities", "what dates")


def analyse(question: str) -> QuestionInfo:
    """Analyse a (standalone) question."""
    q = " ".join(question.split())
    low = q.lower()
    qtype = next((name for name, pattern in _TYPES if re.search(pattern, low)), "other")
    if re.match(r"(?i:who|what) (?i:is|was|are|were) [A-Z0-9]", q):  # "Who is Javed Ali?" asks for a description
        qtype = "describe"
    stop = stopwords()
    names: list[str] = []
    for i, word in enumerate(words(q)):
        low_word = word.lower()
        if low_word in stop or low_word in QUESTION_WORDS:
            continue
        if (word[:1].isupper() and i > 0) or any(c.isdigit() for c in word):
            names.append(stem(low_word))
    focus: list[str] = []
    m = re.search(r"\b(?:how many|how much|which|what)\s+((?:[a-z-]+\s+){0,5}?[a-z-]+?)(?=\s+" + _AUX + r")", low)
    if m:
        focus = [stem(w) for w in words(m.group(1)) if w not in stop and w not in QUESTION_WORDS]
    plural = m is not None and qtype != "number" and m.group(1).split()[-1].endswith("s")
    wants_list = plural or bool(
        re.search(r"\b(articles|coverage|reports?|reported|all the|list|who has|who have)\b", low)
    )
    return QuestionInfo(q, content_terms(q), list(dict.fromkeys(names)), qtype, focus, wants_list)


def has_answer_type(qtype: str, sentence: str, question: str = "") -> bool:
    """Whether a sentence holds the kind of thing the question asks for (a number, a date, a name)."""
    if qtype == "number":
        return bool(NUMBER_RE.search(sentence))
    if qtype == "date":
        return bool(DATE_RE.search(sentence))
    asked = {w.lower() for w in words(question)}
    if qtype == "place":  # "in Geneva", "from Paris": a place the question does not already name
        asked_stems = {stem(w) for w in asked}
        return any(
            stem(w) not in asked_stems and w.lower() not in DATE_WORDS
            for m in PLACE_RE.finditer(sentence)
            for w in m.group(1).split()
        )
    if qtype == "person":  # a full name, or a name that speaks ("Ali said"), that the question does not hold
        return any(
            (
                len(m.group().split()) >= 2
                or SPEAKER_RE.match(sentence, m.end())
                or sentence[: m.start()].endswith("said ")
            )
            and any(w.lower() not in asked for w in m.group().split())
            for m in NAME_RE.finditer(sentence)
        )
    return True
