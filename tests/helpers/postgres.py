"""A real PostgreSQL server for tests: initdb in a temporary folder, on a free loopback port.

initdb refuses to run as root, and CI runs as root, so the server programs then run as the
`postgres` system user (`runuser -u postgres --`); otherwise they run directly. The binaries
come from PATH or Debian's `/usr/lib/postgresql/<version>/bin`. fsync is off: a test crashes
the server process (`restart(immediate=True)`), never the machine, and committed WAL survives a
process crash in the page cache.

Fixtures (registered in tests/conftest.py): `postgres_server`, one server for the session;
`postgres_url`, a fresh database on it for each test; `own_postgres`, a server of the test's
own, for tests that restart or stop it.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

USER = "trainedon"
_MISSING = (
    "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH nor under "
    "/usr/lib/postgresql/*/bin: install Debian's postgresql package (.ci/run does)"
)


class PostgresMissing(RuntimeError):
    """The server programs are not installed."""


def find_bin_dir() -> Path:
    """The folder holding initdb and pg_ctl; PostgresMissing if there is none."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        folder = Path(candidate)
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    raise PostgresMissing(_MISSING)


def free_port() -> int:
    """A loopback port nobody listens on just now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """One throwaway PostgreSQL cluster; `start()` it, `stop()` it when done.

    The methods block (they run pg_ctl); inside an event loop call them through
    `asyncio.to_thread`.
    """

    def __init__(self) -> None:
        self.bin_dir = find_bin_dir()
        self.port = 0
        self._as_postgres = os.geteuid() == 0
        self.dir = Path(tempfile.mkdtemp(prefix="trainedon-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self._running = False

    def start(self) -> None:
        """initdb (the first time) and start the server, waiting until it accepts connections."""
        if not self.data.exists():
            if self._as_postgres:
                shutil.chown(self.dir, "postgres", "postgres")
            self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", USER,
                      "--no-sync", "-E", "UTF8", "--locale", "C")
        if not self.port:
            self.port = free_port()
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c full_page_writes=off -c max_connections=300 -c shared_buffers=16MB"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                  "-o", options, "start")
        self._running = True

    def stop(self, mode: str = "fast") -> None:
        """Stop the server if it runs; "immediate" is a crash (recovery on the next start)."""
        if self._running:
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")
            self._running = False

    def restart(self, immediate: bool = True) -> None:
        """Stop and start again on the same port; immediate is a crash and recovery."""
        self.stop("immediate" if immediate else "fast")
        self.start()

    def remove(self) -> None:
        """Stop the server and delete its folder."""
        try:
            self.stop("immediate")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        """How a client reaches one database of this server."""
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    async def create_database(self) -> str:
        """A fresh, empty database; returns its URL."""
        name = f"test_{uuid.uuid4().hex[:12]}"
        conn = await asyncpg.connect(self.url())
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()
        return self.url(name)

    async def drop_database(self, url: str) -> None:
        """Drop a database made by `create_database`, closing whatever is still connected."""
        name = url.rsplit("/", 1)[1]
        conn = await asyncpg.connect(self.url())
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin_dir / program), *args]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=self.dir)
        if done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{program} failed ({done.returncode}): {done.stderr.strip()}\n{log}"
            )


def started_server() -> PostgresServer:
    """A running server, or a failed test (not a skip) saying what to install."""
    try:
        server = PostgresServer()
    except PostgresMissing as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        server.start()
    except BaseException:
        server.remove()
        raise
    return server


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the whole session; tests take a database each."""
    server = started_server()
    yield server
    server.remove()


@pytest.fixture
async def postgres_url(postgres_server: PostgresServer) -> AsyncIterator[str]:
    """A fresh database of the session's server, dropped afterwards."""
    url = await postgres_server.create_database()
    yield url
    await postgres_server.drop_database(url)


@pytest.fixture
def own_postgres() -> Iterator[PostgresServer]:
    """A server for this test alone, which it may restart or stop."""
    server = started_server()
    yield server
    server.remove()
