"""Posting an index update to every subscribed channel: recorded first, then sent.

The posts of a build are written to the outbox in one transaction, each with its nonce; then
the leader sends them (outbox.py has the delivery rules). A channel that already received this
build's post is not recorded again, and every attempt at one post carries the same nonce, so
nothing is posted twice: not on a retry, not after a restart, not by the next leader.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import TypeVar

import discord

from bot.config import SubscriptionSettings
from bot.discordbot.i18n import Messages, messages_for_guild
from bot.discordbot.outbox import Delivery, OutboxSender, Sent, delivery_nonce, record_outcome
from bot.discordbot.render import update_embed
from bot.index.report import BuildReport
from bot.subscriptions import Subscription, SubscriptionStore
from bot.subscriptions.ledger import LedgerEntry
from bot.subscriptions.posts import NewPost

log = logging.getLogger(__name__)

K = TypeVar("K")


class ChannelPoster:
    """Records a build's posts, then has them sent, and says what became of each."""

    def __init__(self, store: SubscriptionStore, settings: SubscriptionSettings,
                 sender: OutboxSender) -> None:
        self.store = store
        self.settings = settings
        self.sender = sender

    async def post_all(self, build_id: str, wanted: Sequence[tuple[K, NewPost]]
                       ) -> Delivery[K]:
        """Record `wanted` (key, post) pairs, send what is pending, file each outcome by key.

        A key whose post was sent before (or whose target has the build) counts as skipped;
        in a process that does not lead, recorded posts count as queued for the leader.
        """
        delivery: Delivery[K] = Delivery()
        await self.store.posts.record([post for _, post in wanted])
        rows = {row.nonce: row for row in await self.store.posts.for_build(build_id)}
        pending = [rows[post.nonce] for _, post in wanted
                   if post.nonce in rows and rows[post.nonce].state == "pending"]
        if pending and not self.sender.is_leader():
            await self.sender.recorded()  # the leader, in another process, sends them
        outcomes = await self.sender.send(pending)
        for key, post in wanted:
            record_outcome(delivery, key, outcomes.get(post.nonce, Sent("skipped")))
        return delivery

    def language_of(self, target: LedgerEntry) -> Messages:
        """A post is read by everyone in its channel: it is written in the server's language.

        That is the language stored with the subscription or watch, which every process knows,
        also one that does not see the server (another process runs its shard). A target from
        before it was stored takes the server's language as this process sees it, else English.
        """
        if target.guild_locale is not None:
            return Messages(target.guild_locale)
        return messages_for_guild(self.sender.client.get_guild(target.guild_id))


class UpdateNotifier(ChannelPoster):
    """Sends the update embed of a build to the subscribed channels."""

    async def announce(self, report: BuildReport) -> Delivery[int]:
        """Post `report` where subscribed, unless nothing changed."""
        if not report.changed:
            log.info("index rebuilt with no dataset change: nothing to announce")
            return Delivery()
        bodies: dict[str, str] = {}  # one rendering per language

        def body(subscription: Subscription) -> str:
            msg = self.language_of(subscription)
            if msg.locale not in bodies:
                bodies[msg.locale] = message_body(update_embed(report, msg))
            return bodies[msg.locale]

        wanted = [
            (s.channel_id, NewPost(nonce=delivery_nonce(s.channel_id, report.built_at),
                                   kind="update", channel_id=s.channel_id, guild_id=s.guild_id,
                                   artist_norm="", build_id=report.built_at, body=body(s)))
            for s in await self.store.active()
        ]
        delivery = await self.post_all(report.built_at, wanted)
        log.info("update of %s: %d delivered, %d skipped, %d failed, %d queued for the leader",
                 report.built_at, len(delivery.delivered), len(delivery.skipped),
                 len(delivery.failed), len(delivery.queued))
        return delivery


def message_body(embed: discord.Embed) -> str:
    """The message as recorded in the outbox: what any leader sends, byte for byte."""
    return json.dumps(embed.to_dict(), ensure_ascii=False, sort_keys=True)
