"""The store fixtures: a real SQLite file in a folder not yet made, opened as the bot opens it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.subscriptions import SubscriptionStore


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "subscriptions.sqlite"


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[SubscriptionStore]:
    async with await SubscriptionStore.open(db_path) as opened:
        yield opened
