"""Lookup latency and rank-1 recall over a seeded query mix, against brute force.

Usage:
    python bench/lookup_latency.py --config /tmp/c1m/config.yaml [--queries 1000] [--seed 1]

Measures in process, after start-up: artist lookups, song lookups and autocomplete
suggestions through `Searcher`, and, on the same artist queries in the same run, the
baseline: `rapidfuzz.process.extractOne` with WRatio over every indexed artist name.
Prints one Markdown table (paste it into BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import platform
import random
import sqlite3
import statistics
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.config import load_config
from bot.devtools.queries import artist_queries, misspell
from bot.index.reader import IndexReader
from bot.search.searcher import Searcher
from bot.text.normalize import normalize_name, normalize_title


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--baseline-queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    config = load_config(args.config)
    started = time.perf_counter()
    searcher = Searcher(IndexReader(config.index_path), config.search)
    ready = time.perf_counter() - started

    conn = sqlite3.connect(config.index_path)
    artists = [row[0] for row in conn.execute("SELECT name FROM artists ORDER BY rank")]
    titles = conn.execute(
        "SELECT t.title, a.name FROM tracks t JOIN artists a ON a.id = t.lead_artist_id "
        "WHERE t.id % 997 = 0 LIMIT 5000"
    ).fetchall()
    conn.close()

    rng = random.Random(args.seed)
    queries = artist_queries(artists, seed=args.seed, count=args.queries)
    rows: list[tuple[str, int, float, float, float, str]] = []

    artist_ms, hits, typo_hits = [], 0, 0
    typos = [q for q in queries if q.kind.startswith("typo")]
    for query in queries:
        t0 = time.perf_counter()
        result = searcher.lookup_artist(query.text, limit=1)
        artist_ms.append((time.perf_counter() - t0) * 1000)
        top = result.matches[0].name if result.matches else None
        hit = top is not None and normalize_name(top) == query.expected
        hits += hit
        typo_hits += hit and query.kind.startswith("typo")
    rows.append(("artist lookup (mix)", len(queries), *summary(artist_ms),
                 f"recall@1 {hits / len(queries):.3f} (typo queries: "
                 f"{typo_hits / max(1, len(typos)):.3f} of {len(typos)}; prefixes shared "
                 "by several names count as misses)"))

    song_ms, title_hits, song_hits = [], 0, 0
    picked = rng.sample(titles, min(len(titles), args.queries))
    song_queries = [(misspell(title, rng, 1), title, artist) for title, artist in picked]
    for text, title, _ in song_queries:
        t0 = time.perf_counter()
        result = searcher.lookup_song(text, limit=1)
        song_ms.append((time.perf_counter() - t0) * 1000)
        top = result.matches[0] if result.matches else None
        title_hits += top is not None and normalize_title(top.name) == normalize_title(title)
    rows.append(("song lookup, title with 1 typo", len(song_queries), *summary(song_ms),
                 f"right title@1 {title_hits / len(song_queries):.3f}"))
    with_artist_ms = []
    for text, title, artist in song_queries:
        t0 = time.perf_counter()
        result = searcher.lookup_song(text, artist=misspell(artist, rng, 1), limit=1)
        with_artist_ms.append((time.perf_counter() - t0) * 1000)
        top = result.matches[0] if result.matches else None
        song_hits += top is not None and normalize_name(top.artists[0]) == normalize_name(
            artist
        ) and normalize_title(top.name) == normalize_title(title)
    rows.append(("song lookup + artist, 1 typo each", len(song_queries),
                 *summary(with_artist_ms), f"right song@1 {song_hits / len(song_queries):.3f}"))

    suggest_ms = []
    for query in queries:
        prefix = query.text[: rng.randint(2, max(2, min(8, len(query.text))))]
        t0 = time.perf_counter()
        searcher.suggest("artist", prefix)
        suggest_ms.append((time.perf_counter() - t0) * 1000)
    rows.append(("autocomplete (artist prefix)", len(queries), *summary(suggest_ms), ""))

    baseline = queries[: args.baseline_queries]
    keys = [normalize_name(a) for a in artists]
    base_ms, base_hits = [], 0
    for query in baseline:
        t0 = time.perf_counter()
        best = process.extractOne(normalize_name(query.text), keys, scorer=fuzz.WRatio)
        base_ms.append((time.perf_counter() - t0) * 1000)
        base_hits += best is not None and best[0] == query.expected
    rows.append(("baseline: extractOne WRatio, all names", len(baseline), *summary(base_ms),
                 f"recall@1 {base_hits / len(baseline):.3f}"))

    same = artist_ms[: len(baseline)]
    ratio = statistics.mean(base_ms) / statistics.mean(same)
    print(f"machine: {platform.processor() or platform.machine()}, "
          f"{len(artists):,} artist names; searcher ready in {ready * 1000:.0f} ms")
    print("| measure | queries | p50 ms | p95 ms | p99 ms | quality |")
    print("|---|---:|---:|---:|---:|---|")
    for name, n, p50, p95, p99, quality in rows:
        print(f"| {name} | {n} | {p50:.2f} | {p95:.2f} | {p99:.2f} | {quality} |")
    print(f"\nspeed-up over brute force on the same {len(baseline)} artist queries "
          f"(mean latency): {ratio:.0f}x")


def summary(values: list[float]) -> tuple[float, float, float]:
    return percentile(values, 0.5), percentile(values, 0.95), percentile(values, 0.99)


if __name__ == "__main__":
    main()
