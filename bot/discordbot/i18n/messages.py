"""Sentences in the reader's language: a catalogue bound to one locale, chosen per interaction.

`tr(interaction, "key", name=...)` for one sentence; `messages_for(interaction)` when a
function (a renderer) writes many. Renderers take a `Messages` and default to English, so
what they draw is tested without Discord.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import discord

from bot.discordbot.i18n.loader import SOURCE, Value, catalogue, resolve


class Messages:
    """The catalogue in one shipped locale."""

    __slots__ = ("locale",)

    def __init__(self, locale: str) -> None:
        self.locale = resolve(locale)

    def __call__(self, key: str, /, **args: Value) -> str:
        """Message `key` with its variables.

        Strings go in as given (escape them first), numbers in the locale's digit grouping.
        """
        return catalogue().format(self.locale, key, args)

    def attribute(self, key: str, attribute: str, args: Mapping[str, Value] | None = None
                  ) -> str:
        """One attribute of message `key` (`.description` of a command, for instance)."""
        return catalogue().format(self.locale, key, args, attribute=attribute)

    def number(self, value: int | float, *, tenths: bool = False) -> str:
        """A number as this locale writes it: "1,234" or "12.3" in English, "1.234" in German."""
        if tenths:
            return self("number-tenths", value=round(value, 1))
        return self("number", value=round(value))

    def join(self, items: Sequence[str]) -> str:
        """"a, b and c" in this locale's words (no serial comma, as the bot always wrote)."""
        if len(items) < 2:
            return "".join(items)
        return self("list-and", items=self("list-separator").join(items[:-1]), last=items[-1])

    def __repr__(self) -> str:
        return f"Messages({self.locale!r})"


ENGLISH = Messages(SOURCE)


def messages_for(interaction: discord.Interaction) -> Messages:
    """The catalogue in the language of the person who used the command or pressed."""
    return Messages(interaction.locale.value)


def messages_for_guild(guild: discord.Guild | None) -> Messages:
    """For posts to a channel, read by everyone there: the server's language.

    Community servers choose it; Discord says en-US for the others.
    """
    return Messages(guild.preferred_locale.value) if guild is not None else ENGLISH


def server_locale(interaction: discord.Interaction) -> str | None:
    """The language of the server a command was run in, to store for its posts; None in a DM."""
    return interaction.guild_locale.value if interaction.guild_locale is not None else None


def tr(interaction: discord.Interaction, key: str, /, **args: Value) -> str:
    """One sentence in the interaction's language.

    `tr(interaction, "privacy-forgotten", watches=3)`
    """
    return messages_for(interaction)(key, **args)
