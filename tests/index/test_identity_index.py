"""The index's exact identity: tracks found by their published ids, same-name artists told
apart by theirs, and rows repeating a track's own id counted once."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers import REPO
from helpers.dataset_files import SPOTIFY_FILE, csv_bytes, shipped_dataset
from helpers.workspace import Workspace, dataset_entry

from bot.cli.render import render_report, render_stats
from bot.devtools.synth.parquet_out import LAION_SCHEMA
from bot.devtools.synth.text_out import SPOTIFY_HEADER
from bot.errors import IndexNotReady
from bot.index.reader import Identity, IndexReader
from bot.text.links import IdKind, LinkId

LOW_A, LOW_B, LOW_C = (f"UCLow{c * 19}" for c in "ABC")
VIDEO = "dQw4w9WgXcQ"
SPOTIFY_TRACK, SPOTIFY_ARTIST = "4uLU6hMCjMI75M1A2tKUQC", "0gxyHStUsqpMadRV0Di1Qt"
FMA_PAGE = "AWOL/AWOL_-_A_Way_Of_Life/Food"


def video(n: int) -> str:
    return f"v{n:010d}"


def channel(value: str) -> LinkId:
    return LinkId(IdKind.YOUTUBE_CHANNEL, value)


def laion(ws: Workspace, rows: list[tuple[str, str, list[str], list[str]]]) -> dict[str, Any]:
    """(video, title, artist_names, artist_ids) rows in LAION's layout; its manifest entry."""
    n = len(rows)
    path = ws.data / "laion/data/train-00000-of-00001.parquet"
    path.parent.mkdir(parents=True)
    pq.write_table(pa.table({
        "song_id": [r[0] for r in rows], "title": [r[1] for r in rows],
        "artist_names": [r[2] for r in rows], "artist_ids": [r[3] for r in rows],
        "album_name": [None] * n, "album_id": [None] * n, "isExplicit": [False] * n,
        "views": ["1"] * n, "duration": [200] * n,
    }, schema=LAION_SCHEMA), path)
    return dataset_entry("laion", [{"path": "laion/data/*.parquet", "format": "laion-disco"}],
                         name="LAION")


def spotify(ws: Workspace, rows: list[tuple[str, str, str, str]]) -> dict[str, Any]:
    """(track_id, title, artists, genre) rows in the Spotify Tracks Dataset's layout."""
    head = list(SPOTIFY_HEADER)
    body = []
    for index, (track, title, artists, genre) in enumerate(rows):
        row = [str(index)] + [""] * (len(head) - 1)
        row[head.index("track_id")], row[head.index("track_name")] = track, title
        row[head.index("artists")], row[head.index("track_genre")] = artists, genre
        body.append(row)
    ws.write(SPOTIFY_FILE, csv_bytes([head, *body]))
    return shipped_dataset("spotify-tracks")


def ids_csv(ws: Workspace, dataset_id: str, header: str, lines: list[str]) -> dict[str, Any]:
    """A generic CSV dataset whose columns are named after their roles."""
    ws.write(f"{dataset_id}/list.csv", "\n".join([header, *lines]) + "\n")
    roles = {"artist": "artists", "name": "title"}
    columns = {roles.get(c, c): c for c in header.split(",")}
    return dataset_entry(dataset_id, [{"path": f"{dataset_id}/list.csv", "format": "csv",
                                       "columns": columns, "artist_separator": ";"}])


Build = Callable[..., IndexReader]


@pytest.fixture
def reader_of(workspace: Workspace) -> Iterator[Build]:
    """Write the manifest of these dataset entries, build, and open the index."""
    readers: list[IndexReader] = []

    def build(*entries: dict[str, Any]) -> IndexReader:
        workspace.write_manifest(list(entries))
        workspace.build()
        readers.append(IndexReader(workspace.index_path))
        return readers[-1]

    yield build
    for reader in readers:
        reader.close()


def titles(rows: list[Any]) -> list[str]:
    return [row.title for row in rows]


# --- distinct tracks ------------------------------------------------------------------------

GENRES = [
    (SPOTIFY_TRACK, "Song A", "Ana;Bo", "pop"),
    ("1" * 22, "Song B", "Ana", "pop"),
    (SPOTIFY_TRACK, "Song A", "Ana;Bo", "dance"),  # the same track, listed under another genre
    ("2" * 22, "Song C", "Cy", "rock"),
    (SPOTIFY_TRACK, "Song A", "Ana;Bo", "indie"),
    ("1" * 22, "Song B", "Ana", "acoustic"),
]


