"""`trainedon db migrate-to`: a SQLite store copied into a real PostgreSQL server, once.

The command runs as a person runs it (`main`, on a thread of its own since it runs its own
event loop); the SQLite side is a file the store wrote, the PostgreSQL side a fresh database.
"""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from pathlib import Path

import aiosqlite
import pytest
from helpers.postgres import PostgresServer, free_port
from helpers.workspace import Workspace

from bot.cli import db_cmd, main
from bot.config import DATABASE_URL_ENV
from bot.subscriptions import SubscriptionStore
from bot.subscriptions.migrate import load_migrations, migrate

pytestmark = pytest.mark.usefixtures("restore_root_logging")

GUILD, USER = 10, 99
BUILD = "2026-11-25T10:00:00+00:00"
SNOWFLAKE = 1_234_567_890_123_456_789


def with_password(url: str) -> str:
    """The test server trusts everyone, so any password passes; it must never be shown."""
    return url.replace("trainedon@", "trainedon:s3cret-pw@")


async def run(workspace: Workspace, *argv: str) -> int:
    return await asyncio.to_thread(main, [*argv, "--config", str(workspace.config_path)])


def errors(stderr: str) -> list[str]:
    """The command's error lines (the log may hold more: logging is set up per command)."""
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def seed(path: Path) -> None:
    async with await SubscriptionStore.open(path) as store:
        await store.subscribe(GUILD, 1, USER)
        await store.subscribe(GUILD, SNOWFLAKE, USER)
        await store.subscribe(GUILD, 3, USER)
        await store.record_delivery(1, BUILD)
        await store.record_failure(3, "Missing Access", disable_after=1)
        await store.watches.watch(GUILD, 1, "Radiohead", "radiohead", USER)
        await store.watches.record_delivery((1, "radiohead"), BUILD)
        await store.watches.watch(GUILD, SNOWFLAKE, "TLC", "tlc", USER)


async def test_copies_subscriptions_and_watches_with_their_state_once(
    workspace: Workspace, postgres_url: str, capsys: pytest.CaptureFixture[str],
) -> None:
    source = workspace.config().subscriptions_path
    await seed(source)
    before, files = digest(source), sorted(source.parent.iterdir())
    url = with_password(postgres_url)

    assert await run(workspace, "db", "migrate-to", url) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"Copied 3 subscriptions and 2 watches from {source} to "
        f"{postgres_url.replace('trainedon@', 'trainedon:***@')} (0 already there)."]
    assert "s3cret-pw" not in out + err
    assert digest(source) == before

    async with await SubscriptionStore.open_url(postgres_url) as store:
        first, second, third = sorted(await store.for_guild(GUILD), key=lambda s: s.channel_id)
        assert (first.channel_id, first.last_notified_build) == (1, BUILD)
        assert second.channel_id == 3 and second.disabled and second.last_error == "Missing Access"
        assert third.channel_id == SNOWFLAKE and third.failures == 0
        assert not await store.needs(1, BUILD) and await store.needs(SNOWFLAKE, BUILD)
        assert not await store.watches.needs((1, "radiohead"), BUILD)
        assert [w.artist_name for w in await store.watches.for_guild(GUILD)] == [
            "Radiohead", "TLC"]
        await store.record_failure(SNOWFLAKE, "timed out", disable_after=3)  # the bot moved on

    assert await run(workspace, "db", "migrate-to", url) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"Nothing new to copy: the 3 subscriptions and 2 watches of {source} are already in "
        f"{postgres_url.replace('trainedon@', 'trainedon:***@')}."]
    assert "s3cret-pw" not in out + err
    async with await SubscriptionStore.open_url(postgres_url) as store:
        assert len(await store.for_guild(GUILD)) == 3
        [moved_on] = [s for s in await store.for_guild(GUILD) if s.channel_id == SNOWFLAKE]
        assert moved_on.failures == 1  # kept as PostgreSQL had it
    assert digest(source) == before and sorted(source.parent.iterdir()) == files


