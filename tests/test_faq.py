"""The corpus's own FAQ (qa/faq.py, ``qa faq``): the questions the articles pose, answered with citations."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.clean import clean
from qa.cli import main
from qa.faq import build_faq, faq_markdown, find_questions, is_answer_line, posed_in, question_text
from qa.settings import Settings
from tests.ui_fixtures import copy_seeds

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FAQ_FILE = "004_47ae796b9c5a7c90.txt"


def seed_questions() -> list[str]:
    """The question lines of the seed FAQ article, read straight from the file."""
    lines = (SEEDS / FAQ_FILE).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip().endswith("?")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("What are the key objectives of the talks?", "What are the key objectives of the talks?"),
        ("## Q: Why did the talks stall?", "Why did the talks stall?"),
        ("**3. Who leads the negotiations?**", "Who leads the negotiations?"),
        ("What's your reaction?", None),  # page chrome: too short to be a question the article asks
        ("Any questions?", None),
        ("The plan has 28 points.", None),
        ("It was late. Why did they wait so long?", None),  # a paragraph ending in a question
        ("Secondary Sanctions?", None),
    ],
)
def test_question_lines(line: str, expected: str | None) -> None:
    assert question_text(line) == expected


def test_answer_lines() -> None:
    assert is_answer_line("A: The talks stalled because neither side would move on territory.")
    assert not is_answer_line("Excited")
    assert not is_answer_line("What are the potential risks if negotiations fail to conclude successfully?")


def test_only_questions_followed_by_an_answer_are_posed(tmp_path: Path) -> None:
    text = (
        "Talks resume in Geneva\n\n"
        "## Why did the talks resume?\n"
        "Both sides agreed that the winter offensive had failed and that talks were needed again.\n"
        "Who will attend the talks?\n"
        "What is the agenda for the talks?\n"  # a question followed by a question: not an answered one
        "Who knows?\n"
        "“Will it work?” the envoy asked, before he explained at length why he thought it would.\n"
        "What's your reaction?\n"
        "Excited\n"
        "0\n"
    )
    cleaned = clean(text)
    posed = posed_in("talks.md", cleaned.title, cleaned.blocks)
    assert [p.question for p in posed] == ["Why did the talks resume?"]
    assert text[posed[0].answer_start : posed[0].answer_end].startswith("Both sides agreed")
    assert text[posed[0].start : posed[0].end] == "## Why did the talks resume?"


def test_seed_questions_are_found_and_nothing_else() -> None:
    posed = find_questions(SEEDS)
    assert [p.question for p in posed] == seed_questions()
    assert len(posed) == 8 and {p.source for p in posed} == {FAQ_FILE}
    assert all("reaction" not in p.question.lower() for p in posed)


@pytest.mark.integration
def test_every_seed_faq_question_is_answered_from_its_file(real_index: Settings) -> None:
    items = build_faq(real_index)
    assert [i.question for i in items] == seed_questions()
    for item in items:
        assert item.answer.grounded, item.question
        assert item.cites_source, f"{item.question}: no citation into {item.posed.source}"
        first = item.answer.citations[0]
        assert first.source == FAQ_FILE
        assert item.posed.answer_start <= first.start < item.posed.answer_end  # the article's own answer line
    markdown = faq_markdown(items)
    assert markdown.startswith("# Questions the articles ask")
    for item in items:
        assert f"## {item.question}" in markdown
        assert f"“{item.answer.citations[0].quote}”" in markdown
    assert markdown.count(f"*Asked in `{FAQ_FILE}`.*") == 8


@pytest.mark.integration
def test_qa_faq_command_writes_markdown(
    real_index: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "FAQ.md"
    args = ["faq", "--corpus", str(real_index.corpus_dir), "--index", str(real_index.index_dir), "--out", str(out)]
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    text = out.read_text(encoding="utf-8")
    assert text.count("\n## ") == 8 and f"`{FAQ_FILE}`" in text and "Sources:" in text

    assert main(args[:-2]) == 0  # to stdout
    assert capsys.readouterr().out.strip() == text.strip()


def test_faq_builds_a_missing_index(tmp_path: Path) -> None:
    settings = Settings(corpus_dir=copy_seeds(tmp_path / "corpus"), index_dir=tmp_path / "index", embedding="hash")
    said: list[str] = []
    items = build_faq(settings, say=said.append)
    assert said and said[0].startswith("No index yet")
    assert len(items) == 8 and all(i.answer.citations for i in items)


def test_no_questions_no_index_needed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Plain article\n\nNothing is asked here at all, only told.\n", encoding="utf-8")
    said: list[str] = []
    items = build_faq(Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedding="hash"), say=said.append)
    assert items == [] and said == []
    assert "pose no questions" in faq_markdown(items)
