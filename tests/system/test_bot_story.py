"""The whole story through the real discord.py client and a local Discord API double:
connect and sync, look up with a typo and page, a refused /reload, a moderator's reload that
adds a dataset, the update post in the subscribed channel, and a restart that keeps it."""

from __future__ import annotations

from discord_double import (
    DiscordDouble,
    button,
    embed_of,
    fields,
    is_answer,
    is_deferred,
    is_ephemeral,
    is_update,
)
from helpers.bot_world import (
    GENERAL,
    GUILD_ID,
    UPDATES,
    People,
    assert_no_mentions_anywhere,
    bot_on,
    guild,
    seed,
    songs_csv,
)
from helpers.workspace import Workspace, songs_dataset


async def test_the_whole_story(workspace: Workspace) -> None:
    people = People()
    server = guild(people)
    async with DiscordDouble([server], owner_id=people.owner.user_id) as double:
        seed(workspace, double.api_url)
        workspace.build()

        async with bot_on(double, workspace) as bot:
            # Connected, and the commands are registered with Discord.
            await double.wait_for_commands()
            names = {c["name"] for c in double.commands()}
            assert {"lookup", "datasets", "subscribe", "unsubscribe", "subscriptions",
                    "reload", "help"} <= names
            lookup = next(c for c in double.commands() if c["name"] == "lookup")
            assert {o["name"] for o in lookup["options"]} == {"artist", "song", "link"}

            # A member looks up an artist with a typo.
            asked = await double.slash("lookup", "artist", {"name": "radiohed"},
                                       user=people.alice, guild_id=GUILD_ID, channel_id=GENERAL)
            assert is_deferred(await asked.response())  # deferred while searching
            answer = (await asked.followups())[0]
            embed = embed_of(answer)
            assert embed["title"] == "Artist: Radiohead"
            assert fields(embed)["Alpha Set"] == "**15** tracks"
            assert fields(embed)["Beta Set"] == "**8** tracks"
            assert "Index built" in embed["footer"]["text"]

            # ... and pages through the tracks: 23 tracks, 10 a page.
            turned = await double.press(button(answer, "›"), message=answer, user=people.alice)
            page = await turned.response()
            assert is_update(page)  # the message is updated in place
            page_embed = page["data"]["embeds"][0]
            assert page_embed["description"].count("•") == 10
            assert "Page 1 of 3" in page_embed["footer"]["text"]

            # Someone else cannot turn the pages.
            answer = double.messages.by_id[int(answer["id"])]
            stranger = await double.press(button(answer, "›"), message=answer, user=people.bob)
            refusal = await stranger.response()
            assert is_answer(refusal) and is_ephemeral(refusal)
            assert "Only the person who asked" in refusal["data"]["content"]

            # A member without permission is refused /reload, privately.
            denied = await double.slash("reload", user=people.alice, guild_id=GUILD_ID,
                                        channel_id=GENERAL)
            response = await denied.response()
            assert is_answer(response) and is_ephemeral(response)
            assert "Manage Server" in response["data"]["content"]

            # A moderator subscribes the updates channel.
            subscribed = await double.slash(
                "subscribe", options={"channel": server.channel(UPDATES)}, user=people.mod,
                guild_id=GUILD_ID, channel_id=GENERAL,
            )
            assert "will get a post" in (await subscribed.response())["data"]["content"]

            # ... and has the general channel watch Radiohead.
            watched = await double.slash("watch", "artist", {"name": "radiohead"},
                                         user=people.mod, guild_id=GUILD_ID, channel_id=GENERAL)
            assert is_deferred(await watched.response())
            assert "Now watching" in (await watched.followups())[0]["content"]

            # New metadata lands: a moderator adds a dataset file and reloads.
            workspace.write("gamma/new.csv", songs_csv([("Fresh", "Newcomer"),
                                                        ("Another", "Radiohead")], "g"))
            manifest = [
                songs_dataset("alpha", "alpha/*.csv", name="Alpha Set"),
                songs_dataset("beta", "beta/*.csv", name="Beta Set"),
                songs_dataset("gamma", "gamma/*.csv", name="Gamma Set"),
            ]
            workspace.write_manifest(manifest)
            reload = await double.slash("reload", user=people.mod, guild_id=GUILD_ID,
                                        channel_id=GENERAL)
            assert is_deferred(await reload.response())
            # Lookups keep being answered from the old index while the rebuild runs.
            during = await double.slash("lookup", "artist", {"name": "newcomer"},
                                        user=people.bob, guild_id=GUILD_ID, channel_id=GENERAL)
            assert is_deferred(await during.response())
            report = embed_of((await reload.followups(timeout=60))[0])
            assert report["title"].startswith("Reload done")
            assert fields(report)["Gamma Set — added"].startswith("2 tracks · 2 artists\nsource")

            # The subscribed channel receives the update post naming the new dataset.
            posts = await double.channel_messages(UPDATES, min_count=1, timeout=10)
            post = embed_of(posts[0])
            assert post["title"] == "Dataset update"
            assert fields(post)["Gamma Set — added"].startswith("2 tracks · 2 artists")
            # The watching channel is told that Radiohead arrived in the new dataset.
            alerts = await double.channel_messages(GENERAL, min_count=1, timeout=10)
            alert = str(embed_of(alerts[0]))
            assert len(alerts) == 1 and "Radiohead" in alert and "Gamma Set" in alert
            assert "Another" in alert

            # /datasets shows the history of changes.
            listed = await double.slash("datasets", user=people.bob, guild_id=GUILD_ID,
                                        channel_id=GENERAL)
            recent = fields(embed_of((await listed.response())["data"]))["Recent changes"]
            assert "Gamma Set added" in recent

            # After the swap, lookups see the new dataset.
            after = await double.slash("lookup", "artist", {"name": "newcomer"},
                                       user=people.bob, guild_id=GUILD_ID, channel_id=GENERAL)
            assert embed_of((await after.followups())[0])["title"] == "Artist: Newcomer"

        # A restart keeps the subscription.
        async with bot_on(double, workspace) as bot:
            listed = await double.slash("subscriptions", user=people.mod, guild_id=GUILD_ID,
                                        channel_id=GENERAL)
            listing = embed_of((await listed.response())["data"])
            assert f"<#{UPDATES}>" in listing["description"]
            assert bot.store is not None
            assert [s.channel_id for s in await bot.store.active()] == [UPDATES]
        assert_no_mentions_anywhere(double)
        assert not double.unknown_routes
