"""What subscriptions and artist watches both keep about their posts, written once.

Each row is a delivery target with the same bookkeeping: failures in a row, the last error,
when it was disabled, and the last build it received. `DeliveryLedger` answers the three
questions every post asks (needed? failed? delivered?) for any table that keeps those columns,
so the posting code takes a store as it is, whatever its key.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar, Generic, Self, TypeVar

import aiosqlite

log = logging.getLogger(__name__)

# Discord error texts are short; this only stops a runaway traceback from bloating the file.
MAX_ERROR_LENGTH = 500

# The subscription store's `_locked` and `_transaction`: the connection, to one task at a time.
Connect = Callable[[], AbstractAsyncContextManager[aiosqlite.Connection]]

K = TypeVar("K")
E = TypeVar("E", bound="LedgerEntry")


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """The columns every delivery target has, as stored."""

    channel_id: int
    guild_id: int
    created_by: int
    created_at: datetime
    failures: int
    last_error: str | None
    disabled_at: datetime | None

    @property
    def disabled(self) -> bool:
        """Switched off after repeated failed posts, until someone asks for it again."""
        return self.disabled_at is not None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Self:
        """Build from a row selected with the store's columns."""
        raise NotImplementedError

    @staticmethod
    def common_fields(row: sqlite3.Row) -> dict[str, Any]:
        """The shared columns of a row, parsed; a subclass adds its own."""
        disabled_at = row["disabled_at"]
        return {
            "channel_id": int(row["channel_id"]),
            "guild_id": int(row["guild_id"]),
            "created_by": int(row["created_by"]),
            "created_at": datetime.fromisoformat(row["created_at"]),
            "failures": int(row["failures"]),
            "last_error": row["last_error"],
            "disabled_at": None if disabled_at is None else datetime.fromisoformat(disabled_at),
        }


class DeliveryLedger(Generic[K, E]):
    """Per-target delivery bookkeeping over one table; `K` is the key the posts are counted by.

    A subclass names its table, key columns, last-build column and entry type, and says how a
    key becomes query parameters; `_locked` and `_transaction` give it the shared connection.
    """

    _table: ClassVar[str]
    _keys: ClassVar[tuple[str, ...]]
    _last_build: ClassVar[str]
    _columns: ClassVar[str]
    _entry: type[E]
    _posts: ClassVar[str]  # what a failed delivery is called in the log: "posts", "alerts"
    _locked: Connect
    _transaction: Connect

    def _key_params(self, key: K) -> tuple[Any, ...]:
        """The values of the key columns, in order."""
        raise NotImplementedError

    def _describe(self, key: K) -> str:
        """The target as the log names it."""
        raise NotImplementedError

    async def needs(self, key: K, build_id: str) -> bool:
        """Whether the target should get `build_id`: present, enabled, not yet sent.

        Checked before each post, so a restart mid-announcement posts nothing twice.
        """
        async with self._locked() as conn:
            rows = await conn.execute_fetchall(
                f"SELECT 1 FROM {self._table} WHERE {self._key_match()}"
                f" AND disabled_at IS NULL AND {self._last_build} IS NOT ?",
                (*self._key_params(key), build_id),
            )
        return bool(list(rows))

    async def record_failure(self, key: K, error: str, disable_after: int) -> E | None:
        """Count a failed post; at `disable_after` failures in a row the target is disabled.

        Returns the updated entry, or None if there is no such target.
        """
        if disable_after < 1:
            raise ValueError(f"disable_after must be at least 1, not {disable_after}")
        async with self._transaction() as conn:
            rows = await conn.execute_fetchall(
                f"UPDATE {self._table} SET failures = failures + 1, last_error = ?,"
                " disabled_at = CASE WHEN disabled_at IS NULL AND failures + 1 >= ?"
                "  THEN ? ELSE disabled_at END"
                f" WHERE {self._key_match()} RETURNING {self._columns}",
                (error[:MAX_ERROR_LENGTH], disable_after, now(), *self._key_params(key)),
            )
        updated = self._one(rows)
        if updated is not None and updated.disabled and updated.failures == disable_after:
            log.warning("%s disabled after %d failed %s: %s", self._describe(key),
                        updated.failures, self._posts, updated.last_error)
        return updated

    async def record_delivery(self, key: K, build_id: str) -> None:
        """Note that `build_id` reached the target; its failure count starts over."""
        async with self._transaction() as conn:
            await conn.execute(
                f"UPDATE {self._table} SET failures = 0, last_error = NULL,"
                f" {self._last_build} = ? WHERE {self._key_match()}",
                (build_id, *self._key_params(key)),
            )

    async def _select(self, where: str, params: tuple[Any, ...]) -> list[E]:
        """Entries matching a WHERE clause."""
        async with self._locked() as conn:
            rows = await conn.execute_fetchall(
                f"SELECT {self._columns} FROM {self._table} {where}", params
            )
        return [self._entry.from_row(row) for row in rows]

    def _one(self, rows: Iterable[sqlite3.Row]) -> E | None:
        """The single row an UPDATE … RETURNING gave, if any."""
        found = [self._entry.from_row(row) for row in rows]
        return found[0] if found else None

    def _key_match(self) -> str:
        return " AND ".join(f"{column} = ?" for column in self._keys)


def now() -> str:
    """The current UTC time as stored: ISO-8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")
