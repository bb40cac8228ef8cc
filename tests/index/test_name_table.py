"""Interning names: the same id for the same key, in memory or past the memory limit."""

from __future__ import annotations

import sqlite3

import pytest

from bot.index import schema
from bot.index.ingest import NameTable
from bot.index.schema import NameKind


@pytest.fixture
def conn() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.executescript(schema.CREATE_TABLES)
    return conn


def stored(conn: sqlite3.Connection, table: str) -> dict[str, tuple[int, str]]:
    return {norm: (id_, name) for id_, norm, name in conn.execute(
        f"SELECT id, norm, name FROM {table}")}


@pytest.mark.parametrize("limit", [1_000, 3])
def test_ids_are_stable_in_memory_and_past_the_limit(conn: sqlite3.Connection,
                                                     limit: int) -> None:
    names = NameTable(conn, NameKind.ARTIST, limit=limit)
    keys = [f"artist {i}" for i in range(8)]
    first = [names.id_for(key, key.title()) for key in keys]
    names.flush()
    again = [names.id_for(key, key.upper()) for key in reversed(keys)]
    names.flush()
    assert first == list(range(1, 9)) and again == first[::-1]
    assert stored(conn, "artists") == {key: (i + 1, key.title()) for i, key in enumerate(keys)}


@pytest.mark.parametrize("limit", [1_000, 2])
def test_titles_keep_the_shortest_spelling(conn: sqlite3.Connection, limit: int) -> None:
    titles = NameTable(conn, NameKind.TITLE, limit=limit)
    for key, shown in [("creep", "Creep (Live at Glastonbury)"), ("a", "A"), ("b", "B"),
                       ("creep", "Creep (Live)"), ("creep", "Creep - Remastered 2011"),
                       ("creep", "Creep")]:
        titles.id_for(key, shown)
        titles.flush()
    assert stored(conn, "titles")["creep"] == (1, "Creep")


def test_after_a_rollback_ids_come_from_the_table(conn: sqlite3.Connection) -> None:
    names = NameTable(conn, NameKind.ARTIST)
    conn.execute("BEGIN")
    kept = names.id_for("kept", "Kept")
    names.flush()
    conn.execute("COMMIT")
    conn.execute("BEGIN")
    names.id_for("gone", "Gone")
    names.flush()
    conn.execute("ROLLBACK")
    names.forget()
    assert names.id_for("kept", "Kept") == kept
    new = names.id_for("other", "Other")
    names.flush()
    assert new == 2 and stored(conn, "artists") == {"kept": (1, "Kept"), "other": (2, "Other")}
