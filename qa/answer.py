"""Answer: turn chosen evidence into cited answer text, or say plainly that the articles don't say."""

from __future__ import annotations

import re
from pathlib import Path

from qa.cite import make_citation, verify
from qa.evidence import PERSONAL_PRONOUN, Evidence, next_to
from qa.models import Citation
from qa.places import IRREGULAR_DEMONYMS, governed_from
from qa.question import QuestionInfo, name_initials, role_stems
from qa.retrieve import CorpusStats
from qa.sentence_checks import (
    PEOPLE_STEMS,
    SLOT_TYPES,
    TOLL_STEMS,
    foretells,
    names_a_set_only_by_count,
    quotes_question,
    reports_no_agreement,
    role_phrases,
    withholds,
)
from qa.text import WORD, content_terms, stem

NOT_FOUND = "The articles don't say."
MIN_SCORE = 0.42  # best evidence score below which the articles are taken not to answer (calibrated on eval sets)
# A sentence that names someone but shares little of a "who" question's wording names someone else (the
# question's role or deed is elsewhere): calibrated on the labelled questions of tests/.
PERSON_MIN_LEXICAL = 0.4
# A best sentence this close to the question in meaning answers it though it shares few of its words ("the
# talks should focus on ending hostilities first" for "what should the talks concentrate on before anything
# else?"): calibrated on the labelled questions of tests/.
CLOSE_IN_MEANING = 0.5
SPECIFIC_SHARE = 0.6
# A sentence that holds this share of the question's wording is about what it asks even when the name that
# sets the scene is elsewhere in its article ("Yermak ... stating that the discussions have been productive"
# in the report on Geneva).
ANCHOR_LEXICAL = 0.6
ANCHOR_COSINE = 0.65  # or this close in meaning: "considering a visit to the US" for "expected to travel to the US"
# A sentence sharing less than this part of the wording of the one that tells of the asked event (and not
# next to it) is about something else: its date or count is not the one asked for.
OTHER_EVENT_SHARE = 0.5


