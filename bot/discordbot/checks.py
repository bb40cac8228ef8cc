"""Who may do what, checked on the server side whatever Discord's default permissions show.

Slash commands also carry default member permissions so that Discord hides them from most
members, but a server's admins can change those; these checks are what actually decide. Both
come from one declaration per command, `@moderator_only(manage_channels=True)` (or a
`ModeratorGroup` for a command with subcommands), so they cannot disagree, and a misspelt
permission fails when the module is imported instead of refusing everyone at run time.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands

from bot.discordbot.i18n import ENGLISH, Messages, catalogue

if TYPE_CHECKING:
    from bot.discordbot.client import TrainedOnBot

T = TypeVar("T", bound=Any)


def shown_permission(flag: str) -> str:
    """A permission flag as Discord's UI names it: "manage_guild" is shown "Manage Server"."""
    return flag.replace("_", " ").title().replace("Guild", "Server")


def permission_name(msg: Messages, flag: str) -> str:
    """A permission as Discord's menus name it in `msg`'s language (English if not listed)."""
    key = f"permission-{flag}"
    return msg(key) if catalogue().has(msg.locale, key) else shown_permission(flag)


class NotModerator(app_commands.CheckFailure):
    """The member lacks the permission or role a moderator command needs.

    `needed` as shown in English; `flags`, the permissions' names, let the error handler name
    them in the member's language.
    """

    def __init__(self, needed: Sequence[str], flags: Sequence[str] = ()) -> None:
        noun = "permission" if len(needed) == 1 else "permissions"
        super().__init__(
            f"You need the {' and '.join(needed)} {noun} or a moderator role to do that.")
        self.flags = tuple(flags)


@dataclass(frozen=True)
class ModeratorRule:
    """Members holding every one of `required`, a moderator role, or the bot's owner."""

    required: discord.Permissions
    shown: tuple[str, ...]
    flags: tuple[str, ...] = ()  # as declared: "manage_guild"

    @classmethod
    def of(cls, perms: dict[str, bool]) -> ModeratorRule:
        """The rule for `perms` (discord.Permissions flag names); unknown names raise TypeError."""
        for name in perms:
            if name not in discord.Permissions.VALID_FLAGS:
                close = difflib.get_close_matches(name, list(discord.Permissions.VALID_FLAGS), 1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise TypeError(f"{name!r} is not a Discord permission{hint}")
        if not perms or not all(value is True for value in perms.values()):
            raise ValueError("a moderator rule names the permissions that let a member in, "
                             "each set to True")
        return cls(discord.Permissions(**perms), tuple(map(shown_permission, perms)),
                   tuple(perms))

    async def allows(self, interaction: discord.Interaction[TrainedOnBot]) -> bool:
        """True, or the refusal the user sees (servers only, then permission, role, owner)."""
        if interaction.guild is None:
            raise app_commands.NoPrivateMessage()
        if interaction.permissions.is_superset(self.required):
            return True
        if _has_moderator_role(interaction):
            return True
        if await interaction.client.is_owner(interaction.user):
            return True
        raise NotModerator(self.shown, self.flags)


def _has_moderator_role(interaction: discord.Interaction[TrainedOnBot]) -> bool:
    roles = set(interaction.client.config.discord.moderator_role_ids)
    member = interaction.user
    return bool(roles) and isinstance(member, discord.Member) and any(
        role.id in roles for role in member.roles
    )


# Where a moderator command is offered: servers only (not DMs, not group DMs), whatever the
# tree's default (bot/discordbot/installs.py).
SERVERS_ONLY = app_commands.AppCommandContext(guild=True, dm_channel=False,
                                              private_channel=False)


def moderator_only(**perms: bool) -> Callable[[T], T]:
    """A command for moderators (see `ModeratorRule`), in servers only.

    Sets all the things a moderator command needs: guild-only (offered in servers only), the
    default permissions that hide it from other members, and the bot's own check, which is
    what decides.
    """
    rule = ModeratorRule.of(perms)

    def decorate(command: T) -> T:
        command = app_commands.guild_only(command)
        command = app_commands.allowed_contexts(guilds=True, dms=False,
                                                private_channels=False)(command)
        command = app_commands.default_permissions(rule.required)(command)
        return app_commands.check(rule.allows)(command)

    return decorate


class ModeratorGroup(app_commands.Group):
    """`moderator_only` for a command with subcommands: the rule holds for every one of them.

    Discord takes guild-only and default permissions from the top-level command only; the bot's
    check runs as the group's `interaction_check` before any subcommand.
    """

    def __init__(self, *, name: str, description: str, **perms: bool) -> None:
        self.rule = ModeratorRule.of(perms)
        super().__init__(name=name, description=description, guild_only=True,
                         allowed_contexts=SERVERS_ONLY, default_permissions=self.rule.required)

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        return await self.rule.allows(interaction)


class NotOwner(app_commands.CheckFailure):
    """Someone other than the bot's owner (or its team) asked for an owner-only command."""

    def __init__(self) -> None:
        super().__init__(ENGLISH("error-not-owner"))


async def _is_owner(interaction: discord.Interaction[TrainedOnBot]) -> bool:
    if await interaction.client.is_owner(interaction.user):
        return True
    raise NotOwner()


def is_owner_check(check: Callable[..., Any]) -> bool:
    """Whether `check` is the one `owner_only` adds (for /help's list of who may run what)."""
    return check is _is_owner


def owner_only(command: T) -> T:
    """A command for the bot's owner (the application's owner or team) only.

    Hidden from members without Administrator; the bot's own check is what decides.
    """
    command = app_commands.default_permissions(administrator=True)(command)
    return app_commands.check(_is_owner)(command)
