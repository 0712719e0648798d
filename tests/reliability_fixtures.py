"""Helpers for the reliability suite: generated articles with known answers, the ``qa`` CLI as a subprocess,
a real Chroma server, a recording fake LLM server, and latency statistics. Everything binds to 127.0.0.1."""

from __future__ import annotations

import http.server
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent

# --- generated articles ---------------------------------------------------------------------------------------

_SYLLABLES = "bar cel dor fen gal hum ist jor kal lun mor nes olv pra quen ros sut tor ulm var wes yar zen".split()
_TOPICS = (
    "harbour library orchard railway observatory brewery lighthouse aquarium vineyard glassworks tannery "
    "bakery foundry sawmill planetarium zoo racecourse windmill quarry shipyard pottery cathedral museum "
    "theatre bandstand greenhouse creamery distillery tramway velodrome boathouse apiary arboretum hospital "
    "cinema granary smithy abbey market kiln observatory-tower ropewalk lido conservatory opera printworks "
    "silk-farm watermill canal airfield stadium chocolatier fishery bookbindery clocktower dairy monastery "
    "perfumery salt-works spa toyworks weavery"
).split()
_FILLER = [
    "Residents gathered in the main square on {day} to hear the council discuss the {topic} budget.",
    "Local historians say the {topic} shaped the character of {town} for more than a century.",
    "The council published a report describing maintenance work planned for the coming winter.",
    "Several shop owners said visitors from nearby villages had become more frequent in recent years.",
    "A spokesperson for the regional office said further figures would be released in the spring.",
    "Volunteers repainted the old signposts along the river path during a weekend campaign.",
    "The weather in {town} was mild for the season, with light rain on most afternoons.",
    "School pupils visited the {topic} as part of a project on local industry and trade.",
    "An exhibition of old photographs of {town} opened in the town hall gallery in {month}.",
    "Critics argued that the road connecting {town} to the coast needed urgent repairs.",
]
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = "January February March April May June July August September October November December".split()


@dataclass(frozen=True)
class Generated:
    """One generated article: its file name, its town, the unique fact it holds and a question about it."""

    source: str
    town: str
    topic: str
    number: int
    question: str


def town_name(i: int) -> str:
    """A made-up town name, distinct for every ``i`` below 22**2 * 22."""
    a, b, c = i % 22, (i // 22) % 22, (i // 484) % 22
    return (_SYLLABLES[a] + _SYLLABLES[(b + 7) % 22] + _SYLLABLES[(c + 13) % 22]).capitalize()


def write_articles(folder: Path, n: int, seed: int = 7, sentences: int = 60, prefix: str = "gen") -> list[Generated]:
    """Write ``n`` articles of about ``sentences`` sentences each; each holds one unique number about its town."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    out = []
    for i in range(n):
        town = town_name(i + 31)
        topic = _TOPICS[i % len(_TOPICS)]
        number = 100 + rng.randrange(9000)
        fact = f"The {town} {topic} recorded exactly {number} visitors during its centenary festival."
        lines = [f"{town} celebrates the centenary of its {topic}", ""]
        for k in range(sentences):
            if k == sentences // 3:
                lines.append(fact)
            filler = rng.choice(_FILLER).format(
                day=rng.choice(_DAYS), month=rng.choice(_MONTHS), town=town, topic=topic
            )
            lines.append(filler if k % 4 else filler + f" ({town}, item {k}.)")
        source = f"{prefix}_{i:03d}.txt"
        (folder / source).write_text("\n".join(lines) + "\n", encoding="utf-8")
        question = f"How many visitors did the {town} {topic} record during its centenary festival?"
        out.append(Generated(source, town, topic, number, question))
    return out


# --- the qa CLI in a subprocess ---------------------------------------------------------------------------------


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a ``qa`` subprocess: no developer QA_*/OPENAI_* settings, plus ``extra``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not (k.startswith("QA_") and not k.startswith("QA_TEST_")) and k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL")
    }
    env.update(extra)
    return env


def qa_cmd(*args: str) -> list[str]:
    """The command line that runs ``qa`` with this interpreter."""
    return [sys.executable, "-m", "qa", *args]


def run_qa(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``qa ARGS`` to completion and capture its output."""
    return subprocess.run(
        qa_cmd(*args), capture_output=True, text=True, cwd=ROOT, env=env or cli_env(), timeout=timeout, check=False
    )


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The single ``error: ...`` line a failed command printed; asserts exit code 1 and no traceback."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def kill_group(proc: subprocess.Popen[Any], sig: int = signal.SIGKILL) -> None:
    """Send ``sig`` to a process started with ``start_new_session=True`` and all its children; reap it."""
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, sig)
    proc.wait(timeout=30)


