"""The build's first-rows check, in each real dataset's layout: files whose field names differ
from the preset stop their dataset with one message that names the fields the rows hold and
the `columns:` line to add; the same files with that line build."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from helpers.dataset_files import csv_bytes, shipped_dataset
from helpers.workspace import Workspace, dataset_entry

from bot.datasets.formats.columns import FormatPreset, RowConverter, resolve_columns
from bot.datasets.manifest import SourceSpec
from bot.devtools.synth.parquet_out import DISCO_SCHEMA
from bot.devtools.synth.text_out import RAW_TRACKS_HEADER, SPOTIFY_HEADER, fma_header_rows
from bot.text.links import IdKind, LinkId

ROWS = [(f"Song {i}", f"Artist {i}") for i in range(12)]
VIDEOS = [f"vIdEo{i:06d}" for i in range(12)]  # 11 characters of [A-Za-z0-9_-]


def video_url(video: str) -> str:
    return f"https://www.youtube.com/watch?v={video}"


# --- files in the real layouts, with their fields named otherwise ------------------------------


def laion_renamed(ws: Workspace) -> None:
    """LAION-DISCO-12M's parquet with `name`, `artists` and `video` for title, artist_names
    and song_id."""
    path = ws.data / "laion-disco-12m/data/train-00000-of-00001.parquet"
    path.parent.mkdir(parents=True)
    pq.write_table(pa.table({
        "video": VIDEOS, "name": [t for t, _ in ROWS], "artists": [[a] for _, a in ROWS],
        "album_name": ["Album"] * len(ROWS), "duration": [200] * len(ROWS)}), path)


def disco_renamed(ws: Workspace) -> None:
    """DISCO-10M's parquet whose primary artist column is called `main_artist`."""
    n = len(ROWS)
    columns: dict[str, Any] = {f.name: pa.nulls(n, f.type) for f in DISCO_SCHEMA}
    columns.update({"video_url_youtube": pa.array([video_url(v) for v in VIDEOS]),
                    "track_name_spotify": pa.array([t for t, _ in ROWS]),
                    "track_id_spotify": pa.array([f"{i:022d}" for i in range(n)])})
    columns["main_artist"] = pa.array([a for _, a in ROWS])
    del columns["primary_artist_name_spotify"]
    path = ws.data / "disco-10m/data/train-00000-of-00001.parquet"
    path.parent.mkdir(parents=True)
    pq.write_table(pa.table(columns), path)


def sleeping_lines(ws: Workspace, row: Callable[[int, str, str], dict[str, Any]]) -> None:
    ws.write("sleeping-disco-9m/a.jsonl", "".join(
        json.dumps(row(i, t, a)) + "\n" for i, (t, a) in enumerate(ROWS)))


def sleeping_renamed(ws: Workspace) -> None:
    """Keys none of the preset's, the artist a nested object, the Genius id beside."""
    sleeping_lines(ws, lambda i, t, a: {
        "name_of_song": t, "performer": {"name": a, "id": 900 + i},
        "youtube_links": [video_url(VIDEOS[i])], "song_id": 4000 + i})


def sleeping_artist_object(ws: Workspace) -> None:
    """The preset's own `artist` key, holding an object: every row used to be skipped as
    "artists: expected text, found dict"."""
    sleeping_lines(ws, lambda i, t, a: {"title": t, "artist": {"name": a, "id": 900 + i},
                                        "youtube_url": video_url(VIDEOS[i])})


def sleeping_artist_list(ws: Workspace) -> None:
    """Credits as a list of objects: `artists.name` reads each one's name."""
    sleeping_lines(ws, lambda i, t, a: {
        "title": t, "artists": [{"name": a}, {"name": "Guest Star"}],
        "youtube_url": video_url(VIDEOS[i])})


def fma_renamed(ws: Workspace) -> None:
    """tracks.csv whose track title and artist name fields are `name` and `display_name`."""
    groups, fields, label = fma_header_rows()
    width = len(groups)
    at = {(groups[i], fields[i]): i for i in range(width)}
    title_at, artist_at = at[("track", "title")], at[("artist", "name")]
    fields[title_at], fields[artist_at] = "name", "display_name"
    body = []
    for i, (title, artist) in enumerate(ROWS):
        row = [str(i + 2)] + [""] * (width - 1)
        row[title_at], row[artist_at] = title, artist
        body.append(row)
    ws.write("fma/fma_metadata/tracks.csv", csv_bytes([groups, fields, label, *body]))


