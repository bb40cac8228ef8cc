"""discord.py's process-wide addresses point at the configured API while a bot runs, then back."""

from __future__ import annotations

import asyncio

import discord
from discord.gateway import DiscordWebSocket
from discord.http import Route
from discord_double import DiscordDouble

from bot.discordbot.endpoint import ApiOverride


def addresses() -> tuple[str, str]:
    return Route.BASE, str(DiscordWebSocket.DEFAULT_GATEWAY)


async def run_once(double: DiscordDouble) -> tuple[str, str]:
    """Start a client through an override, note the addresses while it runs, close it."""
    client = discord.Client(intents=discord.Intents.none())
    override = ApiOverride(double.api_url + "/")
    started = asyncio.create_task(override.start(client, double.token, reconnect=False))
    try:
        await double.wait_for_identify(timeout=10)
        return addresses()
    finally:
        await client.close()
        override.restore()
        await asyncio.wait_for(started, 10)


async def test_bots_in_turn_each_reach_their_own_double_and_leave_the_addresses_as_found(
) -> None:
    before = addresses()
    for _ in range(2):  # a new double, on a new port, each time
        async with DiscordDouble() as double:
            assert await run_once(double) == (double.api_url, double.gateway_url)
            assert addresses() == before
