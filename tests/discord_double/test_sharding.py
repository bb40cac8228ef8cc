"""The double's sharded gateway against the real discord.py AutoShardedBot over real sockets."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import discord
import pytest
from discord.ext import commands

from discord_double import (
    DiscordDouble,
    GuildSpec,
    SentInteraction,
    bot_running,
    is_answer,
    make_member,
    shard_of,
    snowflake,
    snowflake_on_shard,
    spread_guilds,
    spread_snowflakes,
)
from discord_double.shards import INVALID_SHARD, SHARDING_REQUIRED, RefusedIdentify, refusal

alice = make_member("alice")


class ShardBot(commands.AutoShardedBot):
    """A sharded bot whose one command answers with the bot's label, so a test sees who
    answered; it notes every interaction and gateway event type it received.
    """

    def __init__(
        self, label: str, *, shard_ids: list[int] | None = None, shard_count: int | None = None
    ) -> None:
        intents = discord.Intents.default()
        intents.members = intents.presences = intents.message_content = False
        sharding: dict[str, Any] = {"shard_count": shard_count}
        if shard_ids is not None:  # (discord.py's annotation does not admit None)
            sharding["shard_ids"] = shard_ids
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            help_command=None,
            guild_ready_timeout=0.05,
            enable_debug_events=True,  # for on_socket_event_type
            **sharding,
        )
        self.label = label
        self.interaction_ids: list[int] = []
        self.event_types: list[str] = []

    async def setup_hook(self) -> None:
        @self.tree.command(name="where", description="Which bot answered")
        async def where(interaction: discord.Interaction) -> None:
            self.interaction_ids.append(interaction.id)
            await interaction.response.send_message(self.label)

        await self.tree.sync()

    async def on_socket_event_type(self, event_type: str) -> None:
        self.event_types.append(event_type)

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """discord.py sleeps 5 s before each non-first shard's IDENTIFY; the double needs not."""


@asynccontextmanager
async def bots_running(
    double: DiscordDouble, *bots: discord.Client, timeout: float = 10
) -> AsyncIterator[None]:
    """Several bots on one double at once, each started only after the previous is ready."""
    async with AsyncExitStack() as stack:
        for bot in bots:
            await stack.enter_async_context(bot_running(double, bot, timeout=timeout))
        yield


async def marker_seen(double: DiscordDouble, bot: ShardBot, shard_id: int) -> None:
    """Send an unknown event on `shard_id` and wait until `bot` has read it: anything the
    double had sent that shard before has then been read too (one socket keeps order).
    """
    seen = asyncio.create_task(
        bot.wait_for("socket_event_type", check=lambda t: t == "DOUBLE_MARKER", timeout=5)
    )
    await asyncio.sleep(0)  # let the waiter register before the event can arrive
    await double.dispatch("DOUBLE_MARKER", {}, shard_id=shard_id)
    await seen


def on_shard(guilds: Iterable[GuildSpec], shard_id: int, shard_count: int) -> set[int]:
    return {g.id for g in guilds if shard_of(g.id, shard_count) == shard_id}


# -- ids that spread over shards ---------------------------------------------------------------


def test_spread_snowflakes_cover_every_shard_evenly_and_are_real_past_ids() -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    ids = spread_snowflakes(1000)
    after = datetime.now(UTC)
    assert len(set(ids)) == 1000 and not set(ids) & {snowflake() for _ in range(100)}
    for shard_count in range(1, 17):
        counts = [0] * shard_count
        for guild_id in ids:
            counts[shard_of(guild_id, shard_count)] += 1
        assert max(counts) - min(counts) <= 1, (shard_count, counts)
    times = [discord.utils.snowflake_time(i) for i in ids]
    assert all(before - timedelta(seconds=2) <= t <= after for t in times)
    # Made in one burst, plain snowflakes share a millisecond, and so a shard.
    burst = [snowflake() for _ in range(50)]
    assert len({shard_of(i, 8) for i in burst}) < 8


def test_snowflake_on_shard_and_spread_guilds() -> None:
    for shard_id in range(8):
        guild_id = snowflake_on_shard(shard_id, 8)
        assert shard_of(guild_id, 8) == shard_id
        assert discord.utils.snowflake_time(guild_id) <= datetime.now(UTC)
    with pytest.raises(ValueError):
        snowflake_on_shard(8, 8)
    guilds = spread_guilds(16, members=[alice])
    assert [len(on_shard(guilds, s, 4)) for s in range(4)] == [4, 4, 4, 4]
    assert all(len(g.channels) == 1 and g.members == [alice] for g in guilds)


def test_identify_shard_field_is_checked_like_discord() -> None:
    assert refusal(None, 1) is None and refusal([0, 1], 1) is None
    assert refusal([1, 2], 2) is None
    assert refusal(None, 2) == SHARDING_REQUIRED and refusal([0, 1], 4) == SHARDING_REQUIRED
    assert refusal([0, 3], 2) == INVALID_SHARD and refusal([2, 2], 2) == INVALID_SHARD
    assert refusal([-1, 2], 2) == INVALID_SHARD and refusal("x", 2) == INVALID_SHARD


