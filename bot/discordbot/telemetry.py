"""One log record per finished command, with fields a log collector can count.

`command` (its full name), `guild` (the server's id as text, as Discord writes ids in JSON;
None in a DM), `outcome` (answered, refused, error, rate-limited) and `elapsed_ms`, from the
moment the command tree took the interaction to the last answer sent. Never what was searched
(often a person's name), never who asked, never the token: docs/PRIVACY.md lists these
fields. Autocomplete, one request per keystroke, is not recorded.

Hooked in where each outcome is known: the tree's check and error handler
(bot/discordbot/errors.py) and the bot's app command completion event (client.py).
"""

from __future__ import annotations

import logging
import time
from typing import Literal

import discord

log = logging.getLogger(__name__)

Outcome = Literal["answered", "refused", "error", "rate-limited"]
ANSWERED: Outcome = "answered"
REFUSED: Outcome = "refused"
ERROR: Outcome = "error"
RATE_LIMITED: Outcome = "rate-limited"

_STARTED = "telemetry.started"  # keys in interaction.extras, which discord.py leaves to bots
_RECORDED = "telemetry.recorded"


def started(interaction: discord.Interaction) -> None:
    """Note when the command tree took the interaction."""
    interaction.extras.setdefault(_STARTED, time.monotonic())


def finished(interaction: discord.Interaction, outcome: Outcome) -> None:
    """Log the interaction's one record (a second call for the same one does nothing)."""
    if interaction.type is discord.InteractionType.autocomplete or interaction.extras.get(
            _RECORDED):
        return
    interaction.extras[_RECORDED] = True
    command = interaction.command.qualified_name if interaction.command else "?"
    began = interaction.extras.get(_STARTED)
    if isinstance(began, float):
        elapsed = time.monotonic() - began
    else:  # refused before the tree took it: from Discord's own timestamp
        elapsed = (discord.utils.utcnow() - interaction.created_at).total_seconds()
    elapsed_ms = max(0, round(elapsed * 1000))
    log.info("/%s %s in %d ms", command, outcome, elapsed_ms,
             extra={"command": command, "guild": _id(interaction.guild_id), "outcome": outcome,
                    "elapsed_ms": elapsed_ms})


def _id(snowflake: int | None) -> str | None:
    """A Discord id as text: 64-bit ids lose digits as JSON numbers in many log tools."""
    return None if snowflake is None else str(snowflake)
