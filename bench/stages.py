"""The measured steps of the benchmark, each run by ``bench/run.py`` in a process of its own (for a clean
peak RSS): ``python bench/stages.py STAGE '{"json": "arguments"}'`` prints ``RESULT {json}`` last.

Stages:
- ``raw``: the embedding model's own throughput on the texts (sentences and chunks) of some articles, in
  the indexer's batches; saves the vectors as the "bank" for ``bank``.
- ``bank``: add articles to a store through the indexer's own code (prepare, group, store, records), with
  a lookup in the bank instead of the model: what makes big stores buildable in minutes.
- ``ingest``: ``qa.indexer.build_index`` with the real model on a folder with new articles.
- ``latency``: warm ``qa.ask`` latency over generated questions.
- ``cache``: rebuild the search cache (BM25 and term statistics) of a store.
"""

from __future__ import annotations

import hashlib
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import numpy as np  # noqa: E402
from corpus import questions  # noqa: E402

import qa  # noqa: E402, F401  (offline defaults)
from qa.settings import Settings  # noqa: E402


def _settings(args: dict[str, Any]) -> Settings:
    embedding = args.get("embedding", "minilm-onnx")
    return Settings(corpus_dir=Path(args["corpus"]), index_dir=Path(args["index"]), embedding=embedding)


def _model_name(settings: Settings) -> str:
    from qa.embed import embedding_id

    return embedding_id(settings)


def _sources(folder: Path, names: list[str]) -> list[Any]:
    from qa.load import load_file

    return [load_file(folder, folder / name, 20_000_000) for name in names]


def _texts_of(prepared: list[Any]) -> list[str]:
    """The texts the indexer embeds for these files (new to the index): each sentence (by id), each chunk;
    ``_embed_in_batches`` then embeds every distinct text once, as in the indexer."""
    from qa.indexer import chunk_text_for_embedding

    sentences = {sid: s.text for p in prepared for sid, (s, _) in p.sentences.items()}
    return list(sentences.values()) + [chunk_text_for_embedding(c) for p in prepared for c in p.chunks]


def stage_raw(args: dict[str, Any]) -> dict[str, Any]:
    """Raw model throughput on the texts of ``names`` (the same batching as the indexer)."""
    from qa.embed import make_embedding
    from qa.indexer import _embed_in_batches, _prepare

    settings = _settings(args)
    prepared = [_prepare(s, settings) for s in _sources(Path(args["corpus"]), args["names"])]
    texts = _texts_of(prepared)
    model = make_embedding(settings)
    distinct = len(set(texts))
    tokenizer = getattr(getattr(model, "_runner", None), "tokenizer", None)
    tokens = sum(len(e.ids) for e in tokenizer.encode_batch(texts)) if tokenizer else sum(len(t.split()) for t in texts)
    model.embed(texts[:8])  # type: ignore[attr-defined]  # first call allocations (the bundled model's own batch call)
    started = time.perf_counter()
    vectors = _embed_in_batches(model, texts, settings.embed_batch_size)
    seconds = time.perf_counter() - started
    np.save(args["bank"], vectors.astype(np.float32))
    return {
        "texts": len(texts),
        "distinct_texts": distinct,
        "tokens": tokens,
        "seconds": seconds,
        "texts_per_s": len(texts) / seconds,
        "tokens_per_s": tokens / seconds,
    }


class _Bank:
    """Bank vectors picked by a hash of the text, mixed with a second one and a little noise (unit length)."""

    def __init__(self, path: str, model_name: str) -> None:
        self.bank = np.load(path)
        self.model_name = model_name

    def embed(self, texts: list[str]) -> np.ndarray:
        h = np.array(
            [int.from_bytes(hashlib.blake2b(t.encode(), digest_size=8).digest(), "little") for t in texts],
            dtype=np.uint64,
        )
        n = np.uint64(len(self.bank))
        i, j = (h % n).astype(np.int64), ((h >> np.uint64(24)) % n).astype(np.int64)
        noise = np.random.default_rng(int(h.sum() % np.uint64(2**63)) if len(h) else 0).standard_normal(
            (len(texts), self.bank.shape[1])
        )
        v = self.bank[i] + 0.3 * self.bank[j] + 0.02 * noise
        out: np.ndarray = (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)
        return out


