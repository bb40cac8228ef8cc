"""Deleting what the store keeps about one person or one server, when they ask (docs/PRIVACY.md).

A person: the watches they created are deleted, and the subscriptions they made stop naming
them (their `created_by` becomes FORGOTTEN): the channel still wants its update posts, and
the server's moderators can remove them. A server: its subscriptions, watches and recorded
posts are deleted, as when the bot leaves it. Each is one transaction on either database, so
a crash leaves all of it or none.

No log line names the person: a log that kept "user 123 asked to be forgotten" would keep
exactly what they asked us to drop.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.subscriptions.database import Database, Queries

log = logging.getLogger(__name__)

# Stands for "a person who asked to be forgotten" in created_by (NOT NULL): no Discord id is 0.
FORGOTTEN = 0


@dataclass(frozen=True, slots=True)
class PersonForgotten:
    """What forgetting a person changed."""

    watches_deleted: int
    subscriptions_unnamed: int  # subscriptions they made that no longer say who made them

    @property
    def anything(self) -> bool:
        """Whether the store held anything about them at all."""
        return bool(self.watches_deleted or self.subscriptions_unnamed)


@dataclass(frozen=True, slots=True)
class ServerData:
    """How much the store keeps about a server, or deleted of it."""

    subscriptions: int
    watches: int
    posts: int

    @property
    def anything(self) -> bool:
        """Whether there is anything at all."""
        return bool(self.subscriptions or self.watches or self.posts)


async def forget_person(db: Database, user_id: int) -> PersonForgotten:
    """Delete the watches `user_id` created and take their id off the subscriptions they made.

    Once the watches are gone no watch names them: `created_by` is the only column holding a
    person's id (docs/PRIVACY.md lists every column).
    """
    if user_id == FORGOTTEN:
        raise ValueError("0 is not a person's id")

    async def forget(queries: Queries) -> PersonForgotten:
        watches = await queries.execute("DELETE FROM watches WHERE created_by = ?", (user_id,))
        unnamed = await queries.execute(
            "UPDATE subscriptions SET created_by = ? WHERE created_by = ?", (FORGOTTEN, user_id))
        return PersonForgotten(watches, unnamed)

    forgotten = await db.transact(forget)
    log.info("forgot a person on request: %d watches deleted, %d subscriptions unnamed",
             forgotten.watches_deleted, forgotten.subscriptions_unnamed)
    return forgotten


async def count_server(db: Database, guild_id: int) -> ServerData:
    """What `forget_server` would delete now."""
    rows = await db.fetch(
        "SELECT (SELECT count(*) FROM subscriptions WHERE guild_id = ?) AS subscriptions,"
        " (SELECT count(*) FROM watches WHERE guild_id = ?) AS watches,"
        " (SELECT count(*) FROM posts WHERE guild_id = ?) AS posts",
        (guild_id, guild_id, guild_id))
    row = rows[0]
    return ServerData(int(row["subscriptions"]), int(row["watches"]), int(row["posts"]))


async def forget_server(db: Database, guild_id: int) -> ServerData:
    """Delete every subscription, watch and recorded post of one server."""
    async def forget(queries: Queries) -> ServerData:
        subscriptions = await queries.execute(
            "DELETE FROM subscriptions WHERE guild_id = ?", (guild_id,))
        watches = await queries.execute("DELETE FROM watches WHERE guild_id = ?", (guild_id,))
        posts = await queries.execute("DELETE FROM posts WHERE guild_id = ?", (guild_id,))
        return ServerData(subscriptions, watches, posts)

    return await db.transact(forget)
