"""Artist watches through the real client and the Discord double: the commands, the picker for
unsure names, and the alerts a rebuild sends to watching channels."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import discord
from discord_double import (
    DiscordDouble,
    GuildSpec,
    button,
    buttons_disabled_within,
    embed_of,
    fields,
    is_ephemeral,
    is_update,
    private_answer,
)
from helpers.bot_world import (
    GENERAL,
    GUILD_ID,
    ROLE_MODERATES,
    UPDATES,
    People,
    assert_no_mentions_anywhere,
    role_holder,
    world,
)
from helpers.workspace import Workspace

from bot.discordbot.client import TrainedOnBot
from bot.discordbot.extensions.watches import candidates
from bot.discordbot.watch_alerts import ArtistArrival, WatchNotifier
from bot.index.samples import Sample
from bot.search.results import LookupResult, Match, MatchKey
from bot.search.verdict import Thresholds
from bot.subscriptions import WatchStore

BUILD = "2026-11-25T10:00:00+00:00"
World = tuple[DiscordDouble, TrainedOnBot, People, GuildSpec]


@asynccontextmanager
async def watching(workspace: Workspace, extra: dict[str, Any] | None = None
                   ) -> AsyncIterator[World]:
    """The usual world with the watches extension loaded (until client.py loads it itself)."""
    async with world(workspace, extra) as (double, bot, people, server):
        if "watch" not in {c["name"] for c in double.commands()}:
            await bot.load_extension("bot.discordbot.extensions.watches")
            await bot.tree.sync()
        yield double, bot, people, server


def watches(bot: TrainedOnBot) -> WatchStore:
    assert bot.store is not None
    return bot.store.watches


async def ask(double: DiscordDouble, people: People, name: str, **options: Any
              ) -> dict[str, Any]:
    """A moderator runs /watch artist; the private answer (a follow-up after thinking)."""
    it = await double.slash("watch", "artist", {"name": name, **options}, user=people.mod,
                            guild_id=GUILD_ID, channel_id=GENERAL)
    return await private_answer(it)


def labels(message: dict[str, Any]) -> list[str]:
    return [c["label"] for row in message.get("components", []) for c in row["components"]]


async def test_commands_are_registered_guild_only_for_channel_managers(
    workspace: Workspace,
) -> None:
    async with watching(workspace) as (double, _, _, _):
        registered = {c["name"]: c for c in double.commands()}
        for name in ("watch", "unwatch", "watches"):
            command = registered[name]
            assert int(command["default_member_permissions"]) == discord.Permissions(
                manage_channels=True).value
            assert command.get("dm_permission") is False or command.get("contexts") == [0]
        assert [o["name"] for o in registered["watch"]["options"]] == ["artist"]


async def test_a_confident_name_is_watched_at_once(workspace: Workspace) -> None:
    async with watching(workspace) as (double, bot, people, _):
        answer = await ask(double, people, "radiohed")
        assert answer["content"].startswith("Now watching **Radiohead** here")
        assert not answer.get("components")
        [watch] = await watches(bot).for_channel(GENERAL)
        assert (watch.artist_name, watch.artist_norm) == ("Radiohead", "radiohead")
        assert watch.created_by == people.mod.user_id
        again = await ask(double, people, "Radiohead")
        assert "already watches **Radiohead**" in again["content"]
        assert_no_mentions_anywhere(double)


async def test_an_unsure_name_is_confirmed_by_the_asker_only(workspace: Workspace) -> None:
    async with watching(workspace) as (double, bot, people, _):
        answer = await ask(double, people, "raidohaed")
        assert "not an exact match" in answer["content"]
        assert labels(answer) == ["Radiohead", "Watch “raidohaed” anyway", "None of these"]
        assert await watches(bot).for_channel(GENERAL) == []

        stranger = await double.press(button(answer, "Radiohead"), message=answer,
                                      user=people.bob)
        refusal = await stranger.response()
        assert is_ephemeral(refusal)
        assert "Only the person who asked" in refusal["data"]["content"]
        assert await watches(bot).for_channel(GENERAL) == []

        picked = await double.press(button(answer, "Radiohead"), message=answer,
                                    user=people.mod)
        done = await picked.response()
        assert is_update(done)
        assert done["data"]["content"].startswith("Now watching **Radiohead** here")
        assert not done["data"].get("components")
        assert [w.artist_norm for w in await watches(bot).for_channel(GENERAL)] == ["radiohead"]


async def test_an_artist_in_no_dataset_can_be_watched_elsewhere(workspace: Workspace) -> None:
    async with watching(workspace) as (double, bot, people, server):
        answer = await ask(double, people, "Radio  Gaga", channel=server.channel(UPDATES))
        assert "is not in any indexed dataset" in answer["content"]
        assert "even though it is in no dataset yet" in answer["content"]
        assert labels(answer) == ["Radiohead", "Watch “Radio Gaga” anyway", "None of these"]
        picked = await double.press(button(answer, "Watch “Radio Gaga” anyway"),
                                    message=answer, user=people.mod)
        text = (await picked.response())["data"]["content"]
        assert text.startswith(f"Now watching **Radio Gaga** in <#{UPDATES}>")
        [watch] = await watches(bot).for_channel(UPDATES)
        assert (watch.artist_name, watch.artist_norm) == ("Radio Gaga", "radio gaga")


async def test_none_of_these_watches_nothing(workspace: Workspace) -> None:
    async with watching(workspace) as (double, bot, people, _):
        answer = await ask(double, people, "bjrok")
        cancelled = await double.press(button(answer, "None of these"), message=answer,
                                       user=people.mod)
        assert (await cancelled.response())["data"]["content"] == "Nothing is watched."
        assert await watches(bot).for_guild(GUILD_ID) == []


async def test_the_picker_expires_cleanly(workspace: Workspace) -> None:
    async with watching(workspace, {"discord": {"page_timeout_seconds": 0.3}}) as (
        double, bot, people, _
    ):
        answer = await ask(double, people, "raidohaed")
        assert await buttons_disabled_within(double, answer), (
            "the picker's buttons were not disabled on timeout")
        assert await watches(bot).for_guild(GUILD_ID) == []


async def test_unwatch_with_autocomplete_and_the_list(workspace: Workspace) -> None:
    async with watching(workspace) as (double, bot, people, server):
        await watches(bot).watch(GUILD_ID, GENERAL, "Radiohead", "radiohead", people.mod.user_id)
        await watches(bot).watch(GUILD_ID, GENERAL, "TLC", "tlc", people.mod.user_id)
        await watches(bot).watch(GUILD_ID, UPDATES, "Björk", "bjork", people.mod.user_id)

        typed = await double.autocomplete("unwatch", "artist", focused="name",
                                          options={"name": "ra"}, user=people.mod,
                                          guild_id=GUILD_ID, channel_id=GENERAL)
        choices = (await typed.response())["data"]["choices"]
        assert [c["value"] for c in choices] == ["Radiohead"]

        listed = await double.slash("watches", user=people.mod, guild_id=GUILD_ID,
                                    channel_id=GENERAL)
        text = embed_of((await listed.response())["data"])["description"]
        assert text.count("•") == 3 and "**Björk**" in text and f"<#{UPDATES}>" in text

        it = await double.slash("unwatch", "artist", {"name": "Radiohead"}, user=people.mod,
                                guild_id=GUILD_ID, channel_id=GENERAL)
        reply = (await it.response())["data"]
        assert is_ephemeral(reply)
        assert reply["content"] == f"<#{GENERAL}> no longer watches **Radiohead**."
        it = await double.slash("unwatch", "artist", {"name": "Radiohead"}, user=people.mod,
                                guild_id=GUILD_ID, channel_id=GENERAL)
        assert "does not watch" in (await it.response())["data"]["content"]

        one = await double.slash("watches", options={"channel": server.channel(GENERAL)},
                                 user=people.mod, guild_id=GUILD_ID, channel_id=UPDATES)
        text = embed_of((await one.response())["data"])["description"]
        assert text.count("•") == 1 and "**TLC**" in text


async def test_watch_and_unwatch_suggestions_are_clean_lines(workspace: Workspace) -> None:
    """Zero-width and bidi characters go from every choice, typed or stored; a cleaned choice
    still unwatches what was stored with them."""
    hidden = "Radio\u200bhe\u202ead"
    async with watching(workspace) as (double, bot, people, _):
        await watches(bot).watch(GUILD_ID, GENERAL, hidden, "radiohead", people.mod.user_id)
        await watches(bot).watch(GUILD_ID, GENERAL, "TLC", "tlc", people.mod.user_id)

        async def suggested(command: str, typed: str) -> list[dict[str, str]]:
            it = await double.autocomplete(command, "artist", focused="name",
                                           options={"name": typed}, user=people.mod,
                                           guild_id=GUILD_ID, channel_id=GENERAL)
            return (await it.response())["data"]["choices"]

        offered = await suggested("watch", hidden + "\u2066\n")
        assert offered[0] == {"name": "Radiohead", "value": "Radiohead"}  # theirs, once
        assert [c["name"] for c in offered].count("Radiohead") == 1
        long = await suggested("watch", "Radiohead " + "x" * 150)
        assert len(long[0]["name"]) == 100 and long[0]["name"].endswith("…")
        for choice in offered + long:
            assert choice["name"] == choice["value"] and choice["name"].isprintable()

        assert await suggested("unwatch", "radio\u200bhe") == [
            {"name": "Radiohead", "value": "Radiohead"}]
        it = await double.slash("unwatch", "artist", {"name": "Radiohead"}, user=people.mod,
                                guild_id=GUILD_ID, channel_id=GENERAL)
        assert "no longer watches" in (await it.response())["data"]["content"]
        assert [w.artist_name for w in await watches(bot).for_channel(GENERAL)] == ["TLC"]


async def test_members_without_permission_are_refused(workspace: Workspace) -> None:
    extra = ROLE_MODERATES
    async with watching(workspace, extra) as (double, bot, people, server):
        with_role = role_holder()
        server.members.append(with_role)
        for command, sub, options in [("watch", "artist", {"name": "radiohead"}),
                                      ("unwatch", "artist", {"name": "radiohead"}),
                                      ("watches", None, {})]:
            it = await double.slash(command, sub, options, user=people.alice,
                                    guild_id=GUILD_ID, channel_id=GENERAL)
            refused = (await it.response())["data"]
            assert is_ephemeral(refused)
            assert "You need the Manage Channels permission" in refused["content"], command
        assert await watches(bot).for_guild(GUILD_ID) == []
        it = await double.slash("watch", "artist", {"name": "radiohead"}, user=with_role,
                                guild_id=GUILD_ID, channel_id=GENERAL)
        assert (await it.followups())[0]["content"].startswith("Now watching **Radiohead**")


def arrival(norm: str, name: str, dataset: str = "gamma", count: int = 2) -> ArtistArrival:
    samples = tuple(
        Sample(f"New Song {i}", (name,), dataset, f"https://example.org/new/{i}", f"n{i}", False)
        for i in range(count)
    )
    return ArtistArrival(norm, name, dataset, f"{dataset.title()} Set", count, samples)


async def test_an_arrival_is_posted_once_to_the_watching_channel(workspace: Workspace) -> None:
    async with watching(workspace) as (double, bot, people, _):
        assert bot.store is not None
        await watches(bot).watch(GUILD_ID, UPDATES, "Radiohead", "radiohead", people.mod.user_id)
        await watches(bot).watch(GUILD_ID, GENERAL, "TLC", "tlc", people.mod.user_id)
        notifier = WatchNotifier(bot.store, bot.config.settings.subscriptions, bot.sender)
        arrivals = [arrival("radiohead", "Radiohead"),
                    arrival("radiohead", "Radiohead", "delta", 1),
                    arrival("nobody", "Nobody Watches")]

        first = await notifier.announce(BUILD, arrivals)
        assert first.delivered == [(UPDATES, "radiohead")] and not first.failed
        [post] = await double.channel_messages(UPDATES)
        embed = embed_of(post)
        assert embed["title"] == "New in the datasets: Radiohead"
        assert "added **3** tracks by **Radiohead**" in embed["description"]
        assert fields(embed)["Gamma Set"] == "**+2** new tracks"
        assert fields(embed)["Delta Set"] == "**+1** new track"
        assert "[New Song 0](https://example.org/new/0)" in fields(embed)["Some of the new tracks"]
        assert "2026-11-25 10:00 UTC" in embed["footer"]["text"]
        assert "Dataset metadata, not proof" in embed["footer"]["text"]
        assert not double.messages.channel_posts.get(GENERAL)

        second = await notifier.announce(BUILD, arrivals)
        assert second.skipped == [(UPDATES, "radiohead")] and not second.delivered
        assert len(await double.channel_messages(UPDATES)) == 1
        assert_no_mentions_anywhere(double)


async def test_arrival_text_is_escaped(workspace: Workspace) -> None:
    async with watching(workspace) as (double, bot, people, _):
        assert bot.store is not None
        name = "@everyone **loud**"
        await watches(bot).watch(GUILD_ID, UPDATES, name, "everyone loud", people.mod.user_id)
        notifier = WatchNotifier(bot.store, bot.config.settings.subscriptions, bot.sender)
        await notifier.announce(BUILD, [arrival("everyone loud", name)])
        [post] = await double.channel_messages(UPDATES)
        assert "@everyone" not in str(embed_of(post))
        assert_no_mentions_anywhere(double)


async def test_a_deleted_channel_is_disabled_after_repeated_failures(
    workspace: Workspace,
) -> None:
    async with watching(workspace) as (double, bot, people, _):
        assert bot.store is not None
        for channel in (GENERAL, UPDATES):
            await watches(bot).watch(GUILD_ID, channel, "Radiohead", "radiohead",
                                     people.mod.user_id)
        double.fail(r"POST /channels/\d+/messages", 404, channel_id=GENERAL, times=10)
        notifier = WatchNotifier(bot.store, bot.config.settings.subscriptions, bot.sender)
        key = (GENERAL, "radiohead")

        first = await notifier.announce(BUILD, [arrival("radiohead", "Radiohead")])
        assert first.delivered == [(UPDATES, "radiohead")] and "not found" in first.failed[key]
        second = await notifier.announce("2026-11-26T10:00:00+00:00",
                                         [arrival("radiohead", "Radiohead")])
        assert second.disabled == [key]  # disable_after_failures: 2
        assert [w.channel_id for w in await watches(bot).watchers("radiohead")] == [UPDATES]
        assert len(await double.channel_messages(UPDATES, min_count=2)) == 2


def match(name: str, score: float) -> Match:
    return Match(name, score, 1, (), (), MatchKey("artist", 1))


def test_close_matches_are_asked_about_and_exact_names_are_not() -> None:
    def result(query: str, *matches: Match) -> LookupResult:
        return LookupResult(query, "artist", matches, thresholds=Thresholds(found=88, uncertain=75))

    assert candidates(result("radiohed", match("Radiohead", 94))) is None
    assert candidates(result("the band", match("The Band", 99), match("Band", 97))) is None
    assert candidates(result("band", match("Bend", 95), match("Bang", 94))) == ["Bend", "Bang"]
    assert candidates(result("x", match("Xa", 80))) == ["Xa"]
    many = [match(f"Name {i}", 90 - i / 10) for i in range(6)]
    assert candidates(result("nam", *many)) == [m.name for m in many[:4]]