async def test_gateway_bot_advises_shards_and_concurrency() -> None:
    async with DiscordDouble(shard_count=4, max_concurrency=2) as double:
        headers = {"Authorization": f"Bot {double.token}"}
        async with (
            aiohttp.ClientSession(headers=headers) as session,
            session.get(double.api_url + "/gateway/bot") as answer,
        ):
            body = await answer.json()
        assert body["shards"] == 4 and body["url"] == double.gateway_url
        assert body["session_start_limit"]["max_concurrency"] == 2


# -- two processes' worth of clients, one shard each ---------------------------------------------


async def test_two_clients_get_only_their_own_guilds_and_interactions() -> None:
    guilds = spread_guilds(6, members=[alice])
    mine = {s: on_shard(guilds, s, 2) for s in (0, 1)}
    assert len(mine[0]) == len(mine[1]) == 3
    async with DiscordDouble(guilds=guilds, shard_count=2) as double:
        first = ShardBot("first", shard_ids=[0], shard_count=2)
        second = ShardBot("second", shard_ids=[1], shard_count=2)
        async with bots_running(double, first, second):
            await double.wait_for_shards([0, 1])
            assert {g.id for g in first.guilds} == mine[0]
            assert {g.id for g in second.guilds} == mine[1]
            for shard_id in (0, 1):
                session = double.gateway.shards[shard_id].session
                assert session is not None and session.shard_id == shard_id
                ready = session.sent[0]
                assert ready["t"] == "READY" and ready["d"]["shard"] == [shard_id, 2]
                assert {int(g["id"]) for g in ready["d"]["guilds"]} == mine[shard_id]
                created = {int(f["d"]["id"]) for f in session.sent if f["t"] == "GUILD_CREATE"}
                assert created == mine[shard_id]

            sent = [await double.slash("where", user=alice, guild_id=g.id) for g in guilds]
            dm = await double.slash("where", user=alice)  # no guild: shard 0, like Discord
            await double.wait_for_answers([*sent, dm])
            for it in sent:
                owner = double.shard_of(int(it.payload["guild_id"]))
                assert it.shard_id == owner
                assert (await it.response())["data"]["content"] == ["first", "second"][owner]
                assert it.answered_once
            assert dm.shard_id == 0 and (await dm.response())["data"]["content"] == "first"
            by_shard = {s: {it.id for it in sent if it.shard_id == s} for s in (0, 1)}
            assert set(first.interaction_ids) == by_shard[0] | {dm.id}
            assert set(second.interaction_ids) == by_shard[1]


async def test_guild_and_channel_deletes_go_to_the_owning_shard_only() -> None:
    guilds = spread_guilds(4)
    async with DiscordDouble(guilds=guilds, shard_count=2) as double:
        first = ShardBot("first", shard_ids=[0], shard_count=2)
        second = ShardBot("second", shard_ids=[1], shard_count=2)
        async with bots_running(double, first, second):
            gone = next(g for g in guilds if double.shard_of(g.id) == 1)
            removed = asyncio.create_task(second.wait_for("guild_remove", timeout=5))
            await asyncio.sleep(0)
            await double.dispatch("GUILD_DELETE", {"id": str(gone.id), "unavailable": False})
            assert (await removed).id == gone.id and second.get_guild(gone.id) is None

            kept = next(g for g in guilds if double.shard_of(g.id) == 0)
            channel = kept.channels[0]
            deleted = asyncio.create_task(first.wait_for("guild_channel_delete", timeout=5))
            await asyncio.sleep(0)
            data = {"id": str(channel.id), "type": 0, "guild_id": str(kept.id), "name": "general"}
            await double.dispatch("CHANNEL_DELETE", data)
            assert (await deleted).id == channel.id
            guild = first.get_guild(kept.id)
            assert guild is not None and guild.get_channel(channel.id) is None

            # Each bot read everything sent before a marker on its own socket: neither got
            # the other's delete.
            await marker_seen(double, first, 0)
            await marker_seen(double, second, 1)
            assert "GUILD_DELETE" not in first.event_types
            assert "CHANNEL_DELETE" not in second.event_types


async def test_wrong_shard_count_is_refused_with_4010() -> None:
    async with DiscordDouble(guilds=spread_guilds(2), shard_count=2) as double:
        bot = ShardBot("wrong", shard_ids=[0], shard_count=3)
        with pytest.raises(discord.ConnectionClosed) as closed:
            async with bot_running(double, bot):
                pass
        assert closed.value.code == INVALID_SHARD
        assert double.gateway.refused == [RefusedIdentify([0, 3], INVALID_SHARD)]
        assert double.gateway.identify_count == 0 and not double.gateway.shards[0].live


