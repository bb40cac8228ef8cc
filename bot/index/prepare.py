"""A published track turned into what the index stores, without touching the index.

Everything here depends on the row alone, so it runs in worker processes (`bot.index.workers`)
while the main process interns names and writes rows: the split keeps both cores busy.
"""

from __future__ import annotations

import json
from array import array

from bot.datasets.records import RawTrack, SkippedRow
from bot.index.changes import track_key
from bot.index.schema import CREDIT_SEPARATOR, ID_KIND_CODES, encode_artist_ids
from bot.text.credits import may_credit_in_title, split_credit, track_artists
from bot.text.links import LinkId
from bot.text.normalize import (
    clean_display,
    normalize_name,
    normalize_title,
    strip_topic_suffix,
)

CACHE_LIMIT = 100_000
NO_ARTIST = "no usable artist name"
NO_ID = "no usable id"
Link = tuple[int, str] | tuple[None, None]  # an artist's id as stored: (kind code, value)
NO_LINK: Link = (None, None)


class PreparedBatch:
    """Prepared tracks, one list per field (far cheaper to pass between processes).

    `artists[i]` holds track i's distinct (normalized, shown) names, lead first; rows that
    could not be used are in `skipped`. An id-only track has title "" and no artists.

    A track's own ids are flat columns, one entry per id: `id_row` (the track's position in
    the batch), `id_kind` (`schema.ID_KIND_CODES`) and `id_value`. `artist_links[i]`, aligned
    with `artists[i]`, holds each artist's published id as (kind code, value), (None, None)
    where there is none; None for a track whose credits publish no id. Tracks with the same
    credits share one tuple, which pickling then sends once per batch.
    """

    __slots__ = (
        "albums",
        "artist_ids",
        "artist_links",
        "artists",
        "credits",
        "details",
        "dropped_ids",
        "id_kind",
        "id_row",
        "id_value",
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
        self.artist_ids: list[str | None] = []  # tracks.artist_ids, aligned with `credits`
        self.details: list[str | None] = []
        self.keys = array("Q")
        self.id_row = array("I")
        self.id_kind = array("B")
        self.id_value: list[str] = []
        self.artist_links: list[tuple[Link, ...] | None] = []
        self.skipped: list[SkippedRow] = []
        self.dropped_ids: dict[str, int] = {}  # "YouTube video" -> ids left out of kept rows

    def __len__(self) -> int:
        return len(self.titles) + len(self.skipped)

    def append(self, raw: RawTrack, *, title: str, title_norm: str,
               artists: tuple[tuple[str, str], ...], credits: str, album: str | None,
               url: str | None, artist_ids: str | None, artist_links: tuple[Link, ...] | None,
               details: str | None, key: int) -> None:
        """One prepared track, with each of its own ids once (a row may repeat one)."""
        row = len(self.titles)
        self.titles.append(title)
        self.title_norms.append(title_norm)
        self.artists.append(artists)
        self.credits.append(credits)
        self.albums.append(album)
        self.urls.append(url)
        self.source_ids.append(raw.source_id)
        self.artist_ids.append(artist_ids)
        self.artist_links.append(artist_links)
        self.details.append(details)
        self.keys.append(key)
        for link in raw.ids if len(raw.ids) < 2 else dict.fromkeys(raw.ids):
            self.id_row.append(row)
            self.id_kind.append(ID_KIND_CODES[link.kind])
            self.id_value.append(link.id)


class TrackPreparer:
    """Prepares tracks, remembering each credit tuple's artists (they repeat on every track)."""

    def __init__(self, *, id_only: bool = False) -> None:
        self._credit_cache: dict[tuple[str, ...], _Credited] = {}
        self._id_only = id_only  # the manifest says rows are ids alone: names are not read

    def add(self, raw: RawTrack, batch: PreparedBatch) -> None:
        """Append `raw`, prepared, to `batch` (or to its skipped rows).

        Everything is worked out before the first append, so that a row that raises leaves
        the batch's lists the same length (the caller skips the row).
        """
        if self._id_only:
            if raw.ids:
                self._add_id_only(raw, batch)
            else:
                batch.skipped.append(SkippedRow(0, NO_ID))
            return
        credited = self._credited(raw.artists, raw.title)
        artists = credited.artists
        if not artists:
            batch.skipped.append(SkippedRow(0, NO_ARTIST))
            return
        title_norm = normalize_title(raw.title)
        title = clean_display(raw.title)
        album = clean_display(raw.album) if raw.album else None
        key = track_key(raw.source_id, title_norm, credited.shown)
        url = safe_link(raw.url)
        artist_ids: str | None = None
        artist_links: tuple[Link, ...] | None = None
        if raw.artist_ids:
            artist_ids, artist_links = credited.placed(raw.artists, raw.artist_ids)
        details = _details(raw) if raw.details else None
        batch.append(raw, title=title, title_norm=title_norm, artists=artists,
                     credits=credited.shown, album=album, url=url, artist_ids=artist_ids,
                     artist_links=artist_links, details=details, key=key)

    def _add_id_only(self, raw: RawTrack, batch: PreparedBatch) -> None:
        """A row that names no song (AudioSet, MusicCaps): kept for its ids alone."""
        identity = raw.source_id or f"{raw.ids[0].kind}:{raw.ids[0].id}"
        key = track_key(identity, "", "")
        details = _details(raw) if raw.details else None
        batch.append(raw, title="", title_norm="", artists=(), credits="",
                     album=clean_display(raw.album) if raw.album else None,
                     url=safe_link(raw.url), artist_ids=None, artist_links=None,
                     details=details, key=key)

    def _credited(self, credits: tuple[str, ...], title: str) -> _Credited:
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
        shown, positions = _credit_display(credits)
        result = _Credited(tuple(named.items()), CREDIT_SEPARATOR.join(shown), positions)
        if cacheable:
            if len(self._credit_cache) >= CACHE_LIMIT:
                self._credit_cache.clear()
            self._credit_cache[credits] = result
        return result


class _Credited:
    """A credit tuple, prepared.

    Its distinct artists, the credits shown and which of the published credits they are
    (None: all of them).
    """

    __slots__ = ("_placed", "artists", "shown", "shown_positions")

    def __init__(self, artists: tuple[tuple[str, str], ...], shown: str,
                 shown_positions: tuple[int, ...] | None) -> None:
        self.artists = artists
        self.shown = shown
        self.shown_positions = shown_positions
        self._placed: tuple[tuple[LinkId | None, ...], str | None,
                            tuple[Link, ...] | None] | None = None

    def placed(
        self, credits: tuple[str, ...], links: tuple[LinkId | None, ...]
    ) -> tuple[str | None, tuple[Link, ...] | None]:
        """The credits' ids as `tracks.artist_ids` stores them, and each artist's id.

        The second is aligned with `artists`. A credit's id is its own artist's: the channel
        of "Simon & Garfunkel" is the duo's, not Simon's; of "A feat. B", A's. Kept for the
        next track with the same ids (the same objects, from the reader: checked by identity).
        """
        if self._placed is not None and self._placed[0] == links:
            return self._placed[1], self._placed[2]
        if len(links) == 1 == len(credits) and (link := links[0]) is not None \
                and self.shown_positions is None:  # one credit: the lead's, and shown
            code = ID_KIND_CODES[link.kind]
            self._placed = (links, f"{code}{link.id}",
                            ((code, link.id), *([NO_LINK] * (len(self.artists) - 1))))
            return self._placed[1], self._placed[2]
        shown = self.shown_positions or range(len(credits))
        encoded = encode_artist_ids([links[i] if i < len(links) else None for i in shown])
        at = {norm: number for number, (norm, _) in enumerate(self.artists)}
        aligned: list[Link] = [NO_LINK] * len(self.artists)
        for credit, link in zip(credits, links, strict=False):
            if link is None or (number := _artist_of(credit, at)) is None \
                    or aligned[number] is not NO_LINK:
                continue
            stored = (ID_KIND_CODES[link.kind], link.id)
            if stored not in aligned:  # one id under two names: the first's, counted once
                aligned[number] = stored
        placed = tuple(aligned) if any(link is not NO_LINK for link in aligned) else None
        self._placed = (links, encoded, placed)
        return encoded, placed


def _artist_of(credit: str, at: dict[str, int]) -> int | None:
    """Which of a track's artists (by key) a credit is: the whole credit, else its first."""
    number = at.get(normalize_name(strip_topic_suffix(credit)))  # cached: the usual name
    if number is None and (names := split_credit(credit)):
        number = at.get(normalize_name(names[0]))
    return number


def _details(raw: RawTrack) -> str:
    """What is shown with the row (split, clip, labels, caption), as JSON pairs."""
    return json.dumps([[clean_display(label), clean_display(value, max_len=2000)]
                       for label, value in raw.details], ensure_ascii=False)


def _credit_display(credits: tuple[str, ...]) -> tuple[list[str], tuple[int, ...] | None]:
    """The credits as published ("A feat. B"), minus YouTube's " - Topic" channel suffix.

    With them, the positions of those kept when one is not (an empty credit is not shown).
    """
    shown = [strip_topic_suffix(clean_display(credit)) for credit in credits]
    if all(shown):
        return shown, None
    kept = tuple(at for at, credit in enumerate(shown) if credit)
    return [shown[at] for at in kept], kept


def safe_link(url: str | None) -> str | None:
    """Only web links are kept: a dataset could carry javascript: or other schemes."""
    if url and url.startswith(("https://", "http://")) and " " not in url:
        return url
    return None