def test_a_track_listed_once_per_genre_counts_once(workspace: Workspace, reader_of: Build) -> None:
    reader = reader_of(spotify(workspace, GENRES))
    (info,) = reader.datasets
    assert (info.tracks, info.rows, info.duplicate_rows, info.artists) == (3, 6, 3, 3)
    conn = sqlite3.connect(workspace.index_path)
    assert dict(conn.execute("SELECT norm, tracks FROM artists")) == {"ana": 2, "bo": 1, "cy": 1}
    assert conn.execute("SELECT SUM(tracks) FROM songs").fetchone() == (3,)
    report = reader.last_report()
    assert report is not None
    assert (report.tracks, report.datasets[0].duplicate_rows) == (3, 3)
    assert "      3 duplicate rows (same track id)" in render_report(report).splitlines()
    stats = render_stats(reader.datasets, reader.built_at, report)
    assert "duplicates" in stats.splitlines()[2] and "tracks are distinct" in stats


def test_a_duplicate_rows_other_ids_still_find_the_track_it_repeats(workspace: Workspace,
                                                                    reader_of: Build) -> None:
    reader = reader_of(ids_csv(workspace, "disco", "name,artist,id,spotify_id,video_id", [
        f"Song,Ana,{SPOTIFY_TRACK},{SPOTIFY_TRACK},{VIDEO}",
        f"Song,Ana,{SPOTIFY_TRACK},{SPOTIFY_TRACK},{video(2)}",  # matched to a second video
    ]))
    assert (reader.datasets[0].tracks, reader.datasets[0].duplicate_rows) == (1, 1)
    first = reader.tracks_with_id(LinkId(IdKind.YOUTUBE_VIDEO, VIDEO), 10)
    second = reader.tracks_with_id(LinkId(IdKind.YOUTUBE_VIDEO, video(2)), 10)
    assert [row.id for row in first] == [row.id for row in second] == [1]


def test_rows_without_an_id_of_their_own_are_never_duplicates(workspace: Workspace,
                                                             reader_of: Build) -> None:
    reader = reader_of(ids_csv(workspace, "plain", "name,artist", ["Song,Ana", "Song,Ana"]))
    assert (reader.datasets[0].tracks, reader.datasets[0].duplicate_rows) == (2, 0)


def test_the_same_id_in_two_files_of_one_dataset_is_one_track(workspace: Workspace,
                                                              reader_of: Build) -> None:
    """FMA's tracks.csv and raw_tracks.csv list the same track_ids: as sources of one dataset,
    each track counts once, and the page link of raw_tracks still finds it."""
    shutil.copytree(REPO / "data" / "demo" / "fma", workspace.data / "fma")
    reader = reader_of(dataset_entry("fma", [
        {"path": "fma/tracks.csv", "format": "fma-tracks"},
        {"path": "fma/raw_tracks.csv", "format": "fma-raw-tracks"},
    ]))
    (info,) = reader.datasets
    assert (info.tracks, info.duplicate_rows) == (18, 18)
    page = reader.tracks_with_id(LinkId(IdKind.FMA_TRACK, "The_Velvet_Lanterns/Harbor_of_Glass/"
                                                          "Lantern_Light"), 10)
    number = reader.tracks_with_id(LinkId(IdKind.FMA_TRACK, "2"), 10)
    assert [row.id for row in page] == [row.id for row in number] == [1]


# --- same name, different artists ----------------------------------------------------------

LOWS = [
    (video(1), "Sunflower", ["Low"], [LOW_A]),
    (video(2), "Lullaby", ["Low"], [LOW_A]),
    (video(3), "Dinosaur Act", ["Low", "Guest"], [LOW_A, "UCGuest" + "G" * 17]),
    (video(4), "Club Track", ["Low - Topic"], [LOW_B]),  # another artist called Low
    (video(5), "Hymn", ["Low"], [LOW_C]),
    (video(6), "Untagged", ["Low"], []),
]


def test_identities_tell_apart_the_artists_sharing_a_name(workspace: Workspace,
                                                          reader_of: Build) -> None:
    reader = reader_of(laion(workspace, LOWS))
    low = _artist_id(workspace, "low")
    assert reader.identities(low) == [
        Identity(1, channel(LOW_A), 3), Identity(1, channel(LOW_B), 1),
        Identity(1, channel(LOW_C), 1),
    ]
    assert titles(reader.artist_tracks_with_id(low, channel(LOW_A), 1, 2, 0)) == [
        "Sunflower", "Lullaby"]
    assert titles(reader.artist_tracks_with_id(low, channel(LOW_A), 1, 2, 2)) == [
        "Dinosaur Act"]
    assert titles(reader.artist_tracks_with_id(low, channel(LOW_B), 1, 10, 0)) == ["Club Track"]
    assert reader.identities(_artist_id(workspace, "guest"))[0].link.id.startswith("UCGuest")
    assert reader.artist_dataset_counts(low) == {1: 6}  # the name still counts them all


