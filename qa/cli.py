"""The ``qa`` command line: index, ask, eval, faq, chat, serve-llm, settings."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from qa.errors import QAError
from qa.models import Answer
from qa.settings import Settings, get_settings, mask_url

SAMPLE_QUESTION = "How many points does the US peace plan have?"


def _settings(args: argparse.Namespace) -> Settings:
    return get_settings(
        corpus_dir=getattr(args, "corpus", None),
        index_dir=getattr(args, "index", None),
        chroma_url=getattr(args, "chroma_url", None),
        answer_mode=getattr(args, "mode", None),
        top_k=getattr(args, "top_k", None),
        embedding=getattr(args, "embedding", None),
    )


def format_sources(answer: Answer) -> str:
    """The numbered list of an answer's sources with their quotes (empty when it cites nothing)."""
    if not answer.citations:
        return ""
    lines = ["\n\nSources:"]
    for c in answer.citations:
        lines.append(f"[{c.n}] {c.source} (chars {c.start}-{c.end}, score {c.score:.2f}) — {c.title}")
        lines.append(f"    “{c.quote}”")
    return "\n".join(lines)


def format_answer(answer: Answer) -> str:
    """The answer, then a numbered list of its sources with their quotes."""
    head = f"(searched for: {answer.searched_for})\n" if answer.searched_for not in ("", answer.question) else ""
    return head + answer.answer + format_sources(answer)


def cmd_index(args: argparse.Namespace) -> int:
    from qa.api import store_errors
    from qa.indexer import build_index, tqdm_progress

    settings = _settings(args)
    with store_errors(settings):
        report = build_index(settings, rebuild=args.rebuild, progress=tqdm_progress())  # logs "skipped X: why"
    print(report.summary())
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    settings = _settings(args)
    from qa.store import index_present

    if settings.embedding == "minilm-onnx" and args.question.strip() and index_present(settings):
        from qa import minilm

        minilm.preload()  # loads while llama-index and chromadb import: a cold `qa ask` is I/O and CPU bound
    from qa.api import ask, ask_stream

    if not args.stream or args.json:
        answer = ask(args.question, settings=settings)
        print(answer.model_dump_json(indent=2) if args.json else format_answer(answer))
        return 0
    streamed = ""
    for item in ask_stream(args.question, settings=settings):
        if isinstance(item, str):
            streamed += item
            print(item, end="", flush=True)
            continue
        print()
        if item.answer.strip() != streamed.strip():  # an LLM claim no passage supports was removed
            print("\nChecked answer:\n" + item.answer)
        print(format_sources(item))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from qa.api import ask
    from qa.evaluate import format_table, load_labelled, run_eval, to_json

    settings = _settings(args)
    items = load_labelled(Path(args.file))
    ask(items[0].question if items else SAMPLE_QUESTION, settings=settings)  # warm up: load model and index once
    report = run_eval(items, lambda q: ask(q, settings=settings))
    print(to_json(report) if args.json else format_table(report))
    failed = [
        f"{key} {report.totals[key]:.3f} < {minimum}"
        for key, minimum in (
            ("key_facts", args.min_key_facts),
            ("first_citation", args.min_first_citation),
            ("grounded_right", args.min_grounded),
            ("hit@1", args.min_hit1),
            ("citation_precision", args.min_citation_precision),
        )
        if minimum is not None and report.totals[key] < minimum
    ]
    for line in failed:
        print(f"below threshold: {line}", file=sys.stderr)
    return 1 if failed else 0


def cmd_settings(args: argparse.Namespace) -> int:
    settings = _settings(args)
    for name, field in Settings.model_fields.items():
        value = getattr(settings, name)
        shown = "****" if value is not None and "Secret" in type(value).__name__ else value
        if isinstance(shown, str) and "@" in shown:  # a URL with user:password@
            shown = mask_url(shown)
        print(f"{name} = {shown}    # {field.description}")
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    """Index the corpus, answer a sample question, then open the chat (when the UI is installed)."""
    from qa.api import ask
    from qa.indexer import build_index, tqdm_progress

    settings = _settings(args)
    print(build_index(settings, progress=tqdm_progress()).summary())
    print(f"\nQ: {SAMPLE_QUESTION}")
    print(format_answer(ask(SAMPLE_QUESTION, settings=settings)))
    if args.no_chat:
        return 0
    try:
        from ui.app import launch
    except ImportError:
        return 0
    print()
    launch(settings)
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """Open the browser chat (ui/app.py)."""
    from ui.app import launch

    launch(_settings(args), host=args.host, port=args.port, share=args.share)
    return 0


