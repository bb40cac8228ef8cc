"""The test PostgreSQL server itself: it starts, hands out fresh databases, survives a crash."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
from helpers.postgres import PostgresServer


async def test_each_test_gets_a_fresh_empty_database(postgres_url: str) -> None:
    conn = await asyncpg.connect(postgres_url)
    try:
        tables = await conn.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        )
        assert tables == []
        await conn.execute("CREATE TABLE t(x BIGINT)")
    finally:
        await conn.close()
    assert postgres_url.startswith("postgresql://trainedon@127.0.0.1:")


async def test_an_immediate_restart_keeps_committed_rows_on_the_same_port(
    own_postgres: PostgresServer,
) -> None:
    url = await own_postgres.create_database()
    conn = await asyncpg.connect(url)
    await conn.execute("CREATE TABLE t(x BIGINT)")
    await conn.execute("INSERT INTO t VALUES (1), (2)")
    port = own_postgres.port
    await asyncio.to_thread(own_postgres.restart, True)
    assert own_postgres.port == port
    with pytest.raises((asyncpg.InterfaceError, asyncpg.PostgresConnectionError, OSError)):
        await conn.fetch("SELECT 1")  # the old session died with the server
    conn = await asyncpg.connect(url)
    try:
        assert [r["x"] for r in await conn.fetch("SELECT x FROM t ORDER BY x")] == [1, 2]
    finally:
        await conn.close()
