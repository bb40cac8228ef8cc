"""One update cycle: ask the hosting whether metadata changed, fetch what did, rebuild.

Shared by `trainedon updates check` and the bot's background task; they differ only in how
the index is rebuilt and how the blocking steps (network, disk) are run.

A failed check or fetch raises UpdateError before anything is rebuilt, so a failed update
never replaces a good index; the build itself keeps the old index if it fails.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import ParamSpec, Protocol, TypeVar

from bot.config import Config, UpdateSettings
from bot.datasets.manifest import DatasetSpec, Manifest, load_manifest
from bot.errors import TrainedOnError
from bot.fetch.fetcher import DatasetFetch, fetch_dataset
from bot.fetch.limits import FetchLimits
from bot.fetch.updates import RemoteChange, remote_changes
from bot.index.report import BuildReport

log = logging.getLogger(__name__)


class UpdateError(TrainedOnError):
    """A source could not be asked or fetched; nothing was rebuilt."""


@dataclass
class UpdateCycle:
    """What one cycle found, fetched and built."""

    changes: dict[str, list[RemoteChange]] = field(default_factory=dict)
    fetched: list[DatasetFetch] = field(default_factory=list)
    report: BuildReport | None = None

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def updatable(config: Config, manifest: Manifest, only: list[str] | None = None
              ) -> list[DatasetSpec]:
    """Datasets with a Hub repo or a plain download to fetch (not demo or manual-only ones)."""
    chosen = [
        d for d in manifest.datasets
        if not d.demo and (d.hub is not None or any(not item.manual for item in d.downloads))
        and (not only or d.id in only)
        and (not config.index.datasets or d.id in config.index.datasets)
    ]
    return chosen


def check(config: Config, manifest: Manifest, only: list[str] | None = None
          ) -> dict[str, list[RemoteChange]]:
    """Which datasets changed upstream (blocking: network)."""
    changes: dict[str, list[RemoteChange]] = {}
    for spec in updatable(config, manifest, only):
        try:
            found = remote_changes(spec, config.data_dir,
                                   hub_endpoint=config.settings.fetch.hub_endpoint_url())
        except TrainedOnError as exc:
            raise UpdateError(f"{spec.id}: could not ask the source: {exc}") from None
        if found:
            changes[spec.id] = found
            for change in found:
                log.info("%s changed: %s", spec.id, change.describe())
    return changes


def fetch_changed(config: Config, manifest: Manifest, dataset_ids: list[str]
                  ) -> list[DatasetFetch]:
    """Download what changed; raise UpdateError if any file could not be brought in."""
    fetched = []
    for spec in manifest.datasets:
        if spec.id in dataset_ids:
            result = fetch_dataset(spec, config.data_dir,
                                   limits=FetchLimits.from_settings(config.settings.fetch),
                                   hub_endpoint=config.settings.fetch.hub_endpoint_url())
            fetched.append(result)
            if not result.ok:
                failure = next(f for f in result.files if f.message)
                raise UpdateError(f"{spec.id}: fetch failed: {failure.message}")
    return fetched


P = ParamSpec("P")
T = TypeVar("T")

Rebuild = Callable[[], Awaitable[BuildReport]]


class Offload(Protocol):
    """Runs one blocking step of the cycle; `asyncio.to_thread` keeps the event loop free."""

    def __call__(self, function: Callable[P, T], /,
                 *args: P.args, **kwargs: P.kwargs) -> Awaitable[T]: ...


async def run_cycle(config: Config, rebuild: Rebuild, only: list[str] | None = None, *,
                    offload: Offload = asyncio.to_thread) -> UpdateCycle:
    """Check, fetch what changed, then await `rebuild`.

    Raises UpdateError if a source failed, FetchInProgress if another fetch holds the data
    folder; either way before anything is rebuilt.
    """
    manifest = await offload(load_manifest, config.manifest_path)
    cycle = UpdateCycle(changes=await offload(check, config, manifest, only))
    if not cycle.changed:
        return cycle
    cycle.fetched = await offload(fetch_changed, config, manifest, list(cycle.changes))
    cycle.report = await rebuild()
    return cycle


def seconds_to_next_cycle(settings: UpdateSettings, failures: int) -> float:
    """The check interval, or after `failures` failed cycles in a row the next retry step.

    A retry never waits longer than the interval, and a step of 0 means the interval.
    """
    interval = settings.check_interval_minutes * 60
    steps = settings.retry_minutes
    if not failures or not steps:
        return interval
    return min(interval, steps[min(failures, len(steps)) - 1] * 60) or interval
