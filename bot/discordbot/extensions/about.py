"""/help: what the bot does, where the data comes from, and what it cannot tell you."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot.client import TrainedOnBot
from bot.discordbot.command_list import command_entries
from bot.discordbot.render import NEUTRAL, when
from bot.discordbot.safety import NO_MENTIONS, field_chunks, fit_embed, safe_link
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
BUTTONS = ("Under an answer: **Export** (the rows as CSV and JSON, to cite) and, where a song is "
           "listed, **What can I do?**")


def command_lines(bot: TrainedOnBot) -> list[str]:
    """One line per registered command: usage, what it does, who may use it, where."""
    lines = []
    for entry in command_entries(bot.tree.get_commands()):
        where = ", in servers" if entry.servers_only else ""
        lines.append(f"`{entry.usage}` — {entry.description} · *{entry.who}{where}*")
    return lines


class About(commands.Cog):
    """The about-card."""

    def __init__(self, bot: TrainedOnBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What TrainedOn does, and its limits")
    async def help(self, interaction: discord.Interaction) -> None:
        embed = discord.Embed(title="About TrainedOn", description=ABOUT, colour=NEUTRAL)
        for name, value in field_chunks("Commands", [*command_lines(self.bot), BUTTONS]):
            embed.add_field(name=name, value=value, inline=False)
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
