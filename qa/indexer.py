"""Index: load → clean → chunk → embed → store, incrementally.

A file whose sha256 matches its record is skipped without reading its chunks; a changed file's new chunks
are stored before its stale ones are deleted and its record is written last, so a run killed at any point
leaves an index that answers, and the next run finishes the job. Chunk ids derive from content, so chunks
that survive an edit are not embedded again, nor are the sentences an edited file keeps. Changed files are
processed in groups (1, 2, 4, ... 64 files): their sentences and chunks are embedded in one length-sorted
pass and written in a few large Chroma batches while the next group is embedded, so indexing time is the
embedding model's time (90-100% of its raw throughput in ``bench/``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from qa.chunk import Chunk, Sentence, chunk_file
from qa.clean import clean
from qa.embed import embed_texts, embedding_id, make_embedding, preload_embedding
from qa.errors import IndexFormatError
from qa.load import SourceFile, load_corpus
from qa.settings import Settings
from qa.store import FileRecord, SentenceBlock, Store, drop_index

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

log = logging.getLogger(__name__)

PIPELINE_VERSION = 3  # bump when cleaning or sentence splitting changes: every file is processed again


@dataclass
class IndexReport:
    """What one indexing run did."""

    indexed: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    chunks_embedded: int = 0
    sentences_embedded: int = 0
    total_chunks: int = 0
    total_files: int = 0

    def summary(self) -> str:
        """One line for the CLI."""
        return (
            f"indexed {len(self.indexed)}, unchanged {self.unchanged}, removed {len(self.removed)}, "
            f"skipped {len(self.skipped)} files; embedded {self.chunks_embedded} chunks and "
            f"{self.sentences_embedded} sentences; the index holds {self.total_files} files, "
            f"{self.total_chunks} chunks"
        )


BATCH_CHARS = 8000  # at most this many characters of padded text (batch size x longest text) per model call


def _batches(texts: list[str], order: list[int], batch: int) -> list[list[int]]:
    """Consecutive runs of ``order`` (sorted by length) with at most ``batch`` texts and BATCH_CHARS padded
    characters: 64 short sentences go together, long chunks by eight. Measured on 2 cores with MiniLM int8:
    64 chunks of 256 tokens per call take twice the CPU time and three times the memory (1.9 GB)."""
    out: list[list[int]] = []
    current: list[int] = []
    for i in order:
        if current and (len(current) >= batch or (len(current) + 1) * len(texts[i]) > BATCH_CHARS):
            out.append(current)
            current = []
        current.append(i)
    if current:
        out.append(current)
    return out


def _embed_in_batches(model: BaseEmbedding, texts: list[str], batch: int) -> np.ndarray:
    """Vectors of ``texts`` in their order; each distinct text is embedded once (articles repeat sentences)."""
    unique = list(dict.fromkeys(texts))
    # Sorting by length keeps padding (and so wasted model work) small within each batch.
    order = sorted(range(len(unique)), key=lambda i: len(unique[i]))
    parts: list[np.ndarray] = []
    for run in _batches(unique, order, batch):
        parts.append(embed_texts(model, [unique[j] for j in run]))
    if not parts:
        return np.zeros((len(texts), 0), dtype=np.float32)
    stacked = np.concatenate(parts)
    vectors = np.zeros_like(stacked)
    vectors[order] = stacked
    if len(unique) == len(texts):
        return vectors
    row = {text: i for i, text in enumerate(unique)}
    return vectors[[row[text] for text in texts]]


def fingerprint(source: SourceFile, settings: Settings) -> str:
    """What a file's record must match to be skipped: its bytes and the pipeline that chunked them."""
    return f"{source.sha256}:{PIPELINE_VERSION}:{settings.chunk_size}:{settings.chunk_overlap}"


def chunk_text_for_embedding(chunk: Chunk) -> str:
    """What a chunk's vector is computed from: its title, then its text."""
    return f"{chunk.title}\n\n{chunk.text}" if chunk.title and not chunk.text.startswith(chunk.title) else chunk.text


GROUP_FILES = 64  # most files prepared, embedded and written together
GROUP_TEXTS = 4096  # ... or fewer, once their sentences and chunks reach this many texts to embed


@dataclass
class _Prepared:
    """One changed file, cleaned and chunked, waiting to be embedded and stored."""

    source: SourceFile
    title: str
    chunks: list[Chunk]
    sentences: dict[str, tuple[Sentence, str]]  # sentence id -> (sentence, id of its first chunk)

    def blocks(self) -> list[tuple[str, list[Sentence]]]:
        """(chunk id, the sentences whose first chunk it is) for each chunk that has any, in file order."""
        by_chunk: dict[str, list[Sentence]] = {}
        for sentence, chunk_id in self.sentences.values():
            by_chunk.setdefault(chunk_id, []).append(sentence)
        return [(c.id, by_chunk[c.id]) for c in self.chunks if c.id in by_chunk]


