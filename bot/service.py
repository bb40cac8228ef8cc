"""The index currently serving lookups, and rebuilding it without stopping them.

Lookups run in worker threads (SQLite and numpy release the GIL for most of their work), so
the event loop stays free. A rebuild runs in a separate process — it is CPU-heavy for
minutes at full scale — and the new index is swapped in only when it is complete; until then
every lookup is answered from the old one.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from bot.config import Config
from bot.datasets.manifest import load_manifest
from bot.errors import BuildInProgress, IndexNotReady
from bot.index.builder import build_index
from bot.index.report import BuildReport
from bot.search.searcher import Searcher

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

# One lookup thread per core: lookups hold the interpreter lock between their numpy and
# SQLite steps, and more threads than cores only contend for it (measured: 4 threads on 2
# cores 246 lookups/s, 2 threads 310/s; bench/concurrent_lookups.py).
LOOKUP_THREADS = max(2, os.cpu_count() or 1)
REBUILD_NICENESS = 10  # added to the rebuild process's niceness


class IndexService:
    """Owns the serving Searcher; swaps it after a successful rebuild."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._searcher: Searcher | None = None
        self._threads = ThreadPoolExecutor(LOOKUP_THREADS, thread_name_prefix="lookup")
        self._reload_lock = asyncio.Lock()

    async def start(self) -> None:
        """Open the index if there is one; without it the bot still runs and says so."""
        try:
            self._searcher = await self._open()
        except IndexNotReady as exc:
            log.warning("%s", exc)

    async def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)

    @property
    def searcher(self) -> Searcher:
        if self._searcher is None:
            raise IndexNotReady("the index has not been built yet; a moderator can run /reload",
                                key="error-index-not-built")
        return self._searcher

    @property
    def reloading(self) -> bool:
        return self._reload_lock.locked()

    async def run(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a blocking lookup in a worker thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, lambda: function(*args, **kwargs))

    async def reload(self) -> BuildReport:
        """Rebuild in a child process and swap the result in; raise BuildInProgress if busy."""
        if self._reload_lock.locked():
            raise BuildInProgress("a reload is already running; its result will be posted",
                                  key="error-reload-running")
        async with self._reload_lock:
            loop = asyncio.get_running_loop()
            context = multiprocessing.get_context("spawn")
            pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            try:
                report = await loop.run_in_executor(pool, rebuild, self.config)
            finally:  # waiting for the child to exit would stall the loop (~0.2 s measured)
                await asyncio.to_thread(pool.shutdown, wait=True)
            self._searcher = await self._open()
            log.info("reloaded: index of %s now serving", report.built_at)
            return report

    @property
    def serving(self) -> tuple[str, str] | None:
        """The build served now, as (built_at, fingerprint); None before the first index."""
        if self._searcher is None:
            return None
        reader = self._searcher.reader
        return reader.built_at, reader.fingerprint

    async def adopt(self) -> tuple[str, str] | None:
        """Serve the index file as it is now on disk (another process swapped in a build).

        Waits for a rebuild of this process's own to end first, so the two never cross.
        """
        async with self._reload_lock:
            self._searcher = await self._open()
            return self.serving

    async def _open(self) -> Searcher:
        return await self.run(Searcher.open, self.config)


def rebuild(config: Config) -> BuildReport:
    """The child process's work: read the manifest afresh and build.

    At a lower priority (its reader processes inherit it): a rebuild may take every core for
    minutes, and lookups must not wait for it.
    """
    os.nice(REBUILD_NICENESS)
    return build_index(config, load_manifest(config.manifest_path))

