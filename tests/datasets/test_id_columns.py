"""Published ids read from each real layout: valid ones kept, malformed ones dropped, never
the row."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from helpers.dataset_files import csv_bytes

from bot.datasets.formats import reader_for
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import DroppedId, RawTrack, ReaderItem, SkippedRow
from bot.devtools.synth.parquet_out import DISCO_SCHEMA, LAION_SCHEMA
from bot.devtools.synth.text_out import RAW_TRACKS_HEADER, SPOTIFY_HEADER, fma_header_rows
from bot.text.links import IdKind, LinkId

VIDEO, OTHER_VIDEO = "dQw4w9WgXcQ", "9bZkp7q19f0"
CHANNEL_A, CHANNEL_B = "UCaaaaaaaaaaaaaaaaaaaaaa", "UCbbbbbbbbbbbbbbbbbbbbbb"
SPOTIFY_TRACK, SPOTIFY_ARTIST = "4uLU6hMCjMI75M1A2tKUQC", "0gxyHStUsqpMadRV0Di1Qt"
SPOTIFY = SourceSpec(
    path="dataset.csv", format="csv",
    columns={"title": "track_name", "artists": "artists", "album": "album_name",
             "id": "track_id", "spotify_id": "track_id"},
    artist_separator=";",
)


def link(kind: IdKind, value: str) -> LinkId:
    return LinkId(kind, value)


def read(path: Path, source: SourceSpec | str) -> list[ReaderItem]:
    spec = source if isinstance(source, SourceSpec) else SourceSpec(path=path.name, format=source)
    return list(reader_for(spec)(path, spec))


def tracks_of(items: list[ReaderItem]) -> list[RawTrack]:
    return [item for item in items if isinstance(item, RawTrack)]


def laion(path: Path, rows: list[tuple[str, list[str], list[str | None]]]) -> Path:
    """(song_id, artist_names, artist_ids) rows in LAION-DISCO-12M's parquet layout."""
    n = len(rows)
    pq.write_table(pa.table({
        "song_id": [song for song, _, _ in rows], "title": [f"Song {i}" for i in range(n)],
        "artist_names": [names for _, names, _ in rows],
        "artist_ids": [ids for _, _, ids in rows], "album_name": [None] * n,
        "album_id": [None] * n, "isExplicit": [False] * n, "views": ["1"] * n,
        "duration": [200] * n,
    }, schema=LAION_SCHEMA), path)
    return path


def test_laion_gives_the_video_and_each_credits_channel_in_order(tmp_path: Path) -> None:
    items = read(laion(tmp_path / "train.parquet", [
        (VIDEO, ["Ana", "Bo - Topic"], [CHANNEL_A, CHANNEL_B]),
    ]), "laion-disco")
    (track,) = tracks_of(items)
    assert track.ids == (link(IdKind.YOUTUBE_VIDEO, VIDEO),)
    assert track.artist_ids == (link(IdKind.YOUTUBE_CHANNEL, CHANNEL_A),
                                link(IdKind.YOUTUBE_CHANNEL, CHANNEL_B))
    assert track.source_id == VIDEO


def test_laion_channels_stay_aligned_when_a_credit_is_empty(tmp_path: Path) -> None:
    items = read(laion(tmp_path / "train.parquet", [
        (VIDEO, ["Ana", "", "Cy"], [CHANNEL_A, "UCxxxxxxxxxxxxxxxxxxxxxx", CHANNEL_B]),
    ]), "laion-disco")
    (track,) = tracks_of(items)
    assert track.artists == ("Ana", "Cy")
    assert track.artist_ids == (link(IdKind.YOUTUBE_CHANNEL, CHANNEL_A),
                                link(IdKind.YOUTUBE_CHANNEL, CHANNEL_B))


def test_a_channel_list_of_another_length_gives_no_credit_an_id(tmp_path: Path) -> None:
    items = read(laion(tmp_path / "train.parquet", [
        (VIDEO, ["Ana", "Bo"], [CHANNEL_A]),
    ]), "laion-disco")
    (track,) = tracks_of(items)
    assert (track.artists, track.artist_ids) == (("Ana", "Bo"), ())
    assert [i.kind for i in items if isinstance(i, DroppedId)] == [IdKind.YOUTUBE_CHANNEL]


def test_malformed_ids_are_dropped_and_said_but_the_row_is_kept(tmp_path: Path) -> None:
    items = read(laion(tmp_path / "train.parquet", [
        ("too-short", ["Ana"], ["not-a-channel"]),
        (VIDEO, ["Bo"], [CHANNEL_B]),
    ]), "laion-disco")
    first, second = tracks_of(items)
    assert (first.title, first.ids, first.artist_ids) == ("Song 0", (), ())
    assert items[:3] == [DroppedId(1, IdKind.YOUTUBE_VIDEO),
                         DroppedId(1, IdKind.YOUTUBE_CHANNEL), first]
    assert second.ids == (link(IdKind.YOUTUBE_VIDEO, VIDEO),)


def test_a_skipped_row_reports_no_dropped_ids(tmp_path: Path) -> None:
    items = read(laion(tmp_path / "train.parquet", [("bad", [], ["bad"])]), "laion-disco")
    assert [type(i) for i in items] == [SkippedRow]


