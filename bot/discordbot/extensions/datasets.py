"""/datasets: what is indexed, with counts, sources, licences, update dates and verified facts."""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands
from discord.ext import commands

from bot.datasets.facts import read_facts
from bot.discordbot.client import TrainedOnBot
from bot.discordbot.i18n import messages_for
from bot.discordbot.render import datasets_embed, facts_embeds
from bot.discordbot.safety import NO_MENTIONS, message_groups


class Datasets(commands.Cog):
    """Which datasets the index holds."""

    def __init__(self, bot: TrainedOnBot) -> None:
        self.bot = bot

    @app_commands.command(name="datasets", description="Which datasets are indexed, and how big")
    async def datasets(self, interaction: discord.Interaction) -> None:
        reader = self.bot.index.searcher.reader
        history = await self.bot.index.run(reader.history, 10)
        # The facts come from the manifest as it is now: read each time, off the event loop.
        facts = await asyncio.to_thread(read_facts, self.bot.config.manifest_path)
        msg = messages_for(interaction)
        groups = message_groups([datasets_embed(reader.datasets, reader.built_at, history, msg),
                                 *facts_embeds(reader.datasets, facts, msg)])
        await interaction.response.send_message(embeds=groups[0], allowed_mentions=NO_MENTIONS)
        for group in groups[1:]:
            await interaction.followup.send(embeds=group, allowed_mentions=NO_MENTIONS)


async def setup(bot: TrainedOnBot) -> None:
    await bot.add_cog(Datasets(bot))
