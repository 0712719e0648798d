"""Retrieve: hybrid search over the chunks (Chroma vectors + BM25), fused by reciprocal rank.

Both sides are llama-index retrievers (``VectorIndexRetriever`` over ``ChromaVectorStore``, ``BM25Retriever``);
``HybridRetriever`` composes them and is itself a llama-index ``BaseRetriever``.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from qa.settings import Settings
from qa.store import Store
from qa.text import FoldingStemmer, content_terms

RRF_K = 60  # the usual reciprocal-rank-fusion constant


class CorpusStats:
    """Document frequencies of content-term stems over the chunks (for idf weights and 'is this term here')."""

    def __init__(self, texts: list[str]) -> None:
        self.n = max(len(texts), 1)
        self.df: Counter[str] = Counter()
        for text in texts:
            self.df.update(set(content_terms(text)))

    def idf(self, term: str) -> float:
        """Inverse document frequency of a stem (large for rare terms, finite for unseen ones)."""
        return math.log((self.n + 1) / (self.df.get(term, 0) + 0.5))

    def __contains__(self, term: str) -> bool:
        return term in self.df


class HybridRetriever(BaseRetriever):
    """Vector and BM25 retrieval over the same chunks, fused with reciprocal rank fusion."""

    def __init__(self, store: Store, embed_model: BaseEmbedding, nodes: list[TextNode], settings: Settings) -> None:
        from llama_index.core import VectorStoreIndex
        from llama_index.retrievers.bm25 import BM25Retriever
        from llama_index.vector_stores.chroma import ChromaVectorStore

        super().__init__()
        self.top_k = settings.top_k
        k = min(settings.candidate_k, max(len(nodes), 1))
        index = VectorStoreIndex.from_vector_store(ChromaVectorStore(chroma_collection=store.chunks), embed_model)
        self.vector = index.as_retriever(similarity_top_k=k)
        self.bm25 = (
            BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=k, stemmer=FoldingStemmer()) if nodes else None
        )
        self.embed_model = embed_model

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        if query_bundle.embedding is None:
            query_bundle.embedding = self.embed_model.get_query_embedding(query_bundle.query_str)
        ranked = [self.vector.retrieve(query_bundle)]
        if self.bm25 is not None:
            ranked.append([n for n in self.bm25.retrieve(query_bundle) if n.score and n.score > 0])
        fused: dict[str, float] = {}
        nodes: dict[str, Any] = {}
        for results in ranked:
            for rank, hit in enumerate(results):
                fused[hit.node.node_id] = fused.get(hit.node.node_id, 0.0) + 1.0 / (RRF_K + rank + 1)
                nodes.setdefault(hit.node.node_id, hit.node)
        best = sorted(fused, key=lambda i: -fused[i])[: self.top_k]
        return [NodeWithScore(node=nodes[i], score=fused[i]) for i in best]


def cosine(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """Cosines of unit-length rows against a vector (normalising the vector)."""
    norm = float(np.linalg.norm(vector)) or 1.0
    return matrix @ (vector / norm)  # type: ignore[no-any-return]
