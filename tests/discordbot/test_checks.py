"""A moderator command is declared once: a misspelt permission fails at import, not at run time.

Who is let in is tested against the real client in test_access.py; these are the declarations.
"""

from __future__ import annotations

import discord
import pytest
from discord import app_commands

from bot.discordbot.checks import ModeratorGroup, NotModerator, moderator_only, shown_permission


def test_a_misspelt_permission_fails_when_the_command_is_declared() -> None:
    with pytest.raises(TypeError, match="'manage_chanels' is not a Discord permission; "
                                        "did you mean 'manage_channels'"):

        @app_commands.command(name="probe", description="A command with a typo")
        @moderator_only(manage_chanels=True)
        async def probe(interaction: discord.Interaction) -> None:
            pass


def test_a_misspelt_permission_fails_when_the_group_is_declared() -> None:
    with pytest.raises(TypeError, match="'manage_server' is not a Discord permission"):
        ModeratorGroup(name="probe", description="A group with a typo", manage_server=True)


@pytest.mark.parametrize("perms", [{}, {"manage_channels": False}],
                         ids=["no-permission", "a-permission-set-false"])
def test_a_rule_names_permissions_that_let_members_in(perms: dict[str, bool]) -> None:
    with pytest.raises(ValueError, match="each set to True"):
        moderator_only(**perms)


def test_one_decorator_sets_guild_only_default_permissions_and_the_check() -> None:
    @app_commands.command(name="probe", description="A moderator command")
    @moderator_only(manage_guild=True)
    async def probe(interaction: discord.Interaction) -> None:
        pass

    assert probe.guild_only
    assert probe.default_permissions == discord.Permissions(manage_guild=True)
    assert len(probe.checks) == 1


def test_a_group_carries_the_same_declaration_for_its_subcommands() -> None:
    group = ModeratorGroup(name="probe", description="Moderator subcommands",
                           manage_channels=True)
    assert group.guild_only
    assert group.default_permissions == discord.Permissions(manage_channels=True)


def test_permissions_are_named_as_discord_shows_them() -> None:
    assert shown_permission("manage_channels") == "Manage Channels"
    assert shown_permission("manage_guild") == "Manage Server"
    assert str(NotModerator(["Manage Server"])) == (
        "You need the Manage Server permission or a moderator role to do that.")
    assert str(NotModerator(["Manage Channels", "Manage Server"])).startswith(
        "You need the Manage Channels and Manage Server permissions or")
