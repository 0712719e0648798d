"""The browser chat: a Gradio Blocks app with streamed, cited answers, source cards, follow-ups and the FAQ.

``build_app(settings)`` makes the app (loading the index once, building it first if there is none);
``launch(settings, host=..., port=..., share=...)`` serves it on loopback by default (``qa chat``).
"""

from __future__ import annotations

import html
import logging
import socket
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import qa  # noqa: F401  (applies the offline environment: no Gradio analytics, no hub calls)
from qa.api import ask, ask_stream, clean_question, status
from qa.errors import QAError
from qa.faq import FaqItem, build_faq, ensure_index
from qa.followup import rewrite
from qa.models import Answer
from qa.settings import Settings, get_settings
from ui.render import Turn, answer_html, escape, faq_html, sources_html, status_html, user_html
from ui.theme import CSS, HEAD

log = logging.getLogger(__name__)

MODES = ["extractive", "llm"]
MAX_FAQ = 30
MAX_EXAMPLES = 8
UNEXPECTED = "Something went wrong while answering ({kind}). The server log has the details."

Chat = list[dict[str, Any]]


def _error(message: str) -> Exception:
    """A ``gr.Error`` with ``message`` (HTML-escaped: the modal renders HTML), shown briefly in the page."""
    import gradio as gr

    return gr.Error(html.escape(message), duration=8, title="Cannot answer", print_exception=False)


@dataclass
class ChatService:
    """What the page's events call: the settings, the FAQ, and an optional LLM for follow-up rewriting."""

    settings: Settings
    faq: list[FaqItem]
    llm_factory: Callable[[Settings], Any] | None = None
    _llm: Any = None

    def llm(self, mode: str) -> Any:
        """The LLM to rewrite follow-ups with: only in LLM mode with an LLM configured, else None (the rule)."""
        if mode != "llm" or not self.settings.llm_configured:
            return None
        if self._llm is None:
            factory = self.llm_factory or _default_llm_factory()
            if factory is None:
                return None
            try:
                self._llm = factory(self.settings)
            except Exception as exc:  # a broken LLM setup must not break follow-ups: fall back to the rule
                log.warning("no LLM for follow-up rewriting (%s); using the rule", exc)
                return None
        return self._llm

    def respond(
        self, question: str, chat: Chat | None, turns: list[Turn] | None, mode: str | None
    ) -> Iterator[tuple[Chat, list[Turn], str, str]]:
        """Answer ``question`` in the conversation: rewrite it if it is a follow-up, stream the cited answer.

        Yields (chat messages, turns, sources panel HTML, question box value).
        """
        chat = list(chat or [])
        turns = list(turns or [])
        mode = mode if mode in MODES else self.settings.answer_mode
        try:
            asked = clean_question(question or "", self.settings)
        except QAError as exc:
            raise _error(str(exc)) from None
        history = [t.searched_for for t in turns if t.answer is not None]
        searched = rewrite(asked, history, llm=self.llm(mode)) or asked
        turn = Turn(number=len(turns) + 1, question=asked, searched_for=searched)
        turns.append(turn)
        chat.append({"role": "user", "content": user_html(asked)})
        chat.append({"role": "assistant", "content": answer_html(turn, streaming=True)})
        yield chat, turns, sources_html(turns), ""
        try:
            for piece in ask_stream(searched, settings=self.settings, mode=mode):
                if isinstance(piece, Answer):
                    turn.answer = piece
                else:
                    turn.text += piece
                    chat[-1] = {"role": "assistant", "content": answer_html(turn, streaming=True)}
                    yield chat, turns, sources_html(turns), ""
            if turn.answer is None:  # ask_stream always ends with the Answer; never leave a turn half done
                raise RuntimeError("the answer stream ended without an answer")
        except Exception as exc:
            if isinstance(exc, QAError):
                turn.error = str(exc)
            else:
                log.exception("answering %r failed", searched)
                turn.error = UNEXPECTED.format(kind=type(exc).__name__)
            # The page keeps what was yielded last: show the message in the conversation, then as a gr.Error.
            chat[-1] = {"role": "assistant", "content": answer_html(turn)}
            yield chat, turns, sources_html(turns), asked
            raise _error(turn.error) from None
        chat[-1] = {"role": "assistant", "content": answer_html(turn)}
        yield chat, turns, sources_html(turns), ""

    def answer_json(self, question: str, mode: str = "", history: list[str] | None = None) -> dict[str, Any]:
        """The API: a question (and earlier questions, for follow-ups) -> the cited ``Answer`` as a dict."""
        chosen = mode if mode in MODES else self.settings.answer_mode
        try:
            asked = clean_question(question or "", self.settings)
            searched = rewrite(asked, list(history or []), llm=self.llm(chosen)) or asked
            answer = ask(searched, settings=self.settings, mode=chosen)
        except QAError as exc:
            raise _error(str(exc)) from None
        answer.question = asked
        return answer.model_dump(exclude={"passages"})


