"""Datasets that publish ids, for link lookups and same-name artists, and the bot among them.

"Tube Set" is LAION-shaped (a video id per track, a YouTube Music channel per credit): three
different artists called Low (26, 2 and 1 tracks), and Rick Astley. "Caption Set" is
MusicCaps-shaped (id-only clips with captions). "Spot Set" is Spotify-shaped (track and
artist ids). "Free Set" has FMA track numbers. All sit beside the usual alpha and beta sets.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from discord_double import DiscordDouble

from helpers.bot_world import People, bot_on, guild, seed
from helpers.workspace import Workspace, dataset_entry, songs_dataset

VIDEO = "dQw4w9WgXcQ"
LOW_A = "UCLowAAAAAAAAAAAAAAAAAAA"  # the Low with 26 tracks
LOW_B = "UCLowBBBBBBBBBBBBBBBBBBB"
LOW_C = "UCLowCCCCCCCCCCCCCCCCCCC"
RICK = "UCRickRickRickRickRickRi"
TRACK = "4uLU6hMCjMI75M1A2tKUQC"
SPOTIFY_RICK = "0gxyHStUsqpMadRV0Di1Qt"
FMA_NUMBER = "2"
LOW_A_TRACKS = 26
CAPTION = "A *bright* pop song with a catchy @everyone chorus."


def tube_video(group: str, number: int) -> str:
    return f"{group}{number:010d}"  # 11 characters: a video id's form


def _tube_rows() -> list[tuple[str, str, str, str]]:
    """(title, artists, channels, video), artists and channels ";"-separated and aligned."""
    rows = [(f"Low Song {i}", "Low", LOW_A, tube_video("a", i)) for i in range(25)]
    rows.append(("Duet", "Low;Guest Star", f"{LOW_A};", tube_video("d", 0)))
    rows += [(f"Other Low {i}", "Low", LOW_B, tube_video("b", i)) for i in range(2)]
    rows.append(("Third Low", "Low", LOW_C, tube_video("c", 0)))
    rows.append(("Never Gonna Give You Up", "Rick Astley", RICK, VIDEO))
    return rows


def tube_csv(extra: list[tuple[str, str, str, str]] | None = None) -> str:
    lines = ["title,artist,url,id,video,channels"]
    for i, (title, artists, channels, video) in enumerate(_tube_rows() + (extra or [])):
        lines.append(f'"{title}","{artists}",https://www.youtube.com/watch?v={video},tube{i},'
                     f'{video},"{channels}"')
    return "\n".join(lines) + "\n"


MUSICCAPS_HEADER = ("ytid,start_s,end_s,audioset_positive_labels,aspect_list,caption,author_id,"
                    "is_balanced_subset,is_audioset_eval")


def captions_csv() -> str:
    aspects = "\"['pop', 'bright']\""
    return (f"{MUSICCAPS_HEADER}\n"
            f'{VIDEO},30,40,"/m/04rlf,/m/064t9",{aspects},"{CAPTION}",4,False,True\n'
            f'{tube_video("a", 0)},0,10,/m/04rlf,{aspects},A quiet song.,2,True,False\n')


def write_identity_datasets(workspace: Workspace,
                            extra_tube: list[tuple[str, str, str, str]] | None = None
                            ) -> list[dict[str, Any]]:
    """Write the id datasets' files; their manifest entries."""
    workspace.write("tube/songs.csv", tube_csv(extra_tube))
    workspace.write("captions/musiccaps-public.csv", captions_csv())
    workspace.write("spot/dataset.csv",
                    "track_id,track_name,artists,artist_id\n"
                    f"{TRACK},Never Gonna Give You Up,Rick Astley,{SPOTIFY_RICK}\n")
    workspace.write("free/tracks.csv", f"id,title,artist\n{FMA_NUMBER},Food,AWOL\n")
    return [
        dataset_entry("tube", [{
            "path": "tube/songs.csv", "format": "csv", "artist_separator": ";",
            "columns": {"title": "title", "artists": "artist", "url": "url", "id": "id",
                        "video_id": "video", "artist_id": "channels"},
        }], name="Tube Set"),
        dataset_entry("captions", [{"path": "captions/musiccaps-public.csv",
                                    "format": "musiccaps"}], name="Caption Set", id_only=True),
        dataset_entry("spot", [{
            "path": "spot/dataset.csv", "format": "csv",
            "columns": {"title": "track_name", "artists": "artists", "id": "track_id",
                        "spotify_id": "track_id", "spotify_artist_id": "artist_id"},
        }], name="Spot Set"),
        dataset_entry("free", [{
            "path": "free/tracks.csv", "format": "csv",
            "columns": {"title": "title", "artists": "artist", "id": "id", "fma_id": "id"},
        }], name="Free Set"),
    ]


def write_manifest(workspace: Workspace, extra_tube: list[tuple[str, str, str, str]] | None = None
                   ) -> None:
    """The usual alpha and beta sets and the id datasets."""
    workspace.write_manifest([
        songs_dataset("alpha", "alpha/*.csv", name="Alpha Set"),
        songs_dataset("beta", "beta/*.csv", name="Beta Set"),
        *write_identity_datasets(workspace, extra_tube),
    ])


@asynccontextmanager
async def identity_world(workspace: Workspace, extra_config: dict[str, Any] | None = None
                         ) -> AsyncIterator[tuple[DiscordDouble, Any, People]]:
    """The usual test server and bot, over an index that holds the id datasets too."""
    people = People()
    async with DiscordDouble([guild(people)], owner_id=people.owner.user_id) as double:
        seed(workspace, double.api_url, extra_config)
        write_manifest(workspace)
        workspace.build()
        async with bot_on(double, workspace) as bot:
            await double.wait_for_commands()
            yield double, bot, people
