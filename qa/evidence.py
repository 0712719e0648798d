"""Evidence: score the sentences of the retrieved passages against the question and pick the answer set.

Each candidate sentence gets a score from its embedding cosine with the question, the idf-weighted share of
the question's terms it contains, the fused rank of its passage and whether it holds the kind of answer asked
for (a number for "how many", a date for "when"). A sentence that is itself a question is never evidence, but
the sentences right after a question that matches the asked one (an FAQ answer) are boosted.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qa.places import demonym_stems, names_a_party
from qa.question import YES_NO_RE, QuestionInfo, RoleMention, asks
from qa.retrieve import CorpusStats
from qa.sentence_checks import (
    CRITICISM_STEMS,
    EXPLICIT_DATE_RE,
    MONTHS,
    SLOT_TYPES,
    asks_city,
    continues_quote,
    criticises,
    dated_by_reference,
    foretells,
    has_answer_type,
    holds_role,
    names_in,
    people_in,
    people_named_with_titles,
    places_in_country_only,
    quotes_question,
    reports_speech,
    role_holders,
    sides_of,
    speaker_aliases,
    spoken_by,
    states_demands,
)
from qa.store import spans_by_source
from qa.text import content_terms, outside_quotes, quote_balance, stem, synonyms, words

W_COSINE, W_LEXICAL, W_WINDOW, W_RANK, W_ARTICLE = 0.50, 0.30, 0.10, 0.10, 0.10
TYPE_BONUS, TYPE_PENALTY = 0.06, 0.12
# A "why" answer is the sentence giving a reason more than the one restating the question ("Zelenskyy and analysts
# have long questioned Putin's desire ..." vs "... because he doesn't face any internal pressure"). Swept over all
# labelled questions: 0.08 +2; 0.09 and 0.10 also answer "Why do critics object to ...?" from the wrong article
# (its passage is not retrieved); 0.11 and up answer unanswerable "why" questions
REASON_BONUS = 0.08
# A sentence holding words the question quotes ("What did Rubio mean with the 'this is not our war' line?") is
# the statement it asks about, however the rest of the question is worded
QUOTED_BONUS = 0.20
# A sentence naming the things a "what <things>" question asks for ("Moscow has tied its conditions to ..." for
# "What conditions has Moscow set?") ranks above one that names none, even from a better-ranked passage; 0.06-0.08
# gained the same over all labelled questions, 0.10 began to lose
FOCUS_BONUS = 0.06
LIGHT_FOCUS = frozenset({"role", "part"})  # "What role does X play?" is answered without the word "role"
# taken from an article holding none of the question's telling names (_absent_names): 0.10-0.20 gained the same
# over all labelled questions and lost nothing, 0.30 began to lose
W_ABSENT = 0.15
# for a sentence telling what the side the question asks about wants (states_demands): 0.05 and 0.10 gained 9 and 11
# of the 12 questions 0.15 gains over all labelled ones, 0.25 began to lose; it orders, never decides (unnamed)
W_DEMANDS = 0.15
W_NAMES = 0.03  # for naming who and what the question names; it orders the answer, never decides one (unnamed)
FAQ_SENTENCES = 3  # an FAQ answer is quoted up to this many sentences
FAQ_MATCH = 0.80  # cosine above which a question line in a document "is" the asked question
KEEP_RATIO = 0.81  # further sentences are cited while they score at least this share of the best
LIST_RATIO = 0.60  # for list questions, the best sentence of each further article is added down to this share
FRAGMENT_PENALTY = 0.15  # headings and other lines that are not sentences make poor evidence
REDUNDANT = 0.92  # cosine above which two sentences say the same thing
# A neighbour of the best sentence that adds this share of the question's weighted terms, scoring at least
# this share of the best, is cited with it: the two say together what the question asks.
NEIGHBOUR_GAIN, NEIGHBOUR_RATIO = 0.08, 0.7
SAME_STATEMENT = 0.5  # cosine above which two sentences naming the same speaker report one statement
RESTATES_LEXICAL, EXPLANATION_SENTENCES = 0.8, 2  # a sentence stating what a "why" asks about; what follows it
REPORT_LEXICAL = 0.2  # a report of someone's words is about the question when it holds this share of its words
SAYS_WITHIN = 40  # "He said ...", "He also told ...": the verb of saying comes within these characters
DATE_LOOKBACK = 2  # a date referred back to ("that month") is looked for this many sentences back
QUOTE_PARTS = 3  # a quote cut in sentences is cited whole up to this many sentences
NEIGHBOUR_HITS, NEIGHBOUR_CHARS = 6, 600  # the best 6 passages bring the sentences within 600 characters
# A sentence just outside a passage (chunk edges fall anywhere) ranks at this share of that passage, not 0.
NEIGHBOUR_RANK = 0.5
# A person the sentence speaks of by a pronoun, named in the sentence next to it ("... criticism of Putin from
# Trump" then "“... maybe he doesn’t want to stop the war ...” Trump wrote in a post on Truth Social.")
PERSONAL_PRONOUN = re.compile(r"(?i)\b(?:he|she|him|his|her)\b")
_PRONOUN_OPENING = re.compile(r"\W*(?:he|she)\b", re.IGNORECASE)  # "He said...": who is in the sentence before
_SAYS = re.compile(r"\b(said|says|wrote|writes|added|told|tells|stated|asked)\b")
SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", "'", ")")


@dataclass
class Evidence:
    """A candidate sentence with its features and final score."""

    source: str
    title: str
    start: int
    end: int
    text: str
    cosine: float = 0.0
    lexical: float = 0.0
    window: float = 0.0
    article: float = 0.0
    rank: float = 0.0
    typed: bool = True
    faq: float = 0.0
    score: float = 0.0
    named: float = 0.0  # the part of ``score`` for naming (or, from its article, never naming) what the question names
    # its terms, with the role words of whoever it names that a question names by role ("Secretary of State" for
    # "Rubio"); and those of the sentence and its neighbours
    terms: frozenset[str] = field(default=frozenset(), repr=False)
    near_terms: frozenset[str] = field(default=frozenset(), repr=False)
    quote_depth: int = 0  # quotes left open by the sentences right before it: > 0 when it is quoted speech
    vector: np.ndarray | None = field(default=None, repr=False)

    @functools.cached_property
    def is_question(self) -> bool:
        """A sentence that asks does not answer."""
        return asks(self.text)


class TermCoverage:
    """Share of a question's idf weight whose terms occur in a set of terms (0..1); the weights are computed
    once per question, then applied to every candidate sentence, window and article."""

    def __init__(self, question: QuestionInfo, stats: CorpusStats) -> None:
        self.weights = {t: stats.idf(t) for t in question.terms}
        self.total = sum(self.weights.values())
        # each term with the stems of its word family ("economy" is met by "economic")
        # and a place with its people's adjective where they share no stem ("Swiss" is met by "Switzerland")
        self.groups = [
            (frozenset({t} | stats.variants(t) | synonyms(t) | demonym_stems(t)), w) for t, w in self.weights.items()
        ]

    def __call__(self, have: set[str] | frozenset[str]) -> float:
        if not self.total:
            return 0.0
        return sum(w for family, w in self.groups if not family.isdisjoint(have)) / self.total


def sentence_records(
    store: Any,
    nodes: list[Any],
    others: Sequence[Any] = (),
    qvec: np.ndarray | None = None,
    closest: int = 0,
) -> list[dict[str, Any]]:
    """The stored sentences (text, offsets, vector) of the retrieved chunks, read by id (see Store.sentences_in).

    The best few chunks bring their neighbourhood too (NEIGHBOUR_CHARS either side): an answer often sits
    in the sentence next to the passage that matched the question's words. Of the other candidate chunks
    (``others``), the ``closest`` sentences to ``qvec`` come too, each with the sentences either side of it.
    """
    wanted = []
    # the file versions the chunks were cut from: a file's cached list of blocks is only good for that version
    versions = {str(h.node.metadata["source"]): str(h.node.metadata.get("sha256", "")) for h in [*nodes, *others]}
    for position, hit in enumerate(nodes):
        spans = _spans(hit)
        if spans:
            margin = NEIGHBOUR_CHARS if position < NEIGHBOUR_HITS else 0
            wanted.append((str(hit.node.metadata["source"]), spans[0][0] - margin, spans[-1][1] + margin))
    extra = [(str(h.node.metadata["source"]), s[0][0], s[-1][1]) for h in others if (s := _spans(h))]
    if not (closest and extra and qvec is not None):
        return store.sentences_in(wanted, versions)  # type: ignore[no-any-return]
    records: list[dict[str, Any]] = store.sentences_in(wanted + extra, versions)  # one read for both
    spans_of = spans_by_source(wanted)
    inside = [any(a <= r["start"] and r["end"] <= b for a, b in spans_of.get(r["source"], ())) for r in records]
    # A chunk's mean vector blurs a sentence that alone says what is asked ("Critics argue that Trump's
    # negotiation style ..." in a passage about the Paris summit): the candidates' closest sentences come too.
    outside = [i for i, keep in enumerate(inside) if not keep]
    if outside:
        vectors = np.asarray([records[i]["vector"] for i in outside], dtype=np.float32)
        near = np.argsort(-(vectors @ qvec))[:closest]
        for i in (outside[k] for k in near):
            for j in (i - 1, i, i + 1):  # sorted by (source, start): the sentences either side of it
                if 0 <= j < len(records) and records[j]["source"] == records[i]["source"]:
                    inside[j] = True
    return [r for r, keep in zip(records, inside, strict=True) if keep]


def _spans(hit: Any) -> list[list[int]]:
    """The (start, end) offsets of a retrieved chunk's sentences."""
    return json.loads(hit.node.metadata.get("sentences", "[]"))  # type: ignore[no-any-return]


