"""After every rebuild, whoever triggered it: the update post and the artist-watch alerts."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.index.atomic import previous_of
from bot.index.changes import ArtistArrival, artist_arrivals
from bot.index.report import BuildReport
from bot.search.identity import link_arrivals

if TYPE_CHECKING:
    from bot.discordbot.client import TrainedOnBot

log = logging.getLogger(__name__)


async def announce_rebuild(bot: TrainedOnBot, report: BuildReport) -> None:
    """Post the diff to subscribed channels and tell watching channels who arrived."""
    if bot.notifier is not None:
        await bot.notifier.announce(report)
    if bot.watch_notifier is None or bot.store is None:
        return
    norms = await bot.store.watches.watched_norms()
    links = await bot.store.watches.watched_links()
    if not norms and not links:
        return
    index = bot.config.index_path
    arrivals: list[ArtistArrival] = []
    if norms:
        arrivals += await bot.index.run(artist_arrivals, previous_of(index), index, norms)
    if links:  # watches of an artist id: tracks credited to that channel or Spotify artist
        arrivals += await bot.index.run(link_arrivals, previous_of(index), index, links)
    if arrivals:
        log.info("%d watched artists have new tracks", len({a.artist_norm for a in arrivals}))
        await bot.watch_notifier.announce(report.built_at, arrivals)
