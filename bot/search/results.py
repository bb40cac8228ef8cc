"""What a lookup returns: plain data, shared by the CLI's text and JSON and by the bot."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

LookupKind = Literal["artist", "song"]


@dataclass(frozen=True, slots=True)
class DatasetCount:
    """How many tracks of a match one dataset holds."""

    id: str
    name: str
    tracks: int
    demo: bool


@dataclass(frozen=True, slots=True)
class Sample:
    """One track shown as evidence, with its link."""

    title: str
    artists: tuple[str, ...]
    dataset: str
    url: str | None
    source_id: str | None
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
        if self.key.kind == "song":
            data["artists"] = list(self.artists)
        return data


@dataclass(frozen=True, slots=True)
class LookupResult:
    """Matches above the threshold, best first; near misses when there are none."""

    query: str
    kind: LookupKind
    matches: tuple[Match, ...]
    near_misses: tuple[Match, ...] = ()
    index_built_at: str = ""
    confident_score: float = 88.0
    artist_query: str | None = None
    dataset_filter: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def found(self) -> bool:
        return bool(self.matches)

    @property
    def uncertain(self) -> bool:
        return self.found and self.matches[0].score < self.confident_score

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
