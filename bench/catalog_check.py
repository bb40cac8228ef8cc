"""How long a whole catalog takes to check against an index, with typos and absent tracks.

Usage:
    python bench/catalog_check.py --config /tmp/c21m/config.yaml [--rows 5000] [--seed 1]

Draws `rows` real (artist, title) pairs from the index, misspells a third of them, strips
accents from some, adds 10 % absent tracks, writes the catalog as CSV, then times parsing and
checking it in process (after start-up), as `trainedon check catalog` does.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import time
from pathlib import Path

from bot.catalog.check import check_catalog
from bot.catalog.parse import parse_catalog
from bot.config import load_config
from bot.devtools.queries import misspell, strip_accents
from bot.search.searcher import Searcher


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                        help="lookup processes, as `trainedon check catalog` uses for large "
                             "catalogs (default: one per core; 0: in this thread, as the bot)")
    args = parser.parse_args()
    config = load_config(args.config)
    rng = random.Random(args.seed)
    conn = sqlite3.connect(config.index_path)
    total = conn.execute("SELECT MAX(id) FROM tracks").fetchone()[0]
    picks: list[tuple[str, str]] = []
    while len(picks) < int(args.rows * 0.9):
        row = conn.execute(
            "SELECT a.name, t.title FROM tracks t JOIN artists a ON a.id = t.lead_artist_id "
            "WHERE t.id = ?", (rng.randint(1, total),)
        ).fetchone()
        if row:
            picks.append(row)
    conn.close()
    lines = ["artist,title"]
    for artist, title in picks:
        roll = rng.random()
        if roll < 0.33:
            title = misspell(title, rng, 1)
        elif roll < 0.45:
            artist, title = strip_accents(artist), strip_accents(title)
        lines.append(_csv(artist, title))
    absent = range(args.rows - len(picks))
    lines += [_csv(f"Absent Artist {i}", f"Nowhere Song {i}") for i in absent]
    data = ("\n".join(lines) + "\n").encode()

    searcher = Searcher.open(config)
    started = time.perf_counter()
    catalog = parse_catalog(data, "bench.csv", max_rows=args.rows)
    parsed = time.perf_counter()
    report = check_catalog(searcher, catalog.rows, processes=args.processes)
    done = time.perf_counter()
    totals = report.totals
    per_row = (done - parsed) / len(catalog.rows) * 1000
    print(f"{len(catalog.rows):,} rows, {args.processes} processes: "
          f"parse {parsed - started:.2f} s, check {done - parsed:.2f} s ({per_row:.2f} ms/row); "
          f"found {totals['found']:,}, "
          f"uncertain {totals['uncertain']:,}, not found {totals['not found']:,}")


def _csv(*cells: str) -> str:
    return ",".join('"' + c.replace('"', '""') + '"' for c in cells)


if __name__ == "__main__":
    main()
