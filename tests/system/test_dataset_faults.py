"""Dataset files that are readable but wrong, in every format: what the build makes of them.

Three failures seen in use: one row's value stopping every build, a served dataset emptied by
files whose rows are all skipped, and a byte-order mark hiding the first column. Each is
tested here in every format: the shipped layouts (written by `helpers/dataset_files.py`)
and the generic csv/tsv/jsonl/parquet ones.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers.dataset_files import (
    DISCO_FILE,
    FMA_FILE,
    LAION_FILE,
    SLEEPING_FILE,
    SPOTIFY_FILE,
    disco_file,
    fma_file,
    laion_file,
    shipped_dataset,
    sleeping_file,
    sleeping_rows,
    spotify_file,
)
from helpers.workspace import Workspace, dataset_entry

from bot.cli import main
from bot.datasets.formats.columns import FormatPreset, RowConverter, resolve_columns
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import RawTrack
from bot.errors import BuildError
from bot.index.report import BuildReport

BOM = codecs.BOM_UTF8
Rows = list[tuple[str, str]]


pytestmark = pytest.mark.usefixtures("restore_root_logging")  # main() sets up logging


# --- every format: the shipped layouts and the generic ones -----------------------------------


def _delimited(rows: Rows, delimiter: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerows([("title", "artist"), *rows])
    return out.getvalue()


def _generic(dataset_id: str, path: str, fmt: str, **columns: str) -> dict[str, Any]:
    return dataset_entry(dataset_id, [{"path": path, "format": fmt,
                                       "columns": columns or {"title": "title",
                                                              "artists": "artist"}}])


@dataclass(frozen=True)
class Layout:
    """A dataset in one format: its manifest entry and how to write its file from rows."""

    id: str
    dataset: Callable[[], dict[str, Any]]
    file: str  # relative to the data directory
    write: Callable[[Workspace, Rows], object]

    @property
    def dataset_id(self) -> str:
        return str(self.dataset()["id"])

    @property
    def file_name(self) -> str:
        return Path(self.file).name


LAYOUTS = [
    Layout("laion-parquet", lambda: shipped_dataset("laion-disco-12m"), LAION_FILE, laion_file),
    Layout("disco10m-parquet", lambda: shipped_dataset("disco-10m"), DISCO_FILE, disco_file),
    Layout("sleeping-jsonl", lambda: shipped_dataset("sleeping-disco-9m"), SLEEPING_FILE,
           lambda ws, rows: sleeping_file(ws, sleeping_rows(rows))),
    Layout("fma-tracks-csv", lambda: shipped_dataset("fma"), FMA_FILE, fma_file),
    Layout("spotify-csv", lambda: shipped_dataset("spotify-tracks"), SPOTIFY_FILE, spotify_file),
    Layout("generic-csv", lambda: _generic("gen-csv", "gen/*.csv", "csv"), "gen/songs.csv",
           lambda ws, rows: ws.write("gen/songs.csv", _delimited(rows, ","))),
    Layout("generic-tsv", lambda: _generic("gen-tsv", "gen/songs.tsv", "tsv"), "gen/songs.tsv",
           lambda ws, rows: ws.write("gen/songs.tsv", _delimited(rows, "\t"))),
    Layout("generic-jsonl",
           lambda: _generic("gen-jsonl", "gen/*.jsonl", "jsonl", title="song.name",
                            artists="by"),
           "gen/songs.jsonl",
           lambda ws, rows: ws.write("gen/songs.jsonl", "".join(
               json.dumps({"song": {"name": t}, "by": a}) + "\n" for t, a in rows))),
    Layout("generic-parquet", lambda: _generic("gen-parquet", "gen/*.parquet", "parquet"),
           "gen/songs.parquet",
           lambda ws, rows: _parquet(ws, "gen/songs.parquet", rows)),
]


def _parquet(ws: Workspace, relative: str, rows: Rows) -> None:
    path = ws.data / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table({"title": [t for t, _ in rows], "artist": [a for _, a in rows]}),
                   path)


def _control(ws: Workspace) -> dict[str, Any]:
    ws.write("control/songs.csv", "title,artist\nControl Song,Control Artist\n")
    return _generic("control", "control/songs.csv", "csv")


def _cli_build(ws: Workspace, *extra: str) -> int:
    return main(["index", "build", "--config", str(ws.config_path), *extra])


GOOD_ROWS = [(f"Fault Song {i}", f"Fault Artist {i % 5}") for i in range(50)]
ALL_SKIPPED = [("", artist) for _, artist in GOOD_ROWS]  # e.g. the title key was renamed


def _by_id(report: BuildReport) -> dict[str, Any]:
    return {d.id: d for d in report.datasets}


# --- a dataset whose files exist but give no track fails; the served copy stays ---------------


@pytest.mark.parametrize("layout", LAYOUTS, ids=[lay.id for lay in LAYOUTS])
def test_files_whose_rows_are_all_skipped_do_not_empty_the_served_dataset(
    workspace: Workspace, layout: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace.write_manifest([layout.dataset(), _control(workspace)])
    layout.write(workspace, GOOD_ROWS)
    assert _cli_build(workspace) == 0
    before = workspace.index_path.read_bytes()
    capsys.readouterr()

    layout.write(workspace, ALL_SKIPPED)
    assert _cli_build(workspace) == 1
    error = capsys.readouterr().err.splitlines()[-1]  # after the log lines
    assert error.startswith(
        f"error: build failed: {layout.dataset_id}: {layout.file_name}: 50 rows read, "
        "none indexed (50 × missing title); the current index keeps serving it"
    ), error
    assert workspace.index_path.read_bytes() == before
    assert workspace.searcher().lookup_artist("Fault Artist 3").matches[0].total_tracks == 10

    assert _cli_build(workspace, "--allow-partial") == 0  # the operator accepts the loss
    report = workspace.searcher().reader.last_report()
    assert report is not None
    assert {c.id: c.change for c in report.changes}[layout.dataset_id] == "removed"
    assert not workspace.searcher().lookup_artist("Fault Artist 3").found


@pytest.mark.parametrize("layout", LAYOUTS, ids=[lay.id for lay in LAYOUTS])
def test_a_first_build_fails_an_all_skipped_dataset_and_builds_the_others(
    workspace: Workspace, layout: Layout
) -> None:
    workspace.write_manifest([layout.dataset(), _control(workspace)])
    layout.write(workspace, ALL_SKIPPED[:7])
    report = workspace.build()
    failed = _by_id(report)[layout.dataset_id]
    assert (failed.status, failed.error) == (
        "failed", f"{layout.file_name}: 7 rows read, none indexed (7 × missing title)"
    )
    assert _by_id(report)["control"].status == "built"
    assert workspace.searcher().lookup_artist("Control Artist").found


def test_the_message_lists_the_commonest_reasons_with_their_counts(workspace: Workspace) -> None:
    rows = [("", "A")] * 5 + [("T", "")] * 9 + [("x" * 3000, "B")] * 2 + [("T", "y" * 3000)]
    workspace.write_manifest([shipped_dataset("spotify-tracks")])
    spotify_file(workspace, rows)
    with pytest.raises(BuildError) as raised:
        workspace.build()
    assert str(raised.value) == (
        "nothing was indexed: spotify-tracks: dataset.csv: 17 rows read, none indexed "
        "(9 × no artist credited; 5 × missing title; 2 × title: field longer than 2000 "
        "characters; …)"
    )


def test_one_file_cut_to_nothing_fails_its_dataset_though_the_others_have_rows(
    workspace: Workspace,
) -> None:
    """Sleeping-DISCO comes as one file per letter: one emptied letter must not vanish."""
    workspace.write_manifest([shipped_dataset("sleeping-disco-9m")])
    sleeping_file(workspace, sleeping_rows(GOOD_ROWS))
    workspace.write("sleeping-disco-9m/b.jsonl", "\n")
    with pytest.raises(BuildError, match=r": b\.jsonl: no rows to index$"):
        workspace.build()


def test_reader_processes_report_an_all_skipped_dataset_the_same_way(
    workspace: Workspace,
) -> None:
    from bot.datasets.manifest import load_manifest
    from bot.index.builder import build_index

    workspace.write_manifest([shipped_dataset("sleeping-disco-9m")])
    sleeping_file(workspace, sleeping_rows(ALL_SKIPPED))
    config = workspace.config()
    with pytest.raises(BuildError, match=r"a\.jsonl: 50 rows read, none indexed \(50 × missing"):
        build_index(config, load_manifest(config.manifest_path), workers=1)


# --- any value of any type in any row is at worst a counted skip ------------------------------


class _Unprintable:
    def __str__(self) -> str:
        raise RuntimeError("no text for this one")


ODD_VALUES: list[Any] = [
    10**500, -(10**5000), 2**64, float("inf"), float("-inf"), float("nan"), 1e308, -0.0,
    Decimal("1999.00"), Decimal("NaN"), Decimal("sNaN"), Decimal("-Infinity"),
    Decimal("1E+5000"), Decimal("1.5E-3000"), datetime.date(2020, 1, 1),
    datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC), datetime.timedelta(1),
    b"\xff\xfe", bytearray(b"x"), memoryview(b"x"), 1j, {1, 2}, frozenset(), (), [], {},
    [[["deep"]]], [None, 10**500], [10**5000], object(), _Unprintable(), ...,
    "\ud800", True, None, "",
]


@pytest.mark.parametrize("role", ["title", "artists", "album", "url", "id"])
def test_no_value_of_any_type_stops_a_row(role: str) -> None:
    source = SourceSpec(path="x.jsonl", format="sleeping-disco")
    preset = FormatPreset(columns={"title": "t", "artists": "a", "album": "b", "url": "u",
                                   "id": "i"}, url_template="https://example.org/{id}")
    converter = RowConverter(resolve_columns(preset, source), preset, source)
    roles = ["title", "artists", "album", "url", "id"]
    for value in ODD_VALUES:
        row: list[Any] = ["Song", ["Ana"], None, None, "id1"]
        row[roles.index(role)] = value
        result = converter.convert(*row)
        assert isinstance(result, RawTrack | str), (role, value)


NUMBERS = [
    ("500-digit-int", 10**500, "1" + "0" * 500),
    ("2001-digit-int", int("9" * 2001), "title: field longer than 2000 characters"),
    ("5001-digit-int", 10**5000, "title: field longer than 2000 characters"),  # no str() of it
    ("inf", float("inf"), "title: expected text, found inf"),
    ("-inf", float("-inf"), "title: expected text, found -inf"),
    ("nan", float("nan"), "missing title"),
    ("whole-float", 1999.0, "1999"),
    ("whole-decimal", Decimal("1999.00"), "1999"),
    ("decimal", Decimal("20.49"), "20.49"),
    ("decimal-inf", Decimal("Infinity"), "title: expected text, found Infinity"),
    ("decimal-huge", Decimal("1E+5000"), "title: field longer than 2000 characters"),
    ("date", datetime.date(2020, 1, 2), "title: expected text, found date"),
    ("str-raises", _Unprintable(), "title: expected text, found _Unprintable"),
]


@pytest.mark.parametrize(("value", "expected"), [n[1:] for n in NUMBERS],
                         ids=[n[0] for n in NUMBERS])
def test_numbers_of_any_size_are_text_and_the_rest_a_reason(value: Any, expected: str) -> None:
    source = SourceSpec(path="x.jsonl", format="jsonl", columns={"title": "t", "artists": "a"})
    preset = FormatPreset(columns={})
    result = RowConverter(resolve_columns(preset, source), preset, source).convert(
        value, "Ana", None, None, None)
    assert (result.title if isinstance(result, RawTrack) else result) == expected


@pytest.mark.parametrize("layout", LAYOUTS, ids=[lay.id for lay in LAYOUTS])
def test_an_unforeseen_error_in_a_value_skips_its_row_in_every_reader(
    workspace: Workspace, layout: Layout, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guard, not a check for one case: a value that raises anything costs its row."""
    import bot.datasets.formats.columns as columns

    real_text = columns._text

    def fragile(value: Any) -> Any:
        if value == "Boom Song":
            raise RuntimeError("boom")
        return real_text(value)

    monkeypatch.setattr(columns, "_text", fragile)
    workspace.write_manifest([layout.dataset(), _control(workspace)])
    layout.write(workspace, [GOOD_ROWS[0], ("Boom Song", "Ana"), GOOD_ROWS[1]])
    dataset = _by_id(workspace.build())[layout.dataset_id]
    assert (dataset.status, dataset.tracks, dataset.skipped) == ("built", 2, 1), dataset.error
    assert dataset.files[0].skip_examples[0][1] == "unreadable value (RuntimeError: boom)"


