"""The store in PostgreSQL: shared by every process of a bot split over several machines.

A pool of connections serves the process. A call that fails because the connection was lost
(a server restart, a failover) or the server is not accepting yet is run again whole, with
backoff, for up to `retry_seconds`; then it is a StoreError. A write transaction is never run
twice to completion: it first inserts a token of its own into `commit_tokens`, and when the
connection is lost during COMMIT (the one moment the outcome is unknown) the same token is
inserted again on a new connection. That insert waits for the old transaction if the server
still has it; a conflict means it committed, and success means it did not (and now never
can). So a restart loses nothing committed and repeats nothing.

(Not `pg_xact_status`: a transaction id that never reached the WAL before a crash is handed
out again after it, so the answer can be another transaction's; the tests caught that.)
"""

from __future__ import annotations

import asyncio
import functools
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any, TypeAlias

import asyncpg

from bot.config import redacted_url
from bot.errors import StoreError
from bot.subscriptions.database import Database, Queries, Row, T, Work
from bot.subscriptions.migrate import migrate_postgres

log = logging.getLogger(__name__)

RETRY_SECONDS = 30.0
FIRST_DELAY = 0.05
MAX_DELAY = 1.0
POOL_SIZE = 10
CONNECT_TIMEOUT = 10.0
# A statement unanswered this long counts as a lost connection (a frozen server, a vanished
# machine) rather than holding its caller for ever; the commit tokens keep a retry safe.
COMMAND_TIMEOUT = 30.0
CLOSE_SECONDS = 10.0

# The connection is gone or the server is not accepting (yet): a new connection may succeed.
LOST = (
    OSError,  # refused, reset, timed out (TimeoutError is one)
    asyncpg.PostgresConnectionError,  # class 08, and "closed in the middle of operation"
    asyncpg.CannotConnectNowError,  # starting up, shutting down, recovering
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.TooManyConnectionsError,
)
_CLAIM_TOKEN = "INSERT INTO commit_tokens(token) VALUES ($1) ON CONFLICT DO NOTHING"
# A token is needed only until its transaction's outcome is known (seconds); old ones go.
_PURGE_TOKENS = "DELETE FROM commit_tokens WHERE created_at < now() - interval '1 hour'"
PURGE_EVERY = 1000  # transactions
# The server undid the whole transaction to settle a conflict with another: safe to run again.
CONFLICT = (asyncpg.SerializationError, asyncpg.DeadlockDetectedError)


def lost(exc: BaseException) -> bool:
    """Whether `exc` says the connection or the server went away, not that the SQL was wrong."""
    if isinstance(exc, LOST):
        return True
    # asyncpg's word for a connection found closed when used (not a pool closed by us: the
    # callers check that first).
    return isinstance(exc, asyncpg.InterfaceError) and "connection is closed" in str(exc)


@functools.lru_cache(maxsize=1024)
def numbered(sql: str) -> str:
    """`?` placeholders as PostgreSQL's `$1..$n`, leaving quoted text and names alone."""
    out: list[str] = []
    count, quote = 0, ""
    for char in sql:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "?":
            count += 1
            out.append(f"${count}")
            continue
        out.append(char)
    return "".join(out)


def affected(status: str) -> int:
    """The row count of a command status: "INSERT 0 3" -> 3, "UPDATE 0" -> 0."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


# Generic in the stubs only, so a string.
Connection: TypeAlias = "asyncpg.pool.PoolConnectionProxy[asyncpg.Record]"


class _Statements:
    """Statements on one pooled connection."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return list(await self._conn.fetch(numbered(sql), *params))

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return affected(await self._conn.execute(numbered(sql), *params))


class _InDoubt(Exception):
    """The connection was lost during COMMIT: the transaction may or may not have committed."""

    def __init__(self, token: str, result: Any) -> None:
        super().__init__(token)
        self.token = token
        self.result = result


