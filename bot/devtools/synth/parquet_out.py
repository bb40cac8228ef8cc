"""LAION-DISCO-12M and DISCO-10M shards: parquet, written one row group per chunk."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from bot.devtools.synth import tracks
from bot.devtools.synth.tracks import Batch
from bot.devtools.synth.universe import Universe

SHARD_ROWS = 1_000_000

LAION_SCHEMA = pa.schema([
    ("song_id", pa.string()), ("title", pa.string()), ("artist_names", pa.list_(pa.string())),
    ("artist_ids", pa.list_(pa.string())), ("album_name", pa.string()),
    ("album_id", pa.string()), ("isExplicit", pa.bool_()), ("views", pa.string()),
    ("duration", pa.int64()),
])
DISCO_SCHEMA = pa.schema([
    ("video_url_youtube", pa.string()), ("video_title_youtube", pa.string()),
    ("track_name_spotify", pa.string()), ("primary_artist_name_spotify", pa.string()),
    ("artist_id_spotify", pa.string()), ("track_id_spotify", pa.string()),
    ("album_id_spotify", pa.string()), ("preview_url_spotify", pa.string()),
    ("explicit_content_spotify", pa.bool_()), ("track_duration_spotify_ms", pa.int64()),
    ("video_duration_youtube_sec", pa.float64()), ("video_view_count_youtube", pa.float64()),
    ("similarity_audio", pa.float64()),
])
LAION_BAD_KINDS = 3  # title null, title empty, empty artist list
DISCO_BAD_KINDS = 3  # track name null, primary artist empty, primary artist null
WATCH = "https://www.youtube.com/watch?v="


def shard_paths(folder: Path, rows: int) -> list[Path]:
    """`data/train-0000K-of-0000M.parquet`, about a million rows each, as on Hugging Face."""
    count = max(1, math.ceil(rows / SHARD_ROWS))
    return [folder / "data" / f"train-{i:05d}-of-{count:05d}.parquet" for i in range(count)]


def write_shards(folder: Path, rows: int, schema: pa.Schema,
                 chunks: Iterator[pa.RecordBatch]) -> list[Path]:
    """Stream chunks into shards; stale shards from an earlier run are removed first."""
    paths = shard_paths(folder, rows)
    paths[0].parent.mkdir(parents=True, exist_ok=True)
    for old in paths[0].parent.glob("train-*.parquet"):
        old.unlink()
    shard, writer, in_shard = 0, _writer(paths[0], schema), 0
    try:
        for batch in chunks:
            if in_shard >= SHARD_ROWS:
                writer.close()
                shard, in_shard = shard + 1, 0
                writer = _writer(paths[shard], schema)
            writer.write_batch(batch, row_group_size=batch.num_rows)
            in_shard += batch.num_rows
    finally:
        writer.close()
    return paths


def _writer(path: Path, schema: pa.Schema) -> pq.ParquetWriter:
    # Dictionary pages cost a third of the write time and barely pay off on unique titles.
    return pq.ParquetWriter(path, schema, use_dictionary=False)


LAION_REPEATED = 0.001  # rows listing a video an earlier row lists (counted once by the index)


def video_ids(universe: Universe, batch: Batch) -> list[str]:
    """A row's video: one of a few uploads per song, so datasets often share it.

    Distinct within a dataset, since a song's second row there is another upload.
    """
    return universe.ids(batch.variants(uploads=3), tracks.VIDEO, 11)


def laion_chunk(universe: Universe, batch: Batch) -> pa.RecordBatch:
    """One chunk of LAION-DISCO rows: YouTube Music titles, list-valued credits."""
    rng, n = batch.rng, len(batch)
    titles, _ = tracks.featured_in_title(tracks.decorated(batch.titles, rng, "youtube"),
                                         batch, 0.3)
    kinds = batch.bad_kind.tolist()
    flat, flat_ids, offsets = _credit_lists(batch, rng.random(n) < 0.10)
    title_column: list[str | None] = list(titles)
    for i in np.flatnonzero(batch.bad_kind >= 0).tolist():
        if kinds[i] < 2:
            title_column[i] = None if kinds[i] == 0 else ""
    album_keys = batch.album_keys(universe)
    albums: list[str | None] = list(universe.album_titles(album_keys))
    for i in np.flatnonzero(rng.random(n) < 0.1).tolist():
        albums[i] = None  # singles have no album
    offset_array = pa.array(offsets, pa.int32())
    channel_ids = ["UC" + s for s in universe.ids(flat_ids, tracks.CHANNEL, 22)]
    chunk = pa.RecordBatch.from_arrays([
        pa.array(video_ids(universe, batch), pa.string()),
        pa.array(title_column, pa.string()),
        pa.ListArray.from_arrays(offset_array, pa.array(flat, pa.string())),
        pa.ListArray.from_arrays(offset_array, pa.array(channel_ids, pa.string())),
        pa.array(albums, pa.string()),
        pa.array(["MPREb_" + s for s in universe.ids(album_keys, tracks.ALBUM, 11)],
                 pa.string()),
        pa.array(rng.random(n) < 0.08, pa.bool_()),
        pa.array(tracks.view_counts(rng, n).astype(str), pa.string()),
        pa.array(tracks.durations(rng, n), pa.int64()),
    ], schema=LAION_SCHEMA)
    return chunk.take(pa.array(tracks.repeated_rows(batch, LAION_REPEATED)))


def _credit_lists(batch: Batch, topic: np.ndarray) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Flattened artist_names / artist ids and list offsets, built with array arithmetic."""
    n = len(batch)
    has_lead = batch.bad_kind != 2  # kind 2: an empty artist list
    width = np.zeros(n, dtype=np.int64)
    width[has_lead] = 1
    feat_rows = [i for i, f in enumerate(batch.featured) if f]
    for i in feat_rows:
        if has_lead[i]:
            width[i] += len(batch.featured[i])
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(width, out=offsets[1:])
    flat = np.empty(int(offsets[-1]), dtype=object)
    ids = np.empty(len(flat), dtype=np.int64)
    starts = offsets[:-1][has_lead]
    leads = np.array(batch.lead_names, dtype=object)
    topic_rows = topic & has_lead
    leads[topic_rows] = [f"{name} - Topic" for name in leads[topic_rows]]
    flat[starts] = leads[has_lead]
    ids[starts] = batch.leads[has_lead]
    for i in feat_rows:
        if has_lead[i]:
            at = int(offsets[i]) + 1
            for j, (artist, name) in enumerate(zip(batch.featured[i], batch.featured_names[i],
                                                   strict=True)):
                flat[at + j], ids[at + j] = name, artist
    return flat.tolist(), ids, offsets


