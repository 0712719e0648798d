"""Unit tests of sentence scoring features, on hand-made passages (no index, no model)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np

from qa.evidence import NEIGHBOUR_RANK, score_sentences
from qa.question import analyse
from qa.retrieve import CorpusStats


def _record(source: str, start: int, text: str, vector: list[float]) -> dict[str, object]:
    v = np.asarray(vector, dtype=np.float32)
    return {"source": source, "start": start, "end": start + len(text), "text": text, "vector": v / np.linalg.norm(v)}


def test_a_sentence_just_outside_a_passage_keeps_part_of_its_rank() -> None:
    inside = "Talks in Paris produced an outline for peace."
    outside = "Critics argue the negotiation style puts pressure on Ukraine."
    far = "Elsewhere, the weather was mild."
    records = [
        _record("a.txt", 0, inside, [1, 0, 0]),
        _record("a.txt", len(inside) + 1, outside, [0, 1, 0]),
        _record("b.txt", 0, far, [0, 0, 1]),
    ]
    hit = SimpleNamespace(
        node=SimpleNamespace(metadata={"source": "a.txt", "title": "", "sentences": json.dumps([[0, len(inside)]])})
    )
    stats = CorpusStats([inside + " " + outside, far], ["a.txt", "b.txt"])
    evidence = score_sentences(analyse("What do critics say?"), np.ones(3, dtype=np.float32), [hit], records, stats)
    rank = {ev.text: ev.rank for ev in evidence}
    assert rank[inside] == 1.0
    assert rank[outside] == NEIGHBOUR_RANK  # chunk edges fall anywhere: the next sentence is not unranked
    assert rank[far] == 0.0  # another article, nowhere near the passage
