"""Evidence for one match or one link: every track behind it, with where and when it was seen.

A rights-holder sends this to a lawyer or a dataset's maintainers, so each row carries what
identifies it upstream (the dataset's own row id and version, the artist ids it credits) and
the index build it came from. With the guidance file, the export also carries what can be done
next for the datasets in it (`guidance` in the JSON, a CSV of its own), sources and dates kept.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

from bot.catalog.cells import csv_bytes
from bot.datasets.guidance import Guidance, NextSteps
from bot.errors import TrainedOnError
from bot.index.reader import DatasetInfo, TrackRow
from bot.search.results import (
    DatasetCount,
    LinkMatch,
    LinkResult,
    LookupKind,
    LookupResult,
    Match,
)
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
GUIDANCE_HEADER = ("section", "title", "text", "quote", "quote by", "link", "source", "checked")


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
    steps: NextSteps | None = None  # what can be done next, for the datasets of `tracks`

    @property
    def truncated(self) -> bool:
        return len(self.tracks) < self.total_tracks


def _steps(guidance: Guidance | None, tracks: list[ExportTrack]) -> NextSteps | None:
    """The guidance for the datasets the exported tracks are listed in, in their order."""
    if guidance is None or not tracks:
        return None
    return guidance.next_steps((t.dataset_id, t.dataset_name) for t in tracks)


def export_match(
    searcher: Searcher, result: LookupResult, match_index: int = 0, limit: int = 10_000,
    guidance: Guidance | None = None,
) -> Export:
    """Page through every dataset holding the match and gather its tracks, at most `limit`.

    `guidance` is given for a found answer only: an uncertain match may be someone else.
    """
    candidates = result.matches or result.near_misses
    if not 0 <= match_index < len(candidates):
        raise TrainedOnError(f"there is no match number {match_index + 1} to export")
    match = candidates[match_index]
    tracks = _gather(searcher, match.datasets, limit, partial(searcher.track_rows, match.key))
    if len(tracks) < match.total_tracks:
        # Not the name: what people look up is not logged at INFO (docs/PRIVACY.md).
        log.info("an export stopped at %d of %d tracks", len(tracks), match.total_tracks)
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
        steps=_steps(guidance, tracks),
    )


def export_link(searcher: Searcher, result: LinkResult, limit: int = 10_000,
                guidance: Guidance | None = None) -> Export:
    """Every row holding the link's id (a channel's every credited track), at most `limit`."""
    tracks = _gather(searcher, result.datasets, limit, partial(searcher.link_rows, result.link))
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
        steps=_steps(guidance, tracks),
    )


def _gather(searcher: Searcher, counts: Iterable[DatasetCount], limit: int,
            page_of: Callable[[DatasetInfo, int, int], Sequence[TrackRow | LinkMatch]]
            ) -> list[ExportTrack]:
    """Every dataset's rows, page by page (`page_of(dataset, size, offset)`), at most `limit`."""
    tracks: list[ExportTrack] = []
    for count in counts:
        info = searcher.reader.dataset(count.id)
        if info is None or not count.tracks:
            continue
        offset = 0
        while offset < count.tracks and len(tracks) < limit:
            page = page_of(info, min(PAGE_SIZE, limit - len(tracks)), offset)
            if not page:
                break
            tracks += [ExportTrack.of(info, row) for row in page]
            offset += len(page)
    return tracks


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
    if export.steps is not None:
        data["guidance"] = export.steps.to_json()
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def export_guidance_csv(export: Export) -> bytes | None:
    """What can be done next, one route a row, the notice first; None without guidance.

    A file of its own: the tracks' CSV stays one row per track for whoever sorts it.
    """
    steps = export.steps
    if steps is None:
        return None
    rows: list[tuple[str | None, ...]] = [
        ("Notice", "Informational, not legal advice", steps.notice, None, None, None, None,
         steps.checked.isoformat()),
    ]
    if steps.no_route:
        rows.append(("No route on file", None, ", ".join(steps.no_route), None, None, None,
                     None, None))
    for section, item in steps.lines():
        quote = item.quote
        rows.append((section.title, item.title, item.text, quote.text if quote else None,
                     quote.by if quote else None, item.link, item.source,
                     item.checked.isoformat()))
    return csv_bytes(GUIDANCE_HEADER, rows)


def _artists(match: Match) -> tuple[str, ...]:
    return match.artists if match.key.kind == LookupKind.SONG else (match.name,)


def _ids(artist_ids: tuple[LinkId | None, ...]) -> tuple[str | None, ...]:
    return tuple(None if link is None else link.id for link in artist_ids)
