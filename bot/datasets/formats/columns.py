"""Turning one row of any format into a RawTrack, by column roles."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from bot.datasets.manifest import SourceSpec
from bot.datasets.records import RawTrack
from bot.errors import ManifestError, SourceError

MAX_FIELD_CHARS = 2000
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which column of a file plays which role; None when the file has no such column."""

    title: str
    artists: str
    album: str | None = None
    url: str | None = None
    id: str | None = None

    def required(self) -> list[str]:
        return [self.title, self.artists]

    def roles(self) -> tuple[str, str, str | None, str | None, str | None]:
        """Column names in the order RowConverter.convert takes their values."""
        return (self.title, self.artists, self.album, self.url, self.id)

    def all(self) -> list[str]:
        return list(dict.fromkeys(n for n in self.roles() if n))

    def bind(self, available: Collection[str], file_name: str) -> ColumnMap:
        """Pick, for each role, the first alternative ("a|b") the file really has."""
        present = set(available)

        def pick(spec: str | None) -> str | None:
            if spec is None:
                return None
            return next((name for name in spec.split("|") if name in present), None)

        title, artists = pick(self.title), pick(self.artists)
        for role, spec, found in (("title", self.title, title), ("artists", self.artists, artists)):
            if found is None:
                shown = ", ".join(list(available)[:12])
                raise SourceError(
                    f"{file_name}: no {role} column {spec!r} (columns: {shown})"
                )
        assert title is not None and artists is not None
        return ColumnMap(title, artists, pick(self.album), pick(self.url), pick(self.id))


@dataclass(frozen=True, slots=True)
class FormatPreset:
    """A built-in format: its default columns and how to build a link from the row id."""

    columns: Mapping[str, str | None]
    url_template: str | None = None
    artist_separator: str | None = None


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
    )


class RowConverter:
    """Builds a RawTrack from a row accessor, or says why the row is malformed."""

    def __init__(self, columns: ColumnMap, preset: FormatPreset, source: SourceSpec) -> None:
        self.columns = columns
        self.url_template = source.url_template or preset.url_template
        self.separator = source.artist_separator or preset.artist_separator

    def convert(
        self, title_value: Any, artists_value: Any, album: Any, url: Any, source_id: Any
    ) -> RawTrack | str:
        """A row's values in role order (None where the file has no such column)."""
        title = _text(title_value)
        if isinstance(title, _Bad):
            return f"title: {title.reason}"
        if not title:
            return "missing title"
        artists = self._artists(artists_value)
        if isinstance(artists, _Bad):
            return f"artists: {artists.reason}"
        if not artists:
            return "no artist credited"
        extras: dict[str, str] = {}
        for role, raw in (("album", album), ("id", source_id), ("url", url)):
            value = _text(raw)
            if isinstance(value, _Bad):
                return f"{role}: {value.reason}"
            extras[role] = value
        url, source_id = extras["url"], extras["id"]
        if url and self.url_template and not url.startswith(("http://", "https://")):
            url = self.url_template.format(id=url)  # a bare video id in a link column
        elif not url and source_id and self.url_template:
            url = self.url_template.format(id=source_id)
        return RawTrack(
            title=title,
            artists=tuple(artists),
            album=extras["album"] or None,
            url=url or None,
            source_id=source_id or None,
        )

    def _artists(self, value: Any) -> list[str] | _Bad:
        if value is None:
            return []
        items: list[Any]
        if isinstance(value, list | tuple):
            items = list(value)
        elif isinstance(value, str) and self.separator:
            items = value.split(self.separator)
        else:
            items = [value]
        names: list[str] = []
        for item in items:
            text = _text(item)
            if isinstance(text, _Bad):
                return text
            if text:
                names.append(text)
        return names


@dataclass(frozen=True, slots=True)
class _Bad:
    reason: str


def _text(value: Any) -> str | _Bad:
    """A cell as stripped text; lists and dicts are not text."""
    if type(value) is str and len(value) <= MAX_FIELD_CHARS:  # the common case, first
        if value.isascii() or not _SURROGATE.search(value):
            return value.strip()
        return _Bad("invalid UTF-8")
    if value is None:
        return ""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return _Bad("invalid UTF-8")
    if isinstance(value, bool):
        return _Bad(f"expected text, found {value!r}")
    if isinstance(value, int | float):
        if isinstance(value, float) and value != value:  # NaN: an empty cell
            return ""
        value = str(int(value)) if float(value).is_integer() else str(value)
    if not isinstance(value, str):
        return _Bad(f"expected text, found {type(value).__name__}")
    if _SURROGATE.search(value):
        return _Bad("invalid UTF-8")
    if len(value) > MAX_FIELD_CHARS:
        return _Bad(f"field longer than {MAX_FIELD_CHARS} characters")
    return value.strip()
