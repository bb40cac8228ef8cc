"""The bot in the reader's language: Fluent message catalogue and discord.py translator.

`tr(interaction, "key", **variables)` gives one sentence in the interaction's locale;
`messages_for(interaction)` a `Messages` for functions that write many; `ENGLISH` is the
source; `error_text(error, msg)` an error's sentence (bot/errors.py) in that language.
Command names and descriptions reach Discord through `CatalogueTranslator`, set on the tree
before the commands are synced.
"""

from bot.discordbot.i18n.commands import (
    CatalogueTranslator,
    choice_key,
    command_description,
    command_key,
    command_path,
    localized,
    option_key,
    option_name,
)
from bot.discordbot.i18n.loader import SHIPPED, SOURCE, Catalogue, catalogue, resolve
from bot.discordbot.i18n.messages import (
    ENGLISH,
    Messages,
    messages_for,
    messages_for_guild,
    server_locale,
    tr,
)
from bot.discordbot.i18n.refusal import Refusal, StoreUnavailable, error_text

__all__ = [
    "ENGLISH",
    "SHIPPED",
    "SOURCE",
    "Catalogue",
    "CatalogueTranslator",
    "Messages",
    "Refusal",
    "StoreUnavailable",
    "catalogue",
    "choice_key",
    "command_description",
    "command_key",
    "command_path",
    "error_text",
    "localized",
    "messages_for",
    "messages_for_guild",
    "option_key",
    "option_name",
    "resolve",
    "server_locale",
    "tr",
]
