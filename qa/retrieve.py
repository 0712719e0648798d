"""Retrieve: hybrid search over the chunks (Chroma vectors + BM25), fused by reciprocal rank.

Both sides are llama-index retrievers (``VectorIndexRetriever`` over ``ChromaVectorStore``, ``BM25Retriever``);
``HybridRetriever`` composes them and is itself a llama-index ``BaseRetriever``.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import BaseNode, NodeWithScore, QueryBundle, TextNode, TransformComponent

from qa.settings import Settings
from qa.store import Store
from qa.text import FoldingStemmer, content_terms

RRF_K = 60  # the usual reciprocal-rank-fusion constant


class CorpusStats:
    """Document frequencies of content-term stems over the chunks (for idf weights and 'is this term here')."""

    def __init__(self, texts: list[str], sources: list[str] | None = None) -> None:
        self.n = max(len(texts), 1)
        self.df: Counter[str] = Counter()
        self.source_terms: dict[str, set[str]] = {}
        for i, text in enumerate(texts):
            terms = set(content_terms(text))
            self.df.update(terms)
            if sources is not None:
                self.source_terms.setdefault(sources[i], set()).update(terms)

    @classmethod
    def from_counts(cls, n: int, df: dict[str, int], source_terms: Any = None) -> CorpusStats:
        """Statistics computed before (``qa.search_cache``): ``n`` chunks, document frequencies ``df`` and
        the terms of each source (a ``Mapping``; the cache's one reads a source's terms when first asked)."""
        stats = cls.__new__(cls)
        stats.n = max(n, 1)
        stats.df = Counter(df)
        stats.source_terms = source_terms if source_terms is not None else {}
        return stats

    def idf(self, term: str) -> float:
        """Inverse document frequency of a stem (large for rare terms, finite for unseen ones)."""
        return math.log((self.n + 1) / (self.df.get(term, 0) + 0.5))

    def __contains__(self, term: str) -> bool:
        return term in self.df

    @functools.cached_property
    def vocabulary(self) -> list[str]:
        """All stems, sorted (for prefix lookups)."""
        return sorted(self.df)

    def near_spellings(self, name: str) -> list[str]:
        """Corpus stems spelt like ``name`` (difflib ratio >= 0.8, same first two letters, length within 2):
        found through the sorted vocabulary, so the cost does not grow with the corpus. Cached per name."""
        cache: dict[str, list[str]] = self.__dict__.setdefault("_near", {})
        if name not in cache:
            import difflib

            if len(cache) > 4096:  # questions name things without end; the cache must not
                cache.clear()
            vocab = self.vocabulary
            i = bisect.bisect_left(vocab, name[:2])
            same_start = []
            while i < len(vocab) and vocab[i].startswith(name[:2]):
                if abs(len(vocab[i]) - len(name)) <= 2:
                    same_start.append(vocab[i])
                i += 1
            cache[name] = difflib.get_close_matches(name, same_start, n=1, cutoff=0.8)
        return cache[name]

    def found_in(self, term: str, terms: set[str] | frozenset[str]) -> bool:
        """Whether ``terms`` hold ``term`` or a word of its family (``variants``: "economic" for "economy")."""
        return term in terms or not self.variants(term).isdisjoint(terms)

    def variants(self, term: str) -> set[str]:
        """Stems of the same word family as ``term`` in the corpus: the stemmer leaves "economy" and
        "economic" as "economi" and "econom", "diplomat" and "diplomatic" apart. A stem of 5+ letters
        matches the corpus stems it extends by up to 3 letters or that extend it by up to 3. A final "i" the
        stemmer made of a "y" is either: "zelenski" (Zelensky) and "zelenskyy" (Zelenskyy) are one name."""
        if len(term) < 5:
            return set()
        found: set[str] = set()
        vocab = self.vocabulary
        for base in (term, term[:-1] + "y") if term.endswith("i") else (term,):
            found.update(base[:k] for k in range(5, len(base)) if base[:k] in self.df and len(base) - k <= 3)
            i = bisect.bisect_left(vocab, base)
            while i < len(vocab) and vocab[i].startswith(base):
                if 0 < len(vocab[i]) - len(base) <= 3:
                    found.add(vocab[i])
                i += 1
        stemmed = re.sub(r"y+$", "i", term)  # "zelenskyy" as the stemmer writes "Zelensky"
        if stemmed in self.df:
            found.add(stemmed)
        if term.startswith("pre") and len(term) >= 8 and term[3:] in self.df:
            found.add(term[3:])  # a "precondition" is a condition
        found.discard(term)
        return found


class _SearchOnly(TransformComponent):
    """The transformation of an index that is only searched (the indexer writes chunks itself): without
    one, llama-index builds its default node parser, loading a tiktoken encoding (0.4 s) for nothing."""

    def __call__(self, nodes: Any, **kwargs: Any) -> Any:
        return nodes


class HybridRetriever(BaseRetriever):
    """Vector and BM25 retrieval over the same chunks, fused by weighted relative scores (or reciprocal rank)."""

    def __init__(
        self,
        store: Store,
        embed_model: BaseEmbedding,
        nodes: list[TextNode],
        settings: Settings,
        *,
        bm25: Any = None,
        chunk_count: int | None = None,
        stats: CorpusStats | None = None,
    ) -> None:
        """BM25 over ``nodes``, or a ready ``bm25`` retriever over ``chunk_count`` chunks (``qa.search_cache``)."""
        from llama_index.core import VectorStoreIndex
        from llama_index.vector_stores.chroma import ChromaVectorStore

        super().__init__()
        self.top_k = settings.top_k
        k = min(settings.candidate_k, max(len(nodes) if chunk_count is None else chunk_count, 1))
        index = VectorStoreIndex.from_vector_store(
            ChromaVectorStore(chroma_collection=store.chunks), embed_model, transformations=[_SearchOnly()]
        )
        self.vector = index.as_retriever(similarity_top_k=k)
        if bm25 is not None:
            bm25.similarity_top_k = k
        elif nodes:
            from llama_index.retrievers.bm25 import BM25Retriever

            bm25 = BM25Retriever.from_defaults(
                nodes=list[BaseNode](nodes), similarity_top_k=k, stemmer=FoldingStemmer()
            )
        self.bm25 = bm25
        self.embed_model = embed_model
        self.fusion = settings.fusion
        self.bm25_weight = settings.bm25_weight
        self.stats = stats

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return self.search(query_bundle)[0]

    def search(self, query_bundle: QueryBundle) -> tuple[list[NodeWithScore], list[NodeWithScore]]:
        """The ``top_k`` fused passages, best first, and the other candidates either retriever found."""
        if query_bundle.embedding is None:
            query_bundle.embedding = self.embed_model.get_query_embedding(query_bundle.query_str)
        ranked = [(1.0 - self.bm25_weight, self.vector.retrieve(query_bundle))]
        if self.bm25 is not None:
            ranked.append((self.bm25_weight, [n for n in self.bm25.retrieve(query_bundle) if n.score and n.score > 0]))
        fused: dict[str, float] = {}
        nodes: dict[str, Any] = {}
        for weight, results in ranked:
            for node_id, score in _fusion_scores(results, self.fusion).items():
                fused[node_id] = fused.get(node_id, 0.0) + weight * score
            for hit in results:
                nodes.setdefault(hit.node.node_id, hit.node)
        ranking = sorted(fused, key=lambda i: -fused[i])
        best = ranking[: self.top_k]
        if self.stats is not None and len(ranking) > len(best):
            best = _with_rarest_term(query_bundle.query_str, best, ranking, nodes, self.stats)
        hits = [NodeWithScore(node=nodes[i], score=fused[i]) for i in best]
        chosen = set(best)
        return hits, [NodeWithScore(node=nodes[i], score=fused[i]) for i in ranking if i not in chosen]


RARE_SHARE = 0.1  # a question word in at most this share of the chunks says what the question is about


def _with_rarest_term(
    question: str, best: list[str], ranking: list[str], nodes: dict[str, Any], stats: CorpusStats
) -> list[str]:
    """The passages ``best`` (node ids), the last giving way to the best-ranked candidate holding the question's
    rarest word when none of them does: "the US-Ukraine minerals deal" is about minerals, though "progress",
    "deal", "US" and "Ukraine" match other passages better."""
    known = [t for t in content_terms(question) if 0 < stats.df.get(t, 0) <= max(1.0, RARE_SHARE * stats.n)]
    if not known:
        return best
    rarest = min(known, key=lambda t: stats.df[t])
    if any(rarest in content_terms(nodes[i].get_content()) for i in best):
        return best
    holder = next((i for i in ranking[len(best) :] if rarest in content_terms(nodes[i].get_content())), None)
    return best if holder is None else [*best[:-1], holder]


def _fusion_scores(results: list[NodeWithScore], fusion: str) -> dict[str, float]:
    """Per-retriever scores on a common scale: reciprocal rank, or min-max normalised relevance."""
    if fusion == "rrf":
        return {hit.node.node_id: 1.0 / (RRF_K + rank + 1) for rank, hit in enumerate(results)}
    scores = [float(hit.score or 0.0) for hit in results]
    if not scores:
        return {}
    low, high = min(scores), max(scores)
    span = (high - low) or 1.0
    return {hit.node.node_id: (float(hit.score or 0.0) - low) / span for hit in results}


def cosine(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """Cosines of unit-length rows against a vector (normalising the vector)."""
    norm = float(np.linalg.norm(vector)) or 1.0
    return np.asarray(matrix @ (vector / norm))
