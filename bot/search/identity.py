"""Exact identity: a pasted link or id looked up row by row, and the artist ids behind a name.

A link answer is an index probe, never a fuzzy match: the rows holding the id, or none. Text
that is not a link we know, and a link only a web request could resolve, are errors with one
sentence (exit 2 in a terminal; a private reply in Discord, in the reader's language).
A watched artist id is told what a rebuild added under it (`link_arrivals`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from pathlib import Path

from bot.errors import IndexNotReady, TrainedOnError
from bot.index.changes import ArtistArrival
from bot.index.reader import DatasetInfo, IndexReader, TrackRow
from bot.search.results import (
    ARTIST_KINDS,
    LINK_FORMS,
    DatasetCount,
    IdentitySummary,
    LinkMatch,
    LinkResult,
)
from bot.text.links import LinkId, Unresolvable, parse_link

log = logging.getLogger(__name__)

LINK_MATCHES = 25  # rows in one answer; a channel's other tracks are paged
IDENTITY_SAMPLES = 3  # tracks shown for each of several ids sharing a name
SAMPLED_IDENTITIES = 5  # per dataset: the ids with most tracks get samples, the rest a count


class NotALink(TrainedOnError):
    """Text that is not a link or id of a kind the datasets publish."""


class CannotResolve(TrainedOnError):
    """A link we recognise that only a web request could turn into an id (a @handle)."""

    @classmethod
    def saying(cls, link: Unresolvable) -> CannotResolve:
        """The error carrying `link`'s sentence, and its catalogue key for the bot."""
        if link.what is None:
            return cls(link.sentence, key=link.key)
        return cls(link.sentence, key=link.key, what=link.what)


def read_link(text: str) -> LinkId:
    """The id in a pasted link; NotALink or CannotResolve, each with its sentence, if none."""
    parsed = parse_link(text)
    if parsed is None:
        raise NotALink(f"That is not a link or id TrainedOn can look up: paste {LINK_FORMS}.",
                       key="error-link-not-a-link")
    if isinstance(parsed, Unresolvable):
        raise CannotResolve.saying(parsed)
    return parsed


def lookup_link(reader: IndexReader, link: LinkId, limit: int, query: str) -> LinkResult:
    """Every dataset's rows for `link`, the first `limit` of them as matches."""
    counts = reader.id_dataset_counts(link)
    holders = [d for d in reader.datasets if counts.get(d.idx)]
    if link.kind in ARTIST_KINDS:
        # Taken in turn from each dataset, largest first, as an artist's samples are.
        holders.sort(key=lambda d: -counts[d.idx])
        per_dataset = [reader.tracks_with_id(link, limit, 0, d.idx) for d in holders]
        rows = [batch[i] for i in range(limit) for batch in per_dataset if i < len(batch)]
    else:
        rows = [row for d in holders for row in reader.tracks_with_id(link, limit, 0, d.idx)]
    datasets = tuple(DatasetCount(d.id, d.name, counts.get(d.idx, 0), d.demo)
                     for d in reader.datasets)
    total = sum(counts.values())
    return LinkResult(
        query=query,
        link=link,
        found=total > 0,
        total=total,
        datasets=datasets,
        matches=tuple(link_match(reader, row) for row in rows[:limit]),
        index_built_at=reader.built_at,
    )


def link_rows(reader: IndexReader, link: LinkId, dataset: DatasetInfo, limit: int,
              offset: int) -> list[LinkMatch]:
    """A page of the rows holding `link` in one dataset (paging a channel's tracks)."""
    return [link_match(reader, row)
            for row in reader.tracks_with_id(link, limit, offset, dataset.idx)]


def link_match(reader: IndexReader, row: TrackRow) -> LinkMatch:
    info = reader.by_idx[row.dataset]
    return LinkMatch(
        dataset=info.id, dataset_name=info.name, demo=info.demo, title=row.title,
        artists=row.artists, album=row.album, source_id=row.source_id, url=row.url,
        details=row.details, artist_ids=row.artist_ids,
    )


