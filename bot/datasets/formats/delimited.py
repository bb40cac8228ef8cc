"""CSV and TSV readers, including FMA's `tracks.csv` with its three-row header.

Files are streamed row by row with the csv module, which handles quoted fields spanning
lines; invalid UTF-8 is carried through as surrogates so that the row, not the file, is
rejected (`bot.datasets.formats.encoding`, which also steps over a byte-order mark).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from bot.datasets.formats.columns import ColumnMap, FormatPreset, RowConverter, resolve_columns
from bot.datasets.formats.encoding import open_source_text
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import ReaderItem, SkippedRow
from bot.errors import SourceError

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


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
        groups = _next_row(reader, path)
        if groups is None:
            raise SourceError(f"{path.name}: empty file, no header rows")
        fields = _next_row(reader, path)
        label = _next_row(reader, path)
        if fields is None or label is None or not label or any(label[1:]):
            raise SourceError(
                f"{path.name}: expected FMA's three header rows (group, field, track_id)"
            )
        header = [label[0] or "track_id"] + [
            f"{group}.{field}" if group else field
            for group, field in zip(groups[1:], fields[1:], strict=False)
        ]
        yield from _rows(reader, header, 3, columns, preset, source, path)


def _rows(
    reader: Iterable[list[str]],
    header: list[str],
    header_lines: int,
    columns: ColumnMap,
    preset: FormatPreset,
    source: SourceSpec,
    path: Path,
) -> Iterator[ReaderItem]:
    positions = {name.strip(): i for i, name in enumerate(header)}
    bound = columns.bind(positions, path.name)
    converter = RowConverter(bound, preset, source)
    indexes = [positions[name] if name else None for name in bound.roles()]
    width = len(header)
    line = getattr(reader, "line_num", header_lines)
    for row in reader:
        start, line = line + 1, getattr(reader, "line_num", line + 1)
        if not row:
            continue
        if len(row) != width:
            yield SkippedRow(start, f"expected {width} fields, found {len(row)}")
            continue
        result = converter.convert(*(row[i] if i is not None else None for i in indexes))
        if isinstance(result, str):
            yield SkippedRow(start, result)
            continue
        if converter.dropped:
            yield from converter.dropped_ids(start)
        yield result


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