def test_disco_10m_gives_video_from_its_link_spotify_track_and_primary_artist(
    tmp_path: Path,
) -> None:
    path = tmp_path / "train.parquet"
    columns = {name: [None, None] for name in DISCO_SCHEMA.names}
    columns.update({
        "video_url_youtube": [f"https://www.youtube.com/watch?v={VIDEO}",
                              "https://www.youtube.com/watch?v=short"],
        "track_name_spotify": ["Song", "Other"], "primary_artist_name_spotify": ["Ana", "Bo"],
        "track_id_spotify": [SPOTIFY_TRACK, "not base62!"],
        "artist_id_spotify": [SPOTIFY_ARTIST, None],
    })
    pq.write_table(pa.table(columns, schema=DISCO_SCHEMA), path)
    items = read(path, "disco-10m")
    first, second = tracks_of(items)
    assert first.ids == (link(IdKind.YOUTUBE_VIDEO, VIDEO),
                         link(IdKind.SPOTIFY_TRACK, SPOTIFY_TRACK))
    assert first.artist_ids == (link(IdKind.SPOTIFY_ARTIST, SPOTIFY_ARTIST),)
    assert (second.ids, second.artist_ids) == ((), ())
    assert [i.kind for i in items if isinstance(i, DroppedId)] == [
        IdKind.YOUTUBE_VIDEO, IdKind.SPOTIFY_TRACK]


def test_spotify_tracks_csv_gives_its_track_id(tmp_path: Path) -> None:
    head = list(SPOTIFY_HEADER)
    row = [""] * len(head)
    row[0], row[head.index("track_id")] = "0", SPOTIFY_TRACK
    row[head.index("artists")], row[head.index("track_name")] = "Ana;Bo", "Song"
    path = tmp_path / "dataset.csv"
    path.write_bytes(csv_bytes([head, row]))
    (track,) = tracks_of(read(path, SPOTIFY))
    assert track.ids == (link(IdKind.SPOTIFY_TRACK, SPOTIFY_TRACK),)
    assert track.source_id == SPOTIFY_TRACK


def test_fma_tracks_csv_gives_the_numeric_track_id(tmp_path: Path) -> None:
    groups, fields, label = fma_header_rows()
    row = ["123"] + [""] * (len(groups) - 1)
    row[next(i for i in range(len(groups)) if (groups[i], fields[i]) == ("track", "title"))] = "S"
    row[next(i for i in range(len(groups)) if (groups[i], fields[i]) == ("artist", "name"))] = "A"
    path = tmp_path / "tracks.csv"
    path.write_bytes(csv_bytes([groups, fields, label, row]))
    (track,) = tracks_of(read(path, "fma-tracks"))
    assert track.ids == (link(IdKind.FMA_TRACK, "123"),)


def test_fma_raw_tracks_gives_the_number_and_the_page_a_pasted_link_resolves_to(
    tmp_path: Path,
) -> None:
    head = list(RAW_TRACKS_HEADER)
    row = [""] * len(head)
    row[head.index("track_id")], row[head.index("artist_name")] = "2", "AWOL"
    row[head.index("track_title")] = "Food"
    row[head.index("track_url")] = ("http://freemusicarchive.org/music/AWOL/"
                                    "AWOL_-_A_Way_Of_Life/Food")
    path = tmp_path / "raw_tracks.csv"
    path.write_bytes(csv_bytes([head, row]))
    (track,) = tracks_of(read(path, "fma-raw-tracks"))
    assert track.ids == (link(IdKind.FMA_TRACK, "2"),
                         link(IdKind.FMA_TRACK, "AWOL/AWOL_-_A_Way_Of_Life/Food"))


@pytest.mark.parametrize("field", ["youtube_url", "url"])
def test_sleeping_disco_rows_are_their_videos_never_a_genius_id(tmp_path: Path,
                                                                 field: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        f'{{"title": "Song", "artist": "Ana", "genius_id": 77, '
        f'"{field}": "https://youtu.be/{VIDEO}?si=x"}}\n'
        '{"title": "Other", "artist": "Bo", "genius_id": 77}\n', encoding="utf-8")
    first, second = tracks_of(read(path, "sleeping-disco"))
    assert (first.ids, first.source_id) == ((link(IdKind.YOUTUBE_VIDEO, VIDEO),), VIDEO)
    assert (second.ids, second.source_id) == ((), None)


def test_generic_formats_take_every_id_role_from_the_manifest(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "name,who,vid,chan,sp,spa,fma\n"
        f"Song,Ana;Bo,{VIDEO},{CHANNEL_A};{CHANNEL_B},{SPOTIFY_TRACK},{SPOTIFY_ARTIST},42\n",
        encoding="utf-8")
    source = SourceSpec(path="list.csv", format="csv", artist_separator=";", columns={
        "title": "name", "artists": "who", "video_id": "vid", "artist_id": "chan",
        "spotify_id": "sp", "spotify_artist_id": "spa", "fma_id": "fma"})
    (track,) = tracks_of(read(path, source))
    assert track.ids == (link(IdKind.YOUTUBE_VIDEO, VIDEO),
                         link(IdKind.SPOTIFY_TRACK, SPOTIFY_TRACK), link(IdKind.FMA_TRACK, "42"))
    # A channel list and a primary artist's Spotify id: the channel wins for the first credit.
    assert track.artist_ids == (link(IdKind.YOUTUBE_CHANNEL, CHANNEL_A),
                                link(IdKind.YOUTUBE_CHANNEL, CHANNEL_B))
