"""Telling the channels that watch an artist when a rebuild adds tracks by that artist.

The same delivery rules as update posts (notify.py): channels are posted to concurrently, each
with its own time limit; transient errors are retried with backoff, under one nonce per alert;
a watch whose channel keeps failing is disabled; a watch that already got this build's alert is
skipped, so a restart mid-announcement posts nothing twice. A channel gets one post per
watched artist.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict

import discord

from bot.discordbot.notify import ChannelPoster, Delivery
from bot.discordbot.render import FOUND, footer_text, sample_lines, when
from bot.discordbot.safety import fit_embed, safe
from bot.index.changes import ArtistArrival
from bot.subscriptions import Watch, WatchKey

log = logging.getLogger(__name__)

SAMPLES_SHOWN = 5


# One alert per watch: which channel, which watched artist.
AlertDelivery = Delivery[WatchKey]


def arrival_embed(arrivals: list[ArtistArrival], build_id: str) -> discord.Embed:
    """The post about one artist: new tracks per dataset and a few of them as samples."""
    name = safe(arrivals[0].artist_name, 200)
    total = sum(a.new_tracks for a in arrivals)
    embed = discord.Embed(
        title=f"New in the datasets: {name}",
        description=(f"The rebuild of {when(build_id)} added **{total:,}** "
                     f"track{'s' if total != 1 else ''} by **{name}**."),
        colour=FOUND,
    )
    for arrival in arrivals:
        count = arrival.new_tracks
        embed.add_field(name=safe(arrival.dataset_name, 200),
                        value=f"**+{count:,}** new track{'s' if count != 1 else ''}",
                        inline=True)
    samples = [s for a in arrivals for s in a.samples][:SAMPLES_SHOWN]
    if samples:
        embed.add_field(name="Some of the new tracks", value=sample_lines(samples), inline=False)
    embed.set_footer(text=footer_text(build_id, demo=False))
    return fit_embed(embed)


class WatchNotifier(ChannelPoster):
    """Sends artist alerts of a build to the channels watching those artists."""

    async def announce(self, build_id: str, arrivals: list[ArtistArrival]) -> AlertDelivery:
        """Alert every active watcher of the artists in `arrivals`; `build_id` is `built_at`."""
        delivery: AlertDelivery = Delivery()
        by_artist: dict[str, list[ArtistArrival]] = defaultdict(list)
        for arrival in arrivals:
            if arrival.new_tracks > 0:
                by_artist[arrival.artist_norm].append(arrival)
        by_channel: dict[int, list[tuple[Watch, discord.Embed]]] = defaultdict(list)
        for artist_norm, found in by_artist.items():
            watchers = await self.store.watches.watchers(artist_norm)
            if not watchers:
                continue
            embed = arrival_embed(found, build_id)
            for watch in watchers:
                by_channel[watch.channel_id].append((watch, embed))
        await asyncio.gather(*(self._channel(alerts, build_id, delivery)
                               for alerts in by_channel.values()))
        log.info("artist alerts of %s: %d delivered, %d skipped, %d failed", build_id,
                 len(delivery.delivered), len(delivery.skipped), len(delivery.failed))
        return delivery

    async def _channel(self, alerts: list[tuple[Watch, discord.Embed]], build_id: str,
                       delivery: AlertDelivery) -> None:
        """One channel's alerts in order, so its posts do not interleave."""
        for watch, embed in alerts:
            await self.deliver(self.store.watches, watch.key, watch.channel_id, embed, delivery,
                               build_id=build_id)
