"""Which process leads: runs the scheduled update check and sends the posts.

No home-made consensus: PostgreSQL's session-level advisory lock decides, and the server drops
it with the session, so a killed leader's lock is free the moment its connection closes. For one
process on SQLite an exclusive file lock beside the store does the same, so two processes
wrongly sharing one SQLite file still elect one.

Every elector polls: a follower tries to take the lock, a leader checks that its session is
still there. A leader whose check fails stops leading at once, before the server (which waits
for its keepalive probes, see connection.py) can hand the lock to another.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Any

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from bot.cluster import connection
from bot.errors import StoreError

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0
# "trainedO" in ASCII: any fixed 64-bit number works; this one is recognisable in pg_locks.
LEADER_LOCK_KEY = 0x747261696E65644F
REST_POLLS = 3  # polls a leader that lost its lock sits out before competing again

LEADER_PURPOSE = "leader:"  # the lock's session is named trainedon-leader:<process id>
_APP_NAME_LIMIT = 63  # PostgreSQL cuts application_name to NAMEDATALEN - 1 bytes

LeaderCallback = Callable[[bool], None]


class Leader(ABC):
    """An elector for the process `process_id`: `is_leader` now, callbacks on each change."""

    def __init__(self, *, process_id: str, poll_seconds: float = POLL_SECONDS) -> None:
        self.process_id = process_id
        self.poll_seconds = poll_seconds
        self._leading = asyncio.Event()
        self._callbacks: list[LeaderCallback] = []
        self._task: asyncio.Task[None] | None = None
        self._failing = False  # logged once per outage, not every poll
        self._resting_until = 0.0  # loop time

    @property
    def is_leader(self) -> bool:
        """Whether this process leads now (as of the last poll or lost connection)."""
        return self._leading.is_set()

    def on_change(self, callback: LeaderCallback) -> None:
        """Call `callback(is_leader)` on every change; it must not block (start a task)."""
        self._callbacks.append(callback)

    async def start(self) -> None:
        """Try once now, so `is_leader` is settled on return, then keep polling."""
        await self._prepare()
        await self._poll()
        self._task = asyncio.create_task(self._run(), name=f"{type(self).__name__}-poll")

    async def close(self) -> None:
        """Stop polling and give the lock up, so another process can lead at once."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._release()
        self._set(False)

    @abstractmethod
    async def current_leader(self) -> str | None:
        """The process id of whichever process leads now (this one or another), or None."""

    async def wait_until_leader(self, timeout: float) -> bool:
        """Whether this process became (or is) the leader within `timeout` seconds."""
        try:
            await asyncio.wait_for(self._leading.wait(), timeout)
        except TimeoutError:
            return False
        return True

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.poll_seconds)
            await self._poll()

    async def _poll(self) -> None:
        if not self.is_leader and self._resting():
            return
        try:
            if self.is_leader:
                if not await self._still_held():
                    self._set(False, rest=True)
            elif await self._try_acquire():
                self._set(True)
        except connection.LOST as exc:
            self._lost(exc)
        except Exception as exc:  # a bug: the lock's state is unknown, so do not lead on it
            log.exception("leader election failed unexpectedly")
            self._lost(exc)
        else:
            if self._failing:
                log.info("leader election works again")
                self._failing = False

    def _resting(self) -> bool:
        return asyncio.get_running_loop().time() < self._resting_until

    def _lost(self, exc: BaseException) -> None:
        """The connection failed: no lock is held any more (or it soon will not be)."""
        self._forget()
        self._set(False, rest=True)
        if not self._failing:
            log.warning("leader election: %s; retrying every %.1f s", self._describe(exc),
                        self.poll_seconds)
            self._failing = True

    def _set(self, leading: bool, *, rest: bool = False) -> None:
        """Lead or not; `rest`: the lock was lost, so sit out a few polls before trying again.

        A process that just lost its session is the likelier one to be in trouble (its network,
        its machine): resting lets a healthy follower take over first.
        """
        if leading == self.is_leader:
            return
        if leading:
            self._leading.set()
            log.info("process %s is now the leader", self.process_id)
        else:
            self._leading.clear()
            log.log(logging.WARNING if rest else logging.INFO,
                    "process %s is no longer the leader", self.process_id)
            if rest:
                self._resting_until = (asyncio.get_running_loop().time()
                                       + REST_POLLS * self.poll_seconds)
        for callback in list(self._callbacks):
            try:
                callback(leading)
            except Exception:
                log.exception("leader change callback failed")

    @abstractmethod
    async def _prepare(self) -> None:
        """Set up before the first try (a first connection: a wrong URL fails the start)."""

    @abstractmethod
    async def _try_acquire(self) -> bool:
        """Take the lock if it is free; never waits for it."""

    @abstractmethod
    async def _still_held(self) -> bool:
        """Whether the lock this process took is still its own."""

    @abstractmethod
    async def _release(self) -> None:
        """Give the lock up, if held; also called when it is not."""

    @abstractmethod
    def _forget(self) -> None:
        """Drop a broken connection, if the lock lives on one."""

    def _describe(self, exc: BaseException) -> str:
        return connection.reason(exc)


