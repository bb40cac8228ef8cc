"""Bring a subscriptions database up to the newest schema, one numbered migration at a time.

Migrations are plain `.sql` files (`migrations/V{n}__{name}.sql`, shipped as package data) so
the schema reads as SQL and each version is a reviewable file of its own. Each runs in one
transaction together with its `PRAGMA user_version` bump: a crash mid-migration leaves the
previous version intact. The files must not contain BEGIN/COMMIT themselves.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import aiosqlite

from bot.errors import StoreError

log = logging.getLogger(__name__)

_FILE_NAME = re.compile(r"V(\d+)__(\w+)\.sql")


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: the version it leads to, and its SQL."""

    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """The shipped migrations in order; a gap or an empty folder is a packaging bug."""
    folder = resources.files(__package__).joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        if match := _FILE_NAME.fullmatch(entry.name):
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"subscriptions migrations must be V1..Vn without gaps: {found!r}")
    return found


async def migrate(conn: aiosqlite.Connection, migrations: Sequence[Migration] = ()) -> int:
    """Apply what `conn` lacks (the shipped migrations by default); return the new version."""
    steps = list(migrations) or load_migrations()
    latest = steps[-1].version
    rows = list(await conn.execute_fetchall("PRAGMA user_version"))
    current = int(rows[0][0])
    if current > latest:
        message = f"subscriptions database is schema v{current}, newer than this bot (v{latest})"
        raise StoreError(message)
    for step in steps[current:]:
        log.info("migrating subscriptions database to v%d (%s)", step.version, step.name)
        script = f"BEGIN IMMEDIATE;\n{step.sql}\n;PRAGMA user_version = {step.version};\nCOMMIT;"
        try:
            await conn.executescript(script)
        except BaseException:
            await _rollback(conn)
            raise
    return latest


async def _rollback(conn: aiosqlite.Connection) -> None:
    """Undo a half-run script; there may be nothing to undo if BEGIN itself failed."""
    try:
        await conn.execute("ROLLBACK")
    except sqlite3.OperationalError:
        log.debug("no transaction to roll back")
