"""The server's language, kept with its subscriptions and watches for their posts (schema v4).

Tests taking `store` or `open_store` run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import aiosqlite
import asyncpg
import pytest

from bot.subscriptions import SubscriptionStore
from bot.subscriptions.migrate import load_migrations, migrate, migrate_postgres
from bot.subscriptions.transfer import copy_into, read_sqlite

GUILD, OTHER_GUILD, USER = 10, 20, 99
BUILD = "2026-11-25T10:00:00+00:00"

OpenStore = Callable[[], Awaitable[SubscriptionStore]]  # the `open_store` fixture


async def languages(store: SubscriptionStore, guild_id: int) -> dict[object, str | None]:
    """Each target of a server and its stored language: channel ids, (channel, artist) keys."""
    found: dict[object, str | None] = {
        s.channel_id: s.guild_locale for s in await store.for_guild(guild_id)}
    found.update({w.key: w.guild_locale for w in await store.watches.for_guild(guild_id)})
    return found


async def test_a_subscription_and_a_watch_keep_the_language_of_their_server(
    store: SubscriptionStore,
) -> None:
    assert await store.subscribe(GUILD, 1, USER, locale="fr") is True
    assert await store.watches.watch(GUILD, 2, "Radiohead", "radiohead", USER, locale="fr")
    assert await store.subscribe(OTHER_GUILD, 3, USER, locale="pt-BR") is True

    assert await languages(store, GUILD) == {1: "fr", (2, "radiohead"): "fr"}
    assert [(s.channel_id, s.guild_locale) for s in await store.active()] == [
        (1, "fr"), (3, "pt-BR")]
    [watcher] = await store.watches.watchers("radiohead")
    assert watcher.guild_locale == "fr"


async def test_a_later_subscribe_or_watch_brings_the_whole_server_to_its_language(
    store: SubscriptionStore,
) -> None:
    await store.subscribe(GUILD, 1, USER, locale="en-US")
    await store.watches.watch(GUILD, 2, "Radiohead", "radiohead", USER, locale="en-US")
    await store.subscribe(OTHER_GUILD, 3, USER, locale="es-ES")

    # The server switched to German; someone subscribes a channel that already was.
    assert await store.subscribe(GUILD, 1, USER, locale="de") is False
    assert await languages(store, GUILD) == {1: "de", (2, "radiohead"): "de"}
    # A watch already there, asked for again: the same.
    assert await store.watches.watch(GUILD, 2, "Radiohead", "radiohead", USER,
                                     locale="pt-BR") is False
    assert await languages(store, GUILD) == {1: "pt-BR", (2, "radiohead"): "pt-BR"}
    # A new watch elsewhere in the server, and a re-enabled subscription.
    await store.record_failure(1, "Missing Access", disable_after=1)
    assert await store.watches.watch(GUILD, 4, "TLC", "tlc", USER, locale="fr") is True
    assert await store.subscribe(GUILD, 1, USER, locale="fr") is True
    assert await languages(store, GUILD) == {1: "fr", (2, "radiohead"): "fr", (4, "tlc"): "fr"}
    assert await languages(store, OTHER_GUILD) == {3: "es-ES"}  # another server's own


async def test_without_a_language_the_stored_one_is_kept(store: SubscriptionStore) -> None:
    await store.subscribe(GUILD, 1, USER)
    assert await languages(store, GUILD) == {1: None}  # not known: posts fall back
    await store.subscribe(GUILD, 1, USER, locale="fr")
    await store.record_failure(1, "Missing Access", disable_after=1)
    assert await store.subscribe(GUILD, 1, USER) is True  # re-enabled by someone unknowing
    await store.watches.watch(GUILD, 1, "TLC", "tlc", USER)
    assert await languages(store, GUILD) == {1: "fr", (1, "tlc"): None}


async def test_a_server_that_changes_its_language_changes_it_for_its_targets_only(
    store: SubscriptionStore,
) -> None:
    await store.subscribe(GUILD, 1, USER, locale="en-US")
    await store.subscribe(GUILD, 2, USER)
    await store.watches.watch(GUILD, 1, "Björk", "bjork", USER, locale="en-US")
    await store.subscribe(OTHER_GUILD, 3, USER, locale="en-US")

    assert await store.set_server_locale(GUILD, "fr") == 3
    assert await store.set_server_locale(GUILD, "fr") == 0  # nothing left to change
    assert await languages(store, GUILD) == {1: "fr", 2: "fr", (1, "bjork"): "fr"}
    assert await languages(store, OTHER_GUILD) == {3: "en-US"}
    assert await store.set_server_locale(12345, "de") == 0  # a server with nothing stored


async def test_what_is_not_a_locale_code_is_refused(store: SubscriptionStore) -> None:
    for bad in ("", "x" * 36):
        with pytest.raises(ValueError, match="not a locale code"):
            await store.subscribe(GUILD, 1, USER, locale=bad)
        with pytest.raises(ValueError, match="not a locale code"):
            await store.watches.watch(GUILD, 1, "TLC", "tlc", USER, locale=bad)
        with pytest.raises(ValueError, match="not a locale code"):
            await store.set_server_locale(GUILD, bad)
    assert await languages(store, GUILD) == {}  # nothing written on the way


# -- a store from before the language was kept ---------------------------------------------------

V3_ROWS = (
    "INSERT INTO subscriptions(channel_id, guild_id, created_by, created_at)"
    f" VALUES (7, {GUILD}, {USER}, '2026-01-01T00:00:00+00:00')",
    "INSERT INTO watches(channel_id, guild_id, artist_norm, artist_name, created_by, created_at)"
    f" VALUES (8, {GUILD}, 'tlc', 'TLC', {USER}, '2026-01-01T00:00:00+00:00')",
)


async def sqlite_at_v3(path: Path) -> None:
    """A SQLite store at schema v3, holding a subscription and a watch."""
    path.parent.mkdir(parents=True, exist_ok=True)
    async with aiosqlite.connect(path, isolation_level=None) as lite:
        await migrate(lite, load_migrations("sqlite")[:3])
        for sql in V3_ROWS:
            await lite.execute(sql)


async def postgres_at_v3(url: str) -> None:
    """The same on PostgreSQL."""
    conn = await asyncpg.connect(url)
    try:
        await migrate_postgres(conn, load_migrations("postgresql")[:3])
        for sql in V3_ROWS:
            await conn.execute(sql)
    finally:
        await conn.close()


async def test_targets_from_before_v4_have_no_language_until_their_server_says(
    backend: str, db_path: Path, open_store: OpenStore, request: pytest.FixtureRequest,
) -> None:
    if backend == "sqlite":
        await sqlite_at_v3(db_path)
    else:
        await postgres_at_v3(request.getfixturevalue("postgres_url"))
    async with await open_store() as store:  # migrated to the newest on opening
        assert await languages(store, GUILD) == {7: None, (8, "tlc"): None}
        await store.watches.watch(GUILD, 5, "Radiohead", "radiohead", USER, locale="de")
        assert await languages(store, GUILD) == {7: "de", (8, "tlc"): "de",
                                                 (5, "radiohead"): "de"}


# -- trainedon db migrate-to ---------------------------------------------------------------------

async def test_the_language_moves_into_postgresql_and_an_older_file_moves_without_one(
    tmp_path: Path, postgres_url: str,
) -> None:
    source = tmp_path / "new" / "subscriptions.sqlite"
    async with await SubscriptionStore.open(source) as lite:
        await lite.subscribe(GUILD, 1, USER, locale="fr")
        await lite.record_delivery(1, BUILD)
        await lite.watches.watch(OTHER_GUILD, 2, "TLC", "tlc", USER, locale="pt-BR")
        await lite.subscribe(OTHER_GUILD, 3, USER)
    older = tmp_path / "old" / "subscriptions.sqlite"
    await sqlite_at_v3(older)

    async with await SubscriptionStore.open_url(postgres_url) as target:
        copied = await copy_into(target, read_sqlite(source))
        assert (copied.subscriptions, copied.watches) == (2, 1)
        [subscription] = await target.for_guild(GUILD)
        assert (subscription.guild_locale, subscription.last_notified_build) == ("fr", BUILD)
        assert await languages(target, OTHER_GUILD) == {3: None, (2, "tlc"): "pt-BR"}

        copied = await copy_into(target, read_sqlite(older))
        assert (copied.subscriptions, copied.watches) == (1, 1)
        assert await languages(target, GUILD) == {1: "fr", 7: None, (8, "tlc"): None}
