"""Sending the recorded posts: the one place update posts and artist alerts leave the bot.

Every post is first recorded in the store's outbox (`store.posts`) with the nonce it will be
sent with, and only then sent, by the leader process (one process: always that one). A leader
killed between the two leaves pending rows, and whoever leads next sends them with the same
nonce, so Discord answers a post it already stored with that message instead of a second
one. Within one process a post is sent once however many callers ask (an announcement and
the background pump): the second waits for the first's outcome.

Channels are posted to concurrently, each with its own time limit, so a slow or broken
channel never delays the others; one channel's posts go out in order. Transient errors (429,
5xx, a slow or lost answer) are retried with backoff; a channel that is gone or closed to the
bot counts a failure and is disabled after repeated failures.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

import aiohttp
import discord

from bot.config import SubscriptionSettings
from bot.discordbot.safety import NO_MENTIONS
from bot.subscriptions import SubscriptionStore
from bot.subscriptions.posts import QueuedPost

log = logging.getLogger(__name__)

ATTEMPTS = 3
FIRST_BACKOFF_SECONDS = 1.0
# discord.py retries a 5xx itself (after 1, 3, 5, 7 s) within one attempt; this bounds it.
ATTEMPT_TIMEOUT_SECONDS = 20.0
PARALLEL_POSTS = 10
NONCE_LENGTH = 24  # Discord accepts at most 25 characters
# How often the leader looks for pending posts without being told (a NOTIFY may be lost).
PUMP_POLL_SECONDS = 2.0
PURGE_EVERY_SECONDS = 3600.0

# What may clear up on a retry: Discord's 429 and 5xx (after discord.py's own retries),
# connection errors, and an answer that never came or was lost.
TRANSIENT = (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError)

K = TypeVar("K")
Outcome = Literal["delivered", "skipped", "failed", "disabled", "queued"]


@dataclass
class Delivery(Generic[K]):
    """What happened to one build's posts, per key (a channel id, or channel and artist).

    `queued`: recorded, for the leader (another process) to send.
    """

    delivered: list[K] = field(default_factory=list)
    skipped: list[K] = field(default_factory=list)
    failed: dict[K, str] = field(default_factory=dict)
    disabled: list[K] = field(default_factory=list)
    queued: list[K] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Sent:
    """One post's outcome: how it ended, and why it failed if it did."""

    outcome: Outcome
    reason: str = ""


def record_outcome(delivery: Delivery[K], key: K, sent: Sent) -> None:
    """File one post's outcome under its key."""
    if sent.outcome in ("failed", "disabled"):
        delivery.failed[key] = sent.reason
        if sent.outcome == "disabled":
            delivery.disabled.append(key)
    elif sent.outcome == "delivered":
        delivery.delivered.append(key)
    elif sent.outcome == "skipped":
        delivery.skipped.append(key)
    else:
        delivery.queued.append(key)


