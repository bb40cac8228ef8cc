"""`python -m bot.devtools.synth`: write a synthetic corpus, manifest and config."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from pathlib import Path

from bot.devtools.synth.corpus import FORMATS, write_corpus


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot.devtools.synth",
        description="Write synthetic dataset files in the real layouts, with datasets.yaml "
        "and config.yaml, so that `python -m bot index build --config DIR/config.yaml` works.",
    )
    parser.add_argument("--tracks", type=int, required=True, help="total rows to write")
    parser.add_argument("--format", default="all", choices=(*FORMATS, "all"),
                        help="one format, or all six in the real corpus's proportions")
    parser.add_argument("--out", type=Path, required=True, help="output data directory")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--artists", type=int, default=None,
                        help="artists to draw credits from (default: tracks / 8); popularity "
                             "is Zipf-like, so fewer end up credited: 21M tracks from 5,400,000 "
                             "give about 2.5M distinct names in the index")
    parser.add_argument("--malformed", type=float, default=0.001,
                        help="share of malformed rows (default 0.001)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log each format")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.tracks < 1:
        _parser().error("--tracks must be at least 1")
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    summary = write_corpus(args.out, args.tracks, [args.format], seed=args.seed,
                           malformed=args.malformed, n_artists=args.artists)
    parts = ", ".join(f"{fmt} {r.rows:,}" for fmt, r in summary.formats.items())
    rate = summary.rows / summary.seconds if summary.seconds else 0.0
    print(f"wrote {summary.rows:,} tracks ({parts}; {summary.malformed:,} malformed, "
          f"{summary.universe.n_artists:,} artists) to {args.out} in {summary.seconds:.1f}s "
          f"({rate:,.0f} tracks/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
