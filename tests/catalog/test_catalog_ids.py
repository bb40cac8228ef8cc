"""Catalog id columns: YouTube and Spotify links or ids read loosely, and matched exactly first."""

from __future__ import annotations

import csv
import io
import json

import pytest
from helpers.workspace import Workspace, dataset_entry

from bot.catalog import check_catalog, parse_catalog, report_csv
from bot.catalog.report import report_json
from bot.search.searcher import Searcher
from bot.text.links import IdKind, LinkId

VIDEO = "dQw4w9WgXcQ"
TRACK = "4uLU6hMCjMI75M1A2tKUQC"


def rows(text: str) -> list:  # type: ignore[type-arg]
    return parse_catalog(text.encode(), "cat.csv", 100).rows


@pytest.mark.parametrize(("header", "cells"), [
    ("Artist,Title,YouTube URL,Spotify URL", f"A,B,https://youtu.be/{VIDEO},"
                                             f"https://open.spotify.com/track/{TRACK}?si=x"),
    ("artist;title;youtube_id;spotify_id", f"A;B;{VIDEO};{TRACK}"),
    ("Performer,Track Title,Video ID,Spotify URI", f"A,B,{VIDEO},spotify:track:{TRACK}"),
    ("artist,title,ytid,Spotify Track ID", f"A,B,<https://music.youtube.com/watch?v={VIDEO}>,"
                                           f"{TRACK}"),
])
def test_id_columns_are_found_by_loose_header_names(header: str, cells: str) -> None:
    (row,) = rows(f"{header}\n{cells}\n")
    assert row.ids == (LinkId(IdKind.YOUTUBE_VIDEO, VIDEO), LinkId(IdKind.SPOTIFY_TRACK, TRACK))
    assert (row.artist, row.title, row.problem, row.id_note) == ("A", "B", None, None)


def test_a_bad_id_cell_is_noted_and_the_row_keeps_its_name() -> None:
    (row,) = rows("artist,title,youtube,spotify\nA,B,https://www.youtube.com/@low,"
                  f"https://open.spotify.com/artist/{TRACK}\n")
    assert row.ids == () and row.problem is None
    assert row.id_note == ("the youtube cell is not a YouTube video link or id; "
                           "the spotify cell is not a Spotify track link or id")


def test_a_row_with_an_id_needs_no_title_and_a_catalog_may_hold_ids_alone() -> None:
    catalog = parse_catalog(f"youtube,isrc\n{VIDEO},US-RC1-76-07839\nnot-an-id,\n".encode(),
                            "ids.csv", 100)
    first, second = catalog.rows
    assert first.ids == (LinkId(IdKind.YOUTUBE_VIDEO, VIDEO),) and first.problem is None
    assert first.isrc == "USRC17607839"
    assert second.problem == "the youtube cell is not a YouTube video link or id"
    assert catalog.notes() == ["no title column was recognised, so songs are matched by their "
                               "ids alone"]


# --- against a real index ---------------------------------------------------------------------

SONGS = (
    "title,artist,url,id,video,spotify\n"
    f"Never Gonna,Rick Astley,https://example.org/1,r1,{VIDEO},\n"
    f"Other Song,Someone Else,https://example.org/2,r2,,{TRACK}\n"
    "Plain Song,Plain Artist,https://example.org/3,r3,,\n"
)


@pytest.fixture
def searcher(workspace: Workspace) -> Searcher:
    workspace.write("ids/songs.csv", SONGS)
    workspace.write_manifest([dataset_entry("ids", [{
        "path": "ids/songs.csv", "format": "csv",
        "columns": {"title": "title", "artists": "artist", "url": "url", "id": "id",
                    "video_id": "video", "spotify_id": "spotify"},
    }], name="Id Set")])
    workspace.build()
    return workspace.searcher()


CATALOG = (
    "artist,title,youtube,spotify,isrc\n"
    f"Wrong Name,Wrong Title,https://www.youtube.com/watch?v={VIDEO}&t=42s,,USRC17607839\n"
    f",,,{TRACK},\n"
    "Plain Artist,Plain Song,https://youtu.be/aaaaaaaaaaa,,\n"
    "Nobody,Nothing,,,\n"
)


def test_a_row_with_an_indexed_id_is_found_exactly_and_names_fall_back(
    searcher: Searcher,
) -> None:
    catalog = parse_catalog(CATALOG.encode(), "cat.csv", 100)
    report = check_catalog(searcher, catalog.rows)
    by_id, id_only, fallback, nothing = report.results
    assert (by_id.status, by_id.reason, by_id.matched_by) == ("found", "exact id", "exact id")
    assert by_id.match is not None and by_id.match.rows == (("ids", "r1"),)
    assert by_id.match.title == "Never Gonna"  # the dataset's row, not the catalog's names
    assert (id_only.status, id_only.matched_by) == ("found", "exact id")
    assert (fallback.status, fallback.matched_by) == ("found", "name")
    assert fallback.reason == "no indexed dataset lists its YouTube video id"
    assert (nothing.status, nothing.matched_by, nothing.reason) == ("not found", "name", None)
    assert report.found_by_id == 2

    table = list(csv.DictReader(io.StringIO(report_csv(report).decode("utf-8-sig"))))
    assert [r["match"] for r in table] == ["exact id", "exact id", "name", "name"]
    assert table[0]["dataset rows"] == "ids row r1" and table[0]["input isrc"] == "USRC17607839"
    assert table[0]["input ids"] == f"https://www.youtube.com/watch?v={VIDEO}"
    data = json.loads(json.dumps(report_json(report)))
    assert data["found_by_exact_id"] == 2
    assert data["rows"][0]["matched_by"] == "exact id"
    assert data["rows"][0]["ids"] == [{"type": "youtube_video", "id": VIDEO}]
    assert data["rows"][0]["match"]["rows"] == [{"dataset": "ids", "source_id": "r1"}]
    assert data["rows"][0]["isrc"] == "USRC17607839"


def test_exact_id_rows_are_the_same_when_checked_in_child_processes(searcher: Searcher) -> None:
    catalog = parse_catalog(CATALOG.encode(), "cat.csv", 100)
    here = check_catalog(searcher, catalog.rows)
    there = check_catalog(searcher, catalog.rows, processes=2)
    assert report_csv(here) == report_csv(there)
