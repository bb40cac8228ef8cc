"""The list of commands /help shows, read from the registered command tree so it cannot drift.

Each line: the command with its options, its description, and who may use it, taken from the
same declarations the bot enforces (`moderator_only`, `ModeratorGroup`, `owner_only`), and
where it works.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from discord import app_commands

from bot.discordbot.checks import ModeratorGroup, ModeratorRule, is_owner_check, permission_name
from bot.discordbot.i18n import (
    ENGLISH,
    Messages,
    command_description,
    command_path,
    option_name,
)

Command = app_commands.Command[Any, ..., Any]


@dataclass(frozen=True, slots=True)
class CommandEntry:
    """One leaf command as /help lists it."""

    usage: str  # "/lookup artist name: [private:]"
    description: str
    who: str  # "everyone", "Manage Channels or a moderator role", "the bot's owner"
    servers_only: bool


def who_may(command: Command, msg: Messages = ENGLISH) -> str:
    """Who the bot lets run `command`, from the checks it enforces (in `msg`'s language)."""
    rule: ModeratorRule | None = None
    if isinstance(command.parent, ModeratorGroup):
        rule = command.parent.rule
    for check in command.checks:
        if is_owner_check(check):
            return msg("help-who-owner")
        owner = getattr(check, "__self__", None)
        if isinstance(owner, ModeratorRule):
            rule = owner
    if rule is not None:
        names = [permission_name(msg, flag) for flag in rule.flags] or list(rule.shown)
        return msg("help-who-moderators", permissions=msg.join(names))
    return msg("help-who-everyone")


def usage(command: Command, msg: Messages = ENGLISH) -> str:
    """The command as typed in `msg`'s language: required options bare, optional in brackets."""
    parts = [f"/{command_path(command, msg)}"]
    for parameter in command.parameters:
        shown = f"{option_name(parameter, msg)}:"
        parts.append(shown if parameter.required else f"[{shown}]")
    return " ".join(parts)


def servers_only(command: Command) -> bool:
    """Whether the command refuses direct messages (its own setting or its group's)."""
    top: Any = command.root_parent or command
    return bool(command.guild_only or top.guild_only)


def command_entries(commands: Iterable[Command | app_commands.Group | app_commands.ContextMenu],
                    msg: Messages = ENGLISH) -> list[CommandEntry]:
    """Every slash command of the tree (context menus are not typed), in registration order."""
    found = []
    for each in commands:
        if isinstance(each, app_commands.ContextMenu):
            continue
        leaves = each.walk_commands() if isinstance(each, app_commands.Group) else [each]
        for leaf in leaves:
            if isinstance(leaf, app_commands.Command):
                found.append(CommandEntry(usage(leaf, msg), command_description(leaf, msg),
                                          who_may(leaf, msg), servers_only(leaf)))
    return found