def cmd_faq(args: argparse.Namespace) -> int:
    """Answer the questions the corpus itself poses, as Markdown."""
    from qa.faq import build_faq, faq_markdown

    markdown = faq_markdown(build_faq(_settings(args)))
    if args.out:
        Path(args.out).write_text(markdown, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(markdown)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (kept separate so tests and docs can inspect it)."""
    parser = argparse.ArgumentParser(prog="qa", description="Cited answers from a folder of articles.")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--corpus", type=Path, help="article folder (QA_CORPUS_DIR, default seeds/)")
        p.add_argument("--index", type=Path, help="index folder (QA_INDEX_DIR, default index/)")
        p.add_argument("--chroma-url", help="use a Chroma server at http://host:port (QA_CHROMA_URL)")
        p.add_argument("--embedding", choices=["minilm-onnx", "minilm-torch", "openai", "hash"])

    p = sub.add_parser("index", help="index (or update) the article folder")
    common(p)
    p.add_argument("--rebuild", action="store_true", help="drop the index and build it anew")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("ask", help="answer one question with citations")
    common(p)
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print the Answer as JSON")
    p.add_argument("--stream", action="store_true", help="print the answer as it is written")
    p.add_argument("--mode", choices=["extractive", "llm"])
    p.add_argument("--top-k", type=int)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("eval", help="run a labelled question set (.jsonl) and print the scores")
    common(p)
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.add_argument("--mode", choices=["extractive", "llm"])
    for name in ("key-facts", "first-citation", "grounded", "hit1", "citation-precision"):
        p.add_argument(f"--min-{name}", type=float, help=f"exit 1 when {name} is below this share (0..1)")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("settings", help="print the effective settings (secrets masked)")
    common(p)
    p.set_defaults(func=cmd_settings)

    p = sub.add_parser("chat", help="open the chat in the browser")
    common(p)
    p.add_argument("--host", help="address to bind (QA_HOST, default 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (QA_PORT, default 7860)")
    p.add_argument("--share", action="store_true", help="also open a public Gradio share link (off by default)")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("faq", help="answer the questions the articles pose, as Markdown")
    common(p)
    p.add_argument("--out", help="write to this file instead of stdout")
    p.set_defaults(func=cmd_faq)

    # dispatched in main() before parsing; listed here for --help
    sub.add_parser("serve-llm", help="start a local OpenAI-compatible model server (qa serve-llm --help)")

    p = sub.add_parser("start", help="index the articles, answer a sample question, open the chat")
    common(p)
    p.add_argument("--no-chat", action="store_true", help="stop after the sample answer")
    p.set_defaults(func=cmd_start)
    return parser


class _WarningLines(logging.Handler):
    """qa's logged warnings as one ``warning: ...`` line each on the current stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"{record.levelname.lower()}: {record.getMessage()}", file=sys.stderr)


def _show_warnings() -> None:
    logger = logging.getLogger("qa")
    if not any(isinstance(h, _WarningLines) for h in logger.handlers):
        handler = _WarningLines(logging.WARNING)
        logger.addHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``qa`` console script."""
    _show_warnings()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["serve-llm"]:  # its own flags are parsed by qa.llm_server
        from qa.llm_server import main as serve_main

        return _guard(lambda: int(serve_main(argv[1:])))
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    return _guard(lambda: func(args))


def run() -> None:
    """The ``qa`` console script and ``python -m qa``: ``main``, then exit with its code.

    After ``qa ask`` the process ends without the interpreter's teardown: freeing the objects of
    llama-index, Chroma and ONNX Runtime took 0.4 s of a 2.3 s cold answer, and answering leaves nothing
    that teardown would save (the output is flushed first).
    """
    code = main()
    if sys.argv[1:2] == ["ask"]:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:  # output piped into `head` and the like
            pass
        os._exit(code)
    sys.exit(code)


def _guard(run: Callable[[], int]) -> int:
    """Run a command; expected errors become one line on stderr and exit code 1."""
    try:
        return run()
    except QAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
    except OSError as exc:  # the disk, not qa: a full disk, a file where a folder should be, no permission
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
