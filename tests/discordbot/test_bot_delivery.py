"""Update posts to subscribed channels: failures counted, broken channels disabled, no channel
delaying another, nothing posted twice."""

from __future__ import annotations

import asyncio

from discord_double import embed_of
from helpers.bot_world import GENERAL, GUILD_ID, UPDATES, world
from helpers.workspace import Workspace

from bot.index.report import BuildReport, DatasetChange


def report(built_at: str) -> BuildReport:
    return BuildReport(
        built_at=built_at, seconds=1.0, tracks=3, artists=2, titles=3, datasets=[],
        changes=[DatasetChange("gamma", "Gamma Set", "added", 0, 3, 0, 2)],
    )


async def test_a_deleted_channel_is_disabled_and_the_others_still_get_posts(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, bot, people, _):
        assert bot.store is not None and bot.notifier is not None
        await bot.store.subscribe(GUILD_ID, GENERAL, people.mod.user_id)
        await bot.store.subscribe(GUILD_ID, UPDATES, people.mod.user_id)
        double.fail(r"POST /channels/\d+/messages", 404, channel_id=GENERAL, times=10)

        first = await bot.notifier.announce(report("2026-11-25T10:00:00+00:00"))
        assert first.delivered == [UPDATES] and GENERAL in first.failed
        assert "not found" in first.failed[GENERAL]
        assert len(await double.channel_messages(UPDATES)) == 1
        assert [s.channel_id for s in await bot.store.active()] == [GENERAL, UPDATES]

        second = await bot.notifier.announce(report("2026-11-25T11:00:00+00:00"))
        assert second.disabled == [GENERAL]  # disable_after_failures: 2
        assert [s.channel_id for s in await bot.store.active()] == [UPDATES]
        third = await bot.notifier.announce(report("2026-11-25T12:00:00+00:00"))
        assert third.delivered == [UPDATES] and not third.failed
        assert len(await double.channel_messages(UPDATES, min_count=3)) == 3


async def test_the_same_build_is_never_posted_twice(workspace: Workspace) -> None:
    async with world(workspace) as (double, bot, people, _):
        assert bot.store is not None and bot.notifier is not None
        await bot.store.subscribe(GUILD_ID, UPDATES, people.mod.user_id)
        same = report("2026-11-25T10:00:00+00:00")
        assert (await bot.notifier.announce(same)).delivered == [UPDATES]
        assert (await bot.notifier.announce(same)).skipped == [UPDATES]
        posts = await double.channel_messages(UPDATES)
        assert len(posts) == 1 and embed_of(posts[0])["title"] == "Dataset update"


async def test_a_slow_channel_does_not_hold_up_the_others(workspace: Workspace) -> None:
    async with world(workspace) as (double, bot, people, _):
        assert bot.store is not None and bot.notifier is not None
        await bot.store.subscribe(GUILD_ID, GENERAL, people.mod.user_id)
        await bot.store.subscribe(GUILD_ID, UPDATES, people.mod.user_id)
        double.fail(r"POST /channels/\d+/messages", None, channel_id=GENERAL, delay=2)
        announcing = asyncio.create_task(bot.notifier.announce(report("2026-11-25T10:00:00Z")))
        fast = await double.channel_messages(UPDATES, timeout=1.5)
        assert len(fast) == 1
        assert not announcing.done()  # the slow channel is still being posted to
        delivery = await announcing
        assert sorted(delivery.delivered) == [GENERAL, UPDATES]


async def test_transient_errors_are_retried(workspace: Workspace) -> None:
    async with world(workspace) as (double, bot, people, _):
        assert bot.store is not None and bot.notifier is not None
        await bot.store.subscribe(GUILD_ID, UPDATES, people.mod.user_id)
        double.fail(r"POST /channels/\d+/messages", 429, channel_id=UPDATES, times=2,
                    retry_after=0.05)
        delivery = await bot.notifier.announce(report("2026-11-25T10:00:00+00:00"))
        assert delivery.delivered == [UPDATES]
        assert len(await double.channel_messages(UPDATES)) == 1
