"""Discord failing in every way it can, through the real client and the local double.

Update posts and artist alerts under 429s, 5xx, slow and lost answers; the gateway dropping
(resumable or not); channels deleted, permissions lost and servers left. Each case is a row of
docs/RELIABILITY.md.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from discord_double import (
    ChannelSpec,
    DiscordDouble,
    GuildSpec,
    RecordedRequest,
    embed_of,
    is_deferred,
)
from discord_double.specs import channel_payload
from helpers.bot_world import GENERAL, GUILD_ID, UPDATES, People, bot_on, guild, seed, world
from helpers.workspace import Workspace

from bot.discordbot.client import TrainedOnBot
from bot.discordbot.outbox import ATTEMPTS
from bot.index.changes import ArtistArrival
from bot.index.report import BuildReport, DatasetChange
from bot.index.samples import Sample

EXTRA = 555_555_555_555_555_555
FOURTH = 666_666_666_666_666_666
OTHER_GUILD = 777_777_777_777_777_777
OTHER_CHANNEL = 888_888_888_888_888_888
BUILD = "2026-11-25T10:00:00+00:00"
NEXT_BUILD = "2026-11-26T10:00:00+00:00"
POSTS = r"POST /channels/\d+/messages"
DISCORD_RETRIES = 5  # discord.py's own tries per request on 429 and 5xx


def report(built_at: str = BUILD) -> BuildReport:
    return BuildReport(
        built_at=built_at, seconds=1.0, tracks=3, artists=2, titles=3, datasets=[],
        changes=[DatasetChange("gamma", "Gamma Set", "added", 0, 3, 0, 2)],
    )


def arrival(norm: str, name: str) -> ArtistArrival:
    sample = Sample("New Song", (name,), "gamma", "https://example.org/new/0", "n0", False)
    return ArtistArrival(norm, name, "gamma", "Gamma Set", 1, (sample,))


def posts_to(double: DiscordDouble, channel_id: int) -> list[RecordedRequest]:
    """Every POST /channels/{id}/messages the bot sent, answered or not."""
    return [r for r in double.requests if r.route == f"POST /channels/{channel_id}/messages"]


def stored(double: DiscordDouble, channel_id: int) -> list[dict[str, Any]]:
    """The messages that exist in the channel (what its members see)."""
    return [double.messages.by_id[i] for i in double.messages.channel_posts.get(channel_id, [])]


def first_success(double: DiscordDouble, channel_id: int) -> RecordedRequest:
    return next(r for r in posts_to(double, channel_id) if r.status == 200 and not r.dropped)


async def eventually(probe: Callable[[], Awaitable[bool] | bool], what: str,
                     timeout: float = 5) -> None:
    """Poll the bot's state (a store, a cache) until `probe` holds."""
    for _ in range(int(timeout / 0.02)):
        result = probe()
        if await result if inspect.isawaitable(result) else result:
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def quick(bot: TrainedOnBot) -> None:
    """Short attempt timeouts and backoffs, so that giving up takes a fraction of a second."""
    assert bot.sender is not None
    bot.sender.attempt_timeout = 0.5
    bot.sender.first_backoff = 0.01


async def subscribe(bot: TrainedOnBot, people: People, *channels: int) -> None:
    """The moderator subscribes each channel to the update posts."""
    assert bot.store is not None and bot.notifier is not None
    for channel in channels:
        await bot.store.subscribe(GUILD_ID, channel, people.mod.user_id)


def add_channels(server: GuildSpec, *ids: int) -> None:
    for channel_id in ids:
        server.channels.append(ChannelSpec(channel_id, f"channel-{channel_id % 1000}"))


async def lookup_answered(double: DiscordDouble, people: People, guild_id: int = GUILD_ID,
                          channel_id: int = GENERAL) -> None:
    """The bot still answers: a lookup gets its result."""
    it = await double.slash("lookup", "artist", {"name": "radiohead"}, user=people.bob,
                            guild_id=guild_id, channel_id=channel_id)
    assert embed_of((await it.followups())[0])["title"] == "Artist: Radiohead"