def fma_raw_renamed(ws: Workspace) -> None:
    """raw_tracks.csv with `song` and `performer` for track_title and artist_name."""
    head = [{"track_title": "song", "artist_name": "performer"}.get(name, name)
            for name in RAW_TRACKS_HEADER]
    body = []
    for i, (title, artist) in enumerate(ROWS):
        row = [""] * len(head)
        row[head.index("track_id")], row[head.index("song")] = str(i + 2), title
        row[head.index("performer")] = artist
        row[head.index("track_url")] = f"https://freemusicarchive.org/music/A{i}/B/C"
        body.append(row)
    ws.write("fma-raw/raw_tracks.csv", csv_bytes([head, *body]))


def spotify_renamed(ws: Workspace) -> None:
    """dataset.csv with `song_name` and `artist_names` for track_name and artists."""
    head = [{"track_name": "song_name", "artists": "artist_names"}.get(name, name)
            for name in SPOTIFY_HEADER]
    body = []
    for i, (title, artist) in enumerate(ROWS):
        row = [str(i)] + [""] * (len(head) - 1)
        row[head.index("track_id")] = f"sp{i:020d}"
        row[head.index("song_name")], row[head.index("artist_names")] = title, artist
        body.append(row)
    ws.write("spotify-tracks/dataset.csv", csv_bytes([head, *body]))


def fma_raw_dataset() -> dict[str, Any]:
    return dataset_entry("fma-raw", [{"path": "fma-raw/raw_tracks.csv",
                                      "format": "fma-raw-tracks"}])


@dataclass(frozen=True)
class Case:
    id: str
    dataset: Callable[[], dict[str, Any]]
    write: Callable[[Workspace], None]
    says: tuple[str, ...]  # parts of the message
    columns: dict[str, str]  # the suggested columns: line
    credits: tuple[str, ...] = ()  # of the first track, once built


CASES = [
    Case("laion-disco-parquet", lambda: shipped_dataset("laion-disco-12m"), laion_renamed,
         ("train-00000-of-00001.parquet: the laion-disco reader finds no title or artists in "
          "its first 12 rows (title: no column title; artists: no column artist_names); "
          "columns found: video ('vIdEo000000'), name ('Song 0'), artists (['Artist 0']), ",
          "; add to this source in the manifest: columns: "),
         {"title": "name", "artists": "artists", "id": "video", "video_id": "video"}),
    Case("disco-10m-parquet", lambda: shipped_dataset("disco-10m"), disco_renamed,
         ("the disco-10m reader finds no artists in its first 12 rows (artists: no column "
          "primary_artist_name_spotify, artist_names)", "main_artist ('Artist 0')"),
         {"artists": "main_artist"}),
    Case("sleeping-disco-jsonl-renamed", lambda: shipped_dataset("sleeping-disco-9m"),
         sleeping_renamed,
         ("a.jsonl: the sleeping-disco reader finds no title or artists in its first 12 rows "
          "(title: no key title, song_title, song, name, full_title; artists: no key "
          "primary_artist+featured_artists, artist, artists, artist_name, artist_names); keys "
          "found: name_of_song ('Song 0'), performer.name ('Artist 0'), performer.id (900), ",),
         {"title": "name_of_song", "artists": "performer.name"}),
    Case("sleeping-disco-jsonl-artist-object", lambda: shipped_dataset("sleeping-disco-9m"),
         sleeping_artist_object,
         ("finds no artists in its first 12 rows (artists: artist holds objects: artist.name, "
          "artist.id)",), {"artists": "artist.name"}),
    Case("sleeping-disco-jsonl-artist-list", lambda: shipped_dataset("sleeping-disco-9m"),
         sleeping_artist_list,
         ("(artists: artists holds objects: artists.name)",), {"artists": "artists.name"},
         credits=("Artist 0", "Guest Star")),
    Case("fma-tracks-csv", lambda: shipped_dataset("fma"), fma_renamed,
         ("tracks.csv: the fma-tracks reader finds no title or artists in its first 12 rows "
          "(title: no column track.title; artists: no column artist.name); columns found: "
          "track_id ('2'), ",),
         {"title": "track.name", "artists": "artist.display_name"}),
    Case("fma-raw-tracks-csv", fma_raw_dataset, fma_raw_renamed,
         ("raw_tracks.csv: the fma-raw-tracks reader finds no title or artists",
          "song ('Song 0')", "performer ('Artist 0')"),
         {"title": "song", "artists": "performer"}),
    Case("spotify-csv", lambda: shipped_dataset("spotify-tracks"), spotify_renamed,
         ("dataset.csv: the csv reader finds no title or artists in its first 12 rows (title: "
          "no column track_name; artists: no column artists)",
          "; set this source's columns in the manifest to: columns: "),
         {"title": "song_name", "artists": "artist_names", "album": "album_name",
          "id": "track_id", "spotify_id": "track_id"}),
]


