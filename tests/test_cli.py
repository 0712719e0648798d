"""The qa command line: clear one-line errors, JSON output, incremental index reports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qa.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def qa_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("QA_") or k.startswith("QA_TEST_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "qa", *args], capture_output=True, text=True, cwd=ROOT, env=full_env, timeout=300
    )


def test_ask_without_index_says_how_to_build(tmp_path: Path) -> None:
    result = qa_cli("ask", "Who is Javed Ali?", "--index", str(tmp_path / "none"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: No index at {tmp_path / 'none'}. Build it with: qa index"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("question", ["", "   ", "?!?", "\x07\x1b\t"])
def test_ask_rejects_empty_questions(tmp_path: Path, question: str) -> None:
    result = qa_cli("ask", question, "--index", str(tmp_path / "none"))
    assert result.returncode == 1
    assert result.stderr.startswith("error: The question")
    assert len(result.stderr.strip().splitlines()) == 1


def test_ask_rejects_huge_question(tmp_path: Path) -> None:
    result = qa_cli("ask", "why " * 5000, "--index", str(tmp_path / "none"))
    assert result.returncode == 1 and "limit is 2000" in result.stderr


def test_index_unknown_corpus(tmp_path: Path) -> None:
    result = qa_cli("index", "--corpus", str(tmp_path / "missing"), "--index", str(tmp_path / "i"))
    assert result.returncode == 1
    assert result.stderr.startswith("error: Corpus folder not found")


def test_index_then_ask_json(hash_settings: Settings) -> None:
    common = ["--corpus", str(hash_settings.corpus_dir), "--index", str(hash_settings.index_dir), "--embedding", "hash"]
    first = qa_cli("index", *common)
    assert first.returncode == 0, first.stderr
    assert "indexed 5, unchanged 0" in first.stdout
    second = qa_cli("index", *common)
    assert "indexed 0, unchanged 5" in second.stdout and "embedded 0 chunks" in second.stdout

    question = "How many people were injured in the cluster munitions attack on Kharkiv?"
    result = qa_cli("ask", "--json", question, *common)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["grounded"] is True
    assert answer["citations"][0]["source"] == "002_34369f2f6595b0b6.txt"
    assert "98" in answer["citations"][0]["quote"]

    text = qa_cli("ask", question, *common)
    assert "Sources:" in text.stdout and "[1] 002_34369f2f6595b0b6.txt" in text.stdout


def test_settings_masks_secrets() -> None:
    result = qa_cli("settings", env={"OPENAI_API_KEY": "sk-very-secret-key"})
    assert result.returncode == 0
    assert "sk-very-secret-key" not in result.stdout and "openai_api_key = ****" in result.stdout
