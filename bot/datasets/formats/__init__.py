"""Readers for every supported format, by the name used in the manifest's `format:` key.

A built-in format is a generic reader (CSV, JSONL, parquet) plus a preset: the dataset's
own column names and how to link to a row. `columns:` in the manifest overrides a preset
role by role; a column may list alternatives as "a|b|c" (the first present is used), join
fields as "a+b", and reach into nested objects as "performer.name" (`fields`).
AudioSet and MusicCaps have readers of their own: their rows name no song, only a YouTube clip.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from bot.datasets.formats.audioset import CLASS_LABELS, ONTOLOGY, read_audioset
from bot.datasets.formats.columns import FormatPreset
from bot.datasets.formats.delimited import RAW_TRACKS, read_delimited, read_fma_tracks
from bot.datasets.formats.jsonl import read_jsonl
from bot.datasets.formats.musiccaps import read_musiccaps
from bot.datasets.formats.parquet import parquet_row_count, read_parquet
from bot.datasets.formats.parts import Part, jsonl_parts, parquet_parts
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import ReaderItem
from bot.text.links import IdKind

Reader = Callable[[Path, SourceSpec], Iterator[ReaderItem]]

YOUTUBE_WATCH = "https://www.youtube.com/watch?v={id}"

PRESETS: dict[str, FormatPreset] = {
    # LAION-DISCO-12M: song_id is the YouTube video id; artist_names is a list column and
    # artist_ids the YouTube Music channel of each credit, in the same order.
    "laion-disco": FormatPreset(
        columns={"title": "title", "artists": "artist_names", "album": "album_name",
                 "id": "song_id", "video_id": "song_id", "artist_id": "artist_ids"},
        url_template=YOUTUBE_WATCH, link_kind=IdKind.YOUTUBE_VIDEO,
    ),
    # Sleeping-DISCO-9M: no card names its fields. The publisher's own scripts
    # (github.com/sleepingcat4/sleeping-disco: stat.py, raw_statistics.py, unique_artist.py;
    # read 2026-11-30) read `primary_artist` (text), `featured_artists` (list of text),
    # `youtube_links` (a list: links or bare ids, not shown), `album_name`, and `song_id`, the
    # Genius song id. No script reads the title: its key is unverified (Genius' API says
    # `title`). The keys tried before that evidence stay as alternatives, and the manifest
    # can name the real ones. A row is identified by its first video, never by a Genius id
    # (a song, which several rows may share): `song_id` is deliberately not read.
    "sleeping-disco": FormatPreset(
        columns={
            "title": "title|song_title|song|name|full_title",
            "artists": "primary_artist+featured_artists|artist|artists|artist_name|artist_names",
            "album": "album_name|album",
            "url": "youtube_url|youtube_link|youtube|yt_url|video_url|url",
            "video_id": "video_id|youtube_id|ytid",
            "video_url": "youtube_links|youtube_url|youtube_link|youtube|yt_url|video_url|url",
        },
        url_template=YOUTUBE_WATCH, link_kind=IdKind.YOUTUBE_VIDEO,
        video_is_row_id=True,
    ),
    # FMA tracks.csv after its three header rows: "group.field" columns. It has no link:
    # the reader takes each track's page from raw_tracks.csv beside it (`fma_track_pages`).
    "fma-tracks": FormatPreset(
        columns={"title": "track.title", "artists": "artist.name", "album": "album.title",
                 "id": "track_id", "fma_id": "track_id"},
        url_is_track_page=True,
    ),
    # raw_tracks.csv: track_url is the track's page, the id a pasted FMA link resolves to.
    "fma-raw-tracks": FormatPreset(
        columns={"title": "track_title", "artists": "artist_name", "album": "album_title",
                 "url": "track_url", "id": "track_id", "fma_id": "track_id"},
        url_is_track_page=True,
    ),
    # DISCO-10M: Spotify metadata matched to a YouTube video; artist_id_spotify is the
    # primary artist's.
    "disco-10m": FormatPreset(
        columns={"title": "track_name_spotify|video_title_youtube",
                 "artists": "primary_artist_name_spotify|artist_names",
                 "url": "video_url_youtube", "id": "track_id_spotify",
                 "video_url": "video_url_youtube", "spotify_id": "track_id_spotify",
                 "spotify_artist_id": "artist_id_spotify"},
        url_template="https://open.spotify.com/track/{id}", link_kind=IdKind.SPOTIFY_TRACK,
    ),
}
GENERIC = FormatPreset(columns={})
PARQUET_FORMATS = ("laion-disco", "disco-10m", "parquet")
JSONL_FORMATS = ("jsonl", "sleeping-disco")


def reader_for(source: SourceSpec, part: Part | None = None) -> Reader:
    """The reader for a source's format (the manifest has validated the name).

    With `part`, it reads only that part of the file (see `parts_of`).
    """
    preset = PRESETS.get(source.format, GENERIC)
    if part is not None and source.format not in PARQUET_FORMATS + JSONL_FORMATS:
        raise ValueError(f"{source.format} files are read whole, not in parts")
    match source.format:
        case "fma-tracks":
            return partial(read_fma_tracks, preset=preset)
        case "csv" | "fma-raw-tracks":
            return partial(read_delimited, preset=preset, delimiter=",")
        case "tsv":
            return partial(read_delimited, preset=preset, delimiter="\t")
        case "audioset":  # id-only: fixed layouts, no columns to map
            return read_audioset
        case "musiccaps":
            return read_musiccaps
        case "jsonl" | "sleeping-disco":  # JSONL_FORMATS
            return partial(read_jsonl, preset=preset, part=part)
        case _:
            return partial(read_parquet, preset=preset, part=part)


def companions_of(path: Path, source: SourceSpec) -> list[Path]:
    """Files beside `path` that its reading depends on: a change to them changes the dataset."""
    if source.format == "audioset":
        return [path.parent / name for name in (ONTOLOGY, CLASS_LABELS)]
    if source.format == "fma-tracks" and (pages := path.parent / RAW_TRACKS).is_file():
        return [pages]  # the tracks' links; without it they have none, and the build goes on
    return []


def parts_of(path: Path, source: SourceSpec) -> list[Part] | None:
    """How a large file splits into parts read side by side; None: read it whole."""
    if source.format in PARQUET_FORMATS:
        return parquet_parts(path)
    if source.format in JSONL_FORMATS:
        return jsonl_parts(path)
    return None


def expected_rows(path: Path, source: SourceSpec) -> int | None:
    """Row count known before reading (parquet footers), for progress bars."""
    if source.format in PARQUET_FORMATS:
        return parquet_row_count(path)
    return None