class PostgresLeader(Leader):
    """Leader by `pg_try_advisory_lock` on a connection of its own.

    Advisory locks belong to one database, so processes sharing a database share a leader.
    """

    def __init__(self, url: str, *, process_id: str, poll_seconds: float = POLL_SECONDS,
                 check_timeout: float = 2.0, key: int = LEADER_LOCK_KEY) -> None:
        super().__init__(process_id=process_id, poll_seconds=poll_seconds)
        self._url = url
        self._key = key
        self._check_timeout = check_timeout
        self._conn: asyncpg.Connection | None = None

    @property
    def backend_pid(self) -> int | None:
        """The server process of the lock's session (what pg_terminate_backend takes)."""
        return None if self._conn is None else self._conn.get_server_pid()

    async def current_leader(self) -> str | None:
        """Asked of the server on a connection of its own (the lock's is busy polling)."""
        return await current_leader(self._url, self._key)

    async def _prepare(self) -> None:
        try:
            await self._connection()
        except connection.LOST as exc:
            raise StoreError(f"cannot connect for leader election: {self._describe(exc)}") from exc

    async def _try_acquire(self) -> bool:
        conn = await self._connection()
        taken = await conn.fetchval("SELECT pg_try_advisory_lock($1)", self._key,
                                    timeout=self._check_timeout)
        return bool(taken)

    async def _still_held(self) -> bool:
        if self._conn is None or self._conn.is_closed():
            return False
        # A live session keeps its session-level lock: nothing but the session itself (or its
        # end) can release it, so reaching the session proves the lock.
        await self._conn.fetchval("SELECT 1", timeout=self._check_timeout)
        return True

    async def _release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None or conn.is_closed():
            return
        try:
            # Closing the session would release it too; unlocking first says so plainly and
            # does not wait for the server to notice a closed socket.
            if self.is_leader:
                await conn.fetchval("SELECT pg_advisory_unlock($1)", self._key,
                                    timeout=self._check_timeout)
        except connection.LOST:
            connection.discard(conn)
        await connection.close(conn)

    def _forget(self) -> None:
        conn, self._conn = self._conn, None
        connection.discard(conn)

    def _describe(self, exc: BaseException) -> str:
        return connection.describe(self._url, exc)

    async def _connection(self) -> asyncpg.Connection:
        if self._conn is None or self._conn.is_closed():
            self._forget()
            # The session's name says which process holds the lock, for `current_leader`.
            conn = await connection.connect(self._url, f"{LEADER_PURPOSE}{self.process_id}")
            conn.add_termination_listener(self._terminated)
            self._conn = conn
        return self._conn

    def _terminated(self, conn: asyncpg.Connection | PoolConnectionProxy[Any]) -> None:
        """The session ended (killed, server restart): the server has released the lock."""
        if conn is self._conn:
            self._conn = None
            if self.is_leader:
                log.warning("leader election: the lock's connection closed")
            self._set(False, rest=True)


class FileLeader(Leader):
    """Leader by an exclusive `flock` on a file, for processes on one machine."""

    def __init__(self, path: Path, *, process_id: str,
                 poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__(process_id=process_id, poll_seconds=poll_seconds)
        self.path = path
        self._fd: int | None = None

    async def _prepare(self) -> None:
        try:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot open the leader lock file {self.path}: {exc}") from exc

    async def _try_acquire(self) -> bool:
        if self._fd is None:
            return False
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        # Who leads, for `current_leader` and a person looking: the lock is the flock.
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, f"{self.process_id}\n".encode(), 0)
        return True

    async def current_leader(self) -> str | None:
        """The process named in the file while its lock is held (this one, if leading)."""
        if self.is_leader:
            return self.process_id
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except FileNotFoundError:
            return None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)  # taken only if nobody leads
            except BlockingIOError:
                return os.pread(fd, 1024, 0).decode(errors="replace").strip() or None
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)

    async def _still_held(self) -> bool:
        return self._fd is not None  # a flock stays until released or the file is closed

    def _forget(self) -> None:
        """Nothing to drop: a file lock cannot be lost while the file is open."""

    async def _release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # releases the flock with the last descriptor of this open file


async def current_leader(url: str, key: int = LEADER_LOCK_KEY) -> str | None:
    """The process id of the leader as PostgreSQL sees it (the lock's session), or None.

    Any process may ask, and so may a test looking for the leader to kill.
    """
    try:
        conn = await connection.connect(url, "status")
    except connection.LOST as exc:
        raise StoreError(f"cannot ask who leads: {connection.describe(url, exc)}") from exc
    try:
        name: str | None = await conn.fetchval(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
            " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            " AND ((l.classid::bigint << 32) | l.objid::bigint) = $1",
            key,
        )
        prefix = connection.APP_PREFIX + LEADER_PURPOSE
        if name is None or not name.startswith(prefix):
            return name
        process_id = name.removeprefix(prefix)
        if len(name.encode()) >= _APP_NAME_LIMIT:  # cut short: the process list has it whole
            whole = await conn.fetch(
                "SELECT process_id FROM processes WHERE starts_with(process_id, $1)", process_id)
            if len(whole) == 1:
                return str(whole[0]["process_id"])
        return process_id
    except connection.LOST as exc:
        raise StoreError(f"cannot ask who leads: {connection.describe(url, exc)}") from exc
    finally:
        await connection.close(conn)
