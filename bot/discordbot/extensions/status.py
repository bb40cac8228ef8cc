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
from bot.discordbot.render import NEUTRAL, when
from bot.discordbot.safety import NO_MENTIONS, fit_embed, safe

PROCESSES_SHOWN = 20


def shard_lines(bot: TrainedOnBot) -> str:
    """One line per shard this process runs: its id and gateway latency."""
    lines = []
    for shard_id, latency in sorted(bot.latencies):
        shown = "not connected" if math.isinf(latency) or math.isnan(latency) else (
            f"{latency * 1000:.0f} ms")
        lines.append(f"shard {shard_id}: {shown}")
    return "\n".join(lines) or "no shard connected"


def process_line(row: ProcessRow, leader: str | None) -> str:
    """A live process as one line: id, shards, build, state, last heartbeat."""
    shards = ",".join(map(str, row.shard_ids)) if row.shard_ids is not None else "all"
    build = f"`{row.fingerprint[:12]}`" if row.fingerprint else "no build"  # hex: no escaping
    state = safe(row.state + (f" ({row.reason})" if row.reason else ""), 200)
    mark = " · leader" if row.process_id == leader else ""
    seen = max(0, round(row.silent_seconds))
    return (f"{safe(row.process_id, 100)}{mark}: shards {shards}, {build}, {state}, "
            f"seen {seen} s ago")


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
        embed = discord.Embed(title="TrainedOn status", colour=NEUTRAL)
        leading = " · leader" if cluster.leader.is_leader else ""
        embed.add_field(name="This process", value=(
            f"{safe(cluster.process_id, 200)}{leading}\n"
            f"{len(bot.shards)} of {count} shards, {len(bot.guilds):,} servers"), inline=False)
        embed.add_field(name="Shards", value=shard_lines(bot), inline=True)
        serving = bot.index.serving
        embed.add_field(name="Index build", value=(
            f"{when(serving[0])}\nfingerprint `{serving[1][:12]}`" if serving
            else "none yet"), inline=True)
        leader = await cluster.current_leader()
        alive = await cluster.members.alive()
        lines = [process_line(row, leader) for row in alive[:PROCESSES_SHOWN]]
        if len(alive) > PROCESSES_SHOWN:
            lines.append(f"… and {len(alive) - PROCESSES_SHOWN} more")
        embed.add_field(name=f"Processes ({len(alive)} live, store: {cluster.backend})",
                        value="\n".join(lines) or "none registered", inline=False)
        embed.set_footer(text=f"answered in {(time.monotonic() - started) * 1000:.0f} ms")
        await interaction.response.send_message(embed=fit_embed(embed), ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)


async def setup(bot: TrainedOnBot) -> None:
    await bot.add_cog(Status(bot))
