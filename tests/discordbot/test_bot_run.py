"""`trainedon run` as an operator starts it: token handling, clean shutdown, no token in logs."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys

from discord_double import DiscordDouble
from helpers.bot_world import People, guild, seed
from helpers.workspace import Workspace

SECRET = "MTIz.secret-token-value.xyz"


def env(**extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN",
                                                                "DISCORD_API_BASE_URL")}
    return {**clean, **extra}


async def start_bot(workspace: Workspace, **extra: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--config", str(workspace.config_path),
        env=env(**extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def test_missing_token_is_one_sentence_and_a_non_zero_exit(workspace: Workspace) -> None:
    done = subprocess.run([sys.executable, "-m", "bot", "run", "--config",
                           str(workspace.config_path)], env=env(), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert "error: no Discord bot token: set the DISCORD_TOKEN environment variable" in done.stderr
    assert "Traceback" not in done.stderr


async def test_rejected_token_is_one_sentence_and_never_echoed(workspace: Workspace) -> None:
    people = People()
    async with DiscordDouble([guild(people)]) as double:
        seed(workspace, double.api_url)
        double.fail(r"GET /users/@me$", 401, times=5)
        process = await start_bot(workspace, DISCORD_TOKEN=SECRET)
        out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    text = (out + err).decode()
    assert "error: Discord rejected the bot token: check DISCORD_TOKEN" in text
    assert "Traceback" not in text
    assert SECRET not in text


async def test_runs_through_the_env_override_and_stops_cleanly_on_sigterm(
    workspace: Workspace,
) -> None:
    people = People()
    async with DiscordDouble([guild(people)], token=SECRET) as double:
        seed(workspace, "http://127.0.0.1:9/unused")  # the environment variable wins
        workspace.build()
        process = await start_bot(workspace, DISCORD_TOKEN=SECRET,
                                  DISCORD_API_BASE_URL=double.api_url)
        try:
            await double.wait_for_identify(timeout=30)
            await double.wait_for_commands(timeout=30)
            authorizations = {r.headers.get("Authorization") for r in double.requests
                              if r.path == "/users/@me"}
            assert authorizations == {f"Bot {SECRET}"}
        finally:
            process.send_signal(signal.SIGTERM)
            out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, err.decode()
    text = (out + err).decode()
    assert "stopping" in text and "Traceback" not in text
    assert SECRET not in text
