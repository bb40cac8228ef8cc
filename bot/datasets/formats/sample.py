"""A file's first rows as its reader sees them, before any role is read from them.

Each row becomes a mapping the role specs are looked up in (`bot.datasets.formats.fields`):
a JSON object as it is, a CSV row by its header's names, a parquet row as Arrow gives it
(structs as dicts, lists as lists). `names` lists every field, nested ones as dotted paths.
Used by the build's self-check and by `trainedon index inspect`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from bot.datasets.formats.audioset import COLUMNS as AUDIOSET_COLUMNS
from bot.datasets.formats.delimited import fma_header
from bot.datasets.formats.encoding import open_source, open_source_text
from bot.datasets.formats.fields import NESTED
from bot.datasets.formats.parquet import nested_names
from bot.errors import SourceError

FieldKind = Literal["key", "column"]
MAX_LINE_BYTES = 1 << 20  # of a JSONL line kept for the sample; a longer one counts unreadable


@dataclass(frozen=True, slots=True)
class Sample:
    """Up to `limit` rows of one file. `unreadable`: rows its reader would skip whole."""

    file: str
    kind: FieldKind  # what the file calls its fields: JSON keys, or columns of a header
    names: list[str]  # every field, nested ones as dotted paths
    records: list[Mapping[str, Any]]
    header: list[str] | None = None  # what the reader binds roles to; None: per row (JSONL)
    unreadable: int = 0
    not_read: list[str] = field(default_factory=list)  # columns too heavy to sample


def sample_file(path: Path, file_format: str, limit: int) -> Sample:
    """The first `limit` rows of `path` read as `file_format`; SourceError if unreadable."""
    match file_format:
        case "jsonl" | "sleeping-disco":
            return _jsonl(path, limit)
        case "laion-disco" | "disco-10m" | "parquet":
            return _parquet(path, limit)
        case "audioset":
            return _audioset(path, limit)
        case "tsv":
            return _delimited(path, limit, "\t")
        case "fma-tracks":
            return _delimited(path, limit, ",", three_row_header=True)
        case _:  # csv, fma-raw-tracks, musiccaps
            return _delimited(path, limit, ",")


def flatten(value: Any, prefix: str = "") -> Iterator[str]:
    """The dotted paths of a JSON value's leaves (a list of objects: its objects' keys)."""
    if isinstance(value, Mapping):
        for key, inner in value.items():
            name = f"{prefix}{NESTED}{key}" if prefix else str(key)
            found = False
            for leaf in flatten(inner, name):
                found = True
                yield leaf
            if not found:
                yield name
    elif isinstance(value, list) and any(isinstance(item, Mapping) for item in value):
        for item in value:
            if isinstance(item, Mapping):
                yield from flatten(item, prefix)
    elif prefix:
        yield prefix


def _jsonl(path: Path, limit: int) -> Sample:
    records: list[Mapping[str, Any]] = []
    names: dict[str, None] = {}
    unreadable = 0
    with open_source(path) as handle:
        for raw in handle:
            if len(records) >= limit:
                break
            if not raw.strip():
                continue
            try:
                record = json.loads(raw[:MAX_LINE_BYTES].replace(b"\0", b"").decode("utf-8"))
            except (UnicodeDecodeError, ValueError, RecursionError):
                unreadable += 1
                continue
            if not isinstance(record, dict):
                unreadable += 1
                continue
            records.append(record)
            names.update(dict.fromkeys(flatten(record)))
    return Sample(path.name, "key", list(names), records, unreadable=unreadable)


def _delimited(path: Path, limit: int, delimiter: str, three_row_header: bool = False
               ) -> Sample:
    """The header as the reader reads it (its errors in its words), then rows of its width."""
    records: list[Mapping[str, Any]] = []
    unreadable = 0
    with open_source_text(path) as handle:
        reader = csv.reader((line.replace("\0", "") for line in handle), delimiter=delimiter)
        if three_row_header:
            header = fma_header(reader, path)
        else:
            try:
                header = next(reader)
            except StopIteration:
                raise SourceError(f"{path.name}: empty file, no header row") from None
            except csv.Error as exc:
                raise SourceError(f"{path.name}: unreadable header ({exc})") from None
        names = [name.strip() for name in header]
        try:
            for row in islice(reader, limit * 2):  # a file of broken rows is not read far
                if len(records) >= limit:
                    break
                if not row:
                    continue
                if len(row) != len(names):
                    unreadable += 1
                    continue
                records.append(dict(zip(names, row, strict=True)))
        except csv.Error:  # the sample ends here; the reader says why, for its row
            unreadable += 1
    return Sample(path.name, "column", names, records, names, unreadable)


def _audioset(path: Path, limit: int) -> Sample:
    """The segment lines, split as the reader splits them; the "#" lines are passed over."""
    records: list[Mapping[str, Any]] = []
    with open_source_text(path) as handle:
        for line in handle:
            if len(records) >= limit:
                break
            text = line.replace("\0", "").strip()
            if not text or text.startswith("#") or text.startswith(AUDIOSET_COLUMNS[0]):
                continue
            values = [value.strip() for value in text.split(",", 3)]
            records.append(dict(zip(AUDIOSET_COLUMNS, values, strict=False)))
    return Sample(path.name, "column", list(AUDIOSET_COLUMNS), records, list(AUDIOSET_COLUMNS))


def _parquet(path: Path, limit: int) -> Sample:
    """The first rows of every column but lists of numbers (audio embeddings: large, unnamed)."""
    try:
        parquet = pq.ParquetFile(path)
        schema = parquet.schema_arrow
        heavy = [f.name for f in schema if _numbers_list(f.type)]
        wanted = [name for name in schema.names if name not in heavy]
        records: list[Mapping[str, Any]] = []
        if parquet.metadata.num_rows and wanted:
            batch = next(parquet.iter_batches(batch_size=limit, columns=wanted), None)
            if batch is not None:
                records = _rows_of(batch)
    except (OSError, pa.ArrowException) as exc:
        reason = (str(exc).strip().splitlines() or [exc.__class__.__name__])[0][:200]
        raise SourceError(f"{path.name}: not a readable parquet file ({reason})") from None
    nested = nested_names(schema)
    names = [name for top in schema.names if top not in heavy
             for name in [top, *(n for n in nested if n.startswith(top + NESTED))]
             if not _has_children(name, nested)]
    return Sample(path.name, "column", names, records, [*schema.names, *nested],
                  not_read=heavy)


def _rows_of(batch: pa.RecordBatch) -> list[Mapping[str, Any]]:
    """A batch's rows; a column Python cannot hold (bad UTF-8, a date past 9999) as None."""
    columns: dict[str, list[Any]] = {}
    for name in batch.schema.names:
        column = batch.column(name)
        try:
            columns[name] = column.to_pylist()
        except Exception:  # value by value: the reader skips the rows it cannot read
            columns[name] = [_scalar(column, i) for i in range(len(column))]
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(),
                                                                      strict=True)]


def _scalar(column: pa.Array, i: int) -> Any:
    try:
        return column[i].as_py()
    except Exception:
        return None


def _has_children(name: str, nested: list[str]) -> bool:
    return any(other.startswith(name + NESTED) for other in nested)


def _numbers_list(kind: pa.DataType) -> bool:
    lists = (pa.types.is_list(kind) or pa.types.is_large_list(kind)
             or pa.types.is_fixed_size_list(kind))
    return bool(lists and pa.types.is_floating(kind.value_type))
