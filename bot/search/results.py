"""What a lookup returns: plain data, shared by the CLI's text and JSON and by the bot."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.index.samples import Sample
from bot.search.verdict import Thresholds, Verdict
from bot.text.links import IdKind, LinkId


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
class IdentitySummary:
    """One published artist id credited under a matched name in one dataset, with its tracks.

    Where a dataset publishes artist ids, a name shared by several people ("Low") is told
    apart by them: each identity is one channel or Spotify artist.
    """

    dataset: str
    dataset_name: str
    link: LinkId
    tracks: int
    samples: tuple[Sample, ...] = ()

    @property
    def kind(self) -> IdKind:
        return self.link.kind

    @property
    def artist_id(self) -> str:
        return self.link.id

    def to_json(self) -> dict[str, Any]:
        return {"dataset": self.dataset, "kind": self.kind.value, "artist_id": self.artist_id,
                "tracks": self.tracks}


@dataclass(frozen=True, slots=True)
class SharedName:
    """Several identities credited under one name in one dataset: different artists."""

    dataset_name: str
    kind: IdKind
    identities: tuple[IdentitySummary, ...]

    def sentence(self, name: str) -> str:
        """"3 different YouTube Music channels are credited as Low in LAION-DISCO-12M"."""
        return (f"{len(self.identities)} different {self.kind.label}s are credited as {name} "
                f"in {self.dataset_name}")


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
    identities: tuple[IdentitySummary, ...] = ()  # artist matches only, most tracks first

    def shared_names(self) -> list[SharedName]:
        """The datasets where this name is credited to more than one published id."""
        groups: dict[tuple[str, IdKind], list[IdentitySummary]] = {}
        for identity in self.identities:
            groups.setdefault((identity.dataset, identity.kind), []).append(identity)
        return [SharedName(group[0].dataset_name, kind, tuple(group))
                for (_, kind), group in groups.items() if len(group) > 1]

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
        else:
            data["identities"] = [i.to_json() for i in self.identities]
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

    @property
    def listed_in(self) -> tuple[DatasetCount, ...]:
        """The datasets this answer lists the song or artist in; none unless found.

        An uncertain match may be someone else: its datasets list nobody's song for sure, so
        nothing ("What can I do?" guidance included) is built on them.
        """
        if self.verdict is not Verdict.FOUND:
            return ()
        return tuple(d for d in self.matches[0].datasets if d.tracks)

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


@dataclass(frozen=True, slots=True)
class LinkMatch:
    """One dataset row holding a looked-up id: listed in dataset X (row Y)."""

    dataset: str
    dataset_name: str
    demo: bool
    title: str  # "" for a row of an id-only dataset (AudioSet, MusicCaps)
    artists: tuple[str, ...]
    album: str | None
    source_id: str | None
    url: str | None
    details: tuple[tuple[str, str], ...] = ()  # ("split", "eval"), ("caption", "…")
    artist_ids: tuple[LinkId | None, ...] = ()  # aligned with `artists`

    def to_json(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "dataset_name": self.dataset_name,
            "title": self.title,
            "artists": list(self.artists),
            "artist_ids": [None if a is None else a.id for a in self.artist_ids],
            "album": self.album,
            "source_id": self.source_id,
            "url": self.url,
            "details": dict(self.details),
            "demo": self.demo,
        }

    def as_sample(self) -> Sample:
        return Sample(self.title, self.artists, self.dataset, self.url, self.source_id, self.demo)


# What a person may paste, for the usage line of both front ends.
LINK_FORMS = (
    "a YouTube or YouTube Music video link (youtube.com/watch?v=…, youtu.be/…, /shorts/…), "
    "a YouTube channel link (youtube.com/channel/UC…), a Spotify track or artist link "
    "(open.spotify.com/track/…, /artist/…, spotify:track:…), an FMA track page "
    "(freemusicarchive.org/music/Artist/Album/Track), or a bare video id (11 characters), "
    "channel id (UC and 22 more) or FMA track number"
)
# An FMA page path may have changed since the 2017 dataset recorded it.
FMA_PAGE_HINT = (
    "FMA page addresses may have changed since the dataset was made (2017): try the track's "
    "number (the digits in its download link) or a lookup by title and artist."
)


@dataclass(frozen=True)
class LinkResult:
    """Every dataset row holding one id: a track's rows, or the tracks credited to an artist id.

    `total` counts every such track (distinct tracks per dataset, as in `datasets`); `matches`
    holds the first of them, up to the lookup's limit. An exact answer: no score, no verdict.
    """

    query: str
    link: LinkId
    found: bool
    total: int
    datasets: tuple[DatasetCount, ...]
    matches: tuple[LinkMatch, ...]
    index_built_at: str | None

    @property
    def is_artist(self) -> bool:
        """A channel or Spotify artist: the answer lists tracks credited to it, paged."""
        return self.link.kind in ARTIST_KINDS

    @property
    def demo(self) -> bool:
        holders = [d for d in self.datasets if d.tracks]
        return bool(holders) and all(d.demo for d in holders)

    @property
    def listed_in(self) -> tuple[DatasetCount, ...]:
        """The datasets holding the id (an exact answer: found means listed)."""
        return tuple(d for d in self.datasets if d.tracks) if self.found else ()

    @property
    def credited_name(self) -> str | None:
        """For an artist id, the name its tracks most often credit it as (None if none)."""
        names: dict[str, int] = {}
        for match in self.matches:
            for name, credited in zip(match.artists, match.artist_ids, strict=False):
                if credited == self.link:
                    names[name] = names.get(name, 0) + 1
        return max(names, key=lambda n: names[n]) if names else None

    @property
    def hint(self) -> str | None:
        """What to try instead when nothing holds an FMA page path."""
        if not self.found and self.link.kind is IdKind.FMA_TRACK and "/" in self.link.id:
            return FMA_PAGE_HINT
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "kind": "link",
            "link": {"type": self.link.kind.value, "id": self.link.id},
            "found": self.found,
            "total": self.total,
            "datasets": [
                {"id": d.id, "name": d.name, "tracks": d.tracks, "demo": d.demo}
                for d in self.datasets
            ],
            "index_built_at": self.index_built_at,
            "matches": [m.to_json() for m in self.matches],
        }


ARTIST_KINDS = frozenset({IdKind.YOUTUBE_CHANNEL, IdKind.SPOTIFY_ARTIST})
