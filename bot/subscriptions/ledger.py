"""What subscriptions and artist watches both keep about their posts, written once.

Each row is a delivery target with the same bookkeeping: failures in a row, the last error,
when it was disabled, and the last build it received. `DeliveryLedger` answers the three
questions every post asks (needed? failed? delivered?) for any table that keeps those columns,
so the posting code takes a store as it is, whatever its key.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar, Generic, Self, TypeVar

from bot.subscriptions.database import Database, Queries, Row

log = logging.getLogger(__name__)

# Discord error texts are short; this only stops a runaway traceback from bloating the file.
MAX_ERROR_LENGTH = 500

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
    guild_locale: str | None  # the server's language for its posts; None: not known

    @property
    def disabled(self) -> bool:
        """Switched off after repeated failed posts, until someone asks for it again."""
        return self.disabled_at is not None

    @classmethod
    def from_row(cls, row: Row) -> Self:
        """Build from a row selected with the store's columns."""
        raise NotImplementedError

    @staticmethod
    def common_fields(row: Row) -> dict[str, Any]:
        """The shared columns of a row, parsed; a subclass adds its own."""
        return {
            "channel_id": int(row["channel_id"]),
            "guild_id": int(row["guild_id"]),
            "created_by": int(row["created_by"]),
            "created_at": datetime.fromisoformat(row["created_at"]),
            "failures": int(row["failures"]),
            "last_error": row["last_error"],
            "disabled_at": parse_time(row["disabled_at"]),
            "guild_locale": row["guild_locale"],
        }


class DeliveryLedger(Generic[K, E]):
    """Per-target delivery bookkeeping over one table; `K` is the key the posts are counted by.

    A subclass names its table, key columns, last-build column and entry type, and says how a
    key becomes query parameters; `_db` is the database it shares with the store.
    The `…_in` methods do their work inside a caller's transaction, so that the outbox
    (posts.py) marks a post and its target in one.
    """

    _table: ClassVar[str]
    _keys: ClassVar[tuple[str, ...]]
    _last_build: ClassVar[str]
    _columns: ClassVar[str]
    _entry: type[E]
    _posts: ClassVar[str]  # what a failed delivery is called in the log: "posts", "alerts"
    _db: Database

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
        rows = await self._db.fetch(self.wants_sql(), self.wants_params(key, build_id))
        return bool(rows)

    def wants_sql(self) -> str:
        """A SELECT with a row when the target wants the build (`wants_params` fill it)."""
        return (f"SELECT 1 FROM {self._table} WHERE {self._key_match()}"
                f" AND disabled_at IS NULL AND {self._last_build} IS DISTINCT FROM ?")

    def wants_params(self, key: K, build_id: str) -> tuple[Any, ...]:
        """The parameters of `wants_sql` for one target and build."""
        return (*self._key_params(key), build_id)

    async def record_failure(self, key: K, error: str, disable_after: int) -> E | None:
        """Count a failed post; at `disable_after` failures in a row the target is disabled.

        Returns the updated entry, or None if there is no such target.
        """
        check_disable_after(disable_after)
        updated = await self._db.transact(
            lambda queries: self.failure_in(queries, key, error, disable_after))
        self.note_failure(key, updated, disable_after)
        return updated

    async def record_delivery(self, key: K, build_id: str) -> None:
        """Note that `build_id` reached the target; its failure count starts over."""
        await self._db.transact(lambda queries: self.delivery_in(queries, key, build_id))

    async def failure_in(self, queries: Queries, key: K, error: str,
                         disable_after: int) -> E | None:
        """`record_failure`'s update, in the caller's transaction; no log."""
        rows = await queries.fetch(
            f"UPDATE {self._table} SET failures = failures + 1, last_error = ?,"
            " disabled_at = CASE WHEN disabled_at IS NULL AND failures + 1 >= ?"
            "  THEN ? ELSE disabled_at END"
            f" WHERE {self._key_match()} RETURNING {self._columns}",
            (error[:MAX_ERROR_LENGTH], disable_after, now(), *self._key_params(key)),
        )
        return self._one(rows)

    async def delivery_in(self, queries: Queries, key: K, build_id: str) -> None:
        """`record_delivery`'s update, in the caller's transaction."""
        await queries.execute(
            f"UPDATE {self._table} SET failures = 0, last_error = NULL,"
            f" {self._last_build} = ? WHERE {self._key_match()}",
            (build_id, *self._key_params(key)),
        )

    def note_failure(self, key: K, updated: E | None, disable_after: int) -> None:
        """Log the failure that disabled a target, once."""
        if updated is not None and updated.disabled and updated.failures == disable_after:
            log.warning("%s disabled after %d failed %s: %s", self._describe(key),
                        updated.failures, self._posts, updated.last_error)

    async def _select(self, where: str, params: tuple[Any, ...]) -> list[E]:
        """Entries matching a WHERE clause."""
        rows = await self._db.fetch(f"SELECT {self._columns} FROM {self._table} {where}", params)
        return [self._entry.from_row(row) for row in rows]

    def _one(self, rows: Iterable[Row]) -> E | None:
        """The single row an UPDATE … RETURNING gave, if any."""
        found = [self._entry.from_row(row) for row in rows]
        return found[0] if found else None

    def _key_match(self) -> str:
        return " AND ".join(f"{column} = ?" for column in self._keys)


def check_disable_after(disable_after: int) -> None:
    """A target is disabled after at least one failure."""
    if disable_after < 1:
        raise ValueError(f"disable_after must be at least 1, not {disable_after}")


def now() -> str:
    """The current UTC time as stored: ISO-8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def parse_time(value: str | None) -> datetime | None:
    """A stored time, or None."""
    return None if value is None else datetime.fromisoformat(value)
