"""The base of the bot's interactive views.

Only the asker may press, and the buttons are disabled on the message when the view expires,
so nobody presses a dead button.
"""

from __future__ import annotations

import logging

import discord

from bot.discordbot.i18n import tr
from bot.discordbot.inflight import admit
from bot.discordbot.safety import NO_MENTIONS

log = logging.getLogger(__name__)


class AskerOnlyView(discord.ui.View):
    """A view whose buttons answer only the person who asked (see `allows`)."""

    refusal = "refusal-buttons"  # the catalogue's message for anyone else who presses

    def __init__(self, author_id: int, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.author_id = author_id
        self.message: discord.Message | discord.WebhookMessage | None = None

    def allows(self, interaction: discord.Interaction) -> bool:
        """Whether this press is allowed; subclasses may open some buttons to everyone."""
        return interaction.user.id == self.author_id

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if not await admit(interaction):  # the bot is stopping (inflight.py)
            return False
        if self.allows(interaction):
            return True
        await interaction.response.send_message(tr(interaction, self.refusal), ephemeral=True,
                                                allowed_mentions=NO_MENTIONS)
        return False

    async def on_timeout(self) -> None:
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is not None:
            try:
                await self.message.edit(view=self)
            except discord.HTTPException as exc:  # expired token or deleted message
                log.debug("could not disable the buttons of %s: %s", type(self).__name__, exc)