def identities(reader: IndexReader, artist_id: int, only: DatasetInfo | None
               ) -> tuple[IdentitySummary, ...]:
    """The published ids credited under one name; samples where a dataset has several."""
    found = [i for i in reader.identities(artist_id) if only is None or i.dataset == only.idx]
    per_dataset: dict[int, int] = {}
    for identity in found:
        per_dataset[identity.dataset] = per_dataset.get(identity.dataset, 0) + 1
    summaries = []
    sampled: dict[int, int] = {}
    for identity in found:
        info = reader.by_idx[identity.dataset]
        rows: list[TrackRow] = []
        shared = per_dataset[identity.dataset] > 1
        if shared and sampled.get(identity.dataset, 0) < SAMPLED_IDENTITIES:
            sampled[identity.dataset] = sampled.get(identity.dataset, 0) + 1
            rows = reader.artist_tracks_with_id(artist_id, identity.link, identity.dataset,
                                                IDENTITY_SAMPLES, 0)
        summaries.append(IdentitySummary(
            info.id, info.name, identity.link, identity.tracks,
            tuple(link_match(reader, row).as_sample() for row in rows),
        ))
    return tuple(summaries)


def link_arrivals(previous: Path, current: Path, watched: Mapping[str, LinkId],
                  samples: int = 5) -> list[ArtistArrival]:
    """The tracks credited to each watched artist id that the new index has and the old had not.

    One arrival per id (named by its watch key) and dataset.
    Without a previous index every credited track is new, as for a watched name; a previous
    index that cannot be read (another schema, before ids were indexed) gives no alerts,
    rather than announcing every track an id already had.
    """
    if not watched or not current.exists():
        return []
    before: IndexReader | None = None
    if previous.exists():
        try:
            before = IndexReader(previous)
        except IndexNotReady as exc:
            log.info("no id alerts for this build: the previous index cannot be compared (%s)",
                     exc)
            return []
    now = IndexReader(current)
    try:
        arrivals = []
        for key, link in sorted(watched.items()):
            arrivals += _arrivals_of(now, before, key, link, samples)
        return arrivals
    finally:
        now.close()
        if before is not None:
            before.close()


def _arrivals_of(now: IndexReader, before: IndexReader | None, key: str, link: LinkId,
                 samples: int) -> list[ArtistArrival]:
    counts = now.id_dataset_counts(link)
    arrivals = []
    for info in now.datasets:
        if not counts.get(info.idx):
            continue
        old = before.dataset(info.id) if before is not None else None
        seen = ({_track_key(row) for row in _all_tracks(before, link, old)}
                if before is not None and old is not None else set())
        new = [row for row in _all_tracks(now, link, info) if _track_key(row) not in seen]
        if new:
            shown = tuple(link_match(now, row).as_sample() for row in new[:samples])
            arrivals.append(ArtistArrival(key, _credited(new, link), info.id, info.name,
                                          len(new), shown))
    return arrivals


def _all_tracks(reader: IndexReader, link: LinkId, dataset: DatasetInfo) -> Iterator[TrackRow]:
    offset, page = 0, 1000
    while True:
        rows = reader.tracks_with_id(link, page, offset, dataset.idx)
        yield from rows
        if len(rows) < page:
            return
        offset += page


def _track_key(row: TrackRow) -> tuple[str | None, str, tuple[str, ...]]:
    """A track's identity across builds: its row id in the dataset, else its names."""
    return (row.source_id, "", ()) if row.source_id else (None, row.title, row.artists)


def _credited(rows: list[TrackRow], link: LinkId) -> str:
    """The name the rows credit the id as, else the id itself ("YouTube Music channel UC…")."""
    for row in rows:
        for name, credited in zip(row.artists, row.artist_ids, strict=False):
            if credited == link:
                return name
    return f"{link.kind.label} {link.id}"
