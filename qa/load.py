"""Load: find the article files of a corpus folder and decode them, skipping what cannot be read."""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from qa.errors import CorpusError

SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class SourceFile:
    """One decoded article. ``source`` is its path relative to the corpus folder, with forward slashes."""

    source: str
    path: Path
    text: str
    sha256: str


@dataclass
class LoadResult:
    """What loading a corpus found: the readable files and, per skipped file, why it was skipped."""

    files: list[SourceFile] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def decode(data: bytes) -> str:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16/32 with a BOM, else Windows-1252/latin-1.

    Raises ValueError for binary data (NUL bytes without a UTF-16/32 BOM).
    """
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec)
    if b"\x00" in data[:8192]:
        raise ValueError("binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_source(corpus_dir: Path, source: str) -> str:
    """The decoded text of one corpus file, as indexing saw it (used to verify citations)."""
    return decode((corpus_dir / source).read_bytes())


def iter_paths(corpus_dir: Path, unreadable: list[tuple[str, str]] | None = None) -> Iterator[Path]:
    """Article paths under ``corpus_dir`` in a stable order; hidden entries and symlink loops are skipped.

    Sub-folders that cannot be listed are appended to ``unreadable`` as ``("sub/", reason)``; a corpus folder
    that cannot be listed at all raises ``CorpusError`` (rather than looking empty, which would empty the index).
    """

    def failed(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else corpus_dir
        if where == corpus_dir:
            raise CorpusError(f"Cannot read the corpus folder {corpus_dir}: {exc.strerror or exc}.")
        if unreadable is not None:
            reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
            unreadable.append((where.relative_to(corpus_dir).as_posix() + "/", f"folder not readable ({reason})"))

    seen: set[tuple[int, int]] = set()
    for root, dirs, names in os.walk(corpus_dir, followlinks=True, onerror=failed):
        try:
            st = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:  # a symlink loop or a second link to a folder already walked
            dirs[:] = []
            continue
        seen.add(key)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                yield Path(root) / name


def load_file(corpus_dir: Path, path: Path, max_bytes: int) -> SourceFile:
    """Read and decode one file. Raises ValueError (with a short reason) or OSError when it cannot be used.

    Only regular files are read (a FIFO or device named ``*.txt`` would block or never end), and never more
    than ``max_bytes`` + 1 bytes, even if the file grows after it was measured.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # O_NONBLOCK: opening a FIFO must not hang
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise ValueError("not a regular file")
        too_big = ValueError(f"larger than {max_bytes / 1_000_000:g} MB")
        if st.st_size > max_bytes:
            raise too_big
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_big
    text = decode(data)
    if not text.strip():
        raise ValueError("empty")
    source = path.relative_to(corpus_dir).as_posix()
    return SourceFile(source=source, path=path, text=text, sha256=hashlib.sha256(data).hexdigest())


def load_corpus(corpus_dir: Path, max_file_mb: float = 20.0) -> LoadResult:
    """Load every readable .txt/.md file under ``corpus_dir``; unreadable ones land in ``skipped``."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"Corpus folder not found: {corpus_dir}. Point QA_CORPUS_DIR or --corpus at a folder.")
    result = LoadResult()
    max_bytes = int(max_file_mb * 1_000_000)
    for path in iter_paths(corpus_dir, result.skipped):
        rel = path.relative_to(corpus_dir).as_posix()
        try:
            result.files.append(load_file(corpus_dir, path, max_bytes))
        except FileNotFoundError:
            result.skipped.append((rel, "broken symbolic link" if path.is_symlink() else "vanished while indexing"))
        except PermissionError:
            result.skipped.append((rel, "permission denied"))
        except OSError as exc:
            result.skipped.append((rel, (exc.strerror or type(exc).__name__).lower()))
        except ValueError as exc:
            result.skipped.append((rel, str(exc) or type(exc).__name__))
    return result
