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
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import aiosqlite

from bot.errors import StoreError
from bot.subscriptions.migrate import migrate
from bot.subscriptions.watches import WatchStore

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
# Discord error texts are short; this only stops a runaway traceback from bloating the file.
MAX_ERROR_LENGTH = 500
# The operator's way out; the store never deletes a file it cannot read.
_ASIDE = " (move it aside to start over with no subscriptions)"

_COLUMNS = (
    "channel_id, guild_id, created_by, created_at, failures, last_error, disabled_at,"
    " last_notified_build"
)


@dataclass(frozen=True, slots=True)
class Subscription:
    """One channel's subscription, as stored."""

    channel_id: int
    guild_id: int
    created_by: int
    created_at: datetime
    failures: int
    last_error: str | None
    disabled_at: datetime | None
    last_notified_build: str | None

    @property
    def disabled(self) -> bool:
        """Switched off after repeated delivery failures, until someone subscribes again."""
        return self.disabled_at is not None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Subscription:
        """Build from a row selected with `_COLUMNS`."""
        disabled_at = row["disabled_at"]
        return cls(
            channel_id=int(row["channel_id"]),
            guild_id=int(row["guild_id"]),
            created_by=int(row["created_by"]),
            created_at=datetime.fromisoformat(row["created_at"]),
            failures=int(row["failures"]),
            last_error=row["last_error"],
            disabled_at=None if disabled_at is None else datetime.fromisoformat(disabled_at),
            last_notified_build=row["last_notified_build"],
        )


class SubscriptionStore:
    """Channel subscriptions to dataset-update posts; open with `await SubscriptionStore.open()`."""

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
                (channel_id, guild_id, user_id, _now()),
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

    async def record_failure(
        self, channel_id: int, error: str, disable_after: int
    ) -> Subscription | None:
        """Count a failed post; at `disable_after` failures in a row the channel is disabled.

        Returns the updated subscription, or None if the channel is not subscribed.
        """
        if disable_after < 1:
            raise ValueError(f"disable_after must be at least 1, not {disable_after}")
        async with self._transaction() as conn:
            rows = await conn.execute_fetchall(
                "UPDATE subscriptions SET failures = failures + 1, last_error = ?,"
                " disabled_at = CASE WHEN disabled_at IS NULL AND failures + 1 >= ?"
                "  THEN ? ELSE disabled_at END"
                f" WHERE channel_id = ? RETURNING {_COLUMNS}",
                (error[:MAX_ERROR_LENGTH], disable_after, _now(), channel_id),
            )
        updated = _one(rows)
        if updated is not None and updated.disabled and updated.failures == disable_after:
            log.warning(
                "channel %d disabled after %d failed posts: %s",
                channel_id,
                updated.failures,
                updated.last_error,
            )
        return updated

    async def record_delivery(self, channel_id: int, build_id: str) -> None:
        """Note that `build_id` was posted to the channel; its failure count starts over."""
        async with self._transaction() as conn:
            await conn.execute(
                "UPDATE subscriptions SET failures = 0, last_error = NULL,"
                " last_notified_build = ? WHERE channel_id = ?",
                (build_id, channel_id),
            )

    async def needs(self, channel_id: int, build_id: str) -> bool:
        """Whether the channel should get `build_id`: subscribed, enabled, not yet sent.

        Checked before each post, so a restart mid-announcement posts nothing twice.
        """
        async with self._locked() as conn:
            rows = await conn.execute_fetchall(
                "SELECT 1 FROM subscriptions WHERE channel_id = ? AND disabled_at IS NULL"
                " AND last_notified_build IS NOT ?",
                (channel_id, build_id),
            )
        return bool(list(rows))

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

    async def _select(self, where: str, params: tuple[Any, ...]) -> list[Subscription]:
        """Subscriptions matching a WHERE clause."""
        async with self._locked() as conn:
            rows = await conn.execute_fetchall(
                f"SELECT {_COLUMNS} FROM subscriptions {where}", params
            )
        return [Subscription.from_row(row) for row in rows]

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


def _one(rows: Iterable[sqlite3.Row]) -> Subscription | None:
    """The single row an UPDATE … RETURNING gave, if any."""
    found = [Subscription.from_row(row) for row in rows]
    return found[0] if found else None


def _now() -> str:
    """The current UTC time as stored: ISO-8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")