# -- update posts and artist alerts under transient faults ------------------------------------


async def test_a_rate_limited_channel_waits_its_retry_after_without_delaying_others(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, bot, people, _):
        await subscribe(bot, people, GENERAL, UPDATES)
        double.fail(POSTS, 429, channel_id=GENERAL, retry_after=0.5)

        delivery = await bot.notifier.announce(report())

        assert sorted(delivery.delivered) == [GENERAL, UPDATES] and not delivery.failed
        limited, retried = posts_to(double, GENERAL)
        assert (limited.status, retried.status) == (429, 200)
        assert retried.time - limited.time >= 0.45  # Retry-After was honoured
        assert first_success(double, UPDATES).time < retried.time  # UPDATES did not wait
        assert len(stored(double, GENERAL)) == len(stored(double, UPDATES)) == 1


async def test_a_channel_that_stays_rate_limited_is_given_up_within_limits(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, bot, people, _):
        bot.sender.first_backoff = 0.01  # (the attempt time limit stays long: not cut short)
        await subscribe(bot, people, GENERAL, UPDATES)
        double.fail(POSTS, 429, channel_id=GENERAL, retry_after=0.01, times=1000)

        delivery = await bot.notifier.announce(report())

        assert delivery.delivered == [UPDATES]
        assert delivery.failed == {GENERAL: "Discord answered 429"}
        assert len(posts_to(double, GENERAL)) == ATTEMPTS * DISCORD_RETRIES  # then it stops
        assert stored(double, GENERAL) == []
        [general] = [s for s in await bot.store.for_guild(GUILD_ID) if s.channel_id == GENERAL]
        assert general.failures == 1 and not general.disabled  # one bad build is not the end


async def test_500_and_502_are_retried_and_each_channel_gets_one_post(
    workspace: Workspace,
) -> None:
    """The slow one (discord.py waits 1 s before retrying a 5xx)."""
    async with world(workspace) as (double, bot, people, server):
        add_channels(server, EXTRA, FOURTH)
        channels = (GENERAL, UPDATES, EXTRA, FOURTH)
        await subscribe(bot, people, *channels)
        double.fail(POSTS, 500, channel_id=GENERAL)
        double.fail(POSTS, 502, channel_id=UPDATES)
        # Discord stored the message, then its edge answered 502: the retry must not repost.
        double.fail(POSTS, 502, channel_id=EXTRA, handled=True)

        delivery = await bot.notifier.announce(report())

        assert sorted(delivery.delivered) == sorted(channels) and not delivery.failed
        for channel in channels:
            assert len(stored(double, channel)) == 1, channel
        healthy = first_success(double, FOURTH).time
        for channel in (GENERAL, UPDATES, EXTRA):
            failed, retried = posts_to(double, channel)
            assert failed.status >= 500 and retried.status == 200
            assert healthy < retried.time  # the healthy channel did not wait for the others
            assert failed.json["nonce"] == retried.json["nonce"]
            assert retried.json["enforce_nonce"] is True


async def test_a_post_whose_answer_is_slow_is_retried_once_and_not_duplicated(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, bot, people, _):
        quick(bot)
        await subscribe(bot, people, GENERAL, UPDATES)
        # Stored at once, answered only after the bot has stopped waiting (0.5 s).
        double.fail(POSTS, None, channel_id=GENERAL, handled=True, delay=3)

        delivery = await bot.notifier.announce(report())

        assert sorted(delivery.delivered) == [GENERAL, UPDATES] and not delivery.failed
        timed_out, retried = posts_to(double, GENERAL)
        assert timed_out.json["nonce"] == retried.json["nonce"]
        assert len(stored(double, GENERAL)) == 1  # the retry got the stored message back
        assert len(stored(double, UPDATES)) == 1


