"""The process list on both backends: each process's row, its heartbeat, what others read."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.cluster.members import Members

log = logging.getLogger(__name__)

BEAT = 0.1

JOIN = """
import asyncio, sys
from pathlib import Path
from bot.cluster import Members
from bot.subscriptions import SubscriptionStore

async def main():
    where = sys.argv[1]
    if where.startswith("postgresql://"):
        store = await SubscriptionStore.open_url(where)
    else:
        store = await SubscriptionStore.open(Path(where))
    members = Members(store.db, shard_ids=[2, 3], shard_count=4, heartbeat_seconds=0.1)
    await members.start()
    print(members.process_id, flush=True)
    await asyncio.sleep(3600)

asyncio.run(main())
"""


async def joined(store, closing, **kwargs) -> Members:
    members = Members(store.db, heartbeat_seconds=BEAT, **kwargs)
    await members.start()
    return closing(members)


async def test_a_started_process_is_listed_with_its_shards_as_starting(open_store, closing):
    members = await joined(await open_store(), closing, shard_ids=[1, 0], shard_count=4)
    [me] = await members.alive()
    assert me.process_id == members.process_id
    assert me.shard_ids == (0, 1)
    assert me.shard_count == 4
    assert me.state == "starting"
    assert me.build_id is None
    assert me.silent_seconds < 60


async def test_every_shard_is_shown_as_none(open_store, closing):
    members = await joined(await open_store(), closing)
    [me] = await members.alive()
    assert me.shard_ids is None
    assert me.shard_count is None


async def test_serving_and_building_states_are_seen_by_another_process(open_store, closing):
    first = await joined(await open_store(), closing)
    second = await joined(await open_store(), closing)

    await first.set_serving("2026-05-01T10:00:00.000+00:00", "f" * 64)
    await second.set_state("building", "a new index from 3 changed datasets")
    rows = {row.process_id: row for row in await second.alive()}
    assert rows[first.process_id].state == "serving"
    assert rows[first.process_id].build_id == "2026-05-01T10:00:00.000+00:00"
    assert rows[first.process_id].fingerprint == "f" * 64
    assert rows[second.process_id].state == "building"
    assert rows[second.process_id].reason == "a new index from 3 changed datasets"

    await second.set_state("failed", "the disk is full")
    rows = {row.process_id: row for row in await first.alive()}
    assert (rows[second.process_id].state, rows[second.process_id].reason) == (
        "failed", "the disk is full")


async def test_a_state_set_after_closing_does_not_bring_the_row_back(open_store, closing):
    store = await open_store()
    watcher = await joined(store, closing)
    leaving = Members(store.db, heartbeat_seconds=BEAT)
    await leaving.start()
    await leaving.close()
    await leaving.set_serving("b1", "f1")  # a task that was still finishing
    assert [row.process_id for row in await watcher.known()] == [watcher.process_id]


async def test_a_state_that_does_not_exist_is_refused(open_store, closing):
    members = await joined(await open_store(), closing)
    with pytest.raises(ValueError, match="unknown process state 'sleeping'"):
        await members.set_state("sleeping")


async def test_a_closed_process_leaves_the_list(open_store, closing):
    staying = await joined(await open_store(), closing)
    leaving = Members((await open_store()).db, heartbeat_seconds=BEAT)
    await leaving.start()
    assert len(await staying.alive()) == 2
    await leaving.close()
    assert [row.process_id for row in await staying.known()] == [staying.process_id]


async def test_the_heartbeat_keeps_the_row_fresh_and_writes_it_again_if_deleted(
    open_store, closing, eventually,
):
    store = await open_store()
    members = await joined(store, closing)
    [first] = await members.known()

    async def beat_seen() -> bool:
        rows = await members.known()
        return bool(rows) and rows[0].seen_at > first.seen_at

    await eventually(beat_seen)
    await store.db.execute("DELETE FROM processes")
    await eventually(lambda: _listed(members))


async def _listed(members: Members) -> bool:
    return [row.process_id for row in await members.known()] == [members.process_id]


async def test_a_killed_process_stops_counting_as_alive_but_stays_known(
    where, open_store, closing, child, eventually,
):
    watcher = await joined(await open_store(), closing)
    other = await child(JOIN, where)
    other_id = await other.line()
    rows = {row.process_id: row for row in await watcher.alive()}
    assert rows[other_id].shard_ids == (2, 3)
    assert rows[other_id].pid == other.process.pid

    other.kill()
    await other.process.wait()
    took = await eventually(lambda: _alive_without(watcher, other_id))
    log.info("a killed process dropped out of alive(within 1 s) after %.2f s", took)
    known = {row.process_id: row for row in await watcher.known()}
    assert known[other_id].silent_seconds > 1.0


async def _alive_without(members: Members, process_id: str) -> bool:
    alive = [row.process_id for row in await members.alive(within_seconds=1.0)]
    return process_id not in alive and members.process_id in alive


async def test_processes_silent_for_over_a_day_are_forgotten_by_the_next_to_start(
    open_store, closing,
):
    store = await open_store()
    await store.db.execute(
        "INSERT INTO processes(process_id, host, pid, shard_ids, started_at, seen_at)"
        " VALUES ('old:1:abc', 'old', 1, '', '2020-01-01T00:00:00+00:00',"
        " '2020-01-01T00:00:00+00:00')"
    )
    members = await joined(store, closing)
    assert [row.process_id for row in await members.known()] == [members.process_id]


async def test_the_heartbeat_carries_on_after_a_postgresql_restart(own_postgres, closing,
                                                                   eventually):
    from bot.subscriptions import SubscriptionStore

    url = await own_postgres.create_database()
    store = closing(await SubscriptionStore.open_url(url))
    members = await joined(store, closing)
    await members.set_serving("b1", "f1")

    await asyncio.to_thread(own_postgres.restart, True)
    [before] = await members.known()

    async def beating_again() -> bool:
        rows = await members.known()
        return bool(rows) and rows[0].seen_at > before.seen_at

    await eventually(beating_again)
    [row] = await members.alive()
    assert (row.state, row.build_id) == ("serving", "b1")
