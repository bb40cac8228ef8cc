"""The interactions being answered, so that a stopping bot finishes them before it closes.

On SIGTERM the runner stops taking interactions (`closing`): a new command or button press
is answered with one sentence asking to try again shortly, while those already running get up
to DRAIN_SECONDS to finish before the gateway, the HTTP session and the stores close. Each
interaction runs in a task of its own (discord.py starts one per command and per press), so
the task is what is tracked: it ends only once the answer, or the error's answer, is sent.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord

from bot.discordbot.i18n import ENGLISH, tr
from bot.discordbot.safety import NO_MENTIONS

log = logging.getLogger(__name__)

# Discord gives up on an unanswered interaction after 3 s and lets a deferred one follow up for
# 15 minutes. 10 s lets every quick answer and nearly every follow-up (a lookup, a catalog
# check) finish without holding up a restart for long; a /reload's rebuild, which may take
# minutes, is cut short like any work left (the index it was replacing keeps serving).
# deploy/trainedon.service's TimeoutStopSec leaves room for it.
DRAIN_SECONDS = 10.0
CANCEL_SECONDS = 1.0  # for what is left to unwind once cancelled
RESTARTING = ENGLISH("error-restarting")  # in the asker's language when sent


class InFlight:
    """The tasks answering interactions now, and whether new ones are still taken."""

    def __init__(self) -> None:
        self.closing = False
        self._tasks: set[asyncio.Task[Any]] = set()

    def __len__(self) -> int:
        return len(self._tasks)

    def track(self) -> None:
        """Count the current task (the one answering an interaction) until it ends."""
        task = asyncio.current_task()
        if task is not None and task not in self._tasks:
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def finish(self, timeout: float = DRAIN_SECONDS) -> int:
        """Take no new interactions; wait up to `timeout` for those running; how many were left.

        What is left is cancelled: closed under it, a command would fail on the closed HTTP
        session and log a traceback for each.
        """
        self.closing = True
        running = set(self._tasks)
        if not running:
            return 0
        _, left = await asyncio.wait(running, timeout=timeout)
        await self.cancel()
        return len(left)

    async def cancel(self) -> None:
        """Cancel what still runs, and give it CANCEL_SECONDS to unwind."""
        self.closing = True
        left = set(self._tasks)
        for task in left:
            task.cancel()
        if left:
            await asyncio.wait(left, timeout=CANCEL_SECONDS)


def in_flight_of(client: discord.Client) -> InFlight | None:
    """The bot's tracker (None for a client without one, as in some tests)."""
    found = getattr(client, "in_flight", None)
    return found if isinstance(found, InFlight) else None


async def admit(interaction: discord.Interaction) -> bool:
    """Whether to answer this interaction: yes, and it is tracked, unless the bot is stopping.

    A refused one is told why (an autocomplete has no room for a sentence: it gets nothing).
    """
    in_flight = in_flight_of(interaction.client)
    if in_flight is None:
        return True
    if not in_flight.closing:
        in_flight.track()
        return True
    if interaction.type is not discord.InteractionType.autocomplete:
        try:
            await interaction.response.send_message(tr(interaction, "error-restarting"),
                                                    ephemeral=True, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            log.debug("could not tell a user that the bot is restarting (HTTP %s)", exc.status)
    return False
