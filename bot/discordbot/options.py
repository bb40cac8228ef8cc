"""Command options shared by several extensions."""

from __future__ import annotations

import discord
from discord import app_commands


def target_channel(
    interaction: discord.Interaction, channel: app_commands.AppCommandChannel | None
) -> int:
    """The channel a command acts on: the one given, else the one it was used in."""
    if channel is not None:
        return channel.id
    assert interaction.channel_id is not None
    return interaction.channel_id
