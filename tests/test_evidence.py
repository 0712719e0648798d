"""Unit tests of sentence scoring features, on hand-made passages (no index, no model)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
from llama_index.core.schema import TextNode

from qa.answer import grounded
from qa.evidence import (
    NEIGHBOUR_RANK,
    Evidence,
    TermCoverage,
    _names_the_focus,
    score_sentences,
    sentence_records,
    unnamed,
    whole_quotes,
    with_cities,
    with_details,
    with_more_words,
    with_own_words,
    with_same_subject,
    with_their_words,
)
from qa.question import analyse
from qa.retrieve import CorpusStats, _with_rarest_term
from qa.text import content_terms, stem


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


def test_an_article_that_never_writes_the_place_the_question_names_ranks_lower() -> None:
    geneva = "Rubio, in Geneva, praised a framework to end Russia's nearly four-year war in Ukraine."
    paris = "In the 22 days after the truce, Russia's war in Ukraine killed 2.5 times more people."
    kyiv = "In Russia's war in Ukraine, a barrage of missiles on Kyiv killed 12 people."
    records = [
        _record("geneva.txt", 0, geneva, [0.6, 0.8, 0]),
        _record("paris.txt", 0, paris, [1, 0, 0]),
        _record("kyiv.txt", 0, kyiv, [0, 0, 1]),
    ]
    geneva_article = geneva + " Officials in Moscow spoke on Sunday."
    stats = CorpusStats(
        [geneva_article, paris + " Talks were held in Paris.", kyiv], ["geneva.txt", "paris.txt", "kyiv.txt"]
    )
    question_vector = np.asarray([1, 0.2, 0], dtype=np.float32)

    def ranked(question: str) -> list[str]:
        evidence = score_sentences(analyse(question), question_vector, [], records, stats)
        return [ev.source for ev in evidence]

    # closer in meaning, the Paris article's sentence leads while the question names no place
    assert ranked("How long had Russia's war in Ukraine been going on?")[0] == "paris.txt"
    assert ranked("How long had Russia's war in Ukraine been going on by the time of the Geneva talks?")[0] == (
        "geneva.txt"
    )
    # a party's capital alone says no more than its country does ("Moscow" for Russia's government), a day is
    # no name of a place, and a name offered as an alternative decides nothing
    assert ranked("How long had Moscow's war in Ukraine been going on?")[0] == "paris.txt"
    assert ranked("How long had Russia's war in Ukraine been going on by Sunday?")[0] == "paris.txt"
    assert (
        ranked("How long had Russia's war in Ukraine been going on by the Geneva or the London talks?")[0]
        == "paris.txt"
    )


def test_a_sentence_telling_what_the_asked_side_demands_ranks_higher() -> None:
    announced = "Putin has rejected multiple proposals and made several demands that are nonstarters for Kyiv."
    listed = "Among Putin’s demands are a guarantee Ukraine can never join NATO and land concessions."
    ukraine = "Ukraine has been open to staying out of NATO but has sought security guarantees in exchange."
    doubted = "Analysts have long questioned Putin’s desire to end the war."
    records = [
        _record("a.txt", 0, doubted, [1, 0, 0]),
        _record("a.txt", 100, announced, [0.8, 0.6, 0]),
        _record("a.txt", 200, listed, [0.8, 0.6, 0]),
        _record("a.txt", 300, ukraine, [0.8, 0.6, 0]),
    ]
    stats = CorpusStats([" ".join([doubted, announced, listed, ukraine]), "Elsewhere, the weather was mild."])
    vector = np.asarray([1, 0, 0], dtype=np.float32)

    def ranked(question: str) -> list[str]:
        return [ev.text for ev in score_sentences(analyse(question), vector, [], records, stats)]

    # closest in meaning, the doubt about Putin leads while the question asks for no one's demands
    assert ranked("What do analysts think of Putin?")[0] == doubted
    # asked what Putin wants, the sentences with his demands lead; Ukraine's request is Ukraine's, not his
    for question in ("What is Putin asking for in exchange for peace?", "What does Putin want?"):
        assert set(ranked(question)[:2]) == {announced, listed}, question
    assert ranked("What has Ukraine asked for in return?")[0] == ukraine
    # the part orders the answer, never decides one (see unnamed)
    evidence = score_sentences(analyse("What does Putin want?"), vector, [], records, stats)
    assert unnamed(evidence)[0].text == doubted


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


def _consecutive(*texts: str) -> list[Evidence]:
    """``texts`` as consecutive sentences of one article, scored best first in that order."""
    out, start = [], 0
    for i, text in enumerate(texts):
        out.append(Evidence("a.txt", "", start, start + len(text), text, score=1.0 - i / 10))
        start += len(text) + 1
    return out


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


def test_a_sentence_speaking_of_someone_as_he_is_about_whom_the_sentence_before_names() -> None:
    account = "Russia hit Kyiv, prompting criticism of Putin from Trump."
    post = "“Maybe he is tapping me along,” Trump wrote in a post on Truth Social."
    others = ["Trump met aides.", "Trump flew home.", "Elsewhere, the weather was mild."]  # Trump names no one event
    stats = CorpusStats([account + " " + post, *others], ["a.txt", "b.txt", "c.txt", "d.txt"])
    question = analyse("Where did Trump post his complaint that Putin was stringing him along?")
    near = frozenset(content_terms(account + " " + post))
    told = Evidence("a.txt", "", 60, 60 + len(post), post, lexical=0.4, score=0.6, near_terms=near)
    assert grounded(question, [told], stats) == (True, "")  # "he" is the Putin named just before
    alone = Evidence("a.txt", "", 60, 60 + len(post), post, lexical=0.4, score=0.6)
    assert grounded(question, [alone], stats) == (False, "no passage gives the place asked for")
    # a sentence with no one to refer back to is not about Putin for being next to him
    no_pronoun = post.replace("he is", "Zelenskyy is")
    other = Evidence("a.txt", "", 60, 60 + len(no_pronoun), no_pronoun, lexical=0.4, score=0.6, near_terms=near)
    assert grounded(question, [other], stats) == (False, "no passage gives the place asked for")


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


def test_a_number_given_as_approximate_is_found_near_it() -> None:
    told = "In Kharkiv, a deadly attack using cluster munitions killed one and injured 98 civilians."
    stats = CorpusStats([told, "Elsewhere, the weather was mild."], ["a.txt", "b.txt"])
    best = Evidence("a.txt", "", 0, len(told), told, lexical=0.3, score=0.6, typed=True)
    for near in ("almost 100", "nearly 100", "about 100", "close to 100", "more than 90", "around 110"):
        reason = grounded(analyse(f"Which city was hit by cluster bombs that hurt {near} people?"), [best], stats)[1]
        assert "never mention" not in reason, near
    for far in ("100", "almost 150", "more than 100", "about 60"):  # exact, or not near 98 on the side asked
        reason = grounded(analyse(f"Which city was hit by cluster bombs that hurt {far} people?"), [best], stats)[1]
        assert reason.startswith("the articles never mention"), far


def test_a_who_question_is_answered_by_a_sentence_close_in_meaning_that_names_someone() -> None:
    told = "European leaders sought to be included, but the White House insisted Europe should guarantee Ukraine."
    stats = CorpusStats([told, "America, the weather was mild."], ["a.txt", "b.txt"])
    question = analyse("Who is going to give Ukraine the security guarantees, America or Europe?")
    close = Evidence("a.txt", "", 0, len(told), told, lexical=0.3, cosine=0.7, score=0.7, typed=True)
    assert grounded(question, [close], stats) == (True, "")
    loose = Evidence("a.txt", "", 0, len(told), told, lexical=0.3, cosine=0.5, score=0.7, typed=True)
    assert grounded(question, [loose], stats) == (False, "no passage names the person in the question's context")


def test_a_count_of_persons_is_a_count_of_people() -> None:
    told = "A missile attack killed 34 people in Sumy."
    stats = CorpusStats([told, "Elsewhere, the weather was mild."], ["a.txt", "b.txt"])
    best = Evidence("a.txt", "", 0, len(told), told, lexical=0.6, score=0.8, typed=True)
    assert grounded(analyse("How many persons were killed in the attack on Sumy?"), [best], stats) == (True, "")
    missing = grounded(analyse("How many soldiers were killed in the attack on Sumy?"), [best], stats)[1]
    assert missing == "the articles never mention: soldier"


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


def test_a_peoples_adjective_covers_its_place() -> None:
    stats = CorpusStats(["Talks were held in Switzerland.", "Elsewhere, the weather was mild."], ["a.txt", "b.txt"])
    coverage = TermCoverage(analyse("Where were the Swiss talks held?"), stats)
    assert coverage(set(content_terms("Talks were held in Switzerland."))) == 1.0  # "Swiss" is Switzerland's
    assert coverage(set(content_terms("Talks were held in Sweden."))) < 1.0


def test_the_next_sentence_about_the_group_asked_about_is_cited_after_the_best() -> None:
    gauge = "For Ukraine’s European allies, the summit offers a chance to gauge the administration’s thinking."
    goes_on = "Kyiv and its allies have been alarmed by talking points, and may view the talks as a chance to end them."
    other = "Ukraine’s ministers arrived in the French capital."
    weather = "The weather in Paris will stay mild for the allies."
    evidence = _consecutive(gauge, goes_on, other)
    hope = analyse("What do Ukraine's European allies hope to gain from the Paris summit?")
    chosen = with_same_subject([evidence[0], evidence[2]], evidence, hope, max_sentences=4)
    assert [c.text for c in chosen] == [gauge, goes_on, other]  # the allies again, in the order of the file
    # a name is no group: the next sentence about a person is as often about something else
    thanked = "Zelenskyy thanked the US for its help."
    visit = "Zelenskyy is reportedly considering a visit to the US."
    evidence = _consecutive(thanked, visit)
    answer = analyse("How did Zelenskyy respond to Trump's claim?")
    assert [c.text for c in with_same_subject([evidence[0]], evidence, answer, max_sentences=4)] == [thanked]
    # and a sentence whose subject the question does not name stays out
    evidence = _consecutive(gauge, weather)
    assert [c.text for c in with_same_subject([evidence[0]], evidence, hope, max_sentences=4)] == [gauge]


def test_the_sentences_after_an_faq_answer_that_restates_a_why_question_give_its_reasons() -> None:
    asked = "Is there optimism for a positive outcome from the negotiations?"
    restates = "While challenges remain, there is cautious optimism about progress in the negotiations."
    first = "Both sides have expressed a willingness to continue talks."
    second = "International pressure is hoped to urge Russia towards peace."
    later = "Is anyone else involved?"
    why = "Why is there cautious optimism about the negotiations?"
    by_text = _scored(why, asked, restates, first, second, later)
    assert not by_text[restates].typed  # it states what is asked, with no reason
    for reason in (first, second):
        assert by_text[reason].typed and by_text[reason].lexical == by_text[restates].lexical
    # in running text, the sentence after one that restates the question is as often about something else
    by_text = _scored(why, "The talks resumed.", restates, first)
    assert not by_text[first].typed


def test_an_account_of_what_someone_did_is_followed_by_their_own_words() -> None:
    account = "Russia launched missiles into Kyiv that killed 12 people, prompting criticism of Putin from Trump."
    opens = "“It makes me think he doesn’t want to stop the war, and has to be dealt with via “Banking” or “Sanctions?”"
    closes = "Too many people are dying!” Trump wrote in a post on Truth Social."
    other = "“We need to decide in a matter of days,” Rubio said."
    texts = [account, opens, closes]
    evidence = _consecutive(*texts)
    evidence[-1].quote_depth = 1  # the closing part sits inside the quote
    how = analyse("How did Trump react to the strike?")
    chosen = with_own_words([evidence[0]], evidence, how, max_sentences=4)
    assert [c.text for c in chosen] == texts  # the account, then Trump's words whole
    # someone else's words next to it add nothing: Rubio is not whom the account is about
    evidence = _consecutive(account, other)
    assert [c.text for c in with_own_words([evidence[0]], evidence, how, max_sentences=4)] == [account]
    # with the sentence before it (with_neighbour's, scored lower) put first, the account still gets them
    before = "The White House has pressed both sides to agree to a 30-day ceasefire."
    evidence = _consecutive(account, opens, closes)
    evidence[-1].quote_depth = 1
    earlier = Evidence("a.txt", "", -len(before) - 1, -1, before, score=0.5)
    chosen = with_own_words([earlier, evidence[0]], [earlier, *evidence], how, max_sentences=4)
    assert [c.text for c in chosen] == [before, *texts]


def test_an_account_naming_its_speaker_first_is_followed_by_the_whole_quote() -> None:
    account = "Rubio said during an appearance on NBC’s “Meet the Press” that the US may turn to other issues."
    said = "“This week is going to be a really important week,” Rubio said."
    goes_on = "“But we want to see it happen."
    closes = "We're close, but we're not close enough.”"
    evidence = _consecutive(account, said, goes_on, closes)
    evidence[-1].quote_depth = 1
    how_close = analyse("How close to a deal did Rubio say they were?")
    assert [c.text for c in with_own_words([evidence[0]], evidence, how_close, max_sentences=4)] == [
        account,
        said,
        goes_on,
        closes,
    ]
    # a question for one thing the account gives (the programme) needs no more
    evidence[0].typed = True
    show = analyse("On which TV show did Rubio say the US may turn to other issues?")
    assert [c.text for c in with_own_words([evidence[0]], evidence, show, max_sentences=4)] == [account]


def test_how_someone_reacted_is_told_by_what_they_did_and_then_their_own_words() -> None:
    did = "Trump also met Zelenskyy and criticized Putin for continuing to launch strikes on Ukraine."
    analyst = "“Putin faces no pressure to stop,” said Javed Ali, a former official."
    toll = "A barrage of missiles hit Kyiv, killing 12 people."
    post = "“Maybe he is just tapping me along,” Trump wrote in a post on Truth Social."
    evidence = _consecutive(did, analyst, toll, post)
    for ev in evidence:
        ev.vector = np.ones(3, dtype=np.float32) / np.sqrt(3)
    reacted = analyse("How has Trump responded to Russia's continued strikes?")
    assert [c.text for c in with_their_words([evidence[0]], evidence, reacted, max_sentences=4)] == [did, post]
    # someone else's reaction, or a best sentence that does not tell what the person did, gets no quote of his
    putin = analyse("How did Putin react to the strikes?")
    assert [c.text for c in with_their_words([evidence[0]], evidence, putin, max_sentences=4)] == [did]
    assert [c.text for c in with_their_words([evidence[2]], evidence, reacted, max_sentences=4)] == [toll]


def test_a_report_of_someones_words_is_followed_by_their_reasons_in_their_own_words() -> None:
    report = "This came after warnings from Secretary of State Marco Rubio that the US may pull back from mediation."
    between = "Talks in Paris produced an outline."
    said = "“We need to decide in a matter of days,” Rubio said."
    goes_on = "“This is not our war."
    closes = "We have other priorities.”"
    other = "“We will keep going,” Trump said."
    evidence = _consecutive(report, between, said, goes_on, closes, other)
    evidence[4].quote_depth = 1  # the closing part sits inside the quote
    for ev in evidence:
        ev.vector = np.ones(3, dtype=np.float32) / np.sqrt(3)
    evidence[0].lexical = 0.6  # the report holds most of the question's words
    why = analyse("Why might the US stop mediating?")
    chosen = with_their_words([evidence[0], evidence[1]], evidence, why, max_sentences=4)
    assert [c.text for c in chosen] == [report, said, goes_on, closes]  # Rubio's quote, whole; not Trump's
    what = analyse("What might the US stop doing?")  # only "why" and yes/no questions
    assert with_their_words([evidence[0]], evidence, what, max_sentences=4) == [evidence[0]]
    yes_no = analyse("Is the US considering stepping away from mediation?")
    assert [c.text for c in with_their_words([evidence[0]], evidence, yes_no, max_sentences=4)][1] == said
    # a report holding little of the question is about something else, unless it is of whom the question names
    evidence[0].lexical = 0.1
    assert with_their_words([evidence[0]], evidence, why, max_sentences=4) == [evidence[0]]
    named = analyse("Why did the Secretary of State say that?")
    assert [c.text for c in with_their_words([evidence[0]], evidence, named, max_sentences=4)][1] == said
    # the best report's speaker is quoted nowhere: the next report, of Rubio's words, gives the quote
    unquoted = "Vance said on Friday that the talks in Paris were coming to a head."
    evidence = _consecutive(unquoted, report, between, said, goes_on, closes)
    evidence[5].quote_depth = 1
    for ev in evidence:
        ev.vector = np.ones(3, dtype=np.float32) / np.sqrt(3)
    evidence[0].lexical, evidence[1].lexical = 0.4, 0.25
    chosen = with_their_words([evidence[0], evidence[1]], evidence, why, max_sentences=5)
    assert [c.text for c in chosen] == [unquoted, report, said, goes_on, closes]


def test_a_country_sentence_is_followed_by_the_city_its_neighbour_names() -> None:
    country = "The US held talks with officials from Ukraine and Europe in Switzerland."
    city = "Rubio, speaking from the US mission in Geneva, was optimistic."
    paris = "Ministers met in Paris on Thursday."
    title = "US and Ukraine to hold talks"
    question = "In which cities has the US held talks with Ukrainian and European officials?"
    by_text = _scored(question, country, city)
    assert by_text[country].typed and by_text[city].typed  # the country, then the city in it
    assert not _scored(question, country)[country].typed  # a country alone names no city
    evidence = [
        *_consecutive(country, city),
        Evidence("b.txt", "", 0, len(paris), paris, typed=True),
        Evidence("c.txt", "", 0, len(title), title, typed=False),
    ]
    chosen = with_cities([evidence[2], evidence[3], evidence[0]], evidence, analyse(question), max_sentences=3)
    assert [c.text for c in chosen] == [paris, country, city]  # the untyped title makes way
    where = analyse("Where did the US hold talks?")
    assert with_cities([evidence[0]], evidence, where, max_sentences=3) == [evidence[0]]


def test_a_titled_person_after_a_preposition_is_no_place() -> None:
    person = "Remarks by Trump drew a reply from Ukrainian President Volodymyr Zelenskyy, who thanked the US and Trump."
    city = "Trump and Zelenskyy later met in Rome."
    for question in ("In which city did Trump meet Zelenskyy?", "Where did Trump meet Zelenskyy?"):
        by_text = _scored(question, person, city)
        assert not by_text[person].typed, question  # "from Ukrainian President ..." names a person
        assert by_text[city].typed, question


def test_the_words_of_the_named_speaker_go_on_in_the_he_said_after_them() -> None:
    named = "Kirill Dmitriev, a top Russian negotiator, claimed that countries are trying to disrupt the dialogue."
    goes_on = "He said the latest meeting was “extremely productive,” but that the dialogue was difficult."
    other = "He visited Paris on Thursday."
    evidence = _consecutive(named, goes_on, other)
    question = analyse("How did Kirill Dmitriev describe Russia's dialogue with the US?")
    assert [c.text for c in with_more_words([evidence[0], evidence[2]], evidence, question, max_sentences=4)] == [
        named,
        goes_on,
        other,
    ]
    # a "He ..." that says nothing, or a question that names no speaker, takes nothing more
    evidence = _consecutive(named, other)
    assert [c.text for c in with_more_words([evidence[0]], evidence, question, max_sentences=4)] == [named]
    evidence = _consecutive(named, goes_on)
    plain = analyse("What are countries trying to disrupt?")
    assert [c.text for c in with_more_words([evidence[0]], evidence, plain, max_sentences=4)] == [named]


def test_the_named_speakers_quote_goes_on_in_the_next_unattributed_quote() -> None:
    account = "Rubio, speaking from Paris, stated that the next meeting could decide the US role."
    said = "“We need to decide in a matter of days,” Rubio said."
    opens, closes = "“This is not our war.", "We have other priorities.”"
    evidence = _consecutive(account, said, opens, closes)
    closes_ev = evidence[3]
    closes_ev.quote_depth = 1
    question = analyse("What did Rubio say about how soon the US would decide?")
    chosen = with_more_words([evidence[0], evidence[1]], evidence, question, max_sentences=4)
    assert [c.text for c in whole_quotes(chosen, evidence)] == [account, said, opens, closes]
    # a quote closed with someone else's name is theirs; a question that names no speaker takes nothing more
    other = _consecutive(account, said, opens, "We have other priorities,” Putin replied.")
    other[3].quote_depth = 1
    assert with_more_words([other[0], other[1]], other, question, max_sentences=4) == [other[0], other[1]]
    plain = analyse("How soon must the US decide?")
    assert with_more_words([evidence[0], evidence[1]], evidence, plain, max_sentences=4) == [evidence[0], evidence[1]]


def test_a_sentence_writing_a_name_by_its_initials_is_about_it() -> None:
    told = "Zelenskyy is reportedly considering a visit to the US for face-to-face negotiations."
    other = "The United States and Ukraine signed a memorandum. The leader of Ukraine went to Geneva."
    stats = CorpusStats([told, other, "Elsewhere, the weather was mild.", "Rain fell in Paris."], list("abcd"))
    question = analyse("Which leader is considering a trip to the United States for face-to-face negotiations?")
    ev = Evidence("a", "", 0, len(told), told, lexical=0.6, score=0.6, typed=True)
    assert grounded(question, [ev], stats) == (True, "")  # "the US" is the question's "United States"
    moved = analyse("Which leader is considering a trip to the United Kingdom for face-to-face negotiations?")
    assert not grounded(moved, [ev], stats)[0]


def test_a_capital_in_the_question_is_its_government_in_the_sentence() -> None:
    told = "The White House has pressed both sides to agree to a 30-day ceasefire."
    texts = [told, "Rain fell in Paris.", "Elsewhere, the weather was mild.", "Washington and Moscow spoke."]
    stats = CorpusStats(texts, list("abcd"))
    question = analyse("How long is the ceasefire that Washington asked both sides to accept?")
    ev = Evidence("a", "", 0, len(told), told, lexical=0.4, score=0.6, typed=True)
    assert grounded(question, [ev], stats) == (True, "")  # "Washington" is the White House
    moved = analyse("How long is the ceasefire that Moscow asked both sides to accept?")
    assert grounded(moved, [ev], stats) == (False, "no passage gives the number asked for")  # not the Kremlin


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


def test_a_sentence_announcing_a_list_is_followed_by_its_particulars() -> None:
    announces = "Meanwhile, Russia continued its assault on Ukrainian cities."
    detail = "In Kharkiv, a deadly attack using cluster munitions killed one and injured 98 civilians."
    stats = CorpusStats([f"{announces} {detail}", "Elsewhere, the weather was mild."], ["a.txt", "b.txt"])
    evidence = _consecutive(announces, detail)
    listing = analyse("Which Russian strikes on Ukrainian cities are reported, and how many casualties?")
    assert [c.text for c in with_details([evidence[0]], evidence, listing, stats, 4)] == [announces, detail]
    # one thing asked for: the sentence is cited as chosen
    single = analyse("Did Russia keep up its assault on Ukrainian cities?")
    assert [c.text for c in with_details([evidence[0]], evidence, single, stats, 4)] == [announces]
    # asked how, an answer that only says so goes on with the particulars; a later sentence that does is cited as
    # chosen
    how = analyse("To what extent did Russia keep up its assault on Ukrainian cities?")
    assert [c.text for c in with_details([evidence[0]], evidence, how, stats, 4)] == [announces, detail]
    opening = Evidence("b.txt", "", 0, 30, "Russia signaled openness to talks.", score=2.0)
    listed = with_details([opening, evidence[0]], [opening, *evidence], how, stats, 4)
    assert [c.text for c in listed] == [opening.text, announces]
    # a sentence giving particulars of its own announces nothing
    own = "Meanwhile, Russia hit 3 Ukrainian cities."
    evidence = _consecutive(own, detail)
    assert [c.text for c in with_details([evidence[0]], evidence, listing, stats, 4)] == [own]


def test_an_announced_list_goes_on_with_the_particulars_that_follow_it() -> None:
    announces = "Meanwhile, Russia continued its assault on Ukrainian cities."
    kharkiv = "In Kharkiv, a deadly attack using cluster munitions killed one and injured 98 civilians."
    sumy = "A drone strike also targeted a bakery in Sumy, days after a missile attack killed 34."
    other = "Moscow has tied its conditions to Ukraine halting mobilization."
    stats = CorpusStats([f"{announces} {kharkiv} {sumy} {other}", "Elsewhere, it was mild."], ["a.txt", "b.txt"])
    evidence = _consecutive(announces, kharkiv, sumy, other)
    for ev in evidence:
        ev.lexical = 0.0 if ev.text == other else 0.5  # "attack" is the question's word; "conditions" is not
    # "Ukrainian" qualifies the question's own word: the sentence names no city, it announces them
    cities = analyse("Which cities did Russia attack?")
    listed = with_details([evidence[0]], evidence, cities, stats, 4)
    assert [c.text for c in listed] == [announces, kharkiv, sumy]  # not "Moscow has tied ...", about no attack
    # Kharkiv chosen already: the list goes on past it
    listed = with_details([evidence[1], evidence[0]], evidence, cities, stats, 4)
    assert [c.text for c in listed] == [kharkiv, announces, sumy]


def test_a_sentence_close_in_meaning_but_without_a_date_refuses_a_date_from_elsewhere() -> None:
    told = "Zelenskyy is reportedly considering a visit to the US for face-to-face negotiations."
    other = "Trump met with Zelenskyy over the weekend and criticized the US envoy."
    stats = CorpusStats([told, other], ["a.txt", "b.txt"])
    question = analyse("When is Zelenskyy expected to travel to the US for talks?")
    top = Evidence("a.txt", "", 0, len(told), told, lexical=0.3, cosine=0.74, score=0.5, typed=False)
    dated = Evidence("b.txt", "", 0, len(other), other, lexical=0.1, cosine=0.49, score=0.45, typed=True)
    assert grounded(question, [top, dated], stats) == (False, "the passage about what is asked gives no date")
    top.cosine = 0.45  # neither its wording nor its meaning makes it the account of the visit
    assert grounded(question, [top, dated], stats)[1] != "the passage about what is asked gives no date"


def test_an_ex_official_is_the_former_official() -> None:
    said = "But Putin faces no pressure at home to stop, said Javed Ali, a former counterterrorism official."
    stats = CorpusStats([said, "Elsewhere, the weather was mild."], ["a.txt", "b.txt"])
    question = analyse("What's the name of the ex-counterterrorism official who said Putin faces no pressure?")
    assert question.asks_holder and question.role == "official"
    ev = Evidence("a.txt", "", 0, len(said), said, lexical=0.6, cosine=0.6, score=0.7, typed=True)
    assert grounded(question, [ev], stats) == (True, "")
    envoy = "Steve Witkoff, a former real estate developer, said Putin faces no pressure at home."
    ev = Evidence("a.txt", "", 0, len(envoy), envoy, lexical=0.6, cosine=0.6, score=0.7, typed=True)
    assert not grounded(question, [ev], CorpusStats([envoy, said], ["a.txt", "b.txt"]))[0]


def test_a_sentence_naming_the_holder_of_the_asked_role_is_about_them() -> None:
    named = "Secretary of State Marco Rubio flew to Paris."
    said = "Rubio said during an appearance on NBC’s “Meet the Press” that the administration may change course."
    question = "On which programme did the Secretary of State say the administration may shift attention elsewhere?"
    ev = _scored(question, named, said)[said]
    assert ev.typed and ev.lexical < 0.6  # "Rubio" is the Secretary of State, though few other words match
    stats = CorpusStats([named, said, "Elsewhere, the weather was mild."], ["a.txt", "a.txt", "b.txt"])
    assert grounded(analyse(question), [ev], stats) == (True, "")


def test_naming_who_the_question_names_orders_the_answer_but_never_decides_it() -> None:
    plan = "The US peace plan has 28 points and covers the open issues."
    putin = "Putin has indicated the framework might serve as a basis."
    by_text = _scored("What does Putin think about the peace plan?", plan, putin)
    assert by_text[putin].named > 0 and by_text[plan].named == 0  # "Putin" is in every article: idf hardly counts it
    judged = {ev.text: ev for ev in unnamed(list(by_text.values()))}
    assert judged[putin].score == by_text[putin].score - by_text[putin].named  # refusals are decided without it
    assert judged[plan].score == by_text[plan].score


def test_a_best_sentence_close_in_meaning_answers_though_its_score_is_weak() -> None:
    said = "Rubio contends that talks should focus on ending hostilities first and foremost."
    stats = CorpusStats([said, "Elsewhere, the weather was mild."], ["a.txt", "b.txt"])
    question = analyse("What should the talks concentrate on before anything else?")
    close = Evidence("a.txt", "", 0, len(said), said, lexical=0.2, cosine=0.56, score=0.38, typed=True)
    assert grounded(question, [close], stats) == (True, "")
    close.cosine = 0.45  # neither its wording nor its meaning is near enough
    assert grounded(question, [close], stats) == (False, "the best evidence is weak (0.38)")


def test_a_sentence_naming_the_things_asked_for_ranks_above_one_that_does_not() -> None:
    irritated = "In a sign of growing irritation with Moscow, Trump said that Russia has to get moving on a settlement."
    conditions = "Moscow has tied its conditions to Ukraine halting mobilization and the West stopping arms support."
    by_text = _scored("What conditions has Moscow set for a settlement?", irritated, conditions)
    assert by_text[conditions].score > by_text[irritated].score
    # "What role does X play?" is answered without the word "role": that focus gives no bonus
    role = "Rubio plays a crucial role in the talks."
    stats = CorpusStats([role, "Elsewhere, the weather was mild."], ["a.txt", "b.txt"])
    ev = Evidence("a.txt", "", 0, len(role), role, terms=frozenset(content_terms(role)))
    assert not _names_the_focus(ev, analyse("What role does Rubio play in the talks?"), stats)
    assert _names_the_focus(ev, analyse("What talks does Rubio play a role in?"), stats)


class _SentenceStore:
    """The one read ``sentence_records`` makes of a store (``Store.sentences_in``), over a list of records."""

    def __init__(self, records: list[dict[str, object]]) -> None:
        self.records = records

    def sentences_in(self, spans: list[tuple[str, int, int]], versions: object = None) -> list[dict[str, object]]:
        inside = [
            r
            for r in self.records
            if any(r["source"] == s and a <= int(r["start"]) and int(r["end"]) <= b for s, a, b in spans)  # type: ignore[call-overload]
        ]
        return sorted(inside, key=lambda r: (str(r["source"]), int(r["start"])))  # type: ignore[call-overload]


def _chunk(source: str, records: list[dict[str, object]]) -> SimpleNamespace:
    spans = [[r["start"], r["end"]] for r in records]
    return SimpleNamespace(node=SimpleNamespace(metadata={"source": source, "sentences": json.dumps(spans)}))


def test_the_closest_sentences_of_the_other_candidates_come_with_their_neighbours() -> None:
    hit = [_record("a.txt", 0, "Talks in Paris produced an outline for peace.", [1, 0, 0])]
    texts = ["The summit opened on Thursday.", "Critics argue the style pressures Ukraine.", "Lunch followed."]
    other, start = [], 0
    for text, vector in zip(texts, ([0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]), strict=True):
        other.append(_record("b.txt", start, text, vector))
        start += len(text) + 1
    far = [_record("c.txt", 0, "Elsewhere, the weather was mild.", [1, 0, 1])]
    store = _SentenceStore(hit + other + far)
    critics = np.asarray([0.1, 1.0, 0.0], dtype=np.float32)
    got = sentence_records(store, [_chunk("a.txt", hit)], [_chunk("b.txt", other), _chunk("c.txt", far)], critics, 1)
    # the critics' sentence is the candidates' closest: it comes, with the sentences either side of it
    assert [r["text"] for r in got] == [hit[0]["text"], *texts]
    assert [r["text"] for r in sentence_records(store, [_chunk("a.txt", hit)], [_chunk("c.txt", far)], critics, 1)] == [
        hit[0]["text"],
        far[0]["text"],
    ]
    # none asked for: the passages' own sentences only
    alone = sentence_records(store, [_chunk("a.txt", hit)], [_chunk("b.txt", other)], critics, 0)
    assert [r["text"] for r in alone] == [hit[0]["text"]]


def test_a_name_spelt_with_y_or_yy_is_one_name() -> None:
    stats = CorpusStats(["Zelenskyy thanked the US.", "An aide to President Zelensky spoke."])
    assert stats.found_in(stem("Zelensky"), {stem("Zelenskyy")})
    assert stats.found_in(stem("Zelenskyy"), {stem("Zelensky")})
    assert not stats.found_in(stem("Zelensky"), {stem("Zelenska")})


def test_a_precondition_is_a_condition() -> None:
    stats = CorpusStats(["Moscow has tied its conditions to a halt.", "The president spoke to the press."])
    assert stats.found_in(stem("preconditions"), {stem("conditions")})
    assert not stats.found_in(stem("president"), {stem("sid")})  # "pre" before fewer than five letters is no prefix
