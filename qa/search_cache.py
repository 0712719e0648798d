"""Search cache: the BM25 index and the term statistics of an index, kept on disk and rebuilt when it changes.

Both are computed from every chunk, which takes long at 100k chunks and holds every chunk in memory; a
question needs neither in full. So they are built once per index state (``Store.stamp``) and saved: the
BM25 index with bm25s (memory-mapped when loaded), the chunks' nodes as JSON lines read one line at a time
(with the chunk ids in the same order), the statistics as JSON.
Embedded stores keep them in ``<index_dir>/qa-cache/<collection>/``, server stores in ``~/.cache/qa/search``
(see ``Store.cache_dir``). The indexer refreshes them after a change; a searcher that finds them stale
(another machine indexed, or an older qa) rebuilds them. Answers are the same as from an in-memory build:
the same nodes in the same order, the same BM25 parameters and stemmer.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qa.retrieve import TOKEN_PATTERN, ChunkTable, CorpusStats
from qa.store import Store
from qa.text import FoldingStemmer, content_terms
from qa.truecase import CaseCounts, CaseForms

if TYPE_CHECKING:
    import bm25s

log = logging.getLogger(__name__)

VERSION = 10  # bump when what is cached (or how BM25 tokenizes) changes
PAGE = 2000  # chunks read from Chroma per call while building


@dataclass
class SearchData:
    """What the searcher needs besides Chroma: BM25 over the chunks, their nodes, term statistics."""

    bm25: bm25s.BM25 | None
    chunks: ChunkTable
    stats: CorpusStats
    case: CaseForms
    where: Path | None = None  # the cache folder it came from (None: built in memory)
    block_lists: Mapping[str, tuple[str, list[tuple[str, int, int]]]] | None = None  # see Store.block_lists


class SourceTerms(Mapping[str, set[str]]):
    """The content terms of each source, read from the cache's SQLite file one source at a time."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._loaded: dict[str, set[str]] = {}
        self._complete = False
        self._lock = threading.Lock()
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def __getitem__(self, source: str) -> set[str]:
        with self._lock:
            if source not in self._loaded:
                if self._complete:
                    raise KeyError(source)
                row = self._db.execute("SELECT terms FROM source_terms WHERE source = ?", (source,)).fetchone()
                if row is None:
                    raise KeyError(source)
                self._loaded[source] = set(row[0].split("\n")) - {""}
            return self._loaded[source]

    def _load_all(self) -> None:
        with self._lock:
            if not self._complete:
                for source, terms in self._db.execute("SELECT source, terms FROM source_terms ORDER BY rowid"):
                    self._loaded.setdefault(source, set(terms.split("\n")) - {""})
                self._complete = True

    def __iter__(self) -> Iterator[str]:
        self._load_all()
        return iter(self._loaded)

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM source_terms").fetchone()[0])

    def items(self) -> Any:  # one read of every row, not one query per source
        self._load_all()
        return self._loaded.items()


class BlockLists(Mapping[str, tuple[str, list[tuple[str, int, int]]]]):
    """Each file's sha256 and sentence blocks ([block id, first offset, last offset], as its file record lists
    them), read from the cache's SQLite file one source at a time."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def __getitem__(self, source: str) -> tuple[str, list[tuple[str, int, int]]]:
        with self._lock:
            row = self._db.execute("SELECT sha256, blocks FROM block_lists WHERE source = ?", (source,)).fetchone()
        if row is None:
            raise KeyError(source)
        return str(row[0]), [(str(i), int(a), int(b)) for i, a, b in json.loads(row[1])]

    def __iter__(self) -> Iterator[str]:
        with self._lock:
            return iter([source for (source,) in self._db.execute("SELECT source FROM block_lists")])

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM block_lists").fetchone()[0])


def _write_block_lists(path: Path, store: Store) -> None:
    """Store every file record's list of sentence blocks."""
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE block_lists (source TEXT PRIMARY KEY, sha256 TEXT NOT NULL, blocks TEXT NOT NULL)")
    offset = 0
    while True:
        got = store.files.get(limit=PAGE, offset=offset, include=["metadatas"])
        if not got["ids"]:
            break
        rows = [(str(m["source"]), str(m["sha256"]), str(m.get("blocks", "[]"))) for m in got["metadatas"] or []]
        db.executemany("INSERT OR REPLACE INTO block_lists VALUES (?, ?, ?)", rows)
        offset += len(got["ids"])
    db.commit()
    db.close()


