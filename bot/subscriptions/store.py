"""Which channels get dataset-update posts, kept across restarts: the store's front door.

One process keeps them in its own SQLite file (`SubscriptionStore.open(path)`); a bot split
over several processes shares one PostgreSQL database (`SubscriptionStore.open_url(url)`).
`SubscriptionStore.connect(config)` picks as the config says. Either way every write is one
transaction (database.py), and the artist watches (`store.watches`) and the outbox of posts
(`store.posts`) live in the same database.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

from bot.config import Config
from bot.subscriptions.database import Backend, Database, Queries, Row
from bot.subscriptions.forget import forget_server
from bot.subscriptions.ledger import DeliveryLedger, LedgerEntry, now
from bot.subscriptions.postgres_db import RETRY_SECONDS, PostgresDatabase
from bot.subscriptions.posts import PostQueue
from bot.subscriptions.server_locale import check_locale, note_server_locale
from bot.subscriptions.sqlite_db import SqliteDatabase
from bot.subscriptions.watches import WatchStore

log = logging.getLogger(__name__)

COLUMNS = (
    "channel_id, guild_id, created_by, created_at, failures, last_error, disabled_at,"
    " last_notified_build, guild_locale"
)


@dataclass(frozen=True, slots=True)
class Subscription(LedgerEntry):
    """One channel's subscription, as stored; disabled until someone subscribes again."""

    last_notified_build: str | None

    @classmethod
    def from_row(cls, row: Row) -> Self:
        """Build from a row selected with `COLUMNS`."""
        return cls(**cls.common_fields(row), last_notified_build=row["last_notified_build"])


class SubscriptionStore(DeliveryLedger[int, Subscription]):
    """Channel subscriptions to dataset-update posts; open with `await SubscriptionStore.open()`.

    As a delivery ledger its key is the channel id. `db` is the database beneath, for the few
    who need SQL of their own (the cluster's tables); `path` is the SQLite file, and
    `database_url` the PostgreSQL URL (it may hold a password: show it with `redacted_url`).
    """

    _table = "subscriptions"
    _keys = ("channel_id",)
    _last_build = "last_notified_build"
    _columns = COLUMNS
    _entry = Subscription
    _posts = "posts"

    def __init__(self, db: Database, path: Path | None = None,
                 database_url: str | None = None) -> None:
        self._db = db
        self.db = db
        self.path = path
        self.database_url = database_url
        self.watches = WatchStore(db)
        self.posts = PostQueue(db, self, self.watches)

    @property
    def backend(self) -> Backend:
        """"sqlite" or "postgresql"."""
        return self._db.backend

    @classmethod
    async def open(cls, path: Path) -> SubscriptionStore:
        """Open (or create) a SQLite file, check it is sound, and migrate it to the newest."""
        return cls(await SqliteDatabase.open(path), path=path)

    @classmethod
    async def open_url(cls, url: str, *, retry_seconds: float = RETRY_SECONDS) -> SubscriptionStore:
        """Connect to a PostgreSQL database and migrate it to the newest schema.

        A server still starting is waited for up to `retry_seconds`, as is one lost later.
        """
        db = await PostgresDatabase.open(url, retry_seconds=retry_seconds)
        return cls(db, database_url=url)

    @classmethod
    async def connect(cls, config: Config) -> SubscriptionStore:
        """PostgreSQL when the config names a database URL, else the SQLite file it names."""
        url = config.database_url()
        if url is not None:
            return await cls.open_url(url)
        return await cls.open(config.subscriptions_path)

    async def close(self) -> None:
        """Close once no call is using the database; closing twice is harmless."""
        await self._db.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def subscribe(self, guild_id: int, channel_id: int, user_id: int, *,
                        locale: str | None = None) -> bool:
        """Subscribe a channel; False if it already was. A disabled one starts afresh (True).

        The last delivered build is kept, so re-enabling does not repost an old update.
        `locale` is the server's language as Discord gives it with the command: noted on every
        subscription and watch of the server (server_locale.py), for their posts.
        """
        if locale is not None:
            check_locale(locale)

        async def upsert(queries: Queries) -> bool:
            changed = await queries.execute(
                "INSERT INTO subscriptions(channel_id, guild_id, created_by, created_at,"
                " guild_locale) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(channel_id) DO UPDATE SET"
                "  guild_id = excluded.guild_id, created_by = excluded.created_by,"
                "  created_at = excluded.created_at, failures = 0, last_error = NULL,"
                "  disabled_at = NULL"
                " WHERE subscriptions.disabled_at IS NOT NULL",
                (channel_id, guild_id, user_id, now(), locale),
            ) == 1
            if locale is not None:
                await note_server_locale(queries, guild_id, locale)
            return changed

        changed = await self._db.transact(upsert)
        if changed:
            log.info("channel %d in guild %d subscribed by %d", channel_id, guild_id, user_id)
        return changed

    async def set_server_locale(self, guild_id: int, locale: str) -> int:
        """The server's language changed: its posts are written in `locale` from now on.

        Returns how many of its subscriptions and watches had another (or none).
        """
        changed = await self._db.transact(
            lambda queries: note_server_locale(queries, guild_id, locale))
        if changed:
            log.info("guild %d now reads its posts in %s (%d subscriptions and watches)",
                     guild_id, locale, changed)
        return changed

    async def unsubscribe(self, channel_id: int) -> bool:
        """Remove a channel's subscription; False if it had none."""
        removed = await self._db.execute(
            "DELETE FROM subscriptions WHERE channel_id = ?", (channel_id,)
        ) == 1
        if removed:
            log.info("channel %d unsubscribed", channel_id)
        return removed

    async def for_guild(self, guild_id: int) -> list[Subscription]:
        """A server's subscriptions, disabled ones included so they can be shown as such."""
        return await self._select("WHERE guild_id = ? ORDER BY created_at, channel_id", (guild_id,))

    async def active(self) -> list[Subscription]:
        """Every subscription that should receive the next post."""
        return await self._select("WHERE disabled_at IS NULL ORDER BY guild_id, channel_id", ())

    async def remove_guild(self, guild_id: int) -> int:
        """Forget every subscription, artist watch and recorded post of a server the bot has left.

        Returns how many subscriptions were removed.
        """
        removed = await forget_server(self._db, guild_id)
        log.info("removed %d subscriptions and %d watches of guild %d, and %d recorded posts",
                 removed.subscriptions, removed.watches, guild_id, removed.posts)
        return removed.subscriptions

    async def remove_channel(self, channel_id: int) -> tuple[bool, int]:
        """Forget a deleted channel's subscription, watches and recorded posts, in one transaction.

        Returns whether it was subscribed and how many watches it had.
        """
        async def remove(queries: Queries) -> tuple[bool, int]:
            subscribed = await queries.execute(
                "DELETE FROM subscriptions WHERE channel_id = ?", (channel_id,)) == 1
            watches = await queries.execute(
                "DELETE FROM watches WHERE channel_id = ?", (channel_id,))
            await queries.execute("DELETE FROM posts WHERE channel_id = ?", (channel_id,))
            return subscribed, watches

        return await self._db.transact(remove)

    def _key_params(self, key: int) -> tuple[int]:
        return (key,)

    def _describe(self, key: int) -> str:
        return f"channel {key}"
