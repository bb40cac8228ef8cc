"""One place that turns any command error into one short private sentence.

Users see a sentence, always ephemeral; operators see the traceback of anything unexpected
in the log.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from bot.discordbot.checks import shown_permission
from bot.discordbot.safety import NO_MENTIONS
from bot.errors import TrainedOnError

log = logging.getLogger(__name__)

UNEXPECTED = "Something went wrong on our side; it has been logged. Please try again later."


def user_message(error: app_commands.AppCommandError) -> str | None:
    """The sentence for an error a user caused or should know about; None if unexpected."""
    original = getattr(error, "original", None)
    if isinstance(original, TrainedOnError):
        return str(original)
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f} s."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command works in servers only."
    if isinstance(error, app_commands.MissingPermissions):
        needed = ", ".join(map(shown_permission, error.missing_permissions))
        return f"You need the {needed} permission to do that."
    if isinstance(error, app_commands.BotMissingPermissions):
        needed = ", ".join(map(shown_permission, error.missing_permissions))
        return f"I need the {needed} permission here to do that."
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or "You are not allowed to do that."
    if isinstance(error, app_commands.TransformerError):
        return "That value is not valid here."
    return None


def guild_only(command: app_commands.Command[Any, ..., Any] | app_commands.ContextMenu) -> bool:
    """Whether Discord is told the command (or its top-level group) works in servers only."""
    root = getattr(command, "root_parent", None) or command
    contexts = root.allowed_contexts
    if contexts is not None and not (contexts.dm_channel or contexts.private_channel):
        return True
    return bool(getattr(root, "guild_only", False))


class TrainedOnTree(app_commands.CommandTree[discord.Client]):
    """The command tree, with the bot's single error handler."""

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Refuse a guild-only command outside a server, whatever checks the command has.

        Discord hides such commands in DMs but a client can still send them; a command that
        forgot its own check would otherwise run without a server.
        """
        command = interaction.command
        if command is None or interaction.guild_id is not None or not guild_only(command):
            return True
        if interaction.type is discord.InteractionType.autocomplete:
            return False  # nothing to suggest outside a server
        raise app_commands.NoPrivateMessage()

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        message = user_message(error)
        if message is None:
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error("command /%s failed", command, exc_info=error)
            message = UNEXPECTED
        else:
            log.info("refused /%s for %s: %s",
                     interaction.command.qualified_name if interaction.command else "?",
                     interaction.user.id, message)
        await reply_privately(interaction, message)


async def reply_privately(interaction: discord.Interaction, message: str) -> None:
    """Answer ephemerally whether or not the interaction was already answered or deferred."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(message, ephemeral=True,
                                                    allowed_mentions=NO_MENTIONS)
    except discord.HTTPException as exc:  # the interaction expired: nothing more to do
        log.warning("could not tell the user about an error: %s", exc)