async def test_a_store_open_in_a_running_bot_is_read_as_committed(
    workspace: Workspace, postgres_url: str, capsys: pytest.CaptureFixture[str],
) -> None:
    source = workspace.config().subscriptions_path
    await seed(source)
    async with await SubscriptionStore.open(source) as running:
        await running.subscribe(GUILD, 4, USER)  # in the -wal file, not yet in the main file
        assert await run(workspace, "db", "migrate-to", postgres_url) == 0
    assert "Copied 4 subscriptions and 2 watches" in capsys.readouterr().out


async def test_only_what_is_missing_is_copied(
    workspace: Workspace, postgres_url: str, capsys: pytest.CaptureFixture[str],
) -> None:
    source = workspace.config().subscriptions_path
    await seed(source)
    async with await SubscriptionStore.open_url(postgres_url) as store:
        await store.subscribe(GUILD, 1, USER)
    assert await run(workspace, "db", "migrate-to", postgres_url) == 0
    out = capsys.readouterr().out
    assert "Copied 2 subscriptions and 2 watches" in out and "(1 already there)" in out


async def test_the_url_may_come_from_the_environment(
    workspace: Workspace, postgres_url: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await seed(workspace.config().subscriptions_path)
    monkeypatch.setenv(DATABASE_URL_ENV, with_password(postgres_url))
    assert await run(workspace, "db", "migrate-to") == 0
    out, err = capsys.readouterr()
    assert out.startswith("Copied 3 subscriptions") and "s3cret-pw" not in out + err


async def test_a_file_from_before_watches_is_copied_untouched(
    workspace: Workspace, postgres_url: str, capsys: pytest.CaptureFixture[str],
) -> None:
    source = workspace.config().subscriptions_path
    source.parent.mkdir(parents=True)
    async with aiosqlite.connect(source, isolation_level=None) as conn:
        await migrate(conn, load_migrations()[:1])
        await conn.execute(
            "INSERT INTO subscriptions(channel_id, guild_id, created_by, created_at,"
            " last_notified_build) VALUES (7, ?, ?, '2026-01-01T00:00:00+00:00', ?)",
            (GUILD, USER, BUILD))
    before = digest(source)
    assert await run(workspace, "db", "migrate-to", postgres_url) == 0
    assert "Copied 1 subscription and 0 watches" in capsys.readouterr().out
    assert digest(source) == before
    with sqlite3.connect(source) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1  # not migrated


async def test_a_missing_file_or_url_is_a_usage_error(
    workspace: Workspace, postgres_url: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    assert await run(workspace, "db", "migrate-to", postgres_url) == 2
    [error] = errors(capsys.readouterr().err)
    assert "nothing to copy" in error
    assert not workspace.config().subscriptions_path.exists()  # nothing made on the way

    await seed(workspace.config().subscriptions_path)
    assert await run(workspace, "db", "migrate-to") == 2
    assert "give the PostgreSQL URL" in capsys.readouterr().err
    assert await run(workspace, "db", "migrate-to", "mysql://u:s3cret-pw@h/db") == 2
    err = capsys.readouterr().err
    assert "postgresql://" in err and "s3cret-pw" not in err


async def test_an_unreachable_server_fails_without_showing_the_password(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(db_cmd, "CONNECT_SECONDS", 0.3)
    await seed(workspace.config().subscriptions_path)
    url = f"postgresql://trainedon:s3cret-pw@127.0.0.1:{free_port()}/bot"
    assert await run(workspace, "db", "migrate-to", url) == 1
    out, err = capsys.readouterr()
    [error] = errors(err)
    assert out == "" and "did not answer" in error
    assert "s3cret-pw" not in err and "trainedon:***@" in err


async def test_a_database_that_is_not_there_is_named(
    workspace: Workspace, postgres_server: PostgresServer, capsys: pytest.CaptureFixture[str],
) -> None:
    await seed(workspace.config().subscriptions_path)
    url = with_password(postgres_server.url("no_such_db"))
    assert await run(workspace, "db", "migrate-to", url) == 1
    err = capsys.readouterr().err
    assert "no_such_db" in err and "s3cret-pw" not in err
