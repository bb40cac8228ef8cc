"""Turning one row of any format into a RawTrack, by column roles."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bot.datasets.manifest import SourceSpec
from bot.datasets.records import RawTrack, unexpected_reason
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
                shown = ", ".join(visible(name) for name in list(available)[:12]) or "none"
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
            artists = self._artists(artists_value)
            if isinstance(artists, BadValue):
                return f"artists: {artists.reason}"
            if not artists:
                return "no artist credited"
            extras: dict[str, str] = {}
            for role, raw in (("album", album), ("id", source_id), ("url", url)):
                value = _text(raw)
                if isinstance(value, BadValue):
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
        except Exception as exc:  # a value no check foresaw: its row, not the file
            return unexpected_reason(exc)

    def _artists(self, value: Any) -> list[str] | BadValue:
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
            if isinstance(text, BadValue):
                return text
            if text:
                names.append(text)
        return names


@dataclass(frozen=True, slots=True)
class BadValue:
    """A value that is not usable text, and why.

    A reader may also pass one in as a cell's value for what it could not turn into Python at
    all (parquet: a date past year 9999), so that the row is skipped with that reason.
    """

    reason: str


TOO_LONG = BadValue(f"field longer than {MAX_FIELD_CHARS} characters")


def _text(value: Any) -> str | BadValue:
    """A cell as stripped text; numbers are text (a song may be called "1999"), lists not."""
    if type(value) is str and len(value) <= MAX_FIELD_CHARS:  # the common case, first
        if value.isascii() or not _SURROGATE.search(value):
            return value.strip()
        return BadValue("invalid UTF-8")
    if value is None:
        return ""
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
