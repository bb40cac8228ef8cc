"""Candidate generation: from a query's trigrams to a few hundred names worth scoring.

Each gram's postings list holds name ranks (0 = most tracks). Hits per name are counted in
numpy; candidates are the best by Jaccard similarity of gram sets (whole-name matches,
typos) together with the best by containment of the query's grams (prefixes typed so far),
ties going to the better-known name.
"""

from __future__ import annotations

import threading

import numpy as np

from bot.index.postings import decode_ranks
from bot.index.reader import IndexReader
from bot.index.schema import NameKind
from bot.text.grams import grams

MAX_POSTINGS = 400_000  # a gram's list is cut to its best-known names beyond this
CANDIDATES = 200
MIN_SHARED = 0.34
MAX_CACHED_BYTES = 384 << 20  # per kind of name


class CandidateIndex:
    """The gram index of one kind of name (artists or titles) in one index file.

    Postings lists are decoded once and kept (the whole index's lists take a few hundred MB
    at 21M tracks, bounded by MAX_CACHED_BYTES). Hits are counted in a per-thread byte array
    with one slot per name, touched only where the lists point and cleared with one fill,
    so a query costs the length of its lists rather than the number of names.
    """

    def __init__(self, reader: IndexReader, kind: NameKind) -> None:
        self._reader = reader
        self._kind = kind
        self._lengths = np.frombuffer(reader.gram_counts(kind), dtype=np.uint8)
        self._lists: dict[str, np.ndarray] = {}
        self._cached_bytes = 0
        self._slots = len(self._lengths)
        self._local = threading.local()

    def candidates(self, norm: str, limit: int = CANDIDATES) -> np.ndarray:
        """Ranks of the names most likely to match `norm`, best first."""
        query_grams = grams(norm)
        lists = [found for gram in query_grams if (found := self._postings(gram)) is not None]
        if not lists:
            return np.empty(0, dtype=np.int64)
        counts = self._counts()
        try:
            for ranks in lists:
                counts[ranks] += 1  # ranks are distinct within a list
            # A name sharing under a third of the query's grams is not worth scoring: one typo
            # spoils at most three grams, so even two typos leave more than that in common.
            need = max(1, int(len(query_grams) * MIN_SHARED))
            ranks = np.flatnonzero(counts >= need)
            if not len(ranks):
                ranks = np.flatnonzero(counts >= max(1, int(counts.max())))
            shared = counts[ranks]
        finally:
            counts.fill(0)
        hits = shared.astype(np.float32)
        lengths = self._lengths[ranks].astype(np.float32) if len(self._lengths) else hits
        jaccard = hits / (len(query_grams) + lengths - hits)
        half = max(1, limit // 2)
        by_jaccard = ranks[_top(jaccard, half)]
        by_containment = ranks[_top_counts(shared, half)]
        return np.unique(np.concatenate([by_jaccard, by_containment]))

    def _postings(self, gram: str) -> np.ndarray | None:
        found = self._lists.get(gram)
        if found is None:
            blob = self._reader.postings(self._kind, gram)
            if not blob:
                return None
            # As native indexes: numpy would convert them on every use (about 20 % of a count).
            found = decode_ranks(blob)[:MAX_POSTINGS].astype(np.intp)
            self._slots = max(self._slots, int(found[-1]) + 1)
            if self._cached_bytes + found.nbytes <= MAX_CACHED_BYTES:
                self._lists[gram] = found
                self._cached_bytes += found.nbytes
        return found

    def _counts(self) -> np.ndarray:
        """Hit counters of the calling thread, one byte per name, all zero."""
        counts: np.ndarray | None = getattr(self._local, "counts", None)
        if counts is None or len(counts) < self._slots:
            counts = np.zeros(self._slots, dtype=np.uint8)
            self._local.counts = counts
        return counts


def _top_counts(counts: np.ndarray, k: int) -> np.ndarray:
    """`_top` for small whole numbers (grams shared), by counting instead of partitioning.

    Shared-gram counts take a handful of values, and numpy's partition degrades on so many
    equal keys: 17 ms for 200,000 counts of 4 values, against under 1 ms counted
    (bench/lookup_latency.py, autocomplete at 21M).
    """
    if len(counts) <= k:
        return _top(counts.astype(np.float32), k)
    tally = np.bincount(counts)
    at_least = np.cumsum(tally[::-1])[::-1]  # at_least[v]: how many counts are >= v
    threshold = int(np.flatnonzero(at_least >= k)[-1])
    above = np.flatnonzero(counts > threshold)
    ties = np.flatnonzero(counts == threshold)[: k - len(above)]
    return np.concatenate([above, ties])


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k highest scores; ties to the lower position (the better-known name)."""
    if len(scores) <= k:
        order = np.lexsort((np.arange(len(scores)), -scores))
        return order
    threshold = np.partition(scores, len(scores) - k)[len(scores) - k]
    above = np.flatnonzero(scores > threshold)
    ties = np.flatnonzero(scores == threshold)[: k - len(above)]
    return np.concatenate([above, ties])
