"""The SQLite and PostgreSQL migrations make the same schema, version by version.

Compared: tables, columns (type family, nullability, default), primary keys and indexes. Types
differ only in width: SQLite's INTEGER is PostgreSQL's BIGINT or INTEGER.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import aiosqlite
import asyncpg

from bot.subscriptions.migrate import (
    BOOKKEEPING_TABLES,
    load_migrations,
    migrate,
    migrate_postgres,
)

Schema = dict[str, dict[str, Any]]
FAMILY = {"integer": "integer", "bigint": "integer", "text": "text"}


def default(value: str | None) -> str | None:
    return None if value is None else re.sub(r"::\w+$", "", value)


async def sqlite_schema(conn: aiosqlite.Connection) -> Schema:
    schema: Schema = {}
    tables = await conn.execute_fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    for (table,) in tables:
        columns = {}
        primary = []
        for _, name, kind, notnull, dflt, pk in await conn.execute_fetchall(
                f"PRAGMA table_info({table})"):
            columns[name] = (FAMILY[kind.lower()], bool(notnull or pk), default(dflt))
            if pk:
                primary.append((pk, name))
        indexes = {}
        for _, name, _unique, origin, _partial in await conn.execute_fetchall(
                f"PRAGMA index_list({table})"):
            if origin == "c":
                info = await conn.execute_fetchall(f"PRAGMA index_info({name})")
                indexes[name] = [column for _, _, column in sorted(info)]
        schema[table] = {"columns": columns, "primary key": [n for _, n in sorted(primary)],
                         "indexes": indexes}
    return schema


async def postgres_schema(conn: asyncpg.Connection) -> Schema:
    schema: Schema = {}
    tables = await conn.fetch(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        " AND table_type = 'BASE TABLE' AND NOT table_name = ANY($1)", BOOKKEEPING_TABLES)
    for (table,) in tables:
        columns = {
            r["column_name"]: (FAMILY[r["data_type"]], r["is_nullable"] == "NO",
                               default(r["column_default"]))
            for r in await conn.fetch(
                "SELECT column_name, data_type, is_nullable, column_default"
                " FROM information_schema.columns WHERE table_name = $1", table)
        }
        indexes: dict[str, list[str]] = {}
        primary: list[str] = []
        for r in await conn.fetch(
                "SELECT i.relname AS name, x.indisprimary AS pk,"
                " array_agg(a.attname::text ORDER BY k.n) AS columns"
                " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                " JOIN pg_class t ON t.oid = x.indrelid"
                " JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, n) ON true"
                " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum"
                " WHERE t.relname = $1 GROUP BY i.relname, x.indisprimary", table):
            if r["pk"]:
                primary = list(r["columns"])
            else:
                indexes[r["name"]] = list(r["columns"])
        schema[table] = {"columns": columns, "primary key": primary, "indexes": indexes}
    return schema


def test_both_sets_have_the_same_versions_and_names() -> None:
    sqlite, postgres = load_migrations("sqlite"), load_migrations("postgresql")
    assert [(m.version, m.name) for m in sqlite] == [(m.version, m.name) for m in postgres]
    assert [m.name for m in sqlite][:3] == ["subscriptions", "watches", "posts_and_cluster"]


async def test_each_version_makes_the_same_schema_on_both(tmp_path: Path,
                                                          postgres_url: str) -> None:
    sqlite_steps, postgres_steps = load_migrations("sqlite"), load_migrations("postgresql")
    conn = await asyncpg.connect(postgres_url)
    try:
        async with aiosqlite.connect(tmp_path / "s.sqlite", isolation_level=None) as lite:
            for version in range(1, len(sqlite_steps) + 1):
                assert await migrate(lite, sqlite_steps[:version]) == version
                assert await migrate_postgres(conn, postgres_steps[:version]) == version
                from_sqlite, from_postgres = await sqlite_schema(lite), await postgres_schema(conn)
                assert from_sqlite == from_postgres, f"v{version} differs"
        assert set(from_postgres) == {"subscriptions", "watches", "posts", "builds", "processes"}
        assert from_postgres["posts"]["indexes"] == {"posts_state": ["state", "created_at"]}
        assert from_postgres["watches"]["primary key"] == ["channel_id", "artist_norm"]
        versions = await conn.fetch("SELECT version, name FROM schema_version ORDER BY version")
        assert [(r["version"], r["name"]) for r in versions] == [
            (m.version, m.name) for m in postgres_steps]
    finally:
        await conn.close()
