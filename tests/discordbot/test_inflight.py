"""A stopping bot finishes the interactions in flight and turns new ones away with a sentence."""

from __future__ import annotations

import asyncio
import logging

import pytest
from discord_double import SentInteraction, button, is_ephemeral
from helpers.bot_world import GENERAL, GUILD_ID, world
from helpers.workspace import Workspace

from bot.discordbot.inflight import RESTARTING

CALLBACK = r"POST /interactions/\d+/[^/]+/callback"


async def called_back(asked: SentInteraction) -> None:
    """Until the double holds the bot's first answer (its reply to the bot is held back)."""
    for _ in range(1000):
        if asked.record.callbacks:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the bot never answered")


async def test_finishing_waits_for_the_answer_of_an_interaction_in_flight(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, bot, people, _):
        double.fail(CALLBACK, None, delay=2, handled=True)  # the bot waits on its "thinking…"
        asked = await double.slash("lookup", "artist", {"name": "radiohead"}, user=people.alice,
                                   guild_id=GUILD_ID, channel_id=GENERAL)
        await called_back(asked)
        assert len(bot.in_flight) == 1 and not asked.record.followup_ids
        assert await bot.in_flight.finish() == 0
        assert asked.record.followup_ids, "finish() returned before the answer was sent"
        assert len(bot.in_flight) == 0


async def test_finishing_gives_up_after_its_timeout(workspace: Workspace) -> None:
    async with world(workspace) as (double, bot, people, _):
        double.fail(CALLBACK, None, delay=30, handled=True)  # ended when the double stops
        asked = await double.slash("lookup", "artist", {"name": "radiohead"}, user=people.alice,
                                   guild_id=GUILD_ID, channel_id=GENERAL)
        await called_back(asked)
        assert await bot.in_flight.finish(timeout=0.1) == 1
        assert len(bot.in_flight) == 0  # cancelled: nothing runs into the closing session


async def test_a_stopping_bot_answers_new_commands_and_presses_with_one_sentence(
    workspace: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.discordbot.telemetry")
    async with world(workspace) as (double, bot, people, _):
        earlier = await double.slash("lookup", "artist", {"name": "radiohead"},
                                     user=people.alice, guild_id=GUILD_ID, channel_id=GENERAL)
        [answer] = await earlier.followups()
        bot.in_flight.closing = True
        late = await double.slash("lookup", "artist", {"name": "radiohead"}, user=people.bob,
                                  guild_id=GUILD_ID, channel_id=GENERAL)
        refusal = await late.response()
        assert is_ephemeral(refusal) and refusal["data"]["content"] == RESTARTING
        assert late.answered_once
        press = await double.press(button(answer, "›"), message=answer, user=people.alice)
        pressed = await press.response()
        assert is_ephemeral(pressed) and pressed["data"]["content"] == RESTARTING
    outcomes = [(getattr(r, "command", None), getattr(r, "outcome", None))
                for r in caplog.records if r.name == "bot.discordbot.telemetry"]
    assert outcomes == [("lookup artist", "answered"), ("lookup artist", "refused")]
