"""Turning one row of any format into a RawTrack, by column roles."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bot.datasets.formats.fields import bind_spec
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import DroppedId, RawTrack, unexpected_reason
from bot.errors import ManifestError, SourceError
from bot.text.links import IdKind, LinkId, parse_link, video_id_in

MAX_FIELD_CHARS = 2000
ARTIST_LINK_CACHE = 100_000  # artist ids kept per reader, as LinkIds to reuse
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which column of a file plays which role; None when the file has no such column.

    After `title`..`id`, the published identifiers (`ID_ROLES`): a video id, a YouTube link
    to take the video id from, the credited artists' channel ids (aligned with `artists`),
    a Spotify track id, the primary artist's Spotify id, an FMA track id.
    """

    title: str
    artists: str
    album: str | None = None
    url: str | None = None
    id: str | None = None
    video_id: str | None = None
    video_url: str | None = None
    artist_id: str | None = None
    spotify_id: str | None = None
    spotify_artist_id: str | None = None
    fma_id: str | None = None

    def required(self) -> list[str]:
        return [self.title, self.artists]

    def roles(self) -> tuple[str | None, ...]:
        """Column names in the order RowConverter.convert takes their values."""
        return (self.title, self.artists, self.album, self.url, self.id, self.video_id,
                self.video_url, self.artist_id, self.spotify_id, self.spotify_artist_id,
                self.fma_id)

    def all(self) -> list[str]:
        return list(dict.fromkeys(n for n in self.roles() if n))

    def bind(self, available: Collection[str], file_name: str) -> ColumnMap:
        """Pick, for each role, the first alternative ("a|b") the file really has.

        A joined alternative ("a+b", `bot.datasets.formats.fields`) keeps the fields present.
        """
        present = set(available)

        def pick(spec: str | None) -> str | None:
            return bind_spec(spec, present) if spec else None

        title, artists = pick(self.title), pick(self.artists)
        for role, spec, found in (("title", self.title, title), ("artists", self.artists, artists)):
            if found is None:
                shown = ", ".join(visible(name) for name in list(available)[:12]) or "none"
                raise SourceError(
                    f"{file_name}: no {role} column {spec!r} (columns: {shown})"
                )
        assert title is not None and artists is not None
        return ColumnMap(title, artists, *(pick(spec) for spec in self.roles()[2:]))


ID_ROLES = ("video_id", "video_url", "artist_id", "spotify_id", "spotify_artist_id", "fma_id")


@dataclass(frozen=True, slots=True)
class FormatPreset:
    """A built-in format: its default columns and how to build a link from the row id.

    `url_is_track_page`: the url column links to the track's own page, which `parse_link`
    turns into an id (FMA's raw_tracks.csv `track_url`), shown over https.
    `video_is_row_id`: a row without an id column is identified by its video (Sleeping-DISCO
    lists YouTube videos; its Genius ids name songs, which several rows may share).
    `link_kind`: the kind of id `url_template`
    takes; a link is built only from an id of that form, so a Genius id in a video id's place
    never becomes youtube.com/watch?v=<genius id>.
    """

    columns: Mapping[str, str | None]
    url_template: str | None = None
    artist_separator: str | None = None
    url_is_track_page: bool = False
    video_is_row_id: bool = False
    link_kind: IdKind | None = None


def resolve_columns(preset: FormatPreset, source: SourceSpec) -> ColumnMap:
    """The preset's columns, overridden role by role by the manifest's `columns:`."""
    merged: dict[str, str | None] = {**preset.columns, **source.columns}
    title, artists = merged.get("title"), merged.get("artists")
    if not title or not artists:
        raise ManifestError(
            f"source {source.path}: format {source.format} needs columns.title and "
            "columns.artists in the manifest"
        )
    return ColumnMap(
        title=title,
        artists=artists,
        album=merged.get("album"),
        url=merged.get("url"),
        id=merged.get("id"),
        **{role: merged.get(role) for role in ID_ROLES},
    )


