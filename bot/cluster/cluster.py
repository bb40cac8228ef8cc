"""One process's place among the bot's processes: leader, process list, builds, identify turns.

The same interface whichever the store: over PostgreSQL for many processes, over one SQLite
file for one (where the process elects itself through a file lock and hears only its own news).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol, Self

from bot.cluster.builds import Builds
from bot.cluster.identify import (
    IDENTIFY_SPACING_SECONDS,
    IdentifyGate,
    LocalIdentifyGate,
    PostgresIdentifyGate,
)
from bot.cluster.leader import POLL_SECONDS, FileLeader, Leader, PostgresLeader
from bot.cluster.members import HEARTBEAT_SECONDS, Members, new_process_id
from bot.cluster.notifications import (
    RECHECK_SECONDS,
    LocalNotifications,
    Notifications,
    PostgresNotifications,
)
from bot.subscriptions.database import Backend
from bot.subscriptions.store import SubscriptionStore

log = logging.getLogger(__name__)


class _Part(Protocol):
    async def start(self) -> None: ...

    async def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Timings:
    """How often each part looks; the defaults suit production, tests go faster."""

    poll_seconds: float = POLL_SECONDS  # leader election: a takeover takes about this long
    heartbeat_seconds: float = HEARTBEAT_SECONDS
    recheck_seconds: float = RECHECK_SECONDS  # handlers woken without news, to catch up


class Cluster:
    """Leader, members and builds of this process; `await start()`, then `await close()`.

    `open_cluster` does both steps; `cluster_for` and then `start()` lets callbacks be
    registered first (`leader.on_change` then hears the first election too).
    """

    def __init__(self, backend: Backend, leader: Leader, members: Members, builds: Builds,
                 notifications: Notifications, identify: IdentifyGate | None = None) -> None:
        self.backend = backend
        self.leader = leader
        self.members = members
        self.builds = builds
        self.notifications = notifications
        self.identify = identify or LocalIdentifyGate()
        self._stack = contextlib.AsyncExitStack()

    @property
    def process_id(self) -> str:
        """The id of this process in the process list: host:pid:random."""
        return self.members.process_id

    async def start(self) -> None:
        """Hear news, join the process list, then stand for leader.

        A StoreError if the database cannot be reached; whatever had started is closed again.
        """
        async with contextlib.AsyncExitStack() as stack:
            parts: tuple[_Part, ...] = (self.notifications, self.builds, self.members,
                                        self.leader)
            for part in parts:
                await part.start()
                stack.push_async_callback(part.close)
            self._stack = stack.pop_all()
        log.info("process %s joined the %s cluster (%s)", self.process_id, self.backend,
                 "leader" if self.leader.is_leader else "follower")

    async def close(self) -> None:
        """Hand leadership over first, then leave the process list, then stop listening."""
        await self.identify.close()
        await self._stack.aclose()

    async def current_leader(self) -> str | None:
        """The process id of whichever process leads now, or None between leaders."""
        return await self.leader.current_leader()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.close()


def cluster_for(store: SubscriptionStore, shard_ids: Sequence[int] | None = None,
                shard_count: int | None = None, *, timings: Timings = Timings(),
                identify_spacing: float = IDENTIFY_SPACING_SECONDS) -> Cluster:
    """The cluster over the store's database, not started yet.

    PostgreSQL: an advisory lock and LISTEN/NOTIFY on connections of their own. SQLite: a file
    lock beside the store's file (`<file>.leader`) and news within this process.
    """
    process_id = new_process_id()
    notifications: Notifications
    leader: Leader
    identify: IdentifyGate = LocalIdentifyGate(identify_spacing)
    if store.database_url is not None:
        notifications = PostgresNotifications(store.database_url,
                                              recheck_seconds=timings.recheck_seconds)
        leader = PostgresLeader(store.database_url, process_id=process_id,
                                poll_seconds=timings.poll_seconds)
        identify = PostgresIdentifyGate(store.database_url, identify_spacing)
    elif store.path is not None:
        notifications = LocalNotifications(recheck_seconds=timings.recheck_seconds)
        leader = FileLeader(Path(f"{store.path}.leader"), process_id=process_id,
                            poll_seconds=timings.poll_seconds)
    else:
        raise ValueError("the store has neither a database URL nor a file")
    members = Members(store.db, shard_ids=shard_ids, shard_count=shard_count,
                      heartbeat_seconds=timings.heartbeat_seconds, process_id=process_id)
    return Cluster(store.backend, leader, members, Builds(store.db, notifications),
                   notifications, identify)


async def open_cluster(store: SubscriptionStore, shard_ids: Sequence[int] | None = None,
                       shard_count: int | None = None, *, timings: Timings = Timings(),
                       identify_spacing: float = IDENTIFY_SPACING_SECONDS) -> Cluster:
    """The cluster over the store's database, started: this process listed, leader or not."""
    cluster = cluster_for(store, shard_ids, shard_count, timings=timings,
                          identify_spacing=identify_spacing)
    await cluster.start()
    return cluster
