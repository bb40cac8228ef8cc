"""/check catalog: a whole catalog file checked at once, with progress and a CSV report.

The check runs in a worker thread, one catalog at a time, so other people's lookups keep
their own threads; the reply is edited every few seconds with the progress.
"""

from __future__ import annotations

import asyncio
import io
import logging
import time
from collections.abc import Sequence

import discord
from discord import app_commands
from discord.ext import commands

from bot.catalog.check import CatalogReport, check_catalog
from bot.catalog.decode import check_catalog_size
from bot.catalog.parse import CatalogRow, parse_catalog
from bot.catalog.report import report_csv
from bot.datasets.guidance import NextSteps
from bot.discordbot.client import TrainedOnBot
from bot.discordbot.guidance import GuidanceView
from bot.discordbot.i18n import ENGLISH, Messages, messages_for, tr
from bot.discordbot.installs import answers_privately, for_everyone
from bot.discordbot.render import FOUND, NEUTRAL, footer_text
from bot.discordbot.safety import NO_MENTIONS, fit_embed, safe

log = logging.getLogger(__name__)

PROGRESS_EVERY_SECONDS = 2.0
STRONGEST_SHOWN = 8


@for_everyone
class Catalog(commands.GroupCog, group_name="check"):
    """Check a whole catalog against every indexed dataset."""

    def __init__(self, bot: TrainedOnBot) -> None:
        self.bot = bot
        self.settings = bot.config.settings.catalog
        self._one_at_a_time = asyncio.Semaphore(1)
        super().__init__()

    @app_commands.command(name="catalog",
                          description="Check a CSV or 'Artist - Title' list against the datasets")
    @app_commands.describe(file="CSV with artist and title columns (optional YouTube and Spotify "
                                "links), or 'Artist - Title' lines",
                           private="Only you see the answer")
    @app_commands.checks.cooldown(2, 60.0, key=lambda i: i.user.id)
    async def catalog(self, interaction: discord.Interaction, file: discord.Attachment,
                      private: bool = False) -> None:
        # The size Discord states refuses a large file before it is downloaded; the bytes that
        # arrive are checked too, in case the CDN sends more than that (discord.py reads the
        # whole body, so this bounds the work after the download, not the download itself).
        check_catalog_size(file.size, file.filename, self.settings.max_file_mb)
        private = private or answers_privately(interaction)
        await interaction.response.defer(ephemeral=private, thinking=True)
        data = await file.read()
        check_catalog_size(len(data), file.filename, self.settings.max_file_mb)
        catalog = await asyncio.to_thread(parse_catalog, data, file.filename,
                                          self.settings.max_rows)
        if self._one_at_a_time.locked():
            await interaction.edit_original_response(
                content=tr(interaction, "catalog-queued"), allowed_mentions=NO_MENTIONS,
            )
        async with self._one_at_a_time:
            report = await self._check(interaction, catalog.rows)
        report_file = discord.File(io.BytesIO(report_csv(report)),
                                   filename=f"{_stem(file.filename)}-trainedon-report.csv")
        steps = await self._steps(report)
        timeout = self.bot.config.discord.page_timeout_seconds
        msg = messages_for(interaction)
        view = (GuidanceView(steps, interaction.user.id, timeout, msg) if steps is not None
                else None)
        message = await interaction.edit_original_response(
            content=None, embed=catalog_embed(report, file.filename, msg),
            attachments=[report_file], view=view, allowed_mentions=NO_MENTIONS,
        )
        if view is not None:
            view.message = message

    async def _steps(self, report: CatalogReport) -> NextSteps | None:
        """The guidance for the datasets holding found rows (not uncertain ones), if any.

        Read off the event loop: after an edit, the file is parsed and validated again.
        """
        listed = [(tally.id, tally.name) for tally in report.datasets if tally.found]
        guidance = await asyncio.to_thread(self.bot.guidance.current) if listed else None
        return guidance.next_steps(listed) if guidance is not None else None

    async def _check(self, interaction: discord.Interaction,
                     rows: Sequence[CatalogRow]) -> CatalogReport:
        searcher = self.bot.index.searcher
        loop = asyncio.get_running_loop()
        progress = {"done": 0, "total": len(rows)}

        def advance(done: int, total: int) -> None:  # called from the worker thread
            loop.call_soon_threadsafe(progress.update, {"done": done, "total": total})

        work = asyncio.create_task(asyncio.to_thread(
            check_catalog, searcher, rows, progress=advance,
        ))
        last = time.monotonic()
        while not work.done():
            await asyncio.wait({work}, timeout=0.5)
            if not work.done() and time.monotonic() - last >= PROGRESS_EVERY_SECONDS:
                last = time.monotonic()
                await _show_progress(interaction, progress["done"], progress["total"])
        return work.result()


async def _show_progress(interaction: discord.Interaction, done: int, total: int) -> None:
    try:
        await interaction.edit_original_response(
            content=tr(interaction, "catalog-progress", done=done, total=total),
            allowed_mentions=NO_MENTIONS,
        )
    except discord.HTTPException as exc:  # progress is a courtesy: never fail the check
        log.debug("could not show catalog progress: %s", exc)


def catalog_embed(report: CatalogReport, filename: str, msg: Messages = ENGLISH
                  ) -> discord.Embed:
    """The summary: how many rows were found, per dataset and in total, the strongest."""
    totals = report.totals
    found = (msg("catalog-found-by-id", found=totals["found"], rows=totals["rows"],
                 by_id=report.found_by_id) if report.found_by_id
             else msg("catalog-found", found=totals["found"], rows=totals["rows"]))
    parts = [found, msg("catalog-uncertain", count=totals["uncertain"]),
             msg("catalog-not-found", count=totals["not found"])]
    if totals.get("invalid"):
        parts.append(msg("catalog-unreadable", count=totals["invalid"]))
    embed = discord.Embed(
        title=msg("catalog-title", file=safe(filename, 200)),
        description=" · ".join(parts),
        colour=FOUND if totals["found"] else NEUTRAL,
    )
    for tally in report.datasets:
        name = safe(tally.name, 200)
        if tally.demo and "demo" not in tally.name.lower():
            name = msg("dataset-demo", name=name)
        embed.add_field(name=name, value=msg("catalog-dataset", found=tally.found,
                                             uncertain=tally.uncertain), inline=True)
    strongest = report.strongest(STRONGEST_SHOWN)
    if strongest:
        lines = []
        for result in strongest:
            assert result.match is not None
            how = (msg("catalog-by-exact-id") if result.matched_by == "exact id"
                   else msg("catalog-score", score=round(result.match.score)))
            lines.append(
                f"• {safe(result.row.artist or '', 60)} – {safe(result.row.title, 80)} → "
                f"{safe(result.match.title, 80)} ({how})"
            )
        embed.add_field(name=msg("catalog-strongest"), value="\n".join(lines), inline=False)
    demo = bool(report.datasets) and all(t.demo for t in report.datasets if t.found)
    embed.set_footer(text=footer_text(report.index_built_at, demo=demo,
                                       extra=msg("catalog-full-results"), msg=msg))
    return fit_embed(embed, msg)


def _stem(filename: str) -> str:
    stem = filename.rsplit(".", 1)[0] or "catalog"
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in stem)[:60]


async def setup(bot: TrainedOnBot) -> None:
    await bot.add_cog(Catalog(bot))
