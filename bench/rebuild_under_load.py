"""Lookups while the index is rebuilt: latency against idle, and failures (there must be none).

Usage:
    python bench/rebuild_under_load.py --config /tmp/c1m/config.yaml [--queries 500]

Measures a seeded lookup mix idle, then starts `trainedon index build` on the same config in
a separate process (as /reload does) and keeps looking up until the new index is swapped in.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bot.config import load_config
from bot.devtools.queries import artist_queries
from bot.index.reader import IndexReader
from bot.search.searcher import Searcher


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=500)
    args = parser.parse_args()
    config = load_config(args.config)
    conn = sqlite3.connect(config.index_path)
    names = [row[0] for row in conn.execute("SELECT name FROM artists ORDER BY rank LIMIT 200000")]
    conn.close()
    queries = artist_queries(names, seed=7, count=args.queries)
    searcher = Searcher(IndexReader(config.index_path), config.search)

    def run_once(text: str) -> float:
        started = time.perf_counter()
        searcher.lookup_artist(text, limit=1)
        return (time.perf_counter() - started) * 1000

    idle = [run_once(q.text) for q in queries]
    build = subprocess.Popen(
        [sys.executable, "-m", "bot", "index", "build", "--config", str(args.config)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    during: list[float] = []
    failures = 0
    while build.poll() is None:
        for query in queries[:50]:
            try:
                during.append(run_once(query.text))
            except Exception:  # counted: the point is that there are none
                failures += 1
    print(f"| state | lookups | p95 ms |\n|---|---:|---:|\n| idle | {len(idle)} | "
          f"{p95(idle):.2f} |\n| during a full rebuild | {len(during)} | {p95(during):.2f} |")
    print(f"\nratio during/idle: {p95(during) / p95(idle):.2f}; failed lookups: {failures}; "
          f"build exit status {build.returncode}")


if __name__ == "__main__":
    main()