async def test_an_unsharded_client_is_told_sharding_is_required() -> None:
    async with DiscordDouble(guilds=spread_guilds(2), shard_count=2) as double:
        intents = discord.Intents.default()
        intents.members = intents.presences = intents.message_content = False
        bot = commands.Bot(command_prefix="!", intents=intents, guild_ready_timeout=0.05)
        with pytest.raises(discord.ConnectionClosed) as closed:
            async with bot_running(double, bot):
                pass
        assert closed.value.code == SHARDING_REQUIRED
        assert [r.code for r in double.gateway.refused] == [SHARDING_REQUIRED]


# -- one client with every shard: per-shard RESUME, re-IDENTIFY and replacement ------------------


async def test_resume_and_reidentify_are_per_shard() -> None:
    guilds = spread_guilds(4, members=[alice])
    async with DiscordDouble(guilds=guilds, shard_count=2, max_concurrency=2) as double:
        bot = ShardBot("all")  # asks GET /gateway/bot for the shard count
        async with bot_running(double, bot):
            await double.wait_for_shards()
            assert bot.shard_count == 2 and {g.id for g in bot.guilds} == {g.id for g in guilds}
            shards = double.gateway.shards
            on_one = next(g for g in guilds if double.shard_of(g.id) == 1)

            await double.drop_gateway(None, shard_id=1)  # abrupt; sent meanwhile is replayed
            it = await double.slash("where", user=alice, guild_id=on_one.id)
            assert is_answer(await it.response()) and it.shard_id == 1
            await double.wait_for_resume()
            assert (shards[0].resume_count, shards[1].resume_count) == (0, 1)
            assert (shards[0].identify_count, shards[1].identify_count) == (1, 1)

            await double.drop_gateway(shard_id=1, resumable=False)
            await double.wait_for_identify(count=3)
            await double.wait_for_shards([0, 1])
            assert (shards[0].identify_count, shards[1].identify_count) == (1, 2)
            assert len(double.gateway.identify_times) == 3 and len(shards[1].identify_times) == 2
            again = await double.slash("where", user=alice, guild_id=on_one.id)
            assert (await again.response())["data"]["content"] == "all"


async def test_a_second_identify_for_a_shard_takes_it_over() -> None:
    guilds = spread_guilds(4, members=[alice])
    on_one = next(g for g in guilds if shard_of(g.id, 2) == 1)
    async with DiscordDouble(guilds=guilds, shard_count=2) as double:
        old = ShardBot("old", shard_ids=[1], shard_count=2)
        new = ShardBot("new", shard_ids=[1], shard_count=2)
        async with bots_running(double, old):
            await double.wait_for_shards([1])
            async with bots_running(double, new):
                assert double.gateway.shards[1].identify_count == 2
                it = await double.slash("where", user=alice, guild_id=on_one.id)
                assert (await it.response())["data"]["content"] == "new"
                assert it.answered_once and old.interaction_ids == []


async def test_a_repeated_callback_is_counted() -> None:
    guilds = spread_guilds(1, members=[alice])
    async with DiscordDouble(guilds=guilds) as double:
        bot = ShardBot("only")
        async with bot_running(double, bot):
            it = await double.slash("where", user=alice, guild_id=guilds[0].id)
            await double.wait_for_answers([it])
            route = discord.http.Route(
                "POST", "/interactions/{id}/{token}/callback", id=it.id, token=it.token
            )
            with pytest.raises(discord.HTTPException) as refused:
                await bot.http.request(route, json={"type": 4, "data": {"content": "again"}})
            assert refused.value.code == 40060
            assert it.answers == 2 and not it.answered_once


# -- scale -----------------------------------------------------------------------------------------


async def test_a_thousand_guilds_on_eight_shards_and_a_thousand_interactions() -> None:
    guilds = spread_guilds(1000, members=[alice])
    async with DiscordDouble(guilds=guilds, shard_count=8, max_concurrency=8) as double:
        bot = ShardBot("big")
        async with bot_running(double, bot, timeout=60):
            await double.wait_for_shards(range(8), timeout=60)
            assert len(bot.guilds) == 1000
            for shard in double.gateway.shards.values():
                assert shard.session is not None
                assert len(shard.session.sent[0]["d"]["guilds"]) == 125
            assert all(g.shard_id == double.shard_of(g.id) for g in bot.guilds)

            sent: list[SentInteraction] = await asyncio.gather(
                *(double.slash("where", user=alice, guild_id=g.id) for g in guilds)
            )
            await double.wait_for_answers(sent, timeout=120)
            assert all(it.answered_once for it in sent)
            assert all(it.shard_id == double.shard_of(int(it.payload["guild_id"])) for it in sent)
            assert sorted(bot.interaction_ids) == sorted(it.id for it in sent)