def grounded(question: QuestionInfo, chosen: list[Evidence], stats: CorpusStats) -> tuple[bool, str]:
    """Whether the evidence answers the question, and if not, why (for debugging and the UI)."""
    if not chosen:
        return False, "no passage matches the question"
    missing = [t for t in question.names if t not in stats and not _spelt_differently(t, stats)]
    if missing and question.alternatives:  # "in Rome or in Madrid?": one alternative may be absent
        missing = _not_alternatives(missing, question.alternatives, chosen[0])
    if missing:  # the question's own words, looked at again only when a name seems absent
        other_forms = _other_forms(question, stats, chosen)
        missing = [t for t in missing if t not in other_forms]
    if missing:
        return False, f"the articles never mention: {', '.join(missing)}"
    unknown = [t for t in question.subjects if t not in stats and not stats.variants(t)]
    if unknown:  # "Has Ukraine held elections?" when no article mentions elections
        return False, f"the articles never mention: {', '.join(unknown)}"
    if question.role and not any(t in stats or stats.variants(t) for t in role_stems(question.role)):
        return False, f"the articles never mention: {question.role}"  # "Which US senator...?" with no senator
    # "How many persons ...?" counts what the articles call people (no synonyms for scoring, where "person" is
    # also the stem of "personally")
    people = any(p in stats for p in PEOPLE_STEMS)
    missing_focus = [t for t in question.focus if t not in stats and not (people and t in PEOPLE_STEMS)]
    if question.qtype == "number" and missing_focus:
        return False, f"the articles never mention: {', '.join(missing_focus)}"
    lead = chosen[: 3 if question.wants_list else 2]  # a list gathers its parts from several articles
    if question.qtype in SLOT_TYPES:
        top = chosen[0]
        typed = [
            e
            for e in lead
            if e.typed
            # a sentence sharing no word with the question dates (counts, places) something else ("Thursday’s
            # summit" for when Zelenskyy arrives in Washington), unless it is the best or next to it
            and (e.lexical > 0 or e is top or _beside(top, e))
            # the sentence right next to one about what is asked is part of the same account
            and (_anchored(e, question, stats) or (_beside(top, e) and _anchored(top, question, stats)))
            and (question.qtype != "number" or _same_event(e, question, stats))
        ]
        if not typed:
            return False, f"no passage gives the {question.qtype} asked for"
        if _told_without_it(top, typed):
            return False, f"the passage about what is asked gives no {question.qtype}"
    # of the three best: "Why do critics take issue with Trump's approach ...?" ranks two sentences about the
    # approach above "Critics argue that ..."
    if question.qtype == "reason" and not any(e.typed for e in chosen[:3]):
        return False, "no passage gives a reason"
    # what the question asks about: its focus ("What positive developments ...?"), else any word that names no
    # one ("Vance hinted at positive developments - what exactly were they?")
    asked = question.focus[-1:] or (
        [t for t in question.terms if t not in question.names] if question.qtype in ("other", "describe") else []
    )
    if withholds(chosen[0].text, asked):
        return False, "the articles say this was not disclosed"
    # unless the next sentence, about what is asked, tells it as done ("talks in Paris produced an outline")
    if foretells(chosen[0].text, question.text) and not any(
        not foretells(e.text, question.text) and _anchored(e, question, stats) for e in chosen[1:2]
    ):
        return False, "the articles report it before it happened"
    if names_a_set_only_by_count(chosen[0].text, question.text):
        return False, "the articles count them but do not name them"
    if reports_no_agreement([e.text for e in chosen[:2]], question.text):
        return False, "no passage reports what was agreed"
    if question.asks_speech and not any(e.typed for e in chosen[:2]):
        return False, "no passage reports what was said"
    if (
        question.qtype == "person"
        and not any(
            e.typed
            and (
                _holds_asked_role(e, question, stats)
                if question.asks_holder
                else e.lexical >= PERSON_MIN_LEXICAL
                or e.cosine >= ANCHOR_COSINE  # "the White House has insisted Europe should provide the guarantees"
                or quotes_question(e.text, question.text)
                or _names_asked_role(e, question, stats)
            )
            for e in chosen[:2]
        )
    ):
        return False, "no passage names the person in the question's context"
    if chosen[0].score < MIN_SCORE and chosen[0].cosine < CLOSE_IN_MEANING:
        return False, f"the best evidence is weak ({chosen[0].score:.2f})"
    return True, ""


def cite(corpus_dir: Path, chosen: list[Evidence]) -> tuple[str, list[Citation]]:
    """Answer text with [n] markers (numbered by first use) and the verified citations behind them.

    A quote that no longer matches its file (the file changed since indexing) is dropped, never shown.
    """
    parts: list[str] = []
    citations: list[Citation] = []
    for ev in chosen:
        if not verify(corpus_dir, ev.source, ev.text, ev.start, ev.end):
            continue
        n = len(citations) + 1
        citations.append(make_citation(corpus_dir, n, ev.source, ev.title, ev.text, ev.start, ev.end, ev.score))
        parts.append(f"{ev.text} [{n}]")
    return " ".join(parts), citations


def not_found_text(closest: list[Evidence]) -> str:
    """The plain refusal, followed by where the closest (but insufficient) passages are."""
    if not closest:
        return NOT_FOUND
    lines = [NOT_FOUND, "", "Closest passages (they do not answer the question):"]
    seen = set()
    for ev in closest:
        if ev.is_question or ev.source in seen:
            continue
        seen.add(ev.source)
        lines.append(f"- {ev.source}: “{ev.text}”")
        if len(seen) == 3:
            break
    return "\n".join(lines)


