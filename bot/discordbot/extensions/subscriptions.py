"""/subscribe, /unsubscribe, /subscriptions: dataset-update posts in a channel."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot.checks import moderator_only
from bot.discordbot.client import TrainedOnBot
from bot.discordbot.i18n import messages_for, server_locale, tr
from bot.discordbot.options import target_channel
from bot.discordbot.render import NEUTRAL, when
from bot.discordbot.safety import NO_MENTIONS, fit_embed, safe
from bot.subscriptions import SubscriptionStore

CHANNEL_TYPES = [discord.ChannelType.text, discord.ChannelType.news]


class Subscriptions(commands.Cog):
    """Channel subscriptions to index updates."""

    def __init__(self, bot: TrainedOnBot) -> None:
        self.bot = bot

    @property
    def store(self) -> SubscriptionStore:
        return self.bot.require_store()

    @app_commands.command(name="subscribe",
                          description="Post dataset updates in a channel (this one by default)")
    @app_commands.describe(channel="Where to post updates (default: here)")
    @moderator_only(manage_channels=True)
    async def subscribe(self, interaction: discord.Interaction,
                        channel: app_commands.AppCommandChannel | None = None) -> None:
        target = target_channel(interaction, channel)
        assert interaction.guild_id is not None
        added = await self.store.subscribe(interaction.guild_id, target, interaction.user.id,
                                           locale=server_locale(interaction))
        text = tr(interaction, "subscribe-added" if added else "subscribe-already",
                  channel=f"<#{target}>")
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="unsubscribe", description="Stop dataset-update posts in a channel")
    @app_commands.describe(channel="Which channel (default: here)")
    @moderator_only(manage_channels=True)
    async def unsubscribe(self, interaction: discord.Interaction,
                          channel: app_commands.AppCommandChannel | None = None) -> None:
        target = target_channel(interaction, channel)
        removed = await self.store.unsubscribe(target)
        text = tr(interaction, "unsubscribe-removed" if removed else "unsubscribe-not-subscribed",
                  channel=f"<#{target}>")
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="subscriptions",
                          description="Which channels of this server get dataset updates")
    @moderator_only(manage_channels=True)
    async def subscriptions(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        rows = await self.store.for_guild(interaction.guild_id)
        msg = messages_for(interaction)
        lines = []
        for row in rows:
            state = (msg("state-disabled", failures=row.failures,
                         error=safe(row.last_error or "", 100))
                     if row.disabled else msg("state-since", date=f"{row.created_at:%Y-%m-%d}"))
            channel = f"<#{row.channel_id}>"
            lines.append(msg("subscriptions-line-last", channel=channel, state=state,
                             build=when(row.last_notified_build))
                         if row.last_notified_build
                         else msg("subscriptions-line", channel=channel, state=state))
        embed = discord.Embed(
            title=msg("subscriptions-title"),
            description="\n".join(lines) or msg("subscriptions-none"),
            colour=NEUTRAL,
        )
        await interaction.response.send_message(embed=fit_embed(embed, msg), ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)

    @commands.Cog.listener()
    async def on_guild_update(self, before: discord.Guild, after: discord.Guild) -> None:
        """A server that changes its language gets its update posts and alerts in the new one.

        Told only to the process that runs the server's shard; the store tells every other.
        """
        if before.preferred_locale != after.preferred_locale and self.bot.store is not None:
            await self.bot.store.set_server_locale(after.id, after.preferred_locale.value)


async def setup(bot: TrainedOnBot) -> None:
    await bot.add_cog(Subscriptions(bot))
