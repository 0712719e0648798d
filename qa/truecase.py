"""Truecase: give a question typed all in lower case the capitals the articles write its names with (and the
apostrophes a chat box drops: "whats", "ukraines").

Question analysis finds names by their capitals, so "who is thomas wright" names no one and is refused. The
articles themselves say which words are names: those they capitalise in mid-sentence. ``CaseForms`` learns
them from the chunks (kept in the search cache); ``truecase`` restores them in a question that has no capital
past its first letter. A question typed with capitals is left as written: its writer chose them.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from qa.text import stopwords

_TOKEN = re.compile(r"[^\W\d_]+")  # letters only: "Russia’s" is "Russia" then "s"
_LOWER = re.compile(r"\b[a-z]+\b")
_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][^\W\d_]+"
# capitalised words side by side, also across "of": "Secretary of State Marco Rubio"
_RUN = re.compile(rf"\b{_CAPITALISED}(?:[ \t]+(?:of[ \t]+)?{_CAPITALISED})*")
_LONGER = re.compile(r"\b[^\W\d_]{4,}")
_LONGER_CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-Þ][^\W\d_]{3,}")
# what may stand before a capital that only opens a sentence or a quote (not a closing quote: ",” Rubio said")
_SENTENCE_BREAK = re.compile(r"[.!?:;“\"(\[‘]")
_DOTTED_INITIALS = re.compile(r"\b(?:[a-z]\.){2,}")  # "u.s." is "U.S."
# contractions typed without their apostrophe, none of them another English word ("its", "well" are left alone)
_CONTRACTIONS = re.compile(
    r"\b(what|who|where|when|how|that|is|are|was|were|does|do|did|has|have|had|ca|could|would|should|wo)(s|nt)\b"
)
CONNECTORS = frozenset({"of"})  # inside a name: "Secretary of State" ("for" joins too much: "Trump for November")
NAME_SHARE = 0.9  # a word is a name when the articles capitalise at least this share of its mid-sentence uses
HEADLINE_CHARS = 200  # a line as short as a headline may be one in title case ...
TITLE_LINE_SHARE = 0.8  # ... when this share of its longer words is capitalised


@dataclass
class CaseCounts:
    """Counts, over chunk texts, of how each word is written in mid-sentence (``add`` each chunk, then
    ``forms``). A capital right after a sentence break, at a line's start, or in a title-case headline
    says nothing about the word."""

    uses: Counter[str] = field(default_factory=Counter)
    capitalised: Counter[str] = field(default_factory=Counter)
    alone: Counter[str] = field(default_factory=Counter)  # capitalised with no capitalised word beside it
    written: dict[str, Counter[str]] = field(default_factory=dict)
    pairs: set[tuple[str, str]] = field(default_factory=set)  # capitalised words side by side ("white house")

    def add(self, text: str) -> None:
        """Count the words of one chunk."""
        for line in text.split("\n"):
            if len(line) < HEADLINE_CHARS:
                longer = len(_LONGER.findall(line))
                if longer >= 3 and len(_LONGER_CAPITALISED.findall(line)) >= TITLE_LINE_SHARE * longer:
                    continue
            # in a few regex calls: the lower-case words, and the runs of capitalised words to look at closer
            self.uses.update(_LOWER.findall(line))
            first = len(line) - len(line.lstrip())
            for run in _RUN.finditer(line):
                start = run.start()
                opens = start <= first or bool(_SENTENCE_BREAK.search(line, max(0, start - 3), start))
                self._add_run(run.group().split(), opens)

    def _add_run(self, run: list[str], opens: bool) -> None:
        """Count one run of capitalised words ("Secretary of State Marco Rubio"), ``opens`` when its first word
        may be capitalised only for opening a sentence or a quote."""
        words = [w for w in run if w not in CONNECTORS]
        self.pairs.update((a.lower(), b.lower()) for a, b in itertools.pairwise(words))
        for i, word in enumerate(words):
            if i == 0 and opens:
                continue
            low = word.lower()
            self.uses[low] += 1
            self.capitalised[low] += 1
            forms = self.written.get(low)
            if forms is None:
                forms = self.written[low] = Counter()
            forms[word] += 1
            # beside a capital that only opens the sentence ("In Kharkiv") it still stands alone
            if len(words) == 1 or (len(words) == 2 and i == 1 and opens):
                self.alone[low] += 1

    def forms(self) -> CaseForms:
        """The names found: each word the articles capitalise, as they write it."""
        stop = stopwords()
        names: dict[str, str] = {}
        in_names: dict[str, str] = {}
        for low, count in self.capitalised.items():
            if count < NAME_SHARE * self.uses[low]:
                continue
            form = self.written[low].most_common(1)[0][0]
            if low in stop and not form.isupper():  # "US", but never "May" or "Will"
                continue
            (names if self.alone[low] else in_names)[low] = form
        known = names.keys() | in_names.keys()
        pairs = {(a, b) for a, b in self.pairs if (a in in_names or b in in_names) and a in known and b in known}
        return CaseForms(names, in_names, pairs)


@dataclass
class CaseForms:
    """Words the articles write as names: ``names`` on their own ("Witkoff", "Geneva", "US"), ``in_names``
    only beside another capitalised word (``pairs``: "News" in "Fox News", "House" in "White House")."""

    names: dict[str, str] = field(default_factory=dict)
    in_names: dict[str, str] = field(default_factory=dict)
    pairs: set[tuple[str, str]] = field(default_factory=set)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready form (for the search cache)."""
        return {"names": self.names, "in_names": self.in_names, "pairs": sorted(self.pairs)}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> CaseForms:
        """Read what ``to_json`` wrote."""
        return cls(dict(raw["names"]), dict(raw["in_names"]), {(a, b) for a, b in raw["pairs"]})