class RowConverter:
    """Builds a RawTrack from a row accessor, or says why the row is malformed.

    Ids that fail `IdKind.is_valid_id` are left out of the track and collected in `dropped`,
    which the reader turns into DroppedId items (`dropped_ids`) before yielding the track.
    """

    def __init__(self, columns: ColumnMap, preset: FormatPreset, source: SourceSpec) -> None:
        self.columns = columns
        self.url_template = source.url_template or preset.url_template
        self.separator = source.artist_separator or preset.artist_separator
        self.url_is_track_page = preset.url_is_track_page
        self.video_is_row_id = preset.video_is_row_id
        # A manifest's own template is the operator's word; the preset's knows its id's form.
        self.link_kind = None if source.url_template else preset.link_kind
        self._video_only = bool(columns.video_id) and not (
            columns.video_url or columns.spotify_id or columns.fma_id or self.url_is_track_page)
        self.dropped: list[IdKind] = []
        self._channels: dict[str, LinkId] = {}  # artist ids seen, by their text
        self._spotify_artists: dict[str, LinkId] = {}

    def convert(
        self, title_value: Any, artists_value: Any, album: Any, url: Any, source_id: Any,
        video_id: Any = None, video_url: Any = None, artist_id: Any = None,
        spotify_id: Any = None, spotify_artist_id: Any = None, fma_id: Any = None,
    ) -> RawTrack | str:
        """A row's values in role order (None where the file has no such column).

        Whatever a value holds, the answer is a track or a reason: one odd value must cost
        its row, never the file (the try costs nothing per row until something raises).
        """
        try:
            title = _text(title_value)
            if isinstance(title, BadValue):
                return f"title: {title.reason}"
            if not title:
                return "missing title"
            items = self._artist_items(artists_value)
            artists: list[str] = []
            for item in items:
                name = _text(item)
                if isinstance(name, BadValue):
                    return f"artists: {name.reason}"
                if name:
                    artists.append(name)
            if not artists:
                return "no artist credited"
            extras: dict[str, str] = {}
            for role, raw in (("album", album), ("id", source_id), ("url", url)):
                value = _text(raw)
                if isinstance(value, BadValue):
                    return f"{role}: {value.reason}"
                extras[role] = value
            url, source_id = extras["url"], extras["id"]
            if self.url_is_track_page and url.startswith("http://"):
                url = "https://" + url[7:]  # FMA's 2017 dump wrote http; its pages are https
            ids: tuple[LinkId, ...] = ()
            if self._video_only and type(video_id) is str and len(video_id) == 11:
                try:  # LAION's song_id: the common case, without the general path's steps
                    ids = (LinkId(IdKind.YOUTUBE_VIDEO, video_id),)
                except ValueError:
                    self.dropped.append(IdKind.YOUTUBE_VIDEO)
            elif video_id is not None or video_url is not None or spotify_id is not None \
                    or fma_id is not None or (self.url_is_track_page and url):
                ids = self._own_ids(video_id, video_url, spotify_id, fma_id, url)
            if not source_id and self.video_is_row_id and ids:
                source_id = ids[0].id
            if url and self.url_template and not url.startswith(("http://", "https://")):
                # a bare video id in a link column
                url = self.url_template.format(id=url) if self._linkable(url, ids) else ""
            elif not url and source_id and self.url_template and self._linkable(source_id, ids):
                url = self.url_template.format(id=source_id)
            artist_ids: tuple[LinkId | None, ...] = ()
            if artist_id is not None or spotify_artist_id is not None:
                artist_ids = self._artist_ids(artist_id, spotify_artist_id, items,
                                              len(artists))
            return RawTrack(
                title=title,
                artists=tuple(artists),
                album=extras["album"] or None,
                url=url or None,
                source_id=source_id or None,
                ids=ids,
                artist_ids=artist_ids,
            )
        except Exception as exc:  # a value no check foresaw: its row, not the file
            self.dropped.clear()
            return unexpected_reason(exc)

    def _linkable(self, value: str, ids: tuple[LinkId, ...]) -> bool:
        """Whether a link may be built from `value`: it has the form the template takes."""
        if self.link_kind is None or (ids and ids[0].id == value):  # checked as an id already
            return True
        return self.link_kind.is_valid_id(value)

    def dropped_ids(self, location: int) -> list[DroppedId]:
        """The ids left out of the row just converted, as reader items; clears them."""
        items = [DroppedId(location, kind) for kind in self.dropped]
        self.dropped.clear()
        return items

    def _artist_items(self, value: Any) -> list[Any]:
        if value is None:
            return []
        if isinstance(value, list | tuple):
            if self.separator and any(isinstance(item, str) for item in value):
                return [part for item in value  # joined fields ("a+b") of credit strings
                        for part in (item.split(self.separator) if isinstance(item, str)
                                     else (item,))]
            return list(value)
        if isinstance(value, str) and self.separator:
            return value.split(self.separator)
        return [value]

    def _own_ids(
        self, video_id: Any, video_url: Any, spotify_id: Any, fma_id: Any, url: str
    ) -> tuple[LinkId, ...]:
        ids: list[LinkId] = []
        if video_id is not None:
            self._add(ids, IdKind.YOUTUBE_VIDEO, video_id)
        if video_url is not None:
            # A list holds several videos of the row (Sleeping-DISCO's `youtube_links`).
            for item in video_url if isinstance(video_url, list | tuple) else (video_url,):
                self._add_video(ids, item)
        if spotify_id is not None:
            self._add(ids, IdKind.SPOTIFY_TRACK, spotify_id)
        if fma_id is not None:
            self._add(ids, IdKind.FMA_TRACK, fma_id)
        if self.url_is_track_page and url:
            page = parse_link(url)
            if isinstance(page, LinkId) and page.kind is IdKind.FMA_TRACK:
                ids.append(page)
            else:
                self.dropped.append(IdKind.FMA_TRACK)
        return tuple(ids)

    def _add_video(self, ids: list[LinkId], value: Any) -> None:
        """The video a link names (or a bare video id, where a link was expected)."""
        link = _text(value)
        if isinstance(link, str) and link:
            found = video_id_in(link)
            if found is None and IdKind.YOUTUBE_VIDEO.is_valid_id(link):
                found = link
            if found is None:
                self.dropped.append(IdKind.YOUTUBE_VIDEO)
            elif all(known.id != found for known in ids):  # the same video as the id column
                ids.append(LinkId(IdKind.YOUTUBE_VIDEO, found))
        elif link:
            self.dropped.append(IdKind.YOUTUBE_VIDEO)

    def _add(self, ids: list[LinkId], kind: IdKind, value: Any) -> None:
        """The id in a cell, if it has its kind's form; an empty cell is no id."""
        text = _text(value)
        if isinstance(text, str):
            if not text:
                return
            try:  # LinkId checks the form; an exception only for the rare bad id
                ids.append(LinkId(kind, text))
                return
            except ValueError:
                pass
        self.dropped.append(kind)

    def _artist_ids(
        self, channels: Any, spotify_artist: Any, items: list[Any], named: int
    ) -> tuple[LinkId | None, ...]:
        """Each credit's id, aligned with the credits kept (`named` of the published `items`).

        A channel list is aligned with the published artist items (LAION `artist_ids`); the
        primary artist's Spotify id goes with the first credit.
        """
        aligned: list[LinkId | None] | tuple[LinkId | None, ...] = [None] * named
        if channels is not None:
            values = channels if type(channels) is list else self._artist_items(channels)
            if len(values) != len(items):  # misaligned: no credit can be trusted with an id
                self.dropped.extend(IdKind.YOUTUBE_CHANNEL for value in values if value)
            else:
                try:  # the common case: every channel seen before, every credit named
                    found = tuple(map(self._channels.get, values))
                except TypeError:  # an unhashable cell: checked one by one below
                    found = (None,) * len(values)
                if named == len(items) and all(found) and spotify_artist is None:
                    return found
                kept = [at for at, item in enumerate(items) if _text(item)]
                aligned = [found[at] or self._artist_link(
                    IdKind.YOUTUBE_CHANNEL, values[at], self._channels) for at in kept]
        if spotify_artist is not None and aligned[0] is None:
            aligned = [*aligned]
            aligned[0] = self._artist_link(IdKind.SPOTIFY_ARTIST, spotify_artist,
                                           self._spotify_artists)
        return tuple(aligned) if any(aligned) else ()

    def _artist_link(self, kind: IdKind, value: Any, known: dict[str, LinkId]) -> LinkId | None:
        """An artist's id, the same object each time it recurs.

        An artist credits many rows: this skips the check, and lets the indexer recognise a
        credit's ids by identity.
        """
        if type(value) is str and (link := known.get(value)) is not None:
            return link
        found: list[LinkId] = []
        self._add(found, kind, value)
        if not found:
            return None
        if len(known) >= ARTIST_LINK_CACHE:
            known.clear()
        known[found[0].id] = found[0]
        return found[0]


