"""The query engine: retrieve → score evidence → answer → cite, as a llama-index ``CustomQueryEngine``."""

from __future__ import annotations

import threading
import time
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.base.response.schema import Response
from llama_index.core.query_engine import CustomQueryEngine
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from pydantic import ConfigDict

from qa.answer import cite, grounded, not_found_text
from qa.embed import embedding_id, make_embedding
from qa.evidence import score_sentences, select, sentence_records
from qa.models import Answer, Passage
from qa.question import analyse
from qa.retrieve import CorpusStats, HybridRetriever
from qa.settings import Settings
from qa.store import Store


class Searcher:
    """Everything a question needs, loaded once per index state: store, model, retrievers, term stats."""

    def __init__(self, settings: Settings, embed_model: BaseEmbedding | None = None) -> None:
        self.settings = settings
        name = embedding_id(settings) if embed_model is None else str(getattr(embed_model, "model_name", ""))
        self.store = Store(settings, name)
        self.embed_model = embed_model or make_embedding(settings)
        self.stamp = self.store.stamp
        from llama_index.vector_stores.chroma import ChromaVectorStore

        nodes = [
            n for n in ChromaVectorStore(chroma_collection=self.store.chunks).get_nodes(None) if isinstance(n, TextNode)
        ]
        self.chunk_count = len(nodes)
        self.stats = CorpusStats([n.text for n in nodes], [str(n.metadata.get("source", "")) for n in nodes])
        self.retriever = HybridRetriever(self.store, self.embed_model, nodes, settings)

    def answer(self, question: str) -> Answer:
        """An extractive answer: the sentences that answer the question, quoted verbatim and cited."""
        started = time.perf_counter()
        info = analyse(question)
        qvec = np.asarray(self.embed_model.get_query_embedding(question), dtype=np.float32)
        hits = self.retriever.retrieve(QueryBundle(question, embedding=qvec.tolist()))
        records = sentence_records(self.store, hits)
        evidence = score_sentences(info, qvec, hits, records, self.stats)
        chosen = select(evidence, self.settings.max_citations, info.wants_list)
        ok, _why = grounded(info, chosen, self.stats)
        if ok:
            text, citations = cite(self.settings.corpus_dir, chosen)
            ok = bool(citations)
        if not ok:
            text, citations = not_found_text(evidence), []
        return Answer(
            question=question,
            answer=text,
            citations=citations,
            grounded=ok,
            passages=[_passage(h) for h in hits],
            mode="extractive",
            searched_for=question,
            latency_ms=round((time.perf_counter() - started) * 1000, 2),
        )


def _passage(hit: NodeWithScore) -> Passage:
    meta = hit.node.metadata
    return Passage(
        chunk_id=hit.node.node_id,
        source=meta["source"],
        title=meta.get("title", ""),
        text=hit.node.get_content(),
        start=int(meta["start"]),
        end=int(meta["end"]),
        score=round(float(hit.score or 0.0), 5),
    )


class ExtractiveQueryEngine(CustomQueryEngine):
    """llama-index query engine over a ``Searcher``: the response's source nodes are the cited quotes."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    searcher: Any

    def custom_query(self, query_str: str) -> Response:
        """Answer ``query_str``; ``response.metadata['answer']`` holds the full ``Answer``."""
        answer = self.searcher.answer(query_str)
        nodes = [
            NodeWithScore(
                node=TextNode(
                    text=c.quote,
                    metadata={"n": c.n, "source": c.source, "title": c.title, "start": c.start, "end": c.end},
                    start_char_idx=c.start,
                    end_char_idx=c.end,
                ),
                score=c.score,
            )
            for c in answer.citations
        ]
        return Response(response=answer.answer, source_nodes=nodes, metadata={"answer": answer})


_CACHE: dict[str, Searcher] = {}
_LOCK = threading.Lock()
_RECHECK_SECONDS = 2.0
_checked: dict[str, float] = {}


def get_searcher(settings: Settings, embed_model: BaseEmbedding | None = None) -> Searcher:
    """A cached ``Searcher`` for these settings, reloaded when the index has changed since it was loaded."""
    if embed_model is not None:
        return Searcher(settings, embed_model)
    key = settings.model_dump_json(
        include={
            "corpus_dir",
            "index_dir",
            "chroma_url",
            "collection",
            "embedding",
            "top_k",
            "candidate_k",
            "max_citations",
        }
    )
    with _LOCK:
        searcher = _CACHE.get(key)
        now = time.monotonic()
        if searcher is not None and now - _checked.get(key, 0.0) > _RECHECK_SECONDS:
            _checked[key] = now
            fresh = Store(settings, searcher.store.embedding)
            if fresh.stamp != searcher.stamp:
                searcher = None
        if searcher is None:
            searcher = Searcher(settings)
            _CACHE[key] = searcher
            _checked[key] = now
        return searcher
