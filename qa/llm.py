"""The LLM client for ``answer_mode='llm'``: any OpenAI-compatible server through llama-index's ``OpenAILike``.

``OpenAILike`` accepts any model name (llama-index's ``OpenAI`` class rejects names it does not know), so the same
code talks to OpenAI, to ``qa serve-llm`` (llama.cpp) or to any other ``/v1`` server.

Retries: the ``openai`` client retries connection errors, timeouts, 408/409/429 and 5xx itself, with exponential
backoff (0.5 s doubling, at most 8 s, honouring ``Retry-After``). llama-index would add a second, tenacity-based
retry loop around every call (attempts multiply, waits of up to 20 s), so ``OpenAILike`` gets ``max_retries=0``
and a prebuilt ``openai.OpenAI`` client that does exactly ``settings.llm_max_retries`` retries.

Errors: every failure of the server becomes a one-line :class:`qa.errors.LLMError` that says what to do; no
message ever contains the API key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from qa.errors import LLMError
from qa.settings import Settings

if TYPE_CHECKING:
    from llama_index.core.llms import LLM

OPENAI_URL = "https://api.openai.com/v1"
NO_KEY = "sk-no-key-required"  # local servers ignore the key, but the openai client insists on one
CONNECT_TIMEOUT = 5.0  # seconds to open a connection: a dead address fails fast, whatever llm_timeout is
DEFAULT_MAX_TOKENS = 512  # answer length cap; used unless Settings grows an ``llm_max_tokens`` field
NOT_CONFIGURED = (
    "LLM mode needs OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (any OpenAI-compatible server, "
    "e.g. `qa serve-llm` then OPENAI_BASE_URL=http://127.0.0.1:8080/v1 QA_LLM_MODEL=smollm2)"
)
_KEY_LIKE = re.compile(r"\b(sk-[A-Za-z0-9_*\-]{4,})")


def base_url(settings: Settings) -> str:
    """The ``/v1`` base URL requests go to: ``OPENAI_BASE_URL`` or OpenAI's own."""
    return (settings.openai_base_url or OPENAI_URL).rstrip("/")


def _api_key(settings: Settings) -> str:
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key is not None else ""
    return key or NO_KEY


def make_client(settings: Settings) -> Any:
    """An ``openai.OpenAI`` client with the configured URL, key, timeout and retry count."""
    if not settings.llm_configured:
        raise LLMError(NOT_CONFIGURED)
    import httpx
    import openai

    return openai.OpenAI(
        api_key=_api_key(settings),
        base_url=base_url(settings),
        timeout=httpx.Timeout(settings.llm_timeout, connect=min(CONNECT_TIMEOUT, settings.llm_timeout)),
        max_retries=settings.llm_max_retries,
    )


def make_llm(settings: Settings) -> LLM:
    """The llama-index chat LLM for the configured OpenAI-compatible server.

    Raises :class:`LLMError` naming what to set when neither ``OPENAI_API_KEY`` nor ``OPENAI_BASE_URL`` is set,
    and when ``llama-index-llms-openai-like`` is not installed.
    """
    client = make_client(settings)
    try:
        from llama_index.llms.openai_like import OpenAILike
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise LLMError("LLM mode needs llama-index-llms-openai-like: pip install llama-index-llms-openai-like") from exc
    return OpenAILike(
        model=settings.llm_model,
        api_base=base_url(settings),
        api_key=_api_key(settings),
        timeout=settings.llm_timeout,
        max_retries=0,  # the openai client below retries; see the module docstring
        openai_client=client,
        is_chat_model=True,
        is_function_calling_model=False,
        temperature=0.0,
        max_tokens=int(getattr(settings, "llm_max_tokens", DEFAULT_MAX_TOKENS)),
    )


def redact(text: str, settings: Settings | None = None) -> str:
    """``text`` with the configured API key, and anything shaped like an OpenAI key, masked."""
    if settings is not None and settings.openai_api_key is not None:
        secret = settings.openai_api_key.get_secret_value()
        if secret:
            text = text.replace(secret, "***")
    return _KEY_LIKE.sub("sk-***", text)


def _short(text: str, limit: int = 160) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _server_detail(exc: Any) -> str:
    """The server's own error message, from an ``openai.APIStatusError`` body, if it has one."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = inner.get("message") if isinstance(inner, dict) else inner
        if message:
            return str(message)
    return str(getattr(exc, "message", "") or "")


def describe(exc: BaseException, settings: Settings) -> str:
    """One line saying what went wrong talking to the LLM server and what to do about it (no secrets)."""
    import httpx
    import openai

    url = base_url(settings)
    tries = f"after {settings.llm_max_retries + 1} attempts" if settings.llm_max_retries else "(no retries)"
    model = settings.llm_model
    if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException):
        message = (
            f"The LLM server at {url} did not answer within {settings.llm_timeout:g} s {tries}. "
            "Raise QA_LLM_TIMEOUT or use a smaller model."
        )
    elif isinstance(exc, openai.APIConnectionError | httpx.TransportError):
        message = (
            f"Cannot reach the LLM server at {url} {tries}: is it running? "
            "Start one with `qa serve-llm` or fix OPENAI_BASE_URL."
        )
    elif isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        message = f"The LLM server at {url} refused the API key (HTTP {exc.status_code}). Check OPENAI_API_KEY."
    elif isinstance(exc, openai.RateLimitError):
        message = (
            f"The LLM server at {url} is rate limiting (HTTP 429) {tries}. Wait a minute, or raise QA_LLM_MAX_RETRIES."
        )
    elif isinstance(exc, openai.NotFoundError):
        message = (
            f"The LLM server at {url} does not know model '{model}' (HTTP 404): {_short(_server_detail(exc))}. "
            "Set QA_LLM_MODEL to a model it serves."
        )
    elif isinstance(exc, openai.InternalServerError):
        message = f"The LLM server at {url} failed with HTTP {exc.status_code} {tries}. Try again later."
    elif isinstance(exc, openai.APIStatusError):
        message = (
            f"The LLM server at {url} rejected the request (HTTP {exc.status_code}): {_short(_server_detail(exc))}"
        )
    elif isinstance(exc, openai.APIResponseValidationError):
        message = f"The LLM server at {url} sent a response that is not OpenAI-compatible."
    else:
        message = f"The LLM call to {url} failed: {type(exc).__name__}: {_short(str(exc))}"
    return redact(message, settings)


def _is_llm_failure(exc: BaseException) -> bool:
    import httpx
    import openai

    return isinstance(exc, openai.OpenAIError | httpx.TransportError)


@contextmanager
def llm_errors(settings: Settings) -> Iterator[None]:
    """Turn failures of the OpenAI client (and raw httpx errors while streaming) into one-line LLMErrors.

    The original exception is not chained (``from None``): its text may quote the key, and the CLI prints
    only the message anyway.
    """
    try:
        yield
    except LLMError:
        raise
    except Exception as exc:
        if not _is_llm_failure(exc):
            raise
        raise LLMError(describe(exc, settings)) from None
