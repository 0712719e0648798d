"""``qa index`` killed with SIGKILL at random points, again and again: the index keeps answering with verified
citations, never holds a file record without its chunks, and the next run finishes the job.

Each round rewrites every generated article (new numbers, new text), so every run has them all to re-embed; a
seeded RNG picks the kill time between the measured start-up time of ``qa index`` and the measured length of
an uninterrupted run, so most kills land while vectors and records are being written.
``QA_TEST_KILL_ROUNDS`` sets the number of killed rounds wanted (default 4 with the hash embedding, 1 with the
real model); a round whose run ends before its kill time is repeated with an earlier one, four extra at most.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from llama_index.core.base.embeddings.base import BaseEmbedding

import qa
from qa.embed import make_embedding
from qa.settings import EmbeddingProvider, Settings
from qa.store import Store
from tests.conftest import SEEDS
from tests.reliability_fixtures import (
    ROOT,
    Generated,
    cli_env,
    kill_group,
    qa_cmd,
    report,
    run_qa,
    write_articles,
)

PLAN_Q = "How many points does the US peace plan have?"
PLAN_FILE = "001_440f3e811b64d454.txt"


@dataclass
class KillCase:
    embedding: EmbeddingProvider
    articles: int
    sentences: int
    rounds: int


def fresh_view(settings: Settings) -> None:
    """Forget this process's Chroma clients, so the next read sees the files on disk as a new process would."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def check_index(settings: Settings, articles: list[Generated], model: BaseEmbedding) -> tuple[int, int]:
    """Assert the index is consistent and answers; returns (files whose record matches their text, records)."""
    from qa.indexer import fingerprint
    from qa.load import load_corpus

    fresh_view(settings)
    store = Store(settings, str(getattr(model, "model_name", "")))
    records = store.file_records()
    current = {f.source: fingerprint(f, settings) for f in load_corpus(settings.corpus_dir).files}
    stored = store.ids_by_source(store.chunks, sorted(records))
    for source, record in records.items():
        if record.sha256 == current[source]:  # a record that matches its file: all of its chunks are stored
            assert set(record.chunk_ids) <= stored[source], f"{source}: recorded chunks are missing"
        # (an out-of-date record may list chunks a killed run already replaced: the next run redoes that file)

    answer = qa.ask(PLAN_Q, settings=settings, embed_model=model)
    assert answer.grounded and answer.citations[0].source == PLAN_FILE and "28" in answer.citations[0].quote

    up_to_date = [a for a in articles if a.source in records and records[a.source].sha256 == current[a.source]]
    for article in up_to_date[:4] + up_to_date[-2:]:
        got = qa.ask(article.question, settings=settings, embed_model=model)
        assert got.grounded and got.citations[0].source == article.source, (article, got.answer)
        assert str(article.number) in got.citations[0].quote
    stale = [a for a in articles if a.source in records and a not in up_to_date]
    for article in stale[:3]:  # indexed text is out of date: quotes are still verified against the file now
        got = qa.ask(article.question, settings=settings, embed_model=model)
        path = settings.corpus_dir / article.source
        text = path.read_text(encoding="utf-8")
        assert all(text[c.start : c.end] == c.quote for c in got.citations if c.source == article.source)
    return len(up_to_date), len(records)


def run_kill_rounds(tmp_path: Path, case: KillCase, seed: int) -> None:
    rng = random.Random(seed)
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    index_dir = tmp_path / "index"
    settings = Settings(corpus_dir=corpus, index_dir=index_dir, embedding=case.embedding)
    model = make_embedding(settings)
    common = ["--corpus", str(corpus), "--index", str(index_dir), "--embedding", case.embedding]

    articles = write_articles(corpus, case.articles, seed=seed, sentences=case.sentences)
    started = time.monotonic()
    first = run_qa("index", *common, timeout=600)
    full_run = time.monotonic() - started
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith(f"indexed {case.articles + 5},")
    started = time.monotonic()
    idle = run_qa("index", *common)  # start-up alone: imports, reading the corpus, opening the index
    startup = time.monotonic() - started
    assert idle.stdout.startswith(f"indexed 0, unchanged {case.articles + 5},")

    killed, finished, kill_times, done_at_kill = 0, 0, [], []
    total = case.articles + 5
    # A round that finishes before its kill time teaches nothing about kills: it does not count, and the next
    # round draws its kill time from an earlier window (the re-index of a round is shorter than the first run,
    # which also embedded the seeds, and a busy machine makes any one measurement loose).
    upper, round_no = 0.95, 0
    while killed < case.rounds and round_no < case.rounds + 4:
        round_no += 1
        articles = write_articles(corpus, case.articles, seed=seed + round_no, sentences=case.sentences)
        delay = startup + rng.uniform(0.05, upper) * max(full_run - startup, 0.5)  # mostly while writing
        proc = subprocess.Popen(
            qa_cmd("index", *common),
            cwd=ROOT,
            env=cli_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            proc.wait(timeout=delay)
            finished += 1  # it won the race: a complete run
            upper = max(upper / 2, 0.1)
        except subprocess.TimeoutExpired:
            kill_group(proc)
            killed += 1
            kill_times.append(round(delay, 1))
        current, records = check_index(settings, articles, model)
        assert records >= 5
        done_at_kill.append(current)  # articles re-indexed with their new text before the kill

    last = run_qa("ask", "--json", PLAN_Q, *common)  # the command line answers from the interrupted index
    assert last.returncode == 0, last.stderr
    assert f'"source": "{PLAN_FILE}"' in last.stdout and '"grounded": true' in last.stdout

    done = run_qa("index", *common, timeout=600)
    assert done.returncode == 0, done.stderr
    assert ", removed 0, skipped 0 files;" in done.stdout and f"the index holds {total} files" in done.stdout
    nothing = run_qa("index", *common, timeout=600)
    assert nothing.stdout.startswith(f"indexed 0, unchanged {total}, removed 0,"), nothing.stdout
    assert "embedded 0 chunks and 0 sentences" in nothing.stdout

    current, records = check_index(settings, articles, model)
    assert current == case.articles and records == total
    for article in articles:  # every article, with this round's numbers
        got = qa.ask(article.question, settings=settings, embed_model=model)
        assert got.citations[0].source == article.source and str(article.number) in got.citations[0].quote
    report(
        f"kill test ({case.embedding})",
        rounds=round_no,
        killed=killed,
        finished_before_kill=finished,
        kill_after_s=kill_times,
        articles_done_at_kill=done_at_kill,
        full_run_s=round(full_run, 1),
        startup_s=round(startup, 1),
        articles=total,
    )
    assert killed == case.rounds, f"only {killed} of {round_no} rounds were killed mid-run"


def _rounds(default: int) -> int:
    return int(os.environ.get("QA_TEST_KILL_ROUNDS", default))


@pytest.mark.integration
def test_sigkill_during_indexing_hash_embedding(tmp_path: Path) -> None:
    run_kill_rounds(tmp_path, KillCase("hash", articles=60, sentences=60, rounds=_rounds(4)), seed=20240611)


@pytest.mark.integration
def test_sigkill_during_indexing_real_model(tmp_path: Path) -> None:
    run_kill_rounds(tmp_path, KillCase("minilm-onnx", articles=8, sentences=12, rounds=_rounds(1)), seed=7)
