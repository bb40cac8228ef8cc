"""Forgetting a person and a server on request, on both backends: what goes, what stays, and
that each is all or nothing."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

import pytest

from bot.subscriptions import NewPost, SubscriptionStore
from bot.subscriptions.forget import (
    FORGOTTEN,
    PersonForgotten,
    ServerData,
    count_server,
    forget_person,
    forget_server,
)
from bot.subscriptions.posts import PostKind

GUILD, OTHER_GUILD = 10, 20
ANNA, BEN = 1001, 1002  # two moderators
BUILD = "2026-11-25T10:00:00+00:00"
BODY = json.dumps({"title": "Dataset update"})

FailingTrigger = Callable[[str, str], Awaitable[None]]


def post(nonce: str, guild: int, channel: int, kind: PostKind = "update",
         artist: str = "") -> NewPost:
    return NewPost(nonce=nonce, kind=kind, channel_id=channel, guild_id=guild,
                   artist_norm=artist, build_id=BUILD, body=BODY)


async def two_servers(store: SubscriptionStore) -> None:
    """Anna and Ben each set things up in two servers."""
    await store.subscribe(GUILD, 1, ANNA)
    await store.subscribe(GUILD, 2, BEN)
    await store.subscribe(OTHER_GUILD, 3, ANNA)
    await store.watches.watch(GUILD, 1, "Radiohead", "radiohead", ANNA)
    await store.watches.watch(GUILD, 1, "TLC", "tlc", BEN)
    await store.watches.watch(GUILD, 2, "Björk", "bjork", ANNA)
    await store.watches.watch(OTHER_GUILD, 3, "Radiohead", "radiohead", ANNA)
    await store.posts.record([post("u1", GUILD, 1), post("u2", GUILD, 2),
                              post("a1", GUILD, 1, "alert", "tlc"), post("u3", OTHER_GUILD, 3)])


async def watches_by(store: SubscriptionStore, guild: int) -> list[tuple[int, str, int]]:
    return [(w.channel_id, w.artist_norm, w.created_by)
            for w in await store.watches.for_guild(guild)]


async def test_a_person_forgotten_loses_their_watches_and_their_name_on_subscriptions(
    store: SubscriptionStore,
) -> None:
    await two_servers(store)

    forgotten = await forget_person(store.db, ANNA)

    assert forgotten == PersonForgotten(watches_deleted=3, subscriptions_unnamed=2)
    assert forgotten.anything
    # Ben's watch stays; none of Anna's does, in any server.
    assert await watches_by(store, GUILD) == [(1, "tlc", BEN)]
    assert await watches_by(store, OTHER_GUILD) == []
    # The channels she subscribed keep their posts but no longer say who subscribed them.
    subscriptions = [*await store.for_guild(GUILD), *await store.for_guild(OTHER_GUILD)]
    assert sorted((s.channel_id, s.created_by) for s in subscriptions) == [
        (1, FORGOTTEN), (2, BEN), (3, FORGOTTEN)]
    assert [s.channel_id for s in await store.active()] == [1, 2, 3]
    # Her id is nowhere in the store any more.
    for table in ("subscriptions", "watches"):
        rows = await store.db.fetch(f"SELECT count(*) AS n FROM {table} WHERE created_by = ?",
                                    (ANNA,))
        assert rows[0]["n"] == 0, table


async def test_forgetting_someone_the_store_never_saw_changes_nothing(
    store: SubscriptionStore,
) -> None:
    await two_servers(store)
    forgotten = await forget_person(store.db, 4242)
    assert forgotten == PersonForgotten(0, 0) and not forgotten.anything
    assert len(await store.watches.for_guild(GUILD)) == 3
    assert {s.created_by for s in await store.for_guild(GUILD)} == {ANNA, BEN}


async def test_forgetting_is_repeatable_and_zero_is_nobody(store: SubscriptionStore) -> None:
    await two_servers(store)
    await forget_person(store.db, ANNA)
    assert await forget_person(store.db, ANNA) == PersonForgotten(0, 0)
    with pytest.raises(ValueError, match="not a person"):
        await forget_person(store.db, FORGOTTEN)  # would "forget" every forgotten record


async def test_a_person_is_forgotten_whole_or_not_at_all(
    store: SubscriptionStore, failing_trigger: FailingTrigger,
) -> None:
    await two_servers(store)
    await failing_trigger("UPDATE", "subscriptions")  # fails after the watches were deleted
    with pytest.raises(Exception, match="disk I/O error"):
        await forget_person(store.db, ANNA)
    assert len(await store.watches.for_guild(GUILD)) == 3
    assert {s.created_by for s in await store.for_guild(GUILD)} == {ANNA, BEN}


async def test_a_server_deleted_loses_its_subscriptions_watches_and_posts_only(
    store: SubscriptionStore,
) -> None:
    await two_servers(store)
    assert await count_server(store.db, GUILD) == ServerData(2, 3, 3)

    assert await forget_server(store.db, GUILD) == ServerData(2, 3, 3)

    assert await count_server(store.db, GUILD) == ServerData(0, 0, 0)
    assert not (await count_server(store.db, GUILD)).anything
    assert await store.for_guild(GUILD) == [] and await store.watches.for_guild(GUILD) == []
    assert [p.nonce for p in await store.posts.pending()] == ["u3"]
    # The other server keeps everything.
    assert await count_server(store.db, OTHER_GUILD) == ServerData(1, 1, 1)
    assert await forget_server(store.db, GUILD) == ServerData(0, 0, 0)


async def test_a_server_is_deleted_whole_or_not_at_all(
    store: SubscriptionStore, failing_trigger: FailingTrigger,
) -> None:
    await two_servers(store)
    await failing_trigger("DELETE", "posts")  # the last of the three deletes
    with pytest.raises(Exception, match="disk I/O error"):
        await forget_server(store.db, GUILD)
    assert await count_server(store.db, GUILD) == ServerData(2, 3, 3)


async def test_leaving_a_server_or_losing_a_channel_deletes_its_recorded_posts_too(
    store: SubscriptionStore,
) -> None:
    await two_servers(store)
    assert await store.remove_channel(2) == (True, 1)
    assert sorted(p.nonce for p in await store.posts.pending()) == ["a1", "u1", "u3"]
    assert await store.remove_guild(GUILD) == 1
    assert await count_server(store.db, GUILD) == ServerData(0, 0, 0)
    assert [p.nonce for p in await store.posts.pending()] == ["u3"]
