"""Index builds announced to every process, and the wake-up call for the post sender.

`builds` is the record: a row per announced build, its fingerprint (the content digest, equal
for equal inputs whichever machine built it) and who built it. A NOTIFY tells the other
processes at once; a listener that missed it (disconnected) reads the table when it is back.
The latest build is the one announced last, by the database's clock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.cluster import clock
from bot.cluster.notifications import BUILDS_CHANNEL, POSTS_CHANNEL, Notifications
from bot.subscriptions.database import Database, Queries, Row

log = logging.getLogger(__name__)

BuildCallback = Callable[[str, str], None]  # (build_id, fingerprint)
PostsCallback = Callable[[], None]


@dataclass(frozen=True, slots=True, order=True)
class BuildRow:
    """One announced build; rows order by when they were announced."""

    created_at: datetime
    build_id: str
    fingerprint: str
    built_by: str

    @classmethod
    def from_row(cls, row: Row) -> BuildRow:
        """Build from a `builds` row."""
        return cls(created_at=clock.parse(row["created_at"]), build_id=row["build_id"],
                   fingerprint=row["fingerprint"], built_by=row["built_by"])


class Builds:
    """Announce builds, read the latest, and hear of new ones as they come.

    `start()` (after the notifications) notes the latest build: news starts after it.
    """

    def __init__(self, db: Database, notifications: Notifications) -> None:
        self._db = db
        self._notifications = notifications
        self._build_callbacks: list[BuildCallback] = []
        self._posts_callbacks: list[PostsCallback] = []
        self._seen: BuildRow | None = None
        self._started = False
        notifications.subscribe(BUILDS_CHANNEL, self._check_builds)
        notifications.subscribe(POSTS_CHANNEL, self._wake_posts)

    async def start(self) -> None:
        """Note the latest build now; from here on a newer one is news for the listeners."""
        self._seen = await self.latest()
        self._started = True

    async def close(self) -> None:
        """Stop telling the listeners (the notifications are closed apart)."""
        self._started = False

    async def publish(self, build_id: str, fingerprint: str, built_by: str) -> bool:
        """Record a build and tell every process, in one transaction; False if already known.

        Idempotent: announcing the same build again changes nothing and tells no one.
        """
        now = clock.now_sql(self._db.backend)

        async def insert(queries: Queries) -> bool:
            rows = await queries.fetch(
                "INSERT INTO builds(build_id, fingerprint, built_by, created_at)"
                f" VALUES (?, ?, ?, {now}) ON CONFLICT(build_id) DO NOTHING RETURNING build_id",
                (build_id, fingerprint, built_by),
            )
            if rows:
                await self._notifications.notify(queries, BUILDS_CHANNEL, build_id)
            return bool(rows)

        new = await self._db.transact(insert)
        if new:
            log.info("announced build %s (fingerprint %s, built by %s)", build_id,
                     fingerprint[:12], built_by)
        return new

    async def latest(self) -> BuildRow | None:
        """The build announced last, if any."""
        rows = await self._db.fetch(
            "SELECT build_id, fingerprint, built_by, created_at FROM builds"
            " ORDER BY created_at DESC, build_id DESC LIMIT 1"
        )
        return BuildRow.from_row(rows[0]) if rows else None

    async def get(self, build_id: str) -> BuildRow | None:
        """One announced build, if it was announced."""
        rows = await self._db.fetch(
            "SELECT build_id, fingerprint, built_by, created_at FROM builds WHERE build_id = ?",
            (build_id,),
        )
        return BuildRow.from_row(rows[0]) if rows else None

    def listen(self, callback: BuildCallback) -> None:
        """Call `callback(build_id, fingerprint)` for each build announced after `start()`.

        Listen first, then read `latest()`: nothing announced can fall between the two. A
        process back from a lost connection hears only of the newest build it missed (the one
        worth serving), not of every one between. The callback must not block: start a task.
        """
        self._build_callbacks.append(callback)

    async def wake_sender(self) -> None:
        """Tell the leader (whichever process it is) that new outbox rows wait to be sent."""
        await self._notifications.notify(self._db, POSTS_CHANNEL, "")  # twice is harmless

    def on_posts(self, callback: PostsCallback) -> None:
        """Call `callback()` when outbox rows may wait to be sent.

        That is on a wake-up, after a reconnect, and every few seconds anyway. Every process
        hears it; only the leader should send.
        """
        self._posts_callbacks.append(callback)

    async def _check_builds(self) -> None:
        if not self._started:
            return
        latest = await self.latest()
        if latest is None or (self._seen is not None and latest <= self._seen):
            return
        self._seen = latest
        log.info("build %s announced by %s", latest.build_id, latest.built_by)
        _call_each(self._build_callbacks, latest.build_id, latest.fingerprint)

    async def _wake_posts(self) -> None:
        _call_each(self._posts_callbacks)


def _call_each(callbacks: list[Callable[..., None]], *args: object) -> None:
    for callback in list(callbacks):
        try:
            callback(*args)
        except Exception:
            log.exception("a cluster callback failed")
