"""Writing gram → ranks postings lists in bounded memory.

Pairs are packed as (gram id << 32 | rank) into fixed-size buffers; a full buffer is sorted
and spilled to a temporary file as a run. Ranks are added in increasing order, so every
run holds larger ranks than the one before and a gram's list is the concatenation of its
slices of each run, already sorted.
"""

from __future__ import annotations

import sqlite3
import tempfile
from array import array
from collections.abc import Iterable
from pathlib import Path

import numpy as np

RANK_MASK = np.uint64(0xFFFFFFFF)


class PostingsWriter:
    """Collects the grams of names given in rank order and writes one blob per gram."""

    def __init__(self, spill_dir: Path, buffer_pairs: int = 4_000_000) -> None:
        self._spill = tempfile.TemporaryDirectory(dir=spill_dir, prefix="postings-")
        self._buffer_pairs = buffer_pairs
        self._buffer = array("Q")
        self._gram_ids: dict[str, int] = {}
        self._runs: list[Path] = []
        self._last_rank = -1
        self.gram_counts = array("B")  # per rank, capped at 255: candidate length for scoring

    def add(self, rank: int, grams: Iterable[str]) -> None:
        if rank <= self._last_rank:
            raise ValueError("ranks must be added in increasing order")
        self._last_rank = rank
        grams = list(grams)
        if rank != len(self.gram_counts):
            raise ValueError("ranks must be consecutive from 0")
        self.gram_counts.append(min(len(grams), 255))
        ids = self._gram_ids
        self._buffer.extend([(ids.setdefault(g, len(ids)) << 32) | rank for g in grams])
        if len(self._buffer) >= self._buffer_pairs:
            self._spill_run()

    def write(self, conn: sqlite3.Connection, table: str) -> int:
        """Insert every gram's list into `table`; returns the number of grams."""
        self._spill_run()
        runs = [np.load(path, mmap_mode="r") for path in self._runs]
        gram_count = len(self._gram_ids)
        bounds = [
            np.searchsorted(run >> np.uint64(32), np.arange(gram_count + 1, dtype=np.uint64))
            for run in runs
        ]
        rows = []
        for gram, gid in sorted(self._gram_ids.items()):
            parts = [run[b[gid] : b[gid + 1]] for run, b in zip(runs, bounds, strict=True)]
            ranks = (np.concatenate(parts) & RANK_MASK).astype("<u4")
            rows.append((gram, ranks.tobytes()))
            if len(rows) >= 10_000:
                conn.executemany(f"INSERT INTO {table}(gram, ranks) VALUES (?, ?)", rows)
                rows.clear()
        conn.executemany(f"INSERT INTO {table}(gram, ranks) VALUES (?, ?)", rows)
        del runs
        self._spill.cleanup()
        return gram_count

    def _spill_run(self) -> None:
        if not self._buffer:
            return
        pairs = np.frombuffer(self._buffer, dtype=np.uint64).copy()
        pairs.sort()
        path = Path(self._spill.name) / f"run-{len(self._runs):05d}.npy"
        np.save(path, pairs)
        self._runs.append(path)
        self._buffer = array("Q")


def decode_ranks(blob: bytes) -> np.ndarray:
    """A stored postings list as an array of ranks (ascending)."""
    return np.frombuffer(blob, dtype="<u4")
