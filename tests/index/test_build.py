"""Index builds: stats, skipped rows, diffs, and atomicity when a build fails or is killed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from helpers.workspace import Workspace, dataset_entry

from bot.errors import BuildError, BuildInProgress
from bot.index.atomic import build_lock
from bot.index.changes import artist_arrivals

CSV_COLUMNS = {"title": "title", "artists": "artist", "url": "url", "id": "id"}


def csv_source(path: str) -> dict[str, object]:
    return {"path": path, "format": "csv", "columns": CSV_COLUMNS}


def songs_csv(*rows: tuple[str, str], first_id: int = 0) -> str:
    lines = ["title,artist,url,id"]
    lines += [f'"{t}","{a}",https://example.org/{i},{i}'
              for i, (t, a) in enumerate(rows, start=first_id)]
    return "\n".join(lines) + "\n"


@pytest.fixture
def two_datasets(workspace: Workspace) -> Workspace:
    workspace.write("one/songs.csv", songs_csv(
        ("Creep", "Radiohead"), ("Karma Police", "Radiohead"), ("Jóga", "Björk"),
        ("Duet", "Ana feat. Bo"), ("", "Nobody"),
    ))
    workspace.write("two/songs.csv", songs_csv(("Creep (Remastered 2011)", "Radiohead - Topic")))
    workspace.write_manifest([
        dataset_entry("one", [csv_source("one/*.csv")]),
        dataset_entry("two", [csv_source("two/songs.csv")]),
        dataset_entry("absent", [csv_source("absent/*.csv")]),
    ])
    return workspace


def test_build_counts_tracks_artists_and_skipped_rows(two_datasets: Workspace) -> None:
    report = two_datasets.build()
    by_id = {d.id: d for d in report.datasets}
    assert (by_id["one"].tracks, by_id["one"].artists, by_id["one"].skipped) == (4, 4, 1)
    assert by_id["one"].files[0].skip_examples == [(6, "missing title")]
    assert (by_id["two"].tracks, by_id["two"].artists) == (1, 1)
    assert by_id["absent"].status == "missing"
    # "Radiohead - Topic" is Radiohead; "Ana feat. Bo" credits both.
    assert report.artists == 4  # Radiohead, Björk, Ana, Bo
    assert report.tracks == 5
    assert [c.change for c in report.changes] == ["added", "added"]
    searcher = two_datasets.searcher()
    radiohead = searcher.lookup_artist("radiohead").matches[0]
    assert radiohead.total_tracks == 3
    assert {d.id: d.tracks for d in radiohead.datasets} == {"one": 2, "two": 1}
    bo = searcher.lookup_artist("bo").matches[0]
    assert bo.name == "Bo" and bo.samples[0].title == "Duet"


def test_second_build_reports_the_diff(two_datasets: Workspace) -> None:
    two_datasets.build()
    two_datasets.write("two/songs.csv", songs_csv(("Creep", "Radiohead"), ("New", "Newcomer")))
    two_datasets.write("three/s.csv", songs_csv(("X", "Y")))
    manifest = [
        dataset_entry("two", [csv_source("two/songs.csv")]),
        dataset_entry("three", [csv_source("three/s.csv")]),
    ]
    two_datasets.write_manifest(manifest)  # "one" is dropped from the manifest on purpose
    report = two_datasets.build()
    changes = {c.id: c for c in report.changes}
    assert changes["two"].change == "changed"
    assert (changes["two"].track_delta, changes["two"].artist_delta) == (1, 1)
    assert changes["three"].change == "added"
    assert changes["one"].change == "removed" and changes["one"].tracks_before == 4
    assert report.previous_built_at is not None
    unchanged = two_datasets.build()
    assert [c.change for c in unchanged.changes] == ["unchanged", "unchanged"]


def test_unreadable_file_fails_its_dataset_while_the_others_build(workspace: Workspace) -> None:
    workspace.write("good/s.csv", songs_csv(("Song", "Singer")))
    workspace.write("bad/s.parquet", b"this is not parquet at all")
    workspace.write_manifest([
        dataset_entry("good", [csv_source("good/s.csv")]),
        dataset_entry("bad", [{"path": "bad/s.parquet", "format": "laion-disco"}]),
    ])
    report = workspace.build()
    by_id = {d.id: d for d in report.datasets}
    assert by_id["good"].status == "built" and by_id["good"].tracks == 1
    assert by_id["bad"].status == "failed"
    assert "s.parquet: not a readable parquet file" in (by_id["bad"].error or "")


def test_failed_build_keeps_the_previous_index_serving(two_datasets: Workspace) -> None:
    two_datasets.build()
    before = two_datasets.index_path.read_bytes()
    built_at = two_datasets.searcher().reader.built_at
    two_datasets.write("two/songs.csv", "")  # an empty file: the dataset fails
    with pytest.raises(BuildError, match=r"two: .*empty file.*keeps serving"):
        two_datasets.build()
    assert two_datasets.index_path.read_bytes() == before
    searcher = two_datasets.searcher()
    assert searcher.reader.built_at == built_at
    assert searcher.lookup_artist("radiohead").matches[0].total_tracks == 3
    assert not list(two_datasets.index_path.parent.glob(".index.sqlite.building-*"))
    # The operator may accept the loss explicitly.
    report = two_datasets.build(allow_partial=True)
    assert {c.id: c.change for c in report.changes}["two"] == "removed"


def test_links_other_than_web_links_are_dropped(workspace: Workspace) -> None:
    workspace.write("s.csv", "title,artist,url,id\nSong,Ana,javascript:alert(1),1\n")
    workspace.write_manifest([dataset_entry("d", [csv_source("s.csv")])])
    workspace.build()
    assert workspace.searcher().lookup_artist("ana").matches[0].samples[0].url is None


def test_nothing_to_index_is_a_clear_error(workspace: Workspace) -> None:
    workspace.write_manifest([dataset_entry("absent", [csv_source("nowhere/*.csv")])])
    with pytest.raises(BuildError, match="no dataset files found"):
        workspace.build()
    assert not workspace.index_path.exists()


def test_files_that_exist_but_give_no_track_are_not_called_missing(workspace: Workspace) -> None:
    workspace.write("one/songs.csv", songs_csv(("", "Ana"), ("", "Bo")))
    workspace.write("two/songs.csv", "title,artist,url,id\n")
    workspace.write_manifest([
        dataset_entry("one", [csv_source("one/*.csv")]),
        dataset_entry("two", [csv_source("two/songs.csv")]),
        dataset_entry("absent", [csv_source("absent/*.csv")]),
    ])
    with pytest.raises(BuildError) as raised:
        workspace.build()
    assert str(raised.value) == (
        "nothing was indexed: one: songs.csv: 2 rows read, none indexed (2 × missing title); "
        "two: songs.csv: no rows to index"
    )
    assert not workspace.index_path.exists()


def test_a_second_build_while_one_runs_is_refused(two_datasets: Workspace) -> None:
    two_datasets.index_path.parent.mkdir(parents=True)
    with build_lock(two_datasets.index_path), pytest.raises(BuildInProgress):
        two_datasets.build()


def test_index_is_consistent_sqlite(two_datasets: Workspace) -> None:
    two_datasets.build()
    conn = sqlite3.connect(two_datasets.index_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1
    conn.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a named pipe")
def test_killed_build_leaves_the_old_index_serving(two_datasets: Workspace) -> None:
    """A build blocked mid-read on a pipe is killed with SIGKILL: nothing of it survives."""
    two_datasets.build()
    before = two_datasets.index_path.read_bytes()
    pipe = two_datasets.data / "two" / "slow.csv"
    os.mkfifo(pipe)
    two_datasets.write_manifest([
        dataset_entry("one", [csv_source("one/*.csv")]),
        dataset_entry("two", [csv_source("two/*.csv")]),
    ])
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    build = subprocess.Popen(
        [sys.executable, "-m", "bot", "index", "build", "--config", str(two_datasets.config_path)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    writer = os.open(pipe, os.O_WRONLY)  # blocks until the build opens the pipe
    try:
        os.write(writer, b"title,artist,url,id\nHalf,Written,https://example.org/h,h\n")
        temp_files = _wait_for(lambda: list(two_datasets.index_path.parent.glob(".*building*")))
        assert temp_files, "the build never started writing its temporary index"
        build.send_signal(signal.SIGKILL)
        build.wait(timeout=10)
    finally:
        os.close(writer)
    assert two_datasets.index_path.read_bytes() == before
    assert two_datasets.searcher().lookup_artist("radiohead").matches[0].total_tracks == 3
    pipe.unlink()
    two_datasets.write("two/slow.csv", songs_csv(("Whole", "Written"), first_id=1))
    report = two_datasets.build()
    assert report.tracks == 6
    assert not list(two_datasets.index_path.parent.glob(".*building*"))


def _wait_for(probe, seconds: float = 10.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := probe():
            return result
        time.sleep(0.02)
    return probe()


def test_diff_counts_tracks_added_and_removed_and_new_artists(two_datasets: Workspace) -> None:
    first = two_datasets.build()
    one = next(c for c in first.changes if c.id == "one")
    assert (one.tracks_added, one.tracks_removed, one.new_artists) == (4, 0, 4)
    assert one.new_artist_names[0] == "Radiohead"  # the best-known first
    # Same count of tracks in "two", but one replaced by another: not "unchanged".
    two_datasets.write("two/songs.csv", "title,artist,url,id\nCreep,Newcomer,,new-id\n")
    second = two_datasets.build()
    two = next(c for c in second.changes if c.id == "two")
    assert two.change == "changed" and two.track_delta == 0
    assert (two.tracks_added, two.tracks_removed) == (1, 1)
    assert (two.new_artists, two.new_artist_names) == (1, ["Newcomer"])
    assert two.source_date is not None
    # The replaced index is kept beside the new one, and the history carries forward.
    previous = two_datasets.index_path.with_name("index.sqlite.previous")
    assert previous.exists()
    conn = sqlite3.connect(two_datasets.index_path)
    history = [row[0] for row in conn.execute("SELECT built_at FROM builds ORDER BY built_at")]
    conn.close()
    assert len(history) == 2 and history[-1] == second.built_at
    # What a watch on these artists would be told.
    arrivals = artist_arrivals(previous, two_datasets.index_path, ["newcomer", "radiohead"])
    assert [(a.artist_name, a.dataset_id, a.new_tracks) for a in arrivals] == [
        ("Newcomer", "two", 1)
    ]
    assert arrivals[0].samples[0].title == "Creep"
