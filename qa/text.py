"""Small text helpers shared by retrieval and answering: word tokens, stems, stop words."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?")  # letters of any script: "Zébulon" is one word

# Question words and fillers that carry no topic (light verbs: "who went to Moscow to see Putin?" is about
# Moscow and Putin; "things"); added to the usual English stop words.
QUESTION_WORDS = frozenset(
    """what which who whom whose when where why how does did do is are was were will would can could should
    many much kind kinds sort sorts type types anything something say said tell according article articles
    mention mentioned happen happened go goes went gone going see sees saw seen get gets got thing things
    might may must shall ought explainer explainers""".split()
)


# Words a reporter uses for one another when naming what is talked about (stems), for term coverage and the
# topic of "what did X say about Y". A small, closed list: WordNet's synonyms, tried instead, answered
# unanswerable questions.
_SYNONYM_GROUPS = (
    frozenset({"war", "conflict", "fight", "hostil"}),
    frozenset({"ceasefir", "truce"}),
    frozenset({"deal", "agreement", "accord"}),
    frozenset({"talk", "negoti"}),
    frozenset({"chang", "evolv", "revis", "modifi"}),
    frozenset({"doubt", "question", "skeptic", "sceptic"}),
    frozenset({"kill", "dead", "death", "die", "fatal"}),
    frozenset({"carrot", "reward", "incent"}),
    frozenset({"stick", "punish", "penalti"}),
    frozenset({"fail", "break", "collaps"}),
    frozenset({"concern", "worri", "fear"}),
)


def synonyms(term: str) -> frozenset[str]:
    """The stems that name the same thing as ``term`` ("conflict" for "war"), not ``term`` itself."""
    return frozenset().union(*(group - {term} for group in _SYNONYM_GROUPS if term in group))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """English stop words (the NLTK list llama-index bundles) plus question words."""
    import llama_index.core

    # Read straight from the bundled file: llama-index's globals_helper imports all of nltk for it (~1 s).
    bundled = Path(llama_index.core.__file__).parent / "_static/nltk_cache/corpora/stopwords/english"
    return frozenset(bundled.read_text(encoding="utf-8").split()) | QUESTION_WORDS


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import Stemmer

    return Stemmer.Stemmer("english")


DEMONYM_ENDINGS = ("ian", "ean", "ia")


# Words Snowball folds into an unrelated one: "critical" (crucial) is no "critic", "policy" no "police",
# "university" no "universe", "organization" no "organ", "willing" (ready to) no "will" (a stop word), "objective"
# (an aim) no "object" (to protest).
UNFOLDED = frozenset(
    "critical critically policy policies university universities organization organizations organisation"
    " organisations willing objective objectives".split()
)


# Irregular past forms Snowball leaves alone, folded into the verb ("dealt with" is "deal with", "met" is "meet").
# Forms that are just as often other words ("left", "fed", "rose", "lay", "saw", "found") are left out, and "went"
# ("go" is all but a stop word: folding it made "who went to the summit" match any sentence with "go").
_IRREGULAR_VERBS = """deal dealt; meet met; hold held; tell told; speak spoke spoken; write wrote written
take took taken; make made; lead led; seek sought; fight fought; think thought; bring brought; buy bought
begin began begun; strike struck stricken; give gave given; come came; win won; lose lost; feel felt; keep kept
send sent; spend spent; build built; mean meant; stand stood; understand understood; choose chose chosen
draw drew drawn; drive drove driven; grow grew grown; know knew known; sell sold; break broke broken; fall fell fallen
freeze froze frozen; fly flew flown; throw threw thrown; withdraw withdrew withdrawn; run ran; sit sat; pay paid
flee fled; hide hid hidden; shake shook shaken; forbid forbade forbidden; arise arose arisen; catch caught
teach taught; swear swore sworn; tear tore torn; undertake undertook undertaken; hang hung; shoot shot; lend lent
steal stole stolen; forgive forgave forgiven; forget forgot forgotten; ride rode ridden; eat ate eaten"""
IRREGULAR = {
    past: verb
    for entry in _IRREGULAR_VERBS.replace("\n", "; ").split("; ")
    for verb, *pasts in [entry.split()]
    for past in pasts
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball stem of a lower-cased word, with demonyms folded into their place ("Ukrainian" and
    "Ukraine" -> "ukrain", "European" and "Europe" -> "europ"). Cached: the same words recur constantly."""
    word = word.lower()
    if word in UNFOLDED:
        return word
    word = IRREGULAR.get(word, word)
    stemmed = str(_stemmer().stemWord(word))
    for ending in DEMONYM_ENDINGS:
        if stemmed.endswith(ending) and len(stemmed) - len(ending) >= 4:
            return stemmed[: -len(ending)]
    return stemmed


def words(text: str) -> list[str]:
    """Word tokens; possessive 's is dropped ("Russia’s" -> "Russia")."""
    return [w[:-2] if w.endswith(("'s", "’s")) else w for w in WORD.findall(text)]


def content_terms(text: str) -> list[str]:
    """Stems of the words that carry meaning (no stop words), in order, without repeats."""
    return list(_content_terms(text))


# Cached: every question scores a few hundred candidate sentences, and the same sentences come back often.
@lru_cache(maxsize=50_000)
def _content_terms(text: str) -> tuple[str, ...]:
    stop = stopwords()
    seen: dict[str, None] = {}
    for word in words(text):
        low = word.lower()
        if low not in stop and (len(low) > 1 or low.isdigit()):
            seen.setdefault(stem(low), None)
    return tuple(seen)


class FoldingStemmer:
    """A PyStemmer-compatible stemmer (``stemWords``) applying ``stem``, so BM25 folds words like qa does."""

    def stemWords(self, words: list[str]) -> list[str]:
        """Stems of ``words``."""
        return [stem(w) for w in words]

    def stemWord(self, word: str) -> str:
        """Stem of one word."""
        return stem(word)


def outside_quotes(text: str, inside: bool = False) -> str:
    """The text outside quotation marks (“...” and "..."); ``inside``: the text starts within a quote opened
    earlier. A sentence that closes a quote it did not open starts inside one."""
    depth = 1 if inside or text.count("”") > text.count("“") else 0
    out = []
    straight_open = False
    for ch in text:
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(depth - 1, 0)
        elif ch == '"':
            straight_open = not straight_open
        elif depth == 0 and not straight_open:
            out.append(ch)
            continue
        out.append(" ")
    return "".join(out)


@lru_cache(maxsize=50_000)
def quote_balance(text: str) -> int:
    """Quotes a sentence opens without closing them (> 0), or closes without opening them (< 0)."""
    balance = text.count("“") - text.count("”")
    if text.count('"') % 2:
        balance += 1 if text.lstrip().startswith('"') else -1
    return balance
