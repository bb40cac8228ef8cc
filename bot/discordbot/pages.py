"""Paging through every track of an answer: the view with its buttons, and the page arithmetic.

Only the person who asked can turn pages; when the view times out its buttons are disabled
on the message, so nobody presses a dead button.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import discord

from bot.datasets.guidance import NextSteps
from bot.discordbot.guidance import GuidanceButton
from bot.discordbot.i18n import ENGLISH, Messages, tr
from bot.discordbot.safety import NO_MENTIONS
from bot.discordbot.views import AskerOnlyView
from bot.index.samples import Sample

PAGE_SIZE = 10

# Fetches `limit` tracks of one dataset (by id) of the answer, starting at `offset`.
FetchTracks = Callable[[str, int, int], Awaitable[list[Sample]]]
# Renders one page of tracks: (the tracks, page number from 0, number of pages).
PageEmbed = Callable[[list[Sample], int, int], discord.Embed]
# Builds the evidence files (CSV and JSON) of the whole match.
ExportFiles = Callable[[], Awaitable[list[discord.File]]]


@dataclass(frozen=True, slots=True)
class Slice:
    """Part of a page: `count` tracks of one dataset starting at `offset`."""

    dataset: str
    offset: int
    count: int


def page_count(total: int, page_size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // page_size))


def page_slices(
    counts: list[tuple[str, int]], page: int, page_size: int = PAGE_SIZE
) -> list[Slice]:
    """Which tracks of which datasets make up `page`, datasets taken one after the other."""
    start, end = page * page_size, (page + 1) * page_size
    slices: list[Slice] = []
    position = 0
    for dataset, count in counts:
        lo, hi = max(start, position), min(end, position + count)
        if lo < hi:
            slices.append(Slice(dataset, lo - position, hi - lo))
        position += count
    return slices


class TrackPager(AskerOnlyView):
    """First / back / next / last: page 0 is the answer, then every track, 10 a page.

    `counts` are the tracks per dataset (id, tracks) to page through; with none, only the
    export button is shown (an answer that is already whole, such as a video's rows).
    `guidance`, for a found answer, adds the "What can I do?" button. The labels are in the
    asker's language (`msg`).
    """

    refusal = "refusal-pager"

    def __init__(self, summary: discord.Embed, counts: list[tuple[str, int]],
                 page_embed: PageEmbed, author_id: int, fetch: FetchTracks, timeout: float,
                 export: ExportFiles | None = None, guidance: NextSteps | None = None,
                 msg: Messages = ENGLISH) -> None:
        super().__init__(author_id, timeout)
        self.msg = msg
        self.summary = summary
        self.exporter = export
        self.export.label = msg("button-export")
        if export is None:
            self.remove_item(self.export)
        self.guide = GuidanceButton(guidance, row=1, msg=msg) if guidance is not None else None
        if self.guide is not None:
            self.add_item(self.guide)
        self.page_embed = page_embed
        self.fetch = fetch
        self.counts = [(dataset, tracks) for dataset, tracks in counts if tracks]
        if not self.counts:
            for button in (self.first, self.back, self.position, self.next, self.last):
                self.remove_item(button)
        self.track_pages = page_count(sum(c for _, c in self.counts))
        self.pages = 1 + self.track_pages if self.counts else 1
        self.page = 0
        self._sync_buttons()

    async def render(self) -> discord.Embed:
        if self.page == 0:
            return self.summary
        samples: list[Sample] = []
        for part in page_slices(self.counts, self.page - 1):
            samples += await self.fetch(part.dataset, part.count, part.offset)
        return self.page_embed(samples, self.page - 1, self.track_pages)

    def allows(self, interaction: discord.Interaction) -> bool:
        data = interaction.data
        pressed = data.get("custom_id") if data is not None else None
        # Anyone may take the evidence away, or ask what to do; only the asker turns pages.
        open_to_all = {self.export.custom_id}
        if self.guide is not None:
            open_to_all.add(self.guide.custom_id)
        return super().allows(interaction) or pressed in open_to_all

    async def _show(self, interaction: discord.Interaction, page: int) -> None:
        self.page = max(0, min(page, self.pages - 1))
        self._sync_buttons()
        embed = await self.render()
        await interaction.response.edit_message(embed=embed, view=self,
                                                allowed_mentions=NO_MENTIONS)

    def _sync_buttons(self) -> None:
        first, back, nxt, last = self.first, self.back, self.next, self.last
        first.disabled = back.disabled = self.page == 0
        nxt.disabled = last.disabled = self.page >= self.pages - 1
        self.position.label = (
            self.msg("button-summary") if self.page == 0
            else self.msg("button-tracks-page", page=self.page, pages=self.track_pages)
        )

    @discord.ui.button(label="«", style=discord.ButtonStyle.secondary)
    async def first(self, interaction: discord.Interaction, _: discord.ui.Button[TrackPager]
                    ) -> None:
        await self._show(interaction, 0)

    @discord.ui.button(label="‹", style=discord.ButtonStyle.primary)
    async def back(self, interaction: discord.Interaction, _: discord.ui.Button[TrackPager]
                   ) -> None:
        await self._show(interaction, self.page - 1)

    @discord.ui.button(label="Summary", style=discord.ButtonStyle.secondary, disabled=True)
    async def position(self, interaction: discord.Interaction,
                       _: discord.ui.Button[TrackPager]) -> None:
        await interaction.response.defer()

    @discord.ui.button(label="›", style=discord.ButtonStyle.primary)
    async def next(self, interaction: discord.Interaction, _: discord.ui.Button[TrackPager]
                   ) -> None:
        await self._show(interaction, self.page + 1)

    @discord.ui.button(label="»", style=discord.ButtonStyle.secondary)
    async def last(self, interaction: discord.Interaction, _: discord.ui.Button[TrackPager]
                   ) -> None:
        await self._show(interaction, self.pages - 1)

    @discord.ui.button(label="Export CSV + JSON", style=discord.ButtonStyle.success, row=1)
    async def export(self, interaction: discord.Interaction,
                     _: discord.ui.Button[TrackPager]) -> None:
        """Every track of the answer, with ids, links and the build, as files for the asker."""
        assert self.exporter is not None
        await interaction.response.defer(ephemeral=True, thinking=True)
        files = await self.exporter()
        await interaction.followup.send(
            tr(interaction, "export-sent"), files=files, ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )
