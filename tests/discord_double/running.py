"""Running a real discord.py client against a double for the length of a test."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import discord

from .pointing import pointed_at

if TYPE_CHECKING:
    from .double import DiscordDouble


@asynccontextmanager
async def bot_running(
    double: DiscordDouble, bot: discord.Client, *, timeout: float = 5
) -> AsyncIterator[asyncio.Task[None]]:
    """Start `bot` on `double`, wait until it is ready, and close it cleanly afterwards.

    If `start()` fails before READY its error is raised here rather than a bare timeout;
    on exit the bot is closed and its task awaited (cancelling it would leave sockets open).
    """

    async def ready() -> None:
        await double.wait_for_identify(timeout=timeout)
        await bot.wait_until_ready()

    with pointed_at(double):
        task = asyncio.create_task(bot.start(double.token))
        waiter = asyncio.create_task(ready())
        try:
            done, _ = await asyncio.wait(
                {task, waiter}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
            if task in done:
                task.result()
                raise RuntimeError("the bot stopped before it was ready")
            if waiter not in done:
                raise TimeoutError(f"the bot was not ready within {timeout}s")
            waiter.result()
            yield task
        finally:
            waiter.cancel()
            await bot.close()
            await task