def _other_forms(question: QuestionInfo, stats: CorpusStats, chosen: list[Evidence]) -> set[str]:
    """Stems of the question's names that the articles write in another form: a people's adjective for its
    place ("Crimean" where the articles write "Crimea", "France" where they write "French"), the words of a
    name that the articles give by its initials ("National Security Council" for "NSC"), and initials the
    question writes for a name a chosen sentence writes out ("WH" for "the White House")."""
    found: set[str] = set()
    for word in WORD.findall(question.text):
        if word[:1].isupper() and word.endswith("an") and stem(word[:-1].lower()) in stats:
            found.add(stem(word.lower()))
        # "France" where the articles write "French"
        if any(stem(w) in stats for w in IRREGULAR_DEMONYMS.get(word.lower(), ())):
            found.add(stem(word.lower()))
    found.update(t for t, short in question.initials if short in stats)
    written_out = {short for e in chosen for short in name_initials(e.text)}
    capitals = set(re.findall(r"\b[A-Z]{2,}\b", question.text))
    found.update(t for t in question.names if t in written_out and t.upper() in capitals)
    found.update(_approximated(question.text, chosen[0].text))
    return found


# A number the question gives as approximate, and the range of numbers that say the same: "almost 100" is 98
_APPROXIMATE = re.compile(
    r"(?i)\b(?:(?P<below>almost|nearly|close to|just under|under|fewer than|less than|up to)"
    r"|(?P<above>just over|over|more than|at least)|about|around|roughly|approximately|some)\s+(?P<n>\d+)\b"
)
_NUMBER = re.compile(r"\b\d+(?:,\d{3})*\b")


def _approximated(question: str, sentence: str) -> set[str]:
    """The numbers the question gives as approximate ("almost 100 people") that the sentence gives within
    a fifth of them, on the side the question says: the articles say "98", not "100"."""
    given = [int(n.replace(",", "")) for n in _NUMBER.findall(sentence)]
    found: set[str] = set()
    for m in _APPROXIMATE.finditer(question):
        n = int(m["n"])
        low, high = (0.8 * n, n) if m["below"] else (n, 1.25 * n) if m["above"] else (0.8 * n, 1.25 * n)
        if any(low <= g <= high for g in given):
            found.add(m["n"])
    return found


def _not_alternatives(missing: list[str], groups: tuple[tuple[str, ...], ...], best: Evidence) -> list[str]:
    """The missing names that are not in an alternative beside one the best sentence holds in full: that
    sentence tells which it was ("Alaska or Rome?" with no sentence naming Rome is still about Alaska)."""
    told = any(not set(group) & set(missing) and set(group) <= best.terms for group in groups)
    return [t for t in missing if not told or not any(t in group for group in groups)]


def _spelt_differently(name: str, stats: CorpusStats) -> bool:
    """Whether the articles hold a close spelling of a name ("Zelensky" for "Zelenskyy"): a variant, not
    another entity. A name with no such variant is absent from the articles, however well the rest matches."""
    return len(name) >= 5 and bool(stats.near_spellings(name))


def _anchored(ev: Evidence, question: QuestionInfo, stats: CorpusStats) -> bool:
    """Whether the sentence is about what the question names: one of its specific names (those in at most
    SPECIFIC_SHARE of the chunks; "Russia" names nothing in a corpus about the war) in the sentence itself,
    and the rarest of them in its article. A number or a date from a passage about another event ("98
    injured in Kharkiv" for the strike on Sumy, "in March" for the Geneva talks) is no answer. A sentence
    that matches the question's wording closely (ANCHOR_LEXICAL; for a "who" question, PERSON_MIN_LEXICAL, which
    that answer must meet anyway) needs only the article to hold the name."""
    specific = [t for t in question.names if 0 < stats.df.get(t, 0) <= SPECIFIC_SHARE * stats.n]
    if not specific:
        return True
    rarest = max(specific, key=stats.idf)
    initials = dict(question.initials)  # "the US" is the question's "United States"
    own = ev.terms or set(content_terms(ev.text))  # "Rubio" is the question's "Secretary of State"
    close = PERSON_MIN_LEXICAL if question.qtype == "person" else ANCHOR_LEXICAL
    named = (
        any(stats.found_in(t, own) or initials.get(t) in own or not governed_from(t).isdisjoint(own) for t in specific)
        or ev.lexical >= close
        or quotes_question(ev.text, question.text)
        or _names_asked_role(ev, question, stats)
        or (bool(PERSONAL_PRONOUN.search(ev.text)) and any(t in ev.near_terms for t in specific))
    )
    article = stats.source_terms.get(ev.source, set())
    seat = governed_from(rarest)
    # in any spelling: "Zelensky" in the article is the question's "Zelenskyy"
    return named and (
        stats.found_in(rarest, article) or initials.get(rarest) in article or not seat.isdisjoint(article)
    )


