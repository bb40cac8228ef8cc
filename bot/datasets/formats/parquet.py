"""Parquet reader: streamed in record batches, reading only the columns that are needed.

Arrow does not check that parquet string columns hold valid UTF-8; a bad value only fails
when it is turned into Python text. Such a column is re-read as bytes, so that the rows
holding the bad values are skipped and counted, not the file. Values Python cannot hold at
all (a date past year 9999) are replaced, one by one, by a BadValue that skips their row.

A role may name a field inside a struct column, or inside each struct of a list column, by a
dotted path ("performer.name", "artists.name"), and may join columns ("a+b"): see
`bot.datasets.formats.fields`. Such a role is read per row; plain columns stay whole lists.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from bot.datasets.formats.columns import BadValue, FormatPreset, RowConverter, resolve_columns
from bot.datasets.formats.fields import JOIN, NESTED, join_values, walk
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
    schema = parquet.schema_arrow
    columns = resolve_columns(preset, source).bind(
        [*schema.names, *nested_names(schema)], path.name)
    converter = RowConverter(columns, preset, source)
    plans = [_plan(name, schema.names) if name else None for name in columns.roles()]
    wanted = list(dict.fromkeys(top for plan in plans if plan for top, _ in plan))
    row_number = part.rows_before if part is not None else 0
    groups = range(part.start, part.stop) if part is not None else None
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, row_groups=groups,
                                          columns=wanted):
            values = {name: _values(batch.column(name)) for name in wanted}
            empty = [None] * batch.num_rows
            by_role = [_role_values(plan, values) if plan else empty for plan in plans]
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


Plan = tuple[tuple[str, tuple[str, ...]], ...]  # per joined field: its column, path inside


def nested_names(schema: pa.Schema) -> list[str]:
    """The fields inside struct columns (and structs in lists), as dotted paths."""
    names: list[str] = []

    def visit(prefix: str, kind: pa.DataType, depth: int) -> None:
        while _is_list(kind):
            kind = kind.value_type
        if not pa.types.is_struct(kind) or depth > 8:
            return
        for field in kind:
            name = f"{prefix}{NESTED}{field.name}"
            names.append(name)
            visit(name, field.type, depth + 1)

    for field in schema:
        visit(field.name, field.type, 0)
    return names


def _plan(name: str, tops: list[str]) -> Plan:
    """Where a bound role's values come from: each field's column and its path inside."""
    plan = []
    for field in name.split(JOIN):
        top = field if field in tops else max(
            (t for t in tops if field.startswith(t + NESTED)), key=len)
        plan.append((top, tuple(field[len(top) + 1:].split(NESTED)) if top != field else ()))
    return tuple(plan)


def _role_values(plan: Plan, values: dict[str, list[Any]]) -> list[Any]:
    """A role's value in every row of a batch: a whole column, or a path into it, or joined."""
    if len(plan) == 1 and not plan[0][1]:
        return values[plan[0][0]]  # the common case: a column as it is
    fields = [[walk(value, path) for value in values[top]] if path else values[top]
              for top, path in plan]
    if len(fields) == 1:
        return fields[0]
    return [join_values(row) for row in zip(*fields, strict=True)]


def _is_list(kind: pa.DataType) -> bool:
    return bool(pa.types.is_list(kind) or pa.types.is_large_list(kind)
                or pa.types.is_fixed_size_list(kind))


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
    if pa.types.is_struct(kind):
        return pa.struct([field.with_type(_as_bytes(field.type)) for field in kind])
    return kind


def parquet_row_count(path: Path) -> int | None:
    """Rows promised by the file's footer, for progress bars; None if unreadable."""
    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except (OSError, pa.ArrowException):
        return None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [exc.__class__.__name__])[0][:200]
