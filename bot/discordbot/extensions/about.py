"""/help: what the bot does, where the data comes from, and what it cannot tell you."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot.client import TrainedOnBot
from bot.discordbot.render import NEUTRAL, when
from bot.discordbot.safety import NO_MENTIONS, fit_embed, safe_link
from bot.errors import IndexNotReady

ABOUT = (
    "TrainedOn tells musicians, labels and their communities whether their songs are listed in "
    "the public datasets used to train music-generating AI. It searches a local index of those "
    "datasets' published metadata — titles, artists, links — and forgives typos, missing "
    "accents and half-typed names."
)
LIMITS = (
    "It shows what dataset metadata lists: that a dataset links to a track, not that any "
    "company trained on it, nor whether the audio is still online. Names are matched by "
    "spelling: where a dataset publishes artist ids, same-name artists are told apart by them; "
    "elsewhere they look the same. The index is as fresh as its last rebuild."
)
COMMANDS = (
    "`/lookup artist` · `/lookup song` — search, with suggestions as you type\n"
    "`/lookup link` — a YouTube, Spotify or FMA link or id, looked up exactly\n"
    "`/datasets` — what is indexed\n"
    "`/subscribe` · `/unsubscribe` · `/subscriptions` — update posts in a channel (moderators)\n"
    "`/reload` — rebuild the index from new metadata (moderators)"
)


class About(commands.Cog):
    """The about-card."""

    def __init__(self, bot: TrainedOnBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What TrainedOn does, and its limits")
    async def help(self, interaction: discord.Interaction) -> None:
        embed = discord.Embed(title="About TrainedOn", description=ABOUT, colour=NEUTRAL)
        embed.add_field(name="Commands", value=COMMANDS, inline=False)
        try:
            reader = self.bot.index.searcher.reader
            sources = "\n".join(
                f"• {safe_link(d.name, d.homepage)} — {d.tracks:,} tracks" for d in reader.datasets
            )
            embed.add_field(name=f"Data (index built {when(reader.built_at)})", value=sources,
                            inline=False)
        except IndexNotReady:
            embed.add_field(name="Data", value="The index has not been built yet.", inline=False)
        embed.add_field(name="Limits", value=LIMITS, inline=False)
        await interaction.response.send_message(embed=fit_embed(embed), ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)


async def setup(bot: TrainedOnBot) -> None:
    await bot.add_cog(About(bot))
