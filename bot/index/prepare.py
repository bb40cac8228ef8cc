"""A published track turned into what the index stores, without touching the index.

Everything here depends on the row alone, so it runs in worker processes (`bot.index.workers`)
while the main process interns names and writes rows: the split keeps both cores busy.
"""

from __future__ import annotations

from array import array

from bot.datasets.records import RawTrack, SkippedRow
from bot.index.changes import track_key
from bot.index.schema import CREDIT_SEPARATOR
from bot.text.credits import may_credit_in_title, track_artists
from bot.text.normalize import (
    clean_display,
    normalize_name,
    normalize_title,
    strip_topic_suffix,
)

CACHE_LIMIT = 100_000
NO_ARTIST = "no usable artist name"


class PreparedBatch:
    """Prepared tracks, one list per field (far cheaper to pass between processes).

    `artists[i]` holds track i's distinct (normalized, shown) names, lead first; rows that
    could not be used are in `skipped`.
    """

    __slots__ = (
        "albums",
        "artists",
        "credits",
        "keys",
        "skipped",
        "source_ids",
        "title_norms",
        "titles",
        "urls",
    )

    def __init__(self) -> None:
        self.titles: list[str] = []
        self.title_norms: list[str] = []
        self.artists: list[tuple[tuple[str, str], ...]] = []
        self.credits: list[str] = []
        self.albums: list[str | None] = []
        self.urls: list[str | None] = []
        self.source_ids: list[str | None] = []
        self.keys = array("Q")
        self.skipped: list[SkippedRow] = []

    def __len__(self) -> int:
        return len(self.titles) + len(self.skipped)


class TrackPreparer:
    """Prepares tracks, remembering each credit tuple's artists (they repeat on every track)."""

    def __init__(self) -> None:
        self._credit_cache: dict[tuple[str, ...], tuple[tuple[tuple[str, str], ...], str]] = {}

    def add(self, raw: RawTrack, batch: PreparedBatch) -> None:
        """Append `raw`, prepared, to `batch` (or to its skipped rows).

        Everything is worked out before the first append, so that a row that raises leaves
        the batch's lists the same length (the caller skips the row).
        """
        artists, credits = self._credited(raw.artists, raw.title)
        if not artists:
            batch.skipped.append(SkippedRow(0, NO_ARTIST))
            return
        title_norm = normalize_title(raw.title)
        title = clean_display(raw.title)
        album = clean_display(raw.album) if raw.album else None
        key = track_key(raw.source_id, title_norm, credits)
        url = safe_link(raw.url)
        batch.titles.append(title)
        batch.title_norms.append(title_norm)
        batch.artists.append(artists)
        batch.credits.append(credits)
        batch.albums.append(album)
        batch.urls.append(url)
        batch.source_ids.append(raw.source_id)
        batch.keys.append(key)

    def _credited(
        self, credits: tuple[str, ...], title: str
    ) -> tuple[tuple[tuple[str, str], ...], str]:
        """Distinct artists of a track, lead first, and its credits as shown.

        Cached per credit tuple; titles that may credit someone ("feat.", "with") take the
        full path, since their artists depend on the title too.
        """
        cacheable = not may_credit_in_title(title)
        if cacheable and (found := self._credit_cache.get(credits)) is not None:
            return found
        named: dict[str, str] = {}
        for name in track_artists(credits, title):
            if (norm := normalize_name(name)) and norm not in named:
                named[norm] = name
        result = tuple(named.items()), CREDIT_SEPARATOR.join(_credit_display(credits))
        if cacheable:
            if len(self._credit_cache) >= CACHE_LIMIT:
                self._credit_cache.clear()
            self._credit_cache[credits] = result
        return result


def _credit_display(credits: tuple[str, ...]) -> list[str]:
    """The credits as published ("A feat. B"), minus YouTube's " - Topic" channel suffix."""
    shown = [strip_topic_suffix(clean_display(credit)) for credit in credits]
    return [credit for credit in shown if credit]


def safe_link(url: str | None) -> str | None:
    """Only web links are kept: a dataset could carry javascript: or other schemes."""
    if url and url.startswith(("https://", "http://")) and " " not in url:
        return url
    return None
