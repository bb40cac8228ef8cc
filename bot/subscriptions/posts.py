"""The outbox: every update post and artist alert, recorded before it is sent.

A process that decides to post records the post here first, with the nonce every attempt at
it will carry; the leader sends what is pending and marks each outcome. A leader killed
between the two leaves pending rows, and the next leader sends them with the same nonce, so
Discord answers a repeat with the stored message. Marking a post and its target's ledger
(the subscription's or the watch's last build, failures, disabling) is one transaction, so
the two never disagree after a crash.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, Self

from bot.subscriptions.database import Database, Queries, Row
from bot.subscriptions.ledger import (
    MAX_ERROR_LENGTH,
    DeliveryLedger,
    LedgerEntry,
    check_disable_after,
    now,
    parse_time,
)
from bot.subscriptions.watches import WatchKey

log = logging.getLogger(__name__)

# How long a post that ended is kept: long enough to see what went out (docs/PRIVACY.md).
POSTS_KEPT = timedelta(days=30)

PostKind = Literal["update", "alert"]
PostState = Literal["pending", "sent", "failed", "skipped"]

_COLUMNS = (
    "nonce, kind, channel_id, guild_id, artist_norm, build_id, body, state, attempts,"
    " last_error, created_at, sent_at, message_id"
)
# Newest last; equal times by channel, then nonce, so every process reads one order.
_ORDER = "ORDER BY created_at, channel_id, nonce"


@dataclass(frozen=True, slots=True)
class NewPost:
    """A post to record: where it goes, for which build, and the message (JSON) to send."""

    nonce: str
    kind: PostKind
    channel_id: int
    guild_id: int
    artist_norm: str  # "" for an update post; the watch's key for an alert
    build_id: str
    body: str


@dataclass(frozen=True, slots=True)
class QueuedPost:
    """A recorded post and how far it got."""

    nonce: str
    kind: PostKind
    channel_id: int
    guild_id: int
    artist_norm: str
    build_id: str
    body: str
    state: PostState
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    message_id: int | None

    @property
    def key(self) -> int | WatchKey:
        """Its target's ledger key: the channel id, or channel and artist for an alert."""
        return (self.channel_id, self.artist_norm) if self.kind == "alert" else self.channel_id

    @classmethod
    def from_row(cls, row: Row) -> Self:
        """Build from a row selected with `_COLUMNS`."""
        message_id = row["message_id"]
        return cls(
            nonce=row["nonce"], kind=row["kind"], channel_id=int(row["channel_id"]),
            guild_id=int(row["guild_id"]), artist_norm=row["artist_norm"],
            build_id=row["build_id"], body=row["body"], state=row["state"],
            attempts=int(row["attempts"]), last_error=row["last_error"],
            created_at=datetime.fromisoformat(row["created_at"]),
            sent_at=parse_time(row["sent_at"]),
            message_id=None if message_id is None else int(message_id),
        )


