"""The database's clock, for times that processes on different machines compare.

A heartbeat written by one machine's clock and judged by another's would make a process with a
skewed clock look dead (or alive long after its death); the shared database has one clock.
Times are stored as ISO-8601 text in UTC, as the rest of the store keeps them.
"""

from __future__ import annotations

from datetime import datetime

from bot.subscriptions.database import Backend

_NOW = {
    "postgresql": "to_char(clock_timestamp() AT TIME ZONE 'UTC',"
                  " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')",
    "sqlite": "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')",
}


def now_sql(backend: Backend) -> str:
    """An SQL expression for the database's current time, e.g. 2026-05-09T07:35:25.123+00:00."""
    return _NOW[backend]


def parse(text: str) -> datetime:
    """A stored time (written by `now_sql`) as an aware datetime."""
    return datetime.fromisoformat(text)
