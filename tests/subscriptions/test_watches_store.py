"""Artist watches on both backends: CRUD, failures, restarts; the SQLite V1→V2 migration."""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiosqlite
import pytest

from bot.subscriptions import SubscriptionStore, Watch
from bot.subscriptions.migrate import load_migrations, migrate
from bot.subscriptions.watches import key_link, link_key
from bot.text.links import IdKind, LinkId
from bot.text.normalize import normalize_name

GUILD, OTHER_GUILD, USER = 10, 20, 99
BUILD_1, BUILD_2 = "2026-11-25T10:00:00+00:00", "2026-11-26T10:00:00+00:00"

OpenStore = Callable[[], Awaitable[SubscriptionStore]]  # the `open_store` fixture


async def test_watch_is_new_once_per_channel_and_artist(store: SubscriptionStore) -> None:
    watches = store.watches
    assert await watches.watch(GUILD, 1, "Radiohead", "radiohead", USER) is True
    assert await watches.watch(GUILD, 1, "RADIOHEAD", "radiohead", USER) is False
    assert await watches.watch(GUILD, 2, "Radiohead", "radiohead", USER) is True
    assert await watches.watch(GUILD, 1, "Björk", "bjork", USER) is True
    [first, second] = await watches.for_channel(1)
    assert isinstance(first, Watch)
    assert (first.artist_name, second.artist_name) == ("Björk", "Radiohead")
    assert second.artist_name == "Radiohead"  # the second watch did not rename it
    assert (second.channel_id, second.guild_id, second.created_by) == (1, GUILD, USER)
    assert second.failures == 0 and not second.disabled and second.last_alerted_build is None
    assert second.created_at.tzinfo is not None
    with pytest.raises(ValueError):
        await watches.watch(GUILD, 1, "!!!", "", USER)


async def test_unwatch(store: SubscriptionStore) -> None:
    await store.watches.watch(GUILD, 1, "Radiohead", "radiohead", USER)
    assert await store.watches.unwatch(1, "radiohead") is True
    assert await store.watches.unwatch(1, "radiohead") is False
    assert await store.watches.for_channel(1) == []


async def test_for_guild_watchers_and_watched_norms(store: SubscriptionStore) -> None:
    watches = store.watches
    await watches.watch(GUILD, 2, "Radiohead", "radiohead", USER)
    await watches.watch(GUILD, 1, "Radiohead", "radiohead", USER)
    await watches.watch(GUILD, 1, "TLC", "tlc", USER)
    await watches.watch(OTHER_GUILD, 3, "Björk", "bjork", USER)
    await watches.record_failure((3, "bjork"), "Missing Access", disable_after=1)

    in_guild = await watches.for_guild(GUILD)
    assert [(w.channel_id, w.artist_norm) for w in in_guild] == [
        (1, "radiohead"), (1, "tlc"), (2, "radiohead")]
    assert [w.channel_id for w in await watches.watchers("radiohead")] == [1, 2]
    assert await watches.watchers("bjork") == []  # disabled
    assert await watches.watched_norms() == {"radiohead", "tlc"}
    assert [w.disabled for w in await watches.for_guild(OTHER_GUILD)] == [True]


CHANNEL = LinkId(IdKind.YOUTUBE_CHANNEL, "UC" + "a" * 22)


async def test_an_artist_id_is_watched_under_its_own_key_beside_names(
    store: SubscriptionStore,
) -> None:
    watches = store.watches
    key = link_key(CHANNEL)
    assert key == "youtube_channel:UC" + "a" * 22 and key_link(key) == CHANNEL
    assert normalize_name(key) != key  # no name's key can be an id's
    assert key_link("low") is None and key_link("youtube_video:dQw4w9WgXcQ") is None
    await watches.watch(GUILD, 1, "Low (YouTube Music channel UCaaa…)", key, USER)
    await watches.watch(GUILD, 1, "Low", "low", USER)
    assert await watches.watched_norms() == {"low"}
    assert await watches.watched_links() == {key: CHANNEL}
    by_id = next(w for w in await watches.for_channel(1) if w.link is not None)
    assert by_id.link == CHANNEL and [w.channel_id for w in await watches.watchers(key)] == [1]


async def test_failures_disable_and_watching_again_starts_afresh(store: SubscriptionStore) -> None:
    watches = store.watches
    await watches.watch(GUILD, 1, "Radiohead", "radiohead", USER)
    await watches.record_delivery((1, "radiohead"), BUILD_1)
    first = await watches.record_failure((1, "radiohead"), "404 Unknown Channel", disable_after=2)
    assert first is not None and first.failures == 1 and not first.disabled
    second = await watches.record_failure((1, "radiohead"), "x" * 2000, disable_after=2)
    assert second is not None and second.disabled and len(second.last_error or "") == 500
    assert await watches.needs((1, "radiohead"), BUILD_2) is False
    assert await watches.record_failure((1, "nobody"), "gone", disable_after=2) is None
    with pytest.raises(ValueError):
        await watches.record_failure((1, "radiohead"), "gone", disable_after=0)

    assert await watches.watch(GUILD, 1, "Radiohead", "radiohead", USER) is True
    [again] = await watches.for_channel(1)
    assert not again.disabled and again.failures == 0 and again.last_error is None
    assert again.last_alerted_build == BUILD_1  # an old alert is not repeated


