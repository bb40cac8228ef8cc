"""Update posts and artist alerts in their server's language, whichever process writes them.

Two processes' worth of the bot on one PostgreSQL database, each running one of two shards.
Both servers are on shard 1: that process answers /subscribe and /watch artist there, and
Discord sends the server's language with each command. The process running shard 0 never
sees those servers, yet the posts it records come out in French and German, because the
language was stored with the subscription and the watch.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import yaml
from discord_double import (
    ChannelSpec,
    DiscordDouble,
    GuildSpec,
    embed_of,
    is_deferred,
    is_ephemeral,
    make_member,
    snowflake,
    snowflake_on_shard,
)
from discord_double.specs import guild_payload
from helpers.bot_world import MANAGE_GUILD, bot_on, seed
from helpers.workspace import Workspace

from bot.discordbot.client import TrainedOnBot
from bot.index.changes import ArtistArrival
from bot.index.report import BuildReport, DatasetChange
from bot.search.results import Sample

BUILD = "2026-11-25T10:00:00+00:00"
NEXT_BUILD = "2026-11-26T10:00:00+00:00"
MOD = make_member("moderateur", permissions=MANAGE_GUILD)


def report(built_at: str) -> BuildReport:
    return BuildReport(built_at=built_at, seconds=1.0, tracks=3, artists=2, titles=3,
                       datasets=[],
                       changes=[DatasetChange("gamma", "Gamma Set", "added", 0, 3, 0, 2)])


def radiohead_arrives() -> list[ArtistArrival]:
    sample = Sample("New Song", ("Radiohead",), "gamma", "https://example.org/new/0", "n0",
                    False)
    return [ArtistArrival("radiohead", "Radiohead", "gamma", "Gamma Set", 1, (sample,))]


def server(name: str, locale: str) -> GuildSpec:
    """A server on shard 1 of 2, in `locale`, with one channel."""
    return GuildSpec(id=snowflake_on_shard(1, 2), name=name, owner_id=MOD.user_id,
                     channels=[ChannelSpec(snowflake(), "general")], members=[MOD],
                     locale=locale)


@dataclass
class TwoProcesses:
    double: DiscordDouble
    seer: TrainedOnBot  # runs shard 1: sees both servers
    blind: TrainedOnBot  # runs shard 0: sees neither
    french: GuildSpec
    german: GuildSpec


@asynccontextmanager
async def two_processes(workspace: Workspace, postgres_url: str
                        ) -> AsyncIterator[TwoProcesses]:
    french, german = server("Musiciens", "fr"), server("Musiker", "de")
    async with DiscordDouble([french, german], owner_id=MOD.user_id, shard_count=2) as double:
        seed(workspace, double.api_url, {"database": {"url": postgres_url},
                                         "discord": {"shard_count": 2, "shard_ids": [1]}})
        config: dict[str, Any] = yaml.safe_load(workspace.config_path.read_text())
        config["discord"]["shard_ids"] = [0]
        shard_0 = workspace.root / "shard-0.yaml"
        shard_0.write_text(yaml.safe_dump(config))
        workspace.build()
        async with bot_on(double, workspace, identify_spacing=0.1) as seer, \
                bot_on(double, workspace, config_path=shard_0, identify_spacing=0.1) as blind:
            await double.wait_for_shards([0, 1])
            await double.wait_for_commands()
            assert seer.get_guild(french.id) is not None
            assert blind.get_guild(french.id) is None and blind.get_guild(german.id) is None
            yield TwoProcesses(double, seer, blind, french, german)


def channel(guild: GuildSpec) -> int:
    return guild.channels[0].id


async def set_up_in_their_servers(world: TwoProcesses) -> None:
    """The moderator (whose own language is English) subscribes one server and watches
    Radiohead in the other; the process that runs their shard answers."""
    double, french, german = world.double, world.french, world.german
    subscribed = await double.slash("subscribe", user=MOD, guild_id=french.id,
                                    channel_id=channel(french))
    answer = await subscribed.response()
    assert is_ephemeral(answer) and answer["data"]["content"].endswith(
        "will get a post whenever the index changes.")
    watched = await double.slash("watch", "artist", {"name": "Radiohead"}, user=MOD,
                                 guild_id=german.id, channel_id=channel(german))
    assert is_deferred(await watched.response())
    assert (await watched.followups())[0]["content"].startswith("Now watching **Radiohead**")


async def posted_titles(world: TwoProcesses, build_id: str) -> dict[int, str]:
    """What the blind process records for a build, and what then reaches each channel."""
    blind = world.blind
    assert blind.notifier is not None and blind.watch_notifier is not None
    updates = await blind.notifier.announce(report(build_id))
    assert updates.delivered + updates.queued == [channel(world.french)]
    alerts = await blind.watch_notifier.announce(build_id, radiohead_arrives())
    assert alerts.delivered + alerts.queued == [(channel(world.german), "radiohead")]

    recorded = await blind.require_store().posts.for_build(build_id)
    titles = {post.channel_id: json.loads(post.body)["title"] for post in recorded}
    for channel_id, title in titles.items():  # sent by the leader, whichever process it is
        posts = await world.double.channel_messages(channel_id, timeout=30)
        assert [embed_of(p)["title"] for p in posts] == [title]
    return titles


async def test_a_process_that_does_not_see_the_server_posts_in_its_language(
    workspace: Workspace, postgres_url: str,
) -> None:
    async with two_processes(workspace, postgres_url) as world:
        await set_up_in_their_servers(world)

        assert await posted_titles(world, BUILD) == {
            channel(world.french): "Mise à jour des jeux de données",
            channel(world.german): "Neu in den Datensätzen: Radiohead",
        }


async def test_a_server_that_changes_its_language_gets_the_next_posts_in_the_new_one(
    workspace: Workspace, postgres_url: str,
) -> None:
    async with two_processes(workspace, postgres_url) as world:
        await set_up_in_their_servers(world)
        store = world.blind.require_store()

        world.french.locale = "pt-BR"  # Discord tells the process that runs its shard
        await world.double.dispatch("GUILD_UPDATE", guild_payload(world.french))
        for _ in range(250):
            if [s.guild_locale for s in await store.for_guild(world.french.id)] == ["pt-BR"]:
                break
            await asyncio.sleep(0.02)
        assert [s.guild_locale for s in await store.for_guild(world.french.id)] == ["pt-BR"]

        assert await posted_titles(world, NEXT_BUILD) == {
            channel(world.french): "Atualização dos conjuntos de dados",
            channel(world.german): "Neu in den Datensätzen: Radiohead",
        }
