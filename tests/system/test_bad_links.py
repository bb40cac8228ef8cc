"""Bad links, one table row per case, through the CLI and the real discord.py client.

Each gets an exact answer or one clear sentence: never a traceback, and never a fuzzy guess
shown as exact (a refused link is answered with no embed at all). docs/RELIABILITY.md shows
the same table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from discord_double import embed_of, is_deferred, is_ephemeral
from helpers.bot_world import GENERAL, GUILD_ID
from helpers.identity_data import VIDEO, identity_world, write_manifest
from helpers.workspace import Workspace

from bot.cli import main

pytestmark = pytest.mark.usefixtures("restore_root_logging")  # main() sets up logging

USAGE = "That is not a link or id TrainedOn can look up: paste"


@dataclass(frozen=True)
class Case:
    pasted: str
    found: bool  # True: the exact rows of VIDEO; False: one sentence starting with USAGE


CASES = {
    "tracking-parameters": Case(f"https://www.youtube.com/watch?pp=ygUE&v={VIDEO}&t=42s"
                                "&si=AbC123xyz&feature=share&ab_channel=Rick", True),
    "mixed-case": Case(f"HTTPS://WWW.YouTube.COM/Watch?V={VIDEO}", True),
    "whitespace": Case(f" \t https://youtu.be/{VIDEO} \n", True),
    "angle-brackets": Case(f"<https://youtu.be/{VIDEO}>", True),
    "junk-2000-chars": Case(("no link here, " * 200)[:2000], False),
    "video-id-wrong-length": Case(f"https://youtu.be/{VIDEO[:-1]}", False),
    "channel-id-without-uc": Case("https://www.youtube.com/channel/XXuAXFkgsw1L7xaCfnd5JJOw",
                                  False),
    "spotify-id-wrong-alphabet": Case("https://open.spotify.com/track/4uLU6hMCjMI75M1A2t-_QC",
                                      False),
}


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workspace = Workspace(tmp_path_factory.mktemp("bad-links"))
    workspace.write("alpha/songs.csv", "title,artist,album,url,id\nSong,Radiohead,,,a1\n")
    workspace.write("beta/songs.csv", "title,artist,album,url,id\nOther,Radiohead,,,b1\n")
    write_manifest(workspace)
    workspace.build()
    return workspace.config_path


@pytest.mark.parametrize("name", CASES)
def test_link_in_the_terminal(name: str, config: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    case = CASES[name]
    capsys.readouterr()
    code = main(["lookup", "link", case.pasted, "--json", "--config", str(config)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if case.found:
        assert code == 0, err
        data = json.loads(out)
        assert data["link"] == {"type": "youtube_video", "id": VIDEO} and data["found"]
    else:
        assert code == 2 and out == ""
        assert err.startswith(f"error: {USAGE}") and err.count("\n") == 1


@pytest.mark.parametrize("name", CASES)
async def test_link_in_discord(name: str, workspace: Workspace) -> None:
    case = CASES[name]
    async with identity_world(workspace) as (double, _, people):
        it = await double.slash("lookup", "link", {"url": case.pasted}, user=people.alice,
                                guild_id=GUILD_ID, channel_id=GENERAL)
        response = await it.response()
        if case.found:
            assert is_deferred(response)
            embed = embed_of((await it.followups())[0])
            assert embed["title"].startswith("YouTube video: listed in 2 of")
        else:
            assert is_ephemeral(response) and not response["data"].get("embeds")
            text = response["data"]["content"]
            assert text.startswith(USAGE) and "\n" not in text and "Traceback" not in text
