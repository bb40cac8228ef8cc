"""The background update check: on an interval, fetch what changed upstream and rebuild.

Off unless `updates.check_interval_minutes` is set. Only the leader process runs it (one
process: always that one); when the leader dies, the next one takes the loop over. A failure
is logged, reported to the operators' channel if one is configured, and retried after the
`retry_minutes` steps; it never takes the bot down, and the old index keeps serving.
"""

from __future__ import annotations

import logging
import time

from discord.ext import commands, tasks

from bot.discordbot.announce import announce_rebuild
from bot.discordbot.client import TrainedOnBot
from bot.discordbot.i18n import messages_for_guild
from bot.discordbot.safety import NO_MENTIONS, safe
from bot.errors import TrainedOnError
from bot.updates import run_cycle, seconds_to_next_cycle

log = logging.getLogger(__name__)


class Updates(commands.Cog):
    """Keeps the index in step with the datasets' hosting."""

    def __init__(self, bot: TrainedOnBot) -> None:
        self.bot = bot
        self.settings = bot.config.settings.updates
        self._failures = 0  # failed cycles in a row

    async def cog_load(self) -> None:
        if self.settings.check_interval_minutes > 0:
            cluster = self.bot.require_cluster()
            cluster.leader.on_change(self._leading)
            self._leading(cluster.leader.is_leader)

    def _leading(self, leader: bool) -> None:
        """Run the loop while this process leads, and only then."""
        if leader and not self.update_check.is_running():
            self.update_check.start()
            log.info("leading: checking for dataset updates every %s minutes",
                     self.settings.check_interval_minutes)
        elif not leader and self.update_check.is_running():
            self.update_check.cancel()
            log.info("no longer leading: the update check runs in the leader")

    async def cog_unload(self) -> None:
        self.update_check.cancel()

    @tasks.loop(name="update-check")  # the wait is set after each cycle, by _wait_after
    async def update_check(self) -> None:
        """One cycle: ask, fetch, rebuild in the index service's child process, announce."""
        started = time.monotonic()
        try:
            cycle = await run_cycle(self.bot.config, self.bot.index.reload)
            if cycle.report is not None:
                if self.bot.build_sync is not None:
                    await self.bot.build_sync.rebuilt(cycle.report)
                await announce_rebuild(self.bot, cycle.report)
        except Exception as exc:  # the loop must outlive any failure
            self._failures += 1
            delay = seconds_to_next_cycle(self.settings, self._failures)
            reason = str(exc) if isinstance(exc, TrainedOnError) else repr(exc)
            log.warning("update check failed (%d in a row): %s; next try in %.0f s",
                        self._failures, reason, delay,
                        exc_info=not isinstance(exc, TrainedOnError))
            await self._tell_operators("update-check-failed", reason=safe(reason, 1500),
                                       minutes=round(delay / 60))
        else:
            self._failures = 0
            delay = seconds_to_next_cycle(self.settings, self._failures)
            if cycle.changed:
                log.info("dataset update applied: %s", ", ".join(cycle.changes))
        self._wait_after(started, delay)

    @update_check.before_loop
    async def _until_ready(self) -> None:
        await self.bot.wait_until_ready()

    def _wait_after(self, started: float, delay: float) -> None:
        """Start the next cycle `delay` seconds after this one ended.

        tasks.loop counts its interval from each cycle's start, and a cycle that fetched and
        rebuilt may have taken minutes: "next try in 5 min" must mean 5 minutes from now.
        """
        self.update_check.change_interval(seconds=time.monotonic() - started + delay)

    async def _tell_operators(self, key: str, **values: str | int) -> None:
        channel_id = self.settings.operators_channel_id
        if channel_id is None:
            return
        channel = self.bot.get_channel(channel_id)  # known: its server's language
        msg = messages_for_guild(getattr(channel, "guild", None))
        try:
            await self.bot.get_partial_messageable(channel_id).send(
                msg(key, **values), allowed_mentions=NO_MENTIONS
            )
        except Exception as exc:  # reporting must not fail the loop
            log.warning("could not report to the operators' channel %s: %s", channel_id, exc)


async def setup(bot: TrainedOnBot) -> None:
    await bot.add_cog(Updates(bot))
