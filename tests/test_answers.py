"""Answers on the real bundled model and a real Chroma store: right file, verbatim quotes, honest refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from qa import ask
from qa.engine import ExtractiveQueryEngine, get_searcher
from qa.evaluate import load_labelled
from qa.settings import Settings

from .conftest import DEV_SET, OWN_SET

pytestmark = pytest.mark.integration


def _assert_verified(settings: Settings, answer: object) -> None:
    from qa.models import Answer

    assert isinstance(answer, Answer)
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    for c in answer.citations:
        text = (settings.corpus_dir / c.source).read_text(encoding="utf-8")
        assert text[c.start : c.end] == c.quote
        assert f"[{c.n}]" in answer.answer
        assert c.quote in c.context and text[c.context_start : c.context_start + len(c.context)] == c.context


def test_number_question_cites_the_right_quote(real_index: Settings) -> None:
    a = ask("How many points does the US peace plan have?", settings=real_index)
    assert a.grounded
    assert a.citations[0].source == "001_440f3e811b64d454.txt"
    assert "28-point peace plan" in a.citations[0].quote
    assert "28" in a.answer
    _assert_verified(real_index, a)


def test_a_wrong_number_checked_is_corrected_by_the_articles_number(real_index: Settings) -> None:
    a = ask("Is it correct that the US peace plan has 20 points?", settings=real_index)
    assert a.grounded and a.citations[0].source == "001_440f3e811b64d454.txt"
    assert "28-point" in a.citations[0].quote
    a = ask("I heard the cluster munitions attack on Kharkiv injured 89 civilians. Is that right?", settings=real_index)
    assert a.grounded and "injured 98 civilians" in a.citations[0].quote
    _assert_verified(real_index, a)
    a = ask("Is it true Rubio talked up the peace framework from the US mission in Zurich?", settings=real_index)
    assert a.grounded and "US mission in Geneva" in a.citations[0].quote
    # a claimed name the articles never mention is still refused
    assert not ask("Is it true that Sergei Lavrov went to the Geneva talks?", settings=real_index).grounded


def test_who_question_names_the_person_and_a_role_without_a_name_is_refused(real_index: Settings) -> None:
    a = ask("Who said the ministers are working on critical issues?", settings=real_index)
    assert a.grounded and a.citations[0].source == "003_396a240a2c14fd55.txt"
    assert "Andriy Yermak" in a.citations[0].quote
    _assert_verified(real_index, a)
    # The articles mention Ukraine's defense minister, never by name: naming someone else would be wrong.
    refused = ask("What is the name of Ukraine's defense minister?", settings=real_index)
    assert not refused.grounded and refused.citations == []


def test_faq_question_quotes_the_answer_not_the_question(real_index: Settings) -> None:
    question = "What are the potential risks if negotiations fail to conclude successfully?"
    a = ask(question, settings=real_index)
    assert a.grounded and a.citations[0].source == "004_47ae796b9c5a7c90.txt"
    assert all(not c.quote.endswith("?") for c in a.citations)
    assert "escalate" in a.answer and "humanitarian" in a.answer
    _assert_verified(real_index, a)


@pytest.mark.parametrize(
    "question",
    [
        # the article counts civilians, not children
        "How many children were hurt when cluster munitions hit Kharkiv?",
        # the barrage sentence gives the dead (12), not the number of missiles
        "How many missiles struck Kyiv in the barrage that killed 12 people?",
        # Dmitriev, not Putin, described the Moscow meeting
        "What did Putin tell Witkoff when they met in Moscow?",
        # the only dates nearby belong to other talks
        "On what date were the Geneva talks held?",
        # a meeting "on Friday" and one "for a third time last week", but never the first
        "When did Witkoff first travel to Moscow to see Putin?",
        # "Trump last week said ..." dates a remark, not his latest call with Putin
        "When did Trump most recently talk to Putin?",
        # a ratio ("2.5 times more Ukrainians"), not a count
        "How many Ukrainians did the Russian army kill in the 22 days after the truce?",
        # the only count of the dead nearby is the Kyiv barrage's 12, another event
        "How many Ukrainians were killed by Russian forces in the three weeks after the truce?",
        # the articles mention Ukraine's foreign minister but never name him
        "Who is the Ukrainian foreign minister?",
        # no article mentions a senator
        "Which US senator criticized Witkoff?",
        # "US Secretary of State Marco Rubio ... bolstering Ukraine's defenses" holds another secretary's role
        "Who is the US Secretary of Defense?",
        # no article counts soldiers ("the 2022 invasion" is there)
        "What is the total number of Ukrainian soldiers killed since the 2022 invasion?",
        # the plan is named by its 28 points, none of which the articles give
        "What does the first point of the US 28-point peace plan say?",
        # "Ukraine's foreign minister and defense minister arrived in the French capital" names neither
        "Who is Ukraine's defense minister?",
        # the London meeting is "next week", no date
        "What is the exact date of the next round of talks in London?",
        # Zelenskyy is "considering a visit"; the nearby dates are of meetings already held
        "When is Zelenskyy expected to visit the US?",
        # Rubio and Witkoff "are set to meet" Ukrainians on Thursday; Trump and Putin meet nowhere
        "When are Trump and Putin set to meet?",
        # "Thursday's summit" shares no word with the question: a date of something else
        "When is Zelenskyy due to arrive in Washington for face-to-face talks?",
        # the 28 points are the US plan's; no article mentions a counterproposal
        "How many points are in Ukraine's counterproposal to the US peace plan?",
    ],
)
def test_near_misses_are_refused(real_index: Settings, question: str) -> None:
    """The passage about the event is there, the detail asked for is not: no answer beats a wrong one."""
    a = ask(question, settings=real_index)
    assert not a.grounded, a.answer
    assert a.citations == []


def test_a_quote_cut_in_sentences_is_cited_whole_with_its_speaker(real_index: Settings) -> None:
    a = ask("What did Trump write on Truth Social about dealing with Putin?", settings=real_index)
    assert a.grounded
    quotes = [c.quote for c in a.citations]
    # one sentence, though a quotation inside it ends at “Secondary Sanctions?” (where Punkt alone splits)
    whole = next(q for q in quotes if q.startswith("“It makes me think"))
    assert "“Secondary Sanctions?” Too many people are dying" in whole
    assert whole.endswith("Trump wrote in a post on Truth Social.")
    _assert_verified(real_index, a)


def test_who_said_an_unattributed_quote_is_answered_with_the_sentence_that_names_the_speaker(
    real_index: Settings,
) -> None:
    # The quote's three sentences never say who speaks; the sentence before them ends "..., Rubio said."
    a = ask("Who said the parties were close, but not close enough?", settings=real_index)
    assert a.grounded, a.answer
    assert a.citations[0].quote.endswith("Rubio said.")
    assert a.citations[-1].quote.startswith("We're close, but we're not close enough")
    assert {c.source for c in a.citations} == {"000_ffe21b890d8911ed.txt"}
    _assert_verified(real_index, a)


def test_what_came_of_talks_and_what_comes_next_is_answered_with_the_meeting_ahead(real_index: Settings) -> None:
    a = ask("What came out of the talks in Paris, and what's next?", settings=real_index)
    assert a.grounded, a.answer
    quotes = " ".join(c.quote for c in a.citations)
    assert "produced an outline" in quotes and "London" in quotes  # what came out, and where talks go next
    assert {c.source for c in a.citations} == {"002_34369f2f6595b0b6.txt"}
    _assert_verified(real_index, a)


def test_how_talks_turned_out_is_told_by_the_outcome_not_by_the_meeting_still_ahead(real_index: Settings) -> None:
    # the best sentence ("Rubio, speaking from Paris after a round of ... the next meeting — scheduled for
    # London — could determine ...") reports the next meeting as still to come; the one after it tells the outcome
    a = ask("What came out of the round of talks held in Paris?", settings=real_index)
    assert a.grounded, a.answer
    assert "talks in Paris produced an outline" in a.citations[0].quote
    _assert_verified(real_index, a)
    # the London meeting has not happened in any article: nothing tells its outcome
    assert not ask("What was decided at the next round in London?", settings=real_index).grounded


def test_a_question_in_other_words_than_the_faq_heading_gets_the_whole_faq_answer(real_index: Settings) -> None:
    # too far in wording from "What are the potential risks if negotiations fail ...?" to match the heading; its
    # answer's first sentence wins, and the rest of that answer holds the other risks
    a = ask("What could happen if the US-Russia talks break down?", settings=real_index)
    assert a.grounded, a.answer
    assert a.citations[0].quote.startswith("If negotiations fail, the conflict in Ukraine could escalate")
    quotes = " ".join(c.quote for c in a.citations)
    assert "severe humanitarian consequences" in quotes and "weaken international alliances" in quotes
    assert {c.source for c in a.citations} == {"004_47ae796b9c5a7c90.txt"}
    _assert_verified(real_index, a)
    # a question asking for one thing gets that sentence, not the whole answer
    a = ask("How many points does the US peace plan have?", settings=real_index)
    assert len(a.citations) == 1 and "28-point" in a.citations[0].quote


def test_why_critics_object_is_answered_with_what_the_critics_argue(real_index: Settings) -> None:
    # two sentences about the US "approach" rank above "Critics argue that ..."
    a = ask("Why do critics take issue with Trump's approach to the negotiations?", settings=real_index)
    assert a.grounded, a.answer
    assert any("undue pressure on Ukraine" in c.quote for c in a.citations)
    _assert_verified(real_index, a)


def test_what_someone_said_after_an_event_is_the_quote_after_the_account_of_it(real_index: Settings) -> None:
    # the best sentence tells of the strike and Trump's criticism; his words open the next one
    a = ask("What did Trump say after the missile barrage on Kyiv?", settings=real_index)
    assert a.grounded, a.answer
    assert a.citations[0].quote.startswith("A day after the administration said a deal was")
    assert a.citations[1].quote.startswith("“It makes me think") and "Trump wrote" in a.citations[1].quote
    _assert_verified(real_index, a)


def test_a_set_the_articles_count_but_never_name_is_refused(real_index: Settings) -> None:
    a = ask("Which four mainland regions of Ukraine does Russia occupy?", settings=real_index)
    assert not a.grounded, a.answer
    a = ask("What are the so-called five territories?", settings=real_index)  # named: “referring to Crimea, ...”
    assert a.grounded and "Crimea" in a.citations[0].quote


def test_a_search_box_query_is_answered_and_refused_as_its_question_would_be(real_index: Settings) -> None:
    a = ask("kremlin spokesperson name", settings=real_index)
    assert a.grounded and "Dmitry Peskov" in a.citations[0].quote
    a = ask("sumy palm sunday missile attack death toll", settings=real_index)
    assert a.grounded and "killed 34" in a.citations[0].quote
    a = ask("criticism of trump negotiation approach", settings=real_index)
    assert a.grounded and a.citations[0].quote.startswith("Critics argue that Trump’s negotiation style")
    # the bakery strike's toll is not given (the 34 died in the earlier attack); the minister is never named
    for query in ("sumy bakery drone strike casualties", "name of ukraine's foreign minister"):
        refused = ask(query, settings=real_index)
        assert not refused.grounded and refused.citations == [], refused.answer


def test_a_close_match_needs_only_its_article_to_name_the_scene(real_index: Settings) -> None:
    # the Yermak sentence never says "Geneva"; its article (the report on the Geneva talks) does
    q = "Which Ukrainian official described the Geneva discussions as productive and moving toward a lasting peace?"
    a = ask(q, settings=real_index)
    assert a.grounded and "Andriy Yermak" in a.citations[0].quote
    assert a.citations[0].source == "001_440f3e811b64d454.txt"
    a = ask("Who is the Kremlin spokesman?", settings=real_index)  # the name that holds the role, in other words
    assert a.grounded and "Dmitry Peskov" in a.citations[0].quote, a.answer
    a = ask("Which Ukrainian official found the Geneva discussions productive?", settings=real_index)
    assert a.grounded and "Andriy Yermak" in a.citations[0].quote, a.answer  # a "who" answer needs less wording


def test_a_date_given_by_reference_is_answered_with_the_sentence_that_gives_it(real_index: Settings) -> None:
    # "...later that month, the White House said both had agreed...": the month is in the sentence before
    a = ask(
        "When did the White House say both sides had agreed to the ceasefire on energy infrastructure?",
        settings=real_index,
    )
    assert a.grounded, a.answer
    assert "in March" in a.citations[0].quote and "later that month" in a.citations[1].quote
    assert {c.source for c in a.citations[:2]} == {"003_396a240a2c14fd55.txt"}
    _assert_verified(real_index, a)


def test_the_sentence_next_to_the_best_one_is_cited_when_it_holds_the_rest_of_the_question(
    real_index: Settings,
) -> None:
    # "on Meet the Press" is in one sentence, what he said of "this week" in the quote right after it
    a = ask("What did Rubio say about this week when he appeared on Meet the Press?", settings=real_index)
    assert a.grounded, a.answer
    assert "Meet the Press" in a.citations[0].quote and "really important week" in a.citations[1].quote
    assert a.citations[0].source == a.citations[1].source == "000_ffe21b890d8911ed.txt"
    assert a.citations[0].end < a.citations[1].start  # cited in the order the article gives them
    _assert_verified(real_index, a)


def test_a_choice_between_names_is_answered_when_the_articles_hold_one_of_them(real_index: Settings) -> None:
    a = ask("Did Trump write his post on Truth Social or on Facebook?", settings=real_index)
    assert a.grounded and "Trump wrote in a post on Truth Social" in a.citations[0].quote, a.answer
    a = ask("Was the bakery hit by a drone in Sumy or in Lviv?", settings=real_index)
    assert a.grounded and "targeted a bakery in Sumy" in a.citations[0].quote, a.answer
    assert a.citations[0].source == "002_34369f2f6595b0b6.txt"
    # the articles name Rome, but the best sentence is not about it: the question is still about Alaska
    assert not ask("Did Trump call Putin from Alaska or from Rome?", settings=real_index).grounded
    assert not ask("Was the bakery hit by a drone in Odesa or in Lviv?", settings=real_index).grounded


def test_a_country_question_is_answered_with_a_country_not_the_speakers_university(real_index: Settings) -> None:
    # "said Javed Ali, ... at the University of Michigan" names a place but no country; his next quote does
    a = ask(
        "Which country does the University of Michigan professor think has the leverage over Putin?",
        settings=real_index,
    )
    assert a.grounded and any("The United States carries the big stick" in c.quote for c in a.citations[:2]), a.answer
    _assert_verified(real_index, a)


def test_a_request_is_answered_and_refused_as_the_question_it_makes(real_index: Settings) -> None:
    # read as typed, "Tell me ..." asked for no duration, and the summit's opening sentence was the answer
    assert not ask("Tell me how long the Paris summit lasted.", settings=real_index).grounded
    assert not ask("Give me the exact date of the next meeting in London.", settings=real_index).grounded
    a = ask("I need the name of the Kremlin spokesperson", settings=real_index)
    assert a.grounded and "Kremlin spokesperson Dmitry Peskov" in a.citations[0].quote, a.answer
    a = ask("Give me the number of points in the US peace plan.", settings=real_index)
    assert a.grounded and "28-point peace plan" in a.citations[0].quote, a.answer


def test_a_question_about_a_programme_or_outlet_is_answered_with_one(real_index: Settings) -> None:
    a = ask("On which TV programme did Rubio call the coming week really important?", settings=real_index)
    assert a.grounded and "Meet the Press" in a.citations[0].quote, a.answer
    a = ask("Which news outlet did Witkoff tell that a deal would center on the five territories?", settings=real_index)
    assert a.grounded and "told Fox News" in a.citations[0].quote, a.answer
    a = ask("On which TV show did Zelenskyy announce his visit to Washington?", settings=real_index)
    assert not a.grounded, a.answer


def test_a_speaker_named_by_role_is_matched_to_the_name_the_articles_give(real_index: Settings) -> None:
    # "US President Donald Trump" in one article; "... Trump wrote in a post on Truth Social." in another
    a = ask("What did the US president write on Truth Social?", settings=real_index)
    assert a.grounded, a.answer
    assert any(c.quote.endswith("Trump wrote in a post on Truth Social.") for c in a.citations)
    assert a.citations[0].source == "000_ffe21b890d8911ed.txt"
    _assert_verified(real_index, a)
    a = ask("What did the special envoy tell Fox News?", settings=real_index)
    assert a.grounded and "Witkoff told Fox News" in a.citations[0].quote, a.answer
    # the role the texts give him after his name ("Steve Witkoff, President Donald Trump’s international envoy")
    q = "Which outlet did Trump's envoy tell that any deal would center on the five territories?"
    a = ask(q, settings=real_index)
    assert a.grounded and "Witkoff told Fox News" in a.citations[0].quote, a.answer
    q = "What's Russia's top negotiator saying about how the talks with Trump's envoy are going?"
    a = ask(q, settings=real_index)
    assert a.grounded and "Kirill Dmitriev, a top Russian negotiator" in a.citations[0].quote, a.answer
    assert "extremely productive" in a.citations[1].quote


def test_another_report_of_the_same_statement_matches_the_question_as_well(real_index: Settings) -> None:
    # the lede reports Rubio's statement in the question's words but gives neither reason nor programme; the
    # article's other report of it gives both, and the answer to "why" leads with it
    a = ask("Why did Rubio say the US might stop pursuing a diplomatic end to the war?", settings=real_index)
    assert a.grounded, a.answer
    assert "shift its attention to other priorities" in a.citations[0].quote
    assert a.citations[1].quote.startswith("The clock is ticking")
    a = ask(
        "On which TV show did the Secretary of State say the US would decide whether to keep pursuing a diplomatic end"
        " to the war?",
        settings=real_index,
    )
    assert a.grounded and "NBC’s “Meet the Press”" in a.citations[0].quote, a.answer
    _assert_verified(real_index, a)


def test_a_word_of_the_same_meaning_covers_the_questions_word(real_index: Settings) -> None:
    # "will evolve" answers "can it still change"
    a = ask("Could the US peace proposal still change, or is it final?", settings=real_index)
    assert a.grounded and "“living, breathing document” that will evolve" in a.citations[0].quote, a.answer


def test_who_said_it_is_answered_with_the_sentence_that_names_he(real_index: Settings) -> None:
    # "He said Putin's latest meeting with Witkoff was “extremely productive”": Dmitriev, named just before
    a = ask("Who described the Moscow meeting as extremely productive?", settings=real_index)
    assert a.grounded, a.answer
    assert "Kirill Dmitriev" in a.citations[0].quote and a.citations[1].quote.startswith("He said")
    assert a.citations[0].end < a.citations[1].start
    _assert_verified(real_index, a)


def test_words_on_another_subject_do_not_answer_what_was_said_about_it(real_index: Settings) -> None:
    a = ask("What did Dmitry Peskov say about the cluster munitions attack on Kharkiv?", settings=real_index)
    assert not a.grounded, a.answer
    a = ask("What did Dmitry Peskov say about the negotiations?", settings=real_index)
    assert a.grounded and "Peskov said negotiations are ongoing" in a.citations[0].quote


def test_a_criticism_question_is_answered_with_criticism_of_what_it_names(real_index: Settings) -> None:
    # the Kyiv barrage sentence reports "criticism of Putin from Trump": criticism, but not of Washington
    a = ask("What criticism has been levelled at how Washington handles Kyiv and Moscow?", settings=real_index)
    assert a.grounded, a.answer
    # either report of that criticism answers: the critics' (002) or the accusation of sticks and carrots (003)
    first = (a.citations[0].source, a.citations[0].quote)
    assert (first[0] == "002_34369f2f6595b0b6.txt" and first[1].startswith("Critics argue")) or (
        first[0] == "003_396a240a2c14fd55.txt" and "accused of using mostly sticks" in first[1]
    ), a.answer
    assert not any("criticism of Putin from Trump" in c.quote for c in a.citations), a.answer
    _assert_verified(real_index, a)


def test_a_two_part_question_cites_each_part_and_no_one_elses_words(real_index: Settings) -> None:
    a = ask(
        "What does Russia demand regarding Ukraine joining NATO, and what has Moscow asked of Ukraine regarding its"
        " mobilization?",
        settings=real_index,
    )
    quotes = [c.quote for c in a.citations]
    assert a.grounded and any("never join NATO" in q for q in quotes)
    assert any("halting mobilization" in q for q in quotes)  # the second part, asked on its own
    assert len(a.citations) <= real_index.max_citations
    _assert_verified(real_index, a)
    # "what did he warn about?" on its own would find Putin's warnings: it is asked as Wright's
    wright = ask("Who is Thomas Wright and what did he warn about withdrawing US support?", settings=real_index)
    assert wright.grounded and "Thomas Wright" in wright.citations[0].quote
    assert all("Putin has indicated" not in c.quote for c in wright.citations)


@pytest.mark.parametrize(
    "question",
    ["What is the capital of Australia?", "Who won the 2018 FIFA World Cup?", "What is the boiling point of water?"],
)
def test_off_topic_questions_are_refused(real_index: Settings, question: str) -> None:
    a = ask(question, settings=real_index)
    assert not a.grounded
    assert a.citations == []
    assert a.answer.startswith("The articles don't say.")
    assert a.passages  # the closest passages are still listed for the curious


def test_every_labelled_answer_is_verified(real_index: Settings) -> None:
    sets = [DEV_SET, OWN_SET, *sorted(Path(__file__).resolve().parent.glob("holdout*.jsonl"))]
    for item in [item for path in sets for item in load_labelled(path)]:
        a = ask(item.question, settings=real_index)
        _assert_verified(real_index, a)


def test_changed_file_never_yields_a_wrong_quote(tmp_path: Path, real_index: Settings) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(real_index.corpus_dir, corpus)
    settings = real_index.model_copy(update={"corpus_dir": corpus})
    path = corpus / "001_440f3e811b64d454.txt"
    path.write_text("Prefix that shifts every offset.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    a = ask("How many points does the US peace plan have?", settings=settings)
    assert all(c.source != "001_440f3e811b64d454.txt" for c in a.citations)
    _assert_verified(settings, a)


def test_query_engine_composes_with_llama_index(real_index: Settings) -> None:
    engine = ExtractiveQueryEngine(searcher=get_searcher(real_index))
    response = engine.query("Who is Javed Ali?")
    assert "University of Michigan" in str(response)
    assert response.source_nodes[0].node.metadata["source"] == "000_ffe21b890d8911ed.txt"
    assert response.metadata is not None and response.metadata["answer"].grounded


# Regression bars, a little under what the offline default measures today (README, "Answer quality").
BARS = {
    "dev": {"key-facts": 0.95, "first-citation": 0.95, "grounded": 0.95},
    "own": {"key-facts": 0.92, "first-citation": 0.94, "grounded": 0.95},
    "holdout": {"key-facts": 0.94, "first-citation": 0.94, "grounded": 0.95},
    "holdout2": {"key-facts": 0.93, "first-citation": 0.90, "grounded": 0.97},
    "holdout3": {"key-facts": 0.93, "first-citation": 0.93, "grounded": 0.92},
    "holdout4": {"key-facts": 0.84, "first-citation": 0.87, "grounded": 0.90},
    "holdout5": {"key-facts": 0.86, "first-citation": 0.90, "grounded": 0.85},
    "holdout6": {"key-facts": 0.93, "first-citation": 0.96, "grounded": 0.95},
    "holdout7": {"key-facts": 0.84, "first-citation": 0.90, "grounded": 0.97},
    "holdout8": {"key-facts": 0.82, "first-citation": 0.90, "grounded": 0.95},
    "holdout9": {"key-facts": 0.87, "first-citation": 0.81, "grounded": 0.92},
    "holdout10": {"key-facts": 0.93, "first-citation": 0.90, "grounded": 0.97},
    "holdout11": {"key-facts": 0.93, "first-citation": 0.95, "grounded": 0.97},
    "holdout12": {"key-facts": 0.87, "first-citation": 0.93, "grounded": 0.95},
    "holdout13": {"key-facts": 0.95, "first-citation": 0.95, "grounded": 0.97},
    "holdout14": {"key-facts": 0.85, "first-citation": 0.87, "grounded": 0.90},
    "holdout15": {"key-facts": 0.90, "first-citation": 0.90, "grounded": 0.97},
    "holdout16": {"key-facts": 0.90, "first-citation": 0.97, "grounded": 0.92},
    "holdout17": {"key-facts": 0.87, "first-citation": 0.95, "grounded": 0.97},
    "holdout18": {"key-facts": 0.87, "first-citation": 0.93, "grounded": 0.95},
    "holdout19": {"key-facts": 0.90, "first-citation": 0.93, "grounded": 0.95},
    "holdout20": {"key-facts": 0.90, "first-citation": 0.90, "grounded": 0.95},
    "holdout21": {"key-facts": 0.97, "first-citation": 0.97, "grounded": 0.97},
    "holdout22": {"key-facts": 0.90, "first-citation": 0.90, "grounded": 0.92},
    "holdout23": {"key-facts": 0.90, "first-citation": 0.93, "grounded": 0.97},
    "holdout24": {"key-facts": 0.90, "first-citation": 0.97, "grounded": 0.95},
    "holdout25": {"key-facts": 0.82, "first-citation": 0.90, "grounded": 0.95},
    "holdout26": {"key-facts": 0.82, "first-citation": 0.87, "grounded": 0.92},
    "holdout27": {"key-facts": 0.87, "first-citation": 0.90, "grounded": 0.90},
    "holdout28": {"key-facts": 0.75, "first-citation": 0.78, "grounded": 0.85},
    "holdout29": {"key-facts": 0.93, "first-citation": 0.97, "grounded": 0.97},
    "holdout30": {"key-facts": 0.75, "first-citation": 0.78, "grounded": 0.85},
    "holdout31": {"key-facts": 0.87, "first-citation": 0.90, "grounded": 0.95},
    "holdout32": {"key-facts": 0.93, "first-citation": 0.97, "grounded": 0.97},
    "holdout33": {"key-facts": 0.87, "first-citation": 0.87, "grounded": 0.87},
    "holdout34": {"key-facts": 0.87, "first-citation": 0.87, "grounded": 0.95},
    "holdout35": {"key-facts": 0.93, "first-citation": 0.93, "grounded": 0.95},
    "holdout36": {"key-facts": 0.84, "first-citation": 0.95, "grounded": 0.95},
    "holdout37": {"key-facts": 0.84, "first-citation": 0.90, "grounded": 0.92},
    "holdout38": {"key-facts": 0.90, "first-citation": 0.97, "grounded": 0.97},
    "holdout39": {"key-facts": 0.75, "first-citation": 0.82, "grounded": 0.85},
    "holdout40": {"key-facts": 0.93, "first-citation": 0.93, "grounded": 0.95},
    "holdout41": {"key-facts": 0.93, "first-citation": 0.95, "grounded": 0.95},
    "holdout42": {"key-facts": 0.87, "first-citation": 0.87, "grounded": 0.92},
    "holdout43": {"key-facts": 0.95, "first-citation": 0.95, "grounded": 0.95},
    "holdout44": {"key-facts": 0.87, "first-citation": 0.90, "grounded": 0.92},
    "holdout45": {"key-facts": 0.97, "first-citation": 0.97, "grounded": 0.95},
    "holdout46": {"key-facts": 0.87, "first-citation": 0.95, "grounded": 0.95},
    "holdout47": {"key-facts": 0.90, "first-citation": 0.95, "grounded": 0.95},
    "holdout48": {"key-facts": 0.84, "first-citation": 0.87, "grounded": 0.92},
    "holdout49": {"key-facts": 0.93, "first-citation": 0.97, "grounded": 0.97},
    "holdout50": {"key-facts": 0.97, "first-citation": 0.97, "grounded": 0.95},
    "holdout51": {"key-facts": 0.87, "first-citation": 0.95, "grounded": 0.95},
    "holdout52": {"key-facts": 0.95, "first-citation": 0.95, "grounded": 0.95},
    "holdout53": {"key-facts": 0.97, "first-citation": 0.97, "grounded": 0.95},
    "holdout54": {"key-facts": 0.95, "first-citation": 0.97, "grounded": 0.97},
    "holdout55": {"key-facts": 0.90, "first-citation": 0.92, "grounded": 0.90},
    "holdout56": {"key-facts": 0.95, "first-citation": 0.95, "grounded": 0.95},
    "holdout57": {"key-facts": 0.95, "first-citation": 0.95, "grounded": 0.95},
    "holdout58": {"key-facts": 0.97, "first-citation": 0.97, "grounded": 0.97},
    "holdout59": {"key-facts": 0.97, "first-citation": 0.97, "grounded": 0.97},
    "holdout60": {"key-facts": 0.95, "first-citation": 0.95, "grounded": 0.95},
    "holdout61": {"key-facts": 0.93, "first-citation": 0.97, "grounded": 0.95},
    "holdout62": {"key-facts": 0.93, "first-citation": 0.95, "grounded": 0.95},
    "holdout63": {"key-facts": 0.93, "first-citation": 0.93, "grounded": 0.95},
    "holdout64": {"key-facts": 0.93, "first-citation": 0.93, "grounded": 0.95},
    "holdout65": {"key-facts": 0.75, "first-citation": 0.82, "grounded": 0.97},
    "holdout66": {"key-facts": 0.85, "first-citation": 0.90, "grounded": 0.95},
    "holdout67": {"key-facts": 0.95, "first-citation": 0.95, "grounded": 0.95},
    "holdout68": {"key-facts": 0.70, "first-citation": 0.92, "grounded": 0.90},
    "holdout69": {"key-facts": 0.82, "first-citation": 0.95, "grounded": 0.95},
    "holdout70": {"key-facts": 0.92, "first-citation": 0.95, "grounded": 0.95},
    "holdout71": {"key-facts": 0.65, "first-citation": 0.62, "grounded": 0.82},
    "holdout72": {"key-facts": 0.87, "first-citation": 0.93, "grounded": 0.97},
    "holdout73": {"key-facts": 0.84, "first-citation": 0.96, "grounded": 0.90},
    "holdout74": {"key-facts": 0.93, "first-citation": 0.93, "grounded": 0.97},
    "holdout75": {"key-facts": 0.81, "first-citation": 0.78, "grounded": 0.87},
    "holdout76": {"key-facts": 0.97, "first-citation": 0.97, "grounded": 0.97},
    "holdout77": {"key-facts": 0.93, "first-citation": 0.97, "grounded": 0.95},
    "holdout78": {"key-facts": 0.72, "first-citation": 0.81, "grounded": 0.92},
    "holdout79": {"key-facts": 0.93, "first-citation": 0.96, "grounded": 0.97},
    "holdout80": {"key-facts": 0.90, "first-citation": 0.96, "grounded": 0.92},
    "holdout81": {"key-facts": 0.97, "first-citation": 0.97, "grounded": 0.97},
    "holdout82": {"key-facts": 0.78, "first-citation": 0.90, "grounded": 0.97},
    "holdout83": {"key-facts": 0.97, "first-citation": 0.97, "grounded": 0.97},
    "holdout84": {"key-facts": 0.90, "first-citation": 0.96, "grounded": 0.97},
    "holdout85": {"key-facts": 0.90, "first-citation": 0.93, "grounded": 0.97},
    "holdout86": {"key-facts": 0.78, "first-citation": 0.90, "grounded": 0.97},
    "holdout87": {"key-facts": 0.84, "first-citation": 0.96, "grounded": 0.97},
    "holdout88": {"key-facts": 0.78, "first-citation": 0.93, "grounded": 0.97},
    "holdout89": {"key-facts": 0.96, "first-citation": 0.97, "grounded": 0.97},
    "holdout90": {"key-facts": 0.81, "first-citation": 0.93, "grounded": 0.92},
    "holdout91": {"key-facts": 0.96, "first-citation": 0.97, "grounded": 0.95},
    "holdout92": {"key-facts": 0.84, "first-citation": 0.87, "grounded": 0.97},
    "holdout93": {"key-facts": 0.84, "first-citation": 0.87, "grounded": 0.89},
    "holdout94": {"key-facts": 0.90, "first-citation": 0.93, "grounded": 0.94},
    "holdout95": {"key-facts": 0.84, "first-citation": 0.93, "grounded": 0.95},
    "holdout96": {"key-facts": 0.87, "first-citation": 0.90, "grounded": 0.97},
    "holdout97": {"key-facts": 0.81, "first-citation": 0.75, "grounded": 0.90},
    "holdout98": {"key-facts": 0.84, "first-citation": 0.93, "grounded": 0.92},
    "holdout99": {"key-facts": 0.90, "first-citation": 0.93, "grounded": 0.87},
    "holdout100": {"key-facts": 0.96, "first-citation": 0.96, "grounded": 0.97},
    "holdout101": {"key-facts": 0.78, "first-citation": 0.81, "grounded": 0.85},
    "holdout102": {"key-facts": 0.87, "first-citation": 0.84, "grounded": 0.87},
    "holdout103": {"key-facts": 0.84, "first-citation": 0.90, "grounded": 0.95},
    "holdout104": {"key-facts": 0.87, "first-citation": 0.84, "grounded": 0.87},
    "holdout105": {"key-facts": 0.84, "first-citation": 0.90, "grounded": 0.87},
    "holdout106": {"key-facts": 0.87, "first-citation": 0.93, "grounded": 0.97},
    "holdout107": {"key-facts": 0.84, "first-citation": 0.87, "grounded": 0.85},
    "holdout108": {"key-facts": 0.75, "first-citation": 0.84, "grounded": 0.87},
    "holdout109": {"key-facts": 0.87, "first-citation": 0.93, "grounded": 0.95},
    "holdout110": {"key-facts": 0.96, "first-citation": 0.97, "grounded": 0.95},
    "holdout111": {"key-facts": 0.65, "first-citation": 0.75, "grounded": 0.80},
    "holdout112": {"key-facts": 0.93, "first-citation": 0.93, "grounded": 0.90},
}
TESTS = Path(__file__).resolve().parent


def _eval(settings: Settings, path: Path, bars: dict[str, float], capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """``qa eval`` of a labelled set with its bars as ``--min-*`` thresholds; its totals, once it passed them."""
    from qa.cli import main

    argv = ["eval", str(path), "--json", "--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)]
    for key, minimum in bars.items():
        argv += [f"--min-{key}", str(minimum)]
    code = main(argv)
    out = capsys.readouterr()
    totals: dict[str, Any] = json.loads(out.out)["totals"]
    assert code == 0, (totals, out.err)
    return totals


@pytest.mark.parametrize("name", list(BARS))
def test_eval_meets_the_quality_bars(real_index: Settings, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = {"dev": DEV_SET, "own": OWN_SET}.get(name, TESTS / f"{name}.jsonl")
    assert _eval(real_index, path, BARS[name], capsys)["latency_p50_ms"] < 100


def test_questions_typed_in_lower_case_meet_the_own_sets_bars(
    real_index: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a chat box gets "who is thomas wright": the names get the capitals the articles give them
    lowered = tmp_path / "own-lowercase.jsonl"
    rows = [json.loads(line) for line in OWN_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    lowered.write_text("".join(json.dumps(r | {"question": r["question"].lower()}) + "\n" for r in rows))
    _eval(real_index, lowered, BARS["own"], capsys)
    a = ask("who is thomas wright", settings=real_index)
    assert a.grounded and a.citations[0].source == "002_34369f2f6595b0b6.txt", a.answer
    assert "Thomas Wright" in a.citations[0].quote
    # typed without apostrophes, the near miss about the unnamed minister is refused as its written form is
    assert not ask("whats the name of ukraines defense minister who went to paris", settings=real_index).grounded


def test_eval_threshold_failure_exits_nonzero(real_index: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    from qa.cli import main

    argv = ["eval", str(DEV_SET), "--corpus", str(real_index.corpus_dir), "--index", str(real_index.index_dir)]
    assert main([*argv, "--min-key-facts", "1.01"]) == 1
    assert "below threshold: key_facts" in capsys.readouterr().err


def test_a_city_question_is_answered_with_the_city_not_the_country(real_index: Settings) -> None:
    # 001 places the talks "in Switzerland" and names Geneva in the next sentence; 002 and 003 say Paris
    a = ask("In which cities has the US held talks with Ukrainian and European officials?", settings=real_index)
    assert a.grounded, a.answer
    quotes = " ".join(c.quote for c in a.citations)
    assert "in Geneva" in quotes and "Paris" in quotes
    switzerland = next(i for i, c in enumerate(a.citations) if c.quote.endswith("in Switzerland."))
    assert "in Geneva" in a.citations[switzerland + 1].quote
    _assert_verified(real_index, a)
    # "Swiss" is Switzerland's: the sentence placing the talks there, then the city
    a = ask("In which Swiss city were the talks held?", settings=real_index)
    assert a.grounded and "in Geneva" in " ".join(c.quote for c in a.citations), a.answer
    # asked in one city's words, the answer names that city
    a = ask("What city was Rubio in when he praised the progress on the peace framework?", settings=real_index)
    assert a.grounded and "in Geneva" in a.citations[0].quote, a.answer


def test_a_reported_warning_is_followed_by_the_speakers_own_reasons(real_index: Settings) -> None:
    a = ask("Why might the United States stop mediating between Russia and Ukraine?", settings=real_index)
    assert a.grounded, a.answer
    assert "may pull back from its mediation efforts" in a.citations[0].quote
    assert [c.quote for c in a.citations[1:4]] == [
        "“We need to decide in a matter of days,” Rubio said.",
        "“This is not our war.",
        "We have other priorities.”",
    ]
    assert {c.source for c in a.citations} == {"002_34369f2f6595b0b6.txt"}
    _assert_verified(real_index, a)


def test_an_account_of_what_was_said_goes_on_with_the_speakers_whole_quote(real_index: Settings) -> None:
    # "Rubio said during an appearance on NBC's “Meet the Press” ..." then his quote, which goes on after
    # “...,” Rubio said. to “We're close, but we're not close enough.”
    a = ask("How close to a deal did Rubio say they were on Meet the Press?", settings=real_index)
    assert a.grounded, a.answer
    assert "NBC’s “Meet the Press”" in a.citations[0].quote
    assert any(c.quote == "We're close, but we're not close enough.”" for c in a.citations), a.answer
    _assert_verified(real_index, a)
    # "an agreement" is the articles' "a deal"; the Secretary of State is Rubio
    q = "How close to an agreement did the Secretary of State say the parties were in his NBC interview?"
    a = ask(q, settings=real_index)
    assert a.grounded and any("not close enough" in c.quote for c in a.citations), a.answer
    # "America's top diplomat" is the Secretary of State
    a = ask("How close to a deal did America's top diplomat say they were on NBC?", settings=real_index)
    assert a.grounded and any("not close enough" in c.quote for c in a.citations), a.answer
    a = ask("What is the name of Ukraine's top diplomat?", settings=real_index)  # the articles never name him
    assert not a.grounded, a.answer
    # asked for the programme alone, the answer is the sentence that names it
    a = ask("On which TV show did Rubio say the administration might turn to other priorities?", settings=real_index)
    assert a.grounded and len(a.citations) == 1 and "NBC’s “Meet the Press”" in a.citations[0].quote, a.answer


def test_initials_for_a_name_the_articles_write_out_and_words_the_question_quotes_find_their_passage(
    real_index: Settings,
) -> None:
    # "WH" is nowhere in the articles; "the White House" is, in the sentence that answers
    a = ask("where did witkoff sit down with putin right before the WH said a deal was close", settings=real_index)
    assert a.grounded and "in Moscow" in a.citations[0].quote, a.answer
    assert a.citations[0].source == "000_ffe21b890d8911ed.txt"
    # the quoted line is the statement asked about, though other sentences share more of the question's words
    a = ask("What did Rubio mean with the 'this is not our war' line?", settings=real_index)
    assert a.grounded and a.citations[0].source == "002_34369f2f6595b0b6.txt", a.answer
    assert any("This is not our war." in c.quote for c in a.citations)
    _assert_verified(real_index, a)


def test_a_question_naming_where_the_talks_were_is_answered_from_the_article_about_them(real_index: Settings) -> None:
    # the sentence closest in meaning ("In the 22 days after the truce ...") is in the article about Paris, which
    # never names Geneva
    a = ask("How long had Russia's war in Ukraine been going on by the time of the Geneva talks?", settings=real_index)
    assert a.grounded and a.citations[0].source == "001_440f3e811b64d454.txt", a.answer
    assert "nearly four-year" in a.citations[0].quote
    a = ask("How did Rubio sum up the meeting in Switzerland?", settings=real_index)
    assert a.grounded and a.citations[0].source == "001_440f3e811b64d454.txt", a.answer
    _assert_verified(real_index, a)


def test_how_trump_responded_is_what_he_did_then_his_own_words_on_it(real_index: Settings) -> None:
    a = ask("How has Trump responded to Russia's strikes during the talks?", settings=real_index)
    assert a.grounded, a.answer
    assert "criticized Putin" in a.citations[0].quote and "Secondary Sanctions" in a.citations[1].quote, a.answer
    assert a.citations[0].source == a.citations[1].source == "000_ffe21b890d8911ed.txt"
    _assert_verified(real_index, a)


def test_a_reaction_told_after_the_sentence_before_it_goes_on_with_the_reactors_words(real_index: Settings) -> None:
    # the sentence before the account holds "White House" and is cited first; the account still gets Trump's words
    a = ask(
        "How did Trump react after Russia hit Kyiv with missiles right after the White House said a deal was near?",
        settings=real_index,
    )
    assert a.grounded, a.answer
    quotes = [c.quote for c in a.citations]
    account = next(i for i, q in enumerate(quotes) if "barrage of missiles" in q)
    assert "tapping me along" in quotes[account + 1], a.answer
    assert a.citations[account + 1].source == "000_ffe21b890d8911ed.txt"
    _assert_verified(real_index, a)


def test_what_a_side_asks_for_is_answered_with_its_own_demands(real_index: Settings) -> None:
    # the sentences closest in meaning doubt Putin's sincerity; his demands are what he asks for
    a = ask("What is Putin asking for in exchange for ending the war?", settings=real_index)
    assert a.grounded, a.answer
    assert any("Among Putin’s demands" in c.quote for c in a.citations), a.answer
    assert {c.source for c in a.citations} == {"000_ffe21b890d8911ed.txt"}
    # Ukraine's request is Ukraine's: Putin's demands, which also name Ukraine and NATO, are no part of it
    a = ask("What has Ukraine asked for in return for staying out of NATO?", settings=real_index)
    assert a.grounded and any("sought security guarantees" in c.quote for c in a.citations), a.answer
    assert not any("Putin’s demands" in c.quote for c in a.citations), a.answer
    _assert_verified(real_index, a)


def test_what_was_said_of_someone_after_an_event_is_the_quote_that_speaks_of_him_as_he(real_index: Settings) -> None:
    a = ask("What did Trump say about Putin after the Kyiv attack?", settings=real_index)
    assert a.grounded, a.answer
    assert "barrage of missiles" in a.citations[0].quote and "tapping me along" in a.citations[1].quote
    assert a.citations[0].source == a.citations[1].source == "000_ffe21b890d8911ed.txt"
    _assert_verified(real_index, a)


def test_a_which_role_question_is_answered_by_the_holder_of_that_role_in_the_article_about_the_event(
    real_index: Settings,
) -> None:
    # the sentence says "the discussions"; the article it is in is the one about Geneva
    a = ask("Which Ukrainian official called the Geneva talks productive?", settings=real_index)
    assert a.grounded and "Andriy Yermak" in a.citations[0].quote, a.answer
    assert a.citations[0].source == "001_440f3e811b64d454.txt"
    # the name among the role's qualifiers must be there, a plain word may be said otherwise ("a top Russian
    # negotiator" for "senior Russian negotiator")
    a = ask(
        "Which senior Russian negotiator said other countries want to derail the talks with Washington?",
        settings=real_index,
    )
    assert a.grounded and "Kirill Dmitriev" in a.citations[0].quote, a.answer
    assert a.citations[0].source == "003_396a240a2c14fd55.txt"
    # the article about Paris writes "Zelensky", the question "Zelenskyy": one name
    a = ask("What is the name of the Zelenskyy aide who spoke about the ministers' work?", settings=real_index)
    assert a.grounded and "Andriy Yermak" in a.citations[0].quote, a.answer
    # talks that "break down" have failed: the answer is what happens "if negotiations fail"
    a = ask("What could happen if the US-Russia talks break down?", settings=real_index)
    assert a.grounded and a.citations[0].quote.startswith("If negotiations fail"), a.answer
    # a question that ends on its choices cites the sentence holding one of them
    a = ask("Was Witkoff's latest sit-down with Putin their first, second or third?", settings=real_index)
    assert a.grounded and any("for a third time" in c.quote for c in a.citations), a.answer
    # a warning is answered by the harm it foresees
    a = ask("Why does Thomas Wright warn against pulling US support?", settings=real_index)
    assert a.grounded and "could help Russia" in a.citations[0].quote, a.answer


def test_a_sentence_that_alone_answers_is_found_outside_the_best_passages(real_index: Settings) -> None:
    # "Critics argue ..." sits in a passage about the Paris summit, which does not rank among the best six
    a = ask("Why do critics object to Trump's approach to the negotiations?", settings=real_index)
    assert a.grounded and "Critics argue" in a.citations[0].quote, a.answer
    assert a.citations[0].source == "002_34369f2f6595b0b6.txt"
    _assert_verified(real_index, a)
    # "Washington's overtures to Moscow" names no Ukrainian city
    a = ask("Which Ukrainian cities do the articles say Russia hit with strikes?", settings=real_index)
    assert a.grounded and "overtures" not in a.citations[0].quote, a.answer
    # "Russia continued its assault on Ukrainian cities" is followed by each city the article names
    quotes = " ".join(c.quote for c in ask("Which cities did Russia attack?", settings=real_index).citations)
    assert all(city in quotes for city in ("Kyiv", "Kharkiv", "Sumy")), quotes
    # chat shorthand: "ppl" is people
    a = ask("how many ppl were killed in the palm sunday attack on sumy", settings=real_index)
    assert a.grounded and "killed 34" in a.citations[0].quote, a.answer
    # and "the wh" is the White House, "ukr" Ukraine
    a = ask("who does the wh say should give ukr security guarantees", settings=real_index)
    assert a.grounded and "Europe should provide the guarantees" in a.citations[0].quote, a.answer


def test_a_second_sentence_close_in_score_is_cited_too(real_index: Settings) -> None:
    # the summit's purpose for Europe scores 0.818 of the sentence announcing the summit: cited beside it
    a = ask(
        "What do Ukraine’s European allies hope to achieve at the Paris summit with Rubio and Witkoff?",
        settings=real_index,
    )
    assert a.grounded and any("gauge the Trump administration" in c.quote for c in a.citations), a.answer
    assert all(c.source == "003_396a240a2c14fd55.txt" for c in a.citations)
    _assert_verified(real_index, a)


def test_a_question_worded_in_its_own_way_still_finds_who_and_how_many(real_index: Settings) -> None:
    # "almost 100" is the articles' 98; "persons" their people
    a = ask("Which Ukrainian city was hit by cluster bombs that hurt almost 100 people?", settings=real_index)
    assert a.grounded and "Kharkiv" in a.citations[0].quote, a.answer
    a = ask("How many persons were killed in the missile attack on Sumy on Palm Sunday?", settings=real_index)
    assert a.grounded and "killed 34" in a.citations[0].quote, a.answer
    # "who's the <role>" asks for its holder; a "helper" is an aide
    a = ask("who's the kremlin spokesman claiming negotiations are still ongoing?", settings=real_index)
    assert a.grounded and "Peskov" in a.citations[0].quote, a.answer
    a = ask("What is the name of the top helper to Ukraine's president?", settings=real_index)
    assert a.grounded and "Yermak" in a.citations[0].quote, a.answer
    # a claim after "Is it the case that": "expects" is its verb, not a thing the articles must mention
    a = ask(
        "Is it the case that Washington expects the European powers to furnish security guarantees for Ukraine?",
        settings=real_index,
    )
    assert a.grounded and "Europe should provide" in a.citations[0].quote, a.answer
    # "how many dead and how many injured" asks for the tolls; a group is named, a person is not
    a = ask("For the Kharkiv attack, how many dead and how many injured are we reporting?", settings=real_index)
    assert a.grounded and "injured 98" in a.citations[0].quote, a.answer
    a = ask("What is the name of the grouping of Western states that pledged to defend Ukraine?", settings=real_index)
    assert a.grounded and "coalition of the willing" in a.citations[0].quote, a.answer
    a = ask("Who is going to give Ukraine the security guarantees, America or Europe?", settings=real_index)
    assert a.grounded and "Europe should provide" in a.citations[0].quote, a.answer
    # an outcome asked yes or no is not told by a report from before it
    assert not ask("Did the London round of talks produce an agreement?", settings=real_index).grounded
    # a country typed in lower case is still a name the articles lack; "JD Vance" is the Vance asked about
    assert not ask("what does china think of the US peace plan?", settings=real_index).grounded
    assert not ask("Whom did Vice President Vance meet in Rome?", settings=real_index).grounded


def test_a_question_after_what_the_reader_says_first_is_answered_as_asked(real_index: Settings) -> None:
    # a polite request after a context sentence: "Mr." is no name, "in which city" is asked
    a = ask(
        "I read somewhere that President Trump's special envoy had a meeting with Mr. Putin on a Friday. "
        "Could you kindly tell me in which city that meeting took place?",
        settings=real_index,
    )
    assert a.grounded and "Moscow" in a.citations[0].quote, a.answer
    assert not ask(
        "I understand Ukraine's foreign minister went to Paris. Could you kindly tell me what his name is?",
        settings=real_index,
    ).grounded
    # a claim checked: the name it gets wrong is what is checked, not a name the articles must hold
    a = ask(
        "A quote card credits 'former NSC adviser Thomas Friedman' with saying a US pullout would help Russia. "
        "What is the adviser's real name?",
        settings=real_index,
    )
    assert a.grounded and "Thomas Wright" in a.citations[0].quote, a.answer


def test_questions_passed_on_and_headline_queries_are_answered_as_asked(real_index: Settings) -> None:
    # who passes a question on names no one the articles must hold
    a = ask("Our listener Maria asks: how long was the ceasefire the White House wanted?", settings=real_index)
    assert a.grounded and "30-day" in a.citations[0].quote, a.answer
    a = ask("Andriy Yermak keeps coming up. Our listener Priya asks, who exactly is he?", settings=real_index)
    assert a.grounded and "top aide" in a.citations[0].quote, a.answer
    assert not ask("A caller wonders where China stands on the peace talks.", settings=real_index).grounded
    # a headline-style query: its shorthand and the slot after its colon
    a = ask("Kremlin spox name?", settings=real_index)
    assert a.grounded and "Peskov" in a.citations[0].quote, a.answer
    a = ask("Witkoff-Putin Fri mtg: city?", settings=real_index)
    assert a.grounded and "Moscow" in a.citations[0].quote, a.answer
    assert not ask("China position on peace plan?", settings=real_index).grounded
    assert not ask("Zelensky US visit: date set?", settings=real_index).grounded


def test_a_claim_asked_back_is_corrected(real_index: Settings) -> None:
    a = ask("Witkoff met Putin in St. Petersburg on Friday, right? Or was it some other city?", settings=real_index)
    assert a.grounded and "Moscow" in a.citations[0].quote, a.answer
    a = ask(
        "It was John Bolton who warned that pulling US support would help Russia, right? Who said that?",
        settings=real_index,
    )
    assert a.grounded and "Thomas Wright" in a.citations[0].quote, a.answer
    # a question about the claim's own people checks nothing: the Pope is still a name the articles lack
    assert not ask(
        "Vance met the Pope while he was in Rome, right? What did they talk about?", settings=real_index
    ).grounded
    a = ask(
        "What evidence does the Ukrainian think tank offer that the truce did little to restrain Russia?",
        settings=real_index,
    )
    assert a.grounded and any("2.5 times" in c.quote for c in a.citations), a.answer


def test_texted_questions_are_answered(real_index: Settings) -> None:
    a = ask("whos the kremlin spokesperson guy", settings=real_index)
    assert a.grounded and "Peskov" in a.citations[0].quote, a.answer
    a = ask("wat does russia want ukraine n the west to do b4 a ceasefire", settings=real_index)
    assert a.grounded and "halting mobilization" in a.answer, a.answer
    assert not ask("wats the name of ukraine's defense minister", settings=real_index).grounded


def test_a_question_worded_as_in_german_is_answered(real_index: Settings) -> None:
    a = ask(
        "How is called the speaker from the Kremlin who said the negotiations are still going on?", settings=real_index
    )
    assert a.grounded and "Peskov" in a.citations[0].quote, a.answer
    assert not ask("How is called the foreign minister from Ukraine who came to Paris?", settings=real_index).grounded