def control(ws: Workspace) -> dict[str, Any]:
    """A dataset that always builds, so that the one checked may fail alone."""
    return ws.write_songs("control", "control/songs.csv", "title,artist\nControl,Someone\n")


def suggested(message: str) -> dict[str, str]:
    """The columns: line a message ends with, as the manifest would read it."""
    found = re.search(r"columns: (\{[^{}]*\})$", message)
    assert found, message
    columns = yaml.safe_load(found.group(1))
    assert isinstance(columns, dict)
    return columns


def tracks(ws: Workspace, dataset_id: str) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(ws.index_path) as conn:
        return conn.execute(
            "SELECT title, artists, url FROM tracks WHERE dataset = "
            "(SELECT idx FROM datasets WHERE id = ?) ORDER BY id", (dataset_id,)).fetchall()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_renamed_fields_stop_the_dataset_and_the_suggested_columns_build_it(
    workspace: Workspace, case: Case,
) -> None:
    dataset = case.dataset()
    case.write(workspace)
    workspace.write_manifest([dataset, control(workspace)])
    report = workspace.build()
    failed = next(d for d in report.datasets if d.id == dataset["id"])
    assert failed.status == "failed" and failed.tracks == 0
    message = failed.error or ""
    for part in case.says:
        assert part in message, message
    assert "\n" not in message
    assert suggested(message) == case.columns
    assert not tracks(workspace, dataset["id"])  # nothing indexed, not even "0 tracks"

    dataset["sources"][0]["columns"] = suggested(message)
    workspace.write_manifest([dataset, control(workspace)])
    built = next(d for d in workspace.build().datasets if d.id == dataset["id"])
    assert (built.status, built.tracks, built.skipped) == ("built", len(ROWS), 0), built.error
    indexed = tracks(workspace, dataset["id"])
    assert [title for title, _, _ in indexed] == [t for t, _ in ROWS]
    searcher = workspace.searcher()
    found = searcher.lookup_song("Song 3", artist="Artist 3", dataset=dataset["id"])
    assert found.found and found.matches[0].name == "Song 3"
    if case.credits:
        assert searcher.lookup_artist(case.credits[1]).found


def test_a_genius_id_where_the_video_id_belongs_never_becomes_a_link(
    workspace: Workspace,
) -> None:
    """Sleeping-DISCO rows whose `video_id` holds the Genius song id, some with their video
    link beside: the build goes on, links come from the videos only, and the log says why."""
    sleeping_lines(workspace, lambda i, t, a: {
        "title": t, "artist": a, "video_id": 4000 + i,
        **({"youtube_url": video_url(VIDEOS[i])} if i % 2 else {})})
    workspace.write_manifest([shipped_dataset("sleeping-disco-9m")])
    [dataset] = workspace.build().datasets
    assert (dataset.status, dataset.tracks) == ("built", len(ROWS))
    assert dataset.invalid_ids == {"YouTube video": len(ROWS)}
    urls = [url for _, _, url in tracks(workspace, "sleeping-disco-9m")]
    assert urls == [video_url(VIDEOS[i]) if i % 2 else None for i in range(len(ROWS))]
    assert not any("4000" in (url or "") for url in urls)
    searcher = workspace.searcher()
    assert searcher.lookup_link(LinkId(IdKind.YOUTUBE_VIDEO, VIDEOS[1])).found


def test_a_row_id_without_the_templates_form_builds_no_link() -> None:
    """LAION's song_id builds the row's link: a malformed one builds none."""
    preset = FormatPreset(columns={"title": "t", "artists": "a", "id": "i"},
                          url_template="https://www.youtube.com/watch?v={id}",
                          link_kind=IdKind.YOUTUBE_VIDEO)
    source = SourceSpec(path="x.csv", format="laion-disco")
    convert = RowConverter(resolve_columns(preset, source), preset, source).convert
    good, bad = convert("S", "A", None, None, VIDEOS[0]), convert("S", "A", None, None, "4112")
    assert not isinstance(good, str) and not isinstance(bad, str)
    assert (good.url, bad.url) == (video_url(VIDEOS[0]), None)
    assert bad.source_id == "4112"  # still the row's own id, as the file gives it


