"""Artist, song and link lookups and autocomplete suggestions over one index.

Independent of Discord and of the CLI: both front ends, and the benchmarks, call these
methods. They are synchronous and CPU-bound; the bot runs them in a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from bot.config import Config, SearchSettings
from bot.errors import TrainedOnError
from bot.index.reader import DatasetInfo, IndexReader, NameRow, SongGroup, TrackRow
from bot.index.samples import Sample
from bot.index.schema import NameKind
from bot.search import identity
from bot.search.candidates import CandidateIndex
from bot.search.results import (
    DatasetCount,
    LinkMatch,
    LinkResult,
    LookupKind,
    LookupResult,
    Match,
    MatchKey,
)
from bot.search.scoring import popularity_bonus, similarities, similarity
from bot.search.verdict import Thresholds, Verdict
from bot.text.links import LinkId

MAX_QUERY_CHARS = 200
TITLES_CONSIDERED = 12
GROUPS_PER_TITLE = 8
ARTISTS_CONSIDERED = 20
ARTIST_CANDIDATE_SCORE = 60.0
NEAR_MISSES = 3
ARTIST_WEIGHT = 0.35  # share of the song score that comes from the artist, when one is given


class UnknownDataset(TrainedOnError):
    """A --dataset filter names a dataset the index does not have."""


@dataclass(frozen=True, slots=True)
class _Scored:
    score: float
    key: float
    row: NameRow


class Ranked:
    """Scored candidates, best first.

    Their rows are read from the index a page at a time, since most lookups show only the
    first few.
    """

    PAGE = 25

    def __init__(
        self, reader: IndexReader, kind: NameKind, order: list[tuple[float, int, float]]
    ) -> None:
        self._reader = reader
        self._kind = kind
        self._order = order  # (sort key, rank, similarity)
        self._rows: dict[int, NameRow] = {}

    def __iter__(self) -> Iterator[_Scored]:
        for position, (key, rank, score) in enumerate(self._order):
            if rank not in self._rows:
                page = [r for _, r, _ in self._order[position : position + self.PAGE]]
                self._rows.update((row.rank, row) for row in self._reader.names_by_rank(
                    self._kind, page))
            yield _Scored(round(score, 1), key, self._rows[rank])

    def top(self, count: int) -> list[_Scored]:
        return list(islice(self, count))

    def while_key_at_least(self, threshold: float) -> Iterator[_Scored]:
        """The candidates that may score `threshold` or more (keys never fall below scores)."""
        for item in self:
            if item.key + 0.05 < threshold:  # 0.05: scores are shown rounded to 0.1
                return
            yield item


class Searcher:
    """Lookups over one IndexReader; build a new Searcher for a new index file."""

    def __init__(self, reader: IndexReader, settings: SearchSettings | None = None) -> None:
        self.reader = reader
        self.settings = settings or SearchSettings()
        self.thresholds = Thresholds.from_settings(self.settings)
        self._candidates = {kind: CandidateIndex(reader, kind) for kind in NameKind}
        self._ranked_names = {kind: reader.ranked_names(kind) for kind in NameKind}

    @classmethod
    def open(cls, config: Config) -> Searcher:
        """A searcher over the configured index, with the configured settings."""
        return cls.at(config.index_path, config.search)

    @classmethod
    def at(cls, index_path: Path, settings: SearchSettings) -> Searcher:
        """A searcher over the index file at `index_path` (a worker process opens its own)."""
        return cls(IndexReader(index_path), settings)

    # --- public lookups ---------------------------------------------------------------------

    def lookup_artist(
        self, query: str, limit: int | None = None, dataset: str | None = None,
        detailed: int | None = None,
    ) -> LookupResult:
        """Matches for an artist's name, best first.

        `detailed`: how many matches (from the best) carry sample tracks and artist ids; None,
        all of them. A Discord answer shows them for the best match only, and they are most of
        a lookup's work (a few rows from every dataset, for each match).
        """
        only = self._dataset_filter(dataset)
        norm = NameKind.ARTIST.normalize(query[:MAX_QUERY_CHARS])
        scored: Iterable[_Scored] = self._score(NameKind.ARTIST, norm) if norm else ()
        matches: list[Match] = []
        near: list[Match] = []
        wanted = limit or self.settings.max_matches
        for item in scored:
            counts = self.reader.artist_dataset_counts(item.row.id)
            if only is not None and only.idx not in counts:
                continue
            found = self.thresholds.judge(item.score) is not Verdict.NOT_FOUND
            match = self._artist_match(item, counts, only,
                                       _detail(detailed, matches if found else near))
            if found:
                matches.append(match)
            elif not matches and len(near) < NEAR_MISSES:
                near.append(match)
            if len(matches) >= wanted or (not matches and len(near) >= NEAR_MISSES):
                break
        return self._result(query, LookupKind.ARTIST, matches, near, dataset)

    def lookup_song(
        self,
        query: str,
        artist: str | None = None,
        limit: int | None = None,
        dataset: str | None = None,
        detailed: int | None = None,
    ) -> LookupResult:
        """Matches for a song's title (and artist), best first; `detailed` as for artists."""
        only = self._dataset_filter(dataset)
        norm = NameKind.TITLE.normalize(query[:MAX_QUERY_CHARS])
        artist_norm = NameKind.ARTIST.normalize(artist[:MAX_QUERY_CHARS]) if artist else ""
        if limit == 1 and norm and artist_norm:
            # The common case of a catalog row: the exact song, found by its keys alone.
            exact = self.reader.exact_song(norm, artist_norm)
            if exact is not None:
                title_row, group = exact
                counts = self.reader.song_dataset_counts(title_row.id, group.artist_id)
                if only is None or only.idx in counts:
                    match = self._song_match(title_row, group, 100.0, counts, only)
                    return self._result(query, LookupKind.SONG, [match], [], dataset, artist)
        titles = self._score(NameKind.TITLE, norm).top(TITLES_CONSIDERED) if norm else []
        # With an artist, the songs of the artists it may mean are fetched directly: a title
        # shared by hundreds of artists would otherwise hide the one asked for.
        artist_ids = [s.row.id for s in islice(
            (s for s in self._score(NameKind.ARTIST, artist_norm).while_key_at_least(
                ARTIST_CANDIDATE_SCORE) if s.score >= ARTIST_CANDIDATE_SCORE),
            ARTISTS_CONSIDERED,
        )] if artist_norm else []
        songs: list[tuple[float, float, NameRow, SongGroup]] = []
        seen: set[tuple[int, int]] = set()
        title_ids = [item.row.id for item in titles]
        of_artists = self.reader.title_groups_of(title_ids, GROUPS_PER_TITLE, artist_ids)
        biggest = self.reader.title_groups_of(title_ids, GROUPS_PER_TITLE)
        for item in titles:
            groups = of_artists.get(item.row.id, []) + biggest.get(item.row.id, [])
            for group in groups:
                if (item.row.id, group.artist_id) in seen:
                    continue
                seen.add((item.row.id, group.artist_id))
                score = item.score
                if artist_norm:
                    fit = similarity(artist_norm, group.artist_norm)
                    score = (1 - ARTIST_WEIGHT) * score + ARTIST_WEIGHT * fit
                songs.append((score, score + popularity_bonus(group.tracks), item.row, group))
        songs.sort(key=lambda s: s[1], reverse=True)
        matches: list[Match] = []
        near: list[Match] = []
        wanted = limit or self.settings.max_matches
        for score, _, title_row, group in songs:
            counts = self.reader.song_dataset_counts(title_row.id, group.artist_id)
            if only is not None and only.idx not in counts:
                continue
            found = self.thresholds.judge(score) is not Verdict.NOT_FOUND
            match = self._song_match(title_row, group, score, counts, only,
                                     _detail(detailed, matches if found else near))
            if found:
                matches.append(match)
            elif not matches and len(near) < NEAR_MISSES:
                near.append(match)
            if len(matches) >= wanted or (not matches and len(near) >= NEAR_MISSES):
                break
        return self._result(query, LookupKind.SONG, matches, near, dataset, artist)

    def lookup_link(self, link: LinkId, limit: int | None = None, query: str | None = None
                    ) -> LinkResult:
        """The rows holding one id in every dataset: exact, never a fuzzy guess.

        `query` is what was pasted (shown back and in JSON); by default the id itself.
        """
        wanted = limit or identity.LINK_MATCHES
        return identity.lookup_link(self.reader, link, wanted, link.id if query is None else query)

    def suggest(self, kind: NameKind, text: str, limit: int = 25) -> list[str]:
        """Names to offer while a person types: their own text first, then the best guesses."""
        norm = kind.normalize(text[:MAX_QUERY_CHARS])
        if not norm:
            return []
        names = [s.row.name for s in self._score(kind, norm).top(limit)]
        return list(dict.fromkeys(names))[:limit]

    # --- paging -------------------------------------------------------------------------

    def tracks(self, key: MatchKey, dataset: DatasetInfo, limit: int, offset: int) -> list[Sample]:
        """A page of a match's tracks in one dataset."""
        return [self._sample(row) for row in self.track_rows(key, dataset, limit, offset)]

    def track_rows(self, key: MatchKey, dataset: DatasetInfo, limit: int, offset: int
                   ) -> list[TrackRow]:
        """The same page as the index holds it, artist ids included (for evidence exports)."""
        if key.kind == LookupKind.ARTIST:
            return self.reader.artist_tracks(key.artist_id, dataset.idx, limit, offset)
        assert key.title_id is not None
        return self.reader.song_tracks(key.title_id, key.artist_id, dataset.idx, limit, offset)

    def link_rows(self, link: LinkId, dataset: DatasetInfo, limit: int, offset: int
                  ) -> list[LinkMatch]:
        """A page of the rows holding (or credited to) `link` in one dataset."""
        return identity.link_rows(self.reader, link, dataset, limit, offset)

    def link_tracks(self, link: LinkId, dataset: DatasetInfo, limit: int, offset: int
                    ) -> list[Sample]:
        """The same page, as tracks to show."""
        return [m.as_sample() for m in self.link_rows(link, dataset, limit, offset)]

    # --- internals ----------------------------------------------------------------------

    def _score(self, kind: NameKind, norm: str) -> Ranked:
        names = self._ranked_names[kind]
        ranks = [int(r) for r in self._candidates[kind].candidates(norm)]
        if names is None:  # an index without the arrays: read every candidate's row
            rows = self.reader.names_by_rank(kind, ranks)
            ranks = [row.rank for row in rows]
            norms, tracks = [row.norm for row in rows], [row.tracks for row in rows]
        else:
            norms, tracks = names.norms(ranks), names.tracks[ranks].tolist()
        scores = similarities(norm, norms).tolist()
        order = sorted(
            ((score + popularity_bonus(count), rank, score)
             for rank, score, count in zip(ranks, scores, tracks, strict=True)),
            key=lambda item: (-item[0], item[1]),
        )
        return Ranked(self.reader, kind, order)

    def _dataset_filter(self, dataset: str | None) -> DatasetInfo | None:
        if dataset is None:
            return None
        info = self.reader.dataset(dataset)
        if info is None:
            known = ", ".join(d.id for d in self.reader.datasets)
            raise UnknownDataset(f"no dataset {dataset!r} in the index (indexed: {known})")
        return info

    def _counts(self, counts: dict[int, int], only: DatasetInfo | None) -> list[DatasetCount]:
        shown = [only] if only is not None else self.reader.datasets
        return [DatasetCount(d.id, d.name, counts.get(d.idx, 0), d.demo) for d in shown]

    def _artist_match(
        self, item: _Scored, counts: dict[int, int], only: DatasetInfo | None,
        detailed: bool = True,
    ) -> Match:
        datasets = self._counts(counts, only)
        samples = self._spread(
            lambda d, n: self.reader.artist_tracks(item.row.id, d.idx, n), counts, only
        ) if detailed else []
        return Match(
            name=item.row.name,
            score=item.score,
            total_tracks=sum(d.tracks for d in datasets),
            datasets=tuple(datasets),
            samples=tuple(samples),
            key=MatchKey(LookupKind.ARTIST, item.row.id),
            identities=identity.identities(self.reader, item.row.id, only) if detailed else (),
        )

    def _song_match(
        self,
        title: NameRow,
        group: SongGroup,
        score: float,
        counts: dict[int, int],
        only: DatasetInfo | None,
        detailed: bool = True,
    ) -> Match:
        datasets = self._counts(counts, only)
        samples = self._spread(
            lambda d, n: self.reader.song_tracks(title.id, group.artist_id, d.idx, n), counts, only
        ) if detailed else []
        return Match(
            name=group.title,
            score=round(score, 1),
            total_tracks=sum(d.tracks for d in datasets),
            datasets=tuple(datasets),
            samples=tuple(samples),
            key=MatchKey(LookupKind.SONG, group.artist_id, title.id),
            artists=(group.artist_name,),
        )

    def _spread(
        self,
        fetch: Callable[[DatasetInfo, int], list[TrackRow]],
        counts: dict[int, int],
        only: DatasetInfo | None,
    ) -> list[Sample]:
        """Samples taken in turn from every dataset that has tracks, largest first."""
        wanted = self.settings.samples_per_match
        holders = [
            d
            for d in self.reader.datasets
            if counts.get(d.idx) and (only is None or d.idx == only.idx)
        ]
        holders.sort(key=lambda d: -counts[d.idx])
        per_dataset = [fetch(d, wanted) for d in holders]
        samples: list[Sample] = []
        for i in range(wanted):
            for rows in per_dataset:
                if i < len(rows) and len(samples) < wanted:
                    samples.append(self._sample(rows[i]))
        return samples

    def _sample(self, row: TrackRow) -> Sample:
        info = self.reader.by_idx[row.dataset]
        return Sample(row.title, row.artists, info.id, row.url, row.source_id, info.demo)

    def _result(
        self,
        query: str,
        kind: LookupKind,
        matches: list[Match],
        near: list[Match],
        dataset: str | None,
        artist: str | None = None,
    ) -> LookupResult:
        return LookupResult(
            query=query,
            kind=kind,
            matches=tuple(matches),
            near_misses=tuple(near) if not matches else (),
            index_built_at=self.reader.built_at,
            thresholds=self.thresholds,
            dataset_filter=dataset,
            artist_query=artist,
        )


def _detail(detailed: int | None, before: list[Match]) -> bool:
    """Whether the next match of a list already holding `before` gets samples and ids."""
    return detailed is None or len(before) < detailed
