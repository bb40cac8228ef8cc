"""The subscriptions store against real databases: CRUD, restarts, failures, crashes.

Tests taking `store` or `open_store` run on SQLite and on PostgreSQL; those taking `db_path`
are about the SQLite file itself.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiosqlite
import pytest
from helpers import REPO

from bot.errors import TrainedOnError
from bot.subscriptions import StoreError, Subscription, SubscriptionStore
from bot.subscriptions.database import Queries
from bot.subscriptions.migrate import Migration, load_migrations, migrate

LATEST = load_migrations()[-1].version
GUILD, OTHER_GUILD, USER = 10, 20, 99

OpenStore = Callable[[], Awaitable[SubscriptionStore]]  # the `open_store` fixture


def pragma(path: Path, name: str) -> object:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]


# --- CRUD -------------------------------------------------------------------------------------


async def test_subscribe_is_new_once(store: SubscriptionStore) -> None:
    assert await store.subscribe(GUILD, 1, USER) is True
    assert await store.subscribe(GUILD, 1, USER) is False
    [sub] = await store.for_guild(GUILD)
    assert isinstance(sub, Subscription)
    assert (sub.channel_id, sub.guild_id, sub.created_by) == (1, GUILD, USER)
    assert sub.failures == 0 and not sub.disabled and sub.last_notified_build is None
    assert sub.created_at.tzinfo is not None


async def test_unsubscribe(store: SubscriptionStore) -> None:
    await store.subscribe(GUILD, 1, USER)
    assert await store.unsubscribe(1) is True
    assert await store.unsubscribe(1) is False
    assert await store.for_guild(GUILD) == []


async def test_for_guild_and_active(store: SubscriptionStore) -> None:
    for channel in (1, 2, 3):
        await store.subscribe(GUILD, channel, USER)
    await store.subscribe(OTHER_GUILD, 4, USER)
    await store.record_failure(2, "Missing Access", disable_after=1)

    in_guild = await store.for_guild(GUILD)
    assert [s.channel_id for s in in_guild] == [1, 2, 3]
    assert [s.disabled for s in in_guild] == [False, True, False]
    assert [s.channel_id for s in await store.active()] == [1, 3, 4]
    assert await store.for_guild(12345) == []


async def test_remove_guild(store: SubscriptionStore) -> None:
    for channel in (1, 2, 3):
        await store.subscribe(GUILD, channel, USER)
    await store.subscribe(OTHER_GUILD, 4, USER)
    assert await store.remove_guild(GUILD) == 3
    assert await store.remove_guild(GUILD) == 0
    assert [s.channel_id for s in await store.active()] == [4]


async def test_large_snowflakes_round_trip(store: SubscriptionStore) -> None:
    channel, guild, user = 1_234_567_890_123_456_789, 987_654_321_098_765_432, 2**63 - 1
    await store.subscribe(guild, channel, user)
    [sub] = await store.for_guild(guild)
    assert (sub.channel_id, sub.guild_id, sub.created_by) == (channel, guild, user)


# --- restarts, WAL ----------------------------------------------------------------------------


async def test_survives_restart(open_store: OpenStore) -> None:
    async with await open_store() as store:
        await store.subscribe(GUILD, 1, USER)
        await store.subscribe(GUILD, 2, USER)
        await store.record_delivery(1, "build-7")
        await store.record_failure(2, "Forbidden", disable_after=1)

    async with await open_store() as store:
        first, second = await store.for_guild(GUILD)
        assert first.last_notified_build == "build-7"
        assert second.disabled and second.last_error == "Forbidden"
        assert not await store.needs(1, "build-7")


async def test_wal_mode_and_schema_version(db_path: Path) -> None:
    async with await SubscriptionStore.open(db_path):
        pass
    assert db_path.parent.is_dir()
    assert pragma(db_path, "journal_mode") == "wal"
    assert pragma(db_path, "user_version") == LATEST


async def test_closed_store_refuses_calls(open_store: OpenStore) -> None:
    store = await open_store()
    await store.close()
    await store.close()
    with pytest.raises(StoreError, match="closed"):
        await store.active()
    with pytest.raises(StoreError, match="closed"):
        await store.subscribe(GUILD, 1, USER)


# --- failures and deliveries ------------------------------------------------------------------


async def test_failures_disable_after_n(store: SubscriptionStore) -> None:
    await store.subscribe(GUILD, 1, USER)
    first = await store.record_failure(1, "timeout", disable_after=3)
    second = await store.record_failure(1, "timeout", disable_after=3)
    assert first is not None and second is not None
    assert (first.failures, second.failures) == (1, 2) and not second.disabled
    third = await store.record_failure(1, "Missing Access", disable_after=3)
    assert third is not None and third.disabled and third.failures == 3
    assert third.last_error == "Missing Access"
    assert await store.active() == []
    assert not await store.needs(1, "build-1")

    later = await store.record_failure(1, "again", disable_after=3)
    assert later is not None and later.disabled_at == third.disabled_at


async def test_resubscribe_reenables(store: SubscriptionStore) -> None:
    await store.subscribe(GUILD, 1, USER)
    await store.record_delivery(1, "build-1")
    await store.record_failure(1, "Forbidden", disable_after=1)

    assert await store.subscribe(GUILD, 1, 77) is True
    [sub] = await store.active()
    assert not sub.disabled and sub.failures == 0 and sub.last_error is None
    assert sub.created_by == 77
    assert sub.last_notified_build == "build-1"
    assert not await store.needs(1, "build-1")


async def test_delivery_resets_failures(store: SubscriptionStore) -> None:
    await store.subscribe(GUILD, 1, USER)
    await store.record_failure(1, "timeout", disable_after=3)
    await store.record_failure(1, "timeout", disable_after=3)
    await store.record_delivery(1, "build-1")
    [sub] = await store.active()
    assert sub.failures == 0 and sub.last_error is None
    after = await store.record_failure(1, "timeout", disable_after=3)
    assert after is not None and after.failures == 1 and not after.disabled


async def test_record_failure_unknown_channel_and_bad_limit(store: SubscriptionStore) -> None:
    assert await store.record_failure(404, "gone", disable_after=3) is None
    with pytest.raises(ValueError):
        await store.record_failure(404, "gone", disable_after=0)


async def test_long_errors_are_cut(store: SubscriptionStore) -> None:
    await store.subscribe(GUILD, 1, USER)
    sub = await store.record_failure(1, "x" * 10_000, disable_after=5)
    assert sub is not None and sub.last_error is not None and len(sub.last_error) <= 500


async def test_needs_and_record_delivery_are_idempotent(store: SubscriptionStore) -> None:
    assert not await store.needs(1, "build-1")  # not subscribed: nothing to post
    await store.subscribe(GUILD, 1, USER)
    assert await store.needs(1, "build-1")
    await store.record_delivery(1, "build-1")
    await store.record_delivery(1, "build-1")
    assert not await store.needs(1, "build-1")
    assert await store.needs(1, "build-2")
    await store.record_delivery(1, "build-2")
    assert not await store.needs(1, "build-2")
    await store.record_delivery(404, "build-2")  # unsubscribed meanwhile: no row appears
    assert [s.channel_id for s in await store.active()] == [1]


async def test_delivery_remembered_across_restart(open_store: OpenStore) -> None:
    async with await open_store() as store:
        await store.subscribe(GUILD, 1, USER)
        await store.subscribe(GUILD, 2, USER)
        await store.record_delivery(1, "build-9")
    async with await open_store() as store:
        pending = [
            s.channel_id for s in await store.active() if await store.needs(s.channel_id, "build-9")
        ]
        assert pending == [2]


# --- concurrency ------------------------------------------------------------------------------


async def test_concurrent_tasks_leave_a_consistent_table(
    store: SubscriptionStore, db_path: Path
) -> None:
    async def churn(channel: int) -> None:
        await store.subscribe(channel % 5, channel, USER)
        if channel % 3 == 0:
            await store.record_failure(channel, "timeout", disable_after=5)
        await store.needs(channel, "b")
        if channel % 2 == 0:
            assert await store.unsubscribe(channel)

    await asyncio.gather(*(churn(channel) for channel in range(200)))

    remaining = await store.active()
    assert sorted(s.channel_id for s in remaining) == list(range(1, 200, 2))
    assert Counter(s.guild_id for s in remaining) == Counter(c % 5 for c in range(1, 200, 2))
    assert all(s.failures == (1 if s.channel_id % 3 == 0 else 0) for s in remaining)
    if store.backend == "sqlite":
        assert pragma(db_path, "integrity_check") == "ok"


async def test_concurrent_subscribes_to_one_channel_count_once(store: SubscriptionStore) -> None:
    results = await asyncio.gather(*(store.subscribe(GUILD, 1, user) for user in range(200)))
    assert results.count(True) == 1
    assert len(await store.for_guild(GUILD)) == 1


async def test_failed_write_rolls_back_and_frees_the_store(store: SubscriptionStore) -> None:
    await store.subscribe(GUILD, 1, USER)
    with pytest.raises(RuntimeError):
        async with store.db.transaction() as queries:
            await queries.execute("DELETE FROM subscriptions")
            raise RuntimeError("boom")
    assert [s.channel_id for s in await store.active()] == [1]
    with pytest.raises(RuntimeError):

        async def delete_then_fail(queries: Queries) -> None:
            await queries.execute("DELETE FROM subscriptions")
            raise RuntimeError("boom")

        await store.db.transact(delete_then_fail)
    assert [s.channel_id for s in await store.active()] == [1]
    assert await store.subscribe(GUILD, 2, USER)


async def test_cancelled_write_leaves_no_open_transaction(store: SubscriptionStore) -> None:
    tasks = [asyncio.create_task(store.subscribe(GUILD, c, USER)) for c in range(50)]
    await asyncio.sleep(0)
    for task in tasks[::2]:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    assert await store.subscribe(GUILD, 1000, USER)
    assert 1000 in {s.channel_id for s in await store.active()}


# --- bad files --------------------------------------------------------------------------------


async def test_garbage_file_is_refused_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = b"this is not a database, just some text\n" * 200
    db_path.write_bytes(garbage)
    with pytest.raises(StoreError) as caught:
        await SubscriptionStore.open(db_path)
    message = str(caught.value)
    assert isinstance(caught.value, TrainedOnError)
    assert "\n" not in message and str(db_path) in message
    assert db_path.read_bytes() == garbage


async def test_truncated_database_is_refused(db_path: Path) -> None:
    async with await SubscriptionStore.open(db_path) as store:
        for channel in range(2000):
            await store.subscribe(channel % 50, channel, USER)
    size = db_path.stat().st_size
    assert size > 8 * 4096
    with db_path.open("r+b") as handle:
        handle.truncate(size // 2)
    with pytest.raises(StoreError) as caught:
        await SubscriptionStore.open(db_path)
    assert "\n" not in str(caught.value) and str(db_path) in str(caught.value)


async def test_unopenable_path_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError):
        await SubscriptionStore.open(blocker / "sub" / "subscriptions.sqlite")


# --- migrations -------------------------------------------------------------------------------


def test_shipped_migrations_are_numbered_from_one() -> None:
    migrations = load_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert "CREATE TABLE subscriptions" in migrations[0].sql


async def test_empty_file_is_migrated_to_latest(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    assert pragma(db_path, "user_version") == 0
    async with await SubscriptionStore.open(db_path) as store:
        assert await store.subscribe(GUILD, 1, USER)
    assert pragma(db_path, "user_version") == LATEST
    with sqlite3.connect(db_path) as conn:
        indexes = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"subscriptions", "subscriptions_guild"} <= indexes


async def test_failed_migration_keeps_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    broken = Migration(2, "broken", "CREATE TABLE watches(x); INSERT INTO missing VALUES (1);")
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        with pytest.raises(sqlite3.OperationalError):
            await migrate(conn, [*load_migrations()[:1], broken])
        assert not conn.in_transaction
    assert pragma(path, "user_version") == 1
    with sqlite3.connect(path) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "subscriptions" in tables and "watches" not in tables


async def test_migrations_apply_in_order_and_only_once(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite"
    steps = [
        *load_migrations()[:1],
        Migration(2, "watches", "CREATE TABLE watches(channel_id INTEGER NOT NULL)"),
    ]
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        assert await migrate(conn, steps[:1]) == 1
        assert await migrate(conn, steps) == 2
        assert await migrate(conn, steps) == 2
    assert pragma(path, "user_version") == 2


async def test_newer_database_is_refused(db_path: Path) -> None:
    async with await SubscriptionStore.open(db_path):
        pass
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    with pytest.raises(StoreError, match="newer"):
        await SubscriptionStore.open(db_path)


# --- a killed process -------------------------------------------------------------------------

WRITER = """
import asyncio, sys
from pathlib import Path
from bot.subscriptions import SubscriptionStore

