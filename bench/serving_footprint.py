"""Start-up time and resident memory of a process serving lookups from a full index.

Usage:
    /usr/bin/time -v python bench/serving_footprint.py --config /tmp/c21m/config.yaml

Opens the index as the bot does, answers a seeded mix of artist, song and autocomplete
queries, and prints how long it took to be ready and the peak RSS of the process.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

from bot.config import load_config
from bot.devtools.queries import misspell
from bot.index.schema import NameKind
from bot.search.searcher import Searcher

WORDS = ["lantern", "summer", "velvet", "rain", "night", "golden", "river", "echo"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=1000)
    args = parser.parse_args()
    started = time.perf_counter()
    config = load_config(args.config)
    searcher = Searcher.open(config)
    searcher.lookup_artist("warm-up")
    ready = time.perf_counter() - started
    rng = random.Random(1)
    for i in range(args.queries):
        text = misspell(" ".join(rng.sample(WORDS, 2)), rng, 1)
        kind = i % 3
        if kind == 0:
            searcher.lookup_artist(text)
        elif kind == 1:
            searcher.lookup_song(text)
        else:
            searcher.suggest(NameKind.ARTIST, text[:5])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ready {ready * 1000:.0f} ms after start; peak RSS {peak_mb:.0f} MB after "
          f"{args.queries} queries")


if __name__ == "__main__":
    main()
