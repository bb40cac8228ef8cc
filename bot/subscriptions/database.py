"""What the store asks of a database, whichever it is: SQLite for one process, PostgreSQL for many.

SQL is written once, with `?` placeholders (the PostgreSQL backend numbers them `$1..$n`), in
the SQL both understand: `IS DISTINCT FROM`, `ON CONFLICT … DO UPDATE`, `RETURNING`, `lower()`
rather than `COLLATE NOCASE`. Rows are read by column name, `row["channel_id"]`, which both
drivers' rows answer.

A write that must be all or nothing is a function given to `transact`: on PostgreSQL it is run
again whole after a lost connection (a server restart), never twice to completion, so every
store write survives a restart and none is repeated. `transaction()` is the same as a block, but
cannot be run again: what it does is lost if the connection is.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Literal, Protocol, TypeVar

T = TypeVar("T")
Backend = Literal["sqlite", "postgresql"]


class Row(Protocol):
    """A result row, read by column name (sqlite3.Row and asyncpg.Record both are)."""

    def __getitem__(self, key: str, /) -> Any:
        """The value of one column."""
        ...


class Queries(Protocol):
    """Statements on a database, or inside one of its transactions."""

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """The rows a statement returns (a SELECT, or a write with RETURNING)."""
        ...

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run a statement; how many rows it inserted, updated or deleted."""
        ...


Work = Callable[[Queries], Awaitable[T]]


class Database(ABC):
    """One open database: single statements, transactions, and closing.

    A statement outside a transaction commits on its own. `describe` names the database in
    messages (a file path, or a URL with any password hidden).
    """

    backend: Backend
    describe: str

    @abstractmethod
    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """The rows one statement returns."""

    @abstractmethod
    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; how many rows it changed."""

    @abstractmethod
    async def transact(self, work: Work[T]) -> T:
        """`work` in one transaction, committed whole or not at all; its result.

        On PostgreSQL a lost connection runs it again (so it must only touch the database).
        """

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[Queries]:
        """A transaction as a block: committed when it ends, rolled back on an exception."""

    @abstractmethod
    async def close(self) -> None:
        """Close once no call is using it; closing twice is harmless."""
