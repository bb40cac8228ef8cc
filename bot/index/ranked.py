"""Every name's key and track count in rank order, stored as three blobs in `meta`.

Scoring a query's few hundred candidates needs only their keys and track counts; reading
them from these arrays (a few tens of MB at 21M tracks, loaded in one read) instead of one
table row per candidate halves the cost of a lookup. Rows are read only for the names shown.
"""

from __future__ import annotations

import sqlite3
from array import array

import numpy as np

from bot.index.schema import NameKind

_KEYS = ("{prefix}_norms", "{prefix}_norm_ends", "{prefix}_tracks")


class RankedNamesWriter:
    """Collects names given in rank order, then stores them for `RankedNames`."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._ends = array("Q")
        self._tracks = array("I")
        self._size = 0

    def add(self, norms: list[str], tracks: list[int]) -> None:
        for norm in norms:
            encoded = norm.encode("utf-8", "surrogatepass")
            self._parts.append(encoded)
            self._size += len(encoded)
            self._ends.append(self._size)
        self._tracks.extend(tracks)

    def write(self, conn: sqlite3.Connection, kind: NameKind) -> None:
        norms, ends, tracks = meta_keys(kind)
        conn.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", [
            (norms, b"".join(self._parts)),
            (ends, np.frombuffer(self._ends, dtype=np.uint64).astype("<u8").tobytes()),
            (tracks, np.frombuffer(self._tracks, dtype=np.uint32).astype("<u4").tobytes()),
        ])


class RankedNames:
    """Keys and track counts by rank, held in memory."""

    def __init__(self, norms: bytes, ends: bytes, tracks: bytes) -> None:
        self._norms = norms
        self._ends = np.frombuffer(ends, dtype="<u8")
        self.tracks = np.frombuffer(tracks, dtype="<u4")

    def norms(self, ranks: list[int]) -> list[str]:
        ends, data = self._ends, self._norms
        return [data[ends[rank - 1] if rank else 0 : ends[rank]].decode("utf-8", "surrogatepass")
                for rank in ranks]


def meta_keys(kind: NameKind) -> tuple[str, str, str]:
    """The `meta` keys of one kind's blobs: keys, where each key ends, track counts."""
    norms, ends, tracks = (key.format(prefix=kind.meta_prefix) for key in _KEYS)
    return norms, ends, tracks
