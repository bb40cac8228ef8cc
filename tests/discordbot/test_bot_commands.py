"""Each command through the real discord.py client and the local Discord API double."""

from __future__ import annotations

import asyncio

import discord
from discord_double import (
    AUTOCOMPLETE_RESULT,
    button,
    buttons_disabled_within,
    embed_of,
    fields,
    is_deferred,
    is_ephemeral,
    make_member,
    private_answer,
)
from helpers.bot_world import (
    GENERAL,
    GUILD_ID,
    ROLE_MODERATES,
    UPDATES,
    assert_no_mentions_anywhere,
    role_holder,
    world,
)
from helpers.workspace import Workspace


async def test_autocomplete_offers_the_typed_text_then_indexed_names(workspace: Workspace) -> None:
    async with world(workspace) as (double, _, people, _):
        typed = await double.autocomplete("lookup", "artist", focused="name",
                                          options={"name": "radioh"}, user=people.alice,
                                          guild_id=GUILD_ID, channel_id=GENERAL)
        response = await typed.response()
        assert response["type"] == AUTOCOMPLETE_RESULT
        names = [c["name"] for c in response["data"]["choices"]]
        assert names[:2] == ["radioh", "Radiohead"]
        assert len(names) <= 25
        song = await double.autocomplete("lookup", "song", focused="title",
                                         options={"title": "song numb"}, user=people.alice,
                                         guild_id=GUILD_ID, channel_id=GENERAL)
        titles = [c["name"] for c in (await song.response())["data"]["choices"]]
        assert titles[0] == "song numb" and titles[1].startswith("Song Number")


async def test_private_lookup_is_ephemeral_and_song_lookup_tells_artists_apart(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, _, people, _):
        private = await double.slash("lookup", "song", {"title": "creep", "artist": "tlc",
                                                        "private": True},
                                     user=people.alice, guild_id=GUILD_ID, channel_id=GENERAL)
        answer = await private_answer(private)
        assert embed_of(answer)["title"] == "Song: Creep — TLC"


async def test_not_found_is_plain_with_near_misses(workspace: Workspace) -> None:
    async with world(workspace) as (double, _, people, _):
        asked = await double.slash("lookup", "artist", {"name": "radio gaga"}, user=people.alice,
                                   guild_id=GUILD_ID, channel_id=GENERAL)
        answer = (await asked.followups())[0]
        embed = embed_of(answer)
        assert embed["title"] == "Artist not found"
        assert "is not found in any indexed dataset" in embed["description"]
        assert "Radiohead" in next(iter(fields(embed).values()))
        assert not answer.get("components")  # nothing to page through


async def test_dataset_text_is_escaped_and_mentions_are_off(workspace: Workspace) -> None:
    async with world(workspace) as (double, _, people, _):
        asked = await double.slash("lookup", "artist", {"name": "juniper quay"},
                                   user=people.alice, guild_id=GUILD_ID, channel_id=GENERAL)
        embed = embed_of((await asked.followups())[0])
        samples = fields(embed)["Sample tracks"]
        assert "@\u200beveryone \\*\\*look\\*\\*" in samples
        assert "@everyone" not in str(embed)
        assert_no_mentions_anywhere(double)


async def test_datasets_and_help(workspace: Workspace) -> None:
    async with world(workspace) as (double, _, people, _):
        listed = await double.slash("datasets", user=people.alice, guild_id=GUILD_ID,
                                    channel_id=GENERAL)
        embed = embed_of((await listed.response())["data"])
        assert embed["title"] == "Indexed datasets"
        alpha = fields(embed)["Alpha Set"]
        assert alpha.startswith("18 tracks · 5 artists")
        assert "[Source](https://example.org/alpha)" in alpha and "Licence: test" in alpha
        helped = await double.slash("help", user=people.alice, guild_id=GUILD_ID,
                                    channel_id=GENERAL)
        card = await helped.response()
        assert is_ephemeral(card)
        text = str(embed_of(card["data"]))
        assert "not that any company trained on it" in text and "Alpha Set" in text


async def test_lookups_have_a_per_user_cooldown(workspace: Workspace) -> None:
    extra = {"discord": {"lookups_per_minute": 1}}
    async with world(workspace, extra) as (double, _, people, _):
        first = await double.slash("lookup", "artist", {"name": "bjork"}, user=people.alice,
                                   guild_id=GUILD_ID, channel_id=GENERAL)
        assert is_deferred(await first.response())
        second = await double.slash("lookup", "artist", {"name": "bjork"}, user=people.alice,
                                    guild_id=GUILD_ID, channel_id=GENERAL)
        refused = await second.response()
        assert is_ephemeral(refused)
        assert refused["data"]["content"].startswith("Slow down a little")
        other = await double.slash("lookup", "artist", {"name": "bjork"}, user=people.bob,
                                   guild_id=GUILD_ID, channel_id=GENERAL)
        assert is_deferred(await other.response())  # someone else is not slowed


