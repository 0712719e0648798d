"""Index: load → clean → chunk → embed → store, incrementally.

A file whose sha256 matches its record is skipped without reading its chunks; a changed file's new chunks
are stored before its stale ones are deleted and its record is written last, so a run killed at any point
leaves an index that answers, and the next run finishes the job. Chunk ids derive from content, so chunks
that survive an edit are not embedded again.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from qa.chunk import Chunk, Sentence, chunk_file
from qa.clean import clean
from qa.embed import embed_texts, embedding_id, make_embedding
from qa.load import SourceFile, load_corpus
from qa.settings import Settings
from qa.store import FileRecord, Store, drop_index

if TYPE_CHECKING:
    from llama_index.core.base.embeddings.base import BaseEmbedding

log = logging.getLogger(__name__)

PIPELINE_VERSION = 2  # bump when cleaning or sentence splitting changes: every file is processed again


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


def _embed_in_batches(model: BaseEmbedding, texts: list[str], batch: int) -> np.ndarray:
    # Sorting by length keeps padding (and so wasted model work) small within each batch.
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), 0), dtype=np.float32)
    parts: list[np.ndarray] = []
    for i in range(0, len(order), batch):
        parts.append(embed_texts(model, [texts[j] for j in order[i : i + batch]]))
    if parts:
        stacked = np.concatenate(parts)
        out = np.zeros_like(stacked)
        out[order] = stacked
    return out


def fingerprint(source: SourceFile, settings: Settings) -> str:
    """What a file's record must match to be skipped: its bytes and the pipeline that chunked them."""
    return f"{source.sha256}:{PIPELINE_VERSION}:{settings.chunk_size}:{settings.chunk_overlap}"


def chunk_text_for_embedding(chunk: Chunk) -> str:
    """What a chunk's vector is computed from: its title, then its text."""
    return f"{chunk.title}\n\n{chunk.text}" if chunk.title and not chunk.text.startswith(chunk.title) else chunk.text


def _store_file(store: Store, model: BaseEmbedding, settings: Settings, source: SourceFile) -> tuple[int, int, int]:
    cleaned = clean(source.text)
    chunks = chunk_file(source, cleaned, settings.chunk_size, settings.chunk_overlap)
    old_ids = store.chunk_ids_of(source.source)
    new_chunks = [c for c in chunks if c.id not in old_ids]
    sentences: dict[str, tuple[Sentence, str]] = {}
    for chunk in chunks:
        for sentence in chunk.sentences:
            sentences.setdefault(sentence.id, (sentence, chunk.id))
    have = store.existing_ids(store.sentences, list(sentences))
    new_sentences = [(sid, s, cid) for sid, (s, cid) in sentences.items() if sid not in have]
    batch = settings.embed_batch_size
    if new_sentences:
        vectors = _embed_in_batches(model, [s.text for _, s, _ in new_sentences], batch)
        store.sentences.upsert(
            ids=[sid for sid, _, _ in new_sentences],
            embeddings=vectors,
            documents=[s.text for _, s, _ in new_sentences],
            metadatas=[
                {"source": source.source, "start": s.start, "end": s.end, "chunk_id": cid}
                for _, s, cid in new_sentences
            ],
        )
    if new_chunks:
        vectors = _embed_in_batches(model, [chunk_text_for_embedding(c) for c in new_chunks], batch)
        _add_chunks(store, new_chunks, vectors)
    stale = old_ids - {c.id for c in chunks}
    if stale:
        store.chunks.delete(ids=sorted(stale))
    stale_sentences = set(store.sentences.get(where={"source": source.source}, include=[])["ids"]) - set(sentences)
    if stale_sentences:
        store.sentences.delete(ids=sorted(stale_sentences))
    store.put_file(FileRecord(source.source, fingerprint(source, settings), cleaned.title, [c.id for c in chunks]))
    return len(new_chunks), len(new_sentences), len(chunks)


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
    ChromaVectorStore(chroma_collection=store.chunks).add(list[BaseNode](nodes))


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
    store = Store(settings, name, create=True)
    records = store.file_records()
    on_disk = {f.source: f for f in loaded.files}
    for gone in sorted(set(records) - set(on_disk)):
        if gone in {s for s, _ in loaded.skipped}:
            continue  # unreadable right now: keep what was indexed rather than lose it
        store.remove_file(gone)
        report.removed.append(gone)
    changed = [
        f for f in loaded.files if f.source not in records or records[f.source].sha256 != fingerprint(f, settings)
    ]
    report.unchanged = len(loaded.files) - len(changed)
    if changed:
        model = embed_model or make_embedding(settings)
        for done, source in enumerate(changed, 1):
            n_chunks, n_sentences, _ = _store_file(store, model, settings, source)
            report.indexed.append(source.source)
            report.chunks_embedded += n_chunks
            report.sentences_embedded += n_sentences
            if progress:
                progress(done, len(changed), source.source)
    if changed or report.removed:
        store.touch()
    report.total_chunks = store.chunks.count()
    report.total_files = store.files.count()
    return report


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
