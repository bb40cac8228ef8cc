"""Fixtures for every test. Helpers to import live in helpers/ (see tests/README.md)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.postgres import own_postgres, postgres_server, postgres_url
from helpers.workspace import Workspace

# Real PostgreSQL servers (helpers/postgres.py), for every folder's tests.
__all__ = ["own_postgres", "postgres_server", "postgres_url"]


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path)


@pytest.fixture
def restore_root_logging() -> Iterator[None]:
    """The CLI's main() sets up the process's logging; give the test runner its own back."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
