"""Bring a subscriptions database up to the newest schema, one numbered migration at a time.

Migrations are plain `.sql` files (`migrations/<backend>/V{n}__{name}.sql`, shipped as package
data) so the schema reads as SQL and each version is a reviewable file of its own. The two sets,
`sqlite` and `postgresql`, differ only in types (BIGINT ids on PostgreSQL) and are kept in step
by a test that compares the schemas they make. The files must not contain BEGIN/COMMIT.

SQLite: each migration runs in one transaction together with its `PRAGMA user_version` bump, so
a crash mid-migration leaves the previous version intact. PostgreSQL: the versions are rows of
`schema_version`, and every pending migration runs in one transaction holding an advisory lock,
so processes starting at once migrate once: the others wait, then find nothing left to do.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import aiosqlite
import asyncpg

from bot.errors import StoreError
from bot.subscriptions.database import Backend

log = logging.getLogger(__name__)

_FILE_NAME = re.compile(r"V(\d+)__(\w+)\.sql")
# pg_advisory_xact_lock's key for migrations: any constant no other lock of ours uses.
MIGRATION_LOCK = 0x7472_6E64_6D69_67  # "trndmig"
# The store's own bookkeeping on PostgreSQL, beside the numbered schema: applied versions, and
# the tokens that tell whether a transaction cut off during COMMIT committed (postgres_db.py).
_BOOKKEEPING = (
    "CREATE TABLE IF NOT EXISTS schema_version(version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " applied_at TIMESTAMPTZ NOT NULL DEFAULT now());"
    "CREATE TABLE IF NOT EXISTS commit_tokens(token TEXT PRIMARY KEY,"
    " created_at TIMESTAMPTZ NOT NULL DEFAULT now())"
)
BOOKKEEPING_TABLES = ("schema_version", "commit_tokens")


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: the version it leads to, and its SQL."""

    version: int
    name: str
    sql: str


def load_migrations(backend: Backend = "sqlite") -> list[Migration]:
    """One backend's shipped migrations in order; a gap or an empty folder is a packaging bug."""
    folder = resources.files(__package__).joinpath("migrations", backend)
    found = []
    for entry in folder.iterdir():
        if match := _FILE_NAME.fullmatch(entry.name):
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if not found or [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"{backend} migrations must be V1..Vn without gaps: {found!r}")
    return found


async def migrate(conn: aiosqlite.Connection, migrations: Sequence[Migration] = ()) -> int:
    """Apply what a SQLite `conn` lacks (the shipped migrations by default); the new version."""
    steps = list(migrations) or load_migrations("sqlite")
    latest = steps[-1].version
    rows = list(await conn.execute_fetchall("PRAGMA user_version"))
    current = int(rows[0][0])
    _check_not_newer(current, latest)
    for step in steps[current:]:
        log.info("migrating subscriptions database to v%d (%s)", step.version, step.name)
        script = f"BEGIN IMMEDIATE;\n{step.sql}\n;PRAGMA user_version = {step.version};\nCOMMIT;"
        try:
            await conn.executescript(script)
        except BaseException:
            await _rollback(conn)
            raise
    return latest


async def migrate_postgres(conn: asyncpg.Connection, migrations: Sequence[Migration] = ()) -> int:
    """Apply what a PostgreSQL database lacks, once however many processes try at once."""
    steps = list(migrations) or load_migrations("postgresql")
    latest = steps[-1].version
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
        await conn.execute(_BOOKKEEPING)
        current = int(await conn.fetchval("SELECT coalesce(max(version), 0) FROM schema_version"))
        _check_not_newer(current, latest)
        for step in steps[current:]:
            log.info("migrating subscriptions database to v%d (%s)", step.version, step.name)
            await conn.execute(step.sql)
            await conn.execute("INSERT INTO schema_version(version, name) VALUES ($1, $2)",
                               step.version, step.name)
    return latest


def _check_not_newer(current: int, latest: int) -> None:
    if current > latest:
        message = f"subscriptions database is schema v{current}, newer than this bot (v{latest})"
        raise StoreError(message)


async def _rollback(conn: aiosqlite.Connection) -> None:
    """Undo a half-run script; there may be nothing to undo if BEGIN itself failed."""
    try:
        await conn.execute("ROLLBACK")
    except sqlite3.OperationalError:
        log.debug("no transaction to roll back")
