"""Shared fixtures: every user folder points at tmp_path; indexes are real Chroma stores on disk."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import qa
from qa.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEV_SET = Path(__file__).resolve().parent / "dev.jsonl"
OWN_SET = Path(__file__).resolve().parent / "questions.jsonl"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's QA_* settings or writes to the project's index/."""
    for key in list(os.environ):
        if (key.startswith("QA_") and not key.startswith("QA_TEST_")) or key in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("QA_INDEX_DIR", str(tmp_path / "default-index"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A private copy of the seed articles."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def hash_settings(tmp_path: Path, corpus: Path) -> Settings:
    """Settings with the model-free hash embedding: fast, deterministic, real Chroma store in tmp_path."""
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedding="hash")


@pytest.fixture(scope="session")
def real_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """The seed articles indexed once with the real bundled embedding model (for integration tests)."""
    base = tmp_path_factory.mktemp("real")
    corpus = base / "corpus"
    shutil.copytree(SEEDS, corpus)
    settings = Settings(corpus_dir=corpus, index_dir=base / "index")
    qa.index(settings)
    yield settings


def require(condition: bool, reason: str) -> None:
    """Skip when a part is missing, unless QA_TEST_REQUIRE_ALL=1 (CI), where a missing part fails."""
    if condition:
        return
    if os.environ.get("QA_TEST_REQUIRE_ALL") == "1":
        pytest.fail(f"required for CI: {reason}")
    pytest.skip(reason)