def test_an_artist_link_finds_every_track_credited_to_it(workspace: Workspace,
                                                         reader_of: Build) -> None:
    reader = reader_of(laion(workspace, LOWS))
    assert titles(reader.tracks_with_id(channel(LOW_A), 10)) == [
        "Sunflower", "Lullaby", "Dinosaur Act"]
    assert titles(reader.tracks_with_id(channel(LOW_A), 1, offset=2)) == ["Dinosaur Act"]
    assert reader.id_dataset_counts(channel(LOW_A)) == {1: 3}
    assert reader.tracks_with_id(channel("UC" + "Z" * 22), 10) == []
    assert reader.id_dataset_counts(channel("UC" + "Z" * 22)) == {}
    duet = reader.tracks_with_id(LinkId(IdKind.YOUTUBE_VIDEO, video(3)), 10)[0]
    assert duet.artists == ("Low", "Guest")
    assert duet.artist_ids == (channel(LOW_A), channel("UCGuest" + "G" * 17))


def test_a_channel_credited_under_two_spellings_lists_each_track_once(workspace: Workspace,
                                                                     reader_of: Build) -> None:
    reader = reader_of(laion(workspace, [
        (video(1), "One", ["Björk"], [LOW_A]),
        (video(2), "Two", ["Bjork Gudmundsdottir"], [LOW_A]),
        (video(3), "Three", ["Björk", "Bjork Gudmundsdottir"], [LOW_A, LOW_A]),
    ]))
    assert titles(reader.tracks_with_id(channel(LOW_A), 10)) == ["One", "Two", "Three"]
    assert reader.id_dataset_counts(channel(LOW_A)) == {1: 3}  # not 4: "Three" once


# --- each kind of id ------------------------------------------------------------------------

def test_each_kind_of_id_finds_its_rows_in_dataset_then_row_order(workspace: Workspace,
                                                                  reader_of: Build) -> None:
    tube = laion(workspace, [(VIDEO, "Never Gonna", ["Rick"], [LOW_A])])
    disco = ids_csv(workspace, "disco", "name,artist,id,video_url,spotify_id,spotify_artist_id", [
        f"Never Gonna,Rick,{SPOTIFY_TRACK},https://youtu.be/{VIDEO},{SPOTIFY_TRACK},"
        f"{SPOTIFY_ARTIST}",
    ])
    shutil.copytree(REPO / "data" / "demo" / "fma", workspace.data / "fma")
    fma = dataset_entry("fma", [{"path": "fma/raw_tracks.csv", "format": "fma-raw-tracks"}])
    reader = reader_of(tube, disco, fma)
    links = [
        (IdKind.YOUTUBE_VIDEO, VIDEO), (IdKind.YOUTUBE_CHANNEL, LOW_A),
        (IdKind.SPOTIFY_TRACK, SPOTIFY_TRACK), (IdKind.SPOTIFY_ARTIST, SPOTIFY_ARTIST),
        (IdKind.FMA_TRACK, "2"),
        (IdKind.FMA_TRACK, "The_Velvet_Lanterns/Harbor_of_Glass/Lantern_Light"),
    ]
    found = [[(reader.by_idx[row.dataset].id, row.title)
              for row in reader.tracks_with_id(LinkId(kind, value), 10)]
             for kind, value in links]
    assert found == [
        [("laion", "Never Gonna"), ("disco", "Never Gonna")],
        [("laion", "Never Gonna")],
        [("disco", "Never Gonna")],
        [("disco", "Never Gonna")],
        [("fma", "Lantern Light")],
        [("fma", "Lantern Light")],
    ]
    assert reader.id_dataset_counts(LinkId(IdKind.YOUTUBE_VIDEO, VIDEO)) == {1: 1, 2: 1}
    only_disco = reader.tracks_with_id(LinkId(IdKind.YOUTUBE_VIDEO, VIDEO), 10, dataset=2)
    assert [row.dataset for row in only_disco] == [2]
    assert reader.tracks_with_id(LinkId(IdKind.FMA_TRACK, FMA_PAGE), 10) == []


