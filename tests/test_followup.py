"""Follow-up questions are rewritten into standalone ones: by a rule without an LLM, by the LLM when there is one."""

from __future__ import annotations

from typing import Any

import pytest
from llama_index.core.llms import CompletionResponse, CustomLLM, LLMMetadata
from llama_index.core.llms.callbacks import llm_completion_callback

from qa.followup import looks_like_followup, noun_phrases, proper_nouns, rewrite, subject

PLAN = "How many points does the US peace plan have?"


@pytest.mark.parametrize(
    ("question", "previous", "expected"),
    [
        ("And who championed it?", PLAN, "Who championed the US peace plan?"),
        ("and who did he meet?", "Who is Steve Witkoff?", "Who did Steve Witkoff meet?"),
        ("and who did he meet?", "What did Marco Rubio warn?", "Who did Marco Rubio meet?"),
        ("What did she say?", "Who is Yulia Svyrydenko?", "What did Yulia Svyrydenko say?"),
        ("what about the deadline?", PLAN, "What about the deadline, regarding the US peace plan?"),
        ("How about their allies?", "What do Ukraine and Russia want?", "How about Ukraine’s allies?"),
        (
            "And when?",
            "Where will Rubio and Witkoff meet Ukrainian officials?",
            "When will Rubio and Witkoff meet Ukrainian officials?",
        ),
        ("and why?", "Did Trump set a deadline?", "Why did Trump set a deadline?"),
        ("What does that mean?", "What is the 28-point plan?", "What does the 28-point plan mean?"),
        ("Who proposed this?", "What is the peace framework?", "Who proposed the peace framework?"),
    ],
)
def test_rule_carries_the_previous_subject(question: str, previous: str, expected: str) -> None:
    assert looks_like_followup(question)
    assert rewrite(question, [previous]) == expected


@pytest.mark.parametrize(
    "question",
    [
        "Who is Javed Ali?",  # no pronoun, no lead word
        "What did Trump say about it?",  # a pronoun, but a name of its own
        "Is that deadline real?",  # "that" is a determiner here, not a pronoun
        "How many people were injured in Kharkiv?",
    ],
)
def test_standalone_questions_are_unchanged(question: str) -> None:
    assert not looks_like_followup(question)
    assert rewrite(question, [PLAN]) == question


def test_no_history_no_rewrite() -> None:
    assert rewrite("And who championed it?", []) == "And who championed it?"
    assert rewrite("  And   who championed it? ", ["", "  "]) == "And who championed it?"


def test_the_most_recent_question_is_carried() -> None:
    history = ["Who is Javed Ali?", PLAN]
    assert rewrite("And who championed it?", history) == "Who championed the US peace plan?"


def test_subjects_and_names() -> None:
    assert subject(PLAN) == "the US peace plan"
    assert subject("What did Marco Rubio say in Geneva?") == "Marco Rubio"
    assert subject("When did Zelenskyy visit Washington?") == "Zelenskyy"
    assert subject("What is the deadline for the peace plan?") == "the peace plan"
    assert subject("What?") == ""
    assert proper_nouns("What did Marco Rubio say in Geneva?") == ["Marco Rubio", "Geneva"]
    assert noun_phrases("Are other nations involved in the talks?") == ["nations involved", "the talks"]
    assert noun_phrases("What has the peace plan achieved?") == ["the peace plan"]


def test_a_previous_question_without_subject_leaves_the_follow_up_alone() -> None:
    assert rewrite("And who said it?", ["Why?"]) == "And who said it?"


def test_he_and_she_are_only_ever_people() -> None:
    minerals = "Is there any economic agreement in the works between the US and Ukraine?"
    assert subject(minerals, person=True) == ""  # a country or an acronym is no "he"
    assert rewrite("what did he say about it", [minerals]) == "what did he say about it"
    assert rewrite("what did he say?", ["Who met Putin in Moscow?"]) == "What did Putin say?"  # "met" is a verb
    assert rewrite("what did she say?", ["Did Yulia Svyrydenko meet the Kremlin?"]) == "What did Yulia Svyrydenko say?"


class ScriptedLLM(CustomLLM):
    """A llama-index LLM that answers every prompt with a fixed text and remembers the prompts."""

    reply: str = ""
    fail: bool = False
    prompts: list[str] = []  # noqa: RUF012  (pydantic copies the default per instance)

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(model_name="scripted")

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        self.prompts.append(prompt)
        if self.fail:
            raise ConnectionError("model server down")
        return CompletionResponse(text=self.reply)

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> Any:
        raise NotImplementedError


def test_llm_rewrites_when_configured() -> None:
    llm = ScriptedLLM(reply="Standalone question: Who championed the 28-point US peace plan?\n")
    out = rewrite("and who backed it?", [PLAN], llm=llm)
    assert out == "Who championed the 28-point US peace plan?"
    assert PLAN in llm.prompts[0] and "and who backed it?" in llm.prompts[0]


@pytest.mark.parametrize("reply", ["", "   \n", "x" * 2000])
def test_unusable_llm_reply_falls_back_to_the_rule(reply: str) -> None:
    llm = ScriptedLLM(reply=reply)
    assert rewrite("And who championed it?", [PLAN], llm=llm) == "Who championed the US peace plan?"


def test_failing_llm_falls_back_to_the_rule() -> None:
    llm = ScriptedLLM(fail=True)
    assert rewrite("And who championed it?", [PLAN], llm=llm) == "Who championed the US peace plan?"
    assert llm.prompts, "the LLM was asked first"


def test_a_guess_at_the_answer_is_no_follow_up() -> None:
    history = ["What did Vance say before his meetings in Rome?"]
    question = "who met rubio and witkoff at the palace in paris was it mack ron"
    assert rewrite(question, history) == question
    assert rewrite("and where was it?", history) != "and where was it?"  # a real follow-up is still rewritten
