"""The `trainedon` command line (also `python -m bot`): index builds and lookups in a terminal.

Exit status: 0 found / done, 1 not found / build failed, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bot import __version__
from bot.cli.check_cmd import add_check_parser, run_check
from bot.cli.db_cmd import add_db_parser, run_db
from bot.cli.exits import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from bot.cli.fetch_cmd import (
    add_fetch_parser,
    add_updates_parser,
    render_fetch,
    run_fetch,
    run_updates,
    select_datasets,
)
from bot.cli.foreground import inline, run_in_foreground
from bot.cli.inspect_cmd import add_inspect_parser, run_inspect
from bot.cli.lookup_cmd import add_lookup_parser, run_lookup
from bot.cli.progress import TerminalProgress
from bot.cli.render import render_facts, render_history, render_report, render_stats
from bot.config import Config, load_config
from bot.datasets.facts import read_facts
from bot.datasets.manifest import load_manifest
from bot.errors import BuildError, TrainedOnError
from bot.fetch.errors import FetchError
from bot.index.builder import build_index
from bot.index.reader import IndexReader
from bot.index.report import BuildReport
from bot.logging_setup import setup_logging
from bot.updates import UpdateError, run_cycle

log = logging.getLogger(__name__)



def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, default=argparse.SUPPRESS,
                        help="config file (default: $TRAINEDON_CONFIG or ./config.yaml)")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="log more, with tracebacks of unexpected errors")

    parser = argparse.ArgumentParser(
        prog="trainedon", parents=[common],
        description="Is your music in the datasets used to train music-generating AI?",
    )
    parser.add_argument("--version", action="version", version=f"trainedon {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    index = commands.add_parser("index", help="build or inspect the local index")
    index_commands = index.add_subparsers(dest="index_command", required=True, metavar="ACTION")
    build = index_commands.add_parser(
        "build", parents=[common], help="build and swap in a new index"
    )
    build.add_argument("--allow-partial", action="store_true",
                       help="swap in even if a dataset of the current index failed or vanished")
    stats = index_commands.add_parser("stats", parents=[common], help="what the index holds")
    stats.add_argument("--json", action="store_true", help="print JSON")
    add_inspect_parser(index_commands, common)

    commands.add_parser("run", parents=[common], help="run the Discord bot (DISCORD_TOKEN)")
    add_fetch_parser(commands, common)
    add_updates_parser(commands, common)
    add_check_parser(commands, common)
    add_db_parser(commands, common)

    add_lookup_parser(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    verbose = getattr(args, "verbose", False)
    quiet_command = args.command == "lookup" or getattr(args, "index_command", "") in (
        "stats", "inspect")
    # JSON chosen in the environment (a unit file) holds from the first line, the config's own
    # warnings included; chosen in the file, from when the file is read.
    json_from_env = os.environ.get("TRAINEDON_LOGGING__FORMAT", "").strip().lower() == "json"
    setup_logging("DEBUG" if verbose else ("WARNING" if quiet_command else "INFO"),
                  as_json=json_from_env)
    try:
        config = load_config(getattr(args, "config", None))
        if config.settings.logging.format == "json":
            setup_logging(logging.getLogger().level, as_json=True)
        if not verbose and not quiet_command:
            logging.getLogger().setLevel(config.settings.logging.level)
        if args.command == "index":
            return _index(args, config)
        if args.command == "fetch":
            return run_fetch(args, config)
        if args.command == "updates":
            return _updates(args, config)
        if args.command == "check":
            return run_check(args, config)
        if args.command == "db":
            return run_db(args, config)
        if args.command == "run":
            from bot.discordbot.runner import run  # discord.py only for the bot itself

            return run(config)
        return run_lookup(args, config)
    except BuildError as exc:
        print(f"error: build failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except (FetchError, UpdateError) as exc:  # the sources, not the command line, failed
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except TrainedOnError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (`| head`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the last line of defence: one sentence, details in the log
        log.debug("unexpected error", exc_info=True)
        print(f"error: unexpected {exc.__class__.__name__}: {exc} (run with -v for details)",
              file=sys.stderr)
        return EXIT_FAILED


def _index(args: argparse.Namespace, config: Config) -> int:
    if args.index_command == "inspect":
        return run_inspect(args, config)
    if args.index_command == "build":
        manifest = load_manifest(config.manifest_path)
        report = build_index(config, manifest, TerminalProgress(), args.allow_partial)
        print(render_report(report))
        return EXIT_OK
    reader = IndexReader(config.index_path)
    last = reader.last_report()
    facts = read_facts(config.manifest_path)  # as published, from the manifest; never fatal
    if args.json:
        print(json.dumps({
            "built_at": reader.built_at,
            "datasets": [
                {"id": d.id, "name": d.name, "tracks": d.tracks, "artists": d.artists,
                 "skipped": d.skipped, "demo": d.demo, "license": d.license,
                 "homepage": d.homepage, "facts": facts.to_json(d.id)}
                for d in reader.datasets
            ],
            "facts_problem": facts.problem,
            "last_build": json.loads(last.to_json()) if last else None,
            "history": [json.loads(b.to_json()) for b in reader.history()],
        }, ensure_ascii=False, indent=2))
    else:
        print(render_stats(reader.datasets, reader.built_at, last))
        history = reader.history()
        if len(history) > 1:
            print()
            print(render_history(history))
        if any(not d.demo for d in reader.datasets):
            print()
            print(render_facts(reader.datasets, facts))
    return EXIT_OK


def _updates(args: argparse.Namespace, config: Config) -> int:
    """Report what changed upstream; unless --dry-run, fetch it and rebuild."""
    if args.dry_run:
        return run_updates(args, config)
    if select_datasets(load_manifest(config.manifest_path), args.datasets) is None:
        return EXIT_USAGE

    async def rebuild() -> BuildReport:  # inline like every step here (see cli/foreground.py)
        return build_index(config, load_manifest(config.manifest_path), TerminalProgress())

    cycle = run_in_foreground(run_cycle(config, rebuild, only=args.datasets or None,
                                        offload=inline))
    if not cycle.changed:
        log.info("no dataset changed upstream")
        print("No dataset changed upstream; the index is current.")
        return EXIT_OK
    for dataset_id, changes in cycle.changes.items():
        print(f"{dataset_id}: changed")
        for change in changes:
            print(f"  {change.describe()}")
    print(render_fetch(cycle.fetched))
    if cycle.report is not None:
        print(render_report(cycle.report))
    return EXIT_OK
