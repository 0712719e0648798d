"""The query engine: retrieve → score evidence → answer → cite, as a llama-index ``CustomQueryEngine``."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.base.response.schema import Response
from llama_index.core.query_engine import CustomQueryEngine
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode
from pydantic import ConfigDict

from qa.answer import cite, grounded, not_found_text
from qa.embed import embedding_id, make_embedding
from qa.evidence import (
    Evidence,
    outcome_first,
    score_sentences,
    select,
    sentence_records,
    unnamed,
    whole_quotes,
    with_cities,
    with_context,
    with_details,
    with_more_words,
    with_neighbour,
    with_own_words,
    with_rest_of_faq_answer,
    with_same_subject,
    with_their_words,
)
from qa.followup import names_someone_by_pronoun, rewrite
from qa.models import Answer, Passage
from qa.places import capitalise_places
from qa.question import analyse, as_asked, checking_a_claim, compound_parts, plain_epithets, spelt_out
from qa.retrieve import HybridRetriever
from qa.settings import Settings
from qa.store import Store
from qa.truecase import truecase


class Searcher:
    """Everything a question needs, loaded once per index state: store, model, retrievers, term stats."""

    def __init__(self, settings: Settings, embed_model: BaseEmbedding | None = None) -> None:
        from qa import search_cache

        self.settings = settings
        name = embedding_id(settings) if embed_model is None else str(getattr(embed_model, "model_name", ""))
        self.store = Store(settings, name)  # a missing or unreachable index fails here, before any model work
        self.stamp = self.store.stamp
        # The model loads in a thread while the search data loads.
        loading = None if embed_model is not None else _Loading(lambda: make_embedding(settings))
        try:
            # BM25 and term statistics come from files saved for this index state, not from every chunk.
            data = search_cache.load(self.store, self.stamp)
        except BaseException:
            if loading is not None:
                loading.wait()  # never leave a half-made model behind a failing call
            raise
        self.store.block_lists = data.block_lists
        self.chunk_count = len(data.chunks)
        self.stats = data.stats
        self.case = data.case
        if loading is not None:
            embed_model = loading.result()
        assert embed_model is not None
        self.embed_model = embed_model
        self.retriever = HybridRetriever(
            self.store, self.embed_model, data.chunks, settings, bm25=data.bm25, stats=data.stats
        )

    def prepare(self, question: str) -> Prepared:
        """Retrieve, score the evidence and decide whether the articles answer ``question``."""
        started = time.perf_counter()
        question = truecase(as_asked(question), self.case)  # "who is thomas wright" names Thomas Wright
        whole = self._prepare_one(question, started)
        parts = compound_parts(question)
        if parts is None or not whole.grounded:
            return whole
        # "A, and how B?": the answer to the whole gives A's part; B's comes from B asked on its own (as a
        # follow-up of A: "what did he warn?" -> "what did Thomas Wright warn?"; not while it still says "he",
        # which finds someone else's words), and from B asked after A: its best sentence, unless the
        # answer already quotes it
        second = rewrite(parts[1], [parts[0]])
        for asked in ([] if names_someone_by_pronoun(second) else [second]) + [" ".join(parts)]:
            more = self._prepare_one(asked, started)
            if more.grounded and len(whole.chosen) < self.settings.max_citations:
                best = more.chosen[0]
                if all(best.text != c.text for c in whole.chosen):
                    whole.chosen.append(best)
        return whole

    def _prepare_one(self, question: str, started: float) -> Prepared:
        question = capitalise_places(plain_epithets(spelt_out(question)))
        info = checking_a_claim(analyse(question), self.stats.__contains__)
        qvec = np.asarray(self.embed_model.get_query_embedding(question), dtype=np.float32)
        # the next top_k candidates hold as many of the gains as all of them (measured), at a fixed read cost
        hits, nearby = self.retriever.search(QueryBundle(question, embedding=qvec.tolist()), more=self.settings.top_k)
        records = sentence_records(self.store, hits, nearby, qvec, self.settings.closest_sentences)
        evidence = score_sentences(info, qvec, hits, records, self.stats)
        # judged on the sentences chosen without the part of their scores for naming what the question names
        # (see unnamed), with the quote the answer cites after the best of them; answered with those chosen with
        # it, cited with the rest of the FAQ answer the best opens, the sentence next to the best that holds the
        # question's other words (or goes on about the group both name), each quote whole, the sentence giving
        # the date a "later that month" refers to, and the one naming the "He" who said it; an outcome told
        # before a meeting still to come
        judged = select(unnamed(evidence), self.settings.max_citations, info.wants_list)
        ok, why = grounded(info, with_own_words(judged, evidence, info, self.settings.max_citations), self.stats)
        chosen = select(evidence, self.settings.max_citations, info.wants_list)
        chosen = with_rest_of_faq_answer(chosen, evidence, info, self.settings.max_citations)
        chosen = with_neighbour(chosen, evidence, info, self.stats, self.settings.max_citations)
        chosen = with_same_subject(chosen, evidence, info, self.settings.max_citations)
        chosen = with_own_words(chosen, evidence, info, self.settings.max_citations)
        chosen = with_more_words(chosen, evidence, info, self.settings.max_citations)
        chosen = with_their_words(chosen, evidence, info, self.settings.max_citations)
        chosen = whole_quotes(chosen, evidence)
        chosen = with_context(chosen, evidence, info)
        chosen = with_details(chosen, evidence, info, self.stats, self.settings.max_citations)
        chosen = with_cities(chosen, evidence, info, self.settings.max_citations)
        chosen = outcome_first(chosen, info)
        return Prepared(started, [_passage(h) for h in hits], records, evidence, chosen, ok, why)

    def answer(self, question: str) -> Answer:
        """An extractive answer: the sentences that answer the question, quoted verbatim and cited."""
        prepared = self.prepare(question)
        if not prepared.grounded:
            return self.refusal(prepared)
        text, citations = cite(self.settings.corpus_dir, prepared.chosen)
        if not citations:  # every quote failed verification: the files changed since indexing
            return self.refusal(prepared)
        return Answer(
            question=question,
            answer=text,
            citations=citations,
            grounded=True,
            passages=prepared.passages,
            mode="extractive",
            searched_for=question,
            latency_ms=round((time.perf_counter() - prepared.started) * 1000, 2),
        )

    def refusal(self, prepared: Prepared, mode: str = "extractive") -> Answer:
        """The plain "the articles don't say", with the closest passages."""
        return Answer(
            question="",
            answer=not_found_text(prepared.evidence),
            citations=[],
            grounded=False,
            passages=prepared.passages,
            mode=mode,
            searched_for="",
            latency_ms=round((time.perf_counter() - prepared.started) * 1000, 2),
        )


@dataclass
class Prepared:
    """What answering needs from retrieval: passages, sentence records, scored and chosen evidence."""

    started: float
    passages: list[Passage]
    records: list[dict[str, Any]]
    evidence: list[Evidence]
    chosen: list[Evidence]
    grounded: bool
    why: str


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


class _Loading:
    """Run ``make`` in a daemon thread; ``result()`` waits for it and returns its value (or raises its error)."""

    def __init__(self, make: Any) -> None:
        self._make = make
        self._value: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="qa-load-model", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._make()
        except BaseException as exc:  # handed to the caller of result()
            self._error = exc

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value


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
            "closest_sentences",
            "max_citations",
        }
    )
    with _LOCK:
        searcher = _CACHE.get(key)
        now = time.monotonic()
        if searcher is not None and now - _checked.get(key, 0.0) > _RECHECK_SECONDS:
            _checked[key] = now
            try:  # through the searcher's own client: no new connection, two small reads
                changed = searcher.store.fresh_stamp() != searcher.stamp
            except Exception:  # the collection is gone or unreadable: a new Searcher says why
                changed = True
            if changed:
                searcher = None
                if not settings.chroma_url:
                    # Another process (`qa index`) may have written the index: chromadb caches one client per
                    # path, whose segments would miss the new records. Forget it; Searchers in use keep theirs.
                    from qa.store import _forget_clients

                    _forget_clients()
        if searcher is None:
            searcher = Searcher(settings)
            _CACHE[key] = searcher
            _checked[key] = now
        return searcher
