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

from bot.discordbot.checks import ModeratorGroup, ModeratorRule, is_owner_check

Command = app_commands.Command[Any, ..., Any]


@dataclass(frozen=True, slots=True)
class CommandEntry:
    """One leaf command as /help lists it."""

    usage: str  # "/lookup artist name: [private:]"
    description: str
    who: str  # "everyone", "Manage Channels or a moderator role", "the bot's owner"
    servers_only: bool


def who_may(command: Command) -> str:
    """Who the bot lets run `command`, from the checks it enforces."""
    rule: ModeratorRule | None = None
    if isinstance(command.parent, ModeratorGroup):
        rule = command.parent.rule
    for check in command.checks:
        if is_owner_check(check):
            return "the bot's owner"
        owner = getattr(check, "__self__", None)
        if isinstance(owner, ModeratorRule):
            rule = owner
    if rule is not None:
        return f"{' and '.join(rule.shown)} or a moderator role"
    return "everyone"


def usage(command: Command) -> str:
    """The command as typed: required options bare, optional ones in brackets."""
    parts = [f"/{command.qualified_name}"]
    for parameter in command.parameters:
        shown = f"{parameter.display_name}:"
        parts.append(shown if parameter.required else f"[{shown}]")
    return " ".join(parts)


def servers_only(command: Command) -> bool:
    """Whether the command refuses direct messages (its own setting or its group's)."""
    top: Any = command.root_parent or command
    return bool(top.guild_only)


def command_entries(commands: Iterable[app_commands.Command[Any, ..., Any]
                                       | app_commands.Group]) -> list[CommandEntry]:
    """Every leaf command of the tree, in the order they were registered."""
    found = []
    for each in commands:
        leaves = each.walk_commands() if isinstance(each, app_commands.Group) else [each]
        for leaf in leaves:
            if isinstance(leaf, app_commands.Command):
                found.append(CommandEntry(usage(leaf), leaf.description, who_may(leaf),
                                          servers_only(leaf)))
    return found
