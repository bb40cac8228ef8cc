"""Gateway shards: which shard owns a guild or an event, and each shard's session state.

Discord puts a guild on shard `(guild_id >> 22) % shard_count` and sends everything about it
(READY's guild list, GUILD_CREATE, INTERACTION_CREATE, deletes) only on that shard's
connection; anything without a guild (DMs) goes to shard 0.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

# Close codes Discord uses for a bad `shard` in IDENTIFY; discord.py does not reconnect on them.
INVALID_SHARD, SHARDING_REQUIRED = 4010, 4011
# Events whose guild is their own `id` rather than a `guild_id` field.
_GUILD_EVENTS = frozenset({"GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE"})


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard Discord delivers a guild's events on."""
    return (guild_id >> 22) % shard_count


def event_guild(event: str, data: dict[str, Any]) -> int | None:
    """The guild an event belongs to: `guild_id`, a guild event's own `id`, or None."""
    value = data.get("guild_id")
    if value is None and event in _GUILD_EVENTS:
        value = data.get("id")
    return int(value) if value else None


def refusal(shard: Any, shard_count: int) -> int | None:
    """The close code for IDENTIFY's `shard` field against the double's count, or None if good.

    Absent means [0, 1]. A single-shard IDENTIFY to a sharded double is 4011 (sharding
    required); any other mismatch, or an id outside the count, is 4010 (invalid shard).
    """
    try:
        shard_id, count = (0, 1) if shard is None else (int(shard[0]), int(shard[1]))
    except (TypeError, ValueError, IndexError):
        return INVALID_SHARD
    if count == 1 and shard_count > 1:
        return SHARDING_REQUIRED
    if count != shard_count or not 0 <= shard_id < count:
        return INVALID_SHARD
    return None


@dataclass
class GatewaySession:
    """One identified session of one shard: every dispatch, kept for RESUME replay."""

    session_id: str
    shard_id: int = 0
    sent: list[dict[str, Any]] = field(default_factory=list)

    @property
    def seq(self) -> int:
        """The last sequence number used."""
        return len(self.sent)


@dataclass(frozen=True)
class RefusedIdentify:
    """An IDENTIFY closed for a bad shard: what it asked for and the close code sent."""

    shard: Any
    code: int


@dataclass
class ShardState:
    """One shard as the double sees it: its current session and the socket it is live on.

    A second IDENTIFY for the shard replaces `session` and `socket`; the older socket stays
    open (heartbeats are still answered) but no longer receives dispatches.
    """

    shard_id: int
    session: GatewaySession | None = None
    identify_count: int = 0
    resume_count: int = 0
    identify_times: list[float] = field(default_factory=list)  # time.monotonic() of each
    socket: tuple[web.WebSocketResponse, web.Request] | None = field(default=None, repr=False)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    @property
    def live(self) -> bool:
        """Whether a socket is bound to this shard and still open."""
        return self.socket is not None and not self.socket[0].closed

    @property
    def ready(self) -> bool:
        """Identified (or resumed) and live: dispatches reach the client now."""
        return self.session is not None and self.live
