"""The background update check: on an interval, fetch what changed upstream and rebuild.

Off unless `updates.check_interval_minutes` is set. A failure is logged, reported to the
operators' channel if one is configured, and retried after the `retry_minutes` steps; it
never takes the bot down, and the old index keeps serving.
"""

from __future__ import annotations

import asyncio
import logging

from discord.ext import commands

from bot.datasets.manifest import load_manifest
from bot.discordbot.announce import announce_rebuild
from bot.discordbot.client import TrainedOnBot
from bot.discordbot.safety import NO_MENTIONS, safe
from bot.errors import TrainedOnError
from bot.updates import UpdateCycle, check, fetch_changed

log = logging.getLogger(__name__)


class Updates(commands.Cog):
    """Keeps the index in step with the datasets' hosting."""

    def __init__(self, bot: TrainedOnBot) -> None:
        self.bot = bot
        self.settings = bot.config.settings.updates
        self._task: asyncio.Task[None] | None = None

    async def cog_load(self) -> None:
        if self.settings.check_interval_minutes > 0:
            self._task = asyncio.create_task(self._loop(), name="update-check")
            log.info("checking for dataset updates every %s minutes",
                     self.settings.check_interval_minutes)

    async def cog_unload(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def check_once(self) -> UpdateCycle:
        """One cycle: ask, fetch, rebuild, announce. Raises on failure."""
        config = self.bot.config
        manifest = await asyncio.to_thread(load_manifest, config.manifest_path)
        cycle = UpdateCycle(changes=await asyncio.to_thread(check, config, manifest))
        if not cycle.changed:
            return cycle
        cycle.fetched = await asyncio.to_thread(
            fetch_changed, config, manifest, list(cycle.changes)
        )
        cycle.report = await self.bot.index.reload()
        await announce_rebuild(self.bot, cycle.report)
        return cycle

    async def _loop(self) -> None:
        await self.bot.wait_until_ready()
        interval = self.settings.check_interval_minutes * 60
        failures = 0
        while True:
            try:
                cycle = await self.check_once()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the loop must outlive any failure
                failures += 1
                delay = self._retry_delay(failures, interval)
                reason = str(exc) if isinstance(exc, TrainedOnError) else repr(exc)
                log.warning("update check failed (%d in a row): %s; next try in %.0f s",
                            failures, reason, delay, exc_info=not isinstance(exc, TrainedOnError))
                await self._tell_operators(
                    f"Dataset update check failed: {safe(reason, 1500)}\n"
                    f"The current index keeps serving; next try in {delay / 60:.0f} min."
                )
            else:
                failures = 0
                delay = interval
                if cycle.changed:
                    log.info("dataset update applied: %s", ", ".join(cycle.changes))
            await asyncio.sleep(delay)

    def _retry_delay(self, failures: int, interval: float) -> float:
        steps = self.settings.retry_minutes
        if not steps:
            return interval
        return min(interval, steps[min(failures, len(steps)) - 1] * 60) or interval

    async def _tell_operators(self, text: str) -> None:
        channel_id = self.settings.operators_channel_id
        if channel_id is None:
            return
        try:
            await self.bot.get_partial_messageable(channel_id).send(
                text, allowed_mentions=NO_MENTIONS
            )
        except Exception as exc:  # reporting must not fail the loop
            log.warning("could not report to the operators' channel %s: %s", channel_id, exc)


async def setup(bot: TrainedOnBot) -> None:
    await bot.add_cog(Updates(bot))
