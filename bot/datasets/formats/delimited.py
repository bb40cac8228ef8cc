"""CSV and TSV readers, including FMA's `tracks.csv` with its three-row header.

Files are streamed row by row with the csv module, which handles quoted fields spanning
lines; invalid UTF-8 is carried through as surrogates so that the row, not the file, is
rejected (`bot.datasets.formats.encoding`, which also steps over a byte-order mark).

FMA's tracks.csv has no link; raw_tracks.csv, beside it in the same zip, has each track's
page (`track_url`), which the tracks.csv reader gives its rows (`fma_track_pages`).
"""

from __future__ import annotations

import csv
import logging
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TextIO

from bot.datasets.formats.clips import has_invalid_utf8
from bot.datasets.formats.columns import (
    MAX_FIELD_CHARS,
    ColumnMap,
    FormatPreset,
    RowConverter,
    resolve_columns,
)
from bot.datasets.formats.encoding import open_source_text
from bot.datasets.formats.fields import JOIN
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import ReaderItem, SkippedRow
from bot.errors import SourceError

log = logging.getLogger(__name__)

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

RAW_TRACKS = "raw_tracks.csv"  # FMA's flat export, beside tracks.csv in fma_metadata/
PAGE_COLUMNS = ("track_id", "track_url")
URL_ROLE = 3  # the url's place in ColumnMap.roles()


def read_delimited(
    path: Path, source: SourceSpec, preset: FormatPreset, delimiter: str = ","
) -> Iterator[ReaderItem]:
    """A flat file whose first row names the columns."""
    columns = resolve_columns(preset, source)
    with open_source_text(path) as handle:
        reader = csv.reader(_without_nul(handle), delimiter=delimiter)
        header = _next_row(reader, path)
        if header is None:
            raise SourceError(f"{path.name}: empty file, no header row")
        yield from _rows(reader, header, 1, columns, preset, source, path)


def read_fma_tracks(path: Path, source: SourceSpec, preset: FormatPreset) -> Iterator[ReaderItem]:
    """FMA's tracks.csv: a group row (album/artist/track), a field row, then `track_id`.

    Columns are named "group.field" (e.g. "artist.name"); the first column is "track_id".
    A file with a plain one-row header is read as such.
    """
    columns = resolve_columns(preset, source)
    with open_source_text(path) as handle:
        reader = csv.reader(_without_nul(handle))
        header = fma_header(reader, path)
        pages = fma_track_pages(path) if columns.url is None else None
        yield from _rows(reader, header, 3, columns, preset, source, path, pages)


def fma_header(reader: Iterator[list[str]], path: Path) -> list[str]:
    """tracks.csv's three header rows as one: "track_id", then "group.field" names."""
    groups = _next_row(reader, path)
    if groups is None:
        raise SourceError(f"{path.name}: empty file, no header rows")
    fields = _next_row(reader, path)
    label = _next_row(reader, path)
    if fields is None or label is None or not label or any(label[1:]):
        raise SourceError(
            f"{path.name}: expected FMA's three header rows (group, field, track_id)"
        )
    return [label[0] or "track_id"] + [
        f"{group}.{field}" if group else field
        for group, field in zip(groups[1:], fields[1:], strict=False)
    ]


def fma_track_pages(tracks: Path) -> dict[str, str] | None:
    """Each track's page by its track_id, from raw_tracks.csv beside tracks.csv.

    Streamed: about 110,000 short entries. A missing or unreadable file, or one without
    track_id and track_url, means no links (said once in the log), never a failed dataset; a
    link that could not be shown (invalid UTF-8, too long, not http) is left out alone.
    """
    pages_path = tracks.parent / RAW_TRACKS
    if not pages_path.is_file():
        log.info("%s: no %s beside it, so its tracks get no links", tracks.name, RAW_TRACKS)
        return None
    pages: dict[str, str] = {}
    try:
        with open_source_text(pages_path) as handle:
            reader = csv.reader(_without_nul(handle))
            header = [name.strip() for name in _next_row(reader, pages_path) or []]
            if not set(PAGE_COLUMNS) <= set(header):
                log.warning("%s: no columns %s, so %s's tracks get no links", RAW_TRACKS,
                            " and ".join(PAGE_COLUMNS), tracks.name)
                return None
            at_id, at_url = (header.index(name) for name in PAGE_COLUMNS)
            for row in reader:
                if len(row) != len(header):
                    continue
                url = row[at_url].strip()
                if (url.startswith(("https://", "http://")) and len(url) <= MAX_FIELD_CHARS
                        and not has_invalid_utf8(url)):
                    pages[row[at_id].strip()] = url
    except (SourceError, OSError, csv.Error) as exc:
        log.warning("%s: unreadable after %d links (%s); the rest of %s's tracks get none",
                    RAW_TRACKS, len(pages), exc, tracks.name)
    return pages


def _rows(
    reader: Iterable[list[str]],
    header: list[str],
    header_lines: int,
    columns: ColumnMap,
    preset: FormatPreset,
    source: SourceSpec,
    path: Path,
    pages: Mapping[str, str] | None = None,
) -> Iterator[ReaderItem]:
    """The rows after the header; `pages`: links by the first column's value (FMA)."""
    positions = {name.strip(): i for i, name in enumerate(header)}
    bound = columns.bind(positions, path.name)
    converter = RowConverter(bound, preset, source)
    indexes: list[int | tuple[int, ...] | None] = [
        None if not name else positions[name] if JOIN not in name
        else tuple(positions[part] for part in name.split(JOIN))
        for name in bound.roles()]
    if not any(isinstance(at, tuple) for at in indexes) and pages is None:
        cells = _cells  # the common case: a cell per role
    else:
        def cells(row: list[str], indexes: list[int | tuple[int, ...] | None]) -> list[object]:
            values = _joined_cells(row, indexes)
            if pages is not None and values[URL_ROLE] is None:
                values[URL_ROLE] = pages.get(row[0].strip())
            return values
    width = len(header)
    line = getattr(reader, "line_num", header_lines)
    for row in reader:
        start, line = line + 1, getattr(reader, "line_num", line + 1)
        if not row:
            continue
        if len(row) != width:
            yield SkippedRow(start, f"expected {width} fields, found {len(row)}")
            continue
        result = converter.convert(*cells(row, indexes))
        if isinstance(result, str):
            yield SkippedRow(start, result)
            continue
        if converter.dropped:
            yield from converter.dropped_ids(start)
        yield result


def _cells(row: list[str], indexes: list[int | tuple[int, ...] | None]) -> list[object]:
    return [row[i] if type(i) is int else None for i in indexes]


def _joined_cells(row: list[str], indexes: list[int | tuple[int, ...] | None]) -> list[object]:
    """Cells per role; a joined role ("a+b") gives the list of its non-empty cells."""
    return [row[i] if isinstance(i, int) else None if i is None
            else [row[j] for j in i if row[j].strip()] for i in indexes]


def _next_row(reader: Iterator[list[str]], path: Path) -> list[str] | None:
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as exc:
        raise SourceError(f"{path.name}: unreadable header ({exc})") from None


def _without_nul(handle: TextIO) -> Iterator[str]:
    """NUL bytes stop the csv module; they carry no meaning in these files."""
    for line in handle:
        yield line.replace("\0", "") if "\0" in line else line

