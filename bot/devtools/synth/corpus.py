"""Writing a whole synthetic corpus: every format's files, a manifest and a config.

The result is a data directory that `python -m bot index build --config DIR/config.yaml`
indexes like the real one, at any size: each format is generated and written a chunk at a
time, so memory stays flat from a thousand tracks to twenty million.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.devtools.synth import parquet_out, text_out, tracks
from bot.devtools.synth.tracks import Batch
from bot.devtools.synth.universe import Universe

log = logging.getLogger(__name__)

# Shares of the real corpus (12.3M LAION, 9.7M Sleeping, 10M DISCO's, 106k FMA, 114k Spotify),
# with the small sets scaled up so that a small corpus still has rows of every kind.
FORMAT_SHARES: dict[str, float] = {
    "laion-disco": 0.50,
    "sleeping-disco": 0.37,
    "disco-10m": 0.08,
    "fma-tracks": 0.02,
    "fma-raw-tracks": 0.015,
    "spotify-tracks": 0.015,
}
FORMATS: tuple[str, ...] = tuple(FORMAT_SHARES)
SONGS_PER_TRACK = 0.6  # fewer songs than tracks: songs repeat within and across datasets
TRACKS_PER_ARTIST = 8


@dataclass(frozen=True, slots=True)
class FormatResult:
    """What one format's writer produced."""

    rows: int
    malformed: int
    files: tuple[Path, ...]


@dataclass(slots=True)
class CorpusSummary:
    """Counts and paths of a written corpus, plus the universe its rows were drawn from."""

    out_dir: Path
    seed: int
    universe: Universe
    formats: dict[str, FormatResult] = field(default_factory=dict)
    manifest_path: Path | None = None
    config_path: Path | None = None
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(r.rows for r in self.formats.values())

    @property
    def malformed(self) -> int:
        return sum(r.malformed for r in self.formats.values())

    def dataset_id(self, fmt: str) -> str:
        return f"synth-{fmt}"


def split_tracks(total: int, formats: Sequence[str]) -> dict[str, int]:
    """Rows per format in the real corpus's proportions, at least one each."""
    shares = {f: FORMAT_SHARES[f] for f in formats}
    scale = sum(shares.values())
    counts = {f: max(1, int(total * s / scale)) for f, s in shares.items()}
    largest = max(counts, key=lambda f: counts[f])
    counts[largest] = max(1, counts[largest] + total - sum(counts.values()))
    return counts


def make_universe(seed: int, n_artists: int, n_songs: int) -> Universe:
    """The artists and songs that a corpus with this seed draws from."""
    return Universe(seed, n_artists, n_songs)