class PostgresDatabase(Database):
    """A PostgreSQL database through a pool; open with `await PostgresDatabase.open(url)`."""

    backend = "postgresql"

    def __init__(self, pool: asyncpg.Pool[asyncpg.Record], url: str,
                 retry_seconds: float) -> None:
        self._pool = pool
        self.url = url
        self.describe = redacted_url(url)
        self.retry_seconds = retry_seconds
        self._closed = False
        self._outage = False
        self._commits = 0

    @classmethod
    async def open(cls, url: str, *, retry_seconds: float = RETRY_SECONDS,
                   pool_size: int = POOL_SIZE) -> PostgresDatabase:
        """Connect (waiting up to `retry_seconds` for a server that is starting) and migrate.

        A server that refuses us (no such database, wrong password) is a StoreError at once.
        """
        describe = redacted_url(url)

        async def start() -> asyncpg.Pool[asyncpg.Record]:
            # min_size 0: connections are made as calls need them and kept for reuse; with a
            # floor, asyncpg logs a traceback each time a server restart drops below it.
            pool = await asyncpg.create_pool(
                url, min_size=0, max_size=pool_size, timeout=CONNECT_TIMEOUT,
                command_timeout=COMMAND_TIMEOUT, server_settings={"application_name": "trainedon"},
            )
            try:
                async with pool.acquire() as conn:
                    await migrate_postgres(conn)  # type: ignore[arg-type]
                    await conn.execute(_PURGE_TOKENS)
            except BaseException:
                pool.terminate()
                raise
            return pool

        deadline = asyncio.get_running_loop().time() + retry_seconds
        try:
            pool = await _retrying(start, describe, deadline, retry_seconds)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, ValueError) as exc:
            raise StoreError(f"cannot open subscriptions database {describe}: "
                             f"{_reason(exc)}") from exc
        return cls(pool, url, retry_seconds)

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """The rows of one statement, run again after a lost connection.

        So: reads, or writes that may safely run twice; anything else goes through `transact`.
        """
        async def attempt() -> list[Row]:
            async with self._connection() as conn:
                return await _Statements(conn).fetch(sql, params)

        return await self._retrying(attempt, self._deadline())

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """One statement in a transaction of its own, so that it runs exactly once."""
        return await self.transact(lambda queries: queries.execute(sql, params))

    async def transact(self, work: Work[T]) -> T:
        deadline = self._deadline()

        async def attempt() -> T:
            async with self._connection() as conn:
                return await _run_once(conn, work)

        self._commits += 1
        if self._commits % PURGE_EVERY == 0:
            await self.fetch(_PURGE_TOKENS)
        while True:
            try:
                return await self._retrying(attempt, deadline)
            except _InDoubt as doubt:
                if await self._committed(doubt.token, deadline):
                    return doubt.result  # type: ignore[no-any-return]
                log.info("a transaction cut off during COMMIT did not commit: running it again")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Queries]:
        """A transaction as a block; it cannot be run again, so a lost connection ends it."""
        async with self._connection() as conn, conn.transaction():
            yield _Statements(conn)

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            await asyncio.wait_for(self._pool.close(), CLOSE_SECONDS)
        except (TimeoutError, *LOST, asyncpg.InterfaceError):
            self._pool.terminate()

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[Connection]:
        """A pooled connection, given back afterwards.

        A failure to give it back (the pool's reset on a connection that just died) is no
        failure of the work done on it, which must not be run again.
        """
        self._closed_now()
        conn = await self._pool.acquire()
        try:
            yield conn
        finally:
            try:
                await self._pool.release(conn)
            except Exception as exc:  # the pool has dropped the connection itself
                log.debug("could not return a connection to the pool: %s", _reason(exc))

    def _deadline(self) -> float:
        if self._closed:
            raise StoreError("the subscriptions database is closed",
                             key="error-store-database-closed")
        return asyncio.get_running_loop().time() + self.retry_seconds

    async def _committed(self, token: str, deadline: float) -> bool:
        """Whether the transaction that inserted `token` committed; it never can afterwards."""
        async def claim() -> int:
            async with self._connection() as conn:
                return affected(await conn.execute(_CLAIM_TOKEN, token))

        return await self._retrying(claim, deadline) == 0

    async def _retrying(self, op: Callable[[], Awaitable[T]], deadline: float) -> T:
        result = await _retrying(op, self.describe, deadline, self.retry_seconds,
                                 self._closed_now, self._lost_now)
        if self._outage:
            self._outage = False
            log.warning("subscriptions database %s answers again", self.describe)
        return result

    def _closed_now(self) -> None:
        if self._closed:
            raise StoreError("the subscriptions database is closed",
                             key="error-store-database-closed")

    def _lost_now(self, exc: BaseException) -> None:
        if not self._outage:
            self._outage = True
            log.warning("lost the subscriptions database %s (%s); retrying for up to %g s",
                        self.describe, _reason(exc), self.retry_seconds)


async def _run_once(conn: Connection, work: Work[T]) -> T:
    """`work` in a transaction on `conn`; _InDoubt when COMMIT's answer was lost."""
    token = uuid.uuid4().hex
    transaction = conn.transaction()
    await transaction.start()
    try:
        await conn.execute(_CLAIM_TOKEN, token)
        result = await work(_Statements(conn))
    except BaseException:
        try:
            await transaction.rollback()
        except Exception as exc:  # gone with the connection: the server rolls it back itself
            log.debug("rollback failed: %s", _reason(exc))
        raise
    try:
        await transaction.commit()
    except Exception as exc:
        if lost(exc):
            raise _InDoubt(token, result) from exc
        raise
    return result


async def _retrying(op: Callable[[], Awaitable[T]], describe: str, deadline: float,
                    retry_seconds: float, check_open: Callable[[], None] = lambda: None,
                    on_lost: Callable[[BaseException], None] = lambda exc: None) -> T:
    """`op()`, run again with backoff while the connection is lost, until `deadline`."""
    loop = asyncio.get_running_loop()
    delay = FIRST_DELAY
    while True:
        check_open()
        try:
            return await op()
        except Exception as exc:
            if not (lost(exc) or isinstance(exc, CONFLICT)):
                raise
            if loop.time() + delay > deadline:
                raise StoreError(f"the subscriptions database {describe} did not answer for "
                                 f"{retry_seconds:g} s: {_reason(exc)}",
                                 key="error-store-no-answer", database=describe,
                                 seconds=retry_seconds, reason=_reason(exc)) from exc
            if isinstance(exc, CONFLICT):
                log.debug("transaction conflict, running it again: %s", exc)
            else:
                on_lost(exc)
        await asyncio.sleep(delay)
        delay = min(delay * 2, MAX_DELAY)


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
