"""Where each command works: in servers that invited the bot, and as a person's own app.

A musician should not need a server admin to check their own songs, so /lookup, /check catalog
and /help can also be installed by a user (Discord's user-installable apps) and used in direct
messages and in any server. Everything that changes a server's state (subscriptions, watches,
/reload, a server's data) stays with servers that installed the bot, where its permission
checks mean something.

In a server that has not installed the bot, an answer is private: the server never agreed to
the bot posting there.
"""

from __future__ import annotations

from typing import TypeVar

import discord
from discord import app_commands

T = TypeVar("T")

# The tree's default: a command belongs to servers that installed the bot (and their DMs with it).
SERVER_INSTALL = app_commands.AppInstallationType(guild=True, user=False)
SERVER_CONTEXTS = app_commands.AppCommandContext(guild=True, dm_channel=True,
                                                 private_channel=False)


def for_everyone(command: T) -> T:
    """Also installable by a user, and usable in DMs, group DMs and any server.

    Put it on a top-level command or a GroupCog class: Discord reads these settings on
    top-level commands only.
    """
    command = app_commands.allowed_installs(guilds=True, users=True)(command)
    return app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)(command)


def answers_privately(interaction: discord.Interaction) -> bool:
    """Whether the answer must be private: a server that has not installed the bot."""
    return interaction.guild_id is not None and not interaction.is_guild_integration()
