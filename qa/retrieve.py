"""Retrieve: hybrid search over the chunks (Chroma vectors + BM25 with bm25s), fused by relative score.

``HybridRetriever`` is a llama-index ``BaseRetriever``; the chunks' nodes are llama-index ``TextNode``s.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any, Protocol

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
        return term in terms or not self.variants(term).isdisjoint(terms)  # ``forms``, without building the set

    def forms(self, term: str) -> set[str]:
        """``term`` and the corpus stems of its word family (``variants``)."""
        return {term} | self.variants(term)

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


TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # llama-index BM25Retriever's default, kept for its indexes


class ChunkTable:
    """The chunks of an index in the BM25 index's row order: each row's node (a ``TextNode``, or the dict
    llama-index stores it as, turned into a node when first asked) and the row of each chunk id."""

    MADE_MAX = 4096  # nodes kept once made; a small index keeps all of them

    def __init__(self, ids: list[str], rows: Sequence[Any]) -> None:
        self.ids = ids
        self.row_of = {node_id: row for row, node_id in enumerate(ids)}
        self._rows = rows
        self._made: dict[int, TextNode] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def node(self, row: int) -> TextNode:
        """The node of ``row``."""
        node = self._made.get(row)
        if node is None:
            from llama_index.core.vector_stores.utils import metadata_dict_to_node

            item = self._rows[row]
            made = item if isinstance(item, TextNode) else metadata_dict_to_node(item)
            assert isinstance(made, TextNode)
            node = made
            if len(self._made) >= self.MADE_MAX:
                self._made.clear()
            self._made[row] = node
        return node


class HybridRetriever(BaseRetriever):
    """Vector and BM25 retrieval over the same chunks, fused by weighted relative scores (or reciprocal rank).

    Both sides return chunk ids and scores only; the nodes of the passages a search returns come from the
    ``ChunkTable``. (llama-index's ``ChromaVectorStore`` and ``BM25Retriever`` make a node of every candidate,
    and Chroma reads each candidate's metadata for it: 9 ms of a 30 ms question at 10k chunks, against 2 ms for
    ids and scores.)
    """

    def __init__(
        self,
        store: Store,
        embed_model: BaseEmbedding,
        chunks: ChunkTable,
        settings: Settings,
        *,
        bm25: Any = None,
        stats: CorpusStats | None = None,
    ) -> None:
        """Search ``store``'s chunks (listed in ``chunks``) by vector and with ``bm25`` (a ``bm25s.BM25`` over
        the same rows, or None)."""
        super().__init__()
        self.store = store
        self.top_k = settings.top_k
        self.k = min(settings.candidate_k, max(len(chunks), 1))
        self.chunks = chunks
        self.bm25 = bm25
        self.embed_model = embed_model
        self.fusion = settings.fusion
        self.bm25_weight = settings.bm25_weight
        self.stats = stats
        self._stemmer = FoldingStemmer()

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        return self.search(query_bundle)[0]

    def search(self, query_bundle: QueryBundle, more: int = 0) -> tuple[list[NodeWithScore], list[NodeWithScore]]:
        """The ``top_k`` fused passages, best first, and the ``more`` best candidates after them."""
        if query_bundle.embedding is None:
            query_bundle.embedding = self.embed_model.get_query_embedding(query_bundle.query_str)
        ranked = [(1.0 - self.bm25_weight, self._vector(query_bundle.embedding))]
        if self.bm25 is not None:
            ranked.append((self.bm25_weight, [hit for hit in self._keywords(query_bundle.query_str) if hit[1] > 0]))
        fused: dict[str, float] = {}
        for weight, results in ranked:
            for node_id, score in _fusion_scores(results, self.fusion).items():
                fused[node_id] = fused.get(node_id, 0.0) + weight * score
        ranking = sorted(fused, key=lambda i: -fused[i])
        nodes = _Nodes(self)
        best = ranking[: self.top_k]
        if self.stats is not None and len(ranking) > len(best):
            best = _with_rarest_term(query_bundle.query_str, best, ranking, nodes, self.stats)
        hits = [NodeWithScore(node=nodes[i], score=fused[i]) for i in best]
        chosen = set(best)
        after = [i for i in ranking if i not in chosen][:more]
        return hits, [NodeWithScore(node=nodes[i], score=fused[i]) for i in after]

    def _vector(self, embedding: list[float]) -> list[tuple[str, float]]:
        got = self.store.chunks.query(query_embeddings=[embedding], n_results=self.k, include=["distances"])
        # the similarity llama-index's ChromaVectorStore gives (relative fusion rescales it, so keep its shape)
        return [(i, math.exp(-d)) for i, d in zip(got["ids"][0], got["distances"][0], strict=True)]

    def _keywords(self, question: str) -> list[tuple[str, float]]:
        import bm25s

        tokens = bm25s.tokenize(question, stemmer=self._stemmer, token_pattern=TOKEN_PATTERN, show_progress=False)
        rows, scores = self.bm25.retrieve(tokens, k=self.k, show_progress=False)
        return [(self.chunks.ids[int(r)], float(s)) for r, s in zip(rows[0], scores[0], strict=True)]


class _Nodes:
    """The nodes of chunk ids, made when first asked for: from the ``ChunkTable``, or read from the store for
    a chunk written after the table was made (another process indexing)."""

    def __init__(self, retriever: HybridRetriever) -> None:
        self._retriever = retriever
        self._read: dict[str, TextNode] = {}

    def __getitem__(self, node_id: str) -> TextNode:
        row = self._retriever.chunks.row_of.get(node_id)
        if row is not None:
            return self._retriever.chunks.node(row)
        if node_id not in self._read:
            from llama_index.core.vector_stores.utils import metadata_dict_to_node

            got = self._retriever.store.chunks.get(ids=[node_id], include=["documents", "metadatas"])
            node = metadata_dict_to_node(got["metadatas"][0], text=got["documents"][0])
            assert isinstance(node, TextNode)
            self._read[node_id] = node
        return self._read[node_id]


class _NodeLookup(Protocol):
    def __getitem__(self, node_id: str, /) -> TextNode: ...


RARE_SHARE = 0.1  # a question word in at most this share of the chunks says what the question is about


def _with_rarest_term(
    question: str, best: list[str], ranking: list[str], nodes: _NodeLookup, stats: CorpusStats
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


def _fusion_scores(results: list[tuple[str, float]], fusion: str) -> dict[str, float]:
    """Per-retriever scores on a common scale: reciprocal rank, or min-max normalised relevance."""
    if fusion == "rrf":
        return {node_id: 1.0 / (RRF_K + rank + 1) for rank, (node_id, _) in enumerate(results)}
    if not results:
        return {}
    scores = [score for _, score in results]
    low, high = min(scores), max(scores)
    span = (high - low) or 1.0
    return {node_id: (score - low) / span for node_id, score in results}


def cosine(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """Cosines of unit-length rows against a vector (normalising the vector)."""
    norm = float(np.linalg.norm(vector)) or 1.0
    return np.asarray(matrix @ (vector / norm))