def _write_source_terms(path: Path, pairs: Iterator[tuple[str, set[str]]]) -> None:
    """Store each source's terms (chunks of a file normally come together; a source seen again is merged)."""
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE source_terms (source TEXT PRIMARY KEY, terms TEXT NOT NULL)")
    for source, terms in pairs:
        row = db.execute("SELECT terms FROM source_terms WHERE source = ?", (source,)).fetchone()
        if row is not None:
            terms = terms | set(row[0].split("\n"))
        db.execute("INSERT OR REPLACE INTO source_terms VALUES (?, ?)", (source, "\n".join(sorted(terms))))
    db.commit()
    db.close()


def _key(store: Store, stamp: str) -> str:
    return hashlib.sha256(f"{VERSION}\0{store.chunks.id}\0{stamp}".encode()).hexdigest()[:20]


def _iter_chunks(store: Store) -> Any:
    """(node, chunk text) for every chunk, in the collection's order (the order an unpaged ``get`` gives)."""
    from llama_index.core.schema import TextNode
    from llama_index.core.vector_stores.utils import metadata_dict_to_node

    offset = 0
    while True:
        got = store.chunks.get(limit=PAGE, offset=offset, include=["documents", "metadatas"])
        if not got["ids"]:
            return
        for text, meta in zip(got["documents"], got["metadatas"], strict=True):
            node = metadata_dict_to_node(meta, text=text)
            if isinstance(node, TextNode):
                yield node
        offset += len(got["ids"])


def _bm25_index(texts: list[str]) -> bm25s.BM25:
    """BM25 over ``texts`` as llama-index's ``BM25Retriever.from_defaults`` builds it (English stop words, the
    folding stemmer, its token pattern), without keeping the texts."""
    import bm25s

    tokens = bm25s.tokenize(
        texts, stopwords="en", stemmer=FoldingStemmer(), token_pattern=TOKEN_PATTERN, show_progress=False
    )
    bm25 = bm25s.BM25()
    bm25.index(tokens, show_progress=False)
    return bm25


def build(store: Store, folder: Path) -> int:
    """Compute the BM25 index and term statistics of ``store``'s chunks into ``folder``; returns the count."""
    import bm25s
    from llama_index.core.schema import MetadataMode
    from llama_index.core.vector_stores.utils import node_to_metadata_dict

    folder.mkdir(parents=True, exist_ok=True)
    texts: list[str] = []
    ids: list[str] = []
    df: Counter[str] = Counter()
    case = CaseCounts()
    corpus_path = folder / "corpus.jsonl"

    def per_source() -> Iterator[tuple[str, set[str]]]:
        current: str | None = None
        terms_of_current: set[str] = set()
        with open(corpus_path, "w", encoding="utf-8") as corpus:
            for node in _iter_chunks(store):
                # exactly what BM25Retriever(nodes=...) indexes and keeps for each node ...
                texts.append(node.get_content(metadata_mode=MetadataMode.EMBED))
                ids.append(node.node_id)
                corpus.write(json.dumps(node_to_metadata_dict(node) | {"node_id": node.node_id}, ensure_ascii=False))
                corpus.write("\n")
                # ... and what CorpusStats(texts, sources) counts
                terms = set(content_terms(node.text))
                df.update(terms)
                case.add(node.text)
                source = str(node.metadata.get("source", ""))
                if source != current:
                    if current is not None:
                        yield current, terms_of_current
                    current, terms_of_current = source, set()
                terms_of_current |= terms
        if current is not None:
            yield current, terms_of_current

    _write_source_terms(folder / "terms.sqlite", per_source())
    _write_block_lists(folder / "blocks.sqlite", store)
    n = len(texts)
    if n:
        bm25 = _bm25_index(texts)
        del texts
        bm25.save(str(folder / "bm25"), show_progress=False)
        corpus_file = folder / "bm25" / "corpus.jsonl"
        shutil.move(str(corpus_path), str(corpus_file))
        positions = bm25s.utils.corpus.find_newline_positions(corpus_file, show_progress=False)
        bm25s.utils.corpus.save_mmindex(positions, path=corpus_file)
    else:
        corpus_path.unlink()
    (folder / "stats.json").write_text(json.dumps({"n": n, "df": df, "case": case.forms().to_json()}), encoding="utf-8")
    (folder / "ids.json").write_text(json.dumps(ids), encoding="utf-8")
    (folder / "done.json").write_text(json.dumps({"version": VERSION, "chunks": n}), encoding="utf-8")
    return n


