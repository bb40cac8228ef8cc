"""Writing gram → ranks postings lists in bounded memory, with the trigrams found in numpy.

Names arrive in rank order, in chunks. A chunk is laid out as one row of UTF-32 code points
per name (padded as `bot.text.grams` pads), so every trigram is three columns packed into
one 63-bit code, computed for the whole chunk at once. Codes get dense gram ids, and the
(gram id << 32 | rank) pairs are gathered until a buffer's worth, sorted, and spilled to a
temporary file as a run. Every run holds larger ranks than the one before, so a gram's list
is the concatenation of its slices of each run, already sorted.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.text.grams import MAX_CHARS, PAD

RANK_MASK = np.uint64(0xFFFFFFFF)
_WIDTH = len(PAD) + MAX_CHARS
_FILL = "\0"  # pads rows to the same width; no normalized name contains it


class PostingsWriter:
    """Collects the grams of names given in rank order and writes one blob per gram."""

    def __init__(self, spill_dir: Path, buffer_pairs: int = 8_000_000) -> None:
        self._spill = tempfile.TemporaryDirectory(dir=spill_dir, prefix="postings-")
        self._buffer_pairs = buffer_pairs
        self._pending: list[np.ndarray] = []
        self._pending_pairs = 0
        self._runs: list[Path] = []
        self._codes = np.empty(0, dtype=np.uint64)  # every gram's code, in id order
        self._sorted = np.empty(0, dtype=np.uint64)  # the same codes sorted ...
        self._sorted_ids = np.empty(0, dtype=np.uint64)  # ... and their ids
        self._counts: list[np.ndarray] = []
        self._next_rank = 0

    @property
    def gram_counts(self) -> np.ndarray:
        """Per rank, its number of distinct grams, capped at 255: for Jaccard scoring."""
        return np.concatenate(self._counts) if self._counts else np.empty(0, dtype=np.uint8)

    def add(self, names: Sequence[str]) -> None:
        """The next names in rank order (normalized, non-empty)."""
        first = self._next_rank
        self._next_rank += len(names)
        if not names:
            return
        padded = "".join((PAD + name[:MAX_CHARS]).ljust(_WIDTH, _FILL) for name in names)
        points = np.frombuffer(padded.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        points = points.reshape(len(names), _WIDTH).astype(np.uint64)
        codes = points[:, :-2] << np.uint64(42) | points[:, 1:-1] << np.uint64(21) | points[:, 2:]
        lengths = np.fromiter((min(len(n), MAX_CHARS) for n in names), np.int64, len(names))
        valid = np.arange(_WIDTH - 2) < lengths[:, None]  # a name of n characters has n grams
        ranks = np.broadcast_to(np.arange(first, first + len(names), dtype=np.uint64)[:, None],
                                codes.shape)[valid]
        gram_ids = self._ids(codes[valid])
        pairs = _distinct(gram_ids << np.uint64(32) | ranks)  # distinct grams per name
        per_rank = np.bincount((pairs & RANK_MASK).astype(np.int64) - first,
                               minlength=len(names))
        self._counts.append(np.minimum(per_rank, 255).astype(np.uint8))
        self._pending.append(pairs)
        self._pending_pairs += len(pairs)
        if self._pending_pairs >= self._buffer_pairs:
            self._spill_run()

    def write(self, conn: sqlite3.Connection, table: str) -> int:
        """Insert every gram's list into `table`; returns the number of grams."""
        self._spill_run()
        # Plain views of the mapped files: slicing a np.memmap costs a Python call each time.
        runs = [np.load(path, mmap_mode="r").view(np.ndarray) for path in self._runs]
        gram_count = len(self._codes)
        bounds = [
            np.searchsorted(run >> np.uint64(32), np.arange(gram_count + 1, dtype=np.uint64))
            for run in runs
        ]
        texts = [_text(int(code)) for code in self._codes]
        rows = []
        for gid in sorted(range(gram_count), key=texts.__getitem__):
            parts = [run[b[gid] : b[gid + 1]] for run, b in zip(runs, bounds, strict=True)]
            ranks = (np.concatenate(parts) & RANK_MASK).astype("<u4")
            rows.append((texts[gid], ranks.tobytes()))
            if len(rows) >= 10_000:
                conn.executemany(f"INSERT INTO {table}(gram, ranks) VALUES (?, ?)", rows)
                rows.clear()
        conn.executemany(f"INSERT INTO {table}(gram, ranks) VALUES (?, ?)", rows)
        del runs
        self._spill.cleanup()
        return gram_count

    def _spill_run(self) -> None:
        if not self._pending:
            return
        pairs = np.concatenate(self._pending)
        pairs.sort()
        self._pending, self._pending_pairs = [], 0
        path = Path(self._spill.name) / f"run-{len(self._runs):05d}.npy"
        np.save(path, pairs)
        self._runs.append(path)

    def _ids(self, codes: np.ndarray) -> np.ndarray:
        """Dense ids of gram codes, new codes numbered after the known ones."""
        order = np.argsort(codes)
        ordered = codes[order]
        first = run_starts(ordered)
        unique = ordered[first]
        inverse = np.empty(len(codes), dtype=np.int64)
        inverse[order] = np.cumsum(first) - 1
        where = np.searchsorted(self._sorted, unique)
        known = where < len(self._sorted)
        known[known] = self._sorted[where[known]] == unique[known]
        ids = np.empty(len(unique), dtype=np.uint64)
        ids[known] = self._sorted_ids[where[known]]
        new = unique[~known]
        ids[~known] = np.arange(len(self._codes), len(self._codes) + len(new), dtype=np.uint64)
        if len(new):
            self._codes = np.concatenate([self._codes, new])
            order = np.argsort(self._codes, kind="stable")
            self._sorted, self._sorted_ids = self._codes[order], order.astype(np.uint64)
        return ids[inverse]


def run_starts(ordered: np.ndarray) -> np.ndarray:
    """Where each run of equal values starts in a sorted array."""
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    return first


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique, without its slower hashing path for integers)."""
    ordered: np.ndarray = np.sort(values)
    distinct: np.ndarray = ordered[run_starts(ordered)]
    return distinct


def _text(code: int) -> str:
    return chr(code >> 42) + chr(code >> 21 & 0x1FFFFF) + chr(code & 0x1FFFFF)


def decode_ranks(blob: bytes) -> np.ndarray:
    """A stored postings list as an array of ranks (ascending)."""
    return np.frombuffer(blob, dtype="<u4")
