"""The browser chat (ui/app.py): launched for real on a free loopback port, driven through ``gradio_client`` and
headless Chromium, over an index of the real seed articles built with the real embedding model."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest

from qa.settings import Settings
from tests.ui_fixtures import (  # noqa: F401  (the *_fixture imports provide chat_app, chromium, page)
    Served,
    chat_app_fixture,
    chromium_fixture,
    close,
    copy_seeds,
    page_fixture,
    serve,
)
from ui.render import Turn, answer_html, escape, link_markers, sources_html

PLAN_QUESTION = "How many points does the US peace plan have?"
PLAN_FILE = "001_440f3e811b64d454.txt"
FOLLOW_UP = "And who championed it?"
REWRITTEN = "Who championed the US peace plan?"


def text_of(fragment: str) -> str:
    """Visible text of an HTML fragment (tags dropped, character references decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


# --- rendering: escaping and markers (no server) -------------------------------------------------------------


def test_escape_makes_markup_inert() -> None:
    hostile = "<script>alert(1)</script> ![x](http://example.com/x.png) $$x$$ ${a} {{b}} *c* [d](e)"
    out = escape(hostile)
    assert "<" not in out and ">" not in out
    assert not re.search(r"[\[\]()!$*{}`]", re.sub(r"&#\d+;", "", out))
    assert html.unescape(out) == hostile


def test_markers_link_to_cards_of_their_turn() -> None:
    linked = link_markers("First [1]. Second [2]. Not a source [7].", turn=3, known=[1, 2])
    assert '<a class="qa-cite" href="#src-3-1"' in linked and 'href="#src-3-2"' in linked
    assert "src-3-7" not in linked and "&#91;7&#93;" in linked
    streaming = link_markers("Partial [1] and [2", turn=3)  # a split marker never becomes a link
    assert 'href="#src-3-1"' in streaming and "src-3-2" not in streaming


def test_answer_shows_what_was_searched_for() -> None:
    turn = Turn(number=2, question=FOLLOW_UP, searched_for=REWRITTEN, text="It was Trump [1]")
    assert "Searched for" in answer_html(turn, streaming=True)
    assert text_of(answer_html(turn)).count(REWRITTEN) == 1
    same = Turn(number=1, question=PLAN_QUESTION, searched_for=PLAN_QUESTION)
    assert "Searched for" not in answer_html(same)
    assert "Sources appear here" in sources_html([])


def test_chat_service_errors_are_short_messages(tmp_path: Path) -> None:
    import gradio as gr

    from ui.app import ChatService

    service = ChatService(Settings(corpus_dir=tmp_path, index_dir=tmp_path / "missing"), faq=[])
    with pytest.raises(gr.Error) as empty:
        next(service.respond("  ", [], [], "extractive"))
    assert empty.value.message == "The question is empty. Ask something about the articles."

    stream = service.respond("Who is Javed Ali?", [], [], "extractive")
    chat, turns, sources, _ = next(stream)  # the question shows at once, its sources are being looked for
    assert "Finding sources" in sources and len(chat) == 2 and turns[0].searched_for == "Who is Javed Ali?"
    chat, turns, sources, box = next(stream)  # then the failure, in the conversation
    assert turns[0].error is not None and turns[0].error in text_of(sources)
    assert f"No index at {tmp_path / 'missing'}" in text_of(chat[-1]["content"])
    assert box == "Who is Javed Ali?"  # the question is kept for another try
    with pytest.raises(gr.Error) as failed:
        next(stream)
    assert failed.value.message == f"No index at {tmp_path / 'missing'}. Build it with: qa index"
    assert "Traceback" not in failed.value.message


# --- the app through gradio_client --------------------------------------------------------------------------


@pytest.mark.integration
def test_client_answer_has_text_and_citations(chat_app: Served) -> None:
    from gradio_client import Client

    client = Client(chat_app.url, verbose=False)
    result = client.predict(PLAN_QUESTION, api_name="/answer")
    assert "28" in result["answer"] and result["grounded"] is True
    first = result["citations"][0]
    assert first["source"] == PLAN_FILE and "28-point peace plan" in first["quote"]
    assert "[1]" in result["answer"]

    follow = client.predict(FOLLOW_UP, "", [PLAN_QUESTION], api_name="/answer")
    assert follow["question"] == FOLLOW_UP and follow["searched_for"] == REWRITTEN
    assert "Trump" in follow["answer"] and follow["citations"][0]["source"] == PLAN_FILE

    assert "What are the potential risks if negotiations fail to conclude successfully?" in client.predict(
        api_name="/faq"
    )


@pytest.mark.integration
def test_client_chat_streams_cards_and_follows_up(chat_app: Served) -> None:
    from gradio_client import Client

    client = Client(chat_app.url, verbose=False)
    chat, sources, box = client.predict(PLAN_QUESTION, [], "extractive", api_name="/chat")
    assert box == "" and [m["role"] for m in chat] == ["user", "assistant"]
    reply = chat[-1]["content"][0]["text"]
    assert "28" in text_of(reply) and 'href="#src-1-1"' in reply
    assert 'id="src-1-1"' in sources and PLAN_FILE in text_of(sources)
    quote = re.search(r'<mark class="qa-quote">(.*?)</mark>', sources)
    assert quote is not None and "28-point peace plan" in text_of(quote[1])

    job = client.submit(FOLLOW_UP, chat, "extractive", api_name="/chat")
    updates = list(job)  # every streamed update
    chat2, sources2, _ = job.result()
    assert len(updates) >= 2, "the answer streams in more than one update"
    assert [m["role"] for m in chat2] == ["user", "assistant"] * 2
    assert REWRITTEN in text_of(chat2[-1]["content"][0]["text"])
    assert 'id="src-2-1"' in sources2 and 'id="src-1-1"' in sources2  # earlier cards keep their numbers
    assert chat2[1] == chat[1]  # the first answer is untouched by the follow-up


@pytest.mark.integration
def test_client_empty_question_is_a_short_error(chat_app: Served) -> None:
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(chat_app.url, verbose=False)
    with pytest.raises(AppError) as err:
        client.predict("   ", [], "extractive", api_name="/chat")
    assert str(err.value) == "The question is empty. Ask something about the articles."


@pytest.mark.integration
def test_missing_index_is_built_on_first_start(tmp_path: Path) -> None:
    settings = Settings(corpus_dir=copy_seeds(tmp_path / "corpus"), index_dir=tmp_path / "fresh", embedding="hash")
    served = serve(settings)
    try:
        assert served.messages[0].startswith("No index yet: indexing")
        assert any("the index holds 5 files" in m for m in served.messages)
        from gradio_client import Client

        result = Client(served.url, verbose=False).predict(PLAN_QUESTION, api_name="/answer")
        assert result["citations"] and result["citations"][0]["source"] == PLAN_FILE
    finally:
        close(served.demo)


@pytest.mark.integration
def test_missing_corpus_is_a_readable_error(tmp_path: Path) -> None:
    from qa.errors import CorpusError
    from ui.app import build_app

    with pytest.raises(CorpusError, match="Corpus folder not found"):
        build_app(Settings(corpus_dir=tmp_path / "nope", index_dir=tmp_path / "i", embedding="hash"), say=print)


# --- the page in headless Chromium --------------------------------------------------------------------------


def ask_in_page(pg: Any, question: str) -> Any:
    """Type ``question``, press Ask, wait until its answer has finished streaming; return the answer bubble."""
    done = pg.locator(".qa-meta").count()
    pg.fill("#qa-question textarea", question)
    pg.click("#qa-send")
    pg.wait_for_function(f"document.querySelectorAll('#qa-chat .qa-meta').length > {done}", timeout=30_000)
    return pg.locator("#qa-chat .qa-answer").last


@pytest.mark.browser
@pytest.mark.integration
def test_browser_answer_sources_and_follow_up(chat_app: Served, page: Any) -> None:
    page.goto(chat_app.url)
    page.wait_for_selector("#qa-question textarea")
    header = page.locator("#qa-status").inner_text()
    for expected in ("Files", "5", "Chunks", "Embedding", "all-MiniLM-L6-v2", "Answer mode", "extractive"):
        assert expected in header

    answer = ask_in_page(page, PLAN_QUESTION)
    assert "28" in answer.inner_text()
    marker = answer.locator('a.qa-cite[href="#src-1-1"]')
    assert marker.inner_text() == "[1]"
    card = page.locator("#src-1-1")
    card.wait_for(state="visible")
    assert PLAN_FILE in card.locator(".qa-file").inner_text()
    assert "28-point peace plan" in card.locator("mark.qa-quote").inner_text()
    assert "score" in card.inner_text()
    marker.click()  # a marker leads to its card, in this page
    page.wait_for_function("document.getElementById('src-1-1').classList.contains('qa-flash')", timeout=5_000)
    assert len(page.context.pages) == 1

    follow = ask_in_page(page, FOLLOW_UP)
    assert follow.locator(".qa-searched-query").inner_text() == REWRITTEN
    assert "Trump" in follow.inner_text()
    page.locator("#src-2-1").wait_for(state="visible")
    assert PLAN_FILE in page.locator("#src-2-1 .qa-file").inner_text()
    assert page.locator("#src-1-1").count() == 1  # turn 1's card keeps its number (folded under turn 2)
    assert page.outside == [], f"the page fetched from outside loopback: {page.outside}"


@pytest.mark.browser
@pytest.mark.integration
def test_browser_empty_question_shows_short_error(chat_app: Served, page: Any) -> None:
    page.goto(chat_app.url)
    page.wait_for_selector("#qa-question textarea")
    page.fill("#qa-question textarea", "   ")
    page.click("#qa-send")
    toast = page.get_by_text("The question is empty. Ask something about the articles.").first
    toast.wait_for(state="visible", timeout=10_000)
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and 'File "' not in body
    assert page.locator("#qa-chat .qa-answer").count() == 0


@pytest.mark.browser
@pytest.mark.integration
def test_browser_examples_and_faq_tab(chat_app: Served, page: Any) -> None:
    page.goto(chat_app.url)
    page.wait_for_selector("#qa-examples")
    example = "What role does US Secretary of State Marco Rubio play in the peace talks?"
    page.locator("#qa-examples").get_by_text(example).click()
    page.wait_for_function("document.querySelectorAll('#qa-chat .qa-meta').length > 0", timeout=30_000)
    assert "central figure" in page.locator("#qa-chat .qa-answer").last.inner_text()
    assert "004_47ae796b9c5a7c90.txt" in page.locator("#src-1-1 .qa-file").inner_text()

    page.get_by_role("tab", name="FAQ").click()
    faq = page.locator("#qa-faq")
    faq.wait_for(state="visible")
    assert faq.locator(".qa-faq-item").count() == 8
    first = faq.locator("#faq-1")
    assert "What are the key objectives of US-Russia negotiations concerning Ukraine?" in first.inner_text()
    first.locator('a.qa-cite[href="#faqsrc-1-1"]').click()
    passage = page.locator("#faqsrc-1-1 mark.qa-quote")
    passage.wait_for(state="visible")
    assert "ceasefire" in passage.inner_text()


# Punkt ends a sentence at "!", so the Markdown image goes into the title (shown on the source card).
HOSTILE_TITLE = "<b>Hostile</b> article ![t](http://example.com/t.png)"
HOSTILE_SENTENCE = (
    "The ceasefire envoy Olek Zaharenko wrote <script>window.__pwned = 1</script> and "
    '[tracker](http://example.com/pixel.png) and <img src=x onerror="window.__pwned=2"> and '
    "${window.__pwned=3} and {{ secret }} and $$x^2$$ in his memo about the ceasefire."
)
HOSTILE = f"{HOSTILE_TITLE}\n\n{HOSTILE_SENTENCE}\nZaharenko later said the memo about the ceasefire was real.\n"


@pytest.mark.browser
@pytest.mark.integration
def test_browser_document_text_is_escaped(tmp_path: Path, page: Any) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    served = serve(Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedding="hash"))
    try:
        page.goto(served.url)
        page.wait_for_selector("#qa-question textarea")
        answer = ask_in_page(page, "What did Olek Zaharenko write in his memo about the ceasefire?")
        card = page.locator("#src-1-1")
        card.wait_for(state="visible")
        assert HOSTILE_SENTENCE in answer.inner_text()
        assert card.locator(".qa-title").inner_text() == HOSTILE_TITLE
        assert HOSTILE_SENTENCE in page.locator("#qa-sources-panel mark.qa-quote").all_inner_texts()
        assert page.evaluate("window.__pwned === undefined")
        assert page.locator("#qa-chat script, #qa-sources-panel script").count() == 0
        assert page.locator("#qa-chat img, #qa-sources-panel img").count() == 0
        assert page.outside == [], f"the page fetched from outside loopback: {page.outside}"
    finally:
        close(served.demo)