def _prepare_worker(job: tuple[str, str, int, int]) -> Any:
    from qa.indexer import _prepare
    from qa.load import load_file

    folder, name, size, overlap = job
    settings = Settings(chunk_size=size, chunk_overlap=overlap, embedding="hash")
    return _prepare(load_file(Path(folder), Path(folder) / name, 20_000_000), settings)


def stage_bank(args: dict[str, Any]) -> dict[str, Any]:
    """Add the articles ``names`` (already in the corpus folder) with bank vectors, in groups of 256 files:
    files are prepared (cleaned, chunked) in a worker process while this one writes to Chroma."""
    import multiprocessing as mp

    settings = _settings(args)
    folder = str(settings.corpus_dir)
    jobs = [(folder, n, settings.chunk_size, settings.chunk_overlap) for n in args["names"]]
    pool = mp.get_context("fork").Pool(1)  # forked before Chroma starts its threads
    from qa.indexer import _store_group
    from qa.store import Store

    started = time.perf_counter()
    store = Store(settings, _model_name(settings), create=True)
    bank = _Bank(args["bank"], _model_name(settings))
    group: list[Any] = []
    chunks = sentences = 0

    def flush() -> None:
        nonlocal chunks, sentences
        c, s = _store_group(store, bank, settings, group)  # type: ignore[arg-type]
        chunks, sentences = chunks + c, sentences + s
        group.clear()

    for prepared in pool.imap(_prepare_worker, jobs, chunksize=8):
        group.append(prepared)
        if len(group) >= 256:
            flush()
    if group:
        flush()
    pool.close()
    store.touch()
    seconds = time.perf_counter() - started
    return {
        "files": len(jobs),
        "chunks_added": chunks,
        "sentences_added": sentences,
        "seconds": seconds,
        "total_chunks": store.chunks.count(),
        "total_sentences": store.sentences.count(),
    }


def stage_cache(args: dict[str, Any]) -> dict[str, Any]:
    """(Re)build the search cache of the store for its current state."""
    from qa import search_cache
    from qa.store import Store

    settings = _settings(args)
    store = Store(settings, _model_name(settings))
    started = time.perf_counter()
    search_cache.refresh(store)
    return {"seconds": time.perf_counter() - started, "chunks": store.chunks.count()}