def test_an_invalid_id_is_left_out_and_counted_but_its_row_is_indexed(workspace: Workspace,
                                                                      reader_of: Build) -> None:
    reader = reader_of(ids_csv(workspace, "list", "name,artist,video_id", [
        f"Good,Ana,{VIDEO}", "Bad Id,Bo,not a video", "No Id,Cy,",
    ]))
    assert reader.datasets[0].tracks == 3
    report = reader.last_report()
    assert report is not None
    assert report.datasets[0].invalid_ids == {"YouTube video": 1}
    assert "      1 invalid YouTube video id" in render_report(report).splitlines()
    conn = sqlite3.connect(workspace.index_path)
    assert conn.execute("SELECT kind, value FROM track_ids").fetchall() == [(1, VIDEO)]


# --- id-only datasets ------------------------------------------------------------------------

def test_id_only_rows_are_in_no_name_table(workspace: Workspace, reader_of: Build) -> None:
    shutil.copytree(REPO / "data" / "demo" / "audioset", workspace.data / "demo" / "audioset")
    reader = reader_of(shipped_dataset("demo-audioset"),
                       ids_csv(workspace, "named", "name,artist", ["Song,Ana"]))
    clips, named = reader.datasets
    assert (clips.id_only, clips.tracks, clips.artists, named.id_only) == (True, 5, 0, False)
    conn = sqlite3.connect(workspace.index_path)
    assert conn.execute("SELECT COUNT(*) FROM tracks WHERE dataset = 1 AND title_id IS NULL "
                        "AND lead_artist_id IS NULL").fetchone() == (5,)
    assert conn.execute("SELECT COUNT(*) FROM artist_tracks WHERE dataset = 1").fetchone() == (0,)
    assert [r[0] for r in conn.execute("SELECT norm FROM titles")] == ["song"]
    assert conn.execute("SELECT COUNT(*) FROM songs").fetchone() == (1,)
    first_clip = conn.execute("SELECT value FROM track_ids WHERE track_id = 1").fetchone()[0]
    clip = reader.tracks_with_id(LinkId(IdKind.YOUTUBE_VIDEO, first_clip), 10)[0]
    assert (clip.title, clip.artists, clip.artist_ids) == ("", (), ())
    assert clip.details and clip.details[0][0] == "split"
    assert "links only" in render_stats(reader.datasets, reader.built_at, None)


def test_only_id_only_datasets_still_build(workspace: Workspace, reader_of: Build) -> None:
    shutil.copytree(REPO / "data" / "demo" / "audioset", workspace.data / "demo" / "audioset")
    reader = reader_of(shipped_dataset("demo-audioset"))
    assert reader.datasets[0].tracks == 5


# --- the schema -------------------------------------------------------------------------------

def test_an_index_of_schema_3_must_be_rebuilt(workspace: Workspace, reader_of: Build) -> None:
    reader_of(ids_csv(workspace, "plain", "name,artist", ["Song,Ana"]))
    conn = sqlite3.connect(workspace.index_path)
    conn.execute("PRAGMA user_version = 3")
    conn.close()
    with pytest.raises(IndexNotReady) as raised:
        IndexReader(workspace.index_path)
    assert str(raised.value) == (
        f"the index at {workspace.index_path} has schema 3, this version needs 4: "
        "run `trainedon index build`")


def _artist_id(workspace: Workspace, norm: str) -> int:
    conn = sqlite3.connect(workspace.index_path)
    try:
        return int(conn.execute("SELECT id FROM artists WHERE norm = ?", (norm,)).fetchone()[0])
    finally:
        conn.close()


def test_link_lookups_read_only_through_primary_keys(workspace: Workspace,
                                                     reader_of: Build) -> None:
    reader_of(laion(workspace, LOWS))
    conn = sqlite3.connect(workspace.index_path)
    plans = {
        "video": "SELECT t.id FROM track_ids i JOIN tracks t ON t.id = i.track_id WHERE "
                 "i.kind = 1 AND i.value = 'x' AND i.track_id BETWEEN 1 AND 9 ORDER BY i.track_id",
        "channel": "SELECT artist_id, dataset FROM artist_identities "
                   "WHERE kind = 2 AND value = 'x'",
        "narrowed": "SELECT track_id FROM artist_tracks WHERE artist_id = 1 AND dataset = 1 "
                    "AND link_kind = 2 AND link = 'x' ORDER BY track_id",
    }
    for name, sql in plans.items():
        plan = " ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "SCAN" not in plan and "TEMP B-TREE" not in plan, (name, plan)

