"""Truecasing a question typed in lower case from how the articles write their names (plain strings, no index)."""

from __future__ import annotations

import pytest

from qa.question import analyse
from qa.truecase import CaseCounts, CaseForms, truecase

ARTICLE = """Clock Ticking For Peace In Ukraine As Talks Resume

The US Secretary of State Marco Rubio said the talks in Geneva went well. Then Witkoff met Putin in Moscow
on Friday.
Former NSC adviser Thomas Wright noted that Wright had warned of this. “We need to decide,” Rubio told Fox News.
It was good news for Kyiv, the White House said, and may help. The US will decide. Clock time is short.
"""


@pytest.fixture(scope="module")
def forms() -> CaseForms:
    counts = CaseCounts()
    counts.add(ARTICLE)
    return counts.forms()


def test_the_articles_names_are_learnt_from_their_capitals_in_mid_sentence(forms: CaseForms) -> None:
    assert {"rubio", "geneva", "witkoff", "putin", "moscow", "friday", "kyiv", "us"} <= forms.names.keys()
    assert forms.names["us"] == "US" and forms.names["nsc"] == "NSC"
    # a capital that opens a sentence or a quote, or stands in a title-case headline, names nothing
    known = forms.names.keys() | forms.in_names.keys()
    assert not {"clock", "former", "we", "it", "ticking", "resume", "peace"} & known
    # a stop word is a name only as an acronym; "may" is never "May"
    assert "may" not in forms.names
    # words capitalised only beside another capital are names only there
    assert {"house", "white", "state", "secretary"} <= forms.in_names.keys()
    # "News" of "Fox News" is no name where the articles also write "good news"
    assert "news" not in forms.names.keys() | forms.in_names.keys()
    assert ("white", "house") in forms.pairs and ("secretary", "state") in forms.pairs


def test_a_lower_case_question_gets_the_capitals_the_articles_give_its_names(forms: CaseForms) -> None:
    assert truecase("who is thomas wright", forms) == "Who is Thomas Wright"
    assert truecase("what did the white house say about kyiv?", forms) == "What did the White House say about Kyiv?"
    assert truecase("was it good news for the us?", forms) == "Was it good news for the US?"  # not "Fox News"
    assert truecase("what did the secretary of state say?", forms) == "What did the Secretary of State say?"
    assert truecase("did rubio's u.s. team meet putin's?", forms) == "Did Rubio's U.S. team meet Putin's?"
    assert truecase("where did witkoff meet putin", forms) == "Where did Witkoff meet Putin"


def test_a_question_written_with_capitals_is_left_as_its_writer_wrote_it(forms: CaseForms) -> None:
    for question in ("Who is thomas Wright?", "What did the White House say about kyiv?", "", "?"):
        assert truecase(question, forms) == question


def test_a_truecased_question_names_what_the_cased_one_names(forms: CaseForms) -> None:
    cased = analyse("Where did Witkoff meet Putin on Friday?")
    assert analyse(truecase("where did witkoff meet putin on friday?", forms)).names == cased.names
    assert analyse("where did witkoff meet putin on friday?").names == []


def test_case_forms_survive_the_search_cache_round_trip(forms: CaseForms) -> None:
    import json

    assert CaseForms.from_json(json.loads(json.dumps(forms.to_json()))) == forms


def test_a_word_capitalised_only_inside_a_name_is_a_name_only_there() -> None:
    counts = CaseCounts()
    counts.add("Then Rubio told Fox News that the talks went well, and Vance told Fox News the same.")
    forms = counts.forms()
    assert forms.in_names["news"] == "News" and ("fox", "news") in forms.pairs
    assert truecase("what did rubio tell fox news?", forms) == "What did Rubio tell Fox News?"
    assert truecase("was it good news for vance?", forms) == "Was it good news for Vance?"


def test_the_apostrophes_a_chat_box_drops_are_put_back(forms: CaseForms) -> None:
    assert truecase("whats the name of kyivs mayor", forms) == "What's the name of Kyiv's mayor"
    assert truecase("whos rubio and why didnt he go", forms) == "Who's Rubio and why didn't he go"
    assert truecase("cant the us decide? it wont", forms) == "Can't the US decide? it won't"
    # a word that is no contraction or possessive of a name keeps its "s": "does", "has", "its", "talks"
    assert truecase("does it say what its talks has done", forms) == "Does it say what its talks has done"