def score_sentences(
    question: QuestionInfo, qvec: np.ndarray, nodes: list[Any], records: list[dict[str, Any]], stats: CorpusStats
) -> list[Evidence]:
    """Score every candidate sentence; returns them best first."""
    rank_of: dict[tuple[str, int], float] = {}
    title_of: dict[str, str] = {}
    reach: list[tuple[str, int, int, float]] = []  # (source, start, end, rank): where a hit's neighbours lie
    for position, hit in enumerate(nodes):
        meta = hit.node.metadata
        title_of[meta["source"]] = meta.get("title", "")
        rank = 1.0 / (1.0 + 0.5 * position)
        spans = _spans(hit)
        for a, _ in spans:
            key = (meta["source"], a)
            rank_of[key] = max(rank_of.get(key, 0.0), rank)
        if spans and position < NEIGHBOUR_HITS:
            reach.append((meta["source"], spans[0][0] - NEIGHBOUR_CHARS, spans[-1][1] + NEIGHBOUR_CHARS, rank))
    qnorm = qvec / (float(np.linalg.norm(qvec)) or 1.0)
    coverage = TermCoverage(question, stats)
    evidence: list[Evidence] = []
    ordered = sorted(records, key=lambda r: (r["source"], r["start"]))
    known_names: frozenset[str] = frozenset()
    if question.qtype == "person":
        known_names = known_names.union(*(names_in(rec["text"]) for rec in ordered))
    people: frozenset[str] = frozenset()
    if question.qtype == "place":  # names given to persons are no places ("criticism of Putin from Trump")
        people = people.union(*(people_in(rec["text"]) for rec in ordered))
    asked = frozenset(question.terms)
    judged = asked & CRITICISM_STEMS if question.asks_judgement else frozenset()  # "criticism", "critics"
    # A sentence naming someone the texts give a role the question asks about holds the role's words too, though
    # it calls them something else: "Which aide ...?" and "Andriy Yermak, a top aide" elsewhere; "the Russian
    # president" and "Russian President Vladimir Putin"; "Trump's envoy" and "Witkoff, ... Trump’s ... envoy".
    texts = [rec["text"] for rec in ordered]
    mentions = [*question.role_mentions, *([RoleMention(question.role, ())] if question.role else [])]
    by_role = [
        (set(m.stems), role_holders(texts, m.role, m.qualifiers) | set(speaker_aliases(m.stems, texts)))
        for m in mentions
    ]
    # one product for all: a hundred single dot products cost 0.4 ms
    cosines = (np.vstack([rec["vector"] for rec in ordered]) @ qnorm).tolist() if ordered else []
    for rec, cos in zip(ordered, cosines, strict=True):
        ev = Evidence(rec["source"], title_of.get(rec["source"], ""), int(rec["start"]), int(rec["end"]), rec["text"])
        ev.vector = rec["vector"]
        ev.cosine = cos
        own = set(content_terms(ev.text))
        if judged and criticises(ev.text, asked):  # "accused of" is the criticism the question asks about
            own |= judged
        for mention, names in by_role:
            if not names.isdisjoint(own):
                own |= mention
        ev.terms = frozenset(own)
        ev.lexical = coverage(ev.terms)
        ev.rank = rank_of.get((ev.source, ev.start), 0.0) or NEIGHBOUR_RANK * max(
            (r for src, a, b, r in reach if src == ev.source and a <= ev.start < b), default=0.0
        )
        ev.typed = has_answer_type(question.qtype, ev.text, question.text, question.focus, known_names, people)
        if question.asks_holder:  # "who is the foreign minister?": a name given that role
            ev.typed = ev.typed and holds_role(ev.text, question.role)
        if evidence and next_to(evidence[-1], ev):
            ev.quote_depth = max(0, min(evidence[-1].quote_depth + quote_balance(evidence[-1].text), 2))
        evidence.append(ev)
    # the sentences before and after each one that its quote runs through (none for most: they quote nothing)
    quotes = [
        (_quote_parts(evidence, i, -1), _quote_parts(evidence, i, +1))
        if ev.quote_depth or quote_balance(ev.text)
        else ([], [])
        for i, ev in enumerate(evidence)
    ]
    if question.qtype == "person":  # quoted words are spoken by whoever the sentence that opens or closes them names
        said_by = [_quote_speaker_typed(evidence, i, *quotes[i]) for i in range(len(evidence))]
        for i, (ev, typed) in enumerate(zip(evidence, said_by, strict=True)):
            # and "He said ..." by whoever the sentence before names (cited with it: see with_context)
            ev.typed = ev.typed or typed or _context_before(evidence, i, "person") is not None
    if question.qtype == "place" and asks_city(question.text):
        # "... talks with officials from Ukraine and Europe in Switzerland." then "Rubio, speaking from the US
        # mission in Geneva, ...": the sentence placing the event in a country goes on to name the city
        cities = [ev.typed for ev in evidence]
        for i, ev in enumerate(evidence):
            goes_on = i + 1 < len(evidence) and cities[i + 1] and next_to(ev, evidence[i + 1])
            ev.typed = ev.typed or (goes_on and places_in_country_only(ev.text))
    asking = any(ev.is_question for ev in evidence)
    # the speaker as the question names them, and by name where it names a role ("the US president")
    speaker = question.speaker
    if question.asks_speech and speaker:
        speaker += speaker_aliases(speaker, texts)
        # and whoever the texts give the role the speaker is named by: "Witkoff, ... Trump’s international envoy"
        # speaks for "Trump's envoy"
        speaker += tuple(sorted(set().union(*(names for stems, names in by_role if stems <= set(question.speaker)))))
    headings = [_faq_heading(evidence, i) if asking else None for i in range(len(evidence))]
    for i, ev in enumerate(evidence):
        near = {j for j in range(max(0, i - 1), min(len(evidence), i + 2)) if evidence[j].source == ev.source}
        k = headings[i]
        if k is not None:  # an FAQ answer is about what its question asks, in whatever words it answers
            ev.cosine = max(ev.cosine, evidence[k].cosine)
            near.add(k)
        ev.near_terms = frozenset().union(*(evidence[j].terms for j in near))
        if question.asks_speech:  # someone's words, and when the question names the speaker, theirs
            before = _adjacent(evidence, i, i - 1)
            after = _adjacent(evidence, i, i + 1)
            speaker_ok = not speaker or spoken_by(ev.text, speaker, before, after)
            ev.typed = ev.typed and reports_speech(ev.text) and speaker_ok
            if question.asks_judgement:
                ev.typed = ev.typed and criticises(ev.text, asked)
        ev.window = coverage(ev.near_terms)
        said = ev.terms
        quoted_before, quoted_after = quotes[i]
        first = i - len(quoted_before)
        if continues_quote(evidence[first].text, _adjacent(evidence, first, first - 1)):
            quoted_before = [evidence[first - 1], *quoted_before]  # “...,” Rubio said. “This is not our war.”
        if quoted_before or quoted_after:  # a quote cut into sentences is one statement: its words count for each part
            said = frozenset().union(
                *(evidence[j].terms for j in range(i - len(quoted_before), i + len(quoted_after) + 1))
            )
            ev.lexical = coverage(said)
        if question.topic and not any(
            stats.found_in(t, said)
            or not synonyms(t).isdisjoint(said)
            # "maybe he doesn't want to stop the war" is about Putin, named in the sentence before
            or (t in ev.near_terms and PERSONAL_PRONOUN.search(ev.text))
            for t in question.topic
        ):
            ev.typed = False  # "what did Peskov say about the attack": his words on the talks are no answer
    if question.qtype in SLOT_TYPES or question.qtype == "reason":
        _share_statement_match(evidence)
    if question.qtype == "reason":
        _explanations_match(evidence)
    sources = {ev.source for ev in evidence}  # only the candidates' articles: the corpus may hold thousands
    article = {src: coverage(stats.source_terms.get(src, set())) for src in sources}
    absent = _absent_names(question, stats, sources)
    side = sides_of(question.demands_of, texts) if question.demands_of else frozenset()
    for ev in evidence:
        ev.article = article.get(ev.source, 0.0)
        ev.score = (
            W_COSINE * ev.cosine
            + W_LEXICAL * ev.lexical
            + W_WINDOW * ev.window
            + W_RANK * ev.rank
            + W_ARTICLE * ev.article
        )
        # the parts that order the answer, never decide one (see unnamed)
        ev.named = -W_ABSENT * absent.get(ev.source, 0.0)
        if side and states_demands(ev.text, side):  # "What is Putin asking for?": "Among Putin’s demands are ..."
            ev.named += W_DEMANDS
        # Names in every article weigh little in term coverage, yet "What does Putin think" asks for his view; only
        # a sentence holding what is asked gains ("despite Washington's overtures to Moscow" criticises no one).
        if question.names and ev.typed:
            ev.named += W_NAMES * sum(stats.found_in(n, ev.terms) for n in question.names) / len(question.names)
        ev.score += ev.named
        if question.qtype in ("reason", "describe"):  # too many ways to say it to penalise a sentence without a cue
            ev.score += (REASON_BONUS if question.qtype == "reason" else TYPE_BONUS) if ev.typed else 0.0
        elif question.qtype != "other" or question.asks_speech:
            ev.score += TYPE_BONUS if ev.typed else -TYPE_PENALTY
        if _names_the_focus(ev, question, stats) or not ev.terms.isdisjoint(question.choices):
            ev.score += FOCUS_BONUS  # "... first, second or third?": "for a third time"
        if question.qtype not in SLOT_TYPES and quotes_question(ev.text, question.text):
            ev.score += QUOTED_BONUS
        if ev.is_question:
            ev.score -= 1.0
        elif not ev.text.rstrip().endswith(SENTENCE_ENDS):
            ev.score -= FRAGMENT_PENALTY
    return sorted(evidence, key=lambda e: -e.score)


