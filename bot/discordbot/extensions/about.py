"""/help: what the bot does, where the data comes from, and what it cannot tell you."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot.client import TrainedOnBot
from bot.discordbot.command_list import command_entries
from bot.discordbot.i18n import ENGLISH, Messages, messages_for
from bot.discordbot.installs import for_everyone
from bot.discordbot.render import NEUTRAL, when
from bot.discordbot.safety import NO_MENTIONS, field_chunks, fit_embed, safe_link
from bot.errors import IndexNotReady


def command_lines(bot: TrainedOnBot, msg: Messages = ENGLISH) -> list[str]:
    """One line per registered command: usage, what it does, who may use it, where."""
    return [msg("help-command-servers" if entry.servers_only else "help-command",
                usage=entry.usage, description=entry.description, who=entry.who)
            for entry in command_entries(bot.tree.get_commands(), msg)]


class About(commands.Cog):
    """The about-card."""

    def __init__(self, bot: TrainedOnBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What TrainedOn does, and its limits")
    @for_everyone
    async def help(self, interaction: discord.Interaction) -> None:
        msg = messages_for(interaction)
        embed = discord.Embed(title=msg("help-title"), description=msg("help-about"),
                              colour=NEUTRAL)
        lines = [*command_lines(self.bot, msg), msg("help-buttons")]
        for name, value in field_chunks(msg("help-commands"), lines, msg):
            embed.add_field(name=name, value=value, inline=False)
        try:
            reader = self.bot.index.searcher.reader
            sources = "\n".join(
                msg("help-data-line", dataset=safe_link(d.name, d.homepage), tracks=d.tracks)
                for d in reader.datasets
            )
            embed.add_field(name=msg("help-data-built", when=when(reader.built_at)),
                            value=sources, inline=False)
        except IndexNotReady:
            embed.add_field(name=msg("help-data"), value=msg("help-no-index"), inline=False)
        embed.add_field(name=msg("help-limits-title"), value=msg("help-limits"), inline=False)
        await interaction.response.send_message(embed=fit_embed(embed, msg), ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)


async def setup(bot: TrainedOnBot) -> None:
    await bot.add_cog(About(bot))