def default_universe(tracks_total: int, seed: int = 0, n_artists: int | None = None) -> Universe:
    """The universe `write_corpus` uses for a corpus of this size."""
    artists = n_artists or max(1, tracks_total // TRACKS_PER_ARTIST)
    return Universe(seed, artists, max(1, int(tracks_total * SONGS_PER_TRACK)))


def write_corpus(
    out_dir: Path,
    tracks: int,
    formats: Sequence[str],
    seed: int = 0,
    malformed: float = 0.001,
    n_artists: int | None = None,
) -> CorpusSummary:
    """Write `tracks` rows split across `formats` (or "all"), a manifest and a config."""
    chosen = list(FORMATS) if "all" in formats else list(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in FORMAT_SHARES]
    if unknown:
        raise ValueError(f"unknown format {unknown[0]!r}; expected one of {', '.join(FORMATS)}")
    if not 0.0 <= malformed <= 1.0:
        raise ValueError("malformed must be a share between 0 and 1")
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    universe = default_universe(tracks, seed, n_artists)
    summary = CorpusSummary(out_dir, seed, universe)
    for stream, (fmt, rows) in enumerate(split_tracks(tracks, chosen).items(), start=1):
        began = time.perf_counter()
        result = _WRITERS[fmt](universe, out_dir, rows, (seed, stream), malformed)
        summary.formats[fmt] = result
        log.info("%s: %d rows (%d malformed) in %.1fs", fmt, result.rows, result.malformed,
                 time.perf_counter() - began)
    summary.manifest_path = out_dir / "datasets.yaml"
    _dump_yaml(summary.manifest_path, {"datasets": [
        manifest_entry(fmt, seed, summary.formats[fmt].rows) for fmt in summary.formats
    ]})
    summary.config_path = out_dir / "config.yaml"
    _dump_yaml(summary.config_path, {
        "data_dir": ".", "index": {"path": "index.sqlite", "include_demo": True},
    })
    summary.seconds = time.perf_counter() - started
    return summary


class _Counted:
    """Wraps a format's batches to count its malformed rows on the way through."""

    def __init__(self, universe: Universe, key: tuple[int, int], rows: int, malformed: float,
                 kinds: int) -> None:
        self.bad = 0
        self._batches = tracks.batches(universe, key[0], key[1], rows, malformed, kinds)

    def __iter__(self) -> Iterator[Batch]:
        for batch in self._batches:
            self.bad += int((batch.bad_kind >= 0).sum())
            yield batch


def _laion(universe: Universe, out: Path, rows: int, key: tuple[int, int],
           malformed: float) -> FormatResult:
    source = _Counted(universe, key, rows, malformed, parquet_out.LAION_BAD_KINDS)
    paths = parquet_out.write_shards(out / "laion-disco-12m", rows, parquet_out.LAION_SCHEMA,
                                     (parquet_out.laion_chunk(universe, b) for b in source))
    return FormatResult(rows, source.bad, tuple(paths))


def _disco(universe: Universe, out: Path, rows: int, key: tuple[int, int],
           malformed: float) -> FormatResult:
    source = _Counted(universe, key, rows, malformed, parquet_out.DISCO_BAD_KINDS)
    paths = parquet_out.write_shards(out / "disco-10m", rows, parquet_out.DISCO_SCHEMA,
                                     (parquet_out.disco_chunk(universe, b) for b in source))
    return FormatResult(rows, source.bad, tuple(paths))


def _sleeping(universe: Universe, out: Path, rows: int, key: tuple[int, int],
              malformed: float) -> FormatResult:
    source = _Counted(universe, key, rows, malformed, text_out.SLEEPING_BAD_KINDS)
    writer = text_out.SleepingWriter(out / "sleeping-disco-9m")
    try:
        for batch in source:
            writer.write_chunk(universe, batch)
    finally:
        paths = writer.close()
    return FormatResult(rows, source.bad, tuple(paths))


def _fma_tracks(universe: Universe, out: Path, rows: int, key: tuple[int, int],
                malformed: float) -> FormatResult:
    path = out / "fma" / "tracks.csv"
    source = _Counted(universe, key, rows, malformed, text_out.FMA_BAD_KINDS)
    with text_out.open_text(path) as handle:
        text_out.write_csv_rows(handle, text_out.fma_header_rows())
        next_id = 2
        for batch in source:
            text_out.write_csv_rows(handle, text_out.fma_tracks_rows(universe, batch, next_id))
            next_id += len(batch)
    return FormatResult(rows, source.bad, (path,))


def _fma_raw(universe: Universe, out: Path, rows: int, key: tuple[int, int],
             malformed: float) -> FormatResult:
    path = out / "fma" / "raw_tracks.csv"
    source = _Counted(universe, key, rows, malformed, text_out.FMA_BAD_KINDS)
    with text_out.open_text(path) as handle:
        text_out.write_csv_rows(handle, [list(text_out.RAW_TRACKS_HEADER)])
        next_id = 2
        for batch in source:
            rows_out = text_out.fma_raw_rows(universe, batch, next_id)
            text_out.write_raw_rows(handle, rows_out, batch.bad_kind.tolist())
            next_id += len(batch)
    return FormatResult(rows, source.bad, (path,))


def _spotify(universe: Universe, out: Path, rows: int, key: tuple[int, int],
             malformed: float) -> FormatResult:
    path = out / "spotify-tracks" / "dataset.csv"
    source = _Counted(universe, key, rows, malformed, text_out.SPOTIFY_BAD_KINDS)
    with text_out.open_text(path) as handle:
        text_out.write_csv_rows(handle, [list(text_out.SPOTIFY_HEADER)])
        index = 0
        for batch in source:
            text_out.write_csv_rows(handle, text_out.spotify_rows(universe, batch, index))
            index += len(batch)
    return FormatResult(rows, source.bad, (path,))


_WRITERS = {
    "laion-disco": _laion, "sleeping-disco": _sleeping, "disco-10m": _disco,
    "fma-tracks": _fma_tracks, "fma-raw-tracks": _fma_raw, "spotify-tracks": _spotify,
}

# Homepages and licenses of the real datasets each synthetic one imitates.
_REAL: dict[str, dict[str, Any]] = {
    "laion-disco": {
        "name": "LAION-DISCO-12M", "license": "apache-2.0",
        "homepage": "https://huggingface.co/datasets/laion/LAION-DISCO-12M",
        "sources": [{"path": "laion-disco-12m/data/train-*.parquet", "format": "laion-disco"}],
    },
    "sleeping-disco": {
        "name": "Sleeping-DISCO-9M", "license": "not stated",
        "homepage": "https://huggingface.co/datasets/sleeping-ai/Sleeping-DISCO-9M",
        "sources": [{"path": "sleeping-disco-9m/*.jsonl", "format": "sleeping-disco"}],
    },
    "disco-10m": {
        "name": "DISCO-10M", "license": "not stated",
        "homepage": "https://huggingface.co/datasets/DISCOX/DISCO-10M",
        "sources": [{"path": "disco-10m/data/train-*.parquet", "format": "disco-10m"}],
    },
    "fma-tracks": {
        "name": "FMA tracks.csv", "license": "CC-BY-4.0 (metadata)",
        "homepage": "https://github.com/mdeff/fma",
        "sources": [{"path": "fma/tracks.csv", "format": "fma-tracks"}],
    },
    "fma-raw-tracks": {
        "name": "FMA raw_tracks.csv", "license": "CC-BY-4.0 (metadata)",
        "homepage": "https://github.com/mdeff/fma",
        "sources": [{"path": "fma/raw_tracks.csv", "format": "fma-raw-tracks"}],
    },
    "spotify-tracks": {
        "name": "Spotify Tracks Dataset", "license": "bsd",
        "homepage": "https://huggingface.co/datasets/maharshipandya/spotify-tracks-dataset",
        "sources": [{
            "path": "spotify-tracks/dataset.csv", "format": "csv",
            "columns": {"title": "track_name", "artists": "artists", "album": "album_name",
                        "id": "track_id", "spotify_id": "track_id"},
            "artist_separator": ";", "url_template": "https://open.spotify.com/track/{id}",
        }],
    },
}


def manifest_entry(fmt: str, seed: int, rows: int) -> dict[str, Any]:
    """The datasets.yaml entry of one synthetic dataset."""
    real = _REAL[fmt]
    return {
        "id": f"synth-{fmt}",
        "name": f"{real['name']} (synthetic)",
        "description": f"{rows} synthetic rows in {real['name']}'s layout "
                       f"(bot.devtools.synth, seed {seed}); not real data.",
        "homepage": real["homepage"],
        "license": real["license"],
        "demo": True,
        "sources": real["sources"],
    }


def _dump_yaml(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
