"""What a lookup returns: plain data, shared by the CLI's text and JSON and by the bot."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.index.samples import Sample
from bot.search.verdict import Thresholds, Verdict


class LookupKind(StrEnum):
    """What a lookup looks for: an artist, or a song (a title by one lead artist).

    Not the kind of name searched (`NameKind`): a song lookup searches titles, and artists too
    when one is given. The values reach JSON, the CLI's arguments and Discord unchanged.
    """

    ARTIST = "artist"
    SONG = "song"

    @property
    def label(self) -> str:
        """The word shown to a person: "Artist" or "Song"."""
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class DatasetCount:
    """How many tracks of a match one dataset holds."""

    id: str
    name: str
    tracks: int
    demo: bool


@dataclass(frozen=True, slots=True)
class MatchKey:
    """Enough to fetch more tracks of a match later (paging): artist id, or title + artist."""

    kind: LookupKind
    artist_id: int
    title_id: int | None = None


@dataclass(frozen=True, slots=True)
class Match:
    """A matched artist or song with its per-dataset counts and sample tracks."""

    name: str
    score: float
    total_tracks: int
    datasets: tuple[DatasetCount, ...]
    samples: tuple[Sample, ...]
    key: MatchKey
    artists: tuple[str, ...] = ()

    @property
    def demo(self) -> bool:
        holders = [d for d in self.datasets if d.tracks]
        return bool(holders) and all(d.demo for d in holders)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "score": self.score,
            "total_tracks": self.total_tracks,
            "datasets": [
                {"id": d.id, "name": d.name, "tracks": d.tracks, "demo": d.demo}
                for d in self.datasets
            ],
            "samples": [
                {
                    "title": s.title,
                    "artists": list(s.artists),
                    "dataset": s.dataset,
                    "url": s.url,
                    "source_id": s.source_id,
                    "demo": s.demo,
                }
                for s in self.samples
            ],
        }
        if self.key.kind == LookupKind.SONG:
            data["artists"] = list(self.artists)
        return data


@dataclass(frozen=True, slots=True)
class LookupResult:
    """Matches above the threshold, best first; near misses when there are none.

    `thresholds` are the ones the searcher kept the matches by, so the verdict cannot be given
    by other numbers than the list was made with.
    """

    query: str
    kind: LookupKind
    matches: tuple[Match, ...]
    near_misses: tuple[Match, ...] = ()
    index_built_at: str = ""
    artist_query: str | None = None
    dataset_filter: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    thresholds: Thresholds = field(kw_only=True)

    @property
    def verdict(self) -> Verdict:
        """Found, uncertain or not found, by the best match (the first: best by rank)."""
        return self.thresholds.judge(self.matches[0].score) if self.matches else Verdict.NOT_FOUND

    @property
    def found(self) -> bool:
        return self.verdict is not Verdict.NOT_FOUND

    @property
    def uncertain(self) -> bool:
        return self.verdict is Verdict.UNCERTAIN

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "kind": self.kind,
            "found": self.found,
            "uncertain": self.uncertain,
            "index_built_at": self.index_built_at,
            "matches": [m.to_json() for m in self.matches],
            "near_misses": [m.to_json() for m in self.near_misses],
        }
