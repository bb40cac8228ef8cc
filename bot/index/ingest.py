"""Reading one dataset's files into the index being built.

Names are interned through the database itself (a UNIQUE key on the normalized form), with
a bounded cache in front, so memory stays flat however many distinct names the sources hold.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.datasets.formats import reader_for
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import RawTrack, SkippedRow
from bot.index.changes import TrackKeys, track_key
from bot.index.report import FileReport
from bot.index.schema import CREDIT_SEPARATOR
from bot.text.credits import may_credit_in_title, track_artists
from bot.text.normalize import (
    clean_display,
    normalize_name,
    normalize_title,
    strip_topic_suffix,
)

log = logging.getLogger(__name__)

BATCH_TRACKS = 5_000
CACHE_LIMIT = 100_000

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to read: where it is, how it is shown in reports, and its format."""

    path: Path
    display: str
    source: SourceSpec


def fingerprint(path: Path) -> str:
    """BLAKE2b of the whole file: any change to a source is noticed by the next build."""
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class NameTable:
    """Interns normalized names into `artists` or `titles`, returning their row ids."""

    def __init__(self, conn: sqlite3.Connection, table: str, prefer_shorter: bool = False) -> None:
        self._conn = conn
        # Titles: the plainest spelling is shown ("Creep" rather than "Creep (Live)").
        self._prefer_shorter = prefer_shorter
        self._rename = f"UPDATE {table} SET name = ? WHERE id = ? AND length(name) > ?"
        self._insert = (
            f"INSERT INTO {table}(norm, name) VALUES (?, ?) ON CONFLICT(norm) DO NOTHING "
            "RETURNING id"
        )
        self._select = f"SELECT id FROM {table} WHERE norm = ?"
        self._cache: dict[str, tuple[int, int]] = {}  # norm -> (id, length of the shown name)

    def id_for(self, norm: str, display: str) -> int:
        found = self._cache.get(norm)
        if found is not None:
            if self._prefer_shorter and len(display) < found[1]:
                self._conn.execute(self._rename, (display, found[0], len(display)))
                self._cache[norm] = (found[0], len(display))
            return found[0]
        row = self._conn.execute(self._insert, (norm, display)).fetchone()
        if row is None:
            row = self._conn.execute(self._select, (norm,)).fetchone()
            if self._prefer_shorter:
                self._conn.execute(self._rename, (display, row[0], len(display)))
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        self._cache[norm] = (int(row[0]), len(display))
        return int(row[0])

    def forget(self) -> None:
        """Drop cached ids (after a rollback they may no longer exist)."""
        self._cache.clear()


class DatasetIngest:
    """Reads every file of one dataset into the tracks and artist_tracks tables."""

    def __init__(
        self, conn: sqlite3.Connection, artists: NameTable, titles: NameTable, next_track_id: int
    ) -> None:
        self._conn = conn
        self._artists = artists
        self._titles = titles
        self.next_track_id = next_track_id
        self._credit_cache: dict[tuple[str, ...], tuple[tuple[int, ...], str]] = {}
        self._keys = TrackKeys()

    def ingest(
        self, dataset_idx: int, files: list[SourceFile], progress: Progress
    ) -> list[FileReport]:
        self._keys = TrackKeys()
        reports: list[FileReport] = []
        for file in files:
            report = FileReport(
                path=file.display, size=file.path.stat().st_size, fingerprint=fingerprint(file.path)
            )
            reports.append(report)
            items = reader_for(file.source)(file.path, file.source)
            for batch in _batches(items):
                self._write_batch(dataset_idx, batch, report)
                progress(len(batch))
            log.info("%s: %d tracks, %d rows skipped", file.display, report.tracks, report.skipped)
        self._keys.write(self._conn, dataset_idx)
        return reports

    def _write_batch(
        self, dataset_idx: int, batch: list[RawTrack | SkippedRow], report: FileReport
    ) -> None:
        track_rows: list[tuple[object, ...]] = []
        credit_rows: list[tuple[int, int, int]] = []
        for item in batch:
            if isinstance(item, SkippedRow):
                report.skip(item.location, item.reason)
                continue
            artist_ids, credits = self._credited(item.artists, item.title)
            if not artist_ids:
                report.skip(0, "no usable artist name")
                continue
            title = clean_display(item.title)
            title_norm = normalize_title(item.title)
            title_id = self._titles.id_for(title_norm, title)
            self._keys.add(track_key(item.source_id, title_norm, credits))
            track_id = self.next_track_id
            self.next_track_id += 1
            track_rows.append(
                (
                    track_id,
                    dataset_idx,
                    title_id,
                    artist_ids[0],
                    title,
                    credits,
                    clean_display(item.album) if item.album else None,
                    _safe_link(item.url),
                    item.source_id,
                )
            )
            credit_rows.extend((artist_id, dataset_idx, track_id) for artist_id in artist_ids)
        self._conn.executemany(
            "INSERT INTO tracks(id, dataset, title_id, lead_artist_id, title, artists, album, "
            "url, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            track_rows,
        )
        self._conn.executemany(
            "INSERT INTO artist_tracks(artist_id, dataset, track_id) VALUES (?, ?, ?)",
            credit_rows,
        )
        report.tracks += len(track_rows)

    def _credited(self, credits: tuple[str, ...], title: str) -> tuple[tuple[int, ...], str]:
        """Artist ids of a track, lead first, and its credits as shown.

        An artist's credit repeats on every one of their tracks, so the result is cached per
        credit tuple; titles that may credit someone ("feat.", "with") take the full path.
        """
        cacheable = not may_credit_in_title(title)
        if cacheable and (found := self._credit_cache.get(credits)) is not None:
            return found
        names = track_artists(credits, title)
        ids = tuple(
            dict.fromkeys(
                self._artists.id_for(norm, name) for name in names if (norm := normalize_name(name))
            )
        )
        result = ids, CREDIT_SEPARATOR.join(_credit_display(credits))
        if cacheable:
            if len(self._credit_cache) >= CACHE_LIMIT:
                self._credit_cache.clear()
            self._credit_cache[credits] = result
        return result

    def forget(self) -> None:
        """Drop every cached id: after a rollback they may no longer exist."""
        self._credit_cache.clear()
        self._artists.forget()
        self._titles.forget()


def _credit_display(credits: tuple[str, ...]) -> list[str]:
    """The credits as published ("A feat. B"), minus YouTube's " - Topic" channel suffix."""
    shown = [strip_topic_suffix(clean_display(credit)) for credit in credits]
    return [credit for credit in shown if credit]


def _safe_link(url: str | None) -> str | None:
    """Only web links are kept: a dataset could carry javascript: or other schemes."""
    if url and url.startswith(("https://", "http://")) and " " not in url:
        return url
    return None


def _batches(items: Iterator[RawTrack | SkippedRow]) -> Iterator[list[RawTrack | SkippedRow]]:
    batch: list[RawTrack | SkippedRow] = []
    for item in items:
        batch.append(item)
        if len(batch) >= BATCH_TRACKS:
            yield batch
            batch = []
    if batch:
        yield batch
