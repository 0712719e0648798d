"""Reliability: bad files, bad questions, foreign or broken indexes, a Chroma server or an LLM server that goes away,
and secrets. Everything is real (files, Chroma, HTTP servers on 127.0.0.1); faults are made, not mocked.

Further parts of the suite: ``test_reliability_kill.py`` (``qa index`` killed with SIGKILL, repeatedly) and
``test_reliability_app.py`` (20 concurrent chat sessions, indexing while serving, hostile documents, auth).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

import qa
import qa.load
from qa.cli import main as qa_main
from qa.errors import LLMError, QuestionError, StoreUnavailableError
from qa.indexer import build_index
from qa.load import load_corpus
from qa.settings import Settings, mask_url
from tests.conftest import SEEDS, require
from tests.reliability_fixtures import (
    FakeLLM,
    chroma_server,
    cite_passage,
    cli_env,
    free_port,
    one_error_line,
    qa_cmd,
    report,
)

PLAN_Q = "How many points does the US peace plan have?"
PLAN_FILE = "001_440f3e811b64d454.txt"
SECRET_KEY = "sk-reliability-SECRET-0123456789abcdef"


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The seed articles indexed once with the hash embedding (fast, deterministic) for this module."""
    base = tmp_path_factory.mktemp("seed-index")
    corpus = base / "corpus"
    shutil.copytree(SEEDS, corpus)
    settings = Settings(corpus_dir=corpus, index_dir=base / "index", embedding="hash")
    qa.index(settings)
    return settings


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``qa ARGS`` through the console script's entry point, in this process: (exit code, stdout, stderr)."""
    code = qa_main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def error_line(code: int, err: str) -> str:
    """The one ``error: ...`` line of a failed command (asserts: exit 1, one line, no traceback)."""
    assert code == 1, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    return lines[0]


# --- bad files ------------------------------------------------------------------------------------------------

LATIN1_TEXT = "Le café Zébulon à Genève sert un crème brûlée à 7 francs.\nLe propriétaire s'appelle Anaïs Dufresne.\n"
UTF16_TEXT = "Die Brücke über die Aare in Thun wurde 1887 gebaut.\nIhr Architekt hieß Jörg Mühlemann.\n"


