"""What only the PostgreSQL store has to get right: restarts, lost commits, many processes.

Real servers throughout: a server of the test's own is crashed and restarted under writes, a
proxy on a real socket cuts a connection at COMMIT, and four processes start at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys

import asyncpg
import pytest
from helpers import REPO
from helpers.postgres import PostgresServer, free_port
from helpers.workspace import Workspace

from bot.config import DATABASE_URL_ENV
from bot.subscriptions import StoreError, SubscriptionStore
from bot.subscriptions.migrate import load_migrations
from bot.subscriptions.postgres_db import affected, numbered

LATEST = load_migrations("postgresql")[-1].version
USER = 99
BUILD = "2026-11-25T10:00:00+00:00"


def test_placeholders_are_numbered_outside_quoted_text() -> None:
    assert numbered("SELECT ? , '?', \"a?\", ? WHERE x = 'it''s?' AND y = ?") == (
        "SELECT $1 , '?', \"a?\", $2 WHERE x = 'it''s?' AND y = $3")
    assert numbered("SELECT 1") == "SELECT 1"
    assert (affected("INSERT 0 3"), affected("UPDATE 0"), affected("CREATE TABLE")) == (3, 0, 0)


# --- a crash and restart under writes ---------------------------------------------------------


async def test_a_restart_mid_writes_loses_nothing_committed_and_repeats_nothing(
    own_postgres: PostgresServer, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.subscriptions")
    store = await SubscriptionStore.open_url(await own_postgres.create_database())
    restarted = asyncio.Event()
    acknowledged = 0
    enough_before = asyncio.Event()

    async def writer(guild: int) -> dict[int, tuple[int, bool] | None]:
        """Each acknowledged step is noted: channel -> (failures, delivered), None if removed."""
        nonlocal acknowledged
        expected: dict[int, tuple[int, bool] | None] = {}
        step = after = 0
        while not (restarted.is_set() and after >= 25):
            step += 1
            channel = guild * 1_000_000 + step
            was_restarted = restarted.is_set()
            assert await store.subscribe(guild, channel, USER)
            if step % 2 == 0:
                await store.record_delivery(channel, BUILD)
            for _ in range(step % 3):  # not idempotent: a repeat would count twice
                await store.record_failure(channel, "timed out", disable_after=10)
            if step % 5 == 0:
                assert await store.unsubscribe(channel)
                expected[channel] = None
            else:
                expected[channel] = (step % 3, step % 2 == 0)
            acknowledged += 1
            if acknowledged >= 40:
                enough_before.set()
            after += was_restarted
        return expected

    async def crash_and_restart() -> None:
        await enough_before.wait()
        await asyncio.to_thread(own_postgres.restart, True)
        restarted.set()

    try:
        *results, _ = await asyncio.gather(*(writer(g) for g in range(1, 5)),
                                           crash_and_restart())
        by_channel = {s.channel_id: s for s in await store.active()}
    finally:
        await store.close()

    expected = {channel: state for result in results for channel, state in result.items()}
    assert len(expected) >= 4 * 25 + 40
    assert {c for c, state in expected.items() if state is not None} == set(by_channel)
    for channel, state in expected.items():
        if state is not None:
            failures, delivered = state
            assert by_channel[channel].failures == failures, channel
            assert by_channel[channel].last_notified_build == (BUILD if delivered else None)
    assert "lost the subscriptions database" in caplog.text  # writes were in flight
    assert "answers again" in caplog.text


async def test_a_call_waits_for_a_stopped_server_to_come_back(
    own_postgres: PostgresServer,
) -> None:
    store = await SubscriptionStore.open_url(await own_postgres.create_database())
    try:
        await asyncio.to_thread(own_postgres.stop, "fast")
        call = asyncio.create_task(store.subscribe(1, 1, USER))
        await asyncio.sleep(0.3)  # not a timing assertion: the call has had time to fail once
        assert not call.done()
        await asyncio.to_thread(own_postgres.start)
        assert await call is True
        assert [s.channel_id for s in await store.active()] == [1]
    finally:
        await store.close()


async def test_a_server_gone_longer_than_the_retry_time_is_a_store_error(
    own_postgres: PostgresServer,
) -> None:
    url = await own_postgres.create_database()
    store = await SubscriptionStore.open_url(url, retry_seconds=0.5)
    try:
        await asyncio.to_thread(own_postgres.stop, "immediate")
        with pytest.raises(StoreError, match="did not answer"):
            await store.subscribe(1, 1, USER)
        with pytest.raises(StoreError, match="did not answer"):
            await store.active()
    finally:
        await store.close()
    with pytest.raises(StoreError, match="closed"):
        await store.active()


# --- a connection cut at COMMIT ---------------------------------------------------------------

COMMIT = b"COMMIT;"


class CommitCutter:
    """A TCP proxy to the server that, once armed, cuts one connection at its COMMIT.

    "answer": the COMMIT reaches the server, which commits, and its answer is dropped.
    "commit": the COMMIT itself is dropped with the connection, so nothing commits.
    """

    def __init__(self, server_port: int) -> None:
        self.server_port = server_port
        self.armed: str | None = None
        self.cuts = 0
        self._server: asyncio.Server | None = None

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        return int(self._server.sockets[0].getsockname()[1])

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()

    async def _relay(self, client_in: asyncio.StreamReader,
                     client_out: asyncio.StreamWriter) -> None:
        server_in, server_out = await asyncio.open_connection("127.0.0.1", self.server_port)
        cut = asyncio.Event()

        async def upstream() -> None:
            while data := await client_in.read(65536):
                if self.armed and COMMIT in data:
                    mode, self.armed = self.armed, None
                    self.cuts += 1
                    cut.set()
                    if mode == "commit":
                        return
                server_out.write(data)
                await server_out.drain()

        async def downstream() -> None:
            while data := await server_in.read(65536):
                if cut.is_set():
                    return  # the answer to COMMIT never reaches the client
                client_out.write(data)
                await client_out.drain()

        tasks = [asyncio.create_task(upstream()), asyncio.create_task(downstream())]
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in tasks:
            task.cancel()
        for writer in (client_out, server_out):
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


@pytest.mark.parametrize("where", ["answer", "commit"])
async def test_a_commit_cut_off_runs_exactly_once(
    postgres_server: PostgresServer, postgres_url: str, where: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot.subscriptions")
    proxy = CommitCutter(postgres_server.port)
    port = await proxy.start()
    url = postgres_url.replace(f":{postgres_server.port}/", f":{port}/")
    store = await SubscriptionStore.open_url(url)
    try:
        await store.subscribe(1, 1, USER)
        proxy.armed = where
        entry = await store.record_failure(1, "timed out", disable_after=5)
        assert proxy.cuts == 1
        assert entry is not None and entry.failures == 1
        [sub] = await store.active()
        assert sub.failures == 1  # committed once: neither lost nor repeated
        ran_again = "did not commit: running it again" in caplog.text
        assert ran_again == (where == "commit")
    finally:
        await store.close()
        await proxy.close()


# --- opening ----------------------------------------------------------------------------------

OPENER = """
import asyncio, logging, sys
from bot.subscriptions import SubscriptionStore

logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")

async def main() -> None:
    print("ready", flush=True)
    sys.stdin.readline()  # all four start opening at once
    store = await SubscriptionStore.open_url(sys.argv[1])
    await store.subscribe(1, int(sys.argv[2]), 1)
    await store.close()

asyncio.run(main())
"""


async def test_four_processes_opening_at_once_migrate_once(postgres_url: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", OPENER, postgres_url, str(channel), cwd=REPO, env=env,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE)
        for channel in range(1, 5)
    ]
    for proc in procs:
        assert proc.stdout is not None
        assert await proc.stdout.readline() == b"ready\n"
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write(b"go\n")
    outputs = [await proc.communicate() for proc in procs]
    logs = [err.decode() for _, err in outputs]
    assert [proc.returncode for proc in procs] == [0, 0, 0, 0], logs

    migrated = [log.count("migrating subscriptions database to v") for log in logs]
    assert sorted(migrated) == [0, 0, 0, LATEST]
    conn = await asyncpg.connect(postgres_url)
    try:
        assert await conn.fetchval("SELECT count(*) FROM schema_version") == LATEST
        assert await conn.fetchval("SELECT count(*) FROM subscriptions") == 4
    finally:
        await conn.close()


async def test_a_second_open_finds_nothing_to_migrate(
    postgres_url: str, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot.subscriptions")
    async with await SubscriptionStore.open_url(postgres_url) as store:
        assert (store.backend, store.database_url, store.path) == (
            "postgresql", postgres_url, None)
    assert caplog.text.count("migrating") == LATEST
    caplog.clear()
    async with await SubscriptionStore.open_url(postgres_url):
        pass
    assert "migrating" not in caplog.text


async def test_a_newer_database_is_refused(postgres_url: str) -> None:
    async with await SubscriptionStore.open_url(postgres_url):
        pass
    conn = await asyncpg.connect(postgres_url)
    try:
        await conn.execute("INSERT INTO schema_version(version, name) VALUES ($1, 'future')",
                           LATEST + 1)
    finally:
        await conn.close()
    with pytest.raises(StoreError, match="newer"):
        await SubscriptionStore.open_url(postgres_url)


async def test_a_missing_database_is_refused_at_once_without_the_password(
    postgres_server: PostgresServer,
) -> None:
    url = postgres_server.url("no_such_database").replace("trainedon@", "trainedon:s3cret@")
    with pytest.raises(StoreError) as caught:
        await SubscriptionStore.open_url(url)  # the default 30 s of retries would time the test
    message = str(caught.value)
    assert "no_such_database" in message and "s3cret" not in message and "***" in message
    assert "\n" not in message


async def test_no_server_at_all_is_a_store_error_after_the_retry_time() -> None:
    url = f"postgresql://trainedon:s3cret@127.0.0.1:{free_port()}/postgres"
    with pytest.raises(StoreError) as caught:
        await SubscriptionStore.open_url(url, retry_seconds=0.3)
    assert "did not answer" in str(caught.value) and "s3cret" not in str(caught.value)


async def test_connect_takes_the_database_the_config_names(
    workspace: Workspace, postgres_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    config = workspace.config()
    async with await SubscriptionStore.connect(config) as store:
        assert (store.backend, store.path, store.database_url) == (
            "sqlite", config.subscriptions_path, None)
        await store.subscribe(1, 1, USER)
    monkeypatch.setenv(DATABASE_URL_ENV, postgres_url)
    async with await SubscriptionStore.connect(config) as store:
        assert (store.backend, store.path, store.database_url) == (
            "postgresql", None, postgres_url)
        assert await store.active() == []  # a database of its own, not the SQLite file
