"""Eval: run a labelled question set and measure retrieval, answers, citations and abstention."""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from qa.errors import QAError
from qa.models import Answer


@dataclass
class Labelled:
    """One line of a labelled set (the format of tests/dev.jsonl)."""

    id: str
    question: str
    sources: list[str]
    facts: list[list[str]]
    answerable: bool
    kind: str = ""


@dataclass
class Row:
    """The verdicts on one question."""

    id: str
    kind: str
    answerable: bool
    grounded: bool
    grounded_ok: bool
    first_cite_ok: bool | None  # None where the question is unanswerable
    facts_ok: bool | None
    facts_found: int
    facts_total: int
    citations: int
    citations_in_expected: int
    retrieval_rank: int | None  # 1-based rank of the first passage from an expected file
    latency_ms: float
    first_source: str = ""


@dataclass
class Report:
    """Per-question rows and the totals."""

    rows: list[Row] = field(default_factory=list)
    totals: dict[str, float] = field(default_factory=dict)


def load_labelled(path: Path) -> list[Labelled]:
    """Read a .jsonl labelled set; errors name the bad line."""
    if not path.is_file():
        raise QAError(f"No labelled set at {path}. Give a .jsonl file (see tests/dev.jsonl for the format).")
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            items.append(
                Labelled(
                    id=str(raw.get("id", number)),
                    question=raw["question"],
                    sources=list(raw.get("sources", [])),
                    facts=[list(f) if isinstance(f, list) else [f] for f in raw.get("facts", [])],
                    answerable=bool(raw.get("answerable", True)),
                    kind=str(raw.get("kind", "")),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise QAError(f"{path}:{number}: not a labelled question ({exc}).") from exc
    return items


def judge(item: Labelled, answer: Answer) -> Row:
    """Compare one answer to its labels."""
    expected = set(item.sources)
    text = answer.answer.lower()
    found = sum(1 for alternatives in item.facts if any(a.lower() in text for a in alternatives))
    rank = next((i for i, p in enumerate(answer.passages, 1) if p.source in expected), None)
    first = answer.citations[0].source if answer.citations else ""
    return Row(
        id=item.id,
        kind=item.kind,
        answerable=item.answerable,
        grounded=answer.grounded,
        grounded_ok=answer.grounded == item.answerable,
        first_cite_ok=(first in expected) if item.answerable else None,
        facts_ok=(answer.grounded and found == len(item.facts)) if item.answerable else None,
        facts_found=found if answer.grounded else 0,
        facts_total=len(item.facts),
        citations=len(answer.citations),
        citations_in_expected=sum(1 for c in answer.citations if c.source in expected),
        retrieval_rank=rank,
        latency_ms=answer.latency_ms,
        first_source=first,
    )


def _share(values: list[bool]) -> float:
    return round(sum(values) / len(values), 4) if values else 1.0


def summarise(rows: list[Row]) -> dict[str, float]:
    """Totals over the rows: every figure the issue asks for, as shares in 0..1 and milliseconds."""
    answerable = [r for r in rows if r.answerable]
    refused = [r for r in rows if not r.grounded]
    unanswerable = [r for r in rows if not r.answerable]
    latencies = sorted(r.latency_ms for r in rows) or [0.0]
    cites = sum(r.citations for r in rows)
    return {
        "questions": len(rows),
        "hit@1": _share([r.retrieval_rank == 1 for r in answerable]),
        "hit@3": _share([r.retrieval_rank is not None and r.retrieval_rank <= 3 for r in answerable]),
        "mrr": round(statistics.fmean([1 / r.retrieval_rank if r.retrieval_rank else 0.0 for r in answerable]), 4)
        if answerable
        else 1.0,
        "key_facts": _share([bool(r.facts_ok) for r in answerable]),
        "first_citation": _share([bool(r.first_cite_ok) for r in answerable]),
        "citation_precision": round(sum(r.citations_in_expected for r in rows) / cites, 4) if cites else 1.0,
        "grounded_right": _share([r.grounded_ok for r in rows]),
        "abstain_precision": _share([not r.answerable for r in refused]),
        "abstain_recall": _share([not r.grounded for r in unanswerable]),
        "latency_p50_ms": round(statistics.median(latencies), 2),
        "latency_p95_ms": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 2),
    }


def run_eval(items: list[Labelled], answer_fn: Callable[[str], Answer]) -> Report:
    """Answer every labelled question with ``answer_fn`` and judge it."""
    rows = [judge(item, answer_fn(item.question)) for item in items]
    return Report(rows=rows, totals=summarise(rows))


def format_table(report: Report) -> str:
    """A plain-text table: one line per question, then the totals."""

    def mark(value: bool | None) -> str:
        return "-" if value is None else ("yes" if value else "NO")

    lines = [f"{'id':<22} {'grounded':<9} {'1st cite':<9} {'facts':<7} {'rank':<5} {'ms':>7}  first source"]
    for r in report.rows:
        facts = f"{r.facts_found}/{r.facts_total}" if r.answerable else "-"
        rank = str(r.retrieval_rank) if r.retrieval_rank else "-"
        grounded = ("yes" if r.grounded else "no") + ("" if r.grounded_ok else "!")
        lines.append(
            f"{r.id:<22} {grounded:<9} {mark(r.first_cite_ok):<9} {facts:<7} {rank:<5} {r.latency_ms:>7.1f}  "
            f"{r.first_source}"
        )
    lines.append("")
    for key, value in report.totals.items():
        shown = f"{value:.1%}" if key not in ("questions",) and not key.endswith("_ms") and key != "mrr" else value
        lines.append(f"{key:<20} {shown}")
    return "\n".join(lines)


def to_json(report: Report) -> str:
    """The report as JSON (rows and totals)."""
    payload: dict[str, Any] = {"totals": report.totals, "rows": [asdict(r) for r in report.rows]}
    return json.dumps(payload, indent=2)
