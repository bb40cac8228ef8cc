"""Artists a channel watches, kept beside the subscriptions in the same database.

A watch is keyed by channel and normalized artist name, so "Radiohead" and "radiohead" are one
watch. A watch of a published artist id (a YouTube Music channel, a Spotify artist: one of
several artists called "Low") is keyed by `link_key`, "youtube_channel:UC…", in the same
column: no normalized name can equal one, since a name's key turns "_" and ":" into spaces
(only a name of punctuation alone keeps them, and an id's key has letters).

It shares the subscription store's database (reach it as `store.watches`): the same
discipline, and `remove_guild` clears both in one transaction.
Failures and the last alerted build are counted per watch, like a subscription's: both are
delivery ledgers (ledger.py), a watch's key being its channel and normalized artist name.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Self

from bot.subscriptions.database import Database, Queries, Row
from bot.subscriptions.ledger import DeliveryLedger, LedgerEntry, now
from bot.subscriptions.server_locale import check_locale, note_server_locale
from bot.text.links import IdKind, LinkId

log = logging.getLogger(__name__)

# One watch: which channel, which normalized artist name (or link_key of an artist id).
WatchKey = tuple[int, str]


def link_key(link: LinkId) -> str:
    """The key a watch of an artist id is stored under: "youtube_channel:UC…"."""
    return f"{link.kind.value}:{link.id}"


def key_link(key: str) -> LinkId | None:
    """The artist id a watch key stands for; None for a name's key."""
    kind, _, value = key.partition(":")
    if kind not in _ARTIST_ID_KINDS or not IdKind(kind).is_valid_id(value):
        return None
    return LinkId(IdKind(kind), value)


_ARTIST_ID_KINDS = {IdKind.YOUTUBE_CHANNEL.value, IdKind.SPOTIFY_ARTIST.value}

COLUMNS = (
    "channel_id, guild_id, artist_norm, artist_name, created_by, created_at, failures,"
    " last_error, disabled_at, last_alerted_build, guild_locale"
)


@dataclass(frozen=True, slots=True)
class Watch(LedgerEntry):
    """One channel's watch of one artist, as stored; disabled until someone watches it again."""

    artist_norm: str
    artist_name: str
    last_alerted_build: str | None

    @property
    def key(self) -> WatchKey:
        """What its alerts are counted by."""
        return self.channel_id, self.artist_norm

    @property
    def link(self) -> LinkId | None:
        """The artist id watched, for a watch of an id rather than a name."""
        return key_link(self.artist_norm)

    @classmethod
    def from_row(cls, row: Row) -> Self:
        """Build from a row selected with `COLUMNS`."""
        return cls(**cls.common_fields(row), artist_norm=row["artist_norm"],
                   artist_name=row["artist_name"], last_alerted_build=row["last_alerted_build"])


class WatchStore(DeliveryLedger[WatchKey, Watch]):
    """Artist watches; built by SubscriptionStore, which owns the connection."""

    _table = "watches"
    _keys = ("channel_id", "artist_norm")
    _last_build = "last_alerted_build"
    _columns = COLUMNS
    _entry = Watch
    _posts = "alerts"

    def __init__(self, db: Database) -> None:
        self._db = db

    async def watch(self, guild_id: int, channel_id: int, artist_name: str, artist_norm: str,
                    user_id: int, *, locale: str | None = None) -> bool:
        """Watch an artist in a channel; False if it already was. A disabled watch starts afresh.

        The last alerted build is kept, so re-enabling does not repeat an old alert. `locale`
        is the server's language, noted on all of the server's watches and subscriptions.
        """
        if not artist_norm:
            raise ValueError("an artist watch needs a non-empty normalized name")
        if locale is not None:
            check_locale(locale)

        async def upsert(queries: Queries) -> bool:
            added = await queries.execute(
                "INSERT INTO watches(channel_id, guild_id, artist_norm, artist_name, created_by,"
                " created_at, guild_locale) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT(channel_id, artist_norm) DO UPDATE SET"
                "  guild_id = excluded.guild_id, artist_name = excluded.artist_name,"
                "  created_by = excluded.created_by, created_at = excluded.created_at,"
                "  failures = 0, last_error = NULL, disabled_at = NULL"
                " WHERE watches.disabled_at IS NOT NULL",
                (channel_id, guild_id, artist_norm, artist_name, user_id, now(), locale),
            ) == 1
            if locale is not None:
                await note_server_locale(queries, guild_id, locale)
            return added

        added = await self._db.transact(upsert)
        if added:
            log.info("channel %d in guild %d watches %r (by %d)", channel_id, guild_id,
                     artist_norm, user_id)
        return added

    async def unwatch(self, channel_id: int, artist_norm: str) -> bool:
        """Stop watching an artist in a channel; False if it was not watched there."""
        removed = await self._db.execute(
            "DELETE FROM watches WHERE channel_id = ? AND artist_norm = ?",
            (channel_id, artist_norm),
        ) == 1
        if removed:
            log.info("channel %d no longer watches %r", channel_id, artist_norm)
        return removed

    async def for_channel(self, channel_id: int) -> list[Watch]:
        """A channel's watches by name, disabled ones included so they can be shown as such."""
        return await self._select(
            "WHERE channel_id = ? ORDER BY lower(artist_name), artist_norm", (channel_id,)
        )

    async def for_guild(self, guild_id: int) -> list[Watch]:
        """A server's watches, by channel then name, disabled ones included."""
        return await self._select(
            "WHERE guild_id = ? ORDER BY channel_id, lower(artist_name), artist_norm", (guild_id,)
        )

    async def watched_norms(self) -> set[str]:
        """Every artist name some channel should be alerted about: what a rebuild looks for."""
        return {key for key in await self._watched_keys() if key_link(key) is None}

    async def watched_links(self) -> dict[str, LinkId]:
        """Every artist id some channel should be alerted about, by its watch key."""
        keys = await self._watched_keys()
        return {key: link for key in keys if (link := key_link(key)) is not None}

    async def _watched_keys(self) -> set[str]:
        rows = await self._db.fetch(
            "SELECT DISTINCT artist_norm FROM watches WHERE disabled_at IS NULL"
        )
        return {str(row["artist_norm"]) for row in rows}

    async def watchers(self, artist_norm: str) -> list[Watch]:
        """The active watches of one artist, one per channel."""
        return await self._select(
            "WHERE artist_norm = ? AND disabled_at IS NULL ORDER BY guild_id, channel_id",
            (artist_norm,),
        )

    def _key_params(self, key: WatchKey) -> WatchKey:
        return key

    def _describe(self, key: WatchKey) -> str:
        channel_id, artist_norm = key
        return f"watch of {artist_norm!r} in channel {channel_id}"
