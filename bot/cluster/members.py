"""Which bot processes are running: their shards, the build they serve, their last heartbeat.

Each process keeps one row in `processes` and writes it whole every `heartbeat_seconds`, so a
row lost or a write missed during a database outage is put right by the next beat. A process
killed without closing leaves its row behind: it stops counting as alive once its heartbeat is
`within_seconds` old, and whoever starts next deletes rows silent for a day.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.cluster import clock
from bot.errors import StoreError
from bot.subscriptions.database import Database, Row

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 2.0
ALIVE_SECONDS = 10.0  # five missed heartbeats: dead, or cut off from the database
FORGET_SECONDS = 24 * 3600.0
STATES = ("starting", "serving", "building", "failed")

_COLUMNS = (
    "process_id, host, pid, shard_ids, shard_count, build_id, fingerprint, state, reason,"
    " started_at, seen_at"
)


@dataclass(frozen=True, slots=True)
class ProcessRow:
    """One process as its last heartbeat left it; `silent_seconds` by the database's clock."""

    process_id: str
    host: str
    pid: int
    shard_ids: tuple[int, ...] | None  # None: every shard
    shard_count: int | None
    build_id: str | None
    fingerprint: str | None
    state: str
    reason: str | None
    started_at: datetime
    seen_at: datetime
    silent_seconds: float

    @classmethod
    def from_row(cls, row: Row) -> ProcessRow:
        """Build from a row selected with `_COLUMNS` and the database's time as `now`."""
        seen_at = clock.parse(row["seen_at"])
        shards = row["shard_ids"]
        count = row["shard_count"]
        return cls(
            process_id=row["process_id"],
            host=row["host"],
            pid=int(row["pid"]),
            shard_ids=tuple(int(s) for s in shards.split(",")) if shards else None,
            shard_count=None if count is None else int(count),
            build_id=row["build_id"],
            fingerprint=row["fingerprint"],
            state=row["state"],
            reason=row["reason"],
            started_at=clock.parse(row["started_at"]),
            seen_at=seen_at,
            silent_seconds=(clock.parse(row["now"]) - seen_at).total_seconds(),
        )


def new_process_id() -> str:
    """host:pid:random — readable in a status list, unique even after a pid is reused."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


class Members:
    """The row of this process in `processes`, kept fresh; and everyone else's, to read."""

    def __init__(self, db: Database, *, shard_ids: Sequence[int] | None = None,
                 shard_count: int | None = None, heartbeat_seconds: float = HEARTBEAT_SECONDS,
                 process_id: str | None = None) -> None:
        self._db = db
        self.process_id = process_id or new_process_id()
        self.heartbeat_seconds = heartbeat_seconds
        self._host = socket.gethostname()
        self._shard_ids = ",".join(str(s) for s in sorted(shard_ids)) if shard_ids else ""
        self._shard_count = shard_count
        self._build_id: str | None = None
        self._fingerprint: str | None = None
        self._state = "starting"
        self._reason: str | None = None
        self._write_lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self._failing = False
        self._closed = False

    async def start(self) -> None:
        """Write this process's row (a StoreError if the database cannot be reached), then beat."""
        await self._write()
        await self._forget_the_long_gone()
        self._task = asyncio.create_task(self._beat(), name="members-heartbeat")

    async def close(self) -> None:
        """Stop the heartbeat and delete this process's row: a clean exit is not a death.

        A state set afterwards (a task still finishing) is not written: it would bring the row
        back as a process that never beats again.
        """
        self._closed = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        try:
            await self._db.execute("DELETE FROM processes WHERE process_id = ?",
                                   (self.process_id,))
        except StoreError as exc:
            log.warning("could not remove this process from the process list: %s", exc)

    async def set_serving(self, build_id: str, fingerprint: str) -> None:
        """Say that this process now answers from `build_id`."""
        self._build_id, self._fingerprint = build_id, fingerprint
        self._state, self._reason = "serving", None
        await self._write_soon()

    async def set_state(self, state: str, reason: str | None = None) -> None:
        """Say what this process does: one of `STATES`, with a reason for "failed".

        "building" keeps the build served until then: the old index answers meanwhile.
        """
        if state not in STATES:
            raise ValueError(f"unknown process state {state!r}; known: {', '.join(STATES)}")
        self._state, self._reason = state, reason
        await self._write_soon()

    async def alive(self, within_seconds: float = ALIVE_SECONDS) -> list[ProcessRow]:
        """Processes whose last heartbeat is at most `within_seconds` old, this one included."""
        return [row for row in await self.known() if row.silent_seconds <= within_seconds]

    async def known(self) -> list[ProcessRow]:
        """Every row, the silent ones too (killed processes, until they are forgotten)."""
        rows = await self._db.fetch(
            f"SELECT {_COLUMNS}, {clock.now_sql(self._db.backend)} AS now FROM processes"
            " ORDER BY host, pid, process_id"
        )
        return [ProcessRow.from_row(row) for row in rows]

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(self.heartbeat_seconds)
            try:
                await self._write_soon()
            except Exception:  # a bug must not end the heartbeat: the process would look dead
                log.exception("heartbeat failed unexpectedly")

    async def _write_soon(self) -> None:
        """Write now; if the database is away, say so once: the next heartbeat tries again."""
        if self._closed:
            return
        try:
            await self._write()
        except StoreError as exc:
            if not self._failing:
                log.warning("heartbeat not written (trying again every %.0f s): %s",
                            self.heartbeat_seconds, exc)
                self._failing = True
            return
        if self._failing:
            log.info("heartbeat written again")
            self._failing = False

    async def _write(self) -> None:
        """Upsert the whole row, so one write repairs whatever was missed or deleted."""
        now = clock.now_sql(self._db.backend)
        async with self._write_lock:  # the latest state lands last
            await self._db.execute(
                f"INSERT INTO processes({_COLUMNS})"
                f" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, {now}, {now})"
                " ON CONFLICT(process_id) DO UPDATE SET"
                "  shard_ids = excluded.shard_ids, shard_count = excluded.shard_count,"
                "  build_id = excluded.build_id, fingerprint = excluded.fingerprint,"
                "  state = excluded.state, reason = excluded.reason, seen_at = excluded.seen_at",
                (self.process_id, self._host, os.getpid(), self._shard_ids, self._shard_count,
                 self._build_id, self._fingerprint, self._state, self._reason),
            )

    async def _forget_the_long_gone(self) -> None:
        gone = [row for row in await self.known() if row.silent_seconds > FORGET_SECONDS]
        for row in gone:  # were one to come back, its next heartbeat writes its row again
            await self._db.execute("DELETE FROM processes WHERE process_id = ?",
                                   (row.process_id,))
        if gone:
            log.info("forgot %d processes silent for over a day", len(gone))
