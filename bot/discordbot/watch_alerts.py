"""Telling the channels that watch an artist when a rebuild adds tracks by that artist.

The same path as update posts (notify.py, outbox.py): recorded first, then sent by the
leader under one nonce per alert; a watch whose channel keeps failing is disabled; a watch that
already got this build's alert is skipped, so a restart or a new leader posts nothing twice.
A channel gets one post per watched artist.
"""

from __future__ import annotations

import logging
from collections import defaultdict

import discord

from bot.discordbot.i18n import ENGLISH, Messages
from bot.discordbot.notify import ChannelPoster, message_body
from bot.discordbot.outbox import Delivery, delivery_nonce
from bot.discordbot.render import FOUND, footer_text, sample_lines, when
from bot.discordbot.safety import fit_embed, safe
from bot.index.changes import ArtistArrival
from bot.subscriptions import WatchKey
from bot.subscriptions.posts import NewPost

log = logging.getLogger(__name__)

SAMPLES_SHOWN = 5


# One alert per watch: which channel, which watched artist.
AlertDelivery = Delivery[WatchKey]


def arrival_embed(arrivals: list[ArtistArrival], build_id: str, msg: Messages = ENGLISH
                  ) -> discord.Embed:
    """The post about one artist: new tracks per dataset and a few of them as samples."""
    name = safe(arrivals[0].artist_name, 200)
    total = sum(a.new_tracks for a in arrivals)
    embed = discord.Embed(
        title=msg("alert-title", name=name),
        description=msg("alert-added", when=when(build_id), tracks=total, name=name),
        colour=FOUND,
    )
    for arrival in arrivals:
        embed.add_field(name=safe(arrival.dataset_name, 200),
                        value=msg("alert-dataset", tracks=arrival.new_tracks), inline=True)
    samples = [s for a in arrivals for s in a.samples][:SAMPLES_SHOWN]
    if samples:
        embed.add_field(name=msg("alert-samples"), value=sample_lines(samples, msg),
                        inline=False)
    embed.set_footer(text=footer_text(build_id, demo=False, msg=msg))
    return fit_embed(embed, msg)


class WatchNotifier(ChannelPoster):
    """Sends artist alerts of a build to the channels watching those artists."""

    async def announce(self, build_id: str, arrivals: list[ArtistArrival]) -> AlertDelivery:
        """Alert every active watcher of the artists in `arrivals`; `build_id` is `built_at`."""
        by_artist: dict[str, list[ArtistArrival]] = defaultdict(list)
        for arrival in arrivals:
            if arrival.new_tracks > 0:
                by_artist[arrival.artist_norm].append(arrival)
        wanted: list[tuple[WatchKey, NewPost]] = []
        for artist_norm, found in by_artist.items():
            watchers = await self.store.watches.watchers(artist_norm)
            if not watchers:
                continue
            bodies: dict[str, str] = {}  # one rendering per language
            for watch in watchers:
                msg = self.language_of(watch)
                if msg.locale not in bodies:
                    bodies[msg.locale] = message_body(arrival_embed(found, build_id, msg))
                wanted.append((watch.key, NewPost(nonce=delivery_nonce(watch.key, build_id),
                                                  kind="alert", channel_id=watch.channel_id,
                                                  guild_id=watch.guild_id,
                                                  artist_norm=artist_norm, build_id=build_id,
                                                  body=bodies[msg.locale])))
        # One channel's alerts in the order of its watched artists, so they do not interleave.
        wanted.sort(key=lambda pair: pair[0][0])
        delivery = await self.post_all(build_id, wanted)
        log.info("artist alerts of %s: %d delivered, %d skipped, %d failed, %d queued",
                 build_id, len(delivery.delivered), len(delivery.skipped), len(delivery.failed),
                 len(delivery.queued))
        return delivery
