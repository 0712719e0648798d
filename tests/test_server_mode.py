"""Server mode: the same indexing and answering against a real ``chroma run`` server (QA_CHROMA_URL)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa import ask
from qa.errors import StoreUnavailableError
from qa.indexer import build_index
from qa.settings import Settings
from qa.store import Store

from .conftest import DEV_SET, ROOT, SEEDS, require

pytestmark = pytest.mark.integration

QUESTION = "How many points does the US peace plan have?"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _chroma_cli() -> str | None:
    beside = Path(sys.executable).parent / "chroma"
    return str(beside) if beside.exists() else shutil.which("chroma")


@pytest.fixture(scope="session")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Chroma server (``chroma run``) on a free loopback port, for the whole session."""
    cli = _chroma_cli()
    require(cli is not None, "the chroma CLI (it comes with the chromadb package) is not installed")
    assert cli is not None
    path = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    log = open(path / "server.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [cli, "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"chroma run exited with {proc.returncode}: {(path / 'server.log').read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("chroma run did not answer its heartbeat within 60 s")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _server_settings(url: str, corpus: Path, **kw: object) -> Settings:
    """Settings for a collection of its own on the shared server."""
    return Settings(corpus_dir=corpus, chroma_url=url, collection=f"t{uuid.uuid4().hex[:12]}", **kw)  # type: ignore[arg-type]


def _qa(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("QA_") or k.startswith("QA_TEST_")}
    full.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "qa", *args], capture_output=True, text=True, cwd=ROOT, env=full, timeout=600
    )


def _qa_on_server(server: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    """``qa`` run on the seed articles indexed on the server (``server_real``)."""
    assert server.chroma_url is not None
    extra = ["--corpus", str(server.corpus_dir), "--chroma-url", server.chroma_url]
    return _qa(*args, *extra, env={"QA_COLLECTION": server.collection})


@pytest.fixture(scope="module")
def server_real(chroma_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The seed articles indexed on the server with the real default embedding model."""
    corpus = tmp_path_factory.mktemp("server-real") / "corpus"
    shutil.copytree(SEEDS, corpus)
    settings = _server_settings(chroma_url, corpus)
    report = build_index(settings)
    assert len(report.indexed) == 5
    return settings


def test_incremental_index_against_the_server(chroma_url: str, corpus: Path) -> None:
    settings = _server_settings(chroma_url, corpus, embedding="hash")
    first = build_index(settings)
    assert len(first.indexed) == 5 and first.chunks_embedded == first.total_chunks > 5

    again = build_index(settings)
    assert again.indexed == [] and again.unchanged == 5
    assert again.chunks_embedded == 0 and again.sentences_embedded == 0

    path = corpus / "002_34369f2f6595b0b6.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing paragraph about Kharkiv repairs.\n", "utf-8")
    changed = build_index(settings)
    assert changed.indexed == ["002_34369f2f6595b0b6.txt"]
    assert 0 < changed.chunks_embedded < first.total_chunks / 2

    (corpus / "000_ffe21b890d8911ed.txt").unlink()
    removed = build_index(settings)
    assert removed.removed == ["000_ffe21b890d8911ed.txt"] and removed.total_files == 4
    store = Store(settings, "hash-bow-384")
    assert not store.chunk_ids_of("000_ffe21b890d8911ed.txt")
    assert not store.ids_by_source(store.sentences, ["000_ffe21b890d8911ed.txt"])["000_ffe21b890d8911ed.txt"]

    a = ask("How many people were injured in the cluster munitions attack on Kharkiv?", settings=settings)
    assert a.grounded and a.citations[0].source == "002_34369f2f6595b0b6.txt"
    # the search cache of a server index lives in the user's cache folder, not on the server's disk
    assert Path(os.environ["HOME"], ".cache", "qa", "search").is_dir()

    rebuilt = build_index(settings, rebuild=True)
    assert len(rebuilt.indexed) == 4 and rebuilt.total_chunks == rebuilt.chunks_embedded


def test_ask_cites_the_right_file_against_the_server(server_real: Settings, real_index: Settings) -> None:
    a = ask(QUESTION, settings=server_real)
    assert a.grounded
    assert a.citations[0].source == "001_440f3e811b64d454.txt"
    assert "28-point" in a.citations[0].quote
    text = (server_real.corpus_dir / a.citations[0].source).read_text(encoding="utf-8")
    assert text[a.citations[0].start : a.citations[0].end] == a.citations[0].quote
    # the same answer as from the embedded store built from the same articles
    local = ask(QUESTION, settings=real_index)
    assert a.answer == local.answer
    assert [(c.source, c.start, c.end) for c in a.citations] == [(c.source, c.start, c.end) for c in local.citations]


def test_eval_cli_against_the_server(server_real: Settings) -> None:
    result = _qa_on_server(server_real, "eval", str(DEV_SET), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["totals"]["questions"] == sum(1 for line in DEV_SET.read_text().splitlines() if line.strip())
    assert report["totals"]["first_citation"] >= 0.8 and report["totals"]["grounded_right"] >= 0.8


def test_ask_cli_against_the_server(server_real: Settings) -> None:
    result = _qa_on_server(server_real, "ask", "--json", QUESTION)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["citations"][0]["source"] == "001_440f3e811b64d454.txt"


def test_server_down_is_one_clear_line(corpus: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}"  # nothing listens there
    with pytest.raises(StoreUnavailableError, match="Cannot reach the Chroma server"):
        ask(QUESTION, settings=Settings(corpus_dir=corpus, chroma_url=url, embedding="hash"))
    for command in (["ask", QUESTION], ["index"]):
        result = _qa(*command, "--corpus", str(corpus), "--chroma-url", url, "--embedding", "hash")
        assert result.returncode == 1
        assert result.stderr.startswith(f"error: Cannot reach the Chroma server at {url}.")
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
