"""/datasets: what is indexed, with counts, sources, licences and update dates."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot.client import TrainedOnBot
from bot.discordbot.render import datasets_embed
from bot.discordbot.safety import NO_MENTIONS


class Datasets(commands.Cog):
    """Which datasets the index holds."""

    def __init__(self, bot: TrainedOnBot) -> None:
        self.bot = bot

    @app_commands.command(name="datasets", description="Which datasets are indexed, and how big")
    async def datasets(self, interaction: discord.Interaction) -> None:
        reader = self.bot.index.searcher.reader
        history = await self.bot.index.run(reader.history, 10)
        await interaction.response.send_message(
            embed=datasets_embed(reader.datasets, reader.built_at, history),
            allowed_mentions=NO_MENTIONS,
        )


async def setup(bot: TrainedOnBot) -> None:
    await bot.add_cog(Datasets(bot))
