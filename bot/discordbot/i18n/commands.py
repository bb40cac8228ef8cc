"""Command, option and choice names and descriptions in Discord's locales, from the catalogue.

Each command's entry is keyed by where it sits in the tree, so the commands themselves are
declared in plain English: `/lookup artist` is `command-lookup-artist` (its value the name,
its `.description` attribute the description), its option `name` is
`option-lookup-artist-name`, a choice is `choice-<its key extra, else its English name>`.
discord.py asks for every Discord locale when it syncs; English ones, and locales not shipped
(and not of a shipped language: es-419 is served by es-ES), get None: Discord shows the default.
"""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands
from discord.app_commands import TranslationContextLocation as Where

from bot.discordbot.i18n.loader import SOURCE, catalogue, resolve
from bot.discordbot.i18n.messages import Messages

_NAMES = (Where.command_name, Where.group_name, Where.parameter_name, Where.choice_name)
_KEY_UNSAFE = re.compile(r"[^a-zA-Z0-9_-]+")


def command_key(qualified_name: str) -> str:
    """"command-lookup-artist" for `/lookup artist`."""
    return "command-" + "-".join(qualified_name.split())


def option_key(command_name: str, option: str) -> str:
    """"option-lookup-artist-name" for the `name` option of `/lookup artist`."""
    return f"{command_key(command_name).replace('command-', 'option-', 1)}-{option}"


def choice_key(name: str) -> str:
    """"choice-youtube-video" for a choice named "YouTube video" (its `key` extra wins)."""
    return "choice-" + _KEY_UNSAFE.sub("-", name.lower()).strip("-")


def entry_key(string: app_commands.locale_str, context: app_commands.TranslationContextTypes
              ) -> str | None:
    """The catalogue key of a string discord.py asks about, from its place in the tree."""
    data: Any = context.data
    location = context.location
    if location in (Where.command_name, Where.command_description, Where.group_name,
                    Where.group_description):
        return command_key(data.qualified_name)
    if location in (Where.parameter_name, Where.parameter_description):
        return option_key(data.command.qualified_name, data.name)
    if location is Where.choice_name:
        key = string.extras.get("key")
        return key if isinstance(key, str) else choice_key(string.message)
    return None


class CatalogueTranslator(app_commands.Translator):
    """discord.py's translator hook, answered from the Fluent catalogue."""

    async def translate(self, string: app_commands.locale_str, locale: discord.Locale,
                        context: app_commands.TranslationContextTypes) -> str | None:
        return localized(string, locale.value, context)


def localized(string: app_commands.locale_str, locale: str,
              context: app_commands.TranslationContextTypes) -> str | None:
    """The text for `locale`, or None where Discord should show the English default."""
    shipped = resolve(locale)
    key = entry_key(string, context)
    if shipped == SOURCE or key is None or not catalogue().has(shipped, key):
        return None
    attribute = None if context.location in _NAMES else "description"
    return catalogue().format(shipped, key, attribute=attribute)


def _entry(key: str, default: str, msg: Messages, attribute: str | None = None) -> str:
    """A command entry of the catalogue in `msg`'s language, else as the code declares it."""
    if not catalogue().has(msg.locale, key):
        return default
    return msg.attribute(key, attribute) if attribute else msg(key)


def command_path(command: app_commands.Command[Any, ..., Any] | app_commands.Group,
                 msg: Messages) -> str:
    """The command as people type it in their language: "suchen künstler" for /lookup artist."""
    names = []
    node: app_commands.Command[Any, ..., Any] | app_commands.Group | None = command
    while node is not None:
        names.append(_entry(command_key(node.qualified_name), node.name, msg))
        node = node.parent
    return " ".join(reversed(names))


def command_description(command: app_commands.Command[Any, ..., Any] | app_commands.Group,
                        msg: Messages) -> str:
    """What the command does, in `msg`'s language."""
    return _entry(command_key(command.qualified_name), command.description, msg, "description")


def option_name(parameter: app_commands.Parameter, msg: Messages) -> str:
    """An option's name as people see it in their language."""
    return _entry(option_key(parameter.command.qualified_name, parameter.name),
                  parameter.display_name, msg)