def _absent_names(question: QuestionInfo, stats: CorpusStats, sources: set[str]) -> dict[str, float]:
    """1.0 for each article holding none of the question's telling names, else 0.0: names some of the candidates'
    articles hold and others lack, of a place or a person ("... by the time of the Geneva talks?" is not answered
    from an article about Paris). The parties' countries, capitals and peoples are never telling alone, as
    articles write them in many ways ("US", "U.S.", "Washington", "American"), but an article naming one of them
    that others lack holds a part ("the missile barrage on Kyiv, and ... the Palm Sunday attack"). Names offered
    as alternatives, days and months ("Sunday TV programme") count for nothing."""
    offered = {n for group in question.alternatives for n in group}
    held: dict[str, set[str]] = {}
    for name in question.names:
        if name not in stats or name in offered or name in _CALENDAR_STEMS:
            continue
        forms = stats.forms(name)  # found_in's test, the word family found once for all the articles
        where = {src for src in sources if not forms.isdisjoint(stats.source_terms.get(src, set()))}
        if 0 < len(where) < len(sources):
            held[name] = where
    if all(names_a_party(n) for n in held):
        return {}
    holding = set().union(*held.values())
    return {src: float(src not in holding) for src in sources}


_CALENDAR_STEMS = frozenset(stem(m) for m in MONTHS)


