"""Dedicated PostgreSQL connections for coordination, apart from the store's pool.

The leader's advisory lock lives as long as the session that took it, and LISTEN hears only on
the session that issued it, so each needs one connection of its own that no pool recycles.
"""

from __future__ import annotations

import logging

import asyncpg

from bot.config import redacted_url

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10.0
CLOSE_TIMEOUT = 5.0
APP_PREFIX = "trainedon-"  # sessions are named in pg_stat_activity: trainedon-<purpose>

# Ask the server to probe an idle client after 5 s, three times 2 s apart: a leader whose
# machine vanished (power cut, network gone) loses its lock after about 11 s instead of the
# two hours of the operating system's default. A leader that cannot reach the server steps
# down sooner than that by itself (its liveness check times out), so two never lead at once.
KEEPALIVE = {
    "tcp_keepalives_idle": "5",
    "tcp_keepalives_interval": "2",
    "tcp_keepalives_count": "3",
}

# What a lost or unreachable server raises: a restart, a killed session, a refused connection,
# a timeout. Callers treat them all as "not connected now, try again later".
LOST = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)


async def connect(url: str, purpose: str) -> asyncpg.Connection:
    """A new session, named `trainedon-<purpose>` in pg_stat_activity."""
    settings = {**KEEPALIVE, "application_name": f"{APP_PREFIX}{purpose}"}
    return await asyncpg.connect(url, timeout=CONNECT_TIMEOUT, server_settings=settings)


async def close(conn: asyncpg.Connection | None) -> None:
    """Close a session politely if the server answers, else drop it."""
    if conn is None or conn.is_closed():
        return
    try:
        await conn.close(timeout=CLOSE_TIMEOUT)
    except LOST:
        discard(conn)


def discard(conn: asyncpg.Connection | None) -> None:
    """Drop a session at once, without waiting for a server that may not answer."""
    if conn is not None and not conn.is_closed():
        conn.terminate()


def describe(url: str, exc: BaseException) -> str:
    """One line for the log: where, and what went wrong, never the password."""
    return f"{redacted_url(url)}: {reason(exc)}"


def reason(exc: BaseException) -> str:
    """What went wrong: the error's type, and its message when it has one."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
