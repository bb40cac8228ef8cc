"""Rank 1 by scoring every indexed name: the yardstick for "the index loses nothing".

`Searcher` scores only the few hundred candidates its trigram index proposes. These scans score
all names with the same functions (`similarities`, `popularity_bonus`) and order them the same
way, so where the two disagree on rank 1 the candidate stage lost the best answer. Slow on
purpose (seconds per query over millions of names): for benchmarks and tests only.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.index.schema import NameKind
from bot.search.scoring import popularity_bonus, similarities

CHUNK = 100_000  # names scored per cdist call: bounds the temporary lists, not the result
_ROUNDING_SLACK = 0.2  # numpy's and Python's rounding to 0.1 may differ by one step


@dataclass(slots=True)
class RankedNames:
    """Every artist or title of an index in rank order (position = rank)."""

    ids: list[int]
    names: list[str]
    norms: list[str]
    tracks: np.ndarray
    _bonus: np.ndarray | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def bonus(self) -> np.ndarray:
        """`popularity_bonus` of each name's track count, computed by the scalar function."""
        if self._bonus is None:
            self._bonus = bonuses(self.tracks)
        return self._bonus


def bonuses(tracks: np.ndarray) -> np.ndarray:
    """`popularity_bonus` per element, bit for bit (numpy's log10 may differ in the last bit)."""
    distinct, inverse = np.unique(tracks, return_inverse=True)
    values = np.array([popularity_bonus(int(t)) for t in distinct], dtype=np.float64)
    return np.asarray(values[inverse], dtype=np.float64)


def load_names(conn: sqlite3.Connection, kind: NameKind) -> RankedNames:
    """All artists or titles of an open index, best-known first."""
    rows = conn.execute(
        f"SELECT id, name, norm, tracks FROM {kind.table} ORDER BY rank").fetchall()
    return RankedNames(
        ids=[r[0] for r in rows], names=[r[1] for r in rows], norms=[r[2] for r in rows],
        tracks=np.fromiter((r[3] for r in rows), dtype=np.int64, count=len(rows)),
    )


def best_song_tracks(conn: sqlite3.Connection, titles: RankedNames) -> np.ndarray:
    """Per title (in rank order), the track count of its largest song (title + lead artist)."""
    most = dict(conn.execute("SELECT title_id, MAX(tracks) FROM songs GROUP BY title_id"))
    return np.fromiter((most.get(i, 0) for i in titles.ids), dtype=np.int64, count=len(titles))


def open_index(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def scores(query: str, names: RankedNames, chunk: int = CHUNK) -> np.ndarray:
    """`similarities(query, name)` for every name, in rank order."""
    parts = [similarities(query, names.norms[start : start + chunk])
             for start in range(0, len(names), chunk)]
    return np.concatenate(parts) if parts else np.empty(0, dtype=np.float64)


def best_name(query: str, names: RankedNames) -> int | None:
    """Rank of the name `Searcher` should put first: highest similarity + bonus, then rank."""
    if not query or not len(names):
        return None
    key = scores(query, names) + names.bonus
    return int(np.argmax(key))  # the first of equal keys: the better rank, as Searcher sorts


def best_song_title(query: str, titles: RankedNames, song_bonus: np.ndarray) -> int | None:
    """Rank of the title of the song `Searcher.lookup_song` (no artist) should put first.

    There a song's key is its title's score rounded to 0.1 plus the bonus of the song's own
    track count; equal keys keep the titles' order (title key, then rank). Only a title's
    largest song can come first, hence one bonus per title (`bonuses(best_song_tracks(…))`).
    """
    if not query or not len(titles):
        return None
    similarity = scores(query, titles)
    rough = np.round(similarity, 1) + song_bonus
    near = np.flatnonzero(rough >= rough.max() - _ROUNDING_SLACK)
    title_key = similarity + titles.bonus

    def order(rank: int) -> tuple[float, float, int]:
        score = round(float(similarity[rank]), 1)
        return (-(score + float(song_bonus[rank])), -float(title_key[rank]), rank)

    return min(near.tolist(), key=order)