def _names_the_focus(ev: Evidence, question: QuestionInfo, stats: CorpusStats) -> bool:
    """Whether the sentence names the things a "what / which <things>" question asks about (or a word of their
    family); slot questions ("which city") have their own checks."""
    return (
        question.qtype in ("other", "describe")
        and bool(question.focus)
        and LIGHT_FOCUS.isdisjoint(question.focus)
        and all(stats.found_in(t, ev.terms) for t in question.focus)
    )


def _explanations_match(evidence: list[Evidence]) -> None:
    """For a "why" question, the sentences after one that opens an FAQ answer ("Is there optimism for ...?") by
    stating what the question asks about (it holds RESTATES_LEXICAL of its words) and gives no reason are its
    explanation: they give the reason and match the question as that sentence does. "While challenges remain,
    there is cautious optimism about ... the negotiations." then "Both US and Russian officials have expressed a
    willingness to continue talks ..."; in running text the next sentence is as often about something else."""
    for i, ev in enumerate(evidence):
        if ev.typed or ev.is_question or ev.lexical < RESTATES_LEXICAL:
            continue
        if i == 0 or not (evidence[i - 1].is_question and next_to(evidence[i - 1], ev)):
            continue
        k, before = i + 1, ev
        while k < len(evidence) and k <= i + EXPLANATION_SENTENCES and next_to(before, evidence[k]):
            after = evidence[k]
            if after.is_question:
                break
            after.typed = True
            after.cosine = max(after.cosine, ev.cosine)
            after.lexical = max(after.lexical, ev.lexical)
            k, before = k + 1, after


def _share_statement_match(evidence: list[Evidence]) -> None:
    """A sentence that holds what is asked (a reason, a date, a programme) and reports the same statement as one
    that matches the question's words but holds nothing of the kind, matches the question as well as that one:
    the same speaker, in the same article, close in meaning (SAME_STATEMENT). "Rubio said the U.S. would decide
    whether continuing to pursue a diplomatic end ... will remain a priority" is asked about; "Rubio said during an
    appearance on NBC's “Meet the Press” that the administration may want to shift its attention to other
    priorities if a deal can't be reached soon" gives the programme and the reason."""
    speakers = [frozenset() if ev.vector is None or ev.is_question else people_in(ev.text) for ev in evidence]
    matches = [(ev.cosine, ev.lexical) for ev in evidence]
    for i, ev in enumerate(evidence):
        if not ev.typed or not speakers[i]:
            continue
        for j, other in enumerate(evidence):
            if (
                other.typed
                or other.source != ev.source
                or speakers[i].isdisjoint(speakers[j])
                or float(ev.vector @ other.vector) < SAME_STATEMENT  # type: ignore[operator]
            ):
                continue
            ev.cosine = max(ev.cosine, matches[j][0])
            ev.lexical = max(ev.lexical, matches[j][1])


def _faq_heading(evidence: list[Evidence], i: int) -> int | None:
    """Where the question an article poses right before ``evidence[i]`` (within FAQ_SENTENCES sentences)
    is: the heading of the FAQ answer the sentence is part of."""
    k = i
    for _ in range(FAQ_SENTENCES):
        if k == 0 or not next_to(evidence[k - 1], evidence[k]) or evidence[k].is_question:
            return None
        k -= 1
        if evidence[k].is_question:
            return k
    return None


def _quote_speaker_typed(evidence: list[Evidence], i: int, before: list[Evidence], after: list[Evidence]) -> bool:
    """Whether another sentence of the quote ``evidence[i]`` belongs to (``before`` and ``after`` it) names
    someone (“We're close, but we're not close enough.” closes a quote whose opening says who speaks), or the
    sentence that attributes it does."""
    if not before and not after:
        return False
    speaker = _attribution_before(evidence, i - len(before), [*before, evidence[i], *after])
    return any(part.typed for part in [*before, *after]) or (speaker is not None and speaker.typed)


def _adjacent(evidence: list[Evidence], i: int, j: int) -> str:
    """The text of candidate ``j`` when it is the sentence right before or after candidate ``i`` in its file."""
    if not 0 <= j < len(evidence):
        return ""
    a, b = sorted((evidence[i], evidence[j]), key=lambda e: e.start)
    return evidence[j].text if next_to(a, b) else ""


def faq_answer(evidence: list[Evidence]) -> list[Evidence]:
    """When the articles pose the asked question themselves, the sentences that answer it there.

    The document question that best matches the asked one (cosine >= FAQ_MATCH) is followed by its answer:
    the next sentences of the same file, up to the next question or a gap in the text.
    """
    questions = [e for e in evidence if e.is_question and e.cosine >= FAQ_MATCH]
    if not questions:
        return []
    best = max(questions, key=lambda e: e.cosine)
    ordered, position = _in_file_order(evidence)
    out = _answer_after(ordered, position[(best.source, best.start)], FAQ_SENTENCES)
    for ev in out:
        ev.faq = best.cosine
    return out


def _answer_after(ordered: list[Evidence], k: int, most: int) -> list[Evidence]:
    """Up to ``most`` sentences right after ``ordered[k]`` in its file (``ordered`` in file order), up to the next
    question or a gap in the text: the answer a posed question, or the answer's first sentence, begins; the
    particulars a sentence announcing a list goes on with."""
    out: list[Evidence] = []
    while len(out) < most and (after := _next_in_file(ordered, k + len(out))) is not None and not after.is_question:
        out.append(after)
    return out


