"""Indexing is incremental, removes what is gone, refuses mixed models, and survives interruption."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import ask
from qa.errors import EmbeddingMismatchError, IndexCorruptError, IndexMissingError
from qa.indexer import build_index
from qa.settings import Settings
from qa.store import Store


def test_incremental_runs(hash_settings: Settings) -> None:
    first = build_index(hash_settings)
    assert len(first.indexed) == 5 and first.chunks_embedded == first.total_chunks > 5

    again = build_index(hash_settings)
    assert again.indexed == [] and again.unchanged == 5 and again.chunks_embedded == 0
    assert again.total_chunks == first.total_chunks

    corpus = hash_settings.corpus_dir
    path = corpus / "002_34369f2f6595b0b6.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing paragraph about Kharkiv repairs.\n", "utf-8")
    changed = build_index(hash_settings)
    assert changed.indexed == ["002_34369f2f6595b0b6.txt"]
    # only the chunks whose text changed are embedded again, and of the sentences only the new one
    assert 0 < changed.chunks_embedded < first.total_chunks / 5
    assert changed.sentences_embedded == 1
    store = Store(hash_settings, "hash-bow-384")
    record = store.file_records()["002_34369f2f6595b0b6.txt"]
    stored = store.ids_by_source(store.sentences, ["002_34369f2f6595b0b6.txt"])["002_34369f2f6595b0b6.txt"]
    assert stored == {block_id for block_id, _, _ in record.blocks} and stored <= set(record.chunk_ids)
    text = path.read_text(encoding="utf-8")
    got = store.sentences_in([("002_34369f2f6595b0b6.txt", 0, len(text))])
    assert got[-1]["text"] == "A new closing paragraph about Kharkiv repairs."
    assert all(text[r["start"] : r["end"]] == r["text"] for r in got)

    (corpus / "000_ffe21b890d8911ed.txt").unlink()
    removed = build_index(hash_settings)
    assert removed.removed == ["000_ffe21b890d8911ed.txt"]
    store = Store(hash_settings, "hash-bow-384")
    assert not store.chunk_ids_of("000_ffe21b890d8911ed.txt")
    assert removed.total_files == 4


def test_a_new_sentence_splitting_processes_every_file_again_and_embeds_only_what_changed(
    hash_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import qa.indexer

    first = build_index(hash_settings)
    # a later qa splits sentences differently: its pipeline version differs from the one in the file records
    monkeypatch.setattr(qa.indexer, "PIPELINE_VERSION", qa.indexer.PIPELINE_VERSION + 1)
    again = build_index(hash_settings)
    assert len(again.indexed) == 5 and again.unchanged == 0
    assert again.chunks_embedded == 0 and again.sentences_embedded == 0  # same texts: vectors are reused
    assert again.total_chunks == first.total_chunks
    assert build_index(hash_settings).unchanged == 5  # and the new version is recorded


def test_rebuild_starts_over(hash_settings: Settings) -> None:
    build_index(hash_settings)
    report = build_index(hash_settings, rebuild=True)
    assert len(report.indexed) == 5 and report.total_chunks == report.chunks_embedded


def test_refuses_to_mix_embedding_models(hash_settings: Settings) -> None:
    build_index(hash_settings)
    other = hash_settings.model_copy(update={"embedding": "minilm-onnx"})
    with pytest.raises(EmbeddingMismatchError, match="qa index --rebuild"):
        build_index(other)
    with pytest.raises(EmbeddingMismatchError):
        ask("How many points does the peace plan have?", settings=other)


def test_interrupted_run_keeps_index_usable(hash_settings: Settings) -> None:
    build_index(hash_settings)
    before = ask("How many points does the US peace plan have?", settings=hash_settings)
    for path in sorted(hash_settings.corpus_dir.glob("*.txt")):
        path.write_text(path.read_text(encoding="utf-8") + "\nAn added line of text.\n", encoding="utf-8")

    def stop_after_first(done: int, total: int, source: str) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index(hash_settings, progress=stop_after_first)

    during = ask("How many points does the US peace plan have?", settings=hash_settings)
    assert during.grounded and during.citations[0].source == before.citations[0].source
    finished = build_index(hash_settings)
    assert len(finished.indexed) == 4  # the first file was completed before the interruption
    assert build_index(hash_settings).indexed == []


def test_missing_index_says_how_to_build(tmp_path: Path, corpus: Path) -> None:
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "none", embedding="hash")
    with pytest.raises(IndexMissingError, match="qa index"):
        ask("Who is Javed Ali?", settings=settings)


def test_corrupt_index_says_how_to_rebuild(tmp_path: Path, corpus: Path) -> None:
    index_dir = tmp_path / "bad"
    index_dir.mkdir()
    (index_dir / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    settings = Settings(corpus_dir=corpus, index_dir=index_dir, embedding="hash")
    with pytest.raises(IndexCorruptError, match="qa index --rebuild"):
        ask("Who is Javed Ali?", settings=settings)
    (index_dir / "my-notes.txt").write_text("not Chroma's: must survive a rebuild", encoding="utf-8")
    build_index(settings, rebuild=True)
    assert ask("Who is Javed Ali?", settings=settings).grounded
    assert (index_dir / "my-notes.txt").exists()
