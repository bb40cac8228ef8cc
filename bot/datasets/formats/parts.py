"""Splitting a large file into parts that can be read independently, in order.

A build reads parts in several processes at once; each part yields the rows a whole-file read
would yield for that stretch, numbered as in the whole file. Parquet files split at row groups;
JSON Lines files at line starts near every PART_BYTES. CSV files are read whole: a quoted field
may hold newlines, so a line start cannot be found without reading from the top.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

PART_ROWS = 40_000  # parquet: at least this many rows per part (whole row groups)
PART_BYTES = 8 << 20  # JSON Lines: about this many bytes per part


@dataclass(frozen=True, slots=True)
class Part:
    """A stretch of a file: row groups [start, stop) of parquet, bytes [start, stop) of JSONL.

    `rows_before` is how many rows (parquet) or lines (JSONL) come before it in the file.
    """

    start: int
    stop: int
    rows_before: int


def parquet_parts(path: Path, part_rows: int | None = None) -> list[Part] | None:
    """Runs of row groups of at least PART_ROWS rows; None if the file cannot be split."""
    part_rows = part_rows or PART_ROWS
    try:
        metadata = pq.ParquetFile(path).metadata
    except (OSError, pa.ArrowException):
        return None  # the reader will say why, for the whole file
    parts: list[Part] = []
    start, rows, before = 0, 0, 0
    for group in range(metadata.num_row_groups):
        rows += metadata.row_group(group).num_rows
        if rows >= part_rows or group == metadata.num_row_groups - 1:
            parts.append(Part(start, group + 1, before))
            start, before, rows = group + 1, before + rows, 0
    return parts if len(parts) > 1 else None


def jsonl_parts(path: Path, part_bytes: int | None = None) -> list[Part] | None:
    """Line-aligned byte ranges of about PART_BYTES; None for a file smaller than two parts."""
    part_bytes = part_bytes or PART_BYTES
    size = path.stat().st_size
    if size < 2 * part_bytes:
        return None
    parts: list[Part] = []
    start, lines = 0, 0
    with path.open("rb") as handle:
        while start < size:
            handle.seek(start)
            chunk = handle.read(part_bytes)
            newline = chunk.rfind(b"\n")
            at_end = handle.tell() >= size or newline < 0  # the rest is one part
            stop = size if at_end else start + newline + 1
            if stop == size:
                chunk = chunk + handle.read()
            parts.append(Part(start, stop, lines))
            lines += chunk[: stop - start].count(b"\n")
            start = stop
    return parts
