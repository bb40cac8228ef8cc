"""Rows repeating an earlier row's own id are found in a batch, across batches and runs."""

from __future__ import annotations

import sqlite3

import numpy as np

from bot.index import distinct
from bot.index.distinct import TrackKeys


def keys(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.uint64)


def test_a_repeat_in_the_same_batch_is_the_first_rows_track() -> None:
    track_keys = TrackKeys()
    duplicate, tracks = track_keys.admit(keys(10, 20, 10, 30), np.ones(4, bool), first_track=5)
    assert duplicate.tolist() == [False, False, True, False]
    assert tracks.tolist() == [5, 6, 5, 7]


def test_a_repeat_of_an_earlier_batch_is_that_batchs_track() -> None:
    track_keys = TrackKeys()
    track_keys.admit(keys(10, 20), np.ones(2, bool), first_track=1)
    duplicate, tracks = track_keys.admit(keys(30, 20, 20), np.ones(3, bool), first_track=3)
    assert duplicate.tolist() == [False, True, True]
    assert tracks.tolist() == [3, 2, 2]


def test_a_row_without_an_id_of_its_own_is_never_a_duplicate() -> None:
    track_keys = TrackKeys()
    duplicate, tracks = track_keys.admit(keys(10, 10), np.zeros(2, bool), first_track=1)
    assert (duplicate.tolist(), tracks.tolist()) == ([False, False], [1, 2])


def test_many_batches_merge_their_runs_and_store_distinct_sorted_keys(monkeypatch) -> None:
    monkeypatch.setattr(distinct, "MAX_RUN", 64)  # runs stop merging: several are searched
    rng = np.random.default_rng(7)
    values = rng.integers(1, 2**63, 3_000, dtype=np.uint64)
    rows = np.concatenate([values, values[::7]])  # every 7th key again, in later batches
    track_keys, found, first = TrackKeys(), [], 1
    for start in range(0, len(rows), 100):
        batch = rows[start:start + 100]
        duplicate, tracks = track_keys.admit(batch, np.ones(len(batch), bool), first)
        first += int((~duplicate).sum())
        found.extend(tracks.tolist())
    assert first - 1 == 3_000
    assert found[3_000:] == [1 + 7 * i for i in range(len(values[::7]))]
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE track_keys(dataset INTEGER PRIMARY KEY, keys BLOB NOT NULL)")
    track_keys.write(conn, 1)
    stored = np.frombuffer(conn.execute("SELECT keys FROM track_keys").fetchone()[0], "<u8")
    assert stored.tolist() == sorted(set(values.tolist()))