def _load(folder: Path) -> SearchData:
    import bm25s

    raw = json.loads((folder / "stats.json").read_text(encoding="utf-8"))
    stats = CorpusStats.from_counts(int(raw["n"]), raw["df"], SourceTerms(folder / "terms.sqlite"))
    ids = json.loads((folder / "ids.json").read_text(encoding="utf-8"))
    if len(ids) != int(raw["n"]):
        raise ValueError(f"{len(ids)} chunk ids for {raw['n']} chunks")
    bm25 = None
    rows: Any = []
    if ids:
        bm25 = bm25s.BM25.load(str(folder / "bm25"), mmap=True)
        rows = bm25s.utils.corpus.JsonlCorpus(str(folder / "bm25" / "corpus.jsonl"), show_progress=False)
    case = CaseForms.from_json(raw["case"])
    return SearchData(bm25, ChunkTable(ids, rows), stats, case, folder, BlockLists(folder / "blocks.sqlite"))


def refresh(store: Store, stamp: str | None = None) -> Path | None:
    """Make sure the cache for the store's current state exists (build it if not); drop older states.

    Returns the folder, or None when the cache folder cannot be written (then searchers build in memory).
    """
    stamp = stamp or store.stamp
    base = store.cache_dir()
    target = base / _key(store, stamp)
    if (target / "done.json").is_file():
        return target
    try:
        base.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".build-", dir=base))
    except OSError as exc:
        log.warning("cannot write the search cache in %s (%s): building it in memory", base, exc)
        return None
    try:
        build(store, work)
        work.chmod(0o755)  # mkdtemp made it private; the index folder's other readers need it too
        try:
            os.rename(work, target)
        except OSError:  # another process finished the same state first
            shutil.rmtree(work, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    for old in base.iterdir():  # earlier states (open memory maps of other processes stay valid)
        if old.name != target.name and not old.name.startswith(".build-"):
            shutil.rmtree(old, ignore_errors=True)
    return target


def load(store: Store, stamp: str | None = None) -> SearchData:
    """The search data of ``store`` as it is at ``stamp``: from the cache, built first when missing."""
    folder = refresh(store, stamp)
    if folder is not None:
        try:
            return _load(folder)
        except (OSError, ValueError, KeyError, sqlite3.Error) as exc:  # a damaged cache: rebuild it once
            log.warning("search cache in %s unreadable (%s): rebuilding", folder, exc)
            shutil.rmtree(folder, ignore_errors=True)
            folder = refresh(store, stamp)
            if folder is not None:
                return _load(folder)
    nodes = list(_iter_chunks(store))
    stats = CorpusStats([n.text for n in nodes], [str(n.metadata.get("source", "")) for n in nodes])
    bm25 = None
    if nodes:
        from llama_index.core.schema import MetadataMode

        bm25 = _bm25_index([node.get_content(metadata_mode=MetadataMode.EMBED) for node in nodes])
    case = CaseCounts()
    for node in nodes:
        case.add(node.text)
    return SearchData(bm25, ChunkTable([n.node_id for n in nodes], nodes), stats, case.forms())