def test_youtube_links_lists_give_every_video_and_the_first_is_the_row() -> None:
    """Sleeping-DISCO's `youtube_links` (the publisher's scripts read it as a list), links or
    bare ids; the Genius `song_id` is never read."""
    preset_source = SourceSpec(path="a.jsonl", format="sleeping-disco")
    from bot.datasets.formats import PRESETS  # the shipped preset itself

    preset = PRESETS["sleeping-disco"]
    converter = RowConverter(resolve_columns(preset, preset_source), preset, preset_source)
    columns = resolve_columns(preset, preset_source)
    record = {"title": "S", "primary_artist": "Ana", "featured_artists": ["Bo"],
              "youtube_links": [video_url(VIDEOS[0]), VIDEOS[1], "not a link"],
              "song_id": 4112}
    from bot.datasets.formats.fields import lookup

    track = converter.convert(*(lookup(record, spec) if spec else None
                                for spec in columns.roles()))
    assert not isinstance(track, str)
    assert track.ids == (LinkId(IdKind.YOUTUBE_VIDEO, VIDEOS[0]),
                         LinkId(IdKind.YOUTUBE_VIDEO, VIDEOS[1]))
    assert (track.source_id, track.url, track.artists) == (VIDEOS[0], video_url(VIDEOS[0]),
                                                           ("Ana", "Bo"))
    assert converter.dropped == [IdKind.YOUTUBE_VIDEO]  # "not a link", counted


def test_audioset_names_the_columns_it_found(workspace: Workspace) -> None:
    workspace.write("audioset/eval_segments.csv",
                    "# created\n# counts\n# YTID, start, end, labels\n"
                    f"{VIDEOS[0]}, 30.000, 40.000, \"/m/04rlf\"\n")
    workspace.write("audioset/ontology.json", json.dumps([{"id": "/m/04rlf", "name": "Music",
                                                           "child_ids": []}]))
    workspace.write("audioset/class_labels_indices.csv", "index,mid,display_name\n0,/m/04rlf,"
                    "Music\n")
    workspace.write_manifest([shipped_dataset("audioset"), control(workspace)])
    [audioset, _] = workspace.build().datasets
    assert audioset.status == "failed"
    assert audioset.error == ("eval_segments.csv: line 3 names the columns YTID, start, end, "
                              "labels; expected AudioSet's YTID, start_seconds, end_seconds, "
                              "positive_labels")


def test_musiccaps_names_the_columns_it_found(workspace: Workspace) -> None:
    workspace.write("musiccaps/musiccaps-public.csv",
                    f"ytid,start_s,end_s,text\n{VIDEOS[0]},30,40,a song\n")
    workspace.write_manifest([shipped_dataset("musiccaps"), control(workspace)])
    [musiccaps, _] = workspace.build().datasets
    assert musiccaps.status == "failed"
    assert musiccaps.error == (
        "musiccaps-public.csv: not MusicCaps' layout, no column aspect_list, caption, "
        "is_balanced_subset, is_audioset_eval (columns: ytid, start_s, end_s, text)")


def test_an_id_only_dataset_needs_a_video_id_in_its_first_rows(workspace: Workspace) -> None:
    workspace.write("clips/list.csv", "name,who,clip\n" + "".join(
        f"Song {i},Ana,https://example.org/{i}\n" for i in range(5)))
    workspace.write_manifest([dataset_entry("clips", [{
        "path": "clips/list.csv", "format": "csv",
        "columns": {"title": "name", "artists": "who", "video_url": "clip"}}], id_only=True),
        control(workspace)])
    [clips, _] = workspace.build().datasets
    assert clips.status == "failed"
    assert (clips.error or "").startswith(
        "list.csv: the csv reader finds no video_url in its first 5 rows (video_url: clip "
        "holds no YouTube video ids (e.g. 'https://example.org/0')); columns found: ")


def test_files_whose_first_rows_are_unreadable_are_left_to_the_skip_rules(
    workspace: Workspace,
) -> None:
    """No row parsed: nothing to judge the mapping by, so the rows' reasons speak."""
    workspace.write("sleeping-disco-9m/a.jsonl", "{broken\n" * 3)
    workspace.write_manifest([shipped_dataset("sleeping-disco-9m"), control(workspace)])
    [sleeping, _] = workspace.build().datasets
    assert sleeping.error == ("a.jsonl: 3 rows read, none indexed (3 × malformed JSON "
                              "(Expecting property name enclosed in double quotes))")
