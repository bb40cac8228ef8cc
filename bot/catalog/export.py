"""Evidence for one match or one link: every track behind it, with where and when it was seen.

A rights-holder sends this to a lawyer or a dataset's maintainers, so each row carries what
identifies it upstream (the dataset's own row id and version, the artist ids it credits) and
the index build it came from.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.catalog.cells import csv_bytes
from bot.errors import TrainedOnError
from bot.index.reader import DatasetInfo, TrackRow
from bot.search.results import LinkMatch, LinkResult, LookupKind, LookupResult, Match
from bot.search.searcher import Searcher
from bot.text.links import LinkId

log = logging.getLogger(__name__)

PAGE_SIZE = 500
EXPORT_HEADER = (
    "dataset", "dataset name", "dataset version", "dataset indexed at", "source id", "title",
    "artists", "artist ids", "album", "details", "link", "demo", "match", "score", "query",
    "index built at",
)
LINK_KIND = "link"  # Export.kind of a link's export, beside the LookupKind values


@dataclass(frozen=True, slots=True)
class ExportTrack:
    """One track of a match as published by one dataset."""

    dataset_id: str
    dataset_name: str
    dataset_version: str | None
    dataset_built_at: str
    source_id: str | None
    title: str
    artists: tuple[str, ...]
    url: str | None
    demo: bool
    artist_ids: tuple[str | None, ...] = ()  # aligned with `artists`: the id each is credited by
    album: str | None = None
    details: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, info: DatasetInfo, row: TrackRow | LinkMatch) -> ExportTrack:
        return cls(info.id, info.name, info.version, info.built_at, row.source_id, row.title,
                   row.artists, row.url, info.demo, _ids(row.artist_ids), row.album, row.details)


@dataclass(frozen=True, slots=True)
class Export:
    """A match, the lookup that found it, and all its tracks (up to the limit)."""

    query: str
    artist_query: str | None
    kind: str  # a LookupKind value, or LINK_KIND
    match_name: str
    match_artists: tuple[str, ...]
    score: float | None  # None for a link: an exact id, not a score
    index_built_at: str
    exported_at: str
    total_tracks: int
    tracks: list[ExportTrack]

    @property
    def truncated(self) -> bool:
        return len(self.tracks) < self.total_tracks


def export_match(
    searcher: Searcher, result: LookupResult, match_index: int = 0, limit: int = 10_000
) -> Export:
    """Page through every dataset holding the match and gather its tracks, at most `limit`."""
    candidates = result.matches or result.near_misses
    if not 0 <= match_index < len(candidates):
        raise TrainedOnError(f"there is no match number {match_index + 1} to export")
    match = candidates[match_index]
    tracks: list[ExportTrack] = []
    for count in match.datasets:
        info = searcher.reader.dataset(count.id)
        if info is None or not count.tracks:
            continue
        offset = 0
        while offset < count.tracks and len(tracks) < limit:
            size = min(PAGE_SIZE, limit - len(tracks))
            page = searcher.track_rows(match.key, info, size, offset)
            if not page:
                break
            tracks += [ExportTrack.of(info, row) for row in page]
            offset += len(page)
    if len(tracks) < match.total_tracks:
        log.info("export of %r stopped at %d of %d tracks", match.name, len(tracks),
                 match.total_tracks)
    return Export(
        query=result.query,
        artist_query=result.artist_query,
        kind=result.kind,
        match_name=match.name,
        match_artists=_artists(match),
        score=match.score,
        index_built_at=searcher.reader.built_at,
        exported_at=datetime.now(UTC).isoformat(timespec="seconds"),
        total_tracks=match.total_tracks,
        tracks=tracks,
    )


def export_link(searcher: Searcher, result: LinkResult, limit: int = 10_000) -> Export:
    """Every row holding the link's id (a channel's every credited track), at most `limit`."""
    tracks: list[ExportTrack] = []
    for count in result.datasets:
        info = searcher.reader.dataset(count.id)
        if info is None or not count.tracks:
            continue
        offset = 0
        while offset < count.tracks and len(tracks) < limit:
            page = searcher.link_rows(result.link, info, min(PAGE_SIZE, limit - len(tracks)),
                                      offset)
            if not page:
                break
            tracks += [ExportTrack.of(info, row) for row in page]
            offset += len(page)
    link = result.link
    return Export(
        query=result.query,
        artist_query=None,
        kind=LINK_KIND,
        match_name=f"{link.kind.label} {link.id}",
        match_artists=(result.credited_name,) if result.credited_name else (),
        score=None,
        index_built_at=searcher.reader.built_at,
        exported_at=datetime.now(UTC).isoformat(timespec="seconds"),
        total_tracks=result.total,
        tracks=tracks,
    )


def export_csv(export: Export) -> bytes:
    """One row per track, every cell guarded against spreadsheet formulas."""
    match = f"{', '.join(export.match_artists)} - {export.match_name}" \
        if export.kind == LookupKind.SONG and export.match_artists else export.match_name
    query = export.query + (f" (artist: {export.artist_query})" if export.artist_query else "")
    score = "exact id" if export.score is None else export.score
    rows = (
        (t.dataset_id, t.dataset_name, t.dataset_version, t.dataset_built_at, t.source_id,
         t.title, "; ".join(t.artists), "; ".join(i or "" for i in t.artist_ids), t.album,
         "; ".join(f"{name}: {value}" for name, value in t.details), t.url,
         "yes" if t.demo else "no", match, score, query, export.index_built_at)
        for t in export.tracks
    )
    return csv_bytes(EXPORT_HEADER, rows)


def export_json(export: Export) -> bytes:
    """The export as indented UTF-8 JSON, one object with the lookup and its `tracks`."""
    data: dict[str, Any] = {
        "query": export.query,
        "artist_query": export.artist_query,
        "kind": export.kind,
        "match": export.match_name,
        "artists": list(export.match_artists),
        "score": export.score,
        "index_built_at": export.index_built_at,
        "exported_at": export.exported_at,
        "total_tracks": export.total_tracks,
        "truncated": export.truncated,
        "tracks": [
            {
                "dataset": t.dataset_id,
                "dataset_name": t.dataset_name,
                "dataset_version": t.dataset_version,
                "dataset_indexed_at": t.dataset_built_at,
                "source_id": t.source_id,
                "title": t.title,
                "artists": list(t.artists),
                "artist_ids": list(t.artist_ids),
                "album": t.album,
                "details": dict(t.details),
                "url": t.url,
                "demo": t.demo,
            }
            for t in export.tracks
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _artists(match: Match) -> tuple[str, ...]:
    return match.artists if match.key.kind == LookupKind.SONG else (match.name,)


def _ids(artist_ids: tuple[LinkId | None, ...]) -> tuple[str | None, ...]:
    return tuple(None if link is None else link.id for link in artist_ids)