def _default_llm_factory() -> Callable[[Settings], Any] | None:
    try:
        from qa.llm import make_llm  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return None
    factory: Callable[[Settings], Any] = make_llm
    return factory


def _prepare(settings: Settings, say: Callable[[str], None]) -> tuple[dict[str, Any], list[FaqItem]]:
    """Build the index if there is none, load it once (model, store, retrievers) and answer the FAQ."""
    from qa.engine import get_searcher

    ensure_index(settings, say)
    get_searcher(settings)  # loads the store and the embedding model once, before the first question
    info = status(settings)
    try:
        faq = build_faq(settings, limit=MAX_FAQ, say=say)
    except QAError as exc:
        say(f"warning: no FAQ ({exc})")
        faq = []
    return info, faq


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class _ChatParts:
    chatbot: Any
    question: Any
    send: Any
    mode: Any
    clear: Any
    examples: Any
    sources: Any


def _chat_tab(settings: Settings, examples: list[str]) -> _ChatParts:
    """The chat tab's components: conversation, question box, mode, examples on the left; sources on the right."""
    import gradio as gr

    mode_value = settings.answer_mode if settings.llm_configured else "extractive"
    if settings.llm_configured:
        note = "<b>extractive</b> quotes the articles; <b>llm</b> writes with the configured model, cited alike."
    else:
        note = "<b>extractive</b> quotes the articles; <b>llm</b> needs OPENAI_BASE_URL or OPENAI_API_KEY."
    with gr.Row(equal_height=False):
        with gr.Column(scale=7, min_width=420):
            chatbot = gr.Chatbot(
                label="Conversation",
                elem_id="qa-chat",
                height="62vh",
                min_height=440,
                render_markdown=False,  # messages are HTML rendered (and escaped) by ui.render
                sanitize_html=True,
                allow_tags=False,
                latex_delimiters=[],
                buttons=["copy_all"],
                feedback_options=None,
                placeholder=(
                    "<b>Ask about the articles.</b><br>Every sentence of an answer is quoted from an article "
                    "and numbered; the numbers link to the sources on the right."
                ),
            )
            with gr.Row(equal_height=True):
                question = gr.Textbox(
                    label="Question",
                    show_label=False,
                    placeholder="Ask a question, or a follow-up such as “and who championed it?”",
                    elem_id="qa-question",
                    scale=8,
                    lines=1,
                    max_lines=4,
                    autofocus=True,
                )
                send = gr.Button("Ask", variant="primary", elem_id="qa-send", scale=1, min_width=90)
            with gr.Row(equal_height=False, elem_id="qa-controls"):
                mode = gr.Radio(
                    MODES,
                    value=mode_value,
                    label="Answer mode",
                    show_label=False,
                    container=False,
                    interactive=settings.llm_configured,
                    elem_id="qa-mode",
                    scale=0,
                    min_width=190,
                )
                gr.HTML(f'<div class="qa-mode-note">Answer mode: {note}</div>', elem_id="qa-mode-note", scale=1)
                clear = gr.Button("New conversation", elem_id="qa-clear", scale=0, size="sm", min_width=150)
            asked_examples = gr.Dataset(
                components=[gr.HTML(visible=False)],
                samples=[[f'<span class="qa-example">{escape(q)}</span>'] for q in examples],
                type="index",
                label="Questions the articles ask — click one",
                elem_id="qa-examples",
                samples_per_page=MAX_EXAMPLES,
                visible=bool(examples),
            )
        with gr.Column(scale=5, min_width=340):
            gr.HTML('<div class="qa-sources-title">Sources</div>')
            sources = gr.HTML(sources_html([]), label="Sources", elem_id="qa-sources-panel")
    return _ChatParts(chatbot, question, send, mode, clear, asked_examples, sources)


def _faq_tab(faq: list[FaqItem]) -> None:
    """The FAQ tab: the questions the articles ask, with their cited answers and source cards."""
    import gradio as gr

    n = len(faq)
    gr.HTML(
        f'<p class="qa-faq-intro">{n} question{"s" * (n != 1)} the articles themselves ask, answered from the '
        "whole corpus with verified quotes.</p>"
    )
    gr.HTML(faq_html([(i.question, i.posed.source, i.answer) for i in faq]), elem_id="qa-faq")


