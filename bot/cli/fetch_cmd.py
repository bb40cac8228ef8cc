"""`trainedon fetch` and `trainedon updates check`: get the metadata, or ask if it changed.

Plain URLs go through bot.fetch's own downloader, Hugging Face Hub datasets (`hub:`) through
the Hub's client, at fetch.hub_endpoint (else HF_ENDPOINT, else huggingface.co) with HF_TOKEN.

Exit status: 0 when every requested file that can be fetched automatically is in place (fetch)
or the check reached every source and found no problem (updates), 1 otherwise (another fetch
holding the data folder included), 2 for an unknown dataset id.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from bot.cli.exits import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from bot.cli.progress import ProgressBar
from bot.config import Config
from bot.datasets.manifest import DatasetSpec, Manifest, load_manifest
from bot.fetch import (
    DatasetFetch,
    FetchError,
    FetchInProgress,
    FetchLimits,
    FetchState,
    Outcome,
    check_sources,
    fetch_session,
)

log = logging.getLogger(__name__)

Subcommands = argparse._SubParsersAction  # argparse exposes no public name for it


def add_fetch_parser(commands: Subcommands[argparse.ArgumentParser],
                     common: argparse.ArgumentParser) -> None:
    fetch = commands.add_parser(
        "fetch", parents=[common], help="download the datasets' published metadata",
        description="Download each dataset's files into the data directory (resuming, "
                    "verifying, skipping files the source says are unchanged).",
    )
    fetch.add_argument("datasets", nargs="*", metavar="DATASET",
                       help="dataset ids (default: every non-demo dataset with downloads or a "
                            "Hub repo)")
    fetch.add_argument("--force", action="store_true",
                       help="download again even when the source says nothing changed")


def add_updates_parser(commands: Subcommands[argparse.ArgumentParser],
                       common: argparse.ArgumentParser) -> None:
    updates = commands.add_parser("updates", help="check the sources for newer versions")
    actions = updates.add_subparsers(dest="updates_command", required=True, metavar="ACTION")
    check = actions.add_parser(
        "check", parents=[common],
        help="ask each source whether it changed; fetch what did and rebuild the index",
    )
    check.add_argument("datasets", nargs="*", metavar="DATASET",
                       help="dataset ids (default: every non-demo dataset with downloads or a "
                            "Hub repo)")
    check.add_argument("--dry-run", action="store_true",
                       help="only report what changed: fetch nothing, rebuild nothing")


def run_fetch(args: argparse.Namespace, config: Config) -> int:
    manifest = load_manifest(config.manifest_path)
    selected = select_datasets(manifest, args.datasets)
    if selected is None:
        return EXIT_USAGE
    limits = FetchLimits.from_settings(config.settings.fetch)
    hub_endpoint = config.settings.fetch.hub_endpoint_url()
    results = []
    try:
        with fetch_session(config.data_dir, limits=limits, hub_endpoint=hub_endpoint) as session:
            for spec in selected:
                what = [f"{len(spec.downloads)} download(s)"] if spec.downloads else []
                if spec.hub:
                    what.append(f"{spec.hub.repo}@{spec.hub.revision} from {hub_endpoint}")
                log.info("%s: fetching %s", spec.id, " and ".join(what))
                results.append(session.fetch(spec, force=args.force,
                                             progress_factory=DownloadBar))
    except FetchInProgress as exc:  # a failed fetch (exit 1), not a usage error
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(render_fetch(results))
    return EXIT_OK if all(r.ok for r in results) else EXIT_FAILED


def run_updates(args: argparse.Namespace, config: Config) -> int:
    manifest = load_manifest(config.manifest_path)
    selected = select_datasets(manifest, args.datasets)
    if selected is None:
        return EXIT_USAGE
    state = FetchState.load(config.data_dir)
    hub_endpoint = config.settings.fetch.hub_endpoint_url()
    lines, failed = [], False
    for spec in selected:
        manual = [d for d in spec.downloads if d.manual]
        if not spec.downloads and spec.hub is None:
            lines.append(f"{spec.id}: no downloads listed in the manifest")
            continue
        if len(manual) == len(spec.downloads) and spec.hub is None:
            lines.append(f"{spec.id}: manual (check {', '.join(d.url for d in manual)} yourself)")
            continue
        try:
            checked = check_sources(spec, config.data_dir, state=state, hub_endpoint=hub_endpoint)
        except FetchError as exc:
            lines.append(f"{spec.id}: error: {exc}")
            failed = True
            continue
        failed = failed or bool(checked.problems)
        lines.append(f"{spec.id}: {'changed' if checked.changes else 'unchanged'}")
        lines += [f"  {change.describe()}" for change in checked.changes]
        lines += [f"  problem: {problem}" for problem in checked.problems]
        lines += [f"  note: {note}" for note in checked.notes]
        lines += [f"  manual: check {d.url} yourself" for d in manual]
    print("\n".join(lines))
    return EXIT_FAILED if failed else EXIT_OK


def select_datasets(manifest: Manifest, ids: Sequence[str]) -> list[DatasetSpec] | None:
    """The datasets named, or every non-demo one with downloads or a Hub repo; None if unknown."""
    if not ids:
        return [d for d in manifest.datasets if (d.downloads or d.hub) and not d.demo]
    unknown = [i for i in ids if manifest.get(i) is None]
    if unknown:
        known = ", ".join(d.id for d in manifest.datasets)
        print(f"error: unknown dataset {', '.join(map(repr, unknown))}; known: {known}",
              file=sys.stderr)
        return None
    return [spec for i in dict.fromkeys(ids) if (spec := manifest.get(i)) is not None]


def render_fetch(results: Sequence[DatasetFetch]) -> str:
    """One line per file, grouped by dataset, then the totals."""
    lines = []
    for result in results:
        lines.append(result.dataset_id)
        if not result.files:
            lines.append("  (no downloads listed in the manifest)")
        for item in result.files:
            size = f" ({_size(item.size)})" if item.size is not None else ""
            if item.outcome is Outcome.MANUAL:
                lines += [f"  needs a manual step: {item.message}", f"    {item.url}"]
            elif item.outcome is Outcome.FAILED:
                lines.append(f"  failed      {item.path or item.url}: {item.message}")
            else:
                lines.append(f"  {item.outcome.value:<11} {item.path}{size}")
    totals = {o: sum(r.count(o) for r in results) for o in Outcome}
    lines.append(
        f"{totals[Outcome.DOWNLOADED]} downloaded, {totals[Outcome.RESUMED]} resumed, "
        f"{totals[Outcome.UNCHANGED]} unchanged, {totals[Outcome.MANUAL]} need a manual step, "
        f"{totals[Outcome.FAILED]} failed"
    )
    return "\n".join(lines)


class DownloadBar(ProgressBar):
    """One file's download, in bytes; it may start over, or resume part-way."""

    def __init__(self, label: str) -> None:
        super().__init__(label, unit="B", unit_scale=True, unit_divisor=1024, leave=True)

    def describe_start(self) -> str:
        resume = f" from {_size(self.done)}" if self.done else ""
        return f"{self.desc}: downloading {_size(self.total)}{resume}"

    def describe(self) -> str:
        return f"{self.desc}: {_size(self.done)} of {_size(self.total)}"


def _size(nbytes: int | None) -> str:
    if nbytes is None:
        return "unknown size"
    value = float(nbytes)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:,.0f} {unit}" if unit == "B" else f"{value:,.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")  # pragma: no cover
