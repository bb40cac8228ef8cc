"""Which rows of a dataset repeat an earlier row's own id: counted once, not indexed again.

The Spotify Tracks Dataset repeats a `track_id` once per genre; a video can be listed twice.
Each row has a 64-bit track key (`bot.index.changes.track_key`, the hash of its own id when it
has one). A dataset's keys are kept as sorted runs of (key, track id) in numpy arrays, 12 bytes
a row, plus a Bloom filter (blocked: four bits in one word per key, so one memory read) that lets
almost every new key through without a search: a batch
of 5,000 rows costs about a millisecond, where a Python set of 12M keys would cost a gigabyte.
At the end the runs become the dataset's sorted distinct keys, stored for the next build's diff.

Two rows are the same track when their keys are equal: a 64-bit collision between two
different ids of one dataset has a chance of about 4 in a million at 12M rows.
"""

from __future__ import annotations

import sqlite3

import numpy as np

BLOOM_WORDS = 1 << 21  # 16 MiB of 64-bit words: about 1 % false positives at 12M keys
_WORD = np.uint64(BLOOM_WORDS - 1)
_SIX = np.uint64(6)
_LOW_SIX = np.uint64(63)
MAX_RUN = 2_000_000  # runs are not merged past this, so a merge never copies the whole set


class TrackKeys:
    """One dataset's track keys, in the order its rows are written."""

    def __init__(self) -> None:
        self._bloom = np.zeros(BLOOM_WORDS, dtype=np.uint64)
        self._keys: list[np.ndarray] = []  # sorted runs, distinct across runs
        self._tracks: list[np.ndarray] = []  # the track id of each key, same layout

    def admit(
        self, keys: np.ndarray, own: np.ndarray, first_track: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """A batch of keys in row order: which rows are duplicates, and every row's track.

        A row is a duplicate when it has its own id (`own`) and its key was seen before, in an
        earlier batch or earlier in this one; a row without one (keyed by title and credits)
        is never one, since a dataset may list the same song twice. The other rows are given
        track ids from `first_track` on, in order. Returns (duplicate mask, track id of each
        row: its new id, or for a duplicate the id of the track it repeats).
        """
        unique, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        earlier = self._find(unique)
        is_first = np.zeros(len(keys), dtype=bool)
        is_first[first] = True
        seen = earlier[inverse] != 0
        duplicate = own & (seen | ~is_first)
        tracks = np.zeros(len(keys), dtype=np.int64)
        kept = ~duplicate
        tracks[kept] = np.arange(first_track, first_track + int(kept.sum()))
        if duplicate.any():  # a key's track: an earlier batch's, else its first row's here
            key_track = np.where(earlier != 0, earlier, tracks[first])
            tracks[duplicate] = key_track[inverse[duplicate]]
        new = earlier == 0
        self._add(unique[new], tracks[first[new]])
        return duplicate, tracks

    def write(self, conn: sqlite3.Connection, dataset_idx: int) -> None:
        """The sorted distinct keys, for the next build's diff (`bot.index.changes`)."""
        self._tracks = []
        self._bloom = np.zeros(0, dtype=np.uint64)
        keys = np.concatenate(self._keys) if self._keys else np.zeros(0, dtype=np.uint64)
        self._keys = []
        keys.sort()
        conn.execute("INSERT INTO track_keys(dataset, keys) VALUES (?, ?)",
                     (dataset_idx, keys.astype("<u8", copy=False).data.cast("B")))

    def _find(self, unique: np.ndarray) -> np.ndarray:
        """The track id holding each (sorted, distinct) key, 0 where it is new."""
        found = np.zeros(len(unique), dtype=np.int64)
        maybe = np.flatnonzero(self._in_bloom(unique))
        if not len(maybe):
            return found
        needles = unique[maybe]
        for keys, tracks in zip(self._keys, self._tracks, strict=True):
            at = np.minimum(np.searchsorted(keys, needles), len(keys) - 1)
            hit = keys[at] == needles
            found[maybe[hit]] = tracks[at[hit]]
        return found

    def _add(self, keys: np.ndarray, tracks: np.ndarray) -> None:
        """Remember new keys (sorted, distinct, none seen before) and their tracks."""
        if not len(keys):
            return
        words, bits = _probes(keys)
        np.bitwise_or.at(self._bloom, words, bits)  # .at: two keys may share a word
        self._keys.append(keys)
        self._tracks.append(tracks.astype(np.uint32))
        # Merge equal-sized neighbours, as a binary counter does: each key is copied about
        # log2(MAX_RUN / batch) times in all.
        while (len(self._keys) > 1 and len(self._keys[-2]) <= 2 * len(self._keys[-1])
               and len(self._keys[-2]) + len(self._keys[-1]) <= MAX_RUN):
            last_keys, last_tracks = self._keys.pop(), self._tracks.pop()
            self._keys[-1], self._tracks[-1] = _merged(
                self._keys[-1], self._tracks[-1], last_keys, last_tracks)

    def _in_bloom(self, keys: np.ndarray) -> np.ndarray:
        words, bits = _probes(keys)
        return np.asarray(self._bloom[words] & bits == bits)


def _probes(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each key's word in the filter and its four bits there (keys are already hashes)."""
    words = (keys >> np.uint64(40)) & _WORD
    one = np.uint64(1)
    bits = ((one << (keys & _LOW_SIX)) | (one << ((keys >> _SIX) & _LOW_SIX))
            | (one << ((keys >> np.uint64(12)) & _LOW_SIX))
            | (one << ((keys >> np.uint64(18)) & _LOW_SIX)))
    return words, bits


def _merged(
    a_keys: np.ndarray, a_tracks: np.ndarray, b_keys: np.ndarray, b_tracks: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Two sorted runs with no key in common, as one.

    A stable sort finds the two runs and merges them in linear time.
    """
    keys = np.concatenate([a_keys, b_keys])
    order = np.argsort(keys, kind="stable")
    return keys[order], np.concatenate([a_tracks, b_tracks])[order]