def stage_ingest(args: dict[str, Any]) -> dict[str, Any]:
    """``build_index`` with the real model; times the model calls and the per-run fixed parts apart."""
    import qa.indexer as indexer
    from qa.chunk import load_chunker
    from qa.embed import embedding_id as settings_id
    from qa.store import Store

    settings = _settings(args)
    spent = {"model": 0.0, "load": 0.0, "records": 0.0, "cache": 0.0}
    texts = [0]

    def timed(name: str, fn: Any) -> Any:
        def wrapper(*a: Any, **k: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[name] += time.perf_counter() - t

        return wrapper

    embed = indexer.embed_texts  # type: ignore[attr-defined]
    batches: list[list[str]] = []
    models: list[Any] = []

    def counting(model: Any, batch: list[str]) -> Any:
        texts[0] += len(batch)
        batches.append(batch)
        return embed(model, batch)

    def keep(settings: Settings) -> Any:
        models.append(make(settings))
        return models[-1]

    make = indexer.make_embedding  # type: ignore[attr-defined]
    indexer.make_embedding = keep  # type: ignore[attr-defined]
    indexer.embed_texts = timed("model", counting)  # type: ignore[attr-defined]
    indexer.load_corpus = timed("load", indexer.load_corpus)  # type: ignore[attr-defined]
    Store.file_records = timed("records", Store.file_records)  # type: ignore[method-assign]
    # A run whose index is thrown away (all but the last of a corpus size's runs) skips the refresh: a fixed
    # part, timed apart, that costs 40 s at 37k chunks and would stop the largest index short of its size.
    refresh = indexer._refresh_search_cache if args.get("refresh_cache", True) else (lambda store: None)
    indexer._refresh_search_cache = timed("cache", refresh)
    names = set(args["names"])
    size = sum((settings.corpus_dir / n).stat().st_size for n in names)
    # Once per run, whatever is indexed, timed apart as fixed costs: Chroma loads a collection's vector index
    # into memory at its first read or write in a process; the embedding model, the sentence splitter and
    # the chunker's tokenizer load (a real run loads the model in a thread while the first files are chunked).
    started = time.perf_counter()
    opened = Store(settings, settings_id(settings), create=True)
    opened.sentences.get(ids=["(none)"], include=[])
    opened.chunks.get(ids=["(none)"], include=[])
    spent_open = time.perf_counter() - started
    started = time.perf_counter()
    load_chunker(settings.chunk_size, settings.chunk_overlap)
    # the model's first call at the largest batch shape: ONNX Runtime sizes its memory arena (~0.3 s once)
    make(settings).get_text_embedding_batch(["word " * 300] * 8)
    spent_models = time.perf_counter() - started
    started = time.perf_counter()
    report = indexer.build_index(settings)
    total = time.perf_counter() - started
    assert set(report.indexed) == names, (len(report.indexed), len(names))
    ingest = total - spent["load"] - spent["records"] - spent["cache"]
    # The model's raw throughput on the same texts, in the same process right after: the very model calls
    # of the ingestion replayed (same batches), nothing else.
    started = time.perf_counter()
    for batch in batches:
        embed(models[0], batch)
    raw = time.perf_counter() - started
    return {
        "files": len(report.indexed),
        "bytes": size,
        "chunks": report.chunks_embedded,
        "sentences": report.sentences_embedded,
        "texts": texts[0],
        "seconds_total": total,
        "seconds_ingest": ingest,
        "seconds_model": spent["model"],
        "seconds_raw_model_replay": raw,
        "seconds_fixed": {
            "load_and_hash_all_files": spent["load"],
            "read_file_records": spent["records"],
            "search_cache_refresh": spent["cache"],
            "open_vector_indexes": spent_open,
            "load_model_and_chunker": spent_models,
        },
        "total_chunks": report.total_chunks,
        "total_files": report.total_files,
    }


def stage_latency(args: dict[str, Any]) -> dict[str, Any]:
    """Warm ``qa.ask`` latency: load once, warm up, then time up to ``n`` questions one after another
    (stopping after ``max_seconds`` once 3 are timed: a slow index still finishes the bench)."""
    from qa.api import ask

    settings = _settings(args)
    qs = questions(args["n"] + 5, args["articles"], seed=args.get("seed", 7))
    started = time.perf_counter()
    ask(qs[0], settings=settings)
    load = time.perf_counter() - started
    for q in qs[1:5]:  # warm-up
        if time.perf_counter() - started > 10:
            break
        ask(q, settings=settings)
    times: list[float] = []
    grounded = 0
    deadline = time.perf_counter() + args.get("max_seconds", 1e9)
    for q in qs[5:]:
        if len(times) >= 3 and time.perf_counter() > deadline:
            break
        t = time.perf_counter()
        a = ask(q, settings=settings)
        times.append((time.perf_counter() - t) * 1000)
        grounded += a.grounded
    times.sort()
    return {
        "questions": len(times),
        "p50_ms": statistics.median(times),
        "p95_ms": times[max(0, round(0.95 * len(times)) - 1)],
        "max_ms": times[-1],
        "mean_ms": statistics.fmean(times),
        "first_ask_s": load,
        "grounded_share": grounded / len(times),
        "chunks": _chunks(settings),
    }


def _chunks(settings: Settings) -> int:
    from qa.engine import get_searcher

    return int(get_searcher(settings).chunk_count)


STAGES = {"raw": stage_raw, "bank": stage_bank, "cache": stage_cache, "ingest": stage_ingest, "latency": stage_latency}

if __name__ == "__main__":
    import logging

    logging.basicConfig(level=logging.WARNING)
    name, raw = sys.argv[1], sys.argv[2]
    args = json.loads(Path(raw[1:]).read_text() if raw.startswith("@") else raw)
    result = STAGES[name](args)
    result["loadavg_after"] = os.getloadavg()[0]
    print("RESULT " + json.dumps(result), flush=True)
