"""Several real bot processes (`python -m bot run`), each running some shards of one bot.

Each process is started as an operator would start it, from the environment: the token, the
API (the test's Discord double), the shared PostgreSQL database and its shard ids. Its log goes
to a file the test can read; `kill` sends SIGKILL (no clean-up at all), `stop` SIGTERM.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from helpers import REPO

STOP_SECONDS = 15.0


@dataclass
class BotProcess:
    """One `trainedon run`: its shards, its OS process and its log file."""

    number: int
    shard_ids: list[int]
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    _log: IO[bytes] | None = field(default=None, repr=False)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


class Fleet:
    """`count` processes sharing one config, database and double, `shards_each` shards apiece."""

    def __init__(self, config_path: Path, *, api_url: str, token: str, database_url: str,
                 count: int, shards_each: int, logs: Path,
                 extra_env: dict[str, str] | None = None,
                 own_configs: dict[int, Path] | None = None) -> None:
        self.config_path = config_path
        # Processes with a config of their own (another machine's disk: its own index file).
        self.own_configs = own_configs or {}
        self.shard_count = count * shards_each
        self.env = {
            **os.environ,
            "DISCORD_TOKEN": token,
            "DISCORD_API_BASE_URL": api_url,
            "TRAINEDON_DATABASE_URL": database_url,
            "TRAINEDON_SHARD_COUNT": str(self.shard_count),
            "PYTHONPATH": str(REPO),
            **(extra_env or {}),
        }
        logs.mkdir(parents=True, exist_ok=True)
        self.processes = [
            BotProcess(n, list(range(n * shards_each, (n + 1) * shards_each)),
                       logs / f"bot-{n}.log")
            for n in range(count)
        ]

    def start(self, number: int | None = None, env: dict[str, str] | None = None) -> None:
        """Start every process (or one, again after a kill)."""
        for each in self.processes if number is None else [self.processes[number]]:
            ids = ",".join(map(str, each.shard_ids))
            each._log = each.log_path.open("ab")
            config = self.own_configs.get(each.number, self.config_path)
            each.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run", "--config", str(config)],
                env={**self.env, "TRAINEDON_SHARD_IDS": ids, **(env or {})},
                stdout=each._log, stderr=subprocess.STDOUT, cwd=self.config_path.parent,
            )

    def owner_of(self, shard_id: int) -> BotProcess:
        return next(p for p in self.processes if shard_id in p.shard_ids)

    def kill(self, number: int) -> None:
        """SIGKILL: the process gets no chance to release or record anything."""
        each = self.processes[number]
        assert each.process is not None
        each.process.send_signal(signal.SIGKILL)
        each.process.wait(STOP_SECONDS)

    def stop(self) -> dict[int, int | None]:
        """SIGTERM to every live process, SIGKILL to any still there after STOP_SECONDS."""
        for each in self.processes:
            if each.running:
                assert each.process is not None
                each.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        codes: dict[int, int | None] = {}
        for each in self.processes:
            if each.process is None:
                continue
            try:
                codes[each.number] = each.process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                each.process.kill()
                codes[each.number] = None
                each.process.wait()
            if each._log is not None:
                each._log.close()
        return codes

    def logs(self) -> str:
        """Every process's log, headed by its number: for a failing test's message."""
        return "\n".join(f"--- bot {p.number} (shards {p.shard_ids}) ---\n{p.log()[-6000:]}"
                         for p in self.processes if p.log_path.exists())
