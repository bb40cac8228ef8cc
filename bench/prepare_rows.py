"""CPU per row of the build's reading side: parsing, preparing, and handing batches over.

Usage:
    python bench/prepare_rows.py --config /tmp/c21m25/config.yaml [--rows 600000]

Reads the first `--rows` rows of the first dataset's files, in one process, and reports CPU
microseconds per row for: parsing alone (the format reader), parsing plus preparation (credit
splitting, normalization, identity keys: `bot.index.prepare`), and pickling and unpickling the
prepared batches, which is what passing them between processes costs. It explains the build
rate in BENCHMARKS.md: the sum, over two cores, bounds how fast a build can read.
"""

from __future__ import annotations

import argparse
import pickle
import time
from itertools import islice
from pathlib import Path

from bot.config import load_config
from bot.datasets.formats import reader_for
from bot.datasets.manifest import load_manifest
from bot.datasets.records import RawTrack
from bot.index.builder import selected_datasets
from bot.index.prepare import PreparedBatch, TrackPreparer
from bot.index.workers import BATCH_TRACKS


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--rows", type=int, default=600_000)
    args = parser.parse_args()
    config = load_config(args.config)
    spec = selected_datasets(config, load_manifest(config.manifest_path))[0]
    files = [(path, source) for source in spec.sources
             for path in spec.source_files(config.data_dir, source)]

    def rows() -> list[RawTrack]:
        items = (item for path, source in files for item in reader_for(source)(path, source))
        return [item for item in islice(items, args.rows) if isinstance(item, RawTrack)]

    started = time.process_time()
    tracks = rows()
    parsing = time.process_time() - started

    started = time.process_time()
    preparer, batches = TrackPreparer(), []
    for start in range(0, len(tracks), BATCH_TRACKS):
        batch = PreparedBatch()
        for track in tracks[start : start + BATCH_TRACKS]:
            preparer.add(track, batch)
        batches.append(batch)
    preparing = time.process_time() - started

    started = time.process_time()
    pickled = [pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL) for batch in batches]
    pickling = time.process_time() - started
    started = time.process_time()
    for data in pickled:
        pickle.loads(data)
    unpickling = time.process_time() - started

    per_row = 1e6 / len(tracks)
    print(f"{spec.id}: {len(tracks):,} rows, CPU µs per row")
    print("| step | µs/row |\n|---|---:|")
    for step, seconds in (("parsing (format reader)", parsing),
                          ("preparing (credits, normalization, keys)", preparing),
                          ("pickling a prepared batch", pickling),
                          ("unpickling it", unpickling)):
        print(f"| {step} | {seconds * per_row:.1f} |")


if __name__ == "__main__":
    main()