def disco_chunk(universe: Universe, batch: Batch) -> pa.RecordBatch:
    """One chunk of DISCO-10M rows: a Spotify track matched to a YouTube video."""
    rng, n = batch.rng, len(batch)
    spotify_titles, _ = tracks.featured_in_title(
        tracks.decorated(batch.titles, rng, "spotify"), batch, 0.6)
    video_titles = [
        f"{artist} - {title}" for artist, title in
        zip(batch.lead_names, tracks.decorated(batch.titles, rng, "youtube"), strict=True)
    ]
    track_names: list[str | None] = list(spotify_titles)
    artists: list[str | None] = list(batch.lead_names)
    kinds = batch.bad_kind.tolist()
    for i in np.flatnonzero(batch.bad_kind >= 0).tolist():
        if kinds[i] == 0:
            track_names[i] = None
        else:
            artists[i] = "" if kinds[i] == 1 else None
    seconds = tracks.durations(rng, n)
    return pa.RecordBatch.from_arrays([
        pa.array([WATCH + v for v in video_ids(universe, batch)], pa.string()),
        pa.array(video_titles, pa.string()),
        pa.array(track_names, pa.string()),
        pa.array(artists, pa.string()),
        pa.array(universe.ids(batch.leads, tracks.SPOTIFY_ARTIST, 22, base62=True)),
        pa.array(universe.ids(batch.variants(), tracks.SPOTIFY_TRACK, 22, base62=True)),
        pa.array(universe.ids(batch.album_keys(universe), tracks.SPOTIFY_ALBUM, 22,
                              base62=True)),
        pa.array(["https://p.scdn.co/mp3-preview/" + s
                  for s in universe.ids(batch.songs, tracks.PREVIEW, 40, base62=True)]),
        pa.array(rng.random(n) < 0.1, pa.bool_()),
        pa.array(seconds * 1000 + rng.integers(0, 1000, n), pa.int64()),
        pa.array(seconds + rng.normal(0, 4, n).round(0).clip(-seconds + 1), pa.float64()),
        pa.array(tracks.view_counts(rng, n).astype(np.float64), pa.float64()),
        pa.array(rng.beta(8, 2, n), pa.float64()),
    ], schema=DISCO_SCHEMA)


ChunkBuilder = Callable[[Universe, Batch], pa.RecordBatch]
