"""/lookup artist, /lookup song and /lookup link, with autocomplete, paging and a cooldown."""

from __future__ import annotations

import asyncio
import io
import logging
from functools import partial

import discord
from discord import app_commands
from discord.ext import commands

from bot.catalog.export import (
    Export,
    export_csv,
    export_guidance_csv,
    export_json,
    export_link,
    export_match,
)
from bot.datasets.guidance import Guidance, NextSteps
from bot.discordbot.client import TrainedOnBot
from bot.discordbot.i18n import ENGLISH, messages_for, tr
from bot.discordbot.installs import answers_privately, for_everyone
from bot.discordbot.pages import ExportFiles, FetchTracks, TrackPager
from bot.discordbot.render import link_embed, link_page_embed, lookup_embed, track_page_embed
from bot.discordbot.safety import NO_MENTIONS, choices
from bot.errors import IndexNotReady
from bot.index.samples import Sample
from bot.index.schema import NameKind
from bot.search.identity import read_link
from bot.search.results import DatasetCount, LinkResult, LookupResult, Match
from bot.text.links import MAX_INPUT_CHARS
from bot.text.normalize import normalize_name

log = logging.getLogger(__name__)

SUGGESTIONS = 25
# The answer shows sample tracks and artist ids for the best match only (render.lookup_embed);
# the others are listed by name, score and count, so their samples are not fetched.
SHOWN_IN_FULL = 1
MAX_QUERY = 200
NOTHING_TO_LOOK_UP = ENGLISH("lookup-nothing")


def _cooldown(interaction: discord.Interaction[TrainedOnBot]) -> app_commands.Cooldown:
    return app_commands.Cooldown(interaction.client.config.discord.lookups_per_minute, 60.0)


