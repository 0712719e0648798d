"""Follow-up questions: rewrite "and who did he meet?" into a standalone question before retrieval.

Without an LLM a small rule does it: a question that *looks like a follow-up* (it starts with "and",
"what about" or "how about", or it leans on a pronoun such as "he" or "it" and names nobody itself) gets
the *subject* of the previous question carried into it — the pronoun is replaced by the subject, or the
subject is added at the end. Any other question is returned unchanged. With an LLM (a llama-index ``LLM``)
the model rewrites it, and the rule is the fallback when the model fails or answers with nonsense.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from qa.places import is_city_or_larger, is_country_or_region
from qa.question import as_asked

log = logging.getLogger(__name__)

TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*|\S")

FOLLOWUP_STARTS = ("and", "what about", "how about")
PRONOUNS = frozenset("he she they it him her them his their its this that these those".split())
POSSESSIVES = frozenset({"his", "their", "its"})
PERSONAL = frozenset({"he", "she", "him", "her", "his"})
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# "that"/"this" are pronouns only when no noun follows: "what does that mean?", "who proposed this?".
_DEMONSTRATIVE_PRONOUN_NEXT = frozenset(
    """is was are were does did do has have had will would can could should mean means meant happen happened
    include includes involve involves cost say says said about for in on of to by with from ? . !""".split()
)
DETERMINERS = frozenset({"the", "a", "an"})
# Function words that end a noun phrase; capitalised words are never treated as function words.
FUNCTION_WORDS = frozenset(
    """a an the and or but if then so than as of in on at to for from by with about into over under after before
    between during against without within through up down out off again further once here there when where why how
    what which who whom whose all any both each few more most other some such no nor not only own same too very
    can will just should would could may might must shall do does did doing done is are was were be been being
    have has had having i me my myself we our ours you your he him his she her it its they them their this that
    these those many much say said says tell told happen happened according mention mentioned article articles
    kind sort type also still ever concerning regarding including like near across toward towards since until
    via per amid among despite following""".split()
)
QUESTION_LEADS = frozenset("what which who whom whose when where why how".split())
# Words that may stand between an auxiliary and its subject ("are other nations involved?").
_QUANTIFIERS = frozenset("the a an other some any all many these those this that its their his her".split())
# What follows a verb that ends a question: "did Rubio meet in Paris?", "did he say to the press?".
_PHRASE_AFTER_VERB = frozenset("in on at to for with about from by of the a an into over after before during".split())
# Auxiliaries followed by subject + main verb ("did Rubio say"); after "is"/"are" comes a noun or adjective.
_VERB_AUXILIARIES = frozenset("do does did will would can could should shall may might must has have had".split())
AUXILIARIES = frozenset(
    "do does did will would can could should shall may might must is are was were has have had".split()
)


@dataclass(frozen=True)
class _Token:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def _strip_lead(question: str) -> str:
    """The question without a leading "and"/"so"/"ok," and surrounding white space."""
    text = " ".join(question.split())
    return re.sub(r"^(?:and|so|ok|okay|also)\b[\s,]*", "", text, flags=re.IGNORECASE).strip()


def _is_proper(token: _Token, index: int) -> bool:
    """A capitalised word that is not the first word, "I" or a pronoun, or any word with a digit (years, 28)."""
    if not token.is_word or token.low in PRONOUNS or token.text == "I":
        return False
    if any(ch.isdigit() for ch in token.text):
        return True
    return index > 0 and token.text[:1].isupper()


def proper_nouns(question: str) -> list[str]:
    """Names in a question: runs of capitalised words after the first word ("Marco Rubio", "US")."""
    tokens = _tokens(_strip_lead(question))
    runs: list[str] = []
    current: list[str] = []
    for i, tok in enumerate(tokens):
        if _is_proper(tok, i) and not any(ch.isdigit() for ch in tok.text):
            current.append(tok.text)
            continue
        if current:
            runs.append(" ".join(current))
            current = []
    if current:
        runs.append(" ".join(current))
    return runs


def _pronoun_positions(tokens: list[_Token]) -> list[int]:
    found = []
    for i, tok in enumerate(tokens):
        if tok.low not in PRONOUNS:
            continue
        if tok.low in DEMONSTRATIVES:
            nxt = tokens[i + 1].low if i + 1 < len(tokens) else None
            if nxt is not None and nxt not in _DEMONSTRATIVE_PRONOUN_NEXT:
                continue  # "that deadline": a determiner, not a pronoun
        found.append(i)
    return found


def looks_like_followup(question: str) -> bool:
    """True for a question that leans on the previous one: it starts with "and"/"what about"/"how about",
    or it uses a pronoun (he, it, their, that...) and has no proper noun of its own."""
    text = " ".join(question.split()).lower()
    if any(re.match(rf"{lead}\b", text) for lead in FOLLOWUP_STARTS):
        return True
    tokens = _tokens(_strip_lead(question))
    return bool(_pronoun_positions(tokens)) and not proper_nouns(question)


def names_someone_by_pronoun(question: str) -> bool:
    """True when the question refers to a person only as "he", "she", "him", "her" or "his"."""
    return any(tok.low in PERSONAL for tok in _tokens(question))


def _split_at_verbs(phrase: list[tuple[_Token, bool]]) -> list[list[tuple[_Token, bool]]]:
    """Split "Zelenskyy visit Washington" (name, lower-case word, name: the word is a verb) into parts."""
    for i in range(1, len(phrase) - 1):
        if phrase[i - 1][1] and not phrase[i][1]:
            j = i
            while j < len(phrase) and not phrase[j][1]:
                j += 1
            if j < len(phrase):
                return [phrase[:i], *_split_at_verbs(phrase[i:])]
    return [phrase]


def noun_phrases(question: str) -> list[str]:
    """The noun phrases of a question, in order: runs of content words and names, with a leading article."""
    text = _strip_lead(question)
    tokens = _tokens(text)
    phrases: list[list[tuple[_Token, bool]]] = []
    current: list[tuple[_Token, bool]] = []
    for i, tok in enumerate(tokens):
        proper = _is_proper(tok, i)
        content = tok.is_word and (proper or tok.low not in FUNCTION_WORDS)
        if i == 1 and tokens[0].low == "who" and not proper:
            content = False  # "Who met Putin?": the word after "who" is its verb
        if content and not (i == 0 and tok.low in QUESTION_LEADS):
            if not current and i > 0 and tokens[i - 1].low in DETERMINERS:
                current.append((tokens[i - 1], False))
            current.append((tok, proper))
            continue
        if current:
            phrases.extend(_split_at_verbs(current))
        current = []
    if current:
        phrases.extend(_split_at_verbs(current))
    return [text[p[0][0].start : p[-1][0].end] for p in (_drop_verb(p, tokens) for p in phrases) if p]


def _drop_verb(phrase: list[tuple[_Token, bool]], tokens: list[_Token]) -> list[tuple[_Token, bool]]:
    """In "did Marco Rubio warn?" / "does the plan include?" the phrase after the auxiliary ends in its verb."""
    if len(phrase) < 2 or phrase[-1][1]:
        return phrase
    first, last = phrase[0][0], phrase[-1][0]
    before = next((t for t in reversed(tokens) if t.end <= first.start and t.low not in _QUANTIFIERS), None)
    after = next((t for t in tokens if t.start >= last.end), None)
    if (
        before is not None
        and before.low in _VERB_AUXILIARIES
        and (after is None or not after.is_word or after.low in _PHRASE_AFTER_VERB)
    ):
        return phrase[:-1]
    return phrase


def _has_name(phrase: str, *, person: bool = False) -> bool:
    """Whether a phrase holds a name; with ``person``, one that may name a person: no acronym ("the US") and no
    place the places table knows ("Ukraine", "the Kremlin", "Moscow")."""
    tokens = _tokens(phrase)
    return any(
        _is_proper(t, 1)
        and not any(c.isdigit() for c in t.text)
        and not (person and (t.text.isupper() or is_country_or_region(t.text) or is_city_or_larger(t.text)))
        for t in tokens
    )


def subject(question: str, *, person: bool = False) -> str:
    """The subject of a standalone question: its first noun phrase that holds a name ("the US peace plan"
    in "How many points does the US peace plan have?"), else its first longest noun phrase; "" if none.

    With ``person`` (for "he", "she"...) it is the first phrase that may name a person ("Marco Rubio"), and ""
    when none does: "he" is no country ("the US", "Ukraine").
    """
    phrases = noun_phrases(question)
    if not phrases:
        return ""
    if person:
        return next((p for p in phrases if _has_name(p, person=True)), "")
    named = [p for p in phrases if _has_name(p)]
    return named[0] if named else max(phrases, key=lambda p: sum(t.low not in DETERMINERS for t in _tokens(p)))


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _rule(question: str, previous: str) -> str:
    body = _strip_lead(question).rstrip(" ?.!")
    tokens = _tokens(body)
    if tokens and all(t.low in QUESTION_LEADS or t.low in {"else", "exactly"} for t in tokens):
        # "And when?" asks the previous question again with another question word.
        before = _strip_lead(previous).rstrip(" ?.!")
        lead = _tokens(before)[:1]
        if lead and lead[0].low in QUESTION_LEADS:
            rest = before[lead[0].end :]
        elif lead and lead[0].low in AUXILIARIES:
            rest = " " + before[:1].lower() + before[1:]
        else:
            rest = " " + before
        return _sentence_case(body) + rest + "?"
    positions = _pronoun_positions(tokens)
    person = bool(positions) and tokens[positions[0]].low in PERSONAL
    carried = subject(previous, person=person)
    if not carried:
        return question
    if positions:
        tok = tokens[positions[0]]
        replacement = carried + (("’" if carried.endswith("s") else "’s") if tok.low in POSSESSIVES else "")
        body = body[: tok.start] + replacement + body[tok.end :]
    elif carried.lower() not in body.lower():
        body = f"{body}, regarding {carried}"
    return _sentence_case(body) + "?"


REWRITE_PROMPT = """Rewrite the last question of a conversation as one standalone question that can be \
understood without the conversation: replace pronouns and vague references with what they refer to. \
If it is already standalone, repeat it unchanged. Answer with the question only.

