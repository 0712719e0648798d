"""Store: the Chroma collections that hold an index, embedded on disk or on a Chroma server.

Three collections per index: ``<name>`` (chunks, through llama-index's ``ChromaVectorStore``),
``<name>_sentences`` (the sentences of each chunk with their vectors, one record per chunk, for evidence
scoring) and ``<name>_files`` (one record per indexed file: its sha256, chunk ids and sentence blocks; written
last, so an interrupted run is finished by the next one).
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from qa.errors import (
    EmbeddingMismatchError,
    IndexCorruptError,
    IndexFormatError,
    IndexMissingError,
    StoreUnavailableError,
)
from qa.settings import Settings, mask_url

SCHEMA = 4  # 4: sentences stored in blocks, one record per chunk; 3: one record per sentence
# The sentence and file collections are only read by id and metadata, never searched by vector, so their
# HNSW graphs are built cheaply. (A vector search over sentences would want Chroma's defaults back.)
LOOKUP_HNSW: dict[str, Any] = {"space": "cosine", "ef_construction": 10, "max_neighbors": 4}
# Records and sentence blocks get a one-number placeholder vector; Chroma still wants one per record.
# Sentence vectors live in the blocks' metadata instead: Chroma loads a collection's whole vector index into
# memory at its first read, which for the sentences of 10,000 articles was 700 MB of RSS and 6 s. One block
# per chunk rather than one record per sentence: Chroma's cost is per record (its log, SQLite rows), and
# writing sentences one per record was a tenth of the indexing time (0.72 s of 10 s for 30 articles).
PLACEHOLDER = [0.0]


def pack_vectors(vectors: Any) -> str:
    """Vectors (n x d) as a metadata string: float16, base64 (cosines change by < 1e-3)."""
    import base64

    import numpy as np

    return base64.b64encode(np.ascontiguousarray(vectors, dtype="<f2").tobytes()).decode("ascii")


def unpack_vectors(text: str, rows: int) -> Any:
    """The float32 matrix (``rows`` x d) of ``pack_vectors``'s string."""
    import base64

    import numpy as np

    flat = np.frombuffer(base64.b64decode(text), dtype="<f2").astype(np.float32)
    return flat.reshape(rows, -1) if rows else flat.reshape(0, 0)


@dataclass
class SentenceBlock:
    """The sentences stored with one chunk (each sentence in the first chunk that holds it), with vectors."""

    id: str  # the chunk's id
    source: str
    sentences: list[tuple[int, int, str]]  # (start, end, text), file offsets
    vectors: Any  # float32, one row per sentence

    def metadata(self) -> dict[str, str]:
        """The block as Chroma metadata."""
        return {
            "source": self.source,
            "sentences": json.dumps(self.sentences, separators=(",", ":")),
            "vectors": pack_vectors(self.vectors),
        }

    @classmethod
    def from_metadata(cls, id_: str, meta: dict[str, Any]) -> SentenceBlock:
        """The block ``metadata`` wrote."""
        sentences = [(int(a), int(b), str(t)) for a, b, t in json.loads(str(meta["sentences"]))]
        return cls(id_, str(meta["source"]), sentences, unpack_vectors(str(meta["vectors"]), len(sentences)))


def spans_by_source(spans: list[tuple[str, int, int]]) -> dict[str, list[tuple[int, int]]]:
    """The (start, end) spans of each source, from (source, start, end) spans."""
    grouped: dict[str, list[tuple[int, int]]] = {}
    for source, start, end in spans:
        grouped.setdefault(source, []).append((start, end))
    return grouped


