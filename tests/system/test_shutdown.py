"""SIGTERM, as systemd and container runtimes stop a service: a real `python -m bot run`
finishes the interaction it is answering, turns new ones away with a sentence, closes its
stores and exits 0."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from discord_double import DiscordDouble, SentInteraction, embed_of, is_ephemeral
from helpers import REPO
from helpers.bot_world import GENERAL, GUILD_ID, People, guild, seed
from helpers.workspace import Workspace

from bot.discordbot.inflight import DRAIN_SECONDS, RESTARTING

CALLBACK = r"POST /interactions/\d+/[^/]+/callback"
# The bot's "thinking…" answer is held this long by the double: SIGTERM lands meanwhile. Well
# under DRAIN_SECONDS, so the bot may finish it.
HELD_SECONDS = 4.0
START_SECONDS = 60.0


def log_lines(path: Path) -> list[dict[str, Any]]:
    """The bot's JSON log lines (anything else it printed is kept as a message)."""
    lines = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            lines.append(json.loads(line))
        except json.JSONDecodeError:
            lines.append({"message": line})
    return lines


async def logged(path: Path, text: str, timeout: float = 30) -> dict[str, Any]:
    """The first log line whose message holds `text`, once the bot has written it."""
    for _ in range(int(timeout * 50)):
        found = [line for line in log_lines(path) if text in str(line.get("message"))]
        if found:
            return found[0]
        await asyncio.sleep(0.02)
    raise AssertionError(f"the bot never logged {text!r}; its log:\n{path.read_text()[-4000:]}")


async def called_back(asked: SentInteraction) -> None:
    """Until the double holds the bot's first answer (its reply to the bot is held back)."""
    for _ in range(3000):
        if asked.record.callbacks:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the bot never answered the interaction")


@asynccontextmanager
async def bot_process(workspace: Workspace, double: DiscordDouble
                      ) -> AsyncIterator[subprocess.Popen[bytes]]:
    """`python -m bot run` against the double, its log in JSON (chosen from the environment,
    as the unit does) in bot.log; killed at the end if it is still running."""
    seed(workspace, double.api_url)
    workspace.build()
    inherited = {k: v for k, v in os.environ.items()
                 if not k.startswith(("TRAINEDON_", "DISCORD_"))}
    environment = {**inherited, "PYTHONPATH": str(REPO), "DISCORD_TOKEN": double.token,
                   "TRAINEDON_LOGGING__FORMAT": "json", "TRAINEDON_LOGGING__LEVEL": "INFO"}
    log_path = workspace.root / "bot.log"
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--config", str(workspace.config_path)],
            env=environment, stdout=log_file, stderr=subprocess.STDOUT, cwd=workspace.root,
        )
    try:
        await double.wait_for_identify(timeout=START_SECONDS)
        await double.wait_for_commands(timeout=START_SECONDS)
        await logged(log_path, "connected as", timeout=START_SECONDS)
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


async def lookup_in_flight(double: DiscordDouble, people: People, held: float
                           ) -> SentInteraction:
    """A lookup whose "thinking…" answer the double holds back for `held` seconds."""
    double.fail(CALLBACK, None, delay=held, handled=True)
    asked = await double.slash("lookup", "artist", {"name": "radiohead"}, user=people.alice,
                               guild_id=GUILD_ID, channel_id=GENERAL)
    await called_back(asked)
    return asked


async def test_sigterm_finishes_the_answer_in_flight_then_closes_the_store_and_exits_0(
    workspace: Workspace,
) -> None:
    assert HELD_SECONDS < DRAIN_SECONDS
    people = People()
    log_path = workspace.root / "bot.log"
    store = workspace.root / "var" / "subscriptions.sqlite"
    async with DiscordDouble([guild(people)], owner_id=people.owner.user_id) as double, \
            bot_process(workspace, double) as process:
        assert store.with_name(store.name + "-wal").exists()  # open, in WAL mode
        asked = await lookup_in_flight(double, people, HELD_SECONDS)
        process.send_signal(signal.SIGTERM)
        stopping = await logged(log_path, "SIGTERM received: stopping")
        assert "finishing 1 interaction(s) in flight" in stopping["message"], stopping

        late = await double.slash("lookup", "artist", {"name": "radiohead"}, user=people.bob,
                                  guild_id=GUILD_ID, channel_id=GENERAL)
        refusal = await late.response()
        assert is_ephemeral(refusal) and refusal["data"]["content"] == RESTARTING

        [answer] = await asked.followups(timeout=DRAIN_SECONDS + 10)
        assert embed_of(answer)["title"] == "Artist: Radiohead"
        code = await asyncio.to_thread(process.wait, 30)

    lines = log_lines(log_path)
    text = log_path.read_text()
    assert code == 0, text[-4000:]
    assert "Traceback" not in text and double.token not in text
    assert all("time" in line and "level" in line for line in lines), "a line not in JSON"
    assert lines[-1]["message"] == "stopped: connections and stores closed"
    commands = [(line["command"], line["outcome"]) for line in lines if "outcome" in line]
    assert sorted(commands) == [("lookup artist", "answered"), ("lookup artist", "refused")]
    # Closed cleanly: the last connection's close checkpoints SQLite's write-ahead log into
    # the file and removes it (a killed process leaves it behind for the next open to replay).
    assert not store.with_name(store.name + "-wal").exists()
    with sqlite3.connect(store) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


async def test_a_second_signal_stops_at_once_and_still_closes_cleanly(
    workspace: Workspace,
) -> None:
    people = People()
    log_path = workspace.root / "bot.log"
    store = workspace.root / "var" / "subscriptions.sqlite"
    async with DiscordDouble([guild(people)], owner_id=people.owner.user_id) as double, \
            bot_process(workspace, double) as process:
        asked = await lookup_in_flight(double, people, 600)  # never finishes by itself
        process.send_signal(signal.SIGTERM)
        await logged(log_path, "finishing 1 interaction(s) in flight")
        process.send_signal(signal.SIGINT)  # Ctrl-C, say, after `systemctl stop`
        code = await asyncio.to_thread(process.wait, 30)
        assert not asked.record.followup_ids

    text = log_path.read_text()
    assert code == 0, text[-4000:]
    assert "Traceback" not in text
    messages = [line["message"] for line in log_lines(log_path)]
    assert "SIGINT received again: stopping without waiting for 1 interaction(s)" in messages
    assert messages[-1] == "stopped: connections and stores closed"
    assert not store.with_name(store.name + "-wal").exists()