def _wire(service: ChatService, parts: _ChatParts, examples: list[str]) -> None:
    """Connect the events: ask (button, Enter, example click), clear; and the API endpoints."""
    import gradio as gr
    from gradio.events import api

    turns = gr.State([])
    outputs = [parts.chatbot, turns, parts.sources, parts.question]
    inputs = [parts.question, parts.chatbot, turns, parts.mode]

    def respond(q: str, chat: Chat, state: list[Turn], chosen: str) -> Iterator[tuple[Any, ...]]:
        yield from service.respond(q, chat, state, chosen)

    def pick(index: int | None) -> str:
        return examples[index] if index is not None and 0 <= index < len(examples) else ""

    def reset() -> tuple[Chat, list[Turn], str, str]:
        return [], [], sources_html([]), ""

    parts.send.click(respond, inputs, outputs, api_name="chat", show_progress="minimal")
    parts.question.submit(respond, inputs, outputs, api_visibility="private", show_progress="minimal")
    parts.examples.click(pick, parts.examples, parts.question, api_visibility="private").then(
        respond, inputs, outputs, api_visibility="private", show_progress="minimal"
    )
    parts.clear.click(reset, None, outputs, api_visibility="private")
    parts.chatbot.clear(reset, None, outputs, api_visibility="private")

    def answer(question: str, mode: str = "", history: list[str] | None = None) -> dict[str, Any]:
        """Answer a question with citations; ``history`` holds earlier questions, for follow-ups."""
        return service.answer_json(question, mode, history)

    def faq_questions() -> list[str]:
        """The questions the articles pose (the chat's examples and the FAQ tab)."""
        return [item.question for item in service.faq]

    api(answer, api_name="answer")
    api(faq_questions, api_name="faq")


def build_app(
    settings: Settings | None = None,
    *,
    say: Callable[[str], None] = _say,
    llm_factory: Callable[[Settings], Any] | None = None,
) -> Any:
    """The chat as a ``gr.Blocks`` app (not launched). Loads the index once; builds it first when missing.

    ``say`` receives progress messages (stderr by default); ``llm_factory(settings)`` makes the LLM that
    rewrites follow-ups in LLM mode (default: ``qa.llm.make_llm`` when present). Raises ``QAError`` with a
    readable message when the corpus or the index cannot be used.
    """
    import gradio as gr

    settings = settings or get_settings()
    info, faq = _prepare(settings, say)
    service = ChatService(settings, faq, llm_factory)
    examples = [item.question for item in faq if item.answer.grounded][:MAX_EXAMPLES]
    with gr.Blocks(title="qa — cited answers", analytics_enabled=False) as demo:
        gr.HTML(status_html(info, llm_configured=settings.llm_configured), elem_id="qa-header")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                parts = _chat_tab(settings, examples)
            with gr.Tab("FAQ", id="faq"):
                _faq_tab(faq)
        _wire(service, parts, examples)
    return demo


def page_options() -> dict[str, Any]:
    """The ``launch()`` keyword arguments that style the page (Gradio 6 takes them at launch, not in Blocks)."""
    import gradio as gr

    # Gradio's bundled Source Sans Pro SemiBold (600) holds only a few glyphs, so semibold text mixed two
    # fonts; with the complete 400 and 700 files only, the browser uses the bold file for 600.
    font: list[Any] = [gr.themes.LocalFont("Source Sans Pro", weights=(400, 700)), "ui-sans-serif", "sans-serif"]
    theme = gr.themes.Default(primary_hue="indigo", secondary_hue="indigo", neutral_hue="slate", font=font)
    return {"css": CSS, "head": HEAD, "theme": theme, "footer_links": ["api"]}


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _auth(settings: Settings) -> tuple[str, str] | None:
    if settings.auth is None:
        return None
    user, sep, password = settings.auth.get_secret_value().partition(":")
    if not sep or not user:
        raise QAError("QA_AUTH must look like user:password")
    return user, password


def launch(
    settings: Settings | None = None,
    *,
    host: str | None = None,
    port: int | None = None,
    share: bool = False,
    prevent_thread_lock: bool = False,
) -> Any:
    """Build the app and serve it: on ``settings.host`` (127.0.0.1) unless ``host`` says otherwise; a public
    share link only when ``share`` is True. Blocks until stopped unless ``prevent_thread_lock``; returns the app.
    """
    settings = settings or get_settings()
    host = host or settings.host
    port = settings.port if port is None else port
    if port == 0:
        port = free_port(host)
    demo = build_app(settings)
    demo.queue(default_concurrency_limit=1)
    demo.launch(
        server_name=host,
        server_port=port,
        share=share,
        auth=_auth(settings),
        prevent_thread_lock=prevent_thread_lock,
        show_error=False,
        **page_options(),
    )
    return demo