Earlier questions:
{history}

Last question: {question}
Standalone question:"""


def _llm_rewrite(question: str, history: list[str], llm: Any) -> str | None:
    prompt = REWRITE_PROMPT.format(history="\n".join(f"- {h}" for h in history[-4:]), question=question)
    try:
        text = str(llm.complete(prompt).text)
    except Exception as exc:  # an unreachable or failing model must not break the chat: use the rule
        log.warning("follow-up rewrite by the LLM failed (%s); using the rule", exc)
        return None
    lines = [line.strip().strip('"“”').strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return None
    candidate = re.sub(r"^(standalone question|question)\s*:\s*", "", lines[0], flags=re.IGNORECASE)
    if not candidate or len(candidate) > max(300, 3 * len(question)):
        return None
    return candidate


def rewrite(question: str, history: list[str], llm: Any | None = None) -> str:
    """The question as a standalone search query, given the earlier questions of the conversation.

    ``history`` holds earlier (standalone) questions, oldest first. With ``llm`` (a llama-index LLM, called
    as ``llm.complete(prompt).text``) the model rewrites follow-ups; without one, or when it fails, the rule
    in this module's docstring does. A question that does not look like a follow-up is returned as asked.
    """
    question = " ".join(question.split())
    previous = [h for h in history if h and h.strip()]
    if not previous or not question:
        return question
    if llm is not None:
        rewritten = _llm_rewrite(question, previous, llm)
        if rewritten:
            return rewritten
    # judged without a guess at its answer: "who met them at the palace was it mack ron" leans on no earlier "it"
    if not looks_like_followup(as_asked(question)):
        return question
    return _rule(question, previous[-1])
