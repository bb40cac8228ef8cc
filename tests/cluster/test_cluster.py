"""The cluster as the bot opens it, over either store: one leader, the process list, builds."""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

import pytest

from bot.cluster import Cluster, FileLeader, PostgresLeader, Timings, cluster_for, open_cluster
from bot.errors import StoreError
from bot.subscriptions import SubscriptionStore

log = logging.getLogger(__name__)

FAST = Timings(poll_seconds=0.2, heartbeat_seconds=0.2, recheck_seconds=0.5)

RUN = """
import asyncio, sys
from pathlib import Path
from bot.cluster import Timings, cluster_for
from bot.subscriptions import SubscriptionStore

async def main():
    where = sys.argv[1]
    if where.startswith("postgresql://"):
        store = await SubscriptionStore.open_url(where)
    else:
        store = await SubscriptionStore.open(Path(where))
    cluster = cluster_for(store, [0, 1], 4, timings=Timings(0.2, 0.2, 0.5))
    await cluster.start()
    print(cluster.process_id, flush=True)
    print("leader" if cluster.leader.is_leader else "follower", flush=True)
    await asyncio.sleep(3600)

asyncio.run(main())
"""


async def started(store: SubscriptionStore, closing, shard_ids=None, shard_count=None) -> Cluster:
    return closing(await open_cluster(store, shard_ids, shard_count, timings=FAST))


async def test_the_store_decides_how_the_leader_is_elected(backend, where, open_store, closing):
    cluster = await started(await open_store(), closing)
    if backend == "sqlite":
        assert isinstance(cluster.leader, FileLeader)
        assert cluster.leader.path == Path(where + ".leader")
    else:
        assert isinstance(cluster.leader, PostgresLeader)
    assert cluster.backend == backend
    assert cluster.leader.is_leader
    assert await cluster.current_leader() == cluster.process_id


async def test_two_processes_elect_one_leader_and_list_each_other(open_store, closing):
    first = await started(await open_store(), closing, [0, 1], 4)
    second = await started(await open_store(), closing, [2, 3], 4)
    assert [first.leader.is_leader, second.leader.is_leader] == [True, False]
    listed = {row.process_id: row.shard_ids for row in await second.members.alive()}
    assert listed == {first.process_id: (0, 1), second.process_id: (2, 3)}


async def test_leader_changes_are_told_from_the_first_election_on(open_store, eventually):
    first = cluster_for(await open_store(), timings=FAST)
    second = cluster_for(await open_store(), timings=FAST)
    told: list[tuple[str, bool]] = []
    first.leader.on_change(lambda leading: told.append(("first", leading)))
    second.leader.on_change(lambda leading: told.append(("second", leading)))
    await first.start()
    try:
        await second.start()
        try:
            await first.close()
            await eventually(lambda: told[-1:] == [("second", True)])
        finally:
            await second.close()
    finally:
        await first.close()
    assert told == [("first", True), ("first", False), ("second", True), ("second", False)]


async def test_a_cleanly_closed_process_hands_over_and_leaves_the_list(open_store, closing):
    first = cluster_for(await open_store(), timings=FAST)
    await first.start()
    second = await started(await open_store(), closing)
    await first.close()
    assert await second.leader.wait_until_leader(60)
    assert [row.process_id for row in await second.members.known()] == [second.process_id]


async def test_the_leader_process_killed_the_other_leads(where, open_store, closing, child,
                                                         eventually):
    leader = await child(RUN, where)
    leader_id = await leader.line()
    assert await leader.line() == "leader"
    follower = await started(await open_store(), closing)
    assert not follower.leader.is_leader
    assert await follower.current_leader() == leader_id

    killed = time.monotonic()
    leader.kill()
    assert await follower.leader.wait_until_leader(60)
    log.info("takeover after kill -9 of the leader process: %.2f s", time.monotonic() - killed)
    # The dead one drops out of the living, and stays on the list to be seen as gone.
    await eventually(lambda: _alive(follower, within=1.0, expect=[follower.process_id]))
    assert leader_id in [row.process_id for row in await follower.members.known()]


async def _alive(cluster: Cluster, within: float, expect: list[str]) -> bool:
    return [row.process_id for row in await cluster.members.alive(within)] == expect


async def test_a_published_build_reaches_every_process(open_store, closing, eventually):
    clusters = [await started(await open_store(), closing) for _ in range(3)]
    heard: dict[int, list[str]] = {n: [] for n in range(3)}
    for number, cluster in enumerate(clusters):
        cluster.builds.listen(
            lambda build_id, fingerprint, number=number: heard[number].append(build_id))

    await clusters[1].builds.publish("b1", "f1", clusters[1].process_id)
    await eventually(lambda: all(ids == ["b1"] for ids in heard.values()))


async def test_a_start_that_fails_closes_what_it_started(tmp_path, closing):
    store = await SubscriptionStore.open(tmp_path / "subscriptions.sqlite")
    cluster = cluster_for(store, timings=FAST)
    await store.close()  # the process list cannot be written
    with pytest.raises(StoreError):
        await cluster.start()
    names = {task.get_name() for task in asyncio.all_tasks()}
    assert not {name for name in names if name.startswith("notifications-")}
    # Nothing holds the leader's lock.
    other = closing(FileLeader(tmp_path / "subscriptions.sqlite.leader", process_id="other"))
    await other.start()
    assert other.is_leader


async def test_an_unreachable_postgresql_fails_the_start_with_a_clear_error(postgres_url,
                                                                            closing):
    store = closing(await SubscriptionStore.open_url(postgres_url))
    store.database_url = postgres_url.rsplit("/", 1)[0] + "/no_such_database"
    cluster = cluster_for(store, timings=FAST)
    with pytest.raises(StoreError, match="cannot listen for cluster news"):
        await cluster.start()
