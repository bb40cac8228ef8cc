"""One place that turns any command error into one short private sentence.

Users see a sentence, always ephemeral; operators see the traceback of anything unexpected
in the log.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from bot.discordbot import telemetry
from bot.discordbot.checks import NotModerator, NotOwner, permission_name
from bot.discordbot.i18n import ENGLISH, Messages, error_text, messages_for
from bot.discordbot.inflight import admit
from bot.discordbot.safety import NO_MENTIONS
from bot.errors import TrainedOnError

log = logging.getLogger(__name__)

UNEXPECTED = ENGLISH("error-unexpected")


def user_message(error: app_commands.AppCommandError, msg: Messages = ENGLISH) -> str | None:
    """The sentence for an error a user caused or should know about; None if unexpected.

    In `msg`'s language; a core error (bot/errors.py) that names no catalogue message stays
    in English.
    """
    original = getattr(error, "original", None)
    if isinstance(original, TrainedOnError):
        return error_text(original, msg)
    if isinstance(error, app_commands.CommandOnCooldown):
        return msg("error-cooldown", seconds=round(error.retry_after))
    if isinstance(error, app_commands.NoPrivateMessage):
        return msg("error-servers-only")
    if isinstance(error, app_commands.MissingPermissions):
        needed = msg("list-separator").join(permission_name(msg, flag)
                                            for flag in error.missing_permissions)
        return msg("error-missing-permissions", permissions=needed)
    if isinstance(error, app_commands.BotMissingPermissions):
        needed = msg("list-separator").join(permission_name(msg, flag)
                                            for flag in error.missing_permissions)
        return msg("error-bot-missing-permissions", permissions=needed)
    if isinstance(error, NotModerator) and error.flags:
        names = [permission_name(msg, flag) for flag in error.flags]
        return msg("error-not-moderator", permissions=msg.join(names), count=len(names))
    if isinstance(error, NotOwner):
        return msg("error-not-owner")
    if isinstance(error, app_commands.CheckFailure):
        return str(error) or msg("error-not-allowed")
    if isinstance(error, app_commands.TransformerError):
        return msg("error-invalid-value")
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
        forgot its own check would otherwise run without a server. Also where a stopping bot
        turns new interactions away, and where each one's record starts (telemetry).
        """
        telemetry.started(interaction)
        if not await admit(interaction):
            telemetry.finished(interaction, telemetry.REFUSED)
            return False
        command = interaction.command
        if command is None or interaction.guild_id is not None or not guild_only(command):
            return True
        if interaction.type is discord.InteractionType.autocomplete:
            return False  # nothing to suggest outside a server
        raise app_commands.NoPrivateMessage()

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        msg = messages_for(interaction)
        message = user_message(error, msg)
        if message is None:
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error("command /%s failed", command, exc_info=error)
            message = msg("error-unexpected")
            outcome = telemetry.ERROR
        else:
            outcome = (telemetry.RATE_LIMITED if isinstance(error, app_commands.CommandOnCooldown)
                       else telemetry.REFUSED)
            log.info("refused /%s for %s: %s",  # the log stays in English
                     interaction.command.qualified_name if interaction.command else "?",
                     interaction.user.id, user_message(error))
        await reply_privately(interaction, message)
        telemetry.finished(interaction, outcome)


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
