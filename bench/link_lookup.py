"""Link lookup latency: a pasted link answered by an index probe, against name search.

Usage:
    python bench/link_lookup.py --config /tmp/c21m/config.yaml [--queries 1000]
        [--baseline-queries 200] [--scan-queries 3] [--seed 1]

Samples tracks at random from the built index and pastes their links as people do (a watch
URL with `&t=` and `&si=`, a youtu.be link, a YouTube Music channel link, a Spotify track
link, made-up ids of the right shape): each is parsed and answered by `Searcher.lookup_link`,
exactly what `/lookup link` and `trainedon lookup link` run. Baselines, measured in the same
run on the same tracks: the fuzzy song lookup of each track's title and lead artist (what a
person had to do without ids), and on a few queries the unindexed way, a scan of every
track's link. Prints one Markdown table (paste it into BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import platform
import random
import sqlite3
import string
import time
from collections.abc import Callable
from pathlib import Path

from bot.config import load_config
from bot.devtools.benchmark import Timings
from bot.index.schema import CREDIT_SEPARATOR, decode_artist_ids
from bot.search.searcher import Searcher
from bot.text.links import IdKind, LinkId, parse_link

PASTES: dict[IdKind, Callable[[str], str]] = {
    IdKind.YOUTUBE_VIDEO: lambda v: f"https://www.youtube.com/watch?v={v}&t=42s&si=AbCdEf",
    IdKind.YOUTUBE_CHANNEL: lambda v: f"https://music.youtube.com/channel/{v}?si=x1",
    IdKind.SPOTIFY_TRACK: lambda v: f"https://open.spotify.com/intl-de/track/{v}?si=0a1b",
}


def sample(path: Path, count: int, seed: int) -> list[tuple[LinkId, str, str]]:
    """(link, title, lead artist) of random tracks that publish a link, several kinds."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    (top,) = conn.execute("SELECT MAX(id) FROM tracks").fetchone()
    rng, found = random.Random(seed), []
    while len(found) < count:
        row = conn.execute("SELECT url, title, artists, artist_ids FROM tracks WHERE id = ?",
                           (rng.randint(1, top),)).fetchone()
        if row is None or not row[1]:
            continue
        url, title, artists, artist_ids = row
        credits = artists.split(CREDIT_SEPARATOR)
        parsed = parse_link(url) if url else None
        channels = [c for c in decode_artist_ids(artist_ids, len(credits)) if c]
        if channels and rng.random() < 0.25:
            found.append((channels[0], title, credits[0]))
        elif isinstance(parsed, LinkId):
            found.append((parsed, title, credits[0]))
    conn.close()
    return found


def absent(count: int, seed: int) -> list[LinkId]:
    """Made-up video ids of the right shape: the "not in any indexed dataset" answer."""
    rng = random.Random(seed + 1)
    alphabet = string.ascii_letters + string.digits + "-_"
    return [LinkId(IdKind.YOUTUBE_VIDEO, "".join(rng.choices(alphabet, k=11)))
            for _ in range(count)]


def paste(link: LinkId) -> str:
    """As a person pastes it; an FMA track as its page or its number."""
    make = PASTES.get(link.kind)
    return make(link.id) if make else link.url or link.id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--baseline-queries", type=int, default=200)
    parser.add_argument("--scan-queries", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    config = load_config(args.config)
    searcher = Searcher.open(config)
    tracks = sample(config.index_path, args.queries, args.seed)
    by_kind: dict[str, Timings] = {}
    found = 0
    for link, _, _ in tracks:
        timings = by_kind.setdefault(link.kind.value, Timings(f"link: {link.kind.label}"))
        started = time.perf_counter()
        parsed = parse_link(paste(link))
        assert isinstance(parsed, LinkId)
        result = searcher.lookup_link(parsed)
        timings.ms.append((time.perf_counter() - started) * 1000)
        found += result.found
    missing = Timings("link: absent video id")
    for link in absent(args.queries // 4, args.seed):
        missing.timed(searcher.lookup_link, link)
    every = Timings("link: all of the above")
    every.ms = [ms for t in (*by_kind.values(), missing) for ms in t.ms]
    names = Timings("baseline: song lookup by title and artist, same tracks")
    for _, title, artist in tracks[: args.baseline_queries]:
        names.timed(searcher.lookup_song, title, artist=artist)
    scan = Timings("baseline: scan of every track's link, unindexed")
    conn = sqlite3.connect(f"file:{config.index_path}?mode=ro", uri=True)
    for link, _, _ in tracks[: args.scan_queries]:
        started = time.perf_counter()
        conn.execute("SELECT COUNT(*) FROM tracks WHERE instr(url, ?)", (link.id,)).fetchone()
        scan.ms.append((time.perf_counter() - started) * 1000)

    print(f"machine: {platform.processor() or platform.machine()}, 2 cores; index "
          f"{config.index_path.stat().st_size / 1e9:.2f} GB; {found} of {len(tracks)} "
          "sampled links found (all should be)")
    print("| measure | queries | p50 ms | p95 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|")
    for timing in (*by_kind.values(), missing, every, names, scan):
        print(f"| {timing.label} | {len(timing.ms):,} | {timing.p50:.3f} | {timing.p95:.3f} | "
              f"{timing.p99:.3f} |")
    print(f"\nlink p50 is {names.p50 / every.p50:.1f}× faster than the song lookup and "
          f"{scan.p50 / every.p50:,.1f}× faster than the scan, same run")


if __name__ == "__main__":
    main()
