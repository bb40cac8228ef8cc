"""Lookups while the index is rebuilt: latency against idle, and failures (there must be none).

Usage:
    python bench/rebuild_under_load.py --config /tmp/c1m/config.yaml [--queries 500]

Measures a seeded lookup mix idle (after one warm-up pass, repeated for --idle-seconds), then
starts `trainedon index build` on the same config in a separate process at the niceness
/reload gives its child (`REBUILD_NICENESS`), and keeps looking up until the build ends.
The searcher keeps the index it opened, as the bot does until the new one is swapped in.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from bot.config import load_config
from bot.devtools.queries import artist_queries, known_artists
from bot.search.searcher import Searcher
from bot.service import REBUILD_NICENESS


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


def row(state: str, values: list[float]) -> str:
    shares = (0.5, 0.95, 0.99)
    return f"| {state} | {len(values)} | " + " | ".join(
        f"{percentile(values, share):.2f}" for share in shares) + " |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--idle-seconds", type=float, default=30.0,
                        help="how long to measure before the build starts")
    args = parser.parse_args()
    config = load_config(args.config)
    names = known_artists(config.index_path)
    queries = artist_queries(names, seed=7, count=args.queries)
    searcher = Searcher.open(config)

    def run_once(text: str) -> float:
        started = time.perf_counter()
        searcher.lookup_artist(text, limit=1)
        return (time.perf_counter() - started) * 1000

    for query in queries:  # warm-up, not measured: both samples below run on warm caches
        run_once(query.text)
    idle: list[float] = []
    idle_until = time.perf_counter() + args.idle_seconds
    while time.perf_counter() < idle_until:
        idle += [run_once(query.text) for query in queries]
    build = subprocess.Popen(
        [sys.executable, "-m", "bot", "index", "build", "--config", str(args.config)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=lambda: os.nice(REBUILD_NICENESS),
    )
    build_started = time.perf_counter()
    during: list[float] = []
    failures = 0
    while build.poll() is None:
        for query in queries:
            try:
                during.append(run_once(query.text))
            except Exception:  # counted: the point is that there are none
                failures += 1
    build_seconds = time.perf_counter() - build_started
    print("| state | lookups | p50 ms | p95 ms | p99 ms |\n|---|---:|---:|---:|---:|")
    print(row("idle", idle))
    print(row("during a full rebuild", during))
    print(f"\np95 ratio during/idle: {percentile(during, 0.95) / percentile(idle, 0.95):.2f}; "
          f"failed lookups: {failures}; build took {build_seconds:.0f} s, exit status "
          f"{build.returncode}")


if __name__ == "__main__":
    main()
