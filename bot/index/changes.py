"""What changed between the previous index and a new one, beyond counts.

Each track has an identity key (its id in the dataset, or its title and credits when the
dataset gives none), hashed to 64 bits; the sorted keys of every dataset are stored in the
index, so the next build finds the tracks added and removed with two set differences. New
artists are found by comparing normalized names with the previous file, attached read-only.
"""

from __future__ import annotations

import hashlib
import heapq
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.index.report import DatasetChange
from bot.index.samples import Sample
from bot.index.schema import CREDIT_SEPARATOR

log = logging.getLogger(__name__)

NEW_ARTIST_EXAMPLES = 5


def track_key(source_id: str | None, title_norm: str, credits: str) -> int:
    """A track's identity, stable across builds."""
    identity = source_id if source_id else f"{title_norm}\x1f{credits}"
    return int.from_bytes(hashlib.blake2b(identity.encode(), digest_size=8).digest(), "little")


def enrich(conn: sqlite3.Connection, previous: Path, changes: list[DatasetChange]) -> None:
    """Fill tracks added/removed and new artists from the previous index, when it has them."""
    current = dict(conn.execute("SELECT id, idx FROM datasets").fetchall())
    attached = _attach(conn, previous)
    for change in changes:
        if change.change == "removed" or change.id not in current:
            continue
        idx = current[change.id]
        old_idx = _old_dataset(conn, change.id) if attached else None
        new_keys = _keys(conn, "main", idx)
        if old_idx is None or new_keys is None:
            change.tracks_added, change.tracks_removed = change.tracks_after, 0
        elif (old_keys := _keys(conn, "prev", old_idx)) is not None and new_keys is not None:
            change.tracks_added = int(np.setdiff1d(new_keys, old_keys, assume_unique=True).size)
            change.tracks_removed = int(np.setdiff1d(old_keys, new_keys, assume_unique=True).size)
        change.new_artists, change.new_artist_names = _new_artists(conn, idx, old_idx)
    if attached:
        conn.execute("DETACH DATABASE prev")


def _attach(conn: sqlite3.Connection, previous: Path) -> bool:
    if not previous.exists():
        return False
    try:
        conn.execute("ATTACH DATABASE ? AS prev", (str(previous),))  # read, never written
        version = conn.execute("PRAGMA prev.user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM prev.sqlite_master")}
    except sqlite3.DatabaseError as exc:
        log.warning("previous index %s cannot be compared: %s", previous, exc)
        return False
    if version < 2 or not {"track_keys", "artist_datasets", "artists"} <= tables:
        conn.execute("DETACH DATABASE prev")
        return False
    return True


def _old_dataset(conn: sqlite3.Connection, dataset_id: str) -> int | None:
    row = conn.execute("SELECT idx FROM prev.datasets WHERE id = ?", (dataset_id,)).fetchone()
    return None if row is None else int(row[0])


def _keys(conn: sqlite3.Connection, schema: str, idx: int) -> np.ndarray | None:
    row = conn.execute(f"SELECT keys FROM {schema}.track_keys WHERE dataset = ?", (idx,)).fetchone()
    return None if row is None else np.frombuffer(row[0], dtype="<u8")


def _new_artists(
    conn: sqlite3.Connection, idx: int, old_idx: int | None
) -> tuple[int, list[str]]:
    """How many artists of the dataset it did not have before, and the best-known few."""
    if old_idx is None:
        absent = ""
        params: tuple[int, ...] = (idx,)
    else:
        absent = (
            " AND NOT EXISTS (SELECT 1 FROM prev.artists pa JOIN prev.artist_datasets pad"
            " ON pad.artist_id = pa.id AND pad.dataset = ? WHERE pa.norm = a.norm)"
        )
        params = (idx, old_idx)
    source = (
        "FROM artist_datasets ad JOIN artists a ON a.id = ad.artist_id"
        f" WHERE ad.dataset = ?{absent}"
    )
    # One pass counts them and keeps the best-known: at full scale each pass is seconds.
    counted = 0

    def rows() -> Iterator[tuple[str, int, int]]:
        nonlocal counted
        for row in conn.execute(f"SELECT a.name, ad.tracks, a.rank {source}", params):
            counted += 1
            yield row

    best = heapq.nsmallest(NEW_ARTIST_EXAMPLES, rows(), key=lambda row: (-row[1], row[2]))
    return counted, [name for name, _, _ in best]


@dataclass(frozen=True)
class ArtistArrival:
    """New tracks by one (watched) artist in one dataset since the previous index."""

    artist_norm: str
    artist_name: str
    dataset_id: str
    dataset_name: str
    new_tracks: int
    samples: tuple[Sample, ...]


def artist_arrivals(
    previous: Path, current: Path, norms: Iterable[str], samples: int = 5
) -> list[ArtistArrival]:
    """For each artist key, the datasets where the new index has tracks the old one had not."""
    wanted = sorted(set(norms))
    if not wanted or not current.exists():
        return []
    conn = sqlite3.connect(f"file:{current}?mode=ro", uri=True)
    try:
        attached = _attach(conn, previous)
        arrivals: list[ArtistArrival] = []
        for norm in wanted:
            arrivals += _arrivals_of(conn, norm, attached, samples)
        return arrivals
    finally:
        conn.close()


def _arrivals_of(
    conn: sqlite3.Connection, norm: str, attached: bool, samples: int
) -> list[ArtistArrival]:
    row = conn.execute("SELECT id, name FROM artists WHERE norm = ?", (norm,)).fetchone()
    if row is None:
        return []
    artist_id, name = row
    arrivals = []
    holdings = conn.execute(
        "SELECT d.idx, d.id, d.name, d.demo FROM artist_datasets ad JOIN datasets d "
        "ON d.idx = ad.dataset WHERE ad.artist_id = ? ORDER BY d.idx",
        (artist_id,),
    ).fetchall()
    for idx, dataset_id, dataset_name, demo in holdings:
        now = _artist_tracks(conn, "main", artist_id, idx)
        before: dict[int, tuple[str, str, str | None]] = {}
        if attached:
            old = conn.execute(
                "SELECT pa.id, pd.idx FROM prev.artists pa, prev.datasets pd "
                "WHERE pa.norm = ? AND pd.id = ?",
                (norm, dataset_id),
            ).fetchone()
            if old is not None:
                before = _artist_tracks(conn, "prev", old[0], old[1])
        new_keys = [key for key in now if key not in before]
        if new_keys:
            shown = tuple(
                Sample(title, tuple(credits.split(CREDIT_SEPARATOR)), dataset_id, url, None,
                       bool(demo))
                for title, credits, url in (now[k] for k in new_keys[:samples])
            )
            arrivals.append(
                ArtistArrival(norm, name, dataset_id, dataset_name, len(new_keys), shown)
            )
    return arrivals


def _artist_tracks(
    conn: sqlite3.Connection, schema: str, artist_id: int, dataset: int
) -> dict[int, tuple[str, str, str | None]]:
    """Track key → (title, credits, link) of one artist's tracks in one dataset."""
    rows = conn.execute(
        f"SELECT t.source_id, ti.norm, t.artists, t.title, t.url FROM {schema}.artist_tracks at "
        f"JOIN {schema}.tracks t ON t.id = at.track_id JOIN {schema}.titles ti "
        "ON ti.id = t.title_id WHERE at.artist_id = ? AND at.dataset = ? ORDER BY t.id",
        (artist_id, dataset),
    )
    return {
        track_key(source_id, title_norm, credits): (title, credits, url)
        for source_id, title_norm, credits, title, url in rows
    }