async def main() -> None:
    store = await SubscriptionStore.open(Path(sys.argv[1]))
    channel = 0
    while True:
        channel += 1
        await store.subscribe(channel % 7, channel, 1)
        await store.record_delivery(channel, f"build-{channel}")
        if channel % 5 == 0:
            await store.unsubscribe(channel)
        print(channel, flush=True)

asyncio.run(main())
"""


async def test_sigkill_mid_writes_keeps_every_acknowledged_write(db_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", WRITER, str(db_path),
        cwd=REPO, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    acknowledged: list[int] = []
    try:
        while len(acknowledged) < 300:
            line = await asyncio.wait_for(proc.stdout.readline(), timeout=30)
            if not line:
                pytest.fail(f"writer died: {(await proc.stderr.read()).decode()}")
            acknowledged.append(int(line))
    finally:
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
    assert proc.returncode == -signal.SIGKILL
    rest = await proc.stdout.read()
    acknowledged += [int(line) for line in rest.splitlines(keepends=True) if line.endswith(b"\n")]

    async with await SubscriptionStore.open(db_path) as store:
        by_channel = {s.channel_id: s for s in await store.active()}
    assert pragma(db_path, "integrity_check") == "ok"
    for channel in acknowledged:
        if channel % 5 == 0:
            assert channel not in by_channel
        else:
            assert by_channel[channel].last_notified_build == f"build-{channel}"
    assert max(by_channel) <= acknowledged[-1] + 1  # at most one write was in flight