@for_everyone
class Lookup(commands.GroupCog, group_name="lookup"):
    """Is an artist or a song in the indexed datasets?"""

    def __init__(self, bot: TrainedOnBot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="artist", description="Is this artist in the AI-training datasets?")
    @app_commands.describe(name="The artist's name (typos are fine)",
                           private="Only you see the answer")
    @app_commands.checks.dynamic_cooldown(_cooldown, key=lambda i: i.user.id)
    async def artist(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 200],
                     private: bool = False) -> None:
        if not await _searchable(interaction, name):
            return
        private = private or answers_privately(interaction)
        await interaction.response.defer(ephemeral=private, thinking=True)
        searcher = self.bot.index.searcher
        result = await self.bot.index.run(searcher.lookup_artist, name, detailed=SHOWN_IN_FULL)
        await self._answer(interaction, result, private)

    @app_commands.command(name="song", description="Is this song in the AI-training datasets?")
    @app_commands.describe(title="The song's title (typos are fine)",
                           artist="The artist, to tell songs with the same title apart",
                           private="Only you see the answer")
    @app_commands.checks.dynamic_cooldown(_cooldown, key=lambda i: i.user.id)
    async def song(self, interaction: discord.Interaction, title: app_commands.Range[str, 1, 200],
                   artist: app_commands.Range[str, 1, 200] | None = None,
                   private: bool = False) -> None:
        if not await _searchable(interaction, title):
            return
        private = private or answers_privately(interaction)
        await interaction.response.defer(ephemeral=private, thinking=True)
        searcher = self.bot.index.searcher
        result = await self.bot.index.run(searcher.lookup_song, title, artist,
                                          detailed=SHOWN_IN_FULL)
        await self._answer(interaction, result, private)

    @app_commands.command(name="link",
                          description="Which datasets list this YouTube, Spotify or FMA link?")
    @app_commands.describe(url="A video, channel, Spotify track or artist link, or a bare id",
                           private="Only you see the answer")
    @app_commands.checks.dynamic_cooldown(_cooldown, key=lambda i: i.user.id)
    async def link(self, interaction: discord.Interaction,
                   url: app_commands.Range[str, 1, MAX_INPUT_CHARS],
                   private: bool = False) -> None:
        # Not a link we know, or one only a web request could resolve: one private sentence,
        # from the error handler, before anything is deferred.
        link = read_link(url)
        private = private or answers_privately(interaction)
        await interaction.response.defer(ephemeral=private, thinking=True)
        searcher = self.bot.index.searcher
        result = await self.bot.index.run(searcher.lookup_link, link, None, url.strip())
        msg = messages_for(interaction)
        embed = link_embed(result, msg)
        if not result.found:
            await interaction.followup.send(embed=embed, ephemeral=private,
                                            allowed_mentions=NO_MENTIONS)
            return
        counts = [(d.id, d.tracks) for d in result.datasets] if result.is_artist else []
        guidance = await self._guidance(result.listed_in)
        pager = TrackPager(embed, counts, partial(link_page_embed, result, msg=msg),
                           interaction.user.id, self._link_fetcher(result), self._page_timeout,
                           export=self._link_exporter(result, guidance),
                           guidance=_steps(guidance, result.listed_in), msg=msg)
        pager.message = await interaction.followup.send(
            embed=embed, view=pager, ephemeral=private, allowed_mentions=NO_MENTIONS, wait=True
        )

    @artist.autocomplete("name")
    async def _artist_names(self, interaction: discord.Interaction, current: str
                            ) -> list[app_commands.Choice[str]]:
        return await self._suggest(NameKind.ARTIST, current)

    @song.autocomplete("title")
    async def _song_titles(self, interaction: discord.Interaction, current: str
                           ) -> list[app_commands.Choice[str]]:
        return await self._suggest(NameKind.TITLE, current)

    @song.autocomplete("artist")
    async def _song_artists(self, interaction: discord.Interaction, current: str
                            ) -> list[app_commands.Choice[str]]:
        return await self._suggest(NameKind.ARTIST, current)

    async def _suggest(self, kind: NameKind, current: str) -> list[app_commands.Choice[str]]:
        """The person's own text first, then the closest indexed names."""
        text = current.strip()
        if not normalize_name(text[:MAX_QUERY]):  # blank, or only invisible characters
            return []
        try:
            searcher = self.bot.index.searcher
        except IndexNotReady:
            return []
        names = await self.bot.index.run(searcher.suggest, kind, text, SUGGESTIONS)
        return choices([text, *names])

    async def _answer(self, interaction: discord.Interaction, result: LookupResult,
                      private: bool) -> None:
        msg = messages_for(interaction)
        embed = lookup_embed(result, msg)
        if not result.found:
            await interaction.followup.send(embed=embed, ephemeral=private,
                                            allowed_mentions=NO_MENTIONS)
            return
        match = result.matches[0]
        page_embed = partial(track_page_embed, match, result.kind,
                             built_at=result.index_built_at, msg=msg)
        guidance = await self._guidance(result.listed_in)  # none for an uncertain answer
        pager = TrackPager(embed, [(d.id, d.tracks) for d in match.datasets], page_embed,
                           interaction.user.id, self._fetcher(match), self._page_timeout,
                           export=self._exporter(result, guidance),
                           guidance=_steps(guidance, result.listed_in), msg=msg)
        pager.message = await interaction.followup.send(
            embed=embed, view=pager, ephemeral=private, allowed_mentions=NO_MENTIONS, wait=True
        )

    @property
    def _page_timeout(self) -> float:
        return self.bot.config.discord.page_timeout_seconds

    async def _guidance(self, listed: tuple[DatasetCount, ...]) -> Guidance | None:
        """The guidance file, for an answer that lists the song somewhere (else None).

        Read off the event loop: after an edit, the file is parsed and validated again.
        """
        return await asyncio.to_thread(self.bot.guidance.current) if listed else None

    def _exporter(self, result: LookupResult, guidance: Guidance | None) -> ExportFiles:
        searcher = self.bot.index.searcher  # the evidence comes from the index that answered

        async def files() -> list[discord.File]:
            export = await self.bot.index.run(export_match, searcher, result, guidance=guidance)
            return _files(export, f"trainedon-{result.kind}-{_slug(export.match_name)}")

        return files

    def _link_exporter(self, result: LinkResult, guidance: Guidance | None) -> ExportFiles:
        searcher = self.bot.index.searcher

        async def files() -> list[discord.File]:
            export = await self.bot.index.run(export_link, searcher, result, guidance=guidance)
            return _files(export, f"trainedon-{result.link.kind}-{_slug(result.link.id)}")

        return files

    def _link_fetcher(self, result: LinkResult) -> FetchTracks:
        searcher = self.bot.index.searcher

        async def fetch(dataset_id: str, limit: int, offset: int) -> list[Sample]:
            dataset = searcher.reader.dataset(dataset_id)
            if dataset is None:
                return []
            return await self.bot.index.run(searcher.link_tracks, result.link, dataset, limit,
                                            offset)

        return fetch

    def _fetcher(self, match: Match) -> FetchTracks:
        searcher = self.bot.index.searcher  # pages come from the index that answered

        async def fetch(dataset_id: str, limit: int, offset: int) -> list[Sample]:
            dataset = searcher.reader.dataset(dataset_id)
            if dataset is None:
                return []
            return await self.bot.index.run(searcher.tracks, match.key, dataset, limit, offset)

        return fetch


async def _searchable(interaction: discord.Interaction, text: str) -> bool:
    """Refuse, in one private sentence, a query that is blank once invisible characters go.

    Such a query could only ever answer "not found", which would read as a verdict.
    """
    if normalize_name(text[:MAX_QUERY]):
        return True
    await interaction.response.send_message(tr(interaction, "lookup-nothing"), ephemeral=True,
                                            allowed_mentions=NO_MENTIONS)
    return False


def _steps(guidance: Guidance | None, listed: tuple[DatasetCount, ...]) -> NextSteps | None:
    return guidance.next_steps((d.id, d.name) for d in listed) if guidance else None


def _files(export: Export, stem: str) -> list[discord.File]:
    files = [
        discord.File(io.BytesIO(export_csv(export)), filename=f"{stem}.csv"),
        discord.File(io.BytesIO(export_json(export)), filename=f"{stem}.json"),
    ]
    guidance = export_guidance_csv(export)
    if guidance is not None:
        files.append(discord.File(io.BytesIO(guidance), filename=f"{stem}-what-you-can-do.csv"))
    return files


def _slug(name: str) -> str:
    slug = "".join(c.lower() if c.isalnum() else "-" for c in name).strip("-")
    return "-".join(part for part in slug.split("-") if part)[:40] or "match"


async def setup(bot: TrainedOnBot) -> None:
    await bot.add_cog(Lookup(bot))
