"""Posting an index update to every subscribed channel, each on its own.

Channels are posted to concurrently, each with its own time limit, so a slow or broken
channel never delays the others. A channel that is gone or closed to the bot counts a
failure and is disabled after repeated failures; transient errors (429, 5xx, a slow or lost
answer) are retried with backoff. A channel that already received this build's post is
skipped, and every attempt at one post carries the same nonce with `enforce_nonce`, so a retry
after an answer that was lost on the way back returns the stored message instead of posting
it twice.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import aiohttp
import discord

from bot.config import SubscriptionSettings
from bot.discordbot.render import update_embed
from bot.discordbot.safety import NO_MENTIONS
from bot.index.report import BuildReport
from bot.subscriptions import DeliveryLedger, SubscriptionStore

log = logging.getLogger(__name__)

ATTEMPTS = 3
FIRST_BACKOFF_SECONDS = 1.0
# discord.py retries a 5xx itself (after 1, 3, 5, 7 s) within one attempt; this bounds it.
ATTEMPT_TIMEOUT_SECONDS = 20.0
PARALLEL_POSTS = 10
NONCE_LENGTH = 24  # Discord accepts at most 25 characters

# What may clear up on a retry: Discord's 429 and 5xx (after discord.py's own retries),
# connection errors, and an answer that never came or was lost.
TRANSIENT = (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError)


K = TypeVar("K")


@dataclass
class Delivery(Generic[K]):
    """What happened to one build's posts, per key (a channel id, or channel and artist)."""

    delivered: list[K] = field(default_factory=list)
    skipped: list[K] = field(default_factory=list)
    failed: dict[K, str] = field(default_factory=dict)
    disabled: list[K] = field(default_factory=list)


class ChannelPoster:
    """The delivery rules every bot post to a channel follows, whatever the store behind it."""

    def __init__(self, client: discord.Client, store: SubscriptionStore,
                 settings: SubscriptionSettings) -> None:
        self.client = client
        self.store = store
        self.settings = settings
        self._slots = asyncio.Semaphore(PARALLEL_POSTS)
        # Instance attributes so that a test can shorten them.
        self.attempt_timeout = ATTEMPT_TIMEOUT_SECONDS
        self.first_backoff = FIRST_BACKOFF_SECONDS

    async def deliver(self, ledger: DeliveryLedger[K, Any], key: K, channel_id: int,
                      embed: discord.Embed, delivery: Delivery[K], *, build_id: str) -> None:
        """Post once unless `ledger` has it delivered; count a failure, disabling after repeats."""
        if not await ledger.needs(key, build_id):
            delivery.skipped.append(key)
            return
        async with self._slots:
            try:
                await post_embed(self.client, channel_id, embed, delivery_nonce(key, build_id),
                                 attempt_timeout=self.attempt_timeout,
                                 first_backoff=self.first_backoff)
            except TRANSIENT as exc:
                reason = describe_failure(exc)
                delivery.failed[key] = reason
                row = await ledger.record_failure(key, reason,
                                                  self.settings.disable_after_failures)
                if row is not None and row.disabled:
                    delivery.disabled.append(key)
                    log.warning("%s disabled after %d failures (last: %s)", key, row.failures,
                                reason)
                else:
                    log.warning("could not post to channel %s (%s): %s", channel_id, key,
                                reason)
                return
        await ledger.record_delivery(key, build_id)
        delivery.delivered.append(key)


class UpdateNotifier(ChannelPoster):
    """Sends the update embed of a build to the subscribed channels."""

    async def announce(self, report: BuildReport) -> Delivery[int]:
        """Post `report` where subscribed, unless nothing changed."""
        delivery: Delivery[int] = Delivery()
        if not report.changed:
            log.info("index rebuilt with no dataset change: nothing to announce")
            return delivery
        embed = update_embed(report)
        subscriptions = await self.store.active()
        await asyncio.gather(*(self.deliver(self.store, s.channel_id, s.channel_id, embed,
                                            delivery, build_id=report.built_at)
                               for s in subscriptions))
        log.info("update of %s: %d delivered, %d skipped, %d failed", report.built_at,
                 len(delivery.delivered), len(delivery.skipped), len(delivery.failed))
        return delivery


async def post_embed(client: discord.Client, channel_id: int, embed: discord.Embed, nonce: str,
                     *, attempt_timeout: float = ATTEMPT_TIMEOUT_SECONDS,
                     first_backoff: float = FIRST_BACKOFF_SECONDS) -> None:
    """Post to a channel, retrying transient errors with backoff; raise permanent ones.

    Every attempt sends the same `nonce` (discord.py adds `enforce_nonce`), so Discord answers
    a retry of a post it already stored with that message rather than creating another.
    """
    channel = client.get_partial_messageable(channel_id)
    delay = first_backoff
    for attempt in range(1, ATTEMPTS + 1):
        try:
            await asyncio.wait_for(
                channel.send(embed=embed, nonce=nonce, allowed_mentions=NO_MENTIONS),
                attempt_timeout,
            )
            return
        except (discord.Forbidden, discord.NotFound):
            raise  # permanent for this post: retrying now cannot help
        except TRANSIENT as exc:
            if attempt == ATTEMPTS:
                raise
            log.info("post to channel %s failed (%s); retry %d in %.1f s", channel_id,
                     describe_failure(exc), attempt, delay)
            await asyncio.sleep(delay)
            delay *= 2


def delivery_nonce(key: object, build_id: str) -> str:
    """The same short nonce for every attempt at one post, and a different one for any other.

    Discord dedupes by author and nonce across channels, so the channel is part of the key.
    """
    digest = hashlib.blake2b(f"{key!r}|{build_id}".encode(), digest_size=NONCE_LENGTH // 2)
    return digest.hexdigest()


def describe_failure(exc: BaseException) -> str:
    """A short reason for the log and the subscription's last_error."""
    if isinstance(exc, discord.NotFound):
        return "channel not found (deleted?)"
    if isinstance(exc, discord.Forbidden):
        return "no access to the channel (missing permission?)"
    if isinstance(exc, discord.HTTPException):
        return f"Discord answered {exc.status}"
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, aiohttp.ClientError):
        return f"connection failed ({exc.__class__.__name__})"
    return exc.__class__.__name__
