"""Artists a channel watches, kept beside the subscriptions in the same SQLite file.

A watch is keyed by channel and normalized artist name, so "Radiohead" and "radiohead" are one
watch. It shares the subscription store's connection, lock and transactions (reach it as
`store.watches`): the same discipline, and `remove_guild` clears both in one transaction.
Failures and the last alerted build are counted per watch, like a subscription's.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

# The same bound as the subscriptions' last_error: no runaway traceback in the file.
MAX_ERROR_LENGTH = 500

# The store's `_locked` and `_transaction`: the connection, to one task at a time.
Connect = Callable[[], AbstractAsyncContextManager[aiosqlite.Connection]]

_COLUMNS = (
    "channel_id, guild_id, artist_norm, artist_name, created_by, created_at, failures,"
    " last_error, disabled_at, last_alerted_build"
)


@dataclass(frozen=True, slots=True)
class Watch:
    """One channel's watch of one artist, as stored."""

    channel_id: int
    guild_id: int
    artist_norm: str
    artist_name: str
    created_by: int
    created_at: datetime
    failures: int
    last_error: str | None
    disabled_at: datetime | None
    last_alerted_build: str | None

    @property
    def disabled(self) -> bool:
        """Switched off after repeated failed alerts, until someone watches the artist again."""
        return self.disabled_at is not None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Watch:
        """Build from a row selected with `_COLUMNS`."""
        disabled_at = row["disabled_at"]
        return cls(
            channel_id=int(row["channel_id"]),
            guild_id=int(row["guild_id"]),
            artist_norm=row["artist_norm"],
            artist_name=row["artist_name"],
            created_by=int(row["created_by"]),
            created_at=datetime.fromisoformat(row["created_at"]),
            failures=int(row["failures"]),
            last_error=row["last_error"],
            disabled_at=None if disabled_at is None else datetime.fromisoformat(disabled_at),
            last_alerted_build=row["last_alerted_build"],
        )


class WatchStore:
    """Artist watches; built by SubscriptionStore, which owns the connection."""

    def __init__(self, locked: Connect, transaction: Connect) -> None:
        self._locked = locked
        self._transaction = transaction

    async def watch(self, guild_id: int, channel_id: int, artist_name: str, artist_norm: str,
                    user_id: int) -> bool:
        """Watch an artist in a channel; False if it already was. A disabled watch starts afresh.

        The last alerted build is kept, so re-enabling does not repeat an old alert.
        """
        if not artist_norm:
            raise ValueError("an artist watch needs a non-empty normalized name")
        async with self._transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO watches(channel_id, guild_id, artist_norm, artist_name, created_by,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(channel_id, artist_norm) DO UPDATE SET"
                "  guild_id = excluded.guild_id, artist_name = excluded.artist_name,"
                "  created_by = excluded.created_by, created_at = excluded.created_at,"
                "  failures = 0, last_error = NULL, disabled_at = NULL"
                " WHERE disabled_at IS NOT NULL",
                (channel_id, guild_id, artist_norm, artist_name, user_id, _now()),
            )
            added = cursor.rowcount == 1
        if added:
            log.info("channel %d in guild %d watches %r (by %d)", channel_id, guild_id,
                     artist_norm, user_id)
        return added

    async def unwatch(self, channel_id: int, artist_norm: str) -> bool:
        """Stop watching an artist in a channel; False if it was not watched there."""
        async with self._transaction() as conn:
            cursor = await conn.execute(
                "DELETE FROM watches WHERE channel_id = ? AND artist_norm = ?",
                (channel_id, artist_norm),
            )
            removed = cursor.rowcount == 1
        if removed:
            log.info("channel %d no longer watches %r", channel_id, artist_norm)
        return removed

    async def for_channel(self, channel_id: int) -> list[Watch]:
        """A channel's watches by name, disabled ones included so they can be shown as such."""
        return await self._select("WHERE channel_id = ? ORDER BY artist_name COLLATE NOCASE",
                                  (channel_id,))

    async def for_guild(self, guild_id: int) -> list[Watch]:
        """A server's watches, by channel then name, disabled ones included."""
        return await self._select(
            "WHERE guild_id = ? ORDER BY channel_id, artist_name COLLATE NOCASE", (guild_id,)
        )

    async def watched_norms(self) -> set[str]:
        """Every artist some channel should be alerted about: what a rebuild needs to look for."""
        async with self._locked() as conn:
            rows = await conn.execute_fetchall(
                "SELECT DISTINCT artist_norm FROM watches WHERE disabled_at IS NULL"
            )
        return {str(row[0]) for row in rows}

    async def watchers(self, artist_norm: str) -> list[Watch]:
        """The active watches of one artist, one per channel."""
        return await self._select(
            "WHERE artist_norm = ? AND disabled_at IS NULL ORDER BY guild_id, channel_id",
            (artist_norm,),
        )

    async def record_failure(self, channel_id: int, artist_norm: str, error: str,
                             disable_after: int) -> Watch | None:
        """Count a failed alert; at `disable_after` failures in a row the watch is disabled.

        Returns the updated watch, or None if there is no such watch.
        """
        if disable_after < 1:
            raise ValueError(f"disable_after must be at least 1, not {disable_after}")
        async with self._transaction() as conn:
            rows = await conn.execute_fetchall(
                "UPDATE watches SET failures = failures + 1, last_error = ?,"
                " disabled_at = CASE WHEN disabled_at IS NULL AND failures + 1 >= ?"
                "  THEN ? ELSE disabled_at END"
                f" WHERE channel_id = ? AND artist_norm = ? RETURNING {_COLUMNS}",
                (error[:MAX_ERROR_LENGTH], disable_after, _now(), channel_id, artist_norm),
            )
        updated = _one(rows)
        if updated is not None and updated.disabled and updated.failures == disable_after:
            log.warning("watch of %r in channel %d disabled after %d failed alerts: %s",
                        artist_norm, channel_id, updated.failures, updated.last_error)
        return updated

    async def record_alert(self, channel_id: int, artist_norm: str, build_id: str) -> None:
        """Note that `build_id` was alerted for this watch; its failure count starts over."""
        async with self._transaction() as conn:
            await conn.execute(
                "UPDATE watches SET failures = 0, last_error = NULL, last_alerted_build = ?"
                " WHERE channel_id = ? AND artist_norm = ?",
                (build_id, channel_id, artist_norm),
            )

    async def needs_alert(self, channel_id: int, artist_norm: str, build_id: str) -> bool:
        """Whether the watch should get `build_id`: watched, enabled, not yet alerted.

        Checked before each post, so a restart mid-announcement posts nothing twice.
        """
        async with self._locked() as conn:
            rows = await conn.execute_fetchall(
                "SELECT 1 FROM watches WHERE channel_id = ? AND artist_norm = ?"
                " AND disabled_at IS NULL AND last_alerted_build IS NOT ?",
                (channel_id, artist_norm, build_id),
            )
        return bool(list(rows))

    async def _select(self, where: str, params: tuple[Any, ...]) -> list[Watch]:
        """Watches matching a WHERE clause."""
        async with self._locked() as conn:
            rows = await conn.execute_fetchall(f"SELECT {_COLUMNS} FROM watches {where}", params)
        return [Watch.from_row(row) for row in rows]


def _one(rows: Iterable[sqlite3.Row]) -> Watch | None:
    """The single row an UPDATE … RETURNING gave, if any."""
    found = [Watch.from_row(row) for row in rows]
    return found[0] if found else None


def _now() -> str:
    """The current UTC time as stored: ISO-8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")
