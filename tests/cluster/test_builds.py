"""Build announcements and the post sender's wake-up call, between processes.

Each "process" is a store and its own notifications, as a bot process has them. A test that
shows NOTIFY at work turns the periodic recheck off (an hour), so only the notification, or the
reconnect catch-up, can deliver.
"""

from __future__ import annotations

import asyncio
import logging
import uuid

import asyncpg

from bot.cluster.builds import Builds
from bot.cluster.notifications import LocalNotifications, PostgresNotifications
from bot.subscriptions import SubscriptionStore

log = logging.getLogger(__name__)

HOUR = 3600.0
FAST = 0.2


async def process(store: SubscriptionStore, closing, recheck: float = HOUR,
                  url: str | None = None) -> tuple[Builds, PostgresNotifications | None]:
    """The builds of one process over `store`, its notifications started."""
    notifications: LocalNotifications | PostgresNotifications
    if store.database_url is not None:
        notifications = PostgresNotifications(url or store.database_url, recheck_seconds=recheck,
                                              retry_seconds=FAST)
    else:
        notifications = LocalNotifications(recheck_seconds=recheck)
    builds = Builds(store.db, notifications)
    await notifications.start()
    await builds.start()
    closing(notifications)
    return builds, notifications if isinstance(notifications, PostgresNotifications) else None


async def test_a_build_is_recorded_once_and_the_latest_is_the_last_announced(open_store, closing):
    builds, _ = await process(await open_store(), closing)
    assert await builds.latest() is None
    assert await builds.publish("2026-05-01T10:00:00.000+00:00", "a" * 64, "host-1:10:aa")
    assert not await builds.publish("2026-05-01T10:00:00.000+00:00", "a" * 64, "host-1:10:aa")
    assert await builds.publish("2026-05-02T10:00:00.000+00:00", "b" * 64, "host-2:20:bb")

    latest = await builds.latest()
    assert latest is not None
    assert (latest.build_id, latest.fingerprint, latest.built_by) == (
        "2026-05-02T10:00:00.000+00:00", "b" * 64, "host-2:20:bb")
    first = await builds.get("2026-05-01T10:00:00.000+00:00")
    assert first is not None and first < latest
    assert await builds.get("never") is None


async def test_news_starts_after_the_build_that_was_latest_at_start(open_store, closing,
                                                                     eventually):
    store = await open_store()
    announcer, _ = await process(store, closing)
    await announcer.publish("b1", "f1", "me")
    builds, _ = await process(store, closing, recheck=FAST)
    heard: list[tuple[str, str]] = []
    builds.listen(lambda build_id, fingerprint: heard.append((build_id, fingerprint)))
    await asyncio.sleep(3 * FAST)  # rechecks find nothing new
    assert heard == []

    await builds.publish("b2", "f2", "me")  # this process's own announcement reaches it too
    await eventually(lambda: heard == [("b2", "f2")])


async def test_another_process_hears_an_announcement_by_notify(postgres_url, closing,
                                                               eventually):
    announcer, _ = await process(closing(await SubscriptionStore.open_url(postgres_url)), closing)
    listener, _ = await process(closing(await SubscriptionStore.open_url(postgres_url)), closing)
    heard: list[tuple[str, str]] = []
    listener.listen(lambda *build: heard.append(build))

    await announcer.publish("b1", "f1", "announcer")
    await eventually(lambda: heard == [("b1", "f1")])


async def test_in_sqlite_another_process_hears_of_a_build_on_the_next_recheck(
    tmp_path, closing, eventually,
):
    # Two processes on one SQLite file is a mistake, but even then they end on one build.
    path = tmp_path / "subscriptions.sqlite"
    announcer, _ = await process(closing(await SubscriptionStore.open(path)), closing)
    listener, _ = await process(closing(await SubscriptionStore.open(path)), closing,
                                recheck=FAST)
    heard: list[str] = []
    listener.listen(lambda build_id, fingerprint: heard.append(build_id))
    await announcer.publish("b1", "f1", "announcer")
    await eventually(lambda: heard == ["b1"])