def truecase(question: str, forms: CaseForms) -> str:
    """``question`` with the capitals of the names the articles write, when it has no capital past its first
    letter ("who is thomas wright" -> "Who is Thomas Wright"); otherwise as it is."""
    if question[1:] != question[1:].lower() or not any(c.isalpha() for c in question):
        return question
    question = _DOTTED_INITIALS.sub(lambda m: m.group().upper(), _CONTRACTIONS.sub(_apostrophe, question))
    # a name's possessive typed without its apostrophe: "ukraines" is "ukraine's" where the articles name Ukraine
    question = _TOKEN.sub(lambda m: _possessive(m.group(), forms), question)
    tokens = list(_TOKEN.finditer(question))
    words = [t.group().lower() for t in tokens]
    parts: list[str] = []
    last = 0
    for i, token in enumerate(tokens):
        form = forms.names.get(words[i]) or (forms.in_names.get(words[i]) if _beside_pair(words, i, forms) else None)
        if form is not None:
            parts.append(question[last : token.start()] + form)
            last = token.end()
    question = "".join(parts) + question[last:]
    return question[:1].upper() + question[1:]


def _beside_pair(words: list[str], i: int, forms: CaseForms) -> bool:
    """Whether word ``i`` stands beside a word it is capitalised with in the articles (across "of")."""
    before = [j for j in (i - 1, i - 2) if j >= 0 and (j == i - 1 or words[i - 1] in CONNECTORS)]
    after = [j for j in (i + 1, i + 2) if j < len(words) and (j == i + 1 or words[i + 1] in CONNECTORS)]
    return any((words[j], words[i]) in forms.pairs for j in before) or any(
        (words[i], words[j]) in forms.pairs for j in after
    )


def _apostrophe(m: re.Match[str]) -> str:
    """ "whats" -> "what's", "didnt" -> "didn't"; "hows" but never "dos" or "wos"."""
    word, ending = m.group(1), m.group(2)
    if (ending == "s") == (word in ("what", "who", "where", "when", "how", "that")):
        return f"{word}'s" if ending == "s" else f"{word}n't"
    return m.group()


def _possessive(word: str, forms: CaseForms) -> str:
    """ "ukraines" -> "ukraine's" where the articles name Ukraine but write no word "ukraines"."""
    if len(word) <= 3 or not word.endswith("s"):
        return word

    def known(w: str) -> bool:
        return w in forms.names or w in forms.in_names

    return f"{word[:-1]}'s" if not known(word) and known(word[:-1]) else word