async def test_a_post_whose_answer_is_lost_is_retried_once_and_not_duplicated(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, bot, people, _):
        quick(bot)
        await subscribe(bot, people, GENERAL, UPDATES)
        double.fail(POSTS, None, channel_id=GENERAL, handled=True, disconnect=True)

        delivery = await bot.notifier.announce(report())

        assert sorted(delivery.delivered) == [GENERAL, UPDATES] and not delivery.failed
        lost, retried = posts_to(double, GENERAL)
        assert lost.dropped and not retried.dropped
        assert len(stored(double, GENERAL)) == len(stored(double, UPDATES)) == 1


async def test_a_channel_that_never_answers_is_given_up_without_holding_up_others(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, bot, people, server):
        quick(bot)
        add_channels(server, EXTRA)
        await subscribe(bot, people, GENERAL, UPDATES, EXTRA)
        double.fail(POSTS, None, channel_id=GENERAL, delay=30, times=100)  # hangs
        double.fail(POSTS, 500, channel_id=EXTRA, times=100)  # always a server error

        announcing = asyncio.create_task(bot.notifier.announce(report()))
        assert len(await double.channel_messages(UPDATES)) == 1
        assert not announcing.done()  # the broken channels are still being tried
        delivery = await announcing

        assert delivery.delivered == [UPDATES]
        assert delivery.failed == {GENERAL: "timed out", EXTRA: "timed out"}
        assert len(posts_to(double, GENERAL)) == ATTEMPTS
        assert len(posts_to(double, EXTRA)) == ATTEMPTS  # each attempt cut at its time limit
        assert stored(double, GENERAL) == stored(double, EXTRA) == []


async def test_artist_alerts_survive_the_same_faults_and_are_never_doubled(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, bot, people, _):
        assert bot.store is not None and bot.watch_notifier is not None
        quick(bot)
        watches = bot.store.watches
        for norm, name in (("radiohead", "Radiohead"), ("tlc", "TLC")):
            await watches.watch(GUILD_ID, UPDATES, name, norm, people.mod.user_id)
        await watches.watch(GUILD_ID, GENERAL, "Radiohead", "radiohead", people.mod.user_id)
        arrivals = [arrival("radiohead", "Radiohead"), arrival("tlc", "TLC")]
        double.fail(POSTS, 429, channel_id=UPDATES, retry_after=0.05)
        double.fail(POSTS, None, channel_id=UPDATES, handled=True, disconnect=True)
        double.fail(POSTS, 403, channel_id=GENERAL, times=100, code=50013,
                    message="Missing Permissions")

        first = await bot.watch_notifier.announce(BUILD, arrivals)
        assert sorted(first.delivered) == [(UPDATES, "radiohead"), (UPDATES, "tlc")]
        assert first.failed == {(GENERAL, "radiohead"):
                                "no access to the channel (missing permission?)"}
        titles = [embed_of(m)["title"] for m in stored(double, UPDATES)]
        assert sorted(titles) == ["New in the datasets: Radiohead", "New in the datasets: TLC"]

        # The same build again: what was delivered is skipped, what failed is tried again.
        again = await bot.watch_notifier.announce(BUILD, arrivals)
        assert sorted(again.skipped) == [(UPDATES, "radiohead"), (UPDATES, "tlc")]
        assert again.disabled == [(GENERAL, "radiohead")]  # disable_after_failures: 2
        [general] = await watches.for_channel(GENERAL)
        assert general.disabled and general.failures == 2
        second = await bot.watch_notifier.announce(NEXT_BUILD, arrivals)
        assert len(second.delivered) == 2 and not second.failed
        assert len(stored(double, UPDATES)) == 4 and stored(double, GENERAL) == []
        assert len(posts_to(double, GENERAL)) == 2  # a disabled watch is not tried


# -- the gateway --------------------------------------------------------------------------------


