"""Environment defaults that keep every library offline; applied when ``qa`` is imported."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path


def _llama_static(name: str) -> str | None:
    spec = importlib.util.find_spec("llama_index.core")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "_static" / name
    return str(path) if path.is_dir() else None


def apply() -> None:
    """Set offline defaults without overriding anything the user set."""
    defaults = {
        "HF_HUB_OFFLINE": "1",  # a hub name would otherwise hang ~80 s before failing
        "TRANSFORMERS_OFFLINE": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "ANONYMIZED_TELEMETRY": "False",  # chromadb
        "TOKENIZERS_PARALLELISM": "false",
        "TIKTOKEN_CACHE_DIR": _llama_static("tiktoken_cache"),
        "NLTK_DATA": _llama_static("nltk_cache"),
    }
    for key, value in defaults.items():
        if value is not None:
            os.environ.setdefault(key, value)
