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
    millis = _now_millis()
    # The worker and process bits carry the counter too, so ids made in one millisecond differ.
    return (millis << 22) | (count & 0x3FFFFF)


def spread_snowflakes(count: int) -> list[int]:
    """`count` fresh snowflakes one millisecond apart, the last one millisecond ago.

    A guild's shard is `(id >> 22) % shard_count`, i.e. its millisecond part, so ids made in
    one burst all land on one shard; consecutive milliseconds spread them round-robin over any
    shard count (the first on shard `(ids[0] >> 22) % n`). They lie in the past, so creation
    times stay real, and the shared counter in the low bits keeps them unique.
    """
    now = _now_millis()
    with _lock:
        counts = [next(_counter) for _ in range(count)]
    start = now - count
    return [((start + i) << 22) | (c & 0x3FFFFF) for i, c in enumerate(counts)]


def snowflake_on_shard(shard_id: int, shard_count: int) -> int:
    """A fresh snowflake (at most `shard_count` ms old) whose guild would be on `shard_id`."""
    if not 0 <= shard_id < shard_count:
        raise ValueError(f"shard {shard_id} is outside 0..{shard_count - 1}")
    now = _now_millis()
    millis = now - (now - shard_id) % shard_count
    with _lock:
        count = next(_counter)
    return (millis << 22) | (count & 0x3FFFFF)


def _now_millis() -> int:
    return int(time.time() * 1000) - DISCORD_EPOCH_MS


def interaction_token() -> str:
    """A random token shaped like Discord's (opaque to the client)."""
    return "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48)


def iso_now() -> str:
    """An ISO 8601 timestamp, as Discord writes them."""
    return datetime.now(UTC).isoformat()
