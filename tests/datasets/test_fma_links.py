"""FMA's tracks.csv has no link: each track's page comes from raw_tracks.csv beside it in the
same zip (`track_url`), which is part of the dataset's fingerprint. Without it, no links."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from helpers.dataset_files import FMA_FILE, csv_bytes, fma_file, shipped_dataset
from helpers.workspace import Workspace

from bot.devtools.synth.text_out import RAW_TRACKS_HEADER
from bot.text.links import IdKind, LinkId, parse_link

ROWS = [("Food", "AWOL"), ("Electric Ave", "AWOL"), ("This World", "AWOL")]
PAGES = ["http://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/Food",
         "https://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/Electric_Ave"]
RAW = "fma/fma_metadata/raw_tracks.csv"


def raw_tracks(ws: Workspace, pages: dict[int, str | bytes], broken: bool = False) -> None:
    """raw_tracks.csv rows: a track_id (as tracks.csv numbers them: row i is i + 2) and url."""
    head = list(RAW_TRACKS_HEADER)
    body: list[list[str | bytes]] = []
    for track_id, url in pages.items():
        row: list[str | bytes] = [""] * len(head)
        row[head.index("track_id")], row[head.index("track_url")] = str(track_id), url
        body.append(row)
    if broken:
        body.append(["4", "a row", "of the wrong width"])
    ws.write(RAW, csv_bytes([head, *body]))


SHOWN = [PAGES[0].replace("http://", "https://"), PAGES[1]]  # FMA's pages are https


def urls(ws: Workspace) -> list[str | None]:
    with sqlite3.connect(ws.index_path) as conn:
        return [url for (url,) in conn.execute("SELECT url FROM tracks ORDER BY id")]


def test_tracks_get_their_pages_from_raw_tracks_beside_them(workspace: Workspace) -> None:
    fma_file(workspace, ROWS)
    raw_tracks(workspace, {2: PAGES[0], 3: PAGES[1]}, broken=True)
    workspace.write_manifest([shipped_dataset("fma")])
    [fma] = workspace.build().datasets
    assert (fma.status, fma.tracks, fma.skipped) == ("built", 3, 0)
    assert urls(workspace) == [*SHOWN, None]  # track 4 has no page listed
    page = parse_link("https://freemusicarchive.org/music/AWOL/AWOL_-_A_Way_Of_Life/Food/")
    assert isinstance(page, LinkId) and page.kind is IdKind.FMA_TRACK
    found = workspace.searcher().lookup_link(page)
    assert found.found and [d.id for d in found.datasets] == ["fma"]


def test_without_raw_tracks_the_tracks_have_no_links_and_the_log_says_so_once(
    workspace: Workspace, caplog: pytest.LogCaptureFixture,
) -> None:
    fma_file(workspace, ROWS)
    workspace.write_manifest([shipped_dataset("fma")])
    with caplog.at_level(logging.INFO, logger="bot.datasets.formats.delimited"):
        [fma] = workspace.build().datasets
    assert (fma.status, fma.tracks) == ("built", 3)
    assert urls(workspace) == [None, None, None]
    said = [r.getMessage() for r in caplog.records if "raw_tracks.csv" in r.getMessage()]
    assert said == ["tracks.csv: no raw_tracks.csv beside it, so its tracks get no links"]


def test_a_link_that_cannot_be_shown_costs_the_link_not_the_track(
    workspace: Workspace,
) -> None:
    fma_file(workspace, ROWS)
    raw_tracks(workspace, {2: PAGES[0], 3: b"http://freemusicarchive.org/music/A/B/\xff",
                           4: "javascript:alert(1)"})
    workspace.write_manifest([shipped_dataset("fma")])
    [fma] = workspace.build().datasets
    assert (fma.tracks, fma.skipped) == (3, 0)
    assert urls(workspace) == [SHOWN[0], None, None]


def test_raw_tracks_is_part_of_the_datasets_fingerprint(workspace: Workspace) -> None:
    fma_file(workspace, ROWS)
    workspace.write_manifest([shipped_dataset("fma")])
    first = workspace.build()
    raw_tracks(workspace, {2: PAGES[0]})
    second = workspace.build()
    assert [c.change for c in second.changes] == ["changed"]
    assert second.datasets[0].fingerprint != first.datasets[0].fingerprint
    assert urls(workspace) == [SHOWN[0], None, None]


def test_a_raw_tracks_without_its_columns_gives_no_links(workspace: Workspace) -> None:
    fma_file(workspace, ROWS)
    workspace.write(RAW, "track_id,title\n2,Food\n")
    workspace.write_manifest([shipped_dataset("fma")])
    [fma] = workspace.build().datasets
    assert (fma.status, fma.tracks) == ("built", 3)
    assert urls(workspace) == [None, None, None]
    assert (workspace.data / FMA_FILE).exists()