async def test_builds_announced_while_a_listener_was_away_are_caught_up_on_reconnect(
    postgres_url, closing, eventually,
):
    # The listener logs in as a role of its own, so it alone can be kept out for a while.
    role = f"listener_{uuid.uuid4().hex[:8]}"
    await admin(postgres_url, f"CREATE ROLE {role} LOGIN")
    try:
        await catch_up_after_reconnect(postgres_url, role, closing, eventually)
    finally:
        await admin(postgres_url, f"ALTER ROLE {role} LOGIN",
                    f"SELECT pg_terminate_backend(pid, 30000) FROM pg_stat_activity"
                    f" WHERE usename = '{role}'", f"DROP ROLE {role}")


async def catch_up_after_reconnect(url, role, closing, eventually):
    announcer, _ = await process(closing(await SubscriptionStore.open_url(url)), closing)
    listener, news = await process(closing(await SubscriptionStore.open_url(url)), closing,
                                   url=url.replace("trainedon@", f"{role}@"))
    assert news is not None and news.connected
    heard: list[str] = []
    listener.listen(lambda build_id, fingerprint: heard.append(build_id))

    await admin(url, f"ALTER ROLE {role} NOLOGIN",
                f"SELECT pg_terminate_backend(pid, 30000) FROM pg_stat_activity"
                f" WHERE usename = '{role}'")
    await eventually(lambda: not news.connected)
    await announcer.publish("b1", "f1", "announcer")
    await announcer.publish("b2", "f2", "announcer")
    await asyncio.sleep(5 * FAST)  # its attempts to reconnect fail meanwhile
    assert heard == [] and news.reconnects == 0
    await admin(url, f"ALTER ROLE {role} LOGIN")

    took = await eventually(lambda: bool(heard))
    log.info("caught up %.2f s after the listener could log in again", took)
    assert heard == ["b2"]  # the newest: the one worth serving
    assert news.reconnects == 1

    await announcer.publish("b3", "f3", "announcer")  # and it listens again
    await eventually(lambda: heard == ["b2", "b3"])


async def admin(url: str, *statements: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        for statement in statements:
            await conn.execute(statement)
    finally:
        await conn.close()


async def test_a_listener_hears_again_after_a_postgresql_restart(own_postgres, closing,
                                                                eventually):
    url = await own_postgres.create_database()
    announcer, _ = await process(closing(await SubscriptionStore.open_url(url)), closing)
    listener, news = await process(closing(await SubscriptionStore.open_url(url)), closing)
    heard: list[str] = []
    listener.listen(lambda build_id, fingerprint: heard.append(build_id))

    await asyncio.to_thread(own_postgres.restart, True)
    await eventually(lambda: news is not None and news.reconnects == 1 and news.connected)
    await announcer.publish("b1", "f1", "announcer")
    await eventually(lambda: heard == ["b1"])


async def test_the_wake_up_call_reaches_every_process(postgres_url, closing, eventually):
    stores = [closing(await SubscriptionStore.open_url(postgres_url)) for _ in range(3)]
    processes = [(await process(store, closing))[0] for store in stores]
    woken = [0, 0, 0]
    for number, builds in enumerate(processes):
        builds.on_posts(lambda number=number: woken.__setitem__(number, woken[number] + 1))

    await processes[0].wake_sender()
    await eventually(lambda: all(woken))


async def test_in_one_process_the_wake_up_call_reaches_itself(tmp_path, closing, eventually):
    builds, _ = await process(closing(await SubscriptionStore.open(tmp_path / "s.sqlite")),
                              closing)
    woken: list[None] = []
    builds.on_posts(lambda: woken.append(None))
    await builds.wake_sender()
    await eventually(lambda: woken == [None])


async def test_wake_up_calls_made_while_the_sender_is_busy_wake_it_once(tmp_path, closing,
                                                                         eventually):
    builds, _ = await process(closing(await SubscriptionStore.open(tmp_path / "s.sqlite")),
                              closing)
    woken: list[None] = []
    builds.on_posts(lambda: woken.append(None))
    await asyncio.gather(*(builds.wake_sender() for _ in range(50)))
    await eventually(lambda: bool(woken))
    await asyncio.sleep(0.5)
    assert woken == [None]


async def test_a_failing_callback_does_not_stop_the_others(open_store, closing, eventually):
    builds, _ = await process(await open_store(), closing)
    heard: list[str] = []

    def broken(build_id: str, fingerprint: str) -> None:
        raise RuntimeError("a bug in one listener")

    builds.listen(broken)
    builds.listen(lambda build_id, fingerprint: heard.append(build_id))
    await builds.publish("b1", "f1", "me")
    await eventually(lambda: heard == ["b1"])
