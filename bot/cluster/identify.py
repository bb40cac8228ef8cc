"""Taking turns to IDENTIFY with Discord, across every process of the bot.

Discord lets a bot start one gateway session per 5 seconds in each of `max_concurrency`
buckets (a shard's bucket is `shard_id % max_concurrency`), counted for the bot as a whole,
not per process; a session started too soon is refused and has to try again. Processes that
start together (systemd starts every instance of a template at once) would collide, so with
PostgreSQL they take turns on an advisory lock per bucket: a process holds its bucket's lock
from its turn until `spacing` seconds after it, and the next one's turn comes when it is
released. The server frees the lock of a process that dies, so a killed process never blocks
the others. With one process (SQLite), the turns are kept in memory.

If PostgreSQL cannot be reached, or the wait runs past `max_wait`, the process identifies
anyway: at worst Discord refuses the session and discord.py tries again, as it would without
any of this.
"""

from __future__ import annotations

import asyncio
import logging
import time
from abc import ABC, abstractmethod

import asyncpg

from bot.cluster import connection

log = logging.getLogger(__name__)

IDENTIFY_SPACING_SECONDS = 5.0
MAX_WAIT_SECONDS = 300.0  # a fleet of 60 shards in one bucket takes that long to start
# "trainedI" in ASCII, the bucket added: recognisable in pg_locks, apart from the leader's key.
IDENTIFY_LOCK_BASE = 0x7472616E65644900


class IdentifyGate(ABC):
    """Says when this process may IDENTIFY a shard of a bucket."""

    def __init__(self, spacing: float = IDENTIFY_SPACING_SECONDS) -> None:
        self.spacing = spacing

    @abstractmethod
    async def turn(self, bucket: int) -> None:
        """Return when this process may identify in `bucket`; the turn holds for `spacing`."""

    async def close(self) -> None:  # noqa: B027 (nothing to give up, unless a subclass holds turns)
        """Give up any turn still held."""


class LocalIdentifyGate(IdentifyGate):
    """One process: identifies of a bucket `spacing` apart, waiting only for what is left."""

    def __init__(self, spacing: float = IDENTIFY_SPACING_SECONDS) -> None:
        super().__init__(spacing)
        self._last: dict[int, float] = {}

    async def turn(self, bucket: int) -> None:
        last = self._last.get(bucket)
        if last is not None:
            wait = last + self.spacing - time.monotonic()
            if wait > 0:
                log.info("bucket %d: waiting %.1f s before identifying", bucket, wait)
                await asyncio.sleep(wait)
        self._last[bucket] = time.monotonic()


class PostgresIdentifyGate(IdentifyGate):
    """Every process of the bot: one advisory lock per bucket, held `spacing` past each turn."""

    def __init__(self, url: str, spacing: float = IDENTIFY_SPACING_SECONDS, *,
                 max_wait: float = MAX_WAIT_SECONDS) -> None:
        super().__init__(spacing)
        self._url = url
        self._max_wait = max_wait
        self._fallback = LocalIdentifyGate(spacing)
        self._held: set[asyncio.Task[None]] = set()

    async def turn(self, bucket: int) -> None:
        conn: asyncpg.Connection | None = None
        started = time.monotonic()
        try:
            conn = await connection.connect(self._url, "identify")
            await conn.execute("SELECT pg_advisory_lock($1)", IDENTIFY_LOCK_BASE + bucket,
                               timeout=self._max_wait)
        except connection.LOST as exc:  # timeouts included
            connection.discard(conn)
            log.warning("identify turns: %s; identifying without waiting for other processes",
                        connection.describe(self._url, exc))
            await self._fallback.turn(bucket)
            return
        waited = time.monotonic() - started
        if waited >= 0.5:
            log.info("bucket %d: identified after waiting %.1f s for other processes", bucket,
                     waited)
        release = asyncio.create_task(self._hold(conn), name=f"identify-turn-{bucket}")
        self._held.add(release)
        release.add_done_callback(self._held.discard)

    async def _hold(self, conn: asyncpg.Connection) -> None:
        """Keep the turn for `spacing` seconds, then end the session, which frees the lock."""
        try:
            await asyncio.sleep(self.spacing)
        finally:
            try:
                await conn.close(timeout=2.0)
            except connection.LOST:
                connection.discard(conn)

    async def close(self) -> None:
        for task in list(self._held):
            task.cancel()
        await asyncio.gather(*self._held, return_exceptions=True)
