"""Which channels get dataset-update posts, kept in their own SQLite file across restarts.

This file is not rebuildable like the index, so it lives apart from it and every write is one
transaction: a crash or a kill leaves either the old state or the new, never half of a write.
WAL with synchronous=NORMAL keeps every committed write through a killed process (only a power
cut can lose the last few), which is the trade a chat bot wants.

One connection serves the whole bot; a lock orders the tasks on it, so concurrent calls are
safe and no task ever sees another's uncommitted transaction. busy_timeout covers other
processes (a CLI command) touching the same file.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

import aiosqlite

from bot.errors import StoreError
from bot.subscriptions.ledger import DeliveryLedger, LedgerEntry, now
from bot.subscriptions.migrate import migrate
from bot.subscriptions.watches import WatchStore

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
# The operator's way out; the store never deletes a file it cannot read.
_ASIDE = " (move it aside to start over with no subscriptions)"

_COLUMNS = (
    "channel_id, guild_id, created_by, created_at, failures, last_error, disabled_at,"
    " last_notified_build"
)


@dataclass(frozen=True, slots=True)
class Subscription(LedgerEntry):
    """One channel's subscription, as stored; disabled until someone subscribes again."""

    last_notified_build: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Self:
        """Build from a row selected with `_COLUMNS`."""
        return cls(**cls.common_fields(row), last_notified_build=row["last_notified_build"])


class SubscriptionStore(DeliveryLedger[int, Subscription]):
    """Channel subscriptions to dataset-update posts; open with `await SubscriptionStore.open()`.

    As a delivery ledger its key is the channel id.
    """

    _table = "subscriptions"
    _keys = ("channel_id",)
    _last_build = "last_notified_build"
    _columns = _COLUMNS
    _entry = Subscription
    _posts = "posts"

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn: aiosqlite.Connection | None = conn
        self._lock = asyncio.Lock()
        self.path = path
        self.watches = WatchStore(self._locked, self._transaction)

    @classmethod
    async def open(cls, path: Path) -> SubscriptionStore:
        """Open (or create) the database, check it is sound, and migrate it to the newest schema."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = await aiosqlite.connect(path, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open subscriptions database {path}: {exc}") from exc
        try:
            await _prepare(conn, path)
        except BaseException:
            await conn.close()
            raise
        return cls(conn, path)

    async def close(self) -> None:
        """Close the connection once no call is using it; closing twice is harmless."""
        async with self._lock:
            if self._conn is not None:
                await self._conn.close()
                self._conn = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def subscribe(self, guild_id: int, channel_id: int, user_id: int) -> bool:
        """Subscribe a channel; False if it already was. A disabled one starts afresh (True).

        The last delivered build is kept, so re-enabling does not repost an old update.
        """
        async with self._transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO subscriptions(channel_id, guild_id, created_by, created_at)"
                " VALUES (?, ?, ?, ?)"
                " ON CONFLICT(channel_id) DO UPDATE SET"
                "  guild_id = excluded.guild_id, created_by = excluded.created_by,"
                "  created_at = excluded.created_at, failures = 0, last_error = NULL,"
                "  disabled_at = NULL"
                " WHERE disabled_at IS NOT NULL",
                (channel_id, guild_id, user_id, now()),
            )
            changed = cursor.rowcount == 1
        if changed:
            log.info("channel %d in guild %d subscribed by %d", channel_id, guild_id, user_id)
        return changed

    async def unsubscribe(self, channel_id: int) -> bool:
        """Remove a channel's subscription; False if it had none."""
        async with self._transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM subscriptions WHERE channel_id = ?", (channel_id,)
            )
            removed = cursor.rowcount == 1
        if removed:
            log.info("channel %d unsubscribed", channel_id)
        return removed

    async def for_guild(self, guild_id: int) -> list[Subscription]:
        """A server's subscriptions, disabled ones included so they can be shown as such."""
        return await self._select("WHERE guild_id = ? ORDER BY created_at, channel_id", (guild_id,))

    async def active(self) -> list[Subscription]:
        """Every subscription that should receive the next post."""
        return await self._select("WHERE disabled_at IS NULL ORDER BY guild_id, channel_id", ())

    async def remove_guild(self, guild_id: int) -> int:
        """Forget every subscription and artist watch of a server the bot has left.

        Returns how many subscriptions were removed.
        """
        async with self._transaction() as conn:
            cursor = await conn.execute("DELETE FROM subscriptions WHERE guild_id = ?", (guild_id,))
            removed = cursor.rowcount
            cursor = await conn.execute("DELETE FROM watches WHERE guild_id = ?", (guild_id,))
            watches = cursor.rowcount
        log.info("removed %d subscriptions and %d watches of guild %d", removed, watches, guild_id)
        return removed

    async def remove_channel(self, channel_id: int) -> tuple[bool, int]:
        """Forget a deleted channel's subscription and artist watches, in one transaction.

        Returns whether it was subscribed and how many watches it had.
        """
        async with self._transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM subscriptions WHERE channel_id = ?", (channel_id,)
            )
            subscribed = cursor.rowcount == 1
            cursor = await conn.execute("DELETE FROM watches WHERE channel_id = ?", (channel_id,))
            watches = cursor.rowcount
        return subscribed, watches

    def _key_params(self, key: int) -> tuple[int]:
        return (key,)

    def _describe(self, key: int) -> str:
        return f"channel {key}"

    @asynccontextmanager
    async def _locked(self) -> AsyncIterator[aiosqlite.Connection]:
        """The connection, to this task alone; reads never see another task's open write."""
        async with self._lock:
            if self._conn is None:
                raise StoreError("the subscriptions database is closed")
            yield self._conn

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction: committed whole, or rolled back whole on any error.

        IMMEDIATE takes the write lock at the start, so another process cannot make the
        transaction fail half-way with SQLITE_BUSY. aiosqlite runs calls in order, so a ROLLBACK
        queued after a cancelled call still runs after it.
        """
        async with self._locked() as conn:
            try:
                await conn.execute("BEGIN IMMEDIATE")
                yield conn
            except BaseException:
                try:
                    await conn.execute("ROLLBACK")
                except sqlite3.OperationalError:
                    log.debug("no transaction to roll back")
                raise
            await conn.execute("COMMIT")


async def _prepare(conn: aiosqlite.Connection, path: Path) -> None:
    """Pragmas, a soundness check and migrations; any sign of a bad file becomes StoreError."""
    conn.row_factory = sqlite3.Row
    try:
        await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        problems = [row[0] for row in await conn.execute_fetchall("PRAGMA quick_check")]
        if problems != ["ok"]:
            first = str(problems[0]).splitlines()[0] if problems else "no answer"
            raise StoreError(f"subscriptions database {path} is damaged: {first}{_ASIDE}")
        mode = next(iter(await conn.execute_fetchall("PRAGMA journal_mode = WAL")))[0]
        if mode != "wal":
            log.warning("subscriptions database %s cannot use WAL; journal mode is %s", path, mode)
        await conn.execute("PRAGMA synchronous = NORMAL")
        await conn.execute("PRAGMA foreign_keys = ON")
        await migrate(conn)
    except sqlite3.DatabaseError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StoreError(f"subscriptions database {path} is unusable: {reason}{_ASIDE}") from exc
