"""The bot under test: a data directory, a config pointing at a local Discord API double,
and the real TrainedOnBot connected to it over real sockets."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import discord
import yaml
from discord_double import (
    ChannelSpec,
    DiscordDouble,
    GuildSpec,
    MemberSpec,
    RoleSpec,
    make_member,
    message_bodies,
)

from bot.config import load_config
from bot.discordbot.client import TrainedOnBot
from helpers.workspace import Workspace, songs_dataset

MANAGE_CHANNELS = discord.Permissions(manage_channels=True)
MANAGE_GUILD = discord.Permissions(manage_guild=True, manage_channels=True)


def songs_csv(rows: list[tuple[str, str]], prefix: str = "t") -> str:
    lines = ["title,artist,album,url,id"]
    for i, (title, artist) in enumerate(rows):
        lines.append(f'"{title}","{artist}",,https://example.org/{prefix}{i},{prefix}{i}')
    return "\n".join(lines) + "\n"


RADIOHEAD_SONGS = [(f"Song Number {i}", "Radiohead") for i in range(23)]
OTHER_SONGS = [("Creep", "TLC"), ("@everyone **look**", "Marlowe feat. Juniper Quay"),
               ("Jóga", "Björk")]


def seed(workspace: Workspace, api_url: str, extra: dict[str, Any] | None = None) -> None:
    """Two datasets and a config that points the bot at the double."""
    workspace.write("alpha/songs.csv", songs_csv(RADIOHEAD_SONGS[:15] + OTHER_SONGS, "a"))
    workspace.write("beta/songs.csv", songs_csv(RADIOHEAD_SONGS[15:], "b"))
    workspace.write_manifest([
        songs_dataset("alpha", "alpha/*.csv", name="Alpha Set"),
        songs_dataset("beta", "beta/*.csv", name="Beta Set"),
    ])
    config: dict[str, Any] = {
        "data_dir": "data",
        "index": {"path": "var/index.sqlite"},
        "subscriptions": {"path": "var/subscriptions.sqlite", "disable_after_failures": 2},
        "discord": {"api_base_url": api_url, "lookups_per_minute": 60},
        "logging": {"level": "DEBUG"},
    }
    for section, values in (extra or {}).items():
        config.setdefault(section, {}).update(values)
    workspace.config_path.write_text(yaml.safe_dump(config))


class People:
    """The members of the test server."""

    def __init__(self) -> None:
        self.alice = make_member("alice")  # a member with no special permission
        self.bob = make_member("bob")
        self.mod = make_member("mod", permissions=MANAGE_GUILD)
        self.owner = make_member("owner")

    def all(self) -> list[MemberSpec]:
        return [self.alice, self.bob, self.mod, self.owner]


MOD_ROLE = 444_444_444_444_444_444
GUILD_ID = 111_111_111_111_111_111
GENERAL = 222_222_222_222_222_222
UPDATES = 333_333_333_333_333_333
# Extra config under which holding MOD_ROLE makes a moderator, and a member who holds only that.
ROLE_MODERATES = {"discord": {"moderator_role_ids": [MOD_ROLE]}}


def role_holder() -> MemberSpec:
    return make_member("role-holder", roles=[MOD_ROLE])


def guild(people: People) -> GuildSpec:
    return GuildSpec(
        id=GUILD_ID, name="Musicians", owner_id=people.owner.user_id,
        channels=[ChannelSpec(GENERAL, "general"), ChannelSpec(UPDATES, "updates")],
        roles=[RoleSpec(MOD_ROLE, "Moderators")],
        members=people.all(),
    )


@asynccontextmanager
async def bot_on(double: DiscordDouble, workspace: Workspace, *,
                 config_path: Path | None = None, **bot_options: Any
                 ) -> AsyncIterator[TrainedOnBot]:
    """Start the real bot against `double` through its base-URL override; close it after.

    The bot points discord.py at the double itself and puts it back when closed.
    `config_path` (default: the workspace's) lets a second bot run other shards.
    `bot_options` go to TrainedOnBot (e.g. `identify_spacing=0.2`).
    """
    config = load_config(config_path or workspace.config_path)
    bot = TrainedOnBot(config, guild_ready_timeout=0.05, **bot_options)
    task = asyncio.create_task(bot.start(double.token))
    try:
        waiter = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait({task, waiter}, timeout=10,
                                     return_when=asyncio.FIRST_COMPLETED)
        if task in done:
            task.result()
        assert waiter in done, "the bot did not become ready"
        yield bot
    finally:
        await bot.close()
        await asyncio.wait({task}, timeout=10)


def assert_no_mentions_anywhere(double: DiscordDouble) -> None:
    """Every message went out with mentions disabled for everyone, roles and users."""
    bodies = message_bodies(double)
    assert bodies, "the bot sent no message at all"
    for body in bodies:
        assert body.get("allowed_mentions") == {"parse": []}, body


@asynccontextmanager
async def world(
    workspace: Workspace, extra_config: dict[str, Any] | None = None, build: bool = True,
    **bot_options: Any,
) -> AsyncIterator[tuple[DiscordDouble, TrainedOnBot, People, GuildSpec]]:
    """A double with one server, seeded data, a built index and the bot connected."""
    people = People()
    server = guild(people)
    async with DiscordDouble([server], owner_id=people.owner.user_id) as double:
        seed(workspace, double.api_url, extra_config)
        if build:
            workspace.build()
        async with bot_on(double, workspace, **bot_options) as bot:
            await double.wait_for_commands()
            yield double, bot, people, server
