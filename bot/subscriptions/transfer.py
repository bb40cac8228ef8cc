"""Moving a bot's subscriptions and watches from its SQLite file into PostgreSQL.

For a bot outgrowing one process: the rows are copied with their delivery state (failures,
disabling, the last build each target received), so nothing is posted twice after the move,
and with their server's language, so posts keep it.
The SQLite file is read, never written (not even migrated), and stays as it was. Copying again
adds only what is missing: a row already in PostgreSQL is kept as it is there, since the bot
may have moved on since.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.errors import StoreError
from bot.subscriptions.database import Queries
from bot.subscriptions.migrate import load_migrations
from bot.subscriptions.store import COLUMNS as SUBSCRIPTION_COLUMNS
from bot.subscriptions.store import SubscriptionStore
from bot.subscriptions.watches import COLUMNS as WATCH_COLUMNS

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The rows of a SQLite store, column values in `…_COLUMNS` order."""

    subscriptions: list[tuple[Any, ...]]
    watches: list[tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class Copied:
    """How many rows were new to the target, of how many read."""

    subscriptions: int
    watches: int
    read: Snapshot

    @property
    def anything(self) -> bool:
        """Whether any row was new."""
        return bool(self.subscriptions or self.watches)


def read_sqlite(path: Path) -> Snapshot:
    """Read a SQLite store without changing it; a file of any schema version this bot knows."""
    if not path.is_file():
        raise StoreError(f"no subscriptions database at {path}: nothing to copy")
    latest = load_migrations("sqlite")[-1].version
    # Read-only still makes the -wal and -shm files of a WAL database; when no process has it
    # open (no -wal file), `immutable` reads the file alone and leaves nothing beside it.
    wal = path.with_name(path.name + "-wal")
    mode = "mode=ro" if wal.exists() else "immutable=1"
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)) as conn:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > latest:
                raise StoreError(f"subscriptions database {path} is schema v{version}, newer "
                                 f"than this bot (v{latest})")
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            return Snapshot(
                subscriptions=_rows(conn, tables, "subscriptions", SUBSCRIPTION_COLUMNS),
                watches=_rows(conn, tables, "watches", WATCH_COLUMNS),
            )
    except sqlite3.DatabaseError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StoreError(f"cannot read subscriptions database {path}: {reason}") from exc


async def copy_into(target: SubscriptionStore, snapshot: Snapshot) -> Copied:
    """Insert what `target` lacks of `snapshot`, in one transaction."""
    async def insert(queries: Queries) -> tuple[int, int]:
        return (await _insert(queries, "subscriptions", SUBSCRIPTION_COLUMNS,
                              snapshot.subscriptions),
                await _insert(queries, "watches", WATCH_COLUMNS, snapshot.watches))

    subscriptions, watches = await target.db.transact(insert)
    log.info("copied %d of %d subscriptions and %d of %d watches", subscriptions,
             len(snapshot.subscriptions), watches, len(snapshot.watches))
    return Copied(subscriptions, watches, snapshot)


def _rows(conn: sqlite3.Connection, tables: set[str], table: str,
          columns: str) -> list[tuple[Any, ...]]:
    if table not in tables:  # a file from before the table existed
        return []
    # A file from before a column existed (the server's language, v4) reads it as NULL.
    present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
    wanted = [column.strip() for column in columns.split(",")]
    selected = ", ".join(c if c in present else f"NULL AS {c}" for c in wanted)
    return [tuple(row) for row in conn.execute(f"SELECT {selected} FROM {table}")]


async def _insert(queries: Queries, table: str, columns: str,
                  rows: list[tuple[Any, ...]]) -> int:
    marks = ", ".join("?" for _ in columns.split(","))
    sql = f"INSERT INTO {table}({columns}) VALUES ({marks}) ON CONFLICT DO NOTHING"
    return sum([await queries.execute(sql, row) for row in rows])