# --- ports and servers ----------------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, timeout: float = 60.0, proc: subprocess.Popen[Any] | None = None) -> None:
    """Wait until ``url`` answers HTTP 200 (raises TimeoutError, or RuntimeError if ``proc`` exits first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout:g} s")


@dataclass
class ChromaServer:
    """A real ``chroma run`` server on 127.0.0.1 over ``path``; ``stop()`` and ``start()`` keep port and data."""

    path: Path
    port: int
    log: Path
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> None:
        """Start the server (again) and wait for its heartbeat."""
        chroma = VENV_BIN / "chroma"
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [str(chroma), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_http(f"{self.url}/api/v2/heartbeat", timeout, self.proc)

    def stop(self) -> None:
        """Kill the server (SIGKILL: as if it crashed) and wait until the port is closed."""
        if self.proc is not None:
            kill_group(self.proc)
            self.proc = None


@contextmanager
def chroma_server(path: Path) -> Iterator[ChromaServer]:
    """A running Chroma server over ``path`` on a free loopback port; killed afterwards."""
    server = ChromaServer(path, free_port(), path.parent / f"{path.name}.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


def cite_passage(user_message: str, keyword: str, claim: str) -> str:
    """``claim [k]`` with ``k`` the number of the prompt passage that contains ``keyword`` (or the claim alone)."""
    for block in user_message.split("<passage ")[1:]:
        if keyword in block:
            number = block.split('"', 2)[1]
            return f"{claim} [{number}]"
    return claim


Reply = str | Callable[[str], str]


@dataclass
class FakeLLM:
    """A loopback OpenAI-compatible HTTP server that records every request and answers as told.

    ``reply`` is the answer text, or a function of the prompt's user message that returns it. ``mode``:
    'ok', 'slow' (sleeps ``delay`` seconds first), '401' (refuses the key, quoting it back the way some servers
    do), '500'. Streaming requests get server-sent events, one per word.
    """

    reply: Reply = "The articles don't say."
    mode: str = "ok"
    delay: float = 0.0
    requests: list[dict[str, Any]] = field(default_factory=list)
    port: int = 0
    _server: http.server.ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        """The ``/v1`` base URL."""
        return f"http://127.0.0.1:{self.port}/v1"

    def text_for(self, body: dict[str, Any]) -> str:
        """The answer for a chat request body."""
        if isinstance(self.reply, str):
            return self.reply
        user = next((m["content"] for m in body.get("messages", []) if m.get("role") == "user"), "")
        return self.reply(str(user))

    def start(self) -> FakeLLM:
        """Serve on ``port`` (0: a free one) on loopback in a daemon thread."""
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)) or b"{}")
                fake.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                if fake.mode == "slow":
                    time.sleep(fake.delay)
                if fake.mode == "401":
                    key = (self.headers.get("authorization") or "").removeprefix("Bearer ")
                    self._send(401, {"error": {"message": f"Incorrect API key provided: {key}", "type": "auth"}})
                elif fake.mode == "500":
                    self._send(500, {"error": {"message": "boom"}})
                elif body.get("stream"):
                    self._stream(fake.text_for(body))
                else:
                    message = {"role": "assistant", "content": fake.text_for(body)}
                    self._send(
                        200, {**_COMPLETION, "choices": [{"index": 0, "finish_reason": "stop", "message": message}]}
                    )

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:  # the client gave up (timeouts)
                    pass

            def _stream(self, text: str) -> None:
                try:
                    self.send_response(200)
                    self.send_header("content-type", "text/event-stream")
                    self.end_headers()
                    for word in re.findall(r"\S+\s*", text):
                        delta = {"index": 0, "delta": {"role": "assistant", "content": word}, "finish_reason": None}
                        chunk = {**_COMPLETION, "object": "chat.completion.chunk", "choices": [delta]}
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.write(b"data: [DONE]\n\n")
                except OSError:
                    pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


_COMPLETION: dict[str, Any] = {
    "id": "fake",
    "object": "chat.completion",
    "created": 0,
    "model": "fake",
    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
}


# --- statistics -------------------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) by linear interpolation between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def report(name: str, **figures: Any) -> None:
    """Print a measured figure line (shown with ``pytest -s`` / ``-rA``) and append it to ``$QA_TEST_FIGURES``."""
    line = f"[reliability] {name}: " + ", ".join(f"{k}={v}" for k, v in figures.items())
    print(line)
    target = os.environ.get("QA_TEST_FIGURES")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps({"test": name, **figures}) + "\n")