async def test_a_gateway_drop_mid_interaction_is_resumed_and_nothing_is_lost(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, _, people, _):
        double.fail(r"POST /webhooks/", None, delay=0.3)  # the answer is still on its way
        asked = await double.slash("lookup", "artist", {"name": "radiohed"}, user=people.alice,
                                   guild_id=GUILD_ID, channel_id=GENERAL)
        assert is_deferred(await asked.response())
        await double.drop_gateway(None)  # an abrupt drop (1006), mid-interaction
        # Sent while the bot is disconnected: Discord replays it on RESUME.
        meanwhile = await double.slash("lookup", "song", {"title": "creep"}, user=people.bob,
                                       guild_id=GUILD_ID, channel_id=GENERAL)
        assert embed_of((await asked.followups())[0])["title"] == "Artist: Radiohead"
        await double.wait_for_resume()
        assert embed_of((await meanwhile.followups())[0])["title"].startswith("Song: Creep")

        await double.drop_gateway(4000)  # a clean close asking to reconnect
        await double.wait_for_resume(count=2)
        await lookup_answered(double, people)
        assert (double.gateway.identify_count, double.gateway.resume_count) == (1, 2)


async def test_a_session_that_cannot_resume_identifies_again_and_keeps_answering(
    workspace: Workspace,
) -> None:
    async with world(workspace, identify_spacing=0.3) as (double, bot, people, _):
        await double.drop_gateway(resumable=False)
        await double.wait_for_identify(count=2)
        first, second = double.gateway.identify_times
        assert second - first >= 0.25  # Discord's IDENTIFY spacing is kept
        assert any(f["op"] == 6 for f in double.gateway.received)  # it tried to resume first
        # The identify spacing is the bot's (0.3 s here), not discord.py's flat 5 s, or the
        # wait above would have timed out.
        await eventually(lambda: bot.get_guild(GUILD_ID) is not None, "the guild back in cache")
        await lookup_answered(double, people)
        assert double.gateway.resume_count == 0


# -- channels deleted, permissions lost, servers left -------------------------------------------


