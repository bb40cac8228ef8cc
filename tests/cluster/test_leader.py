"""Leader election: PostgreSQL's advisory lock across processes, a file lock for one machine.

Takeover waits are generous (the outcome is asserted, not the speed); the measured takeover
time is logged.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import time
from pathlib import Path

import asyncpg
import pytest
from helpers.postgres import PostgresServer, free_port

from bot.cluster import connection
from bot.cluster.leader import LEADER_LOCK_KEY, FileLeader, PostgresLeader, current_leader
from bot.errors import StoreError

log = logging.getLogger(__name__)

POLL = 0.2  # tests poll faster than the default second, to run quicker
TAKEOVER = 60.0  # generous: the assertion is that it happens, the log says how fast

HOLD_POSTGRES = """
import asyncio, sys
from bot.cluster.leader import PostgresLeader

async def main():
    leader = PostgresLeader(sys.argv[1], process_id=sys.argv[2], poll_seconds=0.2)
    await leader.start()
    print("leader" if leader.is_leader else "follower", flush=True)
    await asyncio.sleep(3600)

asyncio.run(main())
"""

HOLD_FILE = HOLD_POSTGRES.replace("PostgresLeader", "FileLeader").replace(
    "(sys.argv[1],", "(__import__('pathlib').Path(sys.argv[1]),"
)
_ids = itertools.count(1)


def next_id() -> str:
    return f"test-host:{os.getpid()}:{next(_ids)}"


def elector(url: str) -> PostgresLeader:
    return PostgresLeader(url, process_id=next_id(), poll_seconds=POLL)


async def started(leader):
    await leader.start()
    return leader


async def lock_holder(url: str) -> int | None:
    """The server pid of the session holding the leader lock, as PostgreSQL sees it."""
    conn = await asyncpg.connect(url)
    try:
        return await conn.fetchval(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
            " AND ((classid::bigint << 32) | objid::bigint) = $1",
            LEADER_LOCK_KEY,
        )
    finally:
        await conn.close()


async def terminate(url: str, pid: int) -> None:
    """End a session, waiting (up to 30 s) until its server process is gone."""
    conn = await asyncpg.connect(url)
    try:
        assert await conn.fetchval("SELECT pg_terminate_backend($1, 30000)", pid)
    finally:
        await conn.close()


async def wait_until(condition, timeout: float = TAKEOVER) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        await asyncio.sleep(0.05)


async def test_of_two_electors_exactly_one_leads_and_holds_the_lock(postgres_url, closing):
    first = closing(await started(elector(postgres_url)))
    second = closing(await started(elector(postgres_url)))
    assert first.is_leader
    assert not second.is_leader
    assert await lock_holder(postgres_url) == first.backend_pid
    assert not await second.wait_until_leader(3 * POLL)  # it keeps trying, and keeps failing


async def test_the_second_leads_once_the_first_ones_session_is_killed(postgres_url, closing):
    first = closing(await started(elector(postgres_url)))
    second = closing(await started(elector(postgres_url)))
    changes: list[bool] = []
    first.on_change(changes.append)
    assert first.is_leader and first.backend_pid is not None

    killed = time.monotonic()
    await terminate(postgres_url, first.backend_pid)
    assert await second.wait_until_leader(TAKEOVER)
    log.info("takeover after pg_terminate_backend: %.2f s", time.monotonic() - killed)

    await wait_until(lambda: changes == [False])  # the first stepped down by itself
    assert await lock_holder(postgres_url) == second.backend_pid
    # It comes back as a follower, not a second leader.
    await wait_until(lambda: first.backend_pid is not None)
    assert not await first.wait_until_leader(3 * POLL)


async def test_the_second_leads_once_the_leader_process_is_killed(postgres_url, closing, child):
    holder = await child(HOLD_POSTGRES, postgres_url, "holder:1:aa")
    assert await holder.line() == "leader"
    second = closing(await started(elector(postgres_url)))
    assert not second.is_leader
    assert await current_leader(postgres_url) == "holder:1:aa"

    killed = time.monotonic()
    holder.kill()
    assert await second.wait_until_leader(TAKEOVER)
    log.info("takeover after kill -9 of the leader process: %.2f s", time.monotonic() - killed)
    assert await lock_holder(postgres_url) == second.backend_pid


async def test_closing_the_leader_hands_over_at_once(postgres_url, closing):
    first = await started(elector(postgres_url))
    second = closing(await started(elector(postgres_url)))
    changes: list[bool] = []
    first.on_change(changes.append)
    await first.close()
    assert changes == [False]
    assert not first.is_leader
    assert await second.wait_until_leader(TAKEOVER)


async def test_after_a_server_restart_exactly_one_leads_again(own_postgres: PostgresServer,
                                                              closing):
    url = await own_postgres.create_database()
    electors = [closing(await started(elector(url)))
                for _ in range(3)]
    assert [e.is_leader for e in electors] == [True, False, False]

    await asyncio.to_thread(own_postgres.restart, True)
    # Every elector is back on a session of the new server, and one of them won.
    await wait_until(lambda: all(e.backend_pid is not None for e in electors)
                     and any(e.is_leader for e in electors))
    await asyncio.sleep(3 * POLL)  # a few more rounds of trying: nobody else may win
    leaders = [e for e in electors if e.is_leader]
    assert len(leaders) == 1
    assert await lock_holder(url) == leaders[0].backend_pid


async def test_a_server_that_cannot_be_reached_fails_the_start_without_the_password():
    url = f"postgresql://trainedon:s3cret@127.0.0.1:{free_port()}/postgres"
    with pytest.raises(StoreError) as raised:
        await PostgresLeader(url, process_id="p").start()
    assert "s3cret" not in str(raised.value)
    assert "leader election" in str(raised.value)


async def test_one_file_lock_elects_one_of_two(tmp_path: Path, closing):
    lock = tmp_path / "subscriptions.sqlite.leader"
    first = closing(await started(FileLeader(lock, process_id=next_id(), poll_seconds=POLL)))
    second = closing(await started(FileLeader(lock, process_id=next_id(), poll_seconds=POLL)))
    assert first.is_leader
    assert not second.is_leader
    await first.close()
    assert await second.wait_until_leader(TAKEOVER)


async def test_a_killed_process_frees_the_file_lock(tmp_path: Path, closing, child):
    lock = tmp_path / "subscriptions.sqlite.leader"
    holder = await child(HOLD_FILE, str(lock), "holder:1:aa")
    assert await holder.line() == "leader"
    second = closing(await started(FileLeader(lock, process_id=next_id(), poll_seconds=POLL)))
    assert not second.is_leader
    assert await second.current_leader() == "holder:1:aa"

    killed = time.monotonic()
    holder.kill()
    assert await second.wait_until_leader(TAKEOVER)
    log.info("file lock takeover after kill -9: %.2f s", time.monotonic() - killed)


async def test_any_process_can_ask_who_leads(postgres_url, closing):
    assert await current_leader(postgres_url) is None
    first = closing(await started(PostgresLeader(postgres_url, process_id="host-a:11:aa",
                                                 poll_seconds=POLL)))
    second = closing(await started(PostgresLeader(postgres_url, process_id="host-b:22:bb",
                                                  poll_seconds=POLL)))
    assert await second.current_leader() == "host-a:11:aa"
    await first.close()
    assert await second.wait_until_leader(TAKEOVER)
    assert await first.current_leader() == "host-b:22:bb"


async def test_a_leader_with_a_long_host_name_is_named_whole(postgres_url, closing):
    from bot.subscriptions import SubscriptionStore

    store = closing(await SubscriptionStore.open_url(postgres_url))  # the process list's table
    long_id = "build-worker-" + "x" * 60 + ".example.internal:4242:abcdef"
    await store.db.execute(
        "INSERT INTO processes(process_id, host, pid, shard_ids, started_at, seen_at)"
        " VALUES (?, 'h', 4242, '', 'now', 'now')", (long_id,))
    closing(await started(PostgresLeader(postgres_url, process_id=long_id, poll_seconds=POLL)))
    assert await current_leader(postgres_url) == long_id


async def test_nobody_leads_a_file_lock_that_nobody_holds(tmp_path: Path, closing):
    lock = tmp_path / "subscriptions.sqlite.leader"
    first = await started(FileLeader(lock, process_id="one", poll_seconds=POLL))
    second = closing(await started(FileLeader(lock, process_id="two", poll_seconds=POLL)))
    assert await second.current_leader() == "one"
    await first.close()
    assert await second.current_leader() in (None, "two")  # it may have taken over already
    assert await second.wait_until_leader(TAKEOVER)
    assert await second.current_leader() == "two"


class FreezableLink:
    """A TCP relay to the server that can freeze: nothing passes, yet no socket closes.

    That is what a network partition looks like from both ends, until TCP gives up.
    """

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.flowing = asyncio.Event()
        self.flowing.set()
        self.writers: list[asyncio.StreamWriter] = []
        self.pumps: list[asyncio.Task] = []
        self.server: asyncio.Server | None = None

    async def start(self) -> int:
        self.server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        return self.server.sockets[0].getsockname()[1]

    async def _relay(self, client_reader, client_writer) -> None:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1",
                                                                     self.target_port)
        self.writers += [client_writer, server_writer]
        pumps = [asyncio.create_task(self._pump(client_reader, server_writer)),
                 asyncio.create_task(self._pump(server_reader, client_writer))]
        self.pumps += pumps
        await asyncio.gather(*pumps, return_exceptions=True)

    async def _pump(self, reader, writer) -> None:
        while True:
            data = await reader.read(65536)
            await self.flowing.wait()  # frozen: held back, even the end of the stream
            if not data:
                writer.close()
                return
            writer.write(data)
            await writer.drain()

    def freeze(self) -> None:
        self.flowing.clear()

    async def cut(self) -> None:
        """The link is gone for good: every socket closes (the server ends the sessions)."""
        assert self.server is not None
        self.server.close()
        for pump in self.pumps:
            pump.cancel()
        await asyncio.gather(*self.pumps, return_exceptions=True)
        for writer in self.writers:
            writer.transport.abort()


async def test_a_leader_cut_off_from_the_server_steps_down_by_itself(postgres_url, closing):
    link = FreezableLink(int(postgres_url.split(":")[-1].split("/")[0]))
    port = await link.start()
    via_link = postgres_url.replace(postgres_url.split("@")[1].split("/")[0],
                                    f"127.0.0.1:{port}")
    first = closing(await started(PostgresLeader(via_link, process_id="cut-off:1:aa",
                                                 poll_seconds=POLL, check_timeout=1.0)))
    changes: list[bool] = []
    first.on_change(changes.append)
    assert first.is_leader

    frozen = time.monotonic()
    link.freeze()
    await wait_until(lambda: changes == [False])
    log.info("a leader cut off from the server stepped down after %.2f s",
             time.monotonic() - frozen)
    # Its session lives on at the server, holding the lock: nobody else leads meanwhile, so
    # there are never two leaders. (In production the server's keepalive probes end it.)
    second = closing(await started(elector(postgres_url)))
    assert await current_leader(postgres_url) == "cut-off:1:aa"
    assert not await second.wait_until_leader(3 * POLL)

    await link.cut()
    assert await second.wait_until_leader(TAKEOVER)


async def test_coordination_sessions_ask_the_server_to_probe_a_silent_client_within_seconds(
    postgres_url,
):
    conn = await connection.connect(postgres_url, "test")
    try:
        assert await conn.fetchval("SHOW tcp_keepalives_idle") == "5"
        assert await conn.fetchval("SHOW tcp_keepalives_interval") == "2"
        assert await conn.fetchval("SHOW tcp_keepalives_count") == "3"
        assert await conn.fetchval("SHOW application_name") == "trainedon-test"
    finally:
        await conn.close()