async def test_a_successful_alert_resets_the_failure_count(store: SubscriptionStore) -> None:
    watches = store.watches
    await watches.watch(GUILD, 1, "Radiohead", "radiohead", USER)
    await watches.record_failure((1, "radiohead"), "timed out", disable_after=3)
    await watches.record_delivery((1, "radiohead"), BUILD_1)
    [watch] = await watches.for_channel(1)
    assert watch.failures == 0 and watch.last_error is None


async def test_needs_is_idempotent_across_a_restart(open_store: OpenStore) -> None:
    async with await open_store() as store:
        await store.watches.watch(GUILD, 1, "Radiohead", "radiohead", USER)
        assert await store.watches.needs((1, "radiohead"), BUILD_1) is True
        await store.watches.record_delivery((1, "radiohead"), BUILD_1)
        assert await store.watches.needs((1, "radiohead"), BUILD_1) is False
    async with await open_store() as reopened:
        watches = reopened.watches
        assert await watches.needs((1, "radiohead"), BUILD_1) is False
        assert await watches.needs((1, "radiohead"), BUILD_2) is True
        assert await watches.needs((1, "tlc"), BUILD_2) is False  # not watched
        assert await watches.needs((2, "radiohead"), BUILD_2) is False


async def test_remove_guild_removes_its_watches_too(store: SubscriptionStore) -> None:
    await store.subscribe(GUILD, 1, USER)
    await store.watches.watch(GUILD, 1, "Radiohead", "radiohead", USER)
    await store.watches.watch(GUILD, 2, "TLC", "tlc", USER)
    await store.watches.watch(OTHER_GUILD, 3, "TLC", "tlc", USER)
    assert await store.remove_guild(GUILD) == 1  # the count is of subscriptions, as before
    assert await store.watches.for_guild(GUILD) == []
    assert [w.channel_id for w in await store.watches.watchers("tlc")] == [3]


async def test_remove_channel_forgets_only_that_channel(store: SubscriptionStore) -> None:
    await store.subscribe(GUILD, 1, USER)
    await store.subscribe(GUILD, 2, USER)
    await store.watches.watch(GUILD, 1, "Radiohead", "radiohead", USER)
    await store.watches.watch(GUILD, 1, "TLC", "tlc", USER)
    await store.watches.watch(GUILD, 2, "TLC", "tlc", USER)
    assert await store.remove_channel(1) == (True, 2)
    assert [s.channel_id for s in await store.for_guild(GUILD)] == [2]
    assert [w.channel_id for w in await store.watches.watchers("tlc")] == [2]
    assert await store.remove_channel(1) == (False, 0)


async def test_remove_channel_is_all_or_nothing(
    store: SubscriptionStore, failing_trigger: Callable[[str, str], Awaitable[None]],
) -> None:
    await store.subscribe(GUILD, 1, USER)
    await store.watches.watch(GUILD, 1, "Radiohead", "radiohead", USER)
    await failing_trigger("DELETE", "watches")  # the second delete fails, after the first ran
    with pytest.raises(Exception, match="disk I/O error"):
        await store.remove_channel(1)
    assert [s.channel_id for s in await store.for_guild(GUILD)] == [1]
    assert len(await store.watches.for_channel(1)) == 1


async def test_a_v1_database_keeps_its_subscriptions_when_migrated(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    async with aiosqlite.connect(db_path, isolation_level=None) as conn:
        assert await migrate(conn, load_migrations()[:1]) == 1
        await conn.execute(
            "INSERT INTO subscriptions(channel_id, guild_id, created_by, created_at, failures,"
            " last_notified_build) VALUES (1, ?, ?, '2026-01-01T00:00:00+00:00', 1, ?)",
            (GUILD, USER, BUILD_1),
        )
    with sqlite3.connect(db_path) as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "watches" not in tables

    async with await SubscriptionStore.open(db_path) as store:
        [kept] = await store.for_guild(GUILD)
        assert (kept.channel_id, kept.failures, kept.last_notified_build) == (1, 1, BUILD_1)
        assert await store.needs(1, BUILD_1) is False
        assert await store.watches.watch(GUILD, 1, "Radiohead", "radiohead", USER) is True
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == len(load_migrations())
