"""JSON Lines reader: one object per line; a broken line is skipped, never the file."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from bot.datasets.formats.columns import FormatPreset, RowConverter, resolve_columns
from bot.datasets.formats.encoding import open_source
from bot.datasets.formats.fields import lookup
from bot.datasets.formats.parts import Part
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import ReaderItem, SkippedRow


def read_jsonl(
    path: Path, source: SourceSpec, preset: FormatPreset, part: Part | None = None
) -> Iterator[ReaderItem]:
    """Stream objects, reading each role's keys as `bot.datasets.formats.fields` says.

    A key may be a dotted path into nested objects ("performer.name"), through lists of
    objects too ("artists.name"), and keys may be joined ("a+b").

    With `part`, only the lines starting in its byte range, numbered as in the whole file.
    """
    columns = resolve_columns(preset, source)
    converter = RowConverter(columns, preset, source)
    roles = columns.roles()
    handle = open_source(path)  # after a byte-order mark, if the file starts with one
    with handle:
        stream: Iterable[bytes] = handle
        if part is not None:
            handle.seek(max(part.start, handle.tell()))  # the first part: still past the mark
            stream = _until(handle, part.stop - handle.tell())
        first = part.rows_before + 1 if part is not None else 1
        for line_number, raw in enumerate(stream, start=first):
            if not raw.strip():
                continue
            if b"\0" in raw:  # as in CSV files: NUL bytes carry no meaning, drop them
                raw = raw.replace(b"\0", b"")
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield SkippedRow(line_number, "invalid UTF-8")
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                yield SkippedRow(line_number, f"malformed JSON ({exc.msg})")
                continue
            except RecursionError:
                yield SkippedRow(line_number, "malformed JSON (nested too deeply)")
                continue
            except ValueError as exc:  # e.g. a number longer than Python converts
                yield SkippedRow(line_number, f"malformed JSON ({str(exc).split(':')[0][:80]})")
                continue
            if not isinstance(record, dict):
                yield SkippedRow(line_number, "not a JSON object")
                continue
            result = converter.convert(*(lookup(record, spec) if spec else None for spec in roles))
            if isinstance(result, str):
                yield SkippedRow(line_number, result)
                continue
            if converter.dropped:
                yield from converter.dropped_ids(line_number)
            yield result


def _until(handle: BinaryIO, size: int) -> Iterator[bytes]:
    """The lines of the next `size` bytes (a part ends at a line end)."""
    for raw in handle:
        yield raw
        size -= len(raw)
        if size <= 0:
            return