class PostQueue:
    """The `posts` table; built by SubscriptionStore, whose database and ledgers it shares."""

    def __init__(self, db: Database, subscriptions: DeliveryLedger[int, Any],
                 watches: DeliveryLedger[WatchKey, Any]) -> None:
        self._db = db
        self._subscriptions = subscriptions
        self._watches = watches

    async def record(self, posts: Sequence[NewPost]) -> int:
        """Record posts to send, in one transaction; how many were queued.

        A post is left out when its target is gone, disabled or already has the build, and
        when its nonce is recorded already: a post that failed is queued again (attempts kept),
        one sent or skipped is left as it is. So announcing a build again retries only what
        failed.
        """
        created_at = now()

        async def insert(queries: Queries) -> int:
            queued = 0
            for post in posts:
                ledger = self._ledger(post.kind)
                key = _key(post.kind, post.channel_id, post.artist_norm)
                queued += await queries.execute(
                    "INSERT INTO posts(nonce, kind, channel_id, guild_id, artist_norm, build_id,"
                    " body, created_at)"
                    " SELECT CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT),"
                    "  CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT),"
                    "  CAST(? AS TEXT)"
                    f" WHERE EXISTS ({ledger.wants_sql()})"
                    " ON CONFLICT(nonce) DO UPDATE SET state = 'pending'"
                    " WHERE posts.state = 'failed'",
                    (post.nonce, post.kind, post.channel_id, post.guild_id, post.artist_norm,
                     post.build_id, post.body, created_at,
                     *ledger.wants_params(key, post.build_id)),
                )
            return queued

        return await self._db.transact(insert)

    async def pending(self, limit: int = 200) -> list[QueuedPost]:
        """Posts still to send, oldest first."""
        return await self._select(f"WHERE state = 'pending' {_ORDER} LIMIT ?", (limit,))

    async def for_build(self, build_id: str) -> list[QueuedPost]:
        """Every post recorded for one build, whatever its state."""
        return await self._select(f"WHERE build_id = ? {_ORDER}", (build_id,))

    async def get(self, nonce: str) -> QueuedPost | None:
        """One post by its nonce."""
        found = await self._select("WHERE nonce = ?", (nonce,))
        return found[0] if found else None

    async def still_wanted(self, post: QueuedPost) -> bool:
        """Whether the target exists, is enabled and lacks the post's build."""
        return await self._ledger(post.kind).needs(post.key, post.build_id)

    async def mark_sent(self, nonce: str, message_id: int | None) -> None:
        """The post reached Discord: it and its target's ledger, in one transaction."""
        async def sent(queries: Queries) -> None:
            rows = await queries.fetch(
                "UPDATE posts SET state = 'sent', sent_at = ?, attempts = attempts + 1,"
                " message_id = ?, last_error = NULL WHERE nonce = ? AND state <> 'sent'"
                " RETURNING kind, channel_id, artist_norm, build_id",
                (now(), message_id, nonce),
            )
            for row in rows:
                await self._ledger(row["kind"]).delivery_in(
                    queries, _key(row["kind"], int(row["channel_id"]), row["artist_norm"]),
                    row["build_id"])

        await self._db.transact(sent)

    async def mark_failed(self, nonce: str, error: str,
                          disable_after: int) -> LedgerEntry | None:
        """The post could not be sent: count it against its target, in one transaction.

        Returns the target's updated entry (disabled at `disable_after` failures in a row), or
        None if the post was not pending or its target is gone.
        """
        check_disable_after(disable_after)

        async def failed(queries: Queries) -> tuple[str, Any, LedgerEntry | None] | None:
            rows = await queries.fetch(
                "UPDATE posts SET state = 'failed', last_error = ?, attempts = attempts + 1"
                " WHERE nonce = ? AND state = 'pending' RETURNING kind, channel_id, artist_norm",
                (error[:MAX_ERROR_LENGTH], nonce),
            )
            if not rows:
                return None
            kind = rows[0]["kind"]
            key = _key(kind, int(rows[0]["channel_id"]), rows[0]["artist_norm"])
            return kind, key, await self._ledger(kind).failure_in(queries, key, error,
                                                                   disable_after)

        outcome = await self._db.transact(failed)
        if outcome is None:
            return None
        kind, key, entry = outcome
        self._ledger(kind).note_failure(key, entry, disable_after)
        return entry

    async def mark_skipped(self, nonce: str, reason: str) -> None:
        """The target no longer wants the post (gone, disabled, or it has the build)."""
        await self._db.execute(
            "UPDATE posts SET state = 'skipped', last_error = ? WHERE nonce = ?"
            " AND state = 'pending'",
            (reason[:MAX_ERROR_LENGTH], nonce),
        )

    async def purge(self, older_than: timedelta = POSTS_KEPT) -> int:
        """Forget posts that ended (sent, failed, skipped) longer ago than `older_than`.

        Pending ones stay whatever their age: they are still to be sent. The ledger keeps what
        a target received, so a forgotten post is never sent again. Returns how many went.
        """
        cutoff = (datetime.now(UTC) - older_than).isoformat(timespec="seconds")
        removed = await self._db.execute(
            "DELETE FROM posts WHERE state <> 'pending' AND created_at < ?", (cutoff,))
        if removed:
            log.info("forgot %d posts older than %d days", removed, older_than.days)
        return removed

    def _ledger(self, kind: str) -> DeliveryLedger[Any, Any]:
        if kind == "alert":
            return self._watches
        if kind == "update":
            return self._subscriptions
        raise ValueError(f"unknown post kind {kind!r}")

    async def _select(self, where: str, params: tuple[Any, ...]) -> list[QueuedPost]:
        rows = await self._db.fetch(f"SELECT {_COLUMNS} FROM posts {where}", params)
        return [QueuedPost.from_row(row) for row in rows]


def _key(kind: str, channel_id: int, artist_norm: str) -> int | WatchKey:
    return (channel_id, artist_norm) if kind == "alert" else channel_id