@dataclass(frozen=True, slots=True)
class BadValue:
    """A value that is not usable text, and why.

    A reader may also pass one in as a cell's value for what it could not turn into Python at
    all (parquet: a date past year 9999), so that the row is skipped with that reason.
    """

    reason: str


TOO_LONG = BadValue(f"field longer than {MAX_FIELD_CHARS} characters")


def text_value(value: Any) -> str | BadValue:
    """A value as the readers read text, for the checks that judge a file's first rows."""
    return _text(value)


def _text(value: Any) -> str | BadValue:
    """A cell as stripped text; numbers are text (a song may be called "1999"), lists not."""
    if type(value) is str and len(value) <= MAX_FIELD_CHARS:  # the common case, first
        if value.isascii() or not _SURROGATE.search(value):
            return value.strip()
        return BadValue("invalid UTF-8")
    if value is None:
        return ""
    if isinstance(value, BadValue):  # a reader's, carried through a path or a join
        return value
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return BadValue("invalid UTF-8")
    if isinstance(value, bool):
        return BadValue(f"expected text, found {value!r}")
    if isinstance(value, int | float | Decimal):
        value = _number(value)
    if isinstance(value, BadValue):
        return value
    if not isinstance(value, str):
        return BadValue(f"expected text, found {type(value).__name__}")
    if _SURROGATE.search(value):
        return BadValue("invalid UTF-8")
    if len(value) > MAX_FIELD_CHARS:
        return TOO_LONG
    return value.strip()


def _number(value: int | float | Decimal) -> str | BadValue:
    """A number as text, whole numbers without ".0".

    NaN is an empty cell (pandas writes one for it); infinity is no title. Never through
    float(): a JSON integer may have 4,000 digits.
    """
    if isinstance(value, int):
        try:
            return str(value)
        except ValueError:  # past Python's 4,300-digit limit, so past MAX_FIELD_CHARS too
            return TOO_LONG
    if isinstance(value, float):
        if value != value:
            return ""
        if not math.isfinite(value):
            return BadValue(f"expected text, found {value!r}")
        return str(int(value)) if value.is_integer() else str(value)
    if value.is_nan():
        return ""
    if not value.is_finite():
        return BadValue(f"expected text, found {value}")
    if value.adjusted() >= MAX_FIELD_CHARS:  # 1E+5000 would be 5,001 digits written out
        return TOO_LONG
    return str(int(value)) if value == value.to_integral_value() else str(value)


def visible(name: str) -> str:
    """A column name as an error message shows it.

    Quoted and escaped when it holds what a reader could not see (a byte-order mark, a
    zero-width or trailing space, an empty name), else as it is.
    """
    if name and name.isprintable() and name == name.strip():
        return name
    return repr(name)