def _names_asked_role(ev: Evidence, question: QuestionInfo, stats: CorpusStats) -> bool:
    """For "which <role>" (with what qualifies it), whether the sentence names someone in that very role:
    "Ukrainian official Andriy Yermak" for "Which Ukrainian official called the talks in Geneva productive?"
    in the article about them, though the sentence speaks of "the discussions"."""
    if question.qtype != "person" or not question.role:
        return False
    qualifiers = next((m.qualifiers for m in question.role_mentions if m.role == question.role), ())
    # a name among them must be there ("Russian"); a plain word beside it may be said otherwise: "a top Russian
    # negotiator" for "Which senior Russian negotiator ...?"
    needed = [t for t in qualifiers if t in question.names] or qualifiers
    return bool(qualifiers) and any(
        all(stats.found_in(t, set(content_terms(phrase))) for t in needed)
        for phrase in role_phrases(ev.text, question.role)
    )


def _told_without_it(top: Evidence, typed: list[Evidence]) -> bool:
    """Whether the sentence that tells of what the question asks about (it holds ANCHOR_LEXICAL of its
    wording) gives no answer of the asked type, and every sentence that does is about something else: it
    shares less than OTHER_EVENT_SHARE of that wording and is not next to it. "Rubio said during an
    appearance on “Meet the Press” ..." dates nothing; "... Witkoff met with Putin in Moscow on Friday" dates
    another meeting."""
    if top.typed or (top.lexical < ANCHOR_LEXICAL and top.cosine < ANCHOR_COSINE):
        return False
    return all(e.lexical < OTHER_EVENT_SHARE * top.lexical and not _beside(top, e) for e in typed)


def _beside(a: Evidence, b: Evidence) -> bool:
    """Whether two candidates are neighbouring sentences of one file."""
    return next_to(a, b) or next_to(b, a)


def _same_event(ev: Evidence, question: QuestionInfo, stats: CorpusStats) -> bool:
    """Whether a count is of the event the question asks about: the sentence holds one of the question's
    scene words (not what is counted, not the toll, not a name in most chunks). "Killed 12 people" in Kyiv
    does not count the dead "in the three weeks after the truce"."""
    own = set(content_terms(ev.text))
    scene = [
        t
        for t in question.terms
        if t not in question.focus and t not in TOLL_STEMS and stats.df.get(t, 0) <= SPECIFIC_SHARE * stats.n
    ]
    return not scene or any(stats.found_in(t, own) for t in scene)


# Words that date a role rather than qualify it: "the current Kremlin spokesman" is the Kremlin spokesman, and
# "the ex-counterterrorism official" the "former counterterrorism official"; and slang for the holder: "the
# Kremlin spokesperson guy"
_ROLE_FILLERS = frozenset(
    stem(w) for w in "current currently present incumbent sitting new now former ex guy dude fella bloke".split()
)


def _holds_asked_role(ev: Evidence, question: QuestionInfo, stats: CorpusStats) -> bool:
    """For "who is the <role>?", whether a phrase giving someone the role holds half the weight of the
    question's other words, however the role itself is worded ("Kremlin spokesperson" for "Kremlin
    spokesman"). "US Secretary of State Marco Rubio" is no "Secretary of Defense" nor "Secretary General of
    NATO", though the sentence may speak of defenses."""
    qualifiers = [t for t in question.role_terms if t not in role_stems(question.role) and t not in _ROLE_FILLERS]
    if not qualifiers:
        return True
    weight = {t: stats.idf(t) for t in qualifiers}
    for phrase in role_phrases(ev.text, question.role):  # the qualifiers qualify the role, not the sentence
        own = set(content_terms(phrase))
        met = sum(w for t, w in weight.items() if stats.found_in(t, own))
        if met >= 0.5 * sum(weight.values()):
            return True
    return False
