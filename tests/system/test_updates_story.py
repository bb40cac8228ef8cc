"""Dataset updates end to end: from an empty data directory pointed at a local mirror, fetch
and build; then a changed source file on the mirror makes the running bot rebuild, post the
diff to a subscribed channel, and alert the channel watching an artist in the new rows."""

from __future__ import annotations

import asyncio
import io
import json
import zipfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from discord_double import DiscordDouble, embed_of, fields
from helpers import REPO
from helpers.bot_world import GENERAL, GUILD_ID, UPDATES, People, bot_on, guild
from helpers.http_mirror import Mirror, mirror
from helpers.workspace import Workspace

from bot.cli import main
from bot.config import UpdateSettings
from bot.text.normalize import normalize_name
from bot.updates import seconds_to_next_cycle

LAION_SCHEMA = pa.schema([
    ("song_id", pa.string()), ("title", pa.string()), ("artist_names", pa.list_(pa.string())),
    ("album_name", pa.string()),
])


def laion_shard(path: Path, rows: list[tuple[str, str, list[str]]]) -> None:
    table = pa.Table.from_pylist(
        [{"song_id": i, "title": t, "artist_names": a, "album_name": None} for i, t, a in rows],
        schema=LAION_SCHEMA,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)


FIRST_ROWS = [(f"vid{i:08d}", f"Lantern Song {i}", ["The Velvet Lanterns"]) for i in range(6)]
NEW_ROWS = [("vidZEDQ0001", "Quill and Ink", ["Zed Quill", "The Velvet Lanterns"])]


def fma_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_BZIP2) as archive:
        archive.write(REPO / "data" / "demo" / "fma" / "tracks.csv", "fma_metadata/tracks.csv")
    return buffer.getvalue()


def manifest(laion_url: str, fma_url: str) -> dict[str, Any]:
    return {"datasets": [
        {"id": "laion", "name": "LAION mirror", "homepage": "https://example.org/laion",
         "license": "test", "sources": [{"path": "laion/data/*.parquet", "format": "laion-disco"}],
         "downloads": [{"url": laion_url, "path": "laion/data/train-00000-of-00001.parquet"}]},
        {"id": "fma", "name": "FMA mirror", "homepage": "https://example.org/fma",
         "license": "test", "sources": [{"path": "fma/fma_metadata/tracks.csv",
                                         "format": "fma-tracks"}],
         "downloads": [{"url": fma_url, "path": "fma/fma_metadata.zip"}]},
    ]}


@asynccontextmanager
async def mirrored(
    workspace: Workspace, tmp_path: Path, **updates: Any
) -> AsyncIterator[tuple[Path, Mirror, DiscordDouble, People]]:
    """A mirror serving both datasets, a Discord double, and a config pointing at both."""
    served = tmp_path / "mirror"
    laion_shard(served / "laion" / "train.parquet", FIRST_ROWS)
    (served / "fma_metadata.zip").write_bytes(fma_zip())
    people = People()
    with mirror(served) as server:
        async with DiscordDouble([guild(people)], owner_id=people.owner.user_id) as double:
            (workspace.data / "datasets.yaml").write_text(yaml.safe_dump(manifest(
                server.url("laion/train.parquet"), server.url("fma_metadata.zip"))))
            workspace.config_path.write_text(yaml.safe_dump({
                "data_dir": "data", "index": {"path": "var/index.sqlite"},
                "subscriptions": {"path": "var/subscriptions.sqlite"},
                "discord": {"api_base_url": double.api_url},
                "updates": {"check_interval_minutes": 0.01, "retry_minutes": [0.01],
                            **updates},
            }))
            yield served, server, double, people


