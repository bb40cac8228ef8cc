"""Fixtures for the cluster tests: both backends, things to close, processes to kill, waits.

`where` is the database a test's processes share: a SQLite file path or a fresh PostgreSQL
database URL (the session's real server); `open_store()` opens it again each call, as another
process would.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Protocol

import pytest
from helpers import REPO

from bot.subscriptions import SubscriptionStore

OpenStore = Callable[[], Awaitable[SubscriptionStore]]
WAIT = 60.0  # generous: a test asserts that a thing happens, not how fast


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def where(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return str(tmp_path / "var" / "subscriptions.sqlite")
    return str(request.getfixturevalue("postgres_url"))


def opener(where: str) -> OpenStore:
    if where.startswith("postgresql://"):
        return lambda: SubscriptionStore.open_url(where)
    return lambda: SubscriptionStore.open(Path(where))


@pytest.fixture
async def open_store(where: str, closing) -> OpenStore:
    """Open the test's database as one more process would; closed when the test ends."""
    async def open_one() -> SubscriptionStore:
        return closing(await opener(where)())

    return open_one


async def until(condition: Callable[[], Awaitable[bool] | bool], timeout: float = WAIT) -> float:
    """Wait until `condition()` holds (it may be async); how many seconds that took."""
    started = time.monotonic()
    while True:
        held = condition()
        if not isinstance(held, bool):
            held = await held
        if held:
            return time.monotonic() - started
        assert time.monotonic() - started < timeout, "the condition never held"
        await asyncio.sleep(0.05)


@pytest.fixture
def eventually() -> Callable[..., Awaitable[float]]:
    """`await eventually(condition)`: wait (generously) until it holds; the seconds it took."""
    return until


class Closable(Protocol):
    async def close(self) -> None: ...


@pytest.fixture
async def closing() -> AsyncIterator[Callable[[Closable], Closable]]:
    """`closing(thing)` returns it and closes it when the test ends, last first."""
    things: list[Closable] = []

    def keep(thing: Closable) -> Closable:
        things.append(thing)
        return thing

    yield keep
    for thing in reversed(things):
        await thing.close()


class Child:
    """A Python process running a script, its lines read as they come."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    async def line(self, timeout: float = 60) -> str:
        assert self.process.stdout is not None
        raw = await asyncio.wait_for(self.process.stdout.readline(), timeout)
        assert raw, "the child process ended without a word"
        return raw.decode().strip()

    def kill(self) -> None:
        if self.process.returncode is None:
            self.process.kill()  # SIGKILL: no cleanup runs, as when a machine's process dies


@pytest.fixture
async def child() -> AsyncIterator[Callable[..., Awaitable[Child]]]:
    """`await child(script, *args)`: a Python process of its own, killed when the test ends."""
    children: list[Child] = []

    async def spawn(script: str, *args: str) -> Child:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", script, *args, cwd=REPO,
            stdout=asyncio.subprocess.PIPE,
        )
        children.append(Child(process))
        return children[-1]

    yield spawn
    for each in children:
        each.kill()
        await each.process.wait()
