"""Loading: decoding, skipping bad files, stable discovery."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qa.errors import CorpusError
from qa.load import decode, load_corpus


def test_decode_variants() -> None:
    text = "Café — “quoted” 28-point"
    assert decode(text.encode("utf-8")) == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert decode(text.encode("utf-16")) == text  # BOM written by the codec
    assert decode("Café crème".encode("latin-1")) == "Café crème"
    assert decode("“smart” quotes".encode("cp1252")) == "“smart” quotes"


def test_decode_rejects_binary() -> None:
    with pytest.raises(ValueError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00")


def test_load_corpus_skips_bad_files_and_keeps_good(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A real article about Geneva talks.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Notes\nMore text.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "big.txt").write_bytes(b"x" * 2_100_000)
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "inner.txt").write_text("Nested article.", encoding="utf-8")
    os.symlink(tmp_path, sub / "loop")  # a symlink loop must not hang or duplicate files

    result = load_corpus(tmp_path, max_file_mb=2)

    assert [f.source for f in result.files] == ["good.txt", "notes.md", "sub/inner.txt"]
    reasons = dict(result.skipped)
    assert reasons["empty.txt"] == "empty"
    assert reasons["image.txt"] == "binary file"
    assert "larger than 2 MB" in reasons["big.txt"]


def test_load_corpus_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="Corpus folder not found"):
        load_corpus(tmp_path / "nope")