def make_client(settings: Settings, *, create: bool) -> Any:
    """A Chroma client: ``HttpClient`` when ``chroma_url`` is set, else ``PersistentClient`` on ``index_dir``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        try:
            client = chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or 8000,
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
            client.heartbeat()
        except Exception as exc:  # chromadb raises several types for a server that is not there
            raise StoreUnavailableError(
                f"Cannot reach the Chroma server at {mask_url(settings.chroma_url)}. Start it with: "
                f"chroma run --path DIR --host HOST --port PORT (or unset QA_CHROMA_URL)"
            ) from exc
        return client
    path = Path(settings.index_dir)
    if not create and not index_present(settings):
        raise IndexMissingError(str(path))
    path.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:
        _forget_clients()  # chromadb caches a client per path, also a broken one
        raise IndexCorruptError(str(path), type(exc).__name__) from exc


def index_present(settings: Settings) -> bool:
    """Whether there is an index to open: a Chroma server is configured, or the index folder holds one."""
    return bool(settings.chroma_url) or (Path(settings.index_dir) / "chroma.sqlite3").is_file()


def _forget_clients() -> None:
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def _is_chroma_file(path: Path) -> bool:
    """Files and folders a Chroma PersistentClient writes: chroma.sqlite3* and UUID-named segment folders."""
    if path.name.startswith("chroma.sqlite3"):
        return True
    return path.is_dir() and len(path.name) == 36 and path.name.count("-") == 4


@dataclass
class FileRecord:
    """What the index knows of one file."""

    source: str
    sha256: str
    title: str
    chunk_ids: list[str]
    # [[block id, first offset, last offset], ...]: the file's sentence blocks and the span each covers. A
    # question reads the blocks of a passage by id, fast at any size, rather than by a metadata filter
    # (Chroma scans: 140 ms at a million sentences).
    blocks: list[tuple[str, int, int]] = field(default_factory=list)


def _record_metadata(record: FileRecord) -> dict[str, str]:
    return {
        "source": record.source,
        "sha256": record.sha256,
        "title": record.title,
        "chunk_ids": json.dumps(record.chunk_ids),
        "blocks": json.dumps(record.blocks, separators=(",", ":")),
    }


def _record(meta: dict[str, Any]) -> FileRecord:
    return FileRecord(
        str(meta["source"]),
        str(meta["sha256"]),
        str(meta["title"]),
        json.loads(str(meta["chunk_ids"])),
        [(str(i), int(a), int(b)) for i, a, b in json.loads(str(meta.get("blocks", "[]")))],
    )


class Store:
    """The three collections of one index, and the small operations the rest of qa needs on them."""

    def __init__(self, settings: Settings, embedding: str, *, create: bool = False) -> None:
        self.settings = settings
        self.embedding = embedding
        self.where = mask_url(settings.chroma_url) if settings.chroma_url else str(settings.index_dir)
        self._max_batch: int | None = None
        # each file's sha256 and sentence blocks as the search cache saved them (``qa.search_cache``), or None:
        # read from the files collection at each question (one Chroma read fewer when set)
        self.block_lists: Mapping[str, tuple[str, list[tuple[str, int, int]]]] | None = None
        self.client = make_client(settings, create=create)
        self.name = settings.collection
        try:
            if create:
                self.chunks = self._collection(self.name, create=True)
            else:
                self.chunks = self.client.get_collection(self.name)
        except (IndexMissingError, EmbeddingMismatchError):
            raise
        except Exception as exc:
            if not create and "does not exist" in str(exc).lower():
                raise IndexMissingError(self.where) from exc
            raise IndexCorruptError(self.where, str(exc).splitlines()[0][:120]) from exc
        built_with = (self.chunks.metadata or {}).get("embedding")
        schema = (self.chunks.metadata or {}).get("qa_schema")
        if built_with is None or schema is None:
            raise IndexCorruptError(self.where, f"collection '{self.name}' was not written by qa")
        if schema != SCHEMA:
            raise IndexFormatError(self.where, f"written by another version of qa, format {schema}, not {SCHEMA}")
        if built_with != embedding:
            raise EmbeddingMismatchError(built_with, embedding)
        self.sentences = self._collection(f"{self.name}_sentences", create=create, hnsw=LOOKUP_HNSW)
        self.files = self._collection(f"{self.name}_files", create=create, hnsw=LOOKUP_HNSW)

    def _collection(self, name: str, *, create: bool, hnsw: dict[str, Any] | None = None) -> Any:
        if not create:
            try:
                return self.client.get_collection(name)
            except Exception as exc:
                raise IndexCorruptError(self.where, f"collection '{name}' is missing") from exc
        return self.client.get_or_create_collection(
            name,
            embedding_function=None,
            configuration={"hnsw": hnsw or {"space": "cosine"}},
            metadata={"embedding": self.embedding, "qa_schema": SCHEMA, "updated": time.time()},
        )

    # --- files -------------------------------------------------------------------------------------------
    def file_records(self) -> dict[str, FileRecord]:
        """Every indexed file, by source."""
        got = self.files.get(include=["metadatas"])
        return {str(meta["source"]): _record(meta) for meta in got["metadatas"] or []}

    def put_file(self, record: FileRecord) -> None:
        """Record a file as fully indexed (called after its chunks and sentences are stored)."""
        self.put_files([record])

    def put_files(self, records: list[FileRecord]) -> None:
        """Record several files as fully indexed, in as few writes as Chroma allows."""
        for part in self.batches(records):
            self.files.upsert(
                ids=[r.source for r in part],
                embeddings=[PLACEHOLDER] * len(part),
                metadatas=[_record_metadata(r) for r in part],
            )

    def remove_file(self, source: str) -> None:
        """Drop a file's chunks, sentences and record."""
        self.remove_files([source])

    def remove_files(self, sources: list[str]) -> None:
        """Drop the chunks, sentences and records of several files (a few hundred per Chroma call)."""
        for i in range(0, len(sources), 500):
            part = sources[i : i + 500]
            where = {"source": part[0]} if len(part) == 1 else {"source": {"$in": part}}
            self.chunks.delete(where=where)
            self.sentences.delete(where=where)
            self.files.delete(ids=part)

    @property
    def max_batch(self) -> int:
        """The most records one Chroma write may carry (the embedded store: 5461; a server says its own)."""
        if self._max_batch is None:
            try:
                self._max_batch = max(1, int(self.client.get_max_batch_size()))
            except Exception:  # an older server without the endpoint
                self._max_batch = 1000
        return self._max_batch

    def batches(self, items: list[Any]) -> list[list[Any]]:
        """``items`` cut into pieces Chroma accepts in one write."""
        size = self.max_batch
        return [items[i : i + size] for i in range(0, len(items), size)]

    def put_blocks(self, blocks: list[SentenceBlock]) -> None:
        """Store sentence blocks (replacing blocks of the same ids)."""
        for part in self.batches(blocks):
            self.sentences.upsert(
                ids=[b.id for b in part],
                embeddings=[PLACEHOLDER] * len(part),  # the vectors go in the metadata (see PLACEHOLDER)
                metadatas=[b.metadata() for b in part],
            )

    def blocks(self, ids: list[str]) -> list[SentenceBlock]:
        """The stored sentence blocks of ``ids`` (those that exist), in no particular order."""
        out: list[SentenceBlock] = []
        for i in range(0, len(ids), 5000):
            got = self.sentences.get(ids=ids[i : i + 5000], include=["metadatas"])
            out += [SentenceBlock.from_metadata(j, m) for j, m in zip(got["ids"], got["metadatas"] or [], strict=True)]
        return out

    def sentences_in(
        self, spans: list[tuple[str, int, int]], versions: Mapping[str, str] | None = None
    ) -> list[dict[str, Any]]:
        """The stored sentences inside any of ``spans`` ((source, start, end): a sentence's start >= the span's
        start and its end <= the span's end), as {"text", "vector", "source", "start", "end"}, sorted by
        (source, start). ``versions`` (source -> sha256, as the retrieved chunks say) lets a file's list of
        blocks come from ``block_lists`` when it lists the same version.

        The file records list each file's sentence blocks with the offsets they cover, so this is a read of
        the blocks by id (after one of the file records, for files ``block_lists`` does not hold), which Chroma
        answers from its indexes in a few milliseconds at any corpus size.
        """
        wanted = spans_by_source(spans)
        if not wanted:
            return []
        lists, versions = self.block_lists or {}, versions or {}
        known = {
            source: listed[1]
            for source in wanted
            if (listed := lists.get(source)) is not None and listed[0] == versions.get(source)
        }
        if len(known) < len(wanted):  # no cache, or files indexed since it was made
            got = self.files.get(ids=sorted(set(wanted) - set(known)), include=["metadatas"])
            known |= {str(meta["source"]): _record(meta).blocks for meta in got["metadatas"] or []}
        block_ids = [
            block_id
            for source, blocks in known.items()
            for block_id, a, b in blocks
            if any(a < hi and b > lo for lo, hi in wanted[source])
        ]
        out = [
            {"text": text, "vector": block.vectors[row], "source": block.source, "start": a, "end": b}
            for block in self.blocks(block_ids)
            for row, (a, b, text) in enumerate(block.sentences)
            if any(a >= lo and b <= hi for lo, hi in wanted[block.source])
        ]
        return sorted(out, key=lambda r: (r["source"], r["start"]))

    def ids_by_source(self, collection: Any, sources: list[str]) -> dict[str, set[str]]:
        """The ids stored in ``collection`` for each of ``sources`` (one Chroma read per few hundred files)."""
        out: dict[str, set[str]] = {s: set() for s in sources}
        for i in range(0, len(sources), 500):
            part = sources[i : i + 500]
            where = {"source": part[0]} if len(part) == 1 else {"source": {"$in": part}}
            got = collection.get(where=where, include=["metadatas"])
            for id_, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
                out.setdefault(str(meta["source"]), set()).add(id_)
        return out

    def chunk_ids_of(self, source: str) -> set[str]:
        """Ids of the chunks stored for ``source`` (including leftovers of an interrupted run)."""
        return set(self.chunks.get(where={"source": source}, include=[])["ids"])

    def touch(self) -> None:
        """Mark the index as changed (retrievers compare this stamp to reload what they cache)."""
        meta = dict(self.chunks.metadata or {})
        meta["updated"] = time.time()
        self.chunks.modify(metadata=meta)

    @property
    def stamp(self) -> str:
        """A value that changes whenever the index content changes."""
        meta = self.chunks.metadata or {}
        return f"{meta.get('updated')}:{self.chunks.count()}"

    def fresh_stamp(self) -> str:
        """The stamp as the store holds it now (re-read through this store's client: no new connection)."""
        collection = self.client.get_collection(self.name)
        return f"{(collection.metadata or {}).get('updated')}:{collection.count()}"

    def cache_dir(self) -> Path:
        """Where files derived from this index are kept (the BM25 index, term statistics).

        Embedded: ``<index_dir>/qa-cache/<collection>``. Server mode: ``~/.cache/qa/search/<url+collection>``
        (``$XDG_CACHE_HOME`` if set), since the server's disk is not ours.
        """
        if not self.settings.chroma_url:
            return Path(self.settings.index_dir) / "qa-cache" / self.name
        import hashlib
        import os

        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "qa" / "search"
        key = hashlib.sha256(f"{self.settings.chroma_url.rstrip('/')}\0{self.name}".encode()).hexdigest()[:16]
        return base / f"{self.name}-{key}"


def drop_index(settings: Settings) -> None:
    """Delete all of an index's collections (for ``qa index --rebuild``).

    An embedded index that Chroma cannot open at all is removed file by file: only the files Chroma
    itself writes, never anything else a user may keep in that folder.
    """
    try:
        client = make_client(settings, create=True)
    except IndexCorruptError:
        import shutil

        for item in Path(settings.index_dir).iterdir():
            if _is_chroma_file(item):
                shutil.rmtree(item) if item.is_dir() else item.unlink()
        client = make_client(settings, create=True)
    for suffix in ("", "_sentences", "_files"):
        with contextlib.suppress(Exception):  # the collection was not there: nothing to drop
            client.delete_collection(settings.collection + suffix)
