"""Candidate generation: from a query's trigrams to a few hundred names worth scoring.

Each gram's postings list holds name ranks (0 = most tracks). Hits per name are counted in
numpy; candidates are the best by Jaccard similarity of gram sets (whole-name matches,
typos) together with the best by containment of the query's grams (prefixes typed so far),
ties going to the better-known name. No query ever scans the list of all names.
"""

from __future__ import annotations

import numpy as np

from bot.index.postings import decode_ranks
from bot.index.reader import IndexReader
from bot.search.grams import grams

MAX_POSTINGS = 400_000  # a gram's list is cut to its best-known names beyond this
CANDIDATES = 200
MIN_SHARED = 0.34


class CandidateIndex:
    """The gram index of one kind of name ("artist" or "title") in one index file."""

    def __init__(self, reader: IndexReader, kind: str) -> None:
        self._reader = reader
        self._kind = kind
        self._lengths = np.frombuffer(reader.gram_counts(kind), dtype=np.uint8)

    def candidates(self, norm: str, limit: int = CANDIDATES) -> np.ndarray:
        """Ranks of the names most likely to match `norm`, best first."""
        query_grams = grams(norm)
        lists = []
        for gram in query_grams:
            blob = self._reader.postings(self._kind, gram)
            if blob:
                lists.append(decode_ranks(blob)[:MAX_POSTINGS])
        if not lists:
            return np.empty(0, dtype=np.int64)
        counts = np.bincount(np.concatenate(lists))
        # A name sharing under a third of the query's grams is not worth scoring: one typo
        # spoils at most three grams, so even two typos leave more than that in common.
        need = max(1, min(int(len(query_grams) * MIN_SHARED), int(counts.max())))
        ranks = np.flatnonzero(counts >= need)
        hits = counts[ranks].astype(np.float32)
        lengths = self._lengths[ranks].astype(np.float32) if len(self._lengths) else hits
        jaccard = hits / (len(query_grams) + lengths - hits)
        half = max(1, limit // 2)
        by_jaccard = ranks[_top(jaccard, half)]
        by_containment = ranks[_top(hits, half)]
        return np.unique(np.concatenate([by_jaccard, by_containment]))


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k highest scores; ties to the lower position (the better-known name)."""
    if len(scores) <= k:
        order = np.lexsort((np.arange(len(scores)), -scores))
        return order
    threshold = np.partition(scores, len(scores) - k)[len(scores) - k]
    above = np.flatnonzero(scores > threshold)
    ties = np.flatnonzero(scores == threshold)[: k - len(above)]
    return np.concatenate([above, ties])