def _prepare(source: SourceFile, settings: Settings) -> _Prepared:
    cleaned = clean(source.text)
    chunks = chunk_file(source, cleaned, settings.chunk_size, settings.chunk_overlap)
    sentences: dict[str, tuple[Sentence, str]] = {}
    for chunk in chunks:
        for sentence in chunk.sentences:
            sentences.setdefault(sentence.id, (sentence, chunk.id))
    return _Prepared(source, cleaned.title, chunks, sentences)


def file_record(prepared: _Prepared, settings: Settings) -> FileRecord:
    """The record that marks a prepared file as indexed: fingerprint, title, chunk ids, sentence blocks."""
    return FileRecord(
        prepared.source.source,
        fingerprint(prepared.source, settings),
        prepared.title,
        [c.id for c in prepared.chunks],
        [(chunk_id, min(s.start for s in ss), max(s.end for s in ss)) for chunk_id, ss in prepared.blocks()],
    )


def _groups(files: list[SourceFile], settings: Settings) -> Iterator[list[_Prepared]]:
    """Prepared files in groups of 1, 2, 4, ... up to GROUP_FILES files (or GROUP_TEXTS texts): the first
    files finish at once (progress shows, an interrupted run keeps them); later groups are large, so texts
    of many files share embedding batches and each Chroma write carries thousands of records."""
    size, group, texts = 1, [], 0
    for source in files:
        prepared = _prepare(source, settings)
        group.append(prepared)
        texts += len(prepared.chunks) + len(prepared.sentences)
        if len(group) >= size or texts >= GROUP_TEXTS:
            yield group
            size, group, texts = min(size * 2, GROUP_FILES), [], 0
    if group:
        yield group


@dataclass
class _GroupWrite:
    """What storing one embedded group writes and deletes."""

    group: list[_Prepared]
    new_chunks: list[Chunk]
    chunk_vectors: np.ndarray
    blocks: list[SentenceBlock]
    stale_blocks: list[str]
    stale_chunks: list[str]
    sentences_embedded: int


@dataclass
class _Stored:
    """What the index holds of a group's files already: chunk ids by file (also leftovers of an interrupted
    run) and the vectors of their sentences (an edited file keeps most of its sentences)."""

    chunks: dict[str, set[str]]
    vectors: dict[str, np.ndarray]


def _stored(store: Store, group: list[_Prepared]) -> _Stored:
    chunks = store.ids_by_source(store.chunks, [p.source.source for p in group])
    vectors: dict[str, np.ndarray] = {}
    for block in store.blocks(sorted(set().union(*chunks.values()))):
        vectors.update(zip((text for _, _, text in block.sentences), block.vectors, strict=True))
    return _Stored(chunks, vectors)


def _embed_group(model: BaseEmbedding, settings: Settings, group: list[_Prepared], stored: _Stored) -> _GroupWrite:
    """Embed a group's new chunks and sentences in one pass; work out what is stale."""
    old_chunks, known = stored.chunks, dict(stored.vectors)
    new_chunks = [c for p in group for c in p.chunks if c.id not in old_chunks.get(p.source.source, set())]
    sentence_texts = list(dict.fromkeys(s.text for p in group for s, _ in p.sentences.values() if s.text not in known))
    texts = sentence_texts + [chunk_text_for_embedding(c) for c in new_chunks]
    vectors = _embed_in_batches(model, texts, settings.embed_batch_size)
    known.update(zip(sentence_texts, vectors, strict=False))
    blocks = [
        SentenceBlock(
            chunk_id,
            p.source.source,
            [(s.start, s.end, s.text) for s in sentences],
            np.array([known[s.text] for s in sentences], dtype=np.float32),
        )
        for p in group
        for chunk_id, sentences in p.blocks()
    ]
    kept_blocks = {b.id for b in blocks}
    return _GroupWrite(
        group,
        new_chunks,
        vectors[len(sentence_texts) :],
        blocks,
        sorted(cid for p in group for cid in old_chunks.get(p.source.source, set()) - kept_blocks),
        sorted(cid for p in group for cid in old_chunks.get(p.source.source, set()) - {c.id for c in p.chunks}),
        len(sentence_texts),
    )


def _write_group(store: Store, settings: Settings, plan: _GroupWrite) -> _GroupWrite:
    """Store an embedded group. Per file the order is the one a single file had: new chunks first, then the
    file's sentence blocks (one per chunk, replacing the old ones), stale blocks and chunks deleted after, the
    file record last: an interruption never leaves a recorded file without its chunks, nor a block without its
    chunk."""
    if plan.new_chunks:
        _add_chunks(store, plan.new_chunks, plan.chunk_vectors)
    store.put_blocks(plan.blocks)
    for collection, stale in ((store.sentences, plan.stale_blocks), (store.chunks, plan.stale_chunks)):
        for i in range(0, len(stale), store.max_batch):
            collection.delete(ids=stale[i : i + store.max_batch])
    store.put_files([file_record(p, settings) for p in plan.group])
    return plan


def _store_group(store: Store, model: BaseEmbedding, settings: Settings, group: list[_Prepared]) -> tuple[int, int]:
    """Embed and store a group, its file records last; returns (chunks, sentences) embedded."""
    plan = _write_group(store, settings, _embed_group(model, settings, group, _stored(store, group)))
    return len(plan.new_chunks), plan.sentences_embedded


