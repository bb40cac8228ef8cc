"""Valid, unique Discord snowflakes and interaction tokens for the double."""

from __future__ import annotations

import itertools
import secrets
import threading
import time
from datetime import UTC, datetime

DISCORD_EPOCH_MS = 1_420_070_400_000

_counter = itertools.count()
_lock = threading.Lock()


def snowflake() -> int:
    """A fresh snowflake: discord.py derives creation times from them, so they must be real."""
    with _lock:
        count = next(_counter)
    millis = int(time.time() * 1000) - DISCORD_EPOCH_MS
    # The worker and process bits carry the counter too, so ids made in one millisecond differ.
    return (millis << 22) | (count & 0x3FFFFF)


def interaction_token() -> str:
    """A random token shaped like Discord's (opaque to the client)."""
    return "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48)


def iso_now() -> str:
    """An ISO 8601 timestamp, as Discord writes them."""
    return datetime.now(UTC).isoformat()
