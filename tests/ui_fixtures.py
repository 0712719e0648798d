"""Fixtures for the chat tests: a launched app on a free loopback port, and headless Chromium driving it.

A test module imports the fixture functions (``chat_app_fixture``, ``chromium_fixture``, ``page_fixture``);
pytest then provides them as ``chat_app``, ``chromium`` and ``page``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import qa  # noqa: F401  (offline environment: no Gradio analytics)
from qa.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@dataclass
class Served:
    """A running chat app: its URL, the Gradio app, and the progress messages start-up printed."""

    url: str
    demo: Any
    messages: list[str]


def serve(settings: Settings) -> Served:
    """Build the app for ``settings`` and launch it on a free 127.0.0.1 port without blocking."""
    from ui.app import build_app, free_port, page_options

    messages: list[str] = []
    demo = build_app(settings, say=messages.append)
    demo.queue(default_concurrency_limit=1)
    port = free_port()
    demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True, **page_options())
    return Served(f"http://127.0.0.1:{port}/", demo, messages)


def close(demo: Any) -> None:
    """``demo.close()``, and the server closed even when Gradio's close loses a race: it sets an asyncio.Event
    from this thread while the server's event loop may be iterating that event's waiters (RuntimeError:
    "deque mutated during iteration", seen once in CI)."""
    try:
        demo.close()
    except RuntimeError:
        if demo.server:
            demo.server.close()


@pytest.fixture(name="chat_app")
def chat_app_fixture(real_index: Settings) -> Iterator[Served]:
    """The chat over the real seed index, on its own free loopback port; closed after the test."""
    served = serve(real_index)
    try:
        yield served
    finally:
        close(served.demo)


def require_chromium() -> None:
    """Skip when Debian's chromium is missing, unless QA_TEST_REQUIRE_ALL=1 (CI), where it fails."""
    if CHROMIUM.exists():
        return
    if os.environ.get("QA_TEST_REQUIRE_ALL") == "1":
        pytest.fail("required for CI: install chromium: apt-get install chromium")
    pytest.skip("install chromium: apt-get install chromium")


@pytest.fixture(scope="session", name="chromium")
def chromium_fixture() -> Iterator[Any]:
    """Headless Debian Chromium driven by playwright (never a downloaded browser)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(name="page")
def page_fixture(chromium: Any) -> Iterator[Any]:
    """A fresh browser page (1400x1000); records every request that leaves loopback in ``page.outside``."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    outside: list[str] = []
    pg.on(
        "request",
        lambda r: (
            outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")) else None
        ),
    )
    pg.outside = outside
    try:
        yield pg
    finally:
        context.close()


def copy_seeds(target: Path) -> Path:
    """A private copy of the seed articles in ``target``."""
    shutil.copytree(Path(__file__).resolve().parent.parent / "seeds", target)
    return target