async def test_page_buttons_expire_cleanly(workspace: Workspace) -> None:
    async with world(workspace, {"discord": {"page_timeout_seconds": 0.3}}) as (
        double, _, people, _
    ):
        asked = await double.slash("lookup", "artist", {"name": "radiohead"}, user=people.alice,
                                   guild_id=GUILD_ID, channel_id=GENERAL)
        answer = (await asked.followups())[0]
        button(answer, "›")
        assert await buttons_disabled_within(double, answer), (
            "the page buttons were not disabled on timeout")


async def test_moderator_commands_check_permissions_on_the_server_side(
    workspace: Workspace,
) -> None:
    extra = ROLE_MODERATES
    async with world(workspace, extra) as (double, _, people, server):
        manager = make_member("chan-manager", permissions=discord.Permissions(manage_channels=True))
        with_role = role_holder()
        server.members += [manager, with_role]
        updates = server.channel(UPDATES)
        cases = [
            ("subscribe", people.alice, "You need the Manage Channels permission"),
            ("subscribe", manager, "will get a post"),
            ("unsubscribe", people.bob, "You need the Manage Channels permission"),
            ("unsubscribe", with_role, "will no longer get update posts"),
        ]
        for command, member, expected in cases:
            it = await double.slash(command, options={"channel": updates}, user=member,
                                    guild_id=GUILD_ID, channel_id=GENERAL)
            response = await it.response()
            assert expected in response["data"]["content"], (command, member.name)
            assert is_ephemeral(response)
        # The default permissions only hide commands; they are registered, checks decide.
        subscribe = next(c for c in double.commands() if c["name"] == "subscribe")
        assert int(subscribe["default_member_permissions"]) == discord.Permissions(
            manage_channels=True).value


async def test_reload_by_role_and_by_owner_and_a_second_reload_is_refused(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, bot, people, _):
        first = await double.slash("reload", user=people.owner, guild_id=GUILD_ID,
                                   channel_id=GENERAL)
        assert is_deferred(await first.response())  # the bot's owner may reload
        second = await double.slash("reload", user=people.mod, guild_id=GUILD_ID,
                                    channel_id=GENERAL)
        refused = await second.response()
        assert is_ephemeral(refused)
        assert "already running" in refused["data"]["content"]
        report = embed_of((await first.followups(timeout=60))[0])
        assert report["title"].startswith("Reload done")
        assert not bot.index.reloading


async def test_failed_reload_keeps_the_old_index_and_says_why(workspace: Workspace) -> None:
    async with world(workspace) as (double, bot, people, _):
        built_at = bot.index.searcher.reader.built_at
        workspace.write("beta/songs.csv", "")  # the served dataset's file breaks
        it = await double.slash("reload", user=people.mod, guild_id=GUILD_ID, channel_id=GENERAL)
        failure = (await it.followups(timeout=60))[0]
        assert failure["content"].startswith("Reload failed: beta: songs.csv: empty file")
        assert "previous index keeps serving" in failure["content"]
        assert bot.index.searcher.reader.built_at == built_at
        asked = await double.slash("lookup", "artist", {"name": "radiohead"}, user=people.alice,
                                   guild_id=GUILD_ID, channel_id=GENERAL)
        assert fields(embed_of((await asked.followups())[0]))["Beta Set"] == "**8** tracks"


async def test_without_an_index_the_bot_runs_and_says_so(workspace: Workspace) -> None:
    async with world(workspace, build=False) as (double, _, people, _):
        asked = await double.slash("lookup", "artist", {"name": "x"}, user=people.alice,
                                   guild_id=GUILD_ID, channel_id=GENERAL)
        await asked.response()
        reply = (await asked.followups())[0]
        assert is_ephemeral(reply)
        assert "index has not been built yet" in reply["content"]


async def test_commands_sync_to_test_guilds_when_configured(workspace: Workspace) -> None:
    async with world(workspace, {"discord": {"test_guild_ids": [GUILD_ID]}}) as (double, *_):
        names = {c["name"] for c in double.commands(guild_id=GUILD_ID)}
        assert {"lookup", "reload", "subscribe"} <= names


async def test_leaving_a_server_removes_its_subscriptions(workspace: Workspace) -> None:
    async with world(workspace) as (double, bot, people, _):
        assert bot.store is not None
        await bot.store.subscribe(GUILD_ID, UPDATES, people.mod.user_id)
        await double.dispatch("GUILD_DELETE", {"id": str(GUILD_ID)})
        for _ in range(100):
            if not await bot.store.for_guild(GUILD_ID):
                break
            await asyncio.sleep(0.02)
        assert await bot.store.for_guild(GUILD_ID) == []


async def test_guild_only_commands_refuse_direct_messages(workspace: Workspace) -> None:
    async with world(workspace) as (double, _, people, _):
        subscribe = next(c for c in double.commands() if c["name"] == "subscribe")
        assert subscribe.get("contexts") == [0] or subscribe.get("dm_permission") is False
        lookup = await double.slash("lookup", "artist", {"name": "bjork"}, user=people.alice)
        assert is_deferred(await lookup.response())  # lookups work in DMs