async def test_a_deleted_channel_loses_its_subscription_and_watches_at_once(
    workspace: Workspace, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    async with world(workspace) as (double, bot, people, server):
        await subscribe(bot, people, GENERAL, UPDATES)
        watches = bot.store.watches
        for channel in (GENERAL, UPDATES):
            await watches.watch(GUILD_ID, channel, "Radiohead", "radiohead", people.mod.user_id)
        await watches.watch(GUILD_ID, GENERAL, "TLC", "tlc", people.mod.user_id)
        spec = server.channel(GENERAL)
        assert spec is not None
        server.channels.remove(spec)
        await double.dispatch("CHANNEL_DELETE", channel_payload(GUILD_ID, spec))

        async def forgotten() -> bool:
            assert bot.store is not None
            return [s.channel_id for s in await bot.store.for_guild(GUILD_ID)] == [UPDATES]

        await eventually(forgotten, "the deleted channel's subscription to go")
        await eventually(lambda: _empty(watches.for_channel(GENERAL)), "its watches to go")
        assert [w.artist_norm for w in await watches.for_channel(UPDATES)] == ["radiohead"]
        assert f"channel {GENERAL} of server {GUILD_ID} was deleted" in caplog.text
        assert "2 watches removed" in caplog.text

        delivery = await bot.notifier.announce(report())
        assert delivery.delivered == [UPDATES] and not delivery.failed
        assert posts_to(double, GENERAL) == []  # nothing is even tried
        await lookup_answered(double, people, channel_id=UPDATES)


async def test_a_deleted_thread_loses_its_subscription_and_watches_at_once(
    workspace: Workspace, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    thread = 7_000_000_000_000_000_123
    async with world(workspace) as (double, bot, people, _server):
        assert bot.store is not None
        await subscribe(bot, people, thread, UPDATES)
        await bot.store.watches.watch(GUILD_ID, thread, "TLC", "tlc", people.mod.user_id)
        await double.dispatch("THREAD_DELETE", {"id": str(thread), "guild_id": str(GUILD_ID),
                                                "parent_id": str(UPDATES), "type": 11})

        async def forgotten() -> bool:
            assert bot.store is not None
            return [s.channel_id for s in await bot.store.for_guild(GUILD_ID)] == [UPDATES]

        await eventually(forgotten, "the deleted thread's subscription to go")
        assert await bot.store.watches.for_channel(thread) == []
        assert f"thread {thread} of server {GUILD_ID} was deleted" in caplog.text
        await lookup_answered(double, people, channel_id=UPDATES)


async def _empty(rows: Awaitable[list[Any]]) -> bool:
    return not await rows


@pytest.mark.parametrize(("code", "message"), [(50001, "Missing Access"),
                                               (50013, "Missing Permissions")])
async def test_a_channel_the_bot_lost_access_to_is_disabled_after_repeated_failures(
    workspace: Workspace, caplog: pytest.LogCaptureFixture, code: int, message: str,
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    async with world(workspace) as (double, bot, people, _):
        await subscribe(bot, people, GENERAL, UPDATES)
        double.fail(POSTS, 403, channel_id=GENERAL, times=100, code=code, message=message)

        first = await bot.notifier.announce(report())
        assert first.failed == {GENERAL: "no access to the channel (missing permission?)"}
        assert len(posts_to(double, GENERAL)) == 1  # a 403 is not retried
        second = await bot.notifier.announce(report(NEXT_BUILD))
        assert second.disabled == [GENERAL] and second.delivered == [UPDATES]
        assert f"channel {GENERAL} disabled after 2 failed posts" in caplog.text

        listed = await double.slash("subscriptions", user=people.mod, guild_id=GUILD_ID,
                                    channel_id=UPDATES)
        text = embed_of((await listed.response())["data"])["description"]
        assert f"<#{GENERAL}> — disabled after 2 failures (no access" in text
        third = await bot.notifier.announce(report("2026-11-27T10:00:00+00:00"))
        assert third.delivered == [UPDATES] and not third.failed  # not tried any more
        assert len(posts_to(double, GENERAL)) == 2
        await lookup_answered(double, people)


@asynccontextmanager
async def two_servers(workspace: Workspace) -> AsyncIterator[
    tuple[DiscordDouble, TrainedOnBot, People]
]:
    people = People()
    other = GuildSpec(OTHER_GUILD, "Elsewhere", owner_id=people.owner.user_id,
                      channels=[ChannelSpec(OTHER_CHANNEL, "news")], members=people.all())
    async with DiscordDouble([guild(people), other], owner_id=people.owner.user_id) as double:
        seed(workspace, double.api_url)
        workspace.build()
        async with bot_on(double, workspace) as bot:
            await double.wait_for_commands()
            yield double, bot, people


async def test_leaving_a_server_forgets_it_and_only_it(
    workspace: Workspace, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    async with two_servers(workspace) as (double, bot, people):
        store = bot.store
        assert store is not None and bot.notifier is not None
        for guild_id, channel in ((GUILD_ID, UPDATES), (OTHER_GUILD, OTHER_CHANNEL)):
            await store.subscribe(guild_id, channel, people.mod.user_id)
            await store.watches.watch(guild_id, channel, "TLC", "tlc", people.mod.user_id)

        # An outage is not a removal: the server comes back, with its subscriptions.
        await double.dispatch("GUILD_DELETE", {"id": str(OTHER_GUILD), "unavailable": True})
        await double.dispatch("GUILD_DELETE", {"id": str(GUILD_ID)})
        await eventually(lambda: _empty(store.for_guild(GUILD_ID)), "the server to be forgotten")

        assert await store.watches.for_guild(GUILD_ID) == []
        assert [s.channel_id for s in await store.for_guild(OTHER_GUILD)] == [OTHER_CHANNEL]
        assert [w.channel_id for w in await store.watches.for_guild(OTHER_GUILD)] == [
            OTHER_CHANNEL]
        assert "removed 1 subscriptions and 1 watches of guild" in caplog.text
        assert f"left server {GUILD_ID}" in caplog.text
        assert f"left server {OTHER_GUILD}" not in caplog.text

        delivery = await bot.notifier.announce(report())
        assert delivery.delivered == [OTHER_CHANNEL]
        assert posts_to(double, UPDATES) == []
        await lookup_answered(double, people, OTHER_GUILD, OTHER_CHANNEL)
