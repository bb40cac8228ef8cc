"""The store in one SQLite file: the database of a bot that runs as one process.

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
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from bot.errors import StoreError
from bot.subscriptions.database import Database, Queries, Row, T, Work
from bot.subscriptions.migrate import migrate

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
# The operator's way out; the store never deletes a file it cannot read.
_ASIDE = " (move it aside to start over with no subscriptions)"


class _Statements:
    """Statements on the connection, which the caller holds alone."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(await self._conn.execute_fetchall(sql, params))

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        cursor = await self._conn.execute(sql, params)
        return cursor.rowcount


class SqliteDatabase(Database):
    """One SQLite file on one connection; open with `await SqliteDatabase.open(path)`."""

    backend = "sqlite"

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn: aiosqlite.Connection | None = conn
        self._lock = asyncio.Lock()
        self.path = path
        self.describe = str(path)

    @classmethod
    async def open(cls, path: Path) -> SqliteDatabase:
        """Open (or create) the file, check it is sound, and migrate it to the newest schema."""
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

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        async with self._locked() as statements:
            return await statements.fetch(sql, params)

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        async with self._locked() as statements:
            return await statements.execute(sql, params)

    async def transact(self, work: Work[T]) -> T:
        async with self.transaction() as queries:
            return await work(queries)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Queries]:
        """One write transaction: committed whole, or rolled back whole on any error.

        IMMEDIATE takes the write lock at the start, so another process cannot make the
        transaction fail half-way with SQLITE_BUSY. aiosqlite runs calls in order, so a ROLLBACK
        queued after a cancelled call still runs after it.
        """
        async with self._locked() as statements:
            try:
                await statements.execute("BEGIN IMMEDIATE")
                yield statements
            except BaseException:
                try:
                    await statements.execute("ROLLBACK")
                except sqlite3.OperationalError:
                    log.debug("no transaction to roll back")
                raise
            await statements.execute("COMMIT")

    async def close(self) -> None:
        async with self._lock:
            if self._conn is not None:
                await self._conn.close()
                self._conn = None

    @asynccontextmanager
    async def _locked(self) -> AsyncIterator[_Statements]:
        """The connection, to this task alone; reads never see another task's open write."""
        async with self._lock:
            if self._conn is None:
                raise StoreError("the subscriptions database is closed",
                                 key="error-store-database-closed")
            yield _Statements(self._conn)


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
