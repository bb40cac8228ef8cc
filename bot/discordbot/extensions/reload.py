"""/reload: rebuild the index from data/ while lookups go on, then tell subscribers.

The announcement (recorded posts, sent by the leader) starts at once; the answer waits until
every bot process serves the new build, or says which do not and why (bot/build_sync.py).
"""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot.announce import announce_rebuild
from bot.discordbot.checks import moderator_only
from bot.discordbot.client import TrainedOnBot
from bot.discordbot.i18n import Refusal, error_text, messages_for
from bot.discordbot.render import reload_embed
from bot.discordbot.safety import NO_MENTIONS, safe
from bot.errors import BuildError, BuildInProgress

log = logging.getLogger(__name__)


class Reload(commands.Cog):
    """Moderators rebuild the index after new metadata lands."""

    def __init__(self, bot: TrainedOnBot) -> None:
        self.bot = bot
        self._announcements: set[asyncio.Task[object]] = set()

    @app_commands.command(name="reload",
                          description="Rebuild the index from the data files (moderators)")
    @moderator_only(manage_guild=True)
    async def reload(self, interaction: discord.Interaction) -> None:
        if self.bot.index.reloading:
            raise Refusal("reload-running")
        await interaction.response.defer(thinking=True)
        log.info("reload requested by %s", interaction.user.id)
        try:
            report = await self.bot.index.reload()
        except BuildInProgress:
            raise
        except BuildError as exc:
            msg = messages_for(interaction)
            await interaction.followup.send(
                msg("reload-failed-whole", error=safe(error_text(exc, msg), 1500)),
                allowed_mentions=NO_MENTIONS,
            )
            return
        task = asyncio.create_task(announce_rebuild(self.bot, report))
        self._announcements.add(task)
        task.add_done_callback(self._announcements.discard)
        convergence = None
        if self.bot.build_sync is not None:  # every process follows; the answer says who does
            await self.bot.build_sync.rebuilt(report)
            convergence = await self.bot.build_sync.converged(report.fingerprint)
        await interaction.followup.send(embed=reload_embed(report, convergence,
                                                           messages_for(interaction)),
                                        allowed_mentions=NO_MENTIONS)

    async def cog_unload(self) -> None:
        for task in self._announcements:
            task.cancel()


async def setup(bot: TrainedOnBot) -> None:
    await bot.add_cog(Reload(bot))
