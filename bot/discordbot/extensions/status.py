"""/status (the bot's owner only): this process's shards and build, and the other processes.

For an operator running several processes (docs/SCALING.md): which process answered, which
shards it runs and their latency, which index build it serves, who leads, and what every
live process reports, from the shared store.
"""

from __future__ import annotations

import math
import time

import discord
from discord import app_commands
from discord.ext import commands

from bot.cluster import ProcessRow
from bot.discordbot.checks import owner_only
from bot.discordbot.client import TrainedOnBot
from bot.discordbot.i18n import ENGLISH, Messages, messages_for
from bot.discordbot.render import NEUTRAL, when
from bot.discordbot.safety import NO_MENTIONS, fit_embed, safe

PROCESSES_SHOWN = 20


def shard_lines(bot: TrainedOnBot, msg: Messages = ENGLISH) -> str:
    """One line per shard this process runs: its id and gateway latency."""
    lines = []
    for shard_id, latency in sorted(bot.latencies):
        shown = msg("status-not-connected") if math.isinf(latency) or math.isnan(latency) else (
            msg("status-ms", ms=round(latency * 1000)))
        lines.append(msg("status-shard", shard=str(shard_id), latency=shown))
    return "\n".join(lines) or msg("status-no-shard")


def process_line(row: ProcessRow, leader: str | None, msg: Messages = ENGLISH) -> str:
    """A live process as one line: id, shards, build, state, last heartbeat."""
    shards = (",".join(map(str, row.shard_ids)) if row.shard_ids is not None
              else msg("status-all-shards"))
    build = (f"`{row.fingerprint[:12]}`" if row.fingerprint  # hex: no escaping
             else msg("status-no-build"))
    state = safe(row.state + (f" ({row.reason})" if row.reason else ""), 200)
    return msg("status-process-leader" if row.process_id == leader else "status-process",
               process=safe(row.process_id, 100), shards=shards, build=build, state=state,
               seen=max(0, round(row.silent_seconds)))


class Status(commands.Cog):
    """The owner's view of the running processes."""

    def __init__(self, bot: TrainedOnBot) -> None:
        self.bot = bot

    @app_commands.command(name="status",
                          description="This process's shards, build and peers (bot owner)")
    @owner_only
    async def status(self, interaction: discord.Interaction) -> None:
        bot = self.bot
        started = time.monotonic()
        cluster = bot.require_cluster()
        count = bot.shard_count or 1
        msg = messages_for(interaction)
        embed = discord.Embed(title=msg("status-title"), colour=NEUTRAL)
        embed.add_field(name=msg("status-this-process"), value=msg(
            "status-this-process-leader" if cluster.leader.is_leader else "status-this",
            process=safe(cluster.process_id, 200), shards=len(bot.shards), count=count,
            servers=len(bot.guilds)), inline=False)
        embed.add_field(name=msg("status-shards"), value=shard_lines(bot, msg), inline=True)
        serving = bot.index.serving
        embed.add_field(name=msg("status-index-build"), value=(
            msg("status-build", when=when(serving[0]), fingerprint=serving[1][:12]) if serving
            else msg("status-no-index")), inline=True)
        leader = await cluster.current_leader()
        alive = await cluster.members.alive()
        lines = [process_line(row, leader, msg) for row in alive[:PROCESSES_SHOWN]]
        if len(alive) > PROCESSES_SHOWN:
            lines.append(msg("list-more", count=len(alive) - PROCESSES_SHOWN))
        embed.add_field(name=msg("status-processes", live=len(alive), store=cluster.backend),
                        value="\n".join(lines) or msg("status-none-registered"), inline=False)
        embed.set_footer(text=msg("status-answered",
                                  ms=round((time.monotonic() - started) * 1000)))
        await interaction.response.send_message(embed=fit_embed(embed, msg), ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)


async def setup(bot: TrainedOnBot) -> None:
    await bot.add_cog(Status(bot))
