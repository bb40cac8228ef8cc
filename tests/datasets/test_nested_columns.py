"""Column specs that reach into nested objects ("performer.name", through lists of objects
"artists.name") and join fields ("primary_artist+featured_artists"), in JSONL, parquet and CSV:
read the same way by the readers, the build and its first-rows check."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers.dataset_files import text_array
from helpers.workspace import Workspace, dataset_entry

from bot.datasets.formats import reader_for
from bot.datasets.formats.fields import lookup
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import RawTrack, ReaderItem, SkippedRow


def read(path: Path, fmt: str, **columns: str) -> list[ReaderItem]:
    source = SourceSpec(path=path.name, format=fmt, columns=columns)
    return list(reader_for(source)(path, source))


def credits(items: list[ReaderItem]) -> list[tuple[str, tuple[str, ...]]]:
    return [(i.title, i.artists) for i in items if isinstance(i, RawTrack)]


def skips(items: list[ReaderItem]) -> list[str]:
    return [i.reason for i in items if isinstance(i, SkippedRow)]


def test_a_lookup_walks_objects_and_lists_of_objects() -> None:
    record = {"song": {"title": "S"}, "artists": [{"name": "A"}, {"name": "B"}, "odd"],
              "a.b": "whole key", "primary": "P", "featured": ["F1", "F2"], "none": None}
    assert lookup(record, "song.title") == "S"
    assert lookup(record, "artists.name") == ["A", "B"]  # a non-object element is no name
    assert lookup(record, "a.b") == "whole key"
    assert lookup(record, "missing|song.title") == "S"
    assert lookup(record, "primary+featured") == ["P", "F1", "F2"]
    assert lookup(record, "none+missing|primary") == "P"  # no field present: next option
    assert lookup(record, "song.title.deeper") is None


def test_jsonl_reads_nested_keys_and_joined_credits(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in [
        {"t": {"name": "One"}, "p": {"name": "Ana"}, "feat": ["Bo"]},
        {"t": {"name": "Two"}, "p": {"name": "Cy"}, "feat": []},
        {"t": {"name": "Three"}, "p": "not an object", "feat": ["Di"]},
        {"t": {"name": "Four"}, "p": {"name": {"deeper": 1}}},
    ]) + "\n", encoding="utf-8")
    items = read(path, "jsonl", title="t.name", artists="p.name+feat")
    assert credits(items) == [("One", ("Ana", "Bo")), ("Two", ("Cy",)), ("Three", ("Di",))]
    assert skips(items) == ["artists: expected text, found dict"]


def test_jsonl_reads_each_name_of_a_list_of_objects(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"title": "S", "artists": [{"name": "Ana"}, {"name": "Bo"}]})
                    + "\n", encoding="utf-8")
    assert credits(read(path, "jsonl", title="title", artists="artists.name")) == [
        ("S", ("Ana", "Bo"))]


def nested_parquet(path: Path) -> Path:
    """A struct column, a list of structs, invalid UTF-8 inside a struct, a dotted name."""
    performer = pa.StructArray.from_arrays(
        [text_array(["Ana", b"Bad \xff", "Cy"]), pa.array([1, 2, 3])], names=["name", "id"])
    guests = pa.array([[{"name": "Bo"}], [], None],
                      pa.list_(pa.struct([("name", pa.string())])))
    pq.write_table(pa.table({"title": ["One", "Two", "Three"], "performer": performer,
                             "guests": guests, "album.name": ["X", "Y", "Z"]}), path)
    return path


def test_parquet_reads_struct_fields_lists_of_structs_and_joins(tmp_path: Path) -> None:
    items = read(nested_parquet(tmp_path / "n.parquet"), "parquet", title="title",
                 artists="performer.name+guests.name", album="album.name")
    tracks = [i for i in items if isinstance(i, RawTrack)]
    assert [(t.title, t.artists, t.album) for t in tracks] == [
        ("One", ("Ana", "Bo"), "X"), ("Three", ("Cy",), "Z")]
    assert skips(items) == ["artists: invalid UTF-8"]  # that value only, not the file


def test_a_missing_nested_field_is_named_like_a_missing_column(tmp_path: Path) -> None:
    from bot.errors import SourceError

    path = nested_parquet(tmp_path / "n.parquet")
    with pytest.raises(SourceError, match=r"n.parquet: no artists column 'performer.nme'"):
        read(path, "parquet", title="title", artists="performer.nme")


def test_csv_joins_columns_and_splits_each_by_the_separator(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("title,lead,guests\nOne,Ana,Bo;Cy\nTwo,,Di\n", encoding="utf-8")
    source = SourceSpec(path="s.csv", format="csv", artist_separator=";",
                        columns={"title": "title", "artists": "lead+guests|nothing"})
    items = list(reader_for(source)(path, source))
    assert credits(items) == [("One", ("Ana", "Bo", "Cy")), ("Two", ("Di",))]


def test_a_nested_mapping_builds_and_passes_the_first_rows_check(
    workspace: Workspace,
) -> None:
    nested_parquet(workspace.data / "n.parquet")
    workspace.write_manifest([dataset_entry("nested", [{
        "path": "n.parquet", "format": "parquet",
        "columns": {"title": "title", "artists": "performer.name"}}])])
    [dataset] = workspace.build().datasets
    assert (dataset.status, dataset.tracks, dataset.skipped) == ("built", 2, 1)
    assert workspace.searcher().lookup_artist("Cy").found
