"""A file read in parts yields exactly the rows, skips and row numbers of a whole-file read."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bot.datasets.formats import reader_for
from bot.datasets.formats.parts import Part, jsonl_parts, parquet_parts
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import ReaderItem


def read(path: Path, source: SourceSpec, parts: list[Part] | None) -> list[ReaderItem]:
    if parts is None:
        return list(reader_for(source)(path, source))
    return [item for part in parts for item in reader_for(source, part)(path, source)]


def jsonl_lines(count: int) -> bytes:
    lines = []
    for i in range(count):
        if i % 97 == 5:
            lines.append(b"{not json")
        elif i % 89 == 7:
            lines.append(b"")
        elif i % 83 == 3:
            lines.append(b'{"title": "Bad \xff bytes", "artist": "X"}')
        else:
            lines.append(json.dumps({"title": f"Song {i}", "artist": f"Artist {i % 40}",
                                     "id": str(i)}).encode())
    return b"\n".join(lines)  # no newline after the last line


@pytest.mark.parametrize("part_bytes", [64, 1000, 4096])
def test_jsonl_parts_read_as_the_whole_file(tmp_path: Path, part_bytes: int) -> None:
    path = tmp_path / "songs.jsonl"
    path.write_bytes(jsonl_lines(1_500))
    source = SourceSpec(path="songs.jsonl", format="sleeping-disco")
    parts = jsonl_parts(path, part_bytes)
    assert parts is not None and len(parts) > 3
    assert parts[0].start == 0 and parts[-1].stop == path.stat().st_size
    assert all(a.stop == b.start for a, b in itertools.pairwise(parts))
    whole = read(path, source, None)
    assert read(path, source, parts) == whole
    assert sum(1 for item in whole if hasattr(item, "reason")) > 20  # skips, with line numbers


def test_a_small_jsonl_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "small.jsonl"
    path.write_bytes(jsonl_lines(10))
    assert jsonl_parts(path, 1 << 20) is None


def test_parquet_parts_are_runs_of_row_groups_read_as_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "laion.parquet"
    rows = 2_300
    table = pa.table({
        "song_id": [f"v{i:010d}" for i in range(rows)],  # valid video ids: no DroppedId
        "title": [None if i % 101 == 3 else f"Title {i}" for i in range(rows)],
        "artist_names": [[f"Artist {i % 50}"] if i % 67 else [] for i in range(rows)],
    })
    pq.write_table(table, path, row_group_size=250)
    source = SourceSpec(path="laion.parquet", format="laion-disco")
    parts = parquet_parts(path, 600)
    assert parts is not None
    assert [(p.start, p.stop, p.rows_before) for p in parts] == [
        (0, 3, 0), (3, 6, 750), (6, 9, 1500), (9, 10, 2250)]
    whole = read(path, source, None)
    assert len(whole) == rows
    assert read(path, source, parts) == whole


def test_csv_is_never_read_in_parts() -> None:
    with pytest.raises(ValueError, match="read whole"):
        reader_for(SourceSpec(path="x.csv", format="csv", columns={"title": "t", "artists": "a"}),
                   Part(0, 10, 0))
