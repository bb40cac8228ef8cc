"""The store fixtures: each store test runs on both backends, opened as the bot opens them.

SQLite: a real file in a folder not yet made. PostgreSQL: a fresh database on the session's
real server (helpers/postgres.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from bot.subscriptions import SubscriptionStore

OpenStore = Callable[[], Awaitable[SubscriptionStore]]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "subscriptions.sqlite"


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def open_store(backend: str, db_path: Path, request: pytest.FixtureRequest) -> OpenStore:
    """Opens the test's database, again each call: a reopened store is a restarted bot."""
    if backend == "sqlite":
        return lambda: SubscriptionStore.open(db_path)
    url: str = request.getfixturevalue("postgres_url")
    return lambda: SubscriptionStore.open_url(url)


@pytest.fixture
async def store(open_store: OpenStore) -> AsyncIterator[SubscriptionStore]:
    async with await open_store() as opened:
        yield opened


FailingTrigger = Callable[[str, str], Awaitable[None]]


@pytest.fixture
def failing_trigger(store: SubscriptionStore) -> FailingTrigger:
    """`await failing_trigger("DELETE", "watches")`: that statement fails with "disk I/O error"
    from then on, on either backend, so a test can fail a transaction half-way.
    """
    async def add(event: str, table: str) -> None:
        name = f"fail_{event.lower()}_{table}"
        if store.backend == "sqlite":
            await store.db.execute(f"CREATE TRIGGER {name} BEFORE {event} ON {table}"
                                   " BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
            return
        await store.db.execute(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS"
            " $$ BEGIN RAISE EXCEPTION 'disk I/O error'; END $$")
        await store.db.execute(f"CREATE TRIGGER {name} BEFORE {event} ON {table}"
                               f" FOR EACH ROW EXECUTE FUNCTION {name}()")

    return add