def select(evidence: list[Evidence], max_sentences: int, wants_list: bool = False) -> list[Evidence]:
    """The sentences to answer with: an FAQ answer the articles give, else the best sentence and those
    close to it in score, without near-duplicates. A question asking for several things also gets the
    best sentence of each further article that scores close enough (answers that span articles)."""
    chosen: list[Evidence] = faq_answer(evidence)[:max_sentences]
    if chosen:
        return chosen
    chosen = _by_ratio(evidence, max_sentences)
    if wants_list and chosen:
        sources = {c.source for c in chosen}
        floor = LIST_RATIO * chosen[0].score
        for ev in evidence:
            if len(chosen) >= max_sentences or ev.score < floor:
                break
            if ev.source not in sources and not ev.is_question:
                chosen.append(ev)
                sources.add(ev.source)
    return chosen


def unnamed(evidence: list[Evidence]) -> list[Evidence]:
    """Copies of the evidence scored and ranked without the part given for naming what the question names.
    Whether the articles answer is judged on these: a name a sentence shares with the question reorders the
    answer, but never turns a refusal into one (sentences naming NATO do not say where its next summit is)."""
    if not any(e.named for e in evidence):  # the same scores, in the same order
        return evidence
    return sorted((_without_named(e) for e in evidence), key=lambda e: -e.score)


def _without_named(ev: Evidence) -> Evidence:
    copied = copy.copy(ev)  # dataclasses.replace runs __init__ again: 5x slower, for a hundred sentences a question
    copied.score, copied.named = ev.score - ev.named, 0.0
    return copied


def whole_quotes(chosen: list[Evidence], evidence: list[Evidence]) -> list[Evidence]:
    """Each chosen sentence that ends a quote opened in an earlier sentence (“It makes me think ... Too many
    people are dying!” Trump wrote) is preceded by the sentences that open it, and one that opens a quote is
    followed by the ones that close it, up to QUOTE_PARTS sentences in all: the words and who said them."""
    ordered, position = _in_file_order(evidence)
    out: list[Evidence] = []
    seen: set[tuple[str, int]] = set()
    for ev in chosen:
        i = position[(ev.source, ev.start)]
        before = _quote_parts(ordered, i, -1)
        after = [] if before else _quote_parts(ordered, i, +1)
        quote = [*before, ev, *after]
        speaker = _attribution_before(ordered, i - len(before), quote) if len(quote) > 1 else None
        for part in [speaker, *quote] if speaker else quote:
            if (part.source, part.start) not in seen:
                seen.add((part.source, part.start))
                out.append(part)
    return out


def with_neighbour(
    chosen: list[Evidence], evidence: list[Evidence], question: QuestionInfo, stats: CorpusStats, max_sentences: int
) -> list[Evidence]:
    """The best sentence with the one next to it that holds the question's words it lacks (“Rubio said
    during an appearance on NBC's Meet the Press that...” and “This week is going to be a really important
    week...”, asked how he described the week on that show), when that neighbour adds NEIGHBOUR_GAIN of the
    question's weighted terms and scores at least NEIGHBOUR_RATIO of the best. The pair is cited in file order,
    and the last of the other sentences gives way to it when the answer would exceed ``max_sentences``."""
    if not chosen:
        return chosen
    top = chosen[0]
    coverage = TermCoverage(question, stats)
    own = set(content_terms(top.text))
    base = coverage(own)
    taken = {(c.source, c.start) for c in chosen}
    best: tuple[float, Evidence] | None = None
    for ev in evidence:
        if (ev.source, ev.start) in taken or ev.is_question or ev.score < NEIGHBOUR_RATIO * top.score:
            continue
        if next_to(top, ev) or next_to(ev, top):
            gain = coverage(own | set(content_terms(ev.text))) - base
            if gain >= NEIGHBOUR_GAIN and (best is None or gain > best[0]):
                best = (gain, ev)
    if best is None:
        return chosen
    pair = sorted([top, best[1]], key=lambda e: e.start)
    return [*pair, *chosen[1:]][:max_sentences]


# What a sentence is about: the words before its first auxiliary ("Kyiv and its allies have been alarmed ...")
_SUBJECT = re.compile(
    r"^\W*(?P<subject>(?:[\w’'-]+\s+){1,6}?)(?:have|has|had|is|are|was|were|will|would|may|might|can|could|should|must)\b"
)


def with_same_subject(
    chosen: list[Evidence], evidence: list[Evidence], question: QuestionInfo, max_sentences: int
) -> list[Evidence]:
    """One of the two best sentences followed by the next one in its file when that one goes on about the group
    both it and the question name: its subject holds a common noun of theirs ("For Ukraine’s European allies,
    the summit offers a chance to gauge ..." then "Kyiv and its allies ... may view the talks as a chance to
    disrupt ...", asked what the allies hope to get). A name is left out: the next sentence about a person is
    as often about something else ("Zelenskyy is reportedly considering a visit ...")."""
    ordered, position = _in_file_order(evidence)
    taken = {(c.source, c.start) for c in chosen}
    asked = set(question.terms)
    for k, top in enumerate(chosen[:2]):
        i = position.get((top.source, top.start))
        after = None if i is None else _next_in_file(ordered, i)
        if after is None:
            continue
        m = _SUBJECT.match(after.text)
        if (after.source, after.start) in taken or after.is_question or not m:
            continue
        group = set(content_terms(" ".join(w for w in m.group("subject").split() if w[:1].islower())))
        if group & asked & set(content_terms(top.text)):
            return [*chosen[: k + 1], after, *chosen[k + 1 :]][: max(max_sentences, k + 2)]
    return chosen


def with_own_words(
    chosen: list[Evidence], evidence: list[Evidence], question: QuestionInfo, max_sentences: int
) -> list[Evidence]:
    """The best sentence, when it tells what someone said or did without quoting them, followed by the quote
    of theirs that opens the next sentence: "..., prompting criticism of Putin from Trump." and “It makes me
    think ... Too many people are dying!” Trump wrote ... (the account, then the words it sums up); "Rubio said
    during an appearance on NBC’s “Meet the Press” that ..." and “This week is going to be ...,” Rubio said.
    “But we want to see it happen. ... We're close, but we're not close enough.” A question asking for one
    thing (a number, date, place, person, programme) the best sentence gives needs no more."""
    if not chosen:
        return chosen
    # the best sentence, after the neighbour with_neighbour may have put before it
    at = 1 if len(chosen) > 1 and next_to(chosen[0], chosen[1]) and chosen[1].score > chosen[0].score else 0
    top = chosen[at]
    if top.quote_depth or quote_balance(top.text):  # the top is itself a quote
        return chosen
    if question.qtype in SLOT_TYPES and top.typed:
        return chosen
    ordered, position = _in_file_order(evidence)
    i = position[(top.source, top.start)]
    if _next_in_file(ordered, i) is None:
        return chosen
    quote, speakers = _quote_from(ordered, i + 1)
    if not quote or speakers.isdisjoint(names_in(top.text) | people_in(top.text)):
        return chosen
    return _with_quote_after(chosen, at, quote, max_sentences)


