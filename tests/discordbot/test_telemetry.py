"""One log record per finished command, with its fields, through the real client and the double."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest
from discord_double import is_deferred, is_ephemeral
from helpers.bot_world import GENERAL, GUILD_ID, world
from helpers.workspace import Workspace

from bot.logging_setup import JsonFormatter

FIELDS = {"command", "guild", "outcome", "elapsed_ms"}


async def telemetry_records(caplog: pytest.LogCaptureFixture, count: int
                            ) -> list[logging.LogRecord]:
    """The telemetry records, once there are `count` (the last is logged after the answer)."""
    for _ in range(500):
        found = [r for r in caplog.records if r.name == "bot.discordbot.telemetry"]
        if len(found) >= count:
            return found
        await asyncio.sleep(0.01)
    raise AssertionError(f"expected {count} telemetry records, found {len(found)}")


def fields_of(record: logging.LogRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in FIELDS}


async def test_each_finished_command_is_one_record_with_its_outcome_and_never_the_search(
    workspace: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.discordbot.telemetry")
    async with world(workspace, {"discord": {"lookups_per_minute": 1}}) as (
        double, bot, people, _
    ):
        found = await double.slash("lookup", "artist", {"name": "radiohead"}, user=people.alice,
                                   guild_id=GUILD_ID, channel_id=GENERAL)
        await found.followups()
        [answered] = await telemetry_records(caplog, 1)

        again = await double.slash("lookup", "artist", {"name": "radiohead"}, user=people.alice,
                                   guild_id=GUILD_ID, channel_id=GENERAL)
        assert is_ephemeral(await again.response())
        limited = (await telemetry_records(caplog, 2))[1]

        not_a_moderator = await double.slash("reload", user=people.alice, guild_id=GUILD_ID,
                                             channel_id=GENERAL)
        assert is_ephemeral(await not_a_moderator.response())
        refused = (await telemetry_records(caplog, 3))[2]

        async def broken(*_: object) -> None:
            raise RuntimeError("the index fell over")

        bot.index.run = broken  # type: ignore[method-assign]
        failing = await double.slash("lookup", "artist", {"name": "björk"}, user=people.bob,
                                     guild_id=GUILD_ID, channel_id=GENERAL)
        assert is_deferred(await failing.response())
        await failing.followups()
        error = (await telemetry_records(caplog, 4))[3]

    expected = [("lookup artist", "answered"), ("lookup artist", "rate-limited"),
                ("reload", "refused"), ("lookup artist", "error")]
    records = [answered, limited, refused, error]
    assert [(fields_of(r)["command"], fields_of(r)["outcome"]) for r in records] == expected
    for record in records:
        fields = fields_of(record)
        assert record.levelno == logging.INFO
        assert fields["guild"] == str(GUILD_ID)
        assert isinstance(fields["elapsed_ms"], int) and fields["elapsed_ms"] >= 0
        line = json.loads(JsonFormatter().format(record))
        assert set(line) == {"time", "level", "logger", "message"} | FIELDS
        assert fields == {key: line[key] for key in FIELDS}
        text = json.dumps(line, ensure_ascii=False).lower()
        assert "radiohead" not in text and "björk" not in text  # never what was searched
        assert str(people.alice.user_id) not in text and str(people.bob.user_id) not in text
        assert double.token not in text
    # One record each, not one per answer sent.
    assert len([r for r in caplog.records if r.name == "bot.discordbot.telemetry"]) == 4


async def test_autocomplete_is_not_recorded(workspace: Workspace,
                                            caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="bot.discordbot.telemetry")
    async with world(workspace) as (double, _, people, _):
        typed = await double.autocomplete("lookup", "artist", focused="name",
                                          options={"name": "radioh"}, user=people.alice,
                                          guild_id=GUILD_ID, channel_id=GENERAL)
        await typed.response()
        helped = await double.slash("help", user=people.alice, guild_id=GUILD_ID,
                                    channel_id=GENERAL)
        await helped.response()
        [record] = await telemetry_records(caplog, 1)
    assert (fields_of(record)["command"], fields_of(record)["outcome"]) == ("help", "answered")
