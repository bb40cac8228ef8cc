"""/lookup link, same-name artists, catalog ids and id watches, through the real discord.py
client and the local Discord double."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from discord_double import (
    AttachmentSpec,
    DiscordDouble,
    button,
    embed_of,
    fields,
    is_deferred,
    is_ephemeral,
    private_answer,
)
from helpers.bot_world import GENERAL, GUILD_ID, UPDATES, People, assert_no_mentions_anywhere
from helpers.identity_data import (
    LOW_A,
    LOW_A_TRACKS,
    LOW_B,
    LOW_C,
    TRACK,
    VIDEO,
    identity_world,
    tube_video,
    write_manifest,
)
from helpers.workspace import Workspace

from bot.subscriptions.watches import link_key
from bot.text.links import IdKind, LinkId

VIDEO_TITLE = "YouTube video: listed in 2 of 6 indexed datasets"


async def ask(double: DiscordDouble, people: People, url: str, **options: Any
              ) -> dict[str, Any]:
    """Alice runs /lookup link; the answer (the first follow-up after thinking)."""
    it = await double.slash("lookup", "link", {"url": url, **options}, user=people.alice,
                            guild_id=GUILD_ID, channel_id=GENERAL)
    assert is_deferred(await it.response())
    return (await it.followups())[0]


async def refused(double: DiscordDouble, people: People, url: str) -> str:
    """A private one-sentence refusal, sent at once (nothing deferred)."""
    it = await double.slash("lookup", "link", {"url": url}, user=people.alice,
                            guild_id=GUILD_ID, channel_id=GENERAL)
    response = await it.response()
    assert is_ephemeral(response) and not is_deferred(response), response
    return str(response["data"]["content"])


@pytest.mark.parametrize("pasted", [
    pytest.param(f"https://www.youtube.com/watch?v={VIDEO}&t=42s&si=AbC123", id="watch-t-si"),
    pytest.param(f"https://youtu.be/{VIDEO}?si=x", id="youtu.be"),
    pytest.param(f"https://music.youtube.com/watch?v={VIDEO}&feature=share", id="music"),
    pytest.param(f"https://www.youtube.com/shorts/{VIDEO}", id="shorts"),
    pytest.param(f"<https://www.youtube.com/watch?v={VIDEO}>", id="angle-brackets"),
])
async def test_every_video_form_answers_with_each_dataset_row(
    workspace: Workspace, pasted: str,
) -> None:
    async with identity_world(workspace) as (double, _, people):
        answer = await ask(double, people, pasted)
        embed = embed_of(answer)
        assert embed["title"] == VIDEO_TITLE
        rows = fields(embed)
        tube = next(v for k, v in rows.items() if k.startswith("Listed in Tube Set (row tube"))
        assert "Never Gonna Give You Up" in tube and "Rick Astley" in tube
        clip = next(v for k, v in rows.items() if k.startswith("Listed in Caption Set (row"))
        assert "Clip: 30–40 s" in clip and "A \\*bright\\* pop song" in clip
        assert "@everyone" not in str(embed)
        # A video's rows are whole: no pages to turn, the evidence to take away.
        assert [c["label"] for r in answer["components"] for c in r["components"]] == [
            "Export CSV + JSON"]
        assert_no_mentions_anywhere(double)


async def test_a_channel_link_answers_its_tracks_with_pages_and_an_export(
    workspace: Workspace,
) -> None:
    async with identity_world(workspace) as (double, _, people):
        answer = await ask(double, people, f"https://music.youtube.com/channel/{LOW_A}",
                           private=True)
        assert is_ephemeral(answer)
        embed = embed_of(answer)
        assert embed["title"] == "YouTube Music channel: Low"
        assert f"**{LOW_A_TRACKS}** tracks credited to it" in embed["description"]
        assert fields(embed)["Tube Set"] == f"**{LOW_A_TRACKS}** tracks"
        last = await double.press(button(answer, "»"), message=answer, user=people.alice)
        page = embed_of((await last.response())["data"])
        assert page["title"] == "YouTube Music channel: Low — all tracks"
        assert "Page 3 of 3" in page["footer"]["text"]
        assert page["description"].count("\n") == LOW_A_TRACKS - 21  # 6 tracks on page 3
        assert "Other Low" not in page["description"]

        exported = await double.press(button(answer, "Export CSV + JSON"), message=answer,
                                      user=people.alice)
        sent = (await exported.followups())[0]
        files = double.files_in(sent)
        stem = f"trainedon-youtube_channel-{LOW_A.lower()}"
        table = list(csv.DictReader(io.StringIO(files[f"{stem}.csv"].decode("utf-8-sig"))))
        assert len(table) == LOW_A_TRACKS
        duet = next(r for r in table if r["title"] == "Duet")
        assert (duet["artists"], duet["artist ids"]) == ("Low; Guest Star", f"{LOW_A}; ")
        data = json.loads(files[f"{stem}.json"])
        assert data["kind"] == "link" and data["score"] is None
        assert data["tracks"][0]["artist_ids"] == [LOW_A]


async def test_a_spotify_track_link_is_answered(workspace: Workspace) -> None:
    async with identity_world(workspace) as (double, _, people):
        answer = await ask(double, people, f"https://open.spotify.com/intl-de/track/{TRACK}?si=z")
        embed = embed_of(answer)
        assert embed["title"] == "Spotify track: listed in 1 of 6 indexed datasets"
        assert any(name.startswith("Listed in Spot Set") for name in fields(embed))


async def test_an_unknown_video_is_not_in_any_indexed_dataset(workspace: Workspace) -> None:
    async with identity_world(workspace) as (double, _, people):
        answer = await ask(double, people, "https://youtu.be/zzzzzzzzzzz")
        embed = embed_of(answer)
        assert embed["title"] == "Not in any indexed dataset"
        assert not answer.get("components")


async def test_a_handle_and_junk_get_one_private_sentence(workspace: Workspace) -> None:
    async with identity_world(workspace) as (double, _, people):
        handle = await refused(double, people, "https://www.youtube.com/@lowtheband")
        assert "@handle cannot be resolved offline" in handle and "UC" in handle
        junk = await refused(double, people, "my favourite song")
        assert junk.startswith("That is not a link or id TrainedOn can look up: paste")
        assert "youtu.be/" in junk and "open.spotify.com/track/" in junk
        assert "Traceback" not in handle + junk


async def test_an_artist_answer_says_when_one_name_is_several_artists(
    workspace: Workspace,
) -> None:
    async with identity_world(workspace) as (double, _, people):
        it = await double.slash("lookup", "artist", {"name": "low"}, user=people.alice,
                                guild_id=GUILD_ID, channel_id=GENERAL)
        embed = embed_of((await it.followups())[0])
        shared = fields(embed)[
            "3 different YouTube Music channels are credited as Low in Tube Set"]
        for channel_id in (LOW_A, LOW_B, LOW_C):
            assert f"https://www.youtube.com/channel/{channel_id}" in shared
        assert "2 tracks: Other Low 0, Other Low 1" in shared
        # The channel link narrows it to one of them.
        narrowed = embed_of(await ask(double, people, f"https://www.youtube.com/channel/{LOW_B}"))
        assert "**2** tracks credited to it" in narrowed["description"]


async def test_a_catalog_row_with_a_youtube_link_is_found_by_its_exact_id(
    workspace: Workspace,
) -> None:
    catalog = (f"artist,title,youtube url,isrc\nSomebody,Wrong Title,https://youtu.be/{VIDEO},"
               "USRC17607839\nRadiohead,Song Number 3,,\n").encode()
    async with identity_world(workspace) as (double, _, people):
        it = await double.slash("check", "catalog",
                                {"file": AttachmentSpec("cat.csv", catalog, "text/csv")},
                                user=people.alice, guild_id=GUILD_ID, channel_id=GENERAL)
        await it.response()
        done = await it.original(timeout=60, predicate=lambda m: bool(m.get("embeds")))
        assert "(1 by exact id)" in embed_of(done)["description"]
        report = double.files_in(done)["cat-trainedon-report.csv"]
        rows = list(csv.DictReader(io.StringIO(report.decode("utf-8-sig"))))
        assert [(r["status"], r["match"]) for r in rows] == [("found", "exact id"),
                                                             ("found", "name")]
        assert rows[0]["reason"] == "exact id" and rows[0]["input isrc"] == "USRC17607839"
        assert rows[0]["matched title"] == "Never Gonna Give You Up"
        assert "tube row tube" in rows[0]["dataset rows"]


async def test_a_channel_is_watched_by_its_id_and_alerted_only_for_its_own_tracks(
    workspace: Workspace,
) -> None:
    async with identity_world(workspace) as (double, bot, people):
        assert bot.store is not None
        it = await double.slash("watch", "artist",
                                {"name": f"https://www.youtube.com/channel/{LOW_B}"},
                                user=people.mod, guild_id=GUILD_ID, channel_id=UPDATES)
        answer = await private_answer(it)
        assert answer["content"].startswith(
            f"Now watching **Low (YouTube Music channel {LOW_B})** here")
        [watch] = await bot.store.watches.for_channel(UPDATES)
        assert watch.link == LinkId(IdKind.YOUTUBE_CHANNEL, LOW_B)
        assert watch.artist_norm == link_key(LinkId(IdKind.YOUTUBE_CHANNEL, LOW_B))
        video = await double.slash("watch", "artist", {"name": f"https://youtu.be/{VIDEO}"},
                                   user=people.mod, guild_id=GUILD_ID, channel_id=UPDATES)
        assert "a watch follows an artist" in (await video.response())["data"]["content"]

        # Another Low and this one get new tracks: only this one's are announced.
        write_manifest(workspace, extra_tube=[
            ("Brand New", "Low", LOW_B, tube_video("n", 0)),
            ("Not Ours", "Low", LOW_A, tube_video("n", 1))])
        reload = await double.slash("reload", user=people.mod, guild_id=GUILD_ID,
                                    channel_id=GENERAL)
        assert embed_of((await reload.followups(timeout=60))[0])["title"].startswith(
            "Reload done")
        [alert] = await double.channel_messages(UPDATES, min_count=1, timeout=10)
        embed = embed_of(alert)
        assert embed["title"] == "New in the datasets: Low"
        assert fields(embed)["Tube Set"] == "**+1** new track"
        assert "Brand New" in str(embed) and "Not Ours" not in str(embed)

        gone = await double.slash("unwatch", "artist", {"name": watch.artist_name},
                                  user=people.mod, guild_id=GUILD_ID, channel_id=UPDATES)
        assert "no longer watches" in (await gone.response())["data"]["content"]
        assert await bot.store.watches.for_channel(UPDATES) == []