def _bad_corpus(folder: Path) -> dict[str, str]:
    """Two seed articles, two articles in other encodings, and every kind of bad file; returns name -> reason."""
    folder.mkdir()
    for name in ("000_ffe21b890d8911ed.txt", PLAN_FILE):
        shutil.copy(SEEDS / name, folder / name)
    (folder / "latin1.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    (folder / "utf16.md").write_bytes(UTF16_TEXT.encode("utf-16"))  # with a BOM
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text(" \n\t\n", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    with (folder / "huge.txt").open("wb") as out:  # 50 MB of real text
        line = b"The harbour master counted the boats again and wrote the number in his ledger.\n"
        out.write(line * (50_000_000 // len(line) + 1))
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    (folder / "self.txt").symlink_to("self.txt")  # a symlink to itself
    (folder / "dangling.md").symlink_to("nowhere.md")
    sub = folder / "sub"
    sub.mkdir()
    (sub / "loop").symlink_to(folder)  # a symlink loop back to the corpus
    (folder / "locked.txt").write_text("A locked article about the lighthouse keeper Ilse Brandt.\n", encoding="utf-8")
    (folder / "locked.txt").chmod(0)
    shut = folder / "shut"
    shut.mkdir()
    (shut / "inner.txt").write_text("An article in a folder nobody may list.\n", encoding="utf-8")
    shut.chmod(0)
    return {
        "blank.md": "empty",
        "dangling.md": "broken symbolic link",
        "empty.txt": "empty",
        "huge.txt": "larger than 20 MB",
        "image.txt": "binary file",
        "locked.txt": "permission denied",
        "pipe.txt": "not a regular file",
        "self.txt": "too many levels of symbolic links",
        "shut/": "folder not readable (permission denied)",
    }


def _without_file_permissions_bypass() -> list[str]:
    """A command prefix under which permission bits apply: root normally ignores them (CAP_DAC_OVERRIDE),
    so drop those capabilities with ``setpriv``; a non-root user needs nothing."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    require(setpriv is not None, "setpriv (util-linux) is needed to run qa without root's file-permission bypass")
    assert setpriv is not None
    drop = "-dac_override,-dac_read_search"
    return [setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}"]


def test_bad_files_are_skipped_with_one_warning_each_and_the_rest_is_indexed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    expected = _bad_corpus(corpus)
    index_dir = tmp_path / "index"
    common = ["--corpus", str(corpus), "--index", str(index_dir), "--embedding", "hash"]

    def index_unprivileged() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            _without_file_permissions_bypass() + qa_cmd("index", *common),
            capture_output=True,
            text=True,
            env=cli_env(),
            timeout=120,
            check=False,
        )

    try:
        result = index_unprivileged()
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        warnings = sorted(line for line in result.stderr.splitlines() if line.startswith("warning: "))
        assert warnings == sorted(f"warning: skipped {name}: {reason}" for name, reason in expected.items())
        assert result.stdout.startswith(f"indexed 4, unchanged 0, removed 0, skipped {len(expected)} files;")

        # The locked file becomes readable, a good file goes: the next run reports both.
        (corpus / "locked.txt").chmod(0o644)
        (corpus / "000_ffe21b890d8911ed.txt").unlink()
        code_out = index_unprivileged()
        assert code_out.stdout.startswith(f"indexed 1, unchanged 3, removed 1, skipped {len(expected) - 1} files;")

        # A corpus folder that cannot be listed is an error, not an empty corpus (which would empty the index).
        corpus.chmod(0)
        unlisted = index_unprivileged()
        assert one_error_line(unlisted) == f"error: Cannot read the corpus folder {corpus}: Permission denied."
    finally:
        corpus.chmod(0o755)
        (corpus / "shut").chmod(0o755)

    settings = Settings(corpus_dir=corpus, index_dir=index_dir, embedding="hash")
    latin = qa.ask("How much does the crème brûlée cost at café Zébulon?", settings=settings)
    assert latin.citations[0].source == "latin1.txt"
    assert latin.citations[0].quote == LATIN1_TEXT.splitlines()[0]  # decoded right, verified against the file
    german = qa.ask("Wann wurde die Brücke über die Aare gebaut?", settings=settings)
    assert german.citations[0].source == "utf16.md" and german.citations[0].quote == UTF16_TEXT.splitlines()[0]
    assert qa.ask("Who is the lighthouse keeper?", settings=settings).citations[0].source == "locked.txt"
    assert qa.status(settings)["files"] == 4  # nothing was lost while the corpus folder could not be read


def test_a_file_vanishing_between_listing_and_reading_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    victim = corpus / "004_47ae796b9c5a7c90.txt"
    real_load_file = qa.load.load_file

    def load_file_while_another_is_deleted(corpus_dir: Path, path: Path, max_bytes: int) -> qa.load.SourceFile:
        victim.unlink(missing_ok=True)  # another program deletes a listed file while the first one is read
        return real_load_file(corpus_dir, path, max_bytes)

    monkeypatch.setattr(qa.load, "load_file", load_file_while_another_is_deleted)
    loaded = load_corpus(corpus)
    assert loaded.skipped == [("004_47ae796b9c5a7c90.txt", "vanished while indexing")]
    assert len(loaded.files) == 4


def test_files_changed_or_deleted_during_indexing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedding="hash")
    plan = corpus / PLAN_FILE
    original = plan.read_text(encoding="utf-8")
    rewritten = original.replace("28-point peace plan", "19-point peace plan")
    gone = corpus / "004_47ae796b9c5a7c90.txt"
    events: list[str] = []

    def meddle(done: int, total: int, source: str) -> None:  # runs while the index is being written
        if done == 1:
            plan.write_text(rewritten, encoding="utf-8")
            gone.unlink()
            events.append(source)

    first = build_index(settings, progress=meddle)
    assert events and len(first.indexed) == 5  # the run finishes with what it read

    # Between runs: the index holds the old text of the plan, the file holds the new one. Citations are checked
    # against the file as it is now, so the stale "28-point" sentence is never quoted.
    answer = qa.ask(PLAN_Q, settings=settings)
    assert all("28-point" not in c.quote for c in answer.citations)
    assert all(c.source != gone.name for c in answer.citations)

    second = build_index(settings)
    assert second.indexed == [PLAN_FILE] and second.removed == [gone.name]
    after = qa.ask(PLAN_Q, settings=settings)
    assert after.grounded and after.citations[0].source == PLAN_FILE and "19-point" in after.citations[0].quote


# --- bad questions ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "The question is empty"),
        (" \t\n\u3000\u200b ", "The question is empty"),
        ("?!?... ¿¡ --- ***", "The question has no words"),
        ("🙂🙂🙂 👍", "The question has no words"),
        ("\x00\x07\x1b[31m\x1b[0m", "The question is empty"),
        ("<script>alert('Who is Javed Ali?')</script><br/>", "The question is empty"),
        ("why " * 25_000, "99999 characters long; the limit is 2000"),
    ],
)
def test_unusable_questions_get_a_clear_message(seed_index: Settings, question: str, message: str) -> None:
    with pytest.raises(QuestionError, match=message.replace("?", r"\?")) as err:
        qa.ask(question, settings=seed_index)
    assert len(str(err.value).splitlines()) == 1


def test_control_characters_and_terminal_colours_do_not_change_the_answer(seed_index: Settings) -> None:
    clean = qa.ask(PLAN_Q, settings=seed_index)
    assert clean.grounded and clean.citations[0].source == PLAN_FILE
    noisy = "\x1b[1mHow many points\x00 does the\x1b[31m US peace\u200b plan\t\thave?\x1b[0m\x07"
    answer = qa.ask(noisy, settings=seed_index)
    assert answer.answer == clean.answer and answer.question == noisy
    lone_surrogate = "\ud800" + PLAN_Q
    assert qa.ask(lone_surrogate, settings=seed_index).answer == clean.answer


def test_markup_pasted_with_a_question_is_not_asked_about(seed_index: Settings) -> None:
    clean = qa.ask("Who is Javed Ali?", settings=seed_index)
    assert clean.grounded and "former counterterrorism official" in clean.answer
    for noisy in ("<script>alert(1)</script> Who is Javed Ali?", "Who is <b>Javed Ali</b>?<!-- 7 -->"):
        answer = qa.ask(noisy, settings=seed_index)
        assert answer.answer == clean.answer and answer.question == noisy


@pytest.mark.parametrize(
    "question",
    [
        "Сколько пунктов в мирном плане США?",
        "美国和平计划有多少点？",
        "كم عدد نقاط خطة السلام الأمريكية؟",
        "Combien de points compte le plan de paix américain ?",
        "¿Quién es Javed Ali?",
    ],
)
def test_non_english_questions_get_an_answer_not_an_error(seed_index: Settings, question: str) -> None:
    answer = qa.ask(question, settings=seed_index)
    assert answer.answer.strip()
    if not answer.grounded:
        assert answer.answer.startswith("The articles don't say") and answer.citations == []


def test_longest_allowed_question_is_answered_quickly(seed_index: Settings) -> None:
    question = ("How many points does the US peace plan have? " * 50)[:2000]
    answer = qa.ask(question, settings=seed_index)
    assert answer.grounded and answer.citations[0].source == PLAN_FILE
    assert answer.latency_ms < 5_000


def test_llm_never_gets_an_oversized_prompt(seed_index: Settings) -> None:
    from qa.llm_answer import count_tokens

    fake = FakeLLM(reply=lambda user: cite_passage(user, "28-point", "The US peace plan has 28 points.")).start()
    try:
        settings = seed_index.model_copy(update={"openai_base_url": fake.base_url, "llm_model": "fake"})
        with pytest.raises(QuestionError, match="limit is 2000"):
            qa.ask("why " * 25_000, settings=settings, mode="llm")
        assert fake.requests == []  # refused before any LLM call

        longest = ("How many points does the US peace plan have? " * 50)[:2000]
        answer = qa.ask(longest, settings=settings, mode="llm")
        assert answer.mode == "llm" and answer.grounded and answer.citations[0].source == PLAN_FILE
        assert len(fake.requests) == 1
        messages = fake.requests[0]["body"]["messages"]
        user = next(m["content"] for m in messages if m["role"] == "user")
        framing = 120  # "Passages (quoted data ...)", "Question:", the closing instruction
        assert count_tokens(user) <= settings.context_tokens + count_tokens(longest) + framing
        report("llm prompt bound", user_tokens=count_tokens(user), budget=settings.context_tokens)
    finally:
        fake.stop()


# --- foreign and broken index folders --------------------------------------------------------------------------


def test_folder_of_unrelated_files_as_index(capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path) -> None:
    index_dir = tmp_path / "mine"
    (index_dir / "photos").mkdir(parents=True)
    (index_dir / "notes.txt").write_text("my notes", encoding="utf-8")
    (index_dir / "photos" / "cat.jpg").write_bytes(b"\xff\xd8\xff")
    common = ["--corpus", str(corpus), "--index", str(index_dir), "--embedding", "hash"]

    code, _, err = run_cli(capsys, "ask", PLAN_Q, *common)
    assert error_line(code, err) == f"error: No index at {index_dir}. Build it with: qa index"
    code, out, _ = run_cli(capsys, "index", "--rebuild", *common)
    assert code == 0 and out.startswith("indexed 5,")
    code, out, _ = run_cli(capsys, "ask", PLAN_Q, *common)
    assert code == 0 and f"[1] {PLAN_FILE}" in out
    assert (index_dir / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert (index_dir / "photos" / "cat.jpg").exists()


def test_chroma_db_of_another_application(capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path) -> None:
    import chromadb

    index_dir = tmp_path / "theirs"
    theirs = chromadb.PersistentClient(path=str(index_dir))
    theirs.create_collection("recipes").add(ids=["r1"], documents=["soup"], embeddings=np.array([[0.1, 0.2, 0.3]]))
    theirs.create_collection("qa_chunks").add(ids=["x"], documents=["not qa's"], embeddings=np.array([[0.5, 0.5]]))
    common = ["--corpus", str(corpus), "--index", str(index_dir), "--embedding", "hash"]

    code, _, err = run_cli(capsys, "ask", PLAN_Q, *common)
    assert error_line(code, err).endswith("was not written by qa). Rebuild it with: qa index --rebuild")
    code, _, err = run_cli(capsys, "index", *common)  # an update refuses too: it would mix with foreign data
    assert "qa index --rebuild" in error_line(code, err)

    code, out, err = run_cli(capsys, "index", "--rebuild", *common)
    assert code == 0 and out.startswith("indexed 5,"), err
    code, out, _ = run_cli(capsys, "ask", PLAN_Q, *common)
    assert code == 0 and f"[1] {PLAN_FILE}" in out
    recipes = chromadb.PersistentClient(path=str(index_dir)).get_collection("recipes")
    assert recipes.get(ids=["r1"])["documents"] == ["soup"]  # the other application's data is untouched


def test_index_path_that_is_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, corpus: Path) -> None:
    not_a_folder = tmp_path / "index"
    not_a_folder.write_text("a file where the index folder should be", encoding="utf-8")
    common = ["--corpus", str(corpus), "--index", str(not_a_folder), "--embedding", "hash"]
    code, _, err = run_cli(capsys, "ask", PLAN_Q, *common)
    assert str(not_a_folder) in error_line(code, err)
    code, _, err = run_cli(capsys, "index", *common)
    assert str(not_a_folder) in error_line(code, err)
    assert not_a_folder.read_text(encoding="utf-8").startswith("a file")


# --- a Chroma server that goes away ----------------------------------------------------------------------------


@pytest.fixture
def chroma(tmp_path: Path) -> Iterator[object]:
    require(shutil.which("chroma", path=str(Path(sys.executable).parent)) is not None, "the chroma CLI is missing")
    with chroma_server(tmp_path / "chroma-data") as server:
        yield server


@pytest.mark.integration
def test_chroma_server_down_then_back(chroma: object, corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.reliability_fixtures import ChromaServer

    assert isinstance(chroma, ChromaServer)
    settings = Settings(corpus_dir=corpus, chroma_url=chroma.url, embedding="hash")
    qa.index(settings)
    assert qa.ask(PLAN_Q, settings=settings).citations[0].source == PLAN_FILE

    chroma.stop()  # the server dies mid-session
    for _ in range(2):  # at once (the cached searcher's connection) and after the periodic re-check
        with pytest.raises(StoreUnavailableError) as err:
            qa.ask(PLAN_Q, settings=settings)
        message = str(err.value)
        assert chroma.url in message and "chroma run" in message and len(message.splitlines()) == 1
    code, _, err_text = run_cli(
        capsys, "index", "--corpus", str(corpus), "--chroma-url", chroma.url, "--embedding", "hash"
    )
    assert chroma.url in error_line(code, err_text)

    chroma.start()  # back on the same port and data: the same process answers again, nothing restarted
    answer = qa.ask(PLAN_Q, settings=settings)
    assert answer.grounded and answer.citations[0].source == PLAN_FILE

    chroma.stop()  # a quick restart between two questions goes unnoticed
    chroma.start()
    assert qa.ask(PLAN_Q, settings=settings).citations[0].source == PLAN_FILE


def test_chroma_url_password_is_masked_in_settings(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"http://admin:{SECRET_KEY}@127.0.0.1:8000"
    code, out, _ = run_cli(capsys, "settings", "--chroma-url", url)
    assert code == 0 and SECRET_KEY not in out and "chroma_url = http://admin:****@127.0.0.1:8000" in out


def test_chroma_url_password_is_masked_in_errors(corpus: Path) -> None:
    url = f"http://admin:{SECRET_KEY}@127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailableError) as err:
        qa.ask(PLAN_Q, settings=Settings(corpus_dir=corpus, chroma_url=url, embedding="hash"))
    assert SECRET_KEY not in str(err.value) and mask_url(url) in str(err.value)


# --- an LLM server that is down, slow, or refuses the key ------------------------------------------------------


def test_llm_server_down_slow_then_back_without_restarting(seed_index: Settings) -> None:
    from ui.app import ChatService

    port = free_port()
    settings = seed_index.model_copy(
        update={
            "openai_base_url": f"http://127.0.0.1:{port}/v1",
            "llm_model": "fake",
            "llm_timeout": 1.0,
            "llm_max_retries": 0,
        }
    )
    service = ChatService(settings, faq=[])  # the app's request handler, as the running chat uses it
    import gradio as gr

    with pytest.raises(gr.Error) as down:
        service.answer_json(PLAN_Q, "llm")
    assert "Cannot reach the LLM server" in down.value.message and "qa serve-llm" in down.value.message

    fake = FakeLLM(
        reply=lambda user: cite_passage(user, "28-point", "The US peace plan has 28 points."),
        mode="slow",
        delay=3.0,
        port=port,
    ).start()
    try:
        with pytest.raises(gr.Error) as slow:
            service.answer_json(PLAN_Q, "llm")
        assert "did not answer within 1 s" in slow.value.message

        fake.mode = "ok"  # the server recovers: the same app answers, nothing restarted
        result = service.answer_json(PLAN_Q, "llm")
        assert result["mode"] == "llm" and result["grounded"] and result["citations"][0]["source"] == PLAN_FILE
        streamed = list(service.respond(PLAN_Q, [], [], "llm"))
        final = streamed[-1][1][-1].answer  # the turns after the last update
        assert final is not None and final.mode == "llm" and final.citations[0].source == PLAN_FILE
    finally:
        fake.stop()


def test_api_key_never_in_output_errors_or_logs(
    seed_index: Settings, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    from pydantic import SecretStr

    fake = FakeLLM(mode="401").start()
    settings = seed_index.model_copy(
        update={"openai_base_url": fake.base_url, "openai_api_key": SecretStr(SECRET_KEY), "llm_max_retries": 0}
    )
    try:
        with caplog.at_level(logging.DEBUG):  # every logger, DEBUG: openai, httpx, httpcore, qa
            with pytest.raises(LLMError) as err:
                qa.ask(PLAN_Q, settings=settings, mode="llm")
            with pytest.raises(LLMError):
                list(qa.ask_stream(PLAN_Q, settings=settings, mode="llm"))
    finally:
        fake.stop()
    assert fake.requests and fake.requests[0]["headers"]["Authorization"] == f"Bearer {SECRET_KEY}"  # it was sent
    assert "refused the API key" in str(err.value)
    shown = "".join(traceback.format_exception(err.value))  # what a log.exception() or a crash report would print
    assert SECRET_KEY not in shown and err.value.__cause__ is None
    assert caplog.records, "DEBUG logging captured nothing"
    logged = "\n".join(f"{r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records)
    assert SECRET_KEY not in logged
    assert SECRET_KEY not in repr(settings) and SECRET_KEY not in str(settings.model_dump())

    env_run = subprocess.run(
        qa_cmd("settings"),
        capture_output=True,
        text=True,
        env=cli_env(OPENAI_API_KEY=SECRET_KEY, QA_AUTH=f"admin:{SECRET_KEY}"),
        timeout=60,
        check=False,
    )
    assert env_run.returncode == 0
    assert SECRET_KEY not in env_run.stdout + env_run.stderr
    assert "openai_api_key = ****" in env_run.stdout and "auth = ****" in env_run.stdout
    failed = subprocess.run(
        qa_cmd(
            "ask",
            "--mode",
            "llm",
            PLAN_Q,
            "--index",
            str(seed_index.index_dir),
            "--corpus",
            str(seed_index.corpus_dir),
            "--embedding",
            "hash",
        ),
        capture_output=True,
        text=True,
        env=cli_env(
            OPENAI_API_KEY=SECRET_KEY, OPENAI_BASE_URL=f"http://127.0.0.1:{free_port()}/v1", QA_LLM_MAX_RETRIES="0"
        ),
        timeout=120,
        check=False,
    )
    assert "Cannot reach the LLM server" in one_error_line(failed)
    assert SECRET_KEY not in failed.stdout + failed.stderr
