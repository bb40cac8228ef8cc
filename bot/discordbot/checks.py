"""Who may do what, checked on the server side whatever Discord's default permissions show.

Slash commands also carry default member permissions so that Discord hides them from most
members, but a server's admins can change those; these checks are what actually decide.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands

if TYPE_CHECKING:
    from bot.discordbot.client import TrainedOnBot

T = TypeVar("T", bound=Any)


class NotModerator(app_commands.CheckFailure):
    """The member lacks the permission or role a moderator command needs."""

    def __init__(self, needed: str) -> None:
        super().__init__(f"You need the {needed} permission or a moderator role to do that.")


def _has_moderator_role(interaction: discord.Interaction) -> bool:
    bot: TrainedOnBot = interaction.client  # type: ignore[assignment]  # our only client
    roles = set(bot.config.discord.moderator_role_ids)
    member = interaction.user
    return bool(roles) and isinstance(member, discord.Member) and any(
        role.id in roles for role in member.roles
    )


def moderator(permission: str, shown: str) -> Callable[[T], T]:
    """Members with `permission` (e.g. "manage_guild"), a moderator role, or the bot's owner."""

    async def predicate(interaction: discord.Interaction) -> bool:
        if interaction.guild is None:
            raise app_commands.NoPrivateMessage()
        if getattr(interaction.permissions, permission, False):
            return True
        if _has_moderator_role(interaction):
            return True
        if await interaction.client.is_owner(interaction.user):  # type: ignore[attr-defined]
            return True
        raise NotModerator(shown)

    return app_commands.check(predicate)
