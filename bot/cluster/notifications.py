"""News between processes: PostgreSQL's LISTEN/NOTIFY, or this process alone.

A notification is only a wake-up call; the tables are the record. A handler is told "something
may have changed on this channel" and reads the table, so it needs no payload, and a burst of
notifications wakes it once. NOTIFYs sent while a listener is disconnected are lost for it, so
every handler is also woken after each reconnect, and every `recheck_seconds` in any case (a
handler that failed for a moment, say on a database restart, catches up then).

Handlers run one at a time on one task: a handler must not block for long (start a task).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from bot.cluster import connection
from bot.config import redacted_url
from bot.errors import StoreError
from bot.subscriptions.database import Queries

log = logging.getLogger(__name__)

BUILDS_CHANNEL = "trainedon_builds"  # payload: the build id (for a person watching)
POSTS_CHANNEL = "trainedon_posts"  # payload: "" (new outbox rows to send)
CHANNELS = (BUILDS_CHANNEL, POSTS_CHANNEL)

RECHECK_SECONDS = 10.0  # handlers are woken this often even without news: one small query each
RETRY_SECONDS = 1.0  # between reconnect attempts
PING_SECONDS = 5.0  # a silent connection is checked this often (a vanished server says nothing)
PING_TIMEOUT = 5.0

Handler = Callable[[], Awaitable[None]]


class Notifications(ABC):
    """Handlers by channel, woken one at a time on a task of their own."""

    def __init__(self, *, recheck_seconds: float = RECHECK_SECONDS) -> None:
        self.recheck_seconds = recheck_seconds
        self._handlers: dict[str, list[Handler]] = {channel: [] for channel in CHANNELS}
        self._dirty: set[str] = set()
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    def subscribe(self, channel: str, handler: Handler) -> None:
        """Call `handler()` when something may have changed on `channel`."""
        if channel not in self._handlers:
            raise ValueError(f"unknown channel {channel!r}; known: {', '.join(CHANNELS)}")
        self._handlers[channel].append(handler)

    async def start(self) -> None:
        """Begin waking the handlers."""
        self._tasks = [asyncio.create_task(self._dispatch(), name="notifications-dispatch"),
                       asyncio.create_task(self._recheck(), name="notifications-recheck")]

    async def close(self) -> None:
        """Stop waking handlers; one running is cancelled."""
        for task in self._tasks:
            await _cancel(task)
        self._tasks = []

    @abstractmethod
    async def notify(self, via: Queries, channel: str, payload: str) -> None:
        """Tell every process, this one included; sent `via` a transaction, only on its commit."""

    def _deliver(self, channel: str) -> None:
        self._dirty.add(channel)
        self._wake.set()

    async def _dispatch(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            dirty, self._dirty = self._dirty, set()
            for channel in CHANNELS:
                if channel not in dirty:
                    continue
                for handler in list(self._handlers[channel]):
                    try:
                        await handler()
                    except StoreError as exc:  # the database is away: the next wake-up retries
                        log.warning("a handler of %s failed: %s", channel, exc)
                    except Exception:
                        log.exception("a handler of %s failed", channel)

    async def _recheck(self) -> None:
        while True:
            await asyncio.sleep(self.recheck_seconds)
            for channel in CHANNELS:
                self._deliver(channel)


class LocalNotifications(Notifications):
    """One process: a notification wakes this process's own handlers, and nothing else."""

    async def notify(self, via: Queries, channel: str, payload: str) -> None:
        # The handlers run later, on their own task, and read the table through the store,
        # which serves one task at a time: they see the sender's transaction once it is done.
        self._deliver(channel)


class PostgresNotifications(Notifications):
    """LISTEN on a connection of its own, reconnecting after a lost server for as long as it runs.

    Sending goes through the store (`pg_notify` in the caller's transaction): PostgreSQL
    delivers it on commit, to every listener, this process's included.
    """

    def __init__(self, url: str, *, recheck_seconds: float = RECHECK_SECONDS,
                 retry_seconds: float = RETRY_SECONDS, ping_seconds: float = PING_SECONDS) -> None:
        super().__init__(recheck_seconds=recheck_seconds)
        self._url = url
        self.retry_seconds = retry_seconds
        self.ping_seconds = ping_seconds
        self._conn: asyncpg.Connection | None = None
        self._runner: asyncio.Task[None] | None = None
        self.reconnects = 0  # how often it listened again after a lost connection

    @property
    def connected(self) -> bool:
        """Whether notifications are heard now."""
        return self._conn is not None and not self._conn.is_closed()

    async def start(self) -> None:
        """Listen now (a StoreError if the server cannot be reached), and keep listening."""
        try:
            conn = await self._listen()
        except connection.LOST as exc:
            raise StoreError(f"cannot listen for cluster news: "
                             f"{connection.describe(self._url, exc)}") from exc
        await super().start()
        self._runner = asyncio.create_task(self._run(conn), name="notifications-listen")

    async def close(self) -> None:
        """Stop listening and close the connection."""
        await _cancel(self._runner)
        self._runner = None
        conn, self._conn = self._conn, None
        await connection.close(conn)
        await super().close()

    async def notify(self, via: Queries, channel: str, payload: str) -> None:
        await via.fetch("SELECT pg_notify(?, ?)", (channel, payload))

    async def _listen(self) -> asyncpg.Connection:
        conn = await connection.connect(self._url, "notify")
        try:
            for channel in CHANNELS:
                await conn.add_listener(channel, self._heard)
        except BaseException:
            connection.discard(conn)
            raise
        self._conn = conn
        return conn

    def _heard(self, conn: asyncpg.Connection | PoolConnectionProxy[Any], pid: int,
               channel: str, payload: object) -> None:
        self._deliver(channel)

    async def _run(self, conn: asyncpg.Connection) -> None:
        while True:
            try:
                await self._watch(conn)
            finally:
                self._conn = None
                connection.discard(conn)
            log.warning("cluster news: lost the connection to %s; listening again as soon as "
                        "it answers", redacted_url(self._url))
            conn = await self._reconnect()
            self.reconnects += 1
            log.info("cluster news: listening again")
            for channel in CHANNELS:
                self._deliver(channel)  # what was sent meanwhile is lost: read the tables

    async def _watch(self, conn: asyncpg.Connection) -> None:
        """Return when the connection is lost: closed by the server, or silent."""
        lost = asyncio.Event()
        conn.add_termination_listener(lambda _conn: lost.set())
        while not conn.is_closed():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(lost.wait(), self.ping_seconds)
                return
            try:
                await conn.fetchval("SELECT 1", timeout=PING_TIMEOUT)
            except connection.LOST:
                return

    async def _reconnect(self) -> asyncpg.Connection:
        failures = 0
        while True:
            await asyncio.sleep(self.retry_seconds)
            try:
                return await self._listen()
            except Exception as exc:  # not only LOST: listening must come back whatever it was
                failures += 1
                if failures == 1:
                    log.warning("cluster news: cannot listen yet: %s",
                                connection.describe(self._url, exc),
                                exc_info=not isinstance(exc, connection.LOST))


async def _cancel(task: asyncio.Task[None] | None) -> None:
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