def _quote_from(ordered: list[Evidence], k: int) -> tuple[list[Evidence], frozenset[str]]:
    """The quote that opens at ``ordered[k]`` with the quote it goes on with after its attribution (“...,”
    Rubio said. “This is not our war. ...”), and the names its attribution gives; nothing when no sentence
    opens a quote there or no verb of saying attributes it."""
    opening = ordered[k]
    if opening.quote_depth or opening.is_question or not opening.text.lstrip().startswith(("“", '"')):
        return [], frozenset()
    quote = [opening, *_quote_parts(ordered, k, +1)]
    attribution = outside_quotes(quote[-1].text, inside=len(quote) > 1)
    if not _SAYS.search(attribution):
        return [], frozenset()
    end = k + len(quote)  # the quote's parts are consecutive: it ends at ordered[end - 1]
    after = _next_in_file(ordered, end - 1)
    if after is not None and continues_quote(after.text, quote[-1].text):
        quote += [after, *_quote_parts(ordered, end, +1)]
    return quote, names_in(attribution)


# Someone's words reported without quoting them: "warnings from Secretary of State Marco Rubio that ...".
_REPORTED = re.compile(
    r"\b(?:said|says|warned|warns|warnings?|suggested|hinted|cautioned|stated|argued|insisted|noted|signall?ed)\b"
    r"[^“”\".]*\bthat\b"
)


def with_their_words(
    chosen: list[Evidence], evidence: list[Evidence], question: QuestionInfo, max_sentences: int
) -> list[Evidence]:
    """For a "why" or yes/no question, a chosen sentence that reports what someone said without quoting them is
    followed by that person's quote in the same article closest to it in meaning: "... warnings from Secretary of State
    Marco Rubio that the United States may pull back from its mediation efforts if no progress is made ..." and
    “We need to decide in a matter of days,” Rubio said. “This is not our war. We have other priorities.” (the
    account, then the reasons in the speaker's own words). The report taken is of the person the question names,
    else the one holding most of the question's words, and at least REPORT_LEXICAL of them."""
    reacting = _REACTION.match(question.text.strip())
    if reacting:
        return _with_reaction_words(chosen, evidence, frozenset(reacting.group("who").split()), max_sentences)
    if question.qtype != "reason" and not YES_NO_RE.match(question.text.strip().lower()):
        return chosen
    asked = set(question.terms)
    # (names whom the question names, share of its words, place): the first of the best
    reports = [
        (not asked.isdisjoint(people_named_with_titles(c.text)), c.lexical, i)
        for i, c in enumerate(chosen)
        if _reports_words(c)
    ]
    # the first of them by that order whose speaker is quoted in its article
    ordered, _ = _in_file_order(evidence)
    for named, lexical, at in sorted(reports, key=lambda r: (-r[0], -r[1], r[2])):
        if not named and lexical < REPORT_LEXICAL:
            return chosen
        report = chosen[at]
        quote = _closest_quote_by(people_in(report.text), report, ordered)
        if quote:
            break
    else:
        return chosen
    return _with_quote_after(chosen, at, quote, max_sentences)


# "How did Trump react / has Trump responded to ...?": the named person's response, in deeds or in words
_REACTION = re.compile(
    r"(?i:how\s+(?:did|does|do|has|have|had|is|was)\s+)(?P<who>(?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)"
    r"\s+(?i:react|respond|responded|reacted|reacting|responding)\b"
)


def _with_reaction_words(
    chosen: list[Evidence], evidence: list[Evidence], who: frozenset[str], max_sentences: int
) -> list[Evidence]:
    """The best sentence, when it tells what ``who`` (as the question writes them) did, outside any quote,
    followed by their quote in the same article closest to it in meaning: "Trump also met with ... and criticized
    Putin for continuing to launch strikes ..." and “It makes me think ... through “Banking” or “Secondary
    Sanctions?” ...” Trump wrote in a post on Truth Social."""
    if not chosen:
        return chosen
    top = chosen[0]
    if top.quote_depth or quote_balance(top.text) or who.isdisjoint(words(outside_quotes(top.text))):
        return chosen
    taken = {(c.source, c.start) for c in chosen}
    quote = [q for q in _closest_quote_by(who, top, _in_file_order(evidence)[0]) if (q.source, q.start) not in taken]
    return _with_quote_after(chosen, 0, quote, max_sentences) if quote else chosen


def _with_quote_after(chosen: list[Evidence], at: int, quote: list[Evidence], max_sentences: int) -> list[Evidence]:
    """``chosen`` with ``quote`` right after ``chosen[at]`` (and not again further on), cut to ``max_sentences``
    but never within the quote."""
    taken = {(q.source, q.start) for q in quote}
    rest = [c for c in chosen[at + 1 :] if (c.source, c.start) not in taken]
    return [*chosen[: at + 1], *quote, *rest][: max(max_sentences, at + 1 + len(quote))]


def _closest_quote_by(speakers: frozenset[str], report: Evidence, ordered: list[Evidence]) -> list[Evidence]:
    """The quote in ``report``'s article (the candidates ``ordered`` in file order) whose attribution names one of
    ``speakers``, closest to it in meaning, with the quote it goes on with; none when there is none."""
    best: tuple[float, list[Evidence]] = (-1.0, [])
    for k, ev in enumerate(ordered):
        if ev.source != report.source:
            continue
        quote, by = _quote_from(ordered, k)
        if not quote or speakers.isdisjoint(by):
            continue
        close = max((float(report.vector @ q.vector) for q in quote if q.vector is not None), default=0.0)
        if close > best[0]:
            best = (close, quote)
    return best[1]


def _reports_words(ev: Evidence) -> bool:
    """Whether a sentence reports a named person's words without quoting them."""
    return (
        ev.vector is not None
        and not ev.quote_depth
        and not any(q in ev.text for q in ("“", "”", '"'))
        and bool(_REPORTED.search(ev.text))
        and bool(people_in(ev.text))
    )


