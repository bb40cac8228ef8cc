"""Writing one dataset's prepared tracks into the index being built.

Names get their ids in memory, up to a bounded number per table; beyond it, through the
table's UNIQUE key on the normalized form, so memory stays bounded however many distinct names
the sources hold. Reading and preparing rows happens in `bot.index.workers`; this is the
single writer.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

from bot.index.distinct import TrackKeys
from bot.index.prepare import NO_LINK, PreparedBatch
from bot.index.report import FileReport
from bot.index.schema import NameKind
from bot.index.workers import FileRead, FileReaders, SourceFile

log = logging.getLogger(__name__)

CACHE_LIMIT = 4_000_000  # names per table held in memory (about 120 bytes each)
CREDITS_CACHE_LIMIT = 50_000  # credit tuples: each holds its own copies of the names
_NO_LINKS = (NO_LINK,) * 1000  # for tracks whose credits publish no id (zip stops first)

Progress = Callable[[int], None]
T = TypeVar("T")


def _all(values: list[T]) -> list[T]:
    return values


class NameTable:
    """Interns normalized names into `artists` or `titles`, returning their row ids.

    Ids are given here and new names written in batches (`flush`). While every name seen is
    still in memory, a name not found there is new and costs no query; past `limit` names,
    further ones are looked up in the table, so memory stays bounded.
    """

    def __init__(
        self, conn: sqlite3.Connection, kind: NameKind, limit: int = CACHE_LIMIT
    ) -> None:
        self._conn = conn
        self._prefer_shorter = kind.keeps_shortest_name
        self._limit = limit
        table = kind.table
        self._insert = f"INSERT INTO {table}(id, norm, name) VALUES (?, ?, ?)"
        self._rename = f"UPDATE {table} SET name = ? WHERE id = ? AND length(name) > ?"
        self._select = f"SELECT id, length(name) FROM {table} WHERE norm = ?"
        self._next_id = f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}"
        self._known: dict[str, int] = {}  # norm -> id << 16 | length of the shown name
        self._complete = True  # every name in the table is in _known
        self._new: list[tuple[int, str, str]] = []
        self._renamed: list[tuple[str, int, int]] = []
        self._next = 1

    def id_for(self, norm: str, display: str) -> int:
        found = self._known.get(norm)
        if found is None:
            return self._add(norm, display)
        if self._prefer_shorter and len(display) < found & 0xFFFF:
            self._renamed.append((display, found >> 16, len(display)))
            self._known[norm] = (found >> 16) << 16 | len(display)
        return found >> 16

    def _add(self, norm: str, display: str) -> int:
        length = min(len(display), 0xFFFF)
        if not self._complete:
            self.flush()
            row = self._conn.execute(self._select, (norm,)).fetchone()
            if row is not None:
                if self._prefer_shorter and length < row[1]:
                    self._renamed.append((display, row[0], length))
                return int(row[0])
        name_id = self._next
        self._next += 1
        self._new.append((name_id, norm, display))
        if len(self._known) < self._limit:
            self._known[norm] = name_id << 16 | length
        else:
            self._complete = False
        return name_id

    def flush(self) -> None:
        """Write the names given ids since the last flush."""
        if self._new:
            self._conn.executemany(self._insert, self._new)
            self._new.clear()
        if self._renamed:
            self._conn.executemany(self._rename, self._renamed)
            self._renamed.clear()

    def forget(self) -> None:
        """After a rollback: ids in memory may no longer exist, so ask the table from now on."""
        self._known.clear()
        self._new.clear()
        self._renamed.clear()
        self._complete = False
        self._next = int(self._conn.execute(self._next_id).fetchone()[0])


class DatasetIngest:
    """Writes every file of one dataset into the tracks and artist_tracks tables.

    Each credited artist's published id goes beside its artist_tracks row; the tracks' own
    ids go to the staging table (`schema.CREATE_STAGING`), sorted into place once every
    dataset is read. A row repeating an earlier row's own id (`TrackKeys`) is counted, not
    written: its own ids are added to the track it repeats.
    """

    def __init__(
        self, conn: sqlite3.Connection, artists: NameTable, titles: NameTable, next_track_id: int
    ) -> None:
        self._conn = conn
        self._artists = artists
        self._titles = titles
        self.next_track_id = next_track_id
        # Artist ids per credited-artists tuple: a band's credit repeats on all its tracks.
        self._ids_cache: dict[tuple[tuple[str, str], ...], tuple[int, ...]] = {}
        self._keys = TrackKeys()

    def ingest(
        self, dataset_idx: int, files: list[SourceFile], readers: FileReaders, progress: Progress
    ) -> list[FileReport]:
        self._keys = TrackKeys()
        reports = [FileReport(path=f.display, size=f.path.stat().st_size, fingerprint="")
                   for f in files]
        for position, message in readers.read(files):
            report = reports[position]
            if isinstance(message, FileRead):
                report.fingerprint = message.fingerprint
                log.info("%s: %d tracks, %d rows skipped, %d duplicate rows", report.path,
                         report.tracks, report.skipped, report.duplicates)
                continue
            self._write_batch(dataset_idx, message, report)
            progress(len(message))
        self._keys.write(self._conn, dataset_idx)
        self._keys = TrackKeys()  # its filter and runs are freed before the next dataset
        return reports

    def _write_batch(self, dataset_idx: int, batch: PreparedBatch, report: FileReport) -> None:
        for skipped in batch.skipped:
            report.skip(skipped.location, skipped.reason)
        for label, count in batch.dropped_ids.items():
            report.invalid_ids[label] = report.invalid_ids.get(label, 0) + count
        if not batch.titles:
            return
        first = self.next_track_id
        own = np.fromiter((s is not None for s in batch.source_ids), bool, len(batch.titles))
        duplicate, track_of = self._keys.admit(np.frombuffer(batch.keys, dtype=np.uint64), own,
                                               first)
        rows: Sequence[int] = range(len(batch.titles))
        kept: Callable[[list[T]], list[T]] = _all
        if duplicate.any():
            rows = np.flatnonzero(~duplicate).tolist()
            report.duplicates += len(batch.titles) - len(rows)

            def kept(values: list[T]) -> list[T]:
                return [values[r] for r in rows]
        track_ids = range(first, first + len(rows))
        self.next_track_id = track_ids.stop
        title_id_for = self._titles.id_for
        titles, norms = kept(batch.titles), kept(batch.title_norms)
        title_ids = [title_id_for(norm, title) if norm else None
                     for norm, title in zip(norms, titles, strict=True)]
        artist_ids = [self._artist_ids(artists) for artists in kept(batch.artists)]
        self._artists.flush()
        self._titles.flush()
        self._conn.executemany(
            "INSERT INTO tracks(id, dataset, title_id, lead_artist_id, title, artists, album, "
            "url, source_id, artist_ids, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            zip(track_ids, [dataset_idx] * len(rows), title_ids,
                [ids[0] if ids else None for ids in artist_ids], titles, kept(batch.credits),
                kept(batch.albums), kept(batch.urls), kept(batch.source_ids),
                kept(batch.artist_ids), kept(batch.details), strict=True),
        )
        self._conn.executemany(
            "INSERT INTO artist_tracks(artist_id, dataset, track_id, link_kind, link) "
            "VALUES (?, ?, ?, ?, ?)",
            [(artist_id, dataset_idx, track_id, kind, value)
             for track_id, ids, published in zip(track_ids, artist_ids,
                                                 kept(batch.artist_links), strict=True)
             for artist_id, (kind, value) in zip(ids, published or _NO_LINKS, strict=False)],
        )
        if batch.id_value:
            self._stage_ids(batch, duplicate, track_of)
        report.tracks += len(rows)

    def _stage_ids(self, batch: PreparedBatch, duplicate: np.ndarray,
                   track_of: np.ndarray) -> None:
        """The tracks' own ids, for `track_ids`; a duplicate row's go to the track it repeats.

        Those may already be that track's, so they are kept apart and merged last: the rest
        are distinct, and go in with no check per row.
        """
        rows = np.frombuffer(batch.id_row, dtype=np.uint32)
        tracks = track_of[rows].tolist()
        insert = "INSERT INTO staging.{}(kind, value, track_id) VALUES (?, ?, ?)"
        if not duplicate.any():
            self._conn.executemany(insert.format("ids"),
                                   zip(batch.id_kind, batch.id_value, tracks, strict=True))
            return
        repeated = duplicate[rows].tolist()
        entries = list(zip(batch.id_kind, batch.id_value, tracks, repeated, strict=True))
        self._conn.executemany(insert.format("ids"), [e[:3] for e in entries if not e[3]])
        self._conn.executemany(insert.format("merged"), [e[:3] for e in entries if e[3]])

    def _artist_ids(self, artists: tuple[tuple[str, str], ...]) -> tuple[int, ...]:
        found = self._ids_cache.get(artists)
        if found is None:
            found = tuple(self._artists.id_for(norm, name) for norm, name in artists)
            if len(self._ids_cache) >= CREDITS_CACHE_LIMIT:
                self._ids_cache.clear()
            self._ids_cache[artists] = found
        return found

    def forget(self) -> None:
        """Drop every cached id: after a rollback they may no longer exist."""
        self._ids_cache.clear()
        self._artists.forget()
        self._titles.forget()