async def test_a_changed_source_is_fetched_rebuilt_announced_and_watched(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async with mirrored(workspace, tmp_path) as (served, server, double, people):
        config = str(workspace.config_path)

        # From an empty data directory: fetch, then build, then look up.
        assert main(["fetch", "--config", config]) == 0
        assert main(["index", "build", "--config", config]) == 0
        capsys.readouterr()
        assert main(["lookup", "artist", "velvet lanterns", "--json", "--config", config]) == 0
        found = json.loads(capsys.readouterr().out)["matches"][0]
        assert {d["id"]: d["tracks"] for d in found["datasets"]}["laion"] == 6
        assert main(["lookup", "artist", "zed quill", "--config", config]) == 1

        async with bot_on(double, workspace) as bot:
            assert bot.store is not None
            await bot.store.subscribe(GUILD_ID, UPDATES, people.mod.user_id)
            await bot.store.watches.watch(GUILD_ID, GENERAL, "Zed Quill",
                                          normalize_name("Zed Quill"), people.mod.user_id)

            # Unchanged sources trigger nothing: let a few checks go by.
            await _wait_for(lambda: _heads(server) >= 4, 20)
            assert await double.channel_messages(UPDATES, min_count=0, timeout=0.1) == []

            # The mirror publishes a new version of the LAION shard.
            laion_shard(served / "laion" / "train.parquet", FIRST_ROWS + NEW_ROWS)
            server.revision = "rev-2"

            posts = await double.channel_messages(UPDATES, min_count=1, timeout=60)
            update = fields(embed_of(posts[0]))
            assert list(update) == ["LAION mirror — updated"]
            diff = update["LAION mirror — updated"]
            assert diff.startswith("+1 / −0 tracks (now 7)")
            assert "1 new artists, e.g. Zed Quill" in diff
            assert "source version rev-2" in diff

            alerts = await double.channel_messages(GENERAL, min_count=1, timeout=30)
            alert = str(embed_of(alerts[0]))
            assert "Zed Quill" in alert and "LAION mirror" in alert
            assert "Quill and Ink" in alert and "vidZEDQ0001" in alert

            # The bot's index now answers for the new artist.
            assert bot.index.searcher.lookup_artist("zed quill").found
            await asyncio.sleep(1.5)  # more checks: nothing is posted twice
            assert len(await double.channel_messages(UPDATES, min_count=0, timeout=0.1)) == 1


def _heads(server: Any) -> int:
    return sum(1 for r in server.requests if r.method == "HEAD")


async def _wait_for(probe: Any, seconds: float) -> None:
    for _ in range(int(seconds / 0.05)):
        if probe():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not reached in time")


async def test_a_failing_check_is_reported_to_operators_and_the_index_keeps_serving(
    workspace: Workspace, tmp_path: Path
) -> None:
    async with mirrored(workspace, tmp_path, operators_channel_id=GENERAL) as (
        _, server, double, _
    ):
        config = str(workspace.config_path)
        assert main(["fetch", "--config", config]) == 0
        assert main(["index", "build", "--config", config]) == 0
        server.fail_next(1000, status=503)  # the hosting is down
        async with bot_on(double, workspace) as bot:
            reports = await double.channel_messages(GENERAL, min_count=2, timeout=30)
            assert reports[0]["content"].startswith("Dataset update check failed: laion:")
            assert "keeps serving" in reports[0]["content"]
            assert bot.index.searcher.lookup_artist("velvet lanterns").found
            assert not bot.is_closed()


@pytest.mark.parametrize(("retry_minutes", "waits"), [
    ([5, 15], [60, 5, 15, 15]),
    ([5, 0, 90], [60, 5, 60, 60]),  # 0 means the interval, and no wait is longer than it
    ([], [60, 60]),
])
def test_failed_cycles_are_retried_after_each_step_then_at_the_interval(
    retry_minutes: list[float], waits: list[float]
) -> None:
    settings = UpdateSettings(check_interval_minutes=60, retry_minutes=retry_minutes)
    assert [seconds_to_next_cycle(settings, failures) / 60
            for failures in range(len(waits))] == waits
