"""The bot as a person's own app: /lookup, /check catalog and /help anywhere, privately where
the server never installed the bot; everything that changes a server stays with servers."""

from __future__ import annotations

import pytest
from discord_double import (
    AttachmentSpec,
    ChannelSpec,
    GuildSpec,
    button,
    embed_of,
    is_deferred,
    is_ephemeral,
    make_member,
)
from discord_double.snowflakes import snowflake
from helpers.bot_world import GENERAL, GUILD_ID, world
from helpers.workspace import Workspace

EVERYWHERE = {"lookup", "check", "help", "privacy"}  # privacy: the policy, forgetting oneself
GUILD_INSTALL, USER_INSTALL = 0, 1
IN_SERVERS, IN_BOT_DMS, IN_GROUP_DMS = 0, 1, 2


def elsewhere() -> GuildSpec:
    """A server that never invited the bot, with one text channel."""
    return GuildSpec(snowflake(), "Elsewhere", owner_id=snowflake(),
                     channels=[ChannelSpec(snowflake(), "chat")])


async def test_registration_offers_the_three_everywhere_and_the_rest_to_servers(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, _, _, _):
        registered = {c["name"]: c for c in double.commands()}
        for name, command in registered.items():
            if name in EVERYWHERE:
                assert command["integration_types"] == [GUILD_INSTALL, USER_INSTALL], name
                assert command["contexts"] == [IN_SERVERS, IN_BOT_DMS, IN_GROUP_DMS], name
            else:
                assert command["integration_types"] == [GUILD_INSTALL], name
        for name in ("subscribe", "unsubscribe", "subscriptions", "watch", "unwatch", "watches",
                     "reload"):
            assert registered[name]["contexts"] == [IN_SERVERS], name


async def test_in_a_server_without_the_bot_a_lookup_is_answered_privately(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, _, _, _):
        server = elsewhere()
        double.other_guilds[server.id] = server
        musician = make_member("musician")
        it = await double.slash("lookup", "artist", {"name": "radiohed"}, user=musician,
                                guild_id=server.id, channel_id=server.channels[0].id,
                                installed_by="user")
        deferred = await it.response()
        assert is_deferred(deferred) and is_ephemeral(deferred)  # without asking for private
        [answer] = await it.followups()
        assert is_ephemeral(answer)
        assert embed_of(answer)["title"] == "Artist: Radiohead"
        pressed = await double.press(button(answer, "›"), message=answer,
                                     user=musician)
        assert (await pressed.response())["type"] == 7  # the page turns in place

        catalog = AttachmentSpec("mine.csv", b"artist,title\nRadiohead,Song Number 1\n",
                                 "text/csv")
        checked = await double.slash("check", "catalog", {"file": catalog}, user=musician,
                                     guild_id=server.id, channel_id=server.channels[0].id,
                                     installed_by="user")
        assert is_ephemeral(await checked.response())
        final = await checked.original(timeout=30, predicate=lambda m: bool(m.get("embeds")))
        assert embed_of(final)["title"].startswith("Catalog check: mine.csv")


@pytest.mark.parametrize("group_dm", [False, True])
async def test_as_their_own_app_in_direct_messages_people_get_answers(
    workspace: Workspace, group_dm: bool,
) -> None:
    async with world(workspace) as (double, _, _, _):
        musician = make_member("musician")
        it = await double.slash("lookup", "song", {"title": "creep"}, user=musician,
                                installed_by="user", group_dm=group_dm)
        deferred = await it.response()
        assert is_deferred(deferred) and not is_ephemeral(deferred)  # their own conversation
        [answer] = await it.followups()
        assert embed_of(answer)["title"].startswith("Song: Creep")
        helped = await double.slash("help", user=musician, installed_by="user",
                                    group_dm=group_dm)
        assert embed_of((await helped.response())["data"])["title"] == "About TrainedOn"


async def test_server_state_is_never_offered_to_a_users_own_app(workspace: Workspace) -> None:
    async with world(workspace) as (double, bot, people, _):
        server = elsewhere()
        double.other_guilds[server.id] = server
        for name, sub in (("subscribe", None), ("watch", "artist"), ("reload", None),
                          ("watches", None), ("datasets", None)):
            for where in ({"guild_id": server.id, "channel_id": server.channels[0].id},
                          {"guild_id": GUILD_ID, "channel_id": GENERAL}, {}):
                with pytest.raises(LookupError, match="not offered"):
                    await double.slash(name, sub, {"name": "x"} if sub else {},
                                       user=people.mod, installed_by="user", **where)
        assert bot.store is not None and await bot.store.for_guild(server.id) == []


async def test_in_a_server_that_installed_the_bot_answers_stay_public(
    workspace: Workspace,
) -> None:
    async with world(workspace) as (double, _, people, _):
        it = await double.slash("lookup", "artist", {"name": "radiohead"}, user=people.alice,
                                guild_id=GUILD_ID, channel_id=GENERAL, installed_by="user")
        assert not is_ephemeral(await it.response())  # the server did install it