def test_an_unforeseen_error_preparing_a_row_skips_that_row(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.index.prepare as prepare

    real_display = prepare.clean_display

    def fragile(text: str) -> str:
        if text == "Boom Song":
            raise RuntimeError("boom")
        return real_display(text)

    monkeypatch.setattr(prepare, "clean_display", fragile)  # after the title was normalized
    workspace.write_manifest([shipped_dataset("spotify-tracks")])
    spotify_file(workspace, [GOOD_ROWS[0], ("Boom Song", "Ana"), GOOD_ROWS[1]])
    dataset = workspace.build().datasets[0]
    assert (dataset.tracks, dataset.skipped) == (2, 1)
    assert dataset.files[0].skip_examples == [(0, "unreadable value (RuntimeError: boom)")]
    assert workspace.searcher().lookup_song("Fault Song 1").found  # the lists stayed aligned


def test_an_unforeseen_error_reading_a_file_fails_its_dataset_not_the_build(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.index.workers as workers

    real_reader_for = workers.reader_for

    def broken_reader_for(source: SourceSpec, part: Any = None) -> Any:
        if source.format != "sleeping-disco":
            return real_reader_for(source, part)

        def read(path: Path, spec: SourceSpec) -> Iterator[Any]:
            yield from real_reader_for(spec, part)(path, spec)
            raise RuntimeError("a reader's own bug")

        return read

    monkeypatch.setattr(workers, "reader_for", broken_reader_for)
    workspace.write_manifest([shipped_dataset("sleeping-disco-9m"), _control(workspace)])
    sleeping_file(workspace, sleeping_rows(GOOD_ROWS[:3]))
    report = workspace.build()
    failed = _by_id(report)["sleeping-disco-9m"]
    assert (failed.status, failed.error) == (
        "failed", "sleeping-disco-9m/a.jsonl: cannot be read (RuntimeError: a reader's own bug)"
    )
    assert _by_id(report)["control"].status == "built"


def test_huge_numbers_in_generic_jsonl_are_text_or_a_counted_skip(workspace: Workspace) -> None:
    workspace.write_manifest([_generic("gen", "gen/*.jsonl", "jsonl", title="song.name",
                                       artists="by")])
    lines = [{"song": {"name": "Fine"}, "by": ["Ana", 10**400, None, 7]},
             {"song": {"name": 10**40}, "by": "Bo"},
             {"song": {"name": "Too Long"}, "by": [10**3000]},
             {"song": {"name": 10**4000}, "by": "Cy"}]
    workspace.write("gen/a.jsonl", "".join(json.dumps(line) + "\n" for line in lines)
                    + '{"song": {"name": Infinity}, "by": "Di"}\n')
    dataset = workspace.build().datasets[0]
    assert dataset.tracks == 2
    assert [reason for _, reason in dataset.files[0].skip_examples] == [
        "artists: field longer than 2000 characters", "title: field longer than 2000 characters",
        "title: expected text, found inf",
    ]
    searcher = workspace.searcher()
    fine = searcher.lookup_song("Fine", artist="Ana").matches[0]
    ana, number, seven = fine.samples[0].artists  # None dropped; the long name shown cut
    assert (ana, number[:5], seven) == ("Ana", "10000", "7")
    assert searcher.lookup_song("1" + "0" * 40, artist="Bo").found


# --- a byte-order mark at the start of a text file is not part of its first column ------------


TEXT_LAYOUTS = [lay for lay in LAYOUTS if not lay.file.endswith(".parquet")]


@pytest.mark.parametrize("layout", TEXT_LAYOUTS, ids=[lay.id for lay in TEXT_LAYOUTS])
def test_a_byte_order_mark_is_read_past_in_every_text_format(
    workspace: Workspace, layout: Layout
) -> None:
    workspace.write_manifest([layout.dataset()])
    layout.write(workspace, GOOD_ROWS[:3])
    path = workspace.data / layout.file
    path.write_bytes(BOM + path.read_bytes())
    dataset = workspace.build().datasets[0]
    assert (dataset.status, dataset.tracks, dataset.skipped) == ("built", 3, 0), dataset.error
    assert workspace.searcher().lookup_song("Fault Song 0", artist="Fault Artist 0").found


def test_fma_raw_tracks_with_a_byte_order_mark_keeps_its_track_ids(workspace: Workspace) -> None:
    """track_id is raw_tracks.csv's first column: with the mark in its name it went unseen."""
    workspace.write_manifest([shipped_dataset("demo-fma-raw")])
    workspace.write("demo/fma/raw_tracks.csv", BOM + (
        b"track_id,album_id,album_title,artist_id,artist_name,track_title,track_url\n"
        b"2,1,Alb,1,AWOL,Food,\n"))
    workspace.build()
    food = workspace.searcher().lookup_song("Food", artist="AWOL").matches[0]
    assert food.samples[0].source_id == "2"
