"""Every bot process on the same index build, whichever process rebuilt it.

A process that rebuilds (a /reload, the leader's scheduled update) publishes the build: its id
(`built_at`) and its fingerprint (bot/index/digest.py). Every other process hears of it
(PostgreSQL LISTEN/NOTIFY through the cluster) and either reopens the index file, when the
file on its disk already holds that build (processes sharing a filesystem: the atomic swap has
happened), or builds its own data folder at low priority and compares fingerprints (processes
on other machines, whose folders `trainedon fetch` fills from the same pinned revisions). Each
process records what it serves in the processes table, so the /reload answer can say who
serves the new build and why the others do not.
"""

from __future__ import annotations

import asyncio
import fcntl
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.cluster import Cluster, ProcessRow
from bot.errors import BuildError, BuildInProgress, IndexNotReady, TrainedOnError
from bot.index.reader import read_fingerprint
from bot.index.report import BuildReport
from bot.service import IndexService

log = logging.getLogger(__name__)

# How long a /reload waits for the other processes before answering with who is behind.
CONVERGE_SECONDS = 30.0
CONVERGE_POLL_SECONDS = 0.25
# How often a process waiting for another's build of the index file they share looks again.
WAIT_FOR_BUILD_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class Convergence:
    """After a build: the live processes that serve it, and those that do not (with why)."""

    fingerprint: str
    serving: list[ProcessRow]
    behind: list[ProcessRow]

    @property
    def total(self) -> int:
        return len(self.serving) + len(self.behind)


@asynccontextmanager
async def _turn_at(index: Path) -> AsyncIterator[None]:
    """One follower at a time per index file, across the processes sharing it.

    Without it two followers could both see the old file and both build it, one after the
    other; with it the second finds the file built by the first and reopens it. flock is
    released by the kernel if its holder dies; the wait polls so that it can be cancelled.
    """
    lock_path = index.with_name(f".{index.name}.follow.lock")
    await asyncio.to_thread(lock_path.parent.mkdir, parents=True, exist_ok=True)
    with lock_path.open("a") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                await asyncio.sleep(WAIT_FOR_BUILD_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class BuildSync:
    """Keeps this process on the build the others publish, and publishes its own builds."""

    def __init__(self, index: IndexService, cluster: Cluster) -> None:
        self.index = index
        self.cluster = cluster
        self._tasks: set[asyncio.Task[None]] = set()
        self._following = asyncio.Lock()

    async def start(self) -> None:
        """Say what this process serves, follow published builds, and catch up with the last."""
        await self._report_serving()
        self.cluster.builds.listen(self._heard)
        latest = await self.cluster.builds.latest()
        if latest is not None:
            await self.follow(latest.build_id, latest.fingerprint)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def rebuilt(self, report: BuildReport) -> None:
        """Tell the others to follow `report`, which this process built and now serves."""
        await self._report_serving()
        await self.cluster.builds.publish(report.built_at, report.fingerprint,
                                          self.cluster.process_id)

    async def converged(self, fingerprint: str, timeout: float = CONVERGE_SECONDS
                        ) -> Convergence:
        """Wait (up to `timeout`) until every live process serves `fingerprint`; who does."""
        deadline = time.monotonic() + timeout
        while True:
            alive = await self.cluster.members.alive()
            serving = [p for p in alive if p.fingerprint == fingerprint]
            behind = [p for p in alive if p.fingerprint != fingerprint]
            unsettled = [p for p in behind if p.state in ("starting", "building", "serving")]
            if not unsettled or time.monotonic() >= deadline:
                return Convergence(fingerprint, serving, behind)
            await asyncio.sleep(CONVERGE_POLL_SECONDS)

    def _heard(self, build_id: str, fingerprint: str) -> None:
        """A build was published (by this process or another): follow it in a task."""
        task = asyncio.create_task(self.follow(build_id, fingerprint),
                                   name=f"follow-build-{build_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def follow(self, build_id: str, fingerprint: str) -> None:
        """Serve the build with `fingerprint`: reopen the file if it holds it, else build.

        Several processes sharing one index file all hear of a build made elsewhere; they take
        turns (`_turn_at`): the first builds the file, the others find it built and reopen it.
        """
        async with self._following:
            if self._serves(fingerprint):  # its own build, heard back: nothing to wait for
                return
            try:
                async with _turn_at(self.index.config.index_path):
                    await self._catch_up(build_id, fingerprint)
            except (TrainedOnError, OSError) as exc:
                log.warning("could not follow build %s: %s", build_id, exc)
                await self.cluster.members.set_state("failed", f"could not follow: {exc}")
                return
            await self._report_serving()

    def _serves(self, fingerprint: str) -> bool:
        serving = self.index.serving
        return serving is not None and serving[1] == fingerprint

    async def _catch_up(self, build_id: str, fingerprint: str) -> None:
        """On this process's turn: reopen the file if it holds the build, else build it."""
        path = self.index.config.index_path
        while not self._serves(fingerprint):
            if await asyncio.to_thread(read_fingerprint, path) == fingerprint:
                await self.index.adopt()
                log.info("now serving build %s (reopened the shared index)", build_id)
                return
            try:
                await self._build_own(build_id, fingerprint)
                return
            except BuildInProgress:  # another process is building this very file
                await self.cluster.members.set_state(
                    "building", "waiting for another process's build of its index file")
                await asyncio.sleep(WAIT_FOR_BUILD_SECONDS)

    async def _build_own(self, build_id: str, fingerprint: str) -> None:
        """The file does not hold the build: build this machine's data folder and compare.

        Raises BuildInProgress if a build of the same file is already running.
        """
        log.info("build %s is not on this machine's disk: building its inputs here", build_id)
        await self.cluster.members.set_state("building", f"building to match {build_id}")
        try:
            report = await self.index.reload()
        except BuildInProgress:
            raise
        except BuildError as exc:
            raise BuildError(f"its own build failed: {exc}") from None
        if report.fingerprint != fingerprint:
            raise IndexNotReady(f"its own build has fingerprint {report.fingerprint}, not "
                                f"{fingerprint}: its data folder differs (run trainedon fetch)")

    async def _report_serving(self) -> None:
        serving = self.index.serving
        if serving is None:
            await self.cluster.members.set_state("failed", "no index built yet")
        else:
            await self.cluster.members.set_serving(*serving)
