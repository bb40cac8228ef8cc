"""Parquet reader: streamed in record batches, reading only the columns that are needed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from bot.datasets.formats.columns import FormatPreset, RowConverter, resolve_columns
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import ReaderItem, SkippedRow
from bot.errors import SourceError

BATCH_ROWS = 16_384


def read_parquet(path: Path, source: SourceSpec, preset: FormatPreset) -> Iterator[ReaderItem]:
    """List columns (artist_names) arrive as Python lists; everything else as scalars."""
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        reason = _first_line(exc)
        raise SourceError(f"{path.name}: not a readable parquet file ({reason})") from None
    columns = resolve_columns(preset, source).bind(parquet.schema_arrow.names, path.name)
    converter = RowConverter(columns, preset, source)
    wanted = columns.all()
    row_number = 0
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=wanted):
            values = {name: batch.column(name).to_pylist() for name in wanted}
            empty = [None] * batch.num_rows
            by_role = [values[name] if name else empty for name in columns.roles()]
            for row in zip(*by_role, strict=True):
                row_number += 1
                result = converter.convert(*row)
                yield SkippedRow(row_number, result) if isinstance(result, str) else result
    except (OSError, pa.ArrowException) as exc:
        raise SourceError(
            f"{path.name}: unreadable after row {row_number} ({_first_line(exc)})"
        ) from None


def parquet_row_count(path: Path) -> int | None:
    """Rows promised by the file's footer, for progress bars; None if unreadable."""
    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except (OSError, pa.ArrowException):
        return None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [exc.__class__.__name__])[0][:200]
