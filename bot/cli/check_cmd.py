"""`trainedon check catalog FILE`: check a whole catalog and write a spreadsheet report.

Exit status: 0 when the check ran (whatever was found), 2 for a file that cannot be read as a
catalog or a report that cannot be written.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import stat
import sys
from pathlib import Path

from bot.atomicfile import write_atomically
from bot.catalog import (
    CatalogError,
    CatalogReport,
    check_catalog,
    parse_catalog,
    report_csv,
    summary_text,
)
from bot.catalog.decode import check_catalog_size, max_catalog_bytes
from bot.catalog.report import report_json
from bot.cli.exits import EXIT_OK, EXIT_USAGE
from bot.cli.progress import ProgressBar
from bot.cli.render import render_steps
from bot.config import Config
from bot.datasets.guidance import NextSteps, guidance_path, read_guidance
from bot.search.searcher import Searcher

log = logging.getLogger(__name__)

REPORT_SUFFIX = "-trainedon-report.csv"
PARALLEL_ROWS = 500  # catalogs this large are checked on every core
Subcommands = argparse._SubParsersAction  # argparse exposes no public name for it


def add_check_parser(commands: Subcommands[argparse.ArgumentParser],
                     common: argparse.ArgumentParser) -> None:
    check = commands.add_parser("check", help="check many songs at once")
    what = check.add_subparsers(dest="check_command", required=True, metavar="WHAT")
    catalog = what.add_parser(
        "catalog", parents=[common], help="check every song of a CSV or 'Artist - Title' list",
        description="Look up every song of a catalog (a CSV export with artist and title "
                    "columns, or one 'Artist - Title' per line) and write a CSV report.",
    )
    catalog.add_argument("file", type=Path, metavar="FILE", help="the catalog file")
    catalog.add_argument("--out", type=Path, metavar="REPORT.csv",
                         help=f"where to write the report (default: FILE's name + {REPORT_SUFFIX}"
                              " beside it)")
    catalog.add_argument("--json", action="store_true",
                         help="print the results as JSON instead of a summary")
    catalog.add_argument("--guidance", action="store_true",
                         help="explain every general route under the found rows")


def _processes_for(rows: int) -> int:
    """Every core for a large catalog; none for a small one (starting them costs a second)."""
    return (os.cpu_count() or 1) if rows >= PARALLEL_ROWS else 0


def run_check(args: argparse.Namespace, config: Config) -> int:
    path: Path = args.file
    out: Path = args.out or path.with_name(path.stem + REPORT_SUFFIX)
    settings = config.settings.catalog
    try:
        if out.resolve() == path.resolve():
            raise CatalogError(f"the report would overwrite {path} itself: pick another --out.")
        catalog = parse_catalog(_read(path, settings.max_file_mb), str(path), settings.max_rows)
    except CatalogError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    log.info("%s: %d rows, read as %s", path, len(catalog.rows), catalog.describe())
    searcher = Searcher.open(config)
    with CheckBar() as bar:
        report = check_catalog(searcher, catalog.rows, progress=bar.reach,
                               processes=_processes_for(len(catalog.rows)))
    try:
        # A reader never sees half a report; it is a file to share, not a secret.
        write_atomically(out, report_csv(report), permissions=0o644)
    except OSError as exc:
        print(f"error: cannot write the report to {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    steps = _next_steps(config, report)
    if args.json:
        data = {"file": str(path), "format": catalog.describe(), "notes": catalog.notes(),
                "report_file": str(out), **report_json(report)}
        if steps is not None:
            data["guidance"] = steps.to_json()
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(summary_text(report, f"{path} ({catalog.describe()})"))
        for note in catalog.notes():
            print(f"Note: {note}.")
        print(f"\nReport written to {out}")
        if steps is not None:
            print()
            print(render_steps(steps, full=args.guidance))
    return EXIT_OK


def _next_steps(config: Config, report: CatalogReport) -> NextSteps | None:
    """What can be done next, for the datasets holding found rows (uncertain ones aside)."""
    listed = [(tally.id, tally.name) for tally in report.datasets if tally.found]
    guidance = read_guidance(guidance_path(config.manifest_path)) if listed else None
    return guidance.next_steps(listed) if guidance else None


def _read(path: Path, max_file_mb: float) -> bytes:
    """The file's bytes, never more than the limit and one: whatever it is, memory stays bounded.

    A pipe (`<(…)`, a FIFO) or a device has no size to check first, so the read itself is capped;
    a regular file over the limit is refused from its size, unread.
    """
    name = str(path)
    try:
        if path.is_dir():
            raise CatalogError(f"{path} is a folder, not a catalog file.")
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode):
                check_catalog_size(info.st_size, name, max_file_mb)
            data = handle.read(max_catalog_bytes(max_file_mb) + 1)
    except FileNotFoundError:
        raise CatalogError(f"{path} does not exist.") from None
    except OSError as exc:
        raise CatalogError(f"cannot read {path}: {exc.strerror or exc}.") from None
    check_catalog_size(len(data), name, max_file_mb, known=False)
    return data


class CheckBar(ProgressBar):
    """Rows of a catalog checked so far; `reach` is the check's progress callback."""

    def __init__(self) -> None:
        super().__init__("checking", unit=" rows", leave=False)

    def describe(self) -> str:
        return f"checked {self.done:,} of {self.total or 0:,} rows"
