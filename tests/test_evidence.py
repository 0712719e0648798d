"""Unit tests of sentence scoring features, on hand-made passages (no index, no model)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
from llama_index.core.schema import TextNode

from qa.answer import grounded
from qa.evidence import NEIGHBOUR_RANK, Evidence, TermCoverage, score_sentences, with_own_words
from qa.question import analyse
from qa.retrieve import CorpusStats, _with_rarest_term
from qa.text import content_terms


def _record(source: str, start: int, text: str, vector: list[float]) -> dict[str, object]:
    v = np.asarray(vector, dtype=np.float32)
    return {"source": source, "start": start, "end": start + len(text), "text": text, "vector": v / np.linalg.norm(v)}


def test_a_sentence_just_outside_a_passage_keeps_part_of_its_rank() -> None:
    inside = "Talks in Paris produced an outline for peace."
    outside = "Critics argue the negotiation style puts pressure on Ukraine."
    far = "Elsewhere, the weather was mild."
    records = [
        _record("a.txt", 0, inside, [1, 0, 0]),
        _record("a.txt", len(inside) + 1, outside, [0, 1, 0]),
        _record("b.txt", 0, far, [0, 0, 1]),
    ]
    hit = SimpleNamespace(
        node=SimpleNamespace(metadata={"source": "a.txt", "title": "", "sentences": json.dumps([[0, len(inside)]])})
    )
    stats = CorpusStats([inside + " " + outside, far], ["a.txt", "b.txt"])
    evidence = score_sentences(analyse("What do critics say?"), np.ones(3, dtype=np.float32), [hit], records, stats)
    rank = {ev.text: ev.rank for ev in evidence}
    assert rank[inside] == 1.0
    assert rank[outside] == NEIGHBOUR_RANK  # chunk edges fall anywhere: the next sentence is not unranked
    assert rank[far] == 0.0  # another article, nowhere near the passage


def _scored(question: str, *sentences: str) -> dict[str, Evidence]:
    """``sentences`` scored against ``question`` as consecutive sentences of one article (no passage hits),
    beside an unrelated one; by text."""
    records, start = [], 0
    for text in sentences:
        records.append(_record("a.txt", start, text, [1, 0, 0]))
        start += len(text) + 1
    stats = CorpusStats([" ".join(sentences), "Elsewhere, the weather was mild."], ["a.txt", "b.txt"])
    evidence = score_sentences(analyse(question), np.ones(3, dtype=np.float32), [], records, stats)
    return {ev.text: ev for ev in evidence}


def test_a_quote_that_goes_on_after_its_attribution_is_the_speakers_word_on_the_topic() -> None:
    said = "“We need to decide in a matter of days,” Rubio said."
    more = "“This is not our war."
    by_text = _scored("What did Rubio say about whether the fighting is America's own conflict?", said, more)
    assert by_text[more].typed  # Rubio's words ("war" is the conflict), though the sentence does not name him
    assert by_text[more].lexical > 0  # and they count the speaker's name the attribution gives


def test_a_date_from_a_sentence_about_something_else_is_no_answer() -> None:
    told = "Rubio said during an appearance on NBC’s “Meet the Press” that talks may stop."
    other = "A deal is close after Witkoff met Putin in Moscow on Friday."
    stats = CorpusStats([told + " " + other, "Elsewhere, the weather was mild."], ["a.txt", "b.txt"])
    question = analyse("On what date did Rubio appear on NBC's Meet the Press?")
    top = Evidence("a.txt", "", 0, len(told), told, lexical=0.8, score=0.6, typed=False)
    dated = Evidence("a.txt", "", 200, 200 + len(other), other, lexical=0.2, score=0.5, typed=True)
    assert grounded(question, [top, dated], stats) == (False, "the passage about what is asked gives no date")
    # the date in the very next sentence may be the one the question asks for
    beside = Evidence("a.txt", "", len(told) + 1, len(told) + 1 + len(other), other, lexical=0.2, typed=True)
    assert grounded(question, [top, beside], stats)[1] != "the passage about what is asked gives no date"


def test_a_name_the_articles_write_in_another_form_is_not_missing() -> None:
    text = "Former NSC adviser Thomas Wright spoke. Crimea, the peninsula Russia annexed in 2014, came up. French."
    stats = CorpusStats([text, "Elsewhere, the weather was mild."], ["a.txt", "b.txt"])
    told = Evidence("a.txt", "", 0, 40, "Former NSC adviser Thomas Wright spoke.", lexical=0.5, score=0.6)
    for question in (
        "Which former National Security Council adviser spoke?",  # initials
        "What happened to the Crimean peninsula?",  # a place's adjective
        "Which adviser spoke in France?",  # a place whose people's adjective the articles write ("French")
    ):
        assert "never mention" not in grounded(analyse(question), [told], stats)[1]
    missing = grounded(analyse("Which National Defense Council adviser spoke?"), [told], stats)[1]
    assert missing.startswith("the articles never mention")
    assert grounded(analyse("Which adviser spoke in Spain?"), [told], stats)[1] == "the articles never mention: spain"


def test_the_sentence_beside_the_quoted_words_gives_the_programme() -> None:
    said = "Rubio said during an appearance on NBC’s “Meet the Press” that talks may stop."
    quote = "“This week is going to be a really important week,” Rubio said."
    story = f"{said} {quote} Secretary of State Marco Rubio flew home."
    stats = CorpusStats([story, "Elsewhere, the weather was mild."], ["a.txt", "b.txt"])
    question = analyse(
        'On which programme did the Secretary of State warn that "this week is a really important week"?'
    )
    top = Evidence("a.txt", "", len(said) + 1, len(said) + 1 + len(quote), quote, lexical=0.5, score=0.6, typed=False)
    beside = Evidence("a.txt", "", 0, len(said), said, lexical=0.1, score=0.5, typed=True)
    assert grounded(question, [top, beside], stats) == (True, "")
    far = Evidence("a.txt", "", 500, 500 + len(said), said, lexical=0.1, score=0.5, typed=True)
    assert not grounded(question, [top, far], stats)[0]  # a programme named elsewhere is no answer


def test_a_synonym_covers_the_question_word() -> None:
    sentence = "If negotiations fail, the war could escalate."
    stats = CorpusStats([sentence, "Elsewhere, the weather was mild."], ["a.txt", "b.txt"])
    coverage = TermCoverage(analyse("What could happen if the talks fail?"), stats)
    assert coverage(set(content_terms(sentence))) == 1.0  # "negotiations" are the talks
    assert coverage(set(content_terms("If the weather fails, rain could follow."))) < 1.0


def test_an_account_of_what_someone_did_is_followed_by_their_own_words() -> None:
    account = "Russia launched missiles into Kyiv that killed 12 people, prompting criticism of Putin from Trump."
    opens = "“It makes me think he doesn’t want to stop the war, and has to be dealt with via “Banking” or “Sanctions?”"
    closes = "Too many people are dying!” Trump wrote in a post on Truth Social."
    other = "“We need to decide in a matter of days,” Rubio said."
    texts = [account, opens, closes]

    def told(*parts: str) -> list[Evidence]:
        out, start = [], 0
        for i, text in enumerate(parts):
            out.append(Evidence("a.txt", "", start, start + len(text), text, score=1.0 - i / 10))
            start += len(text) + 1
        out[-1].quote_depth = 1 if parts[-1] == closes else 0  # the closing part sits inside the quote
        return out

    evidence = told(*texts)
    chosen = with_own_words([evidence[0]], evidence, max_sentences=4)
    assert [c.text for c in chosen] == texts  # the account, then Trump's words whole
    # someone else's words next to it add nothing: Rubio is not whom the account is about
    evidence = told(account, other)
    assert [c.text for c in with_own_words([evidence[0]], evidence, max_sentences=4)] == [account]


def test_a_sentence_writing_a_name_by_its_initials_is_about_it() -> None:
    told = "Zelenskyy is reportedly considering a visit to the US for face-to-face negotiations."
    other = "The United States and Ukraine signed a memorandum. The leader of Ukraine went to Geneva."
    stats = CorpusStats([told, other, "Elsewhere, the weather was mild.", "Rain fell in Paris."], list("abcd"))
    question = analyse("Which leader is considering a trip to the United States for face-to-face negotiations?")
    ev = Evidence("a", "", 0, len(told), told, lexical=0.6, score=0.6, typed=True)
    assert grounded(question, [ev], stats) == (True, "")  # "the US" is the question's "United States"
    moved = analyse("Which leader is considering a trip to the United Kingdom for face-to-face negotiations?")
    assert not grounded(moved, [ev], stats)[0]


def test_the_passages_hold_the_questions_rarest_word() -> None:
    texts = {
        "a": "Progress on the deal between the US and Ukraine was made, and more progress may lead to a deal.",
        "b": "The US and Ukraine made progress towards a deal that may lead to peace.",
        "c": "The US and Ukraine are nearing a minerals deal, signing a memorandum of intent.",
        "d": "Elsewhere, the weather was mild.",
    }
    nodes = {k: TextNode(id_=k, text=v) for k, v in texts.items()}
    stats = CorpusStats(list(texts.values()))
    question = "What progress has been made on the US-Ukraine minerals deal, and what might it lead to?"
    assert _with_rarest_term(question, ["a", "b"], ["a", "b", "d", "c"], nodes, stats) == ["a", "c"]
    assert _with_rarest_term("What progress has been made?", ["a", "b"], ["a", "b", "c"], nodes, stats) == ["a", "b"]


def test_he_said_names_the_speaker_in_the_sentence_before() -> None:
    named = "While the summit was underway, Kirill Dmitriev, a top Russian negotiator, claimed countries meddle."
    said = "He said Putin’s latest meeting with Witkoff was “extremely productive.”"
    question = "Who called Putin's latest meeting with Witkoff extremely productive?"
    assert _scored(question, named, said)[said].typed  # Dmitriev is the "He" who said it
    assert not _scored(question, said)[said].typed
