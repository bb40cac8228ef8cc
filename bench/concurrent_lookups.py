"""Lookups per second through the bot's IndexService, and the event loop's longest stall.

Usage:
    python bench/concurrent_lookups.py --config /tmp/c21m/config.yaml [--seconds 20]

Keeps `--in-flight` lookups running at once on the asyncio loop (as concurrent slash
commands do, each run in a worker thread), while a ticker task measures how late the loop
wakes it. Reports sustained throughput and the worst stall.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

from bot.config import load_config
from bot.devtools.queries import artist_queries, known_artists
from bot.service import IndexService

TICK_SECONDS = 0.01


async def run(config_path: Path, seconds: float, in_flight: int) -> None:
    config = load_config(config_path)
    names = known_artists(config.index_path)
    queries = artist_queries(names, seed=11, count=2000)
    service = IndexService(config)
    await service.start()
    searcher = service.searcher
    done = 0
    stop = time.monotonic() + seconds
    worst_stall = 0.0

    async def ticker() -> None:
        nonlocal worst_stall
        while time.monotonic() < stop:
            before = time.monotonic()
            await asyncio.sleep(TICK_SECONDS)
            worst_stall = max(worst_stall, time.monotonic() - before - TICK_SECONDS)

    async def worker(offset: int) -> None:
        nonlocal done
        i = offset
        while time.monotonic() < stop:
            query = queries[i % len(queries)]
            await service.run(searcher.lookup_artist, query.text, 1)
            done += 1
            i += in_flight

    started = time.monotonic()
    await asyncio.gather(ticker(), *(worker(n) for n in range(in_flight)))
    elapsed = time.monotonic() - started
    await service.close()
    print(f"{done:,} lookups in {elapsed:.1f} s with {in_flight} in flight: "
          f"{done / elapsed:.0f} lookups/s; longest event-loop stall {worst_stall * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--in-flight", type=int, default=8)
    args = parser.parse_args()
    asyncio.run(run(args.config, args.seconds, args.in_flight))


if __name__ == "__main__":
    main()