def with_more_words(
    chosen: list[Evidence], evidence: list[Evidence], question: QuestionInfo, max_sentences: int
) -> list[Evidence]:
    """The best sentence, when it gives the words of the speaker the question names, followed by the next
    sentence when that one goes on with "He said ..." (“..., Kirill Dmitriev ... claimed that many countries
    are trying to ‘disrupt’ Russia’s dialogue with the US.” and “He said Putin’s latest meeting with Witkoff
    was ‘extremely productive,’ ...”, asked how Dmitriev described that dialogue); else a quote of theirs
    going on in the next sentence (see _with_quote_going_on)."""
    if not chosen or not question.asks_speech or not question.speaker:
        return chosen
    top = chosen[0]
    if set(question.speaker) <= set(content_terms(top.text)):
        more = next((ev for ev in evidence if next_to(top, ev)), None)
        if (
            more is not None
            and not more.is_question
            and _PRONOUN_OPENING.match(more.text)
            and _SAYS.search(more.text[:SAYS_WITHIN])
        ):
            rest = [c for c in chosen[1:] if (c.source, c.start) != (more.source, more.start)]
            return [top, more, *rest][:max_sentences]
    return _with_quote_going_on(chosen, evidence, question, max_sentences)


def _with_quote_going_on(
    chosen: list[Evidence], evidence: list[Evidence], question: QuestionInfo, max_sentences: int
) -> list[Evidence]:
    """One of the two best sentences, when it quotes the speaker the question names and closes with their name
    (“We need to decide in a matter of days,” Rubio said.), followed by the quote that opens the next sentence
    and names no one outside its quotation marks (“This is not our war. We have other priorities.”): the
    speaker's words go on. A question asking for one thing (a number, date, place, person, programme) the best
    sentence gives needs no more."""
    if question.qtype in SLOT_TYPES and chosen[0].typed:
        return chosen
    ordered, position = _in_file_order(evidence)
    taken = {(c.source, c.start) for c in chosen}
    for k, said in enumerate(chosen[:2]):
        outside = outside_quotes(said.text)
        if "”" not in said.text or not set(question.speaker) <= set(content_terms(outside)):
            continue
        i = position[(said.source, said.start)]
        more = ordered[i + 1] if i + 1 < len(ordered) and next_to(said, ordered[i + 1]) else None
        if more is None or (more.source, more.start) in taken or not more.text.lstrip().startswith("“"):
            continue
        parts = [more, *_quote_parts(ordered, i + 1, +1)]
        if any(re.search(r"\b[A-Z]", outside_quotes(p.text, inside=j > 0)) for j, p in enumerate(parts)):
            continue  # “...,” Putin replied: someone else's words
        return [*chosen[: k + 1], more, *chosen[k + 1 :]][:max_sentences]
    return chosen


def with_context(chosen: list[Evidence], evidence: list[Evidence], question: QuestionInfo) -> list[Evidence]:
    """Each chosen sentence that leans on the one before it for what the question asks is preceded by that
    sentence: for a "when" question, the date a "later that month" refers to ("... in March, Kyiv agreed",
    looked for up to DATE_LOOKBACK sentences back); for a "who" question, the name a "He said ..." stands for
    ("..., Kirill Dmitriev, a top Russian negotiator, claimed ...")."""
    if question.qtype not in ("date", "person"):
        return chosen
    ordered, position = _in_file_order(evidence)
    out: dict[tuple[str, int], Evidence] = {}  # in answer order; a sentence chosen further down moves up
    for ev in chosen:
        before = _context_before(ordered, position[(ev.source, ev.start)], question.qtype)
        if before is not None:
            out.setdefault((before.source, before.start), before)
        out.setdefault((ev.source, ev.start), ev)
    return list(out.values())


DETAIL_NEW_TERMS = 3  # a sentence adding at most this many words to the question's only announces a list
DETAIL_SENTENCES = 3  # the sentences after an announcement that may give its particulars
_DIGIT = re.compile(r"\d")


def with_details(
    chosen: list[Evidence], evidence: list[Evidence], question: QuestionInfo, stats: CorpusStats, max_sentences: int
) -> list[Evidence]:
    """For a question asking for several things, each chosen sentence that only announces them in the
    question's own words ("Meanwhile, Russia continued its assault on Ukrainian cities."), and for a question
    asking how or what (no yes/no, no name or number) the sentence the answer opens with when it does, is
    followed by the next sentence when that one gives particulars, a number or a name ("In Kharkiv, ... injured
    98 civilians"), and by the ones after it that go on giving particulars of what is asked ("A drone strike
    also targeted a bakery in Sumy ..."), up to DETAIL_SENTENCES."""
    # "To what extent did Russian attacks on Ukrainian cities continue ...?" is not answered by saying so; "Did
    # Russia keep up its assault ...?" is, and a number or a name asked for is no particular
    opening = question.qtype not in SLOT_TYPES and not YES_NO_RE.match(question.text.lower())
    if not question.wants_list and not (opening and chosen and _announces(chosen[0].text, question, stats)):
        return chosen
    ordered, position = _in_file_order(evidence)
    placed: set[tuple[str, int]] = set()
    out: list[Evidence] = []
    for k, ev in enumerate(chosen):
        if (ev.source, ev.start) in placed:
            continue
        out.append(ev)
        placed.add((ev.source, ev.start))
        if not (question.wants_list or (opening and k == 0)) or not _announces(ev.text, question, stats):
            continue
        for step, detail in enumerate(_answer_after(ordered, position[(ev.source, ev.start)], DETAIL_SENTENCES)):
            if not _particulars(detail.text, question.terms) or (step and detail.lexical <= 0):
                break  # past the first, only particulars of what is asked
            if (detail.source, detail.start) not in placed:  # in the order the article gives them
                out.append(detail)
                placed.add((detail.source, detail.start))
    return out[: max(max_sentences, len(chosen))]


def with_cities(
    chosen: list[Evidence], evidence: list[Evidence], question: QuestionInfo, max_sentences: int
) -> list[Evidence]:
    """For a "which city" question, each chosen sentence that places the event only in a country ("... in
    Switzerland.") is followed by its neighbour naming the city ("Rubio, speaking from the US mission in Geneva,
    ..."); when the answer would exceed ``max_sentences``, sentences that give no place make way first."""
    if question.qtype != "place" or not asks_city(question.text):
        return chosen
    ordered, position = _in_file_order(evidence)
    out = list(chosen)
    for ev in chosen:
        if not places_in_country_only(ev.text):
            continue
        city = _next_in_file(ordered, position[(ev.source, ev.start)])
        if (
            city is not None
            and city.typed
            and not places_in_country_only(city.text)
            and all(not _same(city, c) for c in out)
        ):
            out.insert(out.index(ev) + 1, city)
    while len(out) > max(max_sentences, 1):
        untyped = [k for k, c in enumerate(out) if not c.typed]
        out.pop(untyped[-1] if untyped else -1)
    return out


