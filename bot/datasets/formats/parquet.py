"""Parquet reader: streamed in record batches, reading only the columns that are needed.

Arrow does not check that parquet string columns hold valid UTF-8; a bad value only fails
when it is turned into Python text. Such a column is re-read as bytes, so that the rows
holding the bad values are skipped and counted, not the file. Values Python cannot hold at
all (a date past year 9999) are replaced, one by one, by a BadValue that skips their row.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from bot.datasets.formats.columns import BadValue, FormatPreset, RowConverter, resolve_columns
from bot.datasets.formats.parts import Part
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import ReaderItem, SkippedRow, unexpected_reason
from bot.errors import SourceError

BATCH_ROWS = 16_384
UNDECODABLE = BadValue("invalid UTF-8")


def read_parquet(
    path: Path, source: SourceSpec, preset: FormatPreset, part: Part | None = None
) -> Iterator[ReaderItem]:
    """List columns (artist_names) arrive as Python lists; everything else as scalars.

    With `part`, only its row groups, rows numbered as in the whole file.
    """
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        reason = _first_line(exc)
        raise SourceError(f"{path.name}: not a readable parquet file ({reason})") from None
    columns = resolve_columns(preset, source).bind(parquet.schema_arrow.names, path.name)
    converter = RowConverter(columns, preset, source)
    wanted = columns.all()
    row_number = part.rows_before if part is not None else 0
    groups = range(part.start, part.stop) if part is not None else None
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, row_groups=groups,
                                          columns=wanted):
            values = {name: _values(batch.column(name)) for name in wanted}
            empty = [None] * batch.num_rows
            by_role = [values[name] if name else empty for name in columns.roles()]
            for row in zip(*by_role, strict=True):
                row_number += 1
                result = converter.convert(*row)
                if isinstance(result, str):
                    yield SkippedRow(row_number, result)
                    continue
                if converter.dropped:
                    yield from converter.dropped_ids(row_number)
                yield result
    except (OSError, pa.ArrowException) as exc:
        raise SourceError(
            f"{path.name}: unreadable after row {row_number} ({_first_line(exc)})"
        ) from None


def _values(column: pa.Array) -> list[Any]:
    """A column as Python values; text as bytes when it holds invalid UTF-8 (see above)."""
    try:
        return list(column.to_pylist())
    except UnicodeDecodeError:
        try:
            return list(column.cast(_as_bytes(column.type)).to_pylist())
        except Exception:  # text nested deeper (structs), or a value as below
            pass
    except Exception:  # a value Python cannot hold (a date in year 10,000)
        pass
    return [_scalar(column, i) for i in range(len(column))]  # only for a batch with a bad value


def _scalar(column: pa.Array, i: int) -> Any:
    try:
        return column[i].as_py()
    except UnicodeDecodeError:
        return UNDECODABLE
    except Exception as exc:  # e.g. OverflowError
        return BadValue(unexpected_reason(exc))


def _as_bytes(kind: pa.DataType) -> pa.DataType:
    """The same type with every text part (inside lists too) turned into bytes."""
    if pa.types.is_string(kind):
        return pa.binary()
    if pa.types.is_large_string(kind):
        return pa.large_binary()
    if pa.types.is_list(kind):
        return pa.list_(_as_bytes(kind.value_type))
    if pa.types.is_large_list(kind):
        return pa.large_list(_as_bytes(kind.value_type))
    return kind


def parquet_row_count(path: Path) -> int | None:
    """Rows promised by the file's footer, for progress bars; None if unreadable."""
    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except (OSError, pa.ArrowException):
        return None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [exc.__class__.__name__])[0][:200]