class OutboxSender:
    """Sends pending posts of the outbox; only the leader's sender sends (`is_leader`)."""

    def __init__(self, client: discord.Client, store: SubscriptionStore,
                 settings: SubscriptionSettings, is_leader: Callable[[], bool], *,
                 tell_leader: Callable[[], Awaitable[None]] | None = None) -> None:
        self.client = client
        self.store = store
        self.settings = settings
        self.is_leader = is_leader
        self._tell_leader = tell_leader
        self._slots = asyncio.Semaphore(PARALLEL_POSTS)
        self._in_flight: dict[str, asyncio.Future[Sent]] = {}
        self._wake = asyncio.Event()
        # Instance attributes so that a test can shorten them.
        self.attempt_timeout = ATTEMPT_TIMEOUT_SECONDS
        self.first_backoff = FIRST_BACKOFF_SECONDS
        self.poll_seconds = PUMP_POLL_SECONDS
        self._next_purge = 0.0  # the leader forgets old posts at its first round, then hourly

    def wake(self) -> None:
        """New posts were recorded: the pump looks at once instead of at its next poll."""
        self._wake.set()

    async def recorded(self) -> None:
        """New posts were recorded here: wake this pump, and the leader's in another process."""
        self.wake()
        if self._tell_leader is not None and not self.is_leader():
            await self._tell_leader()

    async def send(self, posts: Sequence[QueuedPost]) -> dict[str, Sent]:
        """Send `posts` (one channel's in order, channels at once); outcomes by nonce."""
        by_channel: dict[int, list[QueuedPost]] = defaultdict(list)
        for post in posts:
            by_channel[post.channel_id].append(post)
        outcomes: dict[str, Sent] = {}

        async def channel(queue: list[QueuedPost]) -> None:
            for post in queue:
                outcomes[post.nonce] = await self.send_one(post)

        await asyncio.gather(*(channel(queue) for queue in by_channel.values()))
        return outcomes

    async def send_one(self, post: QueuedPost) -> Sent:
        """Send one recorded post once in this process, whoever else asks for it meanwhile."""
        running = self._in_flight.get(post.nonce)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[Sent] = asyncio.get_running_loop().create_future()
        self._in_flight[post.nonce] = future
        try:
            sent = await self._send(post)
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # marked retrieved: there may be no one waiting
            raise
        finally:
            self._in_flight.pop(post.nonce, None)
        future.set_result(sent)
        return sent

    async def _send(self, post: QueuedPost) -> Sent:
        if not self.is_leader():
            return Sent("queued")
        if not await self.store.posts.still_wanted(post):
            await self.store.posts.mark_skipped(post.nonce, "no longer wanted")
            return Sent("skipped")
        embed = discord.Embed.from_dict(json.loads(post.body))
        async with self._slots:
            try:
                message_id = await post_embed(self.client, post.channel_id, embed, post.nonce,
                                              attempt_timeout=self.attempt_timeout,
                                              first_backoff=self.first_backoff)
            except TRANSIENT as exc:
                reason = describe_failure(exc)
                entry = await self.store.posts.mark_failed(post.nonce, reason,
                                                           self.settings.disable_after_failures)
                if entry is not None and entry.disabled:
                    log.warning("%s disabled after %d failures (last: %s)", _target(post),
                                entry.failures, reason)
                    return Sent("disabled", reason)
                log.warning("could not post to channel %s (%s): %s", post.channel_id,
                            _target(post), reason)
                return Sent("failed", reason)
        await self.store.posts.mark_sent(post.nonce, message_id)
        return Sent("delivered")

    async def pump(self) -> None:
        """While this process leads, send whatever is pending; forever, until cancelled.

        A post recorded by another process, or left by a leader that died, goes out within
        `poll_seconds`, or at once when its recorder wakes this one.
        """
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_seconds)
            self._wake.clear()
            if not self.is_leader():
                continue
            try:
                if time.monotonic() >= self._next_purge:
                    self._next_purge = time.monotonic() + PURGE_EVERY_SECONDS
                    await self.store.posts.purge()
                pending = await self.store.posts.pending()
                if pending:
                    log.info("sending %d pending posts", len(pending))
                    await self.send(pending)
            except Exception:  # the pump must outlive a failed round; the next one retries
                log.exception("sending pending posts failed; trying again shortly")


def _target(post: QueuedPost) -> str:
    if post.kind == "alert":
        return f"watch of {post.artist_norm!r} in channel {post.channel_id}"
    return f"channel {post.channel_id}"


async def post_embed(client: discord.Client, channel_id: int, embed: discord.Embed, nonce: str,
                     *, attempt_timeout: float = ATTEMPT_TIMEOUT_SECONDS,
                     first_backoff: float = FIRST_BACKOFF_SECONDS) -> int:
    """Post to a channel, retrying transient errors with backoff; raise permanent ones.

    Every attempt sends the same `nonce` (discord.py adds `enforce_nonce`), so Discord answers
    a retry of a post it already stored with that message rather than creating another.
    Returns the message's id.
    """
    channel = client.get_partial_messageable(channel_id)
    delay = first_backoff
    for attempt in range(1, ATTEMPTS + 1):
        try:
            message = await asyncio.wait_for(
                channel.send(embed=embed, nonce=nonce, allowed_mentions=NO_MENTIONS),
                attempt_timeout,
            )
            return message.id
        except (discord.Forbidden, discord.NotFound):
            raise  # permanent for this post: retrying now cannot help
        except TRANSIENT as exc:
            if attempt == ATTEMPTS:
                raise
            log.info("post to channel %s failed (%s); retry %d in %.1f s", channel_id,
                     describe_failure(exc), attempt, delay)
            await asyncio.sleep(delay)
            delay *= 2
    raise AssertionError("unreachable: the last attempt returns or raises")


def delivery_nonce(key: object, build_id: str) -> str:
    """The same short nonce for every attempt at one post, and a different one for any other.

    Discord dedupes by author and nonce across channels, so the channel is part of the key.
    """
    digest = hashlib.blake2b(f"{key!r}|{build_id}".encode(), digest_size=NONCE_LENGTH // 2)
    return digest.hexdigest()


def describe_failure(exc: BaseException) -> str:
    """A short reason for the log and the target's last_error."""
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
