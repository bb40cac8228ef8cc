"""/privacy policy, /privacy forget-me, /privacy delete-server-data: what is kept, and deleting it.

The policy in full is docs/PRIVACY.md; this is its summary and the two ways to have data
deleted. Anyone may read the policy and forget themselves, anywhere; deleting a server's data
is for its managers (`moderator_only`, checked by the bot), after a confirmation, since it
stops every subscription and watch of the server at once.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.discordbot.checks import moderator_only
from bot.discordbot.client import TrainedOnBot
from bot.discordbot.i18n import ENGLISH, Messages, messages_for, tr
from bot.discordbot.installs import for_everyone
from bot.discordbot.render import NEUTRAL
from bot.discordbot.safety import NO_MENTIONS, fit_embed, safe_link
from bot.discordbot.views import AskerOnlyView
from bot.subscriptions.forget import ServerData, count_server, forget_person, forget_server

log = logging.getLogger(__name__)

# -- Command descriptions (translated in locales/*/commands.ftl) ---------------------------------

GROUP_DESCRIPTION = "What TrainedOn keeps about you, and deleting it"
POLICY_DESCRIPTION = "What TrainedOn keeps, for how long, and how to have it deleted"
FORGET_ME_DESCRIPTION = "Delete the artist watches you created and your id from subscriptions"
DELETE_SERVER_DESCRIPTION = "Delete this server's subscriptions, watches and recorded posts"

# The sentences are the catalogue's (locales/*/privacy.ftl), in the reader's language.
POLICY_FULL_SOURCE = ENGLISH("privacy-full-source")


def server_data_text(data: ServerData, msg: Messages = ENGLISH) -> str:
    """What a server's data is, counted: "2 subscriptions, 1 artist watch and 5 recorded posts"."""
    return msg("privacy-server-data", subscriptions=data.subscriptions, watches=data.watches,
               posts=data.posts)


# -- The answers ---------------------------------------------------------------------------------

def policy_embed(policy_url: str | None, msg: Messages = ENGLISH) -> discord.Embed:
    """The policy's summary, pointing to the full text.

    That is the operator's published copy if the application names one (Discord's "Privacy
    Policy URL"), else the file in the source.
    """
    embed = discord.Embed(title=msg("privacy-title"), description=msg("privacy-summary"),
                          colour=NEUTRAL)
    embed.add_field(name=msg("privacy-kept-title"), value=msg("privacy-kept"), inline=False)
    embed.add_field(name=msg("privacy-delete-title"), value=msg("privacy-delete"), inline=False)
    full = (safe_link(msg("privacy-full-link"), policy_url) if policy_url
            else msg("privacy-full-source"))
    embed.add_field(name=msg("privacy-full-title"), value=full, inline=False)
    return fit_embed(embed, msg)


class ConfirmDeletion(AskerOnlyView):
    """Delete or cancel; only the manager who asked may press, once."""

    def __init__(self, bot: TrainedOnBot, guild_id: int, author_id: int, timeout: float,
                 msg: Messages = ENGLISH) -> None:
        super().__init__(author_id, timeout)
        self.bot = bot
        self.guild_id = guild_id
        self.delete.label = msg("privacy-delete-button")
        self.cancel.label = msg("privacy-cancel-button")

    @discord.ui.button(label=ENGLISH("privacy-delete-button"), style=discord.ButtonStyle.danger)
    async def delete(self, interaction: discord.Interaction,
                     _: discord.ui.Button[ConfirmDeletion]) -> None:
        self.stop()
        deleted = await forget_server(self.bot.require_store().db, self.guild_id)
        log.info("a server deleted its data on request: %d subscriptions, %d watches, %d posts",
                 deleted.subscriptions, deleted.watches, deleted.posts)
        msg = messages_for(interaction)
        await interaction.response.edit_message(
            content=msg("privacy-deleted", data=server_data_text(deleted, msg)), view=None,
            allowed_mentions=NO_MENTIONS)

    @discord.ui.button(label=ENGLISH("privacy-cancel-button"), style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction,
                     _: discord.ui.Button[ConfirmDeletion]) -> None:
        self.stop()
        await interaction.response.edit_message(content=tr(interaction, "privacy-cancelled"),
                                                view=None, allowed_mentions=NO_MENTIONS)


@for_everyone  # the policy and forgetting oneself, wherever people use the app
class Privacy(commands.GroupCog, group_name="privacy", group_description=GROUP_DESCRIPTION):
    """The privacy policy, and deleting a person's or a server's data."""

    def __init__(self, bot: TrainedOnBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="policy", description=POLICY_DESCRIPTION)
    async def policy(self, interaction: discord.Interaction) -> None:
        application = self.bot.application
        url = application.privacy_policy_url if application is not None else None
        await interaction.response.send_message(embed=policy_embed(url, messages_for(interaction)),
                                                ephemeral=True, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="forget-me", description=FORGET_ME_DESCRIPTION)
    async def forget_me(self, interaction: discord.Interaction) -> None:
        forgotten = await forget_person(self.bot.require_store().db, interaction.user.id)
        msg = messages_for(interaction)
        if not forgotten.anything:
            text = msg("privacy-forgotten-nothing")
        else:
            text = msg("privacy-forgotten", watches=forgotten.watches_deleted,
                       subscriptions=forgotten.subscriptions_unnamed)
        await interaction.response.send_message(f"{text}\n{msg('privacy-logs-note')}",
                                                ephemeral=True, allowed_mentions=NO_MENTIONS)

    @app_commands.command(name="delete-server-data", description=DELETE_SERVER_DESCRIPTION)
    @moderator_only(manage_guild=True)
    async def delete_server_data(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None  # moderator_only refuses direct messages
        kept = await count_server(self.bot.require_store().db, interaction.guild_id)
        msg = messages_for(interaction)
        if not kept.anything:
            await interaction.response.send_message(msg("privacy-nothing-in-server"),
                                                    ephemeral=True, allowed_mentions=NO_MENTIONS)
            return
        view = ConfirmDeletion(self.bot, interaction.guild_id, interaction.user.id,
                               self.bot.config.discord.page_timeout_seconds, msg)
        await interaction.response.send_message(
            msg("privacy-confirm-delete", data=server_data_text(kept, msg)), view=view,
            ephemeral=True, allowed_mentions=NO_MENTIONS)
        view.message = await interaction.original_response()


async def setup(bot: TrainedOnBot) -> None:
    await bot.add_cog(Privacy(bot))
