"""Lookup latency, rank-1 recall and agreement with an exhaustive scan, against brute force.

Usage:
    python bench/lookup_latency.py --config /tmp/c1m/config.yaml [--queries 1000]
        [--baseline-queries 100] [--agreement-queries N] [--seed 1] [--show-disagreements]

Measures in process, after start-up (`bot.devtools.benchmark`): artist lookups over a seeded
mix (exact names, one and two typos, missing accents, prefixes), made-up absent names, song
lookups with and without the artist, and autocomplete; then, on the first queries of the same
mix in the same run, the baseline (`rapidfuzz.process.extractOne` with WRatio over every
artist name) and an exhaustive scan that scores every artist and title with Searcher's own
scorer, to check that the candidate index loses no rank-1 answer. Prints one Markdown table
(paste it into BENCHMARKS.md).
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

from bot.config import load_config
from bot.devtools.benchmark import run_benchmark
from bot.search.searcher import Searcher


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--baseline-queries", type=int, default=100)
    parser.add_argument("--agreement-queries", type=int, default=None,
                        help="queries checked against the exhaustive scan, per kind "
                             "(default: as many as --baseline-queries)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show-disagreements", action="store_true",
                        help="list the first queries where the index and the scan differ")
    args = parser.parse_args()

    config = load_config(args.config)
    started = time.perf_counter()
    searcher = Searcher.open(config)
    ready = time.perf_counter() - started
    result = run_benchmark(searcher, args.queries, args.baseline_queries,
                           args.agreement_queries, args.seed)
    print(f"machine: {platform.processor() or platform.machine()}; index: "
          f"{result.artist_names:,} artist names, {result.title_names:,} titles; "
          f"searcher ready in {ready * 1000:.0f} ms")
    print(result.table())
    if args.show_disagreements and result.disagreements:
        print("\nwhere the index and the exhaustive scan differ:")
        for line in result.disagreements:
            print(f"  {line}")


if __name__ == "__main__":
    main()