def _add_chunks(store: Store, chunks: list[Chunk], vectors: np.ndarray) -> None:
    """Store chunks through llama-index's ChromaVectorStore, so they read back as llama-index nodes."""
    from llama_index.core.schema import BaseNode, TextNode
    from llama_index.vector_stores.chroma import ChromaVectorStore

    nodes = [
        TextNode(
            id_=c.id,
            text=c.text,
            metadata=c.metadata(),
            embedding=vectors[i].tolist(),
            start_char_idx=c.start,
            end_char_idx=c.end,
            excluded_embed_metadata_keys=["sentences", "sha256", "start", "end"],
            excluded_llm_metadata_keys=["sentences", "sha256", "start", "end"],
        )
        for i, c in enumerate(chunks)
    ]
    vector_store = ChromaVectorStore(chroma_collection=store.chunks)
    for part in store.batches(list[BaseNode](nodes)):
        vector_store.add(part)


def build_index(
    settings: Settings,
    *,
    rebuild: bool = False,
    embed_model: BaseEmbedding | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> IndexReport:
    """Bring the index in line with the corpus folder and report what changed.

    ``embed_model`` overrides the configured embedding (tests inject one); ``progress(done, total, source)``
    is called after each changed file.
    """
    report = IndexReport()
    loaded = load_corpus(settings.corpus_dir, settings.max_file_mb)
    report.skipped = loaded.skipped
    for skipped, reason in loaded.skipped:
        log.warning("skipped %s: %s", skipped, reason)
    name = embedding_id(settings) if embed_model is None else _injected_id(embed_model)
    if rebuild:
        drop_index(settings)
    try:
        store = Store(settings, name, create=True)
    except IndexFormatError as exc:  # an index is derived data: one of an older qa is simply built anew
        log.warning("%s: rebuilding it", str(exc).split(". Rebuild")[0])
        drop_index(settings)
        store = Store(settings, name, create=True)
    records = store.file_records()
    on_disk = {f.source: f for f in loaded.files}
    unreadable = {s for s, _ in loaded.skipped}  # unreadable right now: keep what was indexed rather than lose it
    report.removed = sorted(set(records) - set(on_disk) - unreadable)
    store.remove_files(report.removed)
    changed = [
        f for f in loaded.files if f.source not in records or records[f.source].sha256 != fingerprint(f, settings)
    ]
    report.unchanged = len(loaded.files) - len(changed)
    try:
        if changed:
            if embed_model is None:
                preload_embedding(settings)  # loads while the first files are cleaned and chunked
            model = embed_model

            def written(plan: _GroupWrite) -> None:
                report.chunks_embedded += len(plan.new_chunks)
                report.sentences_embedded += plan.sentences_embedded
                for p in plan.group:
                    report.indexed.append(p.source.source)
                    if progress:
                        progress(len(report.indexed), len(changed), p.source.source)

            # A group is written while the next one is embedded: the model runs without the GIL, so Chroma's
            # writes overlap it instead of adding to it. The next group is chunked, and what the index holds
            # of it read, before the write starts: chunking needs the GIL, and Chroma makes reads wait for a
            # write. One group in flight; leaving the block waits for it.
            groups = ((group, _stored(store, group)) for group in _groups(changed, settings))
            upcoming = next(groups, None)
            with ThreadPoolExecutor(1, thread_name_prefix="qa-index-writer") as writer:
                pending: Future[_GroupWrite] | None = None
                while upcoming is not None:
                    model = model or make_embedding(settings)
                    plan = _embed_group(model, settings, *upcoming)
                    if pending is not None:
                        written(pending.result())
                    upcoming = next(groups, None)
                    pending = writer.submit(_write_group, store, settings, plan)
                if pending is not None:
                    written(pending.result())
    finally:
        if report.indexed or report.chunks_embedded or report.sentences_embedded or report.removed:
            store.touch()  # also after an interruption: what was written must invalidate cached search data
    _refresh_search_cache(store)
    report.total_chunks = store.chunks.count()
    report.total_files = store.files.count()
    return report


def _refresh_search_cache(store: Store) -> None:
    """Save BM25 and term statistics for the new index state now, so the next question need not build them."""
    from qa import search_cache

    try:
        search_cache.refresh(store)
    except Exception as exc:  # searchers rebuild it themselves; an index run must not fail for a cache
        log.warning("could not prepare the search cache: %s", exc)


def _injected_id(model: BaseEmbedding) -> str:
    return str(getattr(model, "model_name", type(model).__name__))


def tqdm_progress() -> Callable[[int, int, str], None]:
    """A progress callback that draws a tqdm bar on stderr (only where stderr is a terminal or long runs)."""
    from tqdm import tqdm

    bar: dict[str, tqdm] = {}

    def update(done: int, total: int, source: str) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, unit="file", file=sys.stderr, disable=total < 20 and not sys.stderr.isatty())
        bar["bar"].update(1)
        bar["bar"].set_postfix_str(source[-30:], refresh=False)
        if done == total:
            bar["bar"].close()

    return update
