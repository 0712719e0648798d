"""Scale: the persisted search cache, batched ingestion, and a smoke run of the benchmark (bench/run.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qa import search_cache
from qa.embed import HashEmbedding
from qa.engine import Searcher, get_searcher
from qa.errors import IndexCorruptError
from qa.indexer import BATCH_CHARS, _batches, _groups, _prepare, build_index
from qa.load import load_corpus
from qa.settings import Settings
from qa.store import Store

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "How many points does the US peace plan have?",
    "Who is Javed Ali?",
    "How many people were injured in the cluster munitions attack on Kharkiv?",
    "What is the capital of Australia?",
]


def test_search_cache_gives_the_answers_of_an_in_memory_build(
    hash_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_index(hash_settings)
    store = Store(hash_settings, "hash-bow-384")
    folder = search_cache.refresh(store)
    assert folder is not None and (folder / "done.json").is_file()  # the indexer saved it already
    cached = Searcher(hash_settings)
    monkeypatch.setattr(search_cache, "refresh", lambda store, stamp=None: None)  # forces the in-memory build
    in_memory = Searcher(hash_settings, cached.embed_model)
    assert cached.stats.df == in_memory.stats.df and cached.stats.n == in_memory.stats.n
    assert dict(cached.stats.source_terms.items()) == in_memory.stats.source_terms
    assert cached.case == in_memory.case and "witkoff" in cached.case.names
    for question in QUESTIONS:
        a, b = cached.answer(question), in_memory.answer(question)
        assert a.model_dump(exclude={"latency_ms"}) == b.model_dump(exclude={"latency_ms"})


def test_search_cache_follows_the_index_state(hash_settings: Settings) -> None:
    build_index(hash_settings)
    store = Store(hash_settings, "hash-bow-384")
    first = search_cache.refresh(store)
    assert first is not None and search_cache.refresh(store) == first  # unchanged index: reused
    build_index(hash_settings)  # nothing changed: same state, same cache
    assert search_cache.refresh(Store(hash_settings, "hash-bow-384")) == first

    path = hash_settings.corpus_dir / "003_396a240a2c14fd55.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nThe Vintmark ferry strike ended on Tuesday.\n", "utf-8")
    build_index(hash_settings)
    second = search_cache.refresh(Store(hash_settings, "hash-bow-384"))
    assert second is not None and second != first and not first.exists()  # the old state is dropped
    assert "vintmark" in get_searcher(hash_settings).stats


def test_a_cache_written_by_another_qa_version_is_built_anew(
    hash_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_index(hash_settings)
    first = search_cache.refresh(Store(hash_settings, "hash-bow-384"))
    assert first is not None
    # a later qa tokenizes differently ("objective" no longer "object"): its cache is another folder
    monkeypatch.setattr(search_cache, "VERSION", search_cache.VERSION + 1)
    second = search_cache.refresh(Store(hash_settings, "hash-bow-384"))
    assert second is not None and second != first and not first.exists()
    assert Searcher(hash_settings).answer("Who is Javed Ali?").grounded


def test_a_searcher_loads_without_reading_every_chunk(hash_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    build_index(hash_settings)

    def no_full_read(store: Store) -> None:
        raise AssertionError("the searcher read every chunk although the cache was there")

    monkeypatch.setattr(search_cache, "_iter_chunks", no_full_read)
    searcher = Searcher(hash_settings)
    assert searcher.chunk_count == Store(hash_settings, "hash-bow-384").chunks.count()
    assert searcher.answer("Who is Javed Ali?").grounded


def test_a_searcher_loaded_before_a_reindex_answers_from_the_index_as_it_is_now(hash_settings: Settings) -> None:
    build_index(hash_settings)
    searcher = Searcher(hash_settings)  # its search cache (chunk nodes, each file's blocks) is of this state
    plan = hash_settings.corpus_dir / "001_440f3e811b64d454.txt"
    plan.write_text(plan.read_text(encoding="utf-8").replace("28-point", "19-point"), encoding="utf-8")
    build_index(hash_settings)
    # the changed passage is a chunk the cache does not hold, its sentences sit in blocks the cache does not list
    answer = searcher.answer("How many points does the US peace plan have?")
    assert answer.grounded and answer.citations[0].source == plan.name
    assert "19-point" in answer.citations[0].quote


def test_unwritable_cache_folder_falls_back_to_memory(hash_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    build_index(hash_settings)
    monkeypatch.setattr(Store, "cache_dir", lambda self: Path("/proc/qa-cannot-write-here"))
    assert Searcher(hash_settings).answer("Who is Javed Ali?").grounded


def test_ingestion_groups_files_and_budgets_batches(hash_settings: Settings) -> None:
    files = load_corpus(hash_settings.corpus_dir).files * 30  # 150 files
    sizes = [len(g) for g in _groups(files, hash_settings)]
    assert sizes[:4] == [1, 2, 4, 8] and max(sizes) <= 64 and sum(sizes) == 150

    texts = ["short sentence."] * 100 + ["a long chunk " * 100] * 20
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    batches = _batches(texts, order, 64)
    assert sorted(i for b in batches for i in b) == list(range(len(texts)))
    assert all(
        len(b) <= 64 and len(b) * max(len(texts[i]) for i in b) <= max(BATCH_CHARS, len(texts[-1])) for b in batches
    )


def _all_sentences(settings: Settings) -> list[tuple[str, int, int, str]]:
    """Every sentence of the corpus, from chunking the files anew (what the index must give back)."""
    return [
        (source.source, sentence.start, sentence.end, sentence.text)
        for source in load_corpus(settings.corpus_dir).files
        for sentence, _ in _prepare(source, settings).sentences.values()
    ]


def test_sentences_in_gives_the_sentences_of_the_spans_with_their_vectors(hash_settings: Settings) -> None:
    build_index(hash_settings)
    store = Store(hash_settings, "hash-bow-384")
    model = HashEmbedding()
    everything = _all_sentences(hash_settings)
    chunks = store.chunks.get(include=["metadatas"])["metadatas"]
    for first in range(0, len(chunks), 5):
        spans = []
        for meta in chunks[first : first + 5]:
            sentence_spans = json.loads(meta["sentences"])
            spans.append((meta["source"], sentence_spans[0][0] - 300, sentence_spans[-1][1] + 300))
        got = store.sentences_in(spans)
        expected = sorted({x for x in everything if any(x[0] == s and x[1] >= a and x[2] <= b for s, a, b in spans)})
        assert [(r["source"], r["start"], r["end"], r["text"]) for r in got] == expected
        for r in got:  # the vector stored (packed as float16) is the text's own
            assert float(r["vector"] @ model.embed([r["text"]])[0]) > 0.999


def test_an_index_of_another_qa_version_says_rebuild_and_qa_index_rebuilds_it(hash_settings: Settings) -> None:
    build_index(hash_settings)
    store = Store(hash_settings, "hash-bow-384")
    store.chunks.modify(metadata={**(store.chunks.metadata or {}), "qa_schema": 1})
    with pytest.raises(IndexCorruptError, match=r"another version of qa.*qa index --rebuild"):
        Store(hash_settings, "hash-bow-384")
    report = build_index(hash_settings)  # qa index builds an index of another format anew, no flag needed
    assert len(report.indexed) == 5 and report.unchanged == 0
    assert Store(hash_settings, "hash-bow-384").chunks.count() > 0


def test_noop_reindex_writes_nothing(hash_settings: Settings) -> None:
    build_index(hash_settings)
    stamp = Store(hash_settings, "hash-bow-384").fresh_stamp()
    report = build_index(hash_settings)
    assert report.indexed == [] and report.chunks_embedded == 0 and report.sentences_embedded == 0
    assert Store(hash_settings, "hash-bow-384").fresh_stamp() == stamp  # nothing rewritten, no cache rebuild


@pytest.mark.integration
def test_bench_quick_run(tmp_path: Path) -> None:
    """bench/run.py --quick runs every step and writes the table, the JSON and the plot."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QA_")}
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    data = json.loads((tmp_path / "results-quick.json").read_text())
    figures = " ".join(row["figure"] for row in data["table"])
    for name in ("ingestion", "raw model", "no-op re-index", "warm ask() p50", "warm ask() p95", "cold `qa ask`"):
        assert name in figures, name
    assert all(row["measured"] for row in data["table"])
    assert (tmp_path / "results-quick.png").stat().st_size > 10_000
    assert "| figure | measured | target | result |" in result.stdout
