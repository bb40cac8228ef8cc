"""Read access to a built index: every query the search and the front ends need, in one place.

Connections are read-only and per thread (SQLite connections must not cross threads), so a
reader can serve lookups from a thread pool while the event loop stays free.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.errors import IndexNotReady
from bot.index import schema
from bot.index.ranked import RankedNames, meta_keys
from bot.index.report import BuildReport, DatasetStats
from bot.index.schema import (
    ARTIST_ID_KINDS,
    CREDIT_SEPARATOR,
    ID_KIND_CODES,
    ID_KINDS,
    NameKind,
    decode_artist_ids,
)
from bot.text.links import LinkId


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """A dataset as recorded in the index."""

    idx: int
    id: str
    name: str
    description: str
    homepage: str
    license: str
    demo: bool
    version: str | None
    tracks: int  # distinct tracks: rows repeating a track's own id are duplicate_rows
    artists: int
    skipped: int
    built_at: str
    rows: int = 0  # rows read: tracks, skipped and duplicate rows
    duplicate_rows: int = 0
    id_only: bool = False  # answers link lookups only (AudioSet, MusicCaps)
    first_track: int = 0  # its tracks' ids, first_track..last_track
    last_track: int = -1


@dataclass(frozen=True, slots=True)
class NameRow:
    """An artist or a title: its key, display form, track count and popularity rank."""

    id: int
    rank: int
    name: str
    norm: str
    tracks: int


@dataclass(frozen=True, slots=True)
class TrackRow:
    """One track of one dataset, ready to show."""

    id: int
    dataset: int
    title: str
    artists: tuple[str, ...]
    album: str | None
    url: str | None
    source_id: str | None
    details: tuple[tuple[str, str], ...] = ()
    artist_ids: tuple[LinkId | None, ...] = ()  # aligned with `artists`


@dataclass(frozen=True, slots=True)
class Identity:
    """One published artist id credited under one artist name in one dataset."""

    dataset: int  # dataset idx, as TrackRow.dataset
    link: LinkId  # youtube_channel or spotify_artist
    tracks: int  # distinct tracks


@dataclass(frozen=True, slots=True)
class SongGroup:
    """The tracks of one title by one lead artist."""

    artist_id: int
    artist_name: str
    artist_norm: str
    tracks: int
    title: str


_TRACK_COLUMNS = ("t.id, t.dataset, t.title, t.artists, t.album, t.url, t.source_id, "
                  "t.details, t.artist_ids")
# Mapped pages count in the process's memory: the hot data (postings, names by rank) is held
# decoded by the searcher, so a small map is enough for the rows shown.
MMAP_BYTES = 256 << 20


class IndexReader:
    """A read-only view of one index file (the file it opened, even after a swap)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if not path.exists():
            raise IndexNotReady(f"no index at {path} yet: run `trainedon index build` first",
                                key="error-index-missing", path=str(path))
        self._local = threading.local()
        conn = self._conn()
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version != schema.SCHEMA_VERSION:
                raise IndexNotReady(
                    f"the index at {path} has schema {version}, this version needs "
                    f"{schema.SCHEMA_VERSION}: run `trainedon index build`",
                    key="error-index-schema", path=str(path), found=version,
                    needed=schema.SCHEMA_VERSION,
                )
            self.built_at: str = self._meta("built_at") or "unknown"
            # Equal for equal content, whichever machine built it (bot/index/digest.py).
            self.fingerprint: str = self._meta("fingerprint") or ""
            self.datasets: list[DatasetInfo] = self._load_datasets()
        except sqlite3.DatabaseError as exc:
            raise IndexNotReady(f"the index at {path} is unreadable ({exc})",
                                key="error-index-unreadable", path=str(path),
                                reason=str(exc)) from None
        self.by_idx = {d.idx: d for d in self.datasets}

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _meta(self, key: str) -> str | None:
        value = self._meta_value(key)
        return None if value is None else str(value)

    def _meta_value(self, key: str) -> object | None:
        row = self._conn().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def _load_datasets(self) -> list[DatasetInfo]:
        rows = self._conn().execute(
            "SELECT idx, id, name, description, homepage, license, demo, version, tracks, "
            "artists, skipped, built_at, rows, duplicate_rows, id_only, first_track, last_track "
            "FROM datasets ORDER BY idx"
        )
        return [
            DatasetInfo(
                idx=row[0], id=row[1], name=row[2], description=row[3], homepage=row[4],
                license=row[5], demo=bool(row[6]), version=row[7], tracks=row[8],
                artists=row[9], skipped=row[10], built_at=row[11], rows=row[12],
                duplicate_rows=row[13], id_only=bool(row[14]), first_track=row[15],
                last_track=row[16],
            )
            for row in rows
        ]

    def last_report(self) -> BuildReport | None:
        text = self._meta("report")
        return BuildReport.from_json(text) if text else None

    def history(self, limit: int = 10) -> list[BuildReport]:
        """The latest builds' reports, newest first (empty for an index without history)."""
        try:
            rows = self._conn().execute(
                "SELECT report FROM builds ORDER BY built_at DESC LIMIT ?", (limit,)
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [BuildReport.from_json(text) for (text,) in rows]

    def dataset(self, dataset_id: str) -> DatasetInfo | None:
        return next((d for d in self.datasets if d.id == dataset_id), None)

    # --- candidate generation -------------------------------------------------------------

    def postings(self, kind: NameKind, gram: str) -> bytes | None:
        row = self._conn().execute(
            f"SELECT ranks FROM {kind.gram_table} WHERE gram = ?", (gram,)).fetchone()
        return None if row is None else bytes(row[0])

    def names_by_rank(self, kind: NameKind, ranks: list[int]) -> list[NameRow]:
        table = kind.table
        rows: list[NameRow] = []
        for start in range(0, len(ranks), 500):
            chunk = ranks[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows.extend(
                NameRow(*row)
                for row in self._conn().execute(
                    f"SELECT id, rank, name, norm, tracks FROM {table} WHERE rank IN ({marks})",
                    chunk,
                )
            )
        return rows

    def ranked_names(self, kind: NameKind) -> RankedNames | None:
        """Keys and track counts of every name by rank (None for indexes without them)."""
        blobs = [self._meta_value(key) for key in meta_keys(kind)]
        if any(blob is None for blob in blobs):
            return None
        norms, ends, tracks = (bytes(blob) for blob in blobs)  # type: ignore[call-overload]
        return RankedNames(norms, ends, tracks)

    def gram_counts(self, kind: NameKind) -> bytes:
        """Per rank, how many grams each name has (for Jaccard scoring of candidates)."""
        value = self._meta_value(kind.gram_counts_key)
        return b"" if value is None else bytes(value)  # type: ignore[call-overload]

    # --- artists ----------------------------------------------------------------------------

    def artist_dataset_counts(self, artist_id: int) -> dict[int, int]:
        rows = self._conn().execute(
            "SELECT dataset, tracks FROM artist_datasets WHERE artist_id = ?", (artist_id,)
        )
        return dict(rows.fetchall())

    def artist_tracks(
        self, artist_id: int, dataset: int, limit: int, offset: int = 0
    ) -> list[TrackRow]:
        rows = self._conn().execute(
            f"SELECT {_TRACK_COLUMNS} FROM artist_tracks a JOIN tracks t ON t.id = a.track_id "
            "WHERE a.artist_id = ? AND a.dataset = ? ORDER BY a.track_id LIMIT ? OFFSET ?",
            (artist_id, dataset, limit, offset),
        )
        return [_track(row) for row in rows]

    # --- published ids: links people paste ---------------------------------------------------

    def tracks_with_id(self, link: LinkId, limit: int, offset: int = 0,
                       dataset: int | None = None) -> list[TrackRow]:
        """Tracks whose own id is `link`, or credited to it (an artist's id).

        A video, Spotify track or FMA track id gives the tracks that are it; a YouTube
        channel or Spotify artist id gives every track credited to it. Ordered by dataset,
        then row.
        """
        code = ID_KIND_CODES[link.kind]
        if link.kind in ARTIST_ID_KINDS:
            return self._credited_tracks(code, link.id, limit, offset, dataset)
        first, last = self._track_range(dataset)
        rows = self._conn().execute(
            f"SELECT {_TRACK_COLUMNS} FROM track_ids i JOIN tracks t ON t.id = i.track_id "
            "WHERE i.kind = ? AND i.value = ? AND i.track_id BETWEEN ? AND ? "
            "ORDER BY i.track_id LIMIT ? OFFSET ?",
            (code, link.id, first, last, limit, offset),
        )
        return [_track(row) for row in rows]

    def id_dataset_counts(self, link: LinkId) -> dict[int, int]:
        """Dataset idx -> distinct tracks with that id (or credited to that artist id)."""
        conn, code = self._conn(), ID_KIND_CODES[link.kind]
        if link.kind in ARTIST_ID_KINDS:
            rows = conn.execute(
                "SELECT dataset, SUM(tracks) FROM artist_identities WHERE kind = ? AND value = ? "
                "GROUP BY dataset", (code, link.id))
            return {int(dataset): int(count) for dataset, count in rows}
        counts: dict[int, int] = {}
        for info in self.datasets:  # a count of index entries in each dataset's range of ids
            (count,) = conn.execute(
                "SELECT COUNT(*) FROM track_ids WHERE kind = ? AND value = ? "
                "AND track_id BETWEEN ? AND ?",
                (code, link.id, info.first_track, info.last_track),
            ).fetchone()
            if count:
                counts[info.idx] = int(count)
        return counts

    def identities(self, artist_id: int) -> list[Identity]:
        """The published ids credited under one artist name (artists.id), per dataset.

        Most tracks first; empty where the datasets publish none.
        """
        rows = self._conn().execute(
            "SELECT dataset, kind, value, tracks FROM artist_identities WHERE artist_id = ? "
            "ORDER BY tracks DESC, dataset, kind, value",
            (artist_id,),
        )
        return [Identity(int(dataset), LinkId(ID_KINDS[int(kind)], str(value)), int(tracks))
                for dataset, kind, value, tracks in rows]

    def artist_tracks_with_id(self, artist_id: int, link: LinkId, dataset: int,
                              limit: int, offset: int) -> list[TrackRow]:
        """One name's tracks narrowed to one of its identities (a channel link narrows "Low")."""
        rows = self._conn().execute(
            f"SELECT {_TRACK_COLUMNS} FROM artist_tracks a JOIN tracks t ON t.id = a.track_id "
            "WHERE a.artist_id = ? AND a.dataset = ? AND a.link_kind = ? AND a.link = ? "
            "ORDER BY a.track_id LIMIT ? OFFSET ?",
            (artist_id, dataset, ID_KIND_CODES[link.kind], link.id, limit, offset),
        )
        return [_track(row) for row in rows]

    def _credited_tracks(self, code: int, value: str, limit: int, offset: int,
                         dataset: int | None) -> list[TrackRow]:
        """The tracks an artist id is credited on, through the names it is credited under."""
        names = self._conn().execute(
            "SELECT artist_id, dataset FROM artist_identities WHERE kind = ? AND value = ?"
            + ("" if dataset is None else " AND dataset = ?"),
            (code, value) if dataset is None else (code, value, dataset),
        ).fetchall()
        if not names:
            return []
        if len(names) == 1:  # the usual case: read in track order along the primary key
            artist_id, idx = names[0]
            return self.artist_tracks_with_id(artist_id, LinkId(ID_KINDS[code], value), idx,
                                              limit, offset)
        # Under several names (or datasets): one track credited under two of them is listed
        # once, and the pages are in track order.
        branch = ("SELECT track_id FROM artist_tracks WHERE artist_id = ? AND dataset = ? "
                  "AND link_kind = ? AND link = ?")
        rows = self._conn().execute(
            f"SELECT {_TRACK_COLUMNS} FROM tracks t WHERE t.id IN ("
            + " UNION ".join([branch] * len(names)) + ") ORDER BY t.id LIMIT ? OFFSET ?",
            [*(v for artist, idx in names for v in (artist, idx, code, value)), limit, offset],
        )
        return [_track(row) for row in rows]

    def _track_range(self, dataset: int | None) -> tuple[int, int]:
        """The track ids of one dataset (all of them for None)."""
        if dataset is None:
            return 0, 1 << 62
        info = self.by_idx.get(dataset)
        return (info.first_track, info.last_track) if info is not None else (0, -1)

    # --- songs: a title by one lead artist ---------------------------------------------------

    def title_groups_of(
        self, title_ids: list[int], limit: int, artist_ids: list[int] | None = None
    ) -> dict[int, list[SongGroup]]:
        """The songs sharing each normalized title, one per lead artist, most tracks first.

        With `artist_ids`, only the songs led by those artists (an empty list: none). Read
        from the precomputed `songs` table, so a title with thousands of tracks costs no more
        than a rare one, and for every title at once (a song lookup weighs a dozen).
        """
        if not title_ids or (artist_ids is not None and not artist_ids):
            return {}
        only = f" AND artist_id IN ({','.join('?' * len(artist_ids))})" if artist_ids else ""
        # One branch per title, each reading its few rows from songs_by_size in order.
        branch = ("SELECT * FROM (SELECT title_id, artist_id, tracks FROM songs WHERE "
                  f"title_id = ?{only} ORDER BY tracks DESC, artist_id LIMIT ?)")
        rows = self._conn().execute(
            "SELECT s.title_id, s.artist_id, a.name, a.norm, s.tracks, t.name FROM ("
            + " UNION ALL ".join([branch] * len(title_ids))
            + ") AS s JOIN artists a ON a.id = s.artist_id JOIN titles t ON t.id = s.title_id "
            "ORDER BY s.title_id, s.tracks DESC, s.artist_id",
            [value for title_id in title_ids
             for value in (title_id, *(artist_ids or []), limit)],
        )
        groups: dict[int, list[SongGroup]] = {}
        for r in rows:
            groups.setdefault(int(r[0]), []).append(
                SongGroup(int(r[1]), str(r[2]), str(r[3]), int(r[4]), str(r[5])))
        return groups

    def exact_song(self, title_norm: str, artist_norm: str) -> tuple[NameRow, SongGroup] | None:
        """The song whose title and lead artist have exactly these keys, if indexed."""
        row = self._conn().execute(
            "SELECT t.id, t.rank, t.name, t.norm, t.tracks, a.id, a.name, a.norm, s.tracks "
            "FROM titles t JOIN songs s ON s.title_id = t.id JOIN artists a ON a.id = s.artist_id "
            "WHERE t.norm = ? AND a.norm = ?",
            (title_norm, artist_norm),
        ).fetchone()
        if row is None:
            return None
        title = NameRow(row[0], row[1], row[2], row[3], row[4])
        return title, SongGroup(row[5], row[6], row[7], row[8], row[2])

    def song_dataset_counts(self, title_id: int, artist_id: int) -> dict[int, int]:
        rows = self._conn().execute(
            "SELECT dataset, COUNT(*) FROM tracks WHERE title_id = ? AND lead_artist_id = ? "
            "GROUP BY dataset",
            (title_id, artist_id),
        )
        return dict(rows.fetchall())

    def song_tracks(
        self, title_id: int, artist_id: int, dataset: int, limit: int, offset: int = 0
    ) -> list[TrackRow]:
        rows = self._conn().execute(
            f"SELECT {_TRACK_COLUMNS} FROM tracks t WHERE t.title_id = ? AND "
            "t.lead_artist_id = ? AND t.dataset = ? ORDER BY t.id LIMIT ? OFFSET ?",
            (title_id, artist_id, dataset, limit, offset),
        )
        return [_track(row) for row in rows]


def _track(row: tuple[object, ...]) -> TrackRow:
    track_id, dataset, title, artists, album, url, source_id, details, artist_ids = row
    credits = tuple(str(artists).split(CREDIT_SEPARATOR)) if artists else ()
    return TrackRow(
        int(track_id),  # type: ignore[call-overload]
        int(dataset),  # type: ignore[call-overload]
        str(title),
        credits,
        None if album is None else str(album),
        None if url is None else str(url),
        None if source_id is None else str(source_id),
        _details(details),
        decode_artist_ids(None if artist_ids is None else str(artist_ids), len(credits)),
    )


def _details(text: object) -> tuple[tuple[str, str], ...]:
    if not text:
        return ()
    return tuple((str(label), str(value)) for label, value in json.loads(str(text)))


def read_dataset_stats(path: Path) -> tuple[list[DatasetStats], str | None]:
    """The datasets of an existing index and its build time, for the next build's diff."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT id, name, tracks, artists, fingerprint FROM datasets ORDER BY idx"
        ).fetchall()
        built = conn.execute("SELECT value FROM meta WHERE key = 'built_at'").fetchone()
    finally:
        conn.close()
    return [DatasetStats(*row) for row in rows], (built[0] if built else None)


def read_fingerprint(path: Path) -> str | None:
    """The fingerprint of the index file at `path` now, or None if there is none (yet)."""
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None
