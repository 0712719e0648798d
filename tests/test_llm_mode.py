"""ask(mode="llm"): honest citations whatever the model writes, no LLM call when the articles don't answer,
clear errors; against a scripted llama-index LLM (deterministic) and a real llama.cpp server (SmolLM2)."""

from __future__ import annotations

import re
import socket
from typing import Any

import pytest
from llama_index.core.llms import CompletionResponse, CompletionResponseGen, CustomLLM, LLMMetadata

from qa import ask, ask_stream
from qa.errors import LLMError
from qa.generative import StreamRenumberer
from qa.llm_server import LocalServer
from qa.models import Answer
from qa.settings import Settings
from tests.llm_fixtures import llm_server_fixture  # noqa: F401  (provides the 'llm_server' fixture)

PLAN = "How many points does the US peace plan have?"


class ScriptedLLM(CustomLLM):
    """A llama-index LLM that answers with a fixed text (as a model might) and counts its calls."""

    script: str = ""
    calls: int = 0

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(model_name="scripted", is_chat_model=False)

    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        self.calls += 1
        return CompletionResponse(text=self.script)

    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        self.calls += 1

        def gen() -> CompletionResponseGen:
            for i in range(0, len(self.script), 3):  # tiny deltas: markers arrive split
                yield CompletionResponse(text=self.script[: i + 3], delta=self.script[i : i + 3])

        return gen()


def _verified(settings: Settings, answer: Answer) -> None:
    numbers = [int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)]
    assert list(dict.fromkeys(numbers)) == list(range(1, len(answer.citations) + 1))
    for c in answer.citations:
        text = (settings.corpus_dir / c.source).read_text(encoding="utf-8")
        assert text[c.start : c.end] == c.quote


def _passage_number(answer_passages: list[Any], source: str) -> int:
    return next(i for i, p in enumerate(answer_passages, 1) if p.source == source)


@pytest.mark.integration
def test_llm_markers_are_checked_renumbered_and_quoted(real_index: Settings) -> None:
    probe = ask(PLAN, settings=real_index)
    k = _passage_number(probe.passages, "001_440f3e811b64d454.txt")
    llm = ScriptedLLM(script=f"The plan has 28 points [{k}]. The moon is made of cheese [42]. Unmarked claim.")
    answer = ask(PLAN, settings=real_index, mode="llm", llm=llm)
    assert llm.calls == 1 and answer.mode == "llm" and answer.grounded
    assert answer.answer == "The plan has 28 points. [1]"  # [42] points at no passage; unmarked claims go
    assert answer.citations[0].source == "001_440f3e811b64d454.txt"
    assert "28-point peace plan" in answer.citations[0].quote  # the passage sentence that supports the claim
    _verified(real_index, answer)


@pytest.mark.integration
def test_llm_claim_no_passage_supports_is_dropped(real_index: Settings) -> None:
    probe = ask(PLAN, settings=real_index)
    llm = ScriptedLLM(script="Bananas are a popular fruit in Ecuador [1].")
    answer = ask(PLAN, settings=real_index, mode="llm", llm=llm)
    assert not answer.grounded and answer.citations == [] and probe.grounded
    assert answer.answer.startswith("The articles don't say.")


@pytest.mark.integration
def test_llm_stream_numbers_match_the_final_answer(real_index: Settings) -> None:
    probe = ask(PLAN, settings=real_index)
    k = _passage_number(probe.passages, "001_440f3e811b64d454.txt")
    llm = ScriptedLLM(script=f"It has 28 points [{k}].")
    items = list(ask_stream(PLAN, settings=real_index, mode="llm", llm=llm))
    final = items[-1]
    assert isinstance(final, Answer)
    streamed = "".join(i for i in items[:-1] if isinstance(i, str))
    assert streamed == "It has 28 points [1]." and final.answer == "It has 28 points. [1]"


def test_stream_renumberer_handles_split_and_invalid_markers() -> None:
    r = StreamRenumberer(n_passages=3)
    out = "".join(r.feed(d) for d in ["A [", "3", "] b [9] c [1", "][3]."]) + r.flush()
    assert out == "A [1] b  c [2][1]."


@pytest.mark.integration
def test_unanswerable_question_makes_no_llm_call(real_index: Settings) -> None:
    llm = ScriptedLLM(script="Canberra [1].")
    answer = ask("What is the capital of Australia?", settings=real_index, mode="llm", llm=llm)
    assert llm.calls == 0 and not answer.grounded and answer.mode == "llm"


def test_llm_mode_without_configuration_says_what_to_set(hash_settings: Settings) -> None:
    with pytest.raises(LLMError, match=r"OPENAI_API_KEY .* or OPENAI_BASE_URL"):
        ask(PLAN, settings=hash_settings, mode="llm")


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.integration
def test_llm_server_down_is_one_clear_line(real_index: Settings) -> None:
    settings = real_index.model_copy(update={"openai_base_url": f"http://127.0.0.1:{_closed_port()}/v1"})
    with pytest.raises(LLMError) as info:
        ask(PLAN, settings=settings, mode="llm")
    assert "\n" not in str(info.value) and "127.0.0.1" in str(info.value)


@pytest.mark.integration
@pytest.mark.llm
def test_llm_mode_against_a_real_llama_cpp_server(real_index: Settings, llm_server: LocalServer) -> None:
    settings = real_index.model_copy(update={"openai_base_url": llm_server.base_url, "llm_model": llm_server.model})
    answer = ask(PLAN, settings=settings, mode="llm")
    assert answer.mode == "llm"
    _verified(settings, answer)  # whatever SmolLM2 writes, only checked, renumbered, verified citations survive
    items = list(ask_stream(PLAN, settings=settings, mode="llm"))
    assert isinstance(items[-1], Answer) and all(isinstance(i, str) for i in items[:-1])
    assert len(items) > 2  # it streamed
    _verified(settings, items[-1])