_QUALIFIER = re.compile(r"\b([A-Z][a-z]+)\s+([a-z]+)\b")


def _announces(sentence: str, question: QuestionInfo, stats: CorpusStats) -> bool:
    """Whether a sentence says no more than the question: no particulars, few other words."""
    asked = set(question.terms)
    # a name qualifying the question's own word is no particular: "Ukrainian cities" names no city
    asked |= {stem(m.group(1).lower()) for m in _QUALIFIER.finditer(sentence) if stem(m.group(2).lower()) in asked}
    if _particulars(sentence, asked):
        return False
    return sum(not stats.found_in(t, asked) for t in content_terms(sentence)) <= DETAIL_NEW_TERMS


def _particulars(sentence: str, asked: list[str] | set[str]) -> bool:
    """Whether a sentence gives a number, or a name whose stem is none of the question's terms ``asked``."""
    return bool(_DIGIT.search(sentence)) or any(stem(n.lower()) not in asked for n in names_in(sentence))


def _context_before(ordered: list[Evidence], k: int, qtype: str) -> Evidence | None:
    """The sentence before ``ordered[k]`` that gives what it refers to: a date, or whom "He"/"She" is."""
    ev = ordered[k]
    if qtype == "date" and dated_by_reference(ev.text):
        for _ in range(DATE_LOOKBACK):
            if k == 0 or not next_to(ordered[k - 1], ordered[k]):
                return None
            k -= 1
            if EXPLICIT_DATE_RE.search(ordered[k].text):
                return ordered[k]
    if qtype == "person" and _PRONOUN_OPENING.match(ev.text) and k > 0 and next_to(ordered[k - 1], ev):
        return ordered[k - 1] if names_in(ordered[k - 1].text) else None
    return None


def _in_file_order(evidence: list[Evidence]) -> tuple[list[Evidence], dict[tuple[str, int], int]]:
    """The candidates in file order, and where each one stands in it."""
    ordered = sorted(evidence, key=lambda e: (e.source, e.start))
    return ordered, {(e.source, e.start): i for i, e in enumerate(ordered)}


def _next_in_file(ordered: list[Evidence], k: int) -> Evidence | None:
    """The sentence right after ``ordered[k]`` in its file, when it is a candidate too."""
    if k + 1 < len(ordered) and next_to(ordered[k], ordered[k + 1]):
        return ordered[k + 1]
    return None


def _quote_parts(ordered: list[Evidence], i: int, step: int) -> list[Evidence]:
    """The sentences next to ``ordered[i]`` (before it: ``step`` -1, after it: +1) that the quote it is part
    of runs through, in file order."""
    parts: list[Evidence] = []
    k = i
    while len(parts) + 1 < QUOTE_PARTS:
        edge = ordered[k]
        depth_after = edge.quote_depth + quote_balance(edge.text)
        if (edge.quote_depth if step < 0 else depth_after) <= 0:
            break
        k += step
        if not 0 <= k < len(ordered):
            break
        nxt = ordered[k]
        if not next_to(*((nxt, edge) if step < 0 else (edge, nxt))) or nxt.is_question:
            break
        parts.append(nxt)
    return parts[::-1] if step < 0 else parts


def _attribution_before(ordered: list[Evidence], k: int, quote: list[Evidence]) -> Evidence | None:
    """For a quote (sentences ``quote``, the first at ``ordered[k]``) that says nowhere who speaks, the sentence
    right before it when that one ends by naming a speaker: “...,” Rubio said. “But we want to see it happen."""
    if k == 0 or not next_to(ordered[k - 1], quote[0]) or not continues_quote(quote[0].text, ordered[k - 1].text):
        return None
    return None if any(_SAYS.search(outside_quotes(q.text)) for q in quote) else ordered[k - 1]


def next_to(a: Evidence, b: Evidence) -> bool:
    """Whether ``b`` is the sentence right after ``a`` in the same file."""
    return a.source == b.source and 0 <= b.start - a.end <= 3


def _by_ratio(evidence: list[Evidence], max_sentences: int) -> list[Evidence]:
    chosen: list[Evidence] = []
    for ev in evidence:
        if len(chosen) >= max_sentences or ev.is_question:
            continue
        if chosen and ev.score < KEEP_RATIO * chosen[0].score:
            break
        if any(_same(ev, c) for c in chosen):
            continue
        chosen.append(ev)
    return chosen


def _same(a: Evidence, b: Evidence) -> bool:
    if a.text == b.text:
        return True
    if a.vector is None or b.vector is None:
        return False
    return float(a.vector @ b.vector) > REDUNDANT


def outcome_first(chosen: list[Evidence], question: QuestionInfo) -> list[Evidence]:
    """For a question asking how an event turned out, the answer opens with the sentence telling it rather than
    one reporting something as still to come: "talks in Paris produced an outline ..." before "Rubio, speaking
    from Paris ..., stated that the next meeting — scheduled for London — could determine ..."."""
    if len(chosen) < 2 or not foretells(chosen[0].text, question.text):
        return chosen
    told = next((k for k, c in enumerate(chosen) if not foretells(c.text, question.text)), None)
    return chosen if told is None else [chosen[told], *chosen[:told], *chosen[told + 1 :]]


def with_rest_of_faq_answer(
    chosen: list[Evidence], evidence: list[Evidence], question: QuestionInfo, max_sentences: int
) -> list[Evidence]:
    """The best sentence, when it opens the answer to a question an article poses, followed by the rest of that
    answer (up to FAQ_SENTENCES in all): asked "What could happen if the talks break down?", in words too far
    from "What are the potential risks if negotiations fail ...?" to match it, the answer's first sentence
    ("... could escalate further") wins, and the rest holds the other risks ("severe humanitarian
    consequences", "weaken international alliances"). A question asking for one thing needs no more."""
    if not chosen or question.qtype in SLOT_TYPES:
        return chosen
    top = chosen[0]
    ordered, position = _in_file_order(evidence)
    i = position[(top.source, top.start)]
    if i == 0 or not ordered[i - 1].is_question or not next_to(ordered[i - 1], top):
        return chosen
    rest = _answer_after(ordered, i, FAQ_SENTENCES - 1)
    taken = {(e.source, e.start) for e in rest}
    others = [c for c in chosen[1:] if (c.source, c.start) not in taken]
    return [top, *rest, *others][: max(max_sentences, 1)]
