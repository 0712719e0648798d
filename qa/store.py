"""Store: the Chroma collections that hold an index, embedded on disk or on a Chroma server.

Three collections per index: ``<name>`` (chunks, through llama-index's ``ChromaVectorStore``),
``<name>_sentences`` (one vector per sentence, for evidence scoring) and ``<name>_files`` (one record per
indexed file: its sha256 and chunk ids; written last, so an interrupted run is finished by the next one).
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from qa.errors import EmbeddingMismatchError, IndexCorruptError, IndexMissingError, StoreUnavailableError
from qa.settings import Settings

SCHEMA = 1
_DUMMY = [0.0]  # the files collection holds records, not vectors; Chroma still wants one per record


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
                f"Cannot reach the Chroma server at {settings.chroma_url}. Start it with: "
                f"chroma run --path DIR --host HOST --port PORT (or unset QA_CHROMA_URL)"
            ) from exc
        return client
    path = Path(settings.index_dir)
    if not create and not (path / "chroma.sqlite3").is_file():
        raise IndexMissingError(str(path))
    path.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:
        _forget_clients()  # chromadb caches a client per path, also a broken one
        raise IndexCorruptError(str(path), type(exc).__name__) from exc


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


class Store:
    """The three collections of one index, and the small operations the rest of qa needs on them."""

    def __init__(self, settings: Settings, embedding: str, *, create: bool = False) -> None:
        self.settings = settings
        self.embedding = embedding
        self.where = settings.chroma_url or str(settings.index_dir)
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
        if built_with is None or (self.chunks.metadata or {}).get("qa_schema") != SCHEMA:
            raise IndexCorruptError(self.where, f"collection '{self.name}' was not written by qa")
        if built_with != embedding:
            raise EmbeddingMismatchError(built_with, embedding)
        self.sentences = self._collection(f"{self.name}_sentences", create=create)
        self.files = self._collection(f"{self.name}_files", create=create)

    def _collection(self, name: str, *, create: bool) -> Any:
        if not create:
            try:
                return self.client.get_collection(name)
            except Exception as exc:
                raise IndexCorruptError(self.where, f"collection '{name}' is missing") from exc
        return self.client.get_or_create_collection(
            name,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"embedding": self.embedding, "qa_schema": SCHEMA, "updated": time.time()},
        )

    # --- files -------------------------------------------------------------------------------------------
    def file_records(self) -> dict[str, FileRecord]:
        """Every indexed file, by source."""
        got = self.files.get(include=["metadatas"])
        out = {}
        for meta in got["metadatas"] or []:
            out[str(meta["source"])] = FileRecord(
                str(meta["source"]), str(meta["sha256"]), str(meta["title"]), json.loads(str(meta["chunk_ids"]))
            )
        return out

    def put_file(self, record: FileRecord) -> None:
        """Record a file as fully indexed (called after its chunks and sentences are stored)."""
        meta = {
            "source": record.source,
            "sha256": record.sha256,
            "title": record.title,
            "chunk_ids": json.dumps(record.chunk_ids),
        }
        self.files.upsert(ids=[record.source], embeddings=[_DUMMY], metadatas=[meta])

    def remove_file(self, source: str) -> None:
        """Drop a file's chunks, sentences and record."""
        self.chunks.delete(where={"source": source})
        self.sentences.delete(where={"source": source})
        self.files.delete(ids=[source])

    def chunk_ids_of(self, source: str) -> set[str]:
        """Ids of the chunks stored for ``source`` (including leftovers of an interrupted run)."""
        return set(self.chunks.get(where={"source": source}, include=[])["ids"])

    def existing_ids(self, collection: Any, ids: list[str]) -> set[str]:
        """Which of ``ids`` are already stored in ``collection``."""
        found: set[str] = set()
        for i in range(0, len(ids), 5000):
            found.update(collection.get(ids=ids[i : i + 5000], include=[])["ids"])
        return found

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
