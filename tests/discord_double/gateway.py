"""The gateway websocket: HELLO, heartbeats, IDENTIFY/READY, RESUME with replay, dispatch.

Sharded like Discord (see `shards.py`): each IDENTIFY binds its socket to one shard, which
then gets only its own guilds and events.

Only plain text JSON frames are sent, whatever compression the client asks for; discord.py
accepts them and it keeps the double free of zlib/zstd stream state.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from .shards import (
    GatewaySession,
    RefusedIdentify,
    ShardState,
    event_guild,
    refusal,
    shard_of,
)
from .specs import guild_create_payload, member_payload, user_payload

if TYPE_CHECKING:
    from .double import DiscordDouble

log = logging.getLogger(__name__)

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, RECONNECT = 0, 1, 2, 6, 7
REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 8, 9, 10, 11


class Gateway:
    """Serves `/gateway`: many sockets at once, one identified session per shard.

    With `shard_count=1` (the default) this is the unsharded gateway: every guild on shard 0.
    Totals (`identify_count`, `identify_times`, `resume_count`, `received`) cover all shards;
    `shards[id]` holds each shard's own.
    """

    def __init__(
        self, double: DiscordDouble, heartbeat_interval: int, shard_count: int = 1
    ) -> None:
        if shard_count < 1:
            raise ValueError(f"shard_count must be at least 1, got {shard_count}")
        self._double = double
        self.heartbeat_interval = heartbeat_interval
        self.shard_count = shard_count
        self.shards: dict[int, ShardState] = {i: ShardState(i) for i in range(shard_count)}
        self.sessions: dict[str, GatewaySession] = {}
        self.received: list[dict[str, Any]] = []
        self.identify_count = 0
        self.identify_times: list[float] = []  # time.monotonic() of each IDENTIFY received
        self.resume_count = 0
        self.refused: list[RefusedIdentify] = []
        self._sockets: set[web.WebSocketResponse] = set()

    @property
    def session(self) -> GatewaySession | None:
        """Shard 0's current session (the only one when unsharded)."""
        return self.shards[0].session

    def shard_of(self, guild_id: int) -> int:
        """The shard that owns a guild."""
        return shard_of(guild_id, self.shard_count)

    def route(self, event: str, data: dict[str, Any]) -> int:
        """The shard an event goes to: its guild's, else 0 (as Discord sends DMs)."""
        guild_id = event_guild(event, data)
        return 0 if guild_id is None else self.shard_of(guild_id)

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """One client connection, from HELLO until either side closes."""
        ws = web.WebSocketResponse(compress=False, max_msg_size=0)
        await ws.prepare(request)
        self._sockets.add(ws)
        try:
            hello = {"heartbeat_interval": self.heartbeat_interval, "_trace": ["double"]}
            await self._send(ws, {"op": HELLO, "d": hello, "s": None, "t": None})
            async for message in ws:
                if message.type is not WSMsgType.TEXT:
                    break
                frame = json.loads(message.data)
                self.received.append(frame)
                await self._on_frame(ws, request, frame)
                await self._double.changes.notify()
        finally:
            self._sockets.discard(ws)
            for shard in self.shards.values():
                if shard.socket is not None and shard.socket[0] is ws:
                    shard.socket = None
            await self._double.changes.notify()
        return ws

    async def _on_frame(
        self, ws: web.WebSocketResponse, request: web.Request, frame: dict[str, Any]
    ) -> None:
        op, data = frame.get("op"), frame.get("d") or {}
        if op == HEARTBEAT:
            await self._send(ws, {"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == IDENTIFY:
            self.identify_times.append(time.monotonic())
            await self._identify(ws, request, data)
        elif op == RESUME:
            await self._resume(ws, request, data)
        elif op == REQUEST_MEMBERS:
            await self._member_chunk(data)
        else:
            log.debug("gateway op %s ignored", op)

    async def _identify(
        self, ws: web.WebSocketResponse, request: web.Request, data: dict[str, Any]
    ) -> None:
        double = self._double
        code = refusal(data.get("shard"), self.shard_count)
        if code is not None:
            self.refused.append(RefusedIdentify(data.get("shard"), code))
            log.info("IDENTIFY with shard %r refused (%s)", data.get("shard"), code)
            await ws.close(code=code, message=b"invalid shard" if code == 4010 else b"sharding")
            return
        shard_id = int(data["shard"][0]) if data.get("shard") is not None else 0
        shard = self.shards[shard_id]
        session = GatewaySession(secrets.token_hex(16), shard_id)
        self.sessions[session.session_id] = session
        guilds = [g for g in double.guilds.values() if self.shard_of(g.id) == shard_id]
        ready: dict[str, Any] = {
            "v": 10,
            "user": {
                **user_payload(double.bot_user_id, double.bot_name, bot=True),
                "verified": True,
                "mfa_enabled": False,
                "email": None,
            },
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": double.gateway_url,
            "application": {"id": str(double.application_id), "flags": double.application_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["double"],
            "user_settings": {},
            "_trace": ["double"],
        }
        if data.get("shard") is not None:
            ready["shard"] = data["shard"]
        async with shard.lock:
            shard.session, shard.socket = session, (ws, request)
            shard.identify_count += 1
            shard.identify_times.append(self.identify_times[-1])
            self.identify_count += 1
            await self._append_and_send(shard, session, "READY", ready)
            for guild in guilds:
                payload = guild_create_payload(guild, double.bot_user_id, double.bot_name)
                await self._append_and_send(shard, session, "GUILD_CREATE", payload)

    async def _resume(
        self, ws: web.WebSocketResponse, request: web.Request, data: dict[str, Any]
    ) -> None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None:
            await self._send(ws, {"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        shard = self.shards[session.shard_id]
        async with shard.lock:
            since = data.get("seq") or 0
            for frame in session.sent[since:]:
                await self._send(ws, frame)
            shard.session, shard.socket = session, (ws, request)
            shard.resume_count += 1
            self.resume_count += 1
            await self._append_and_send(shard, session, "RESUMED", {"_trace": ["double"]})

    async def _member_chunk(self, data: dict[str, Any]) -> None:
        """Answer a chunk request with every listed member, in one chunk."""
        guild = self._double.guilds.get(int(data["guild_id"]))
        if guild is None:
            return
        chunk = {
            "guild_id": str(guild.id),
            "members": [member_payload(guild, m) for m in guild.members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce"):
            chunk["nonce"] = data["nonce"]
        await self.dispatch("GUILD_MEMBERS_CHUNK", chunk)

    async def dispatch(self, event: str, data: dict[str, Any], shard_id: int | None = None) -> int:
        """Send an event on its shard (`route`) now, or keep it for RESUME if that shard's
        socket is down; returns its seq in that shard's session.
        """
        shard = self.shards[self.route(event, data) if shard_id is None else shard_id]
        if shard.session is None:
            raise RuntimeError(
                f"cannot dispatch {event}: shard {shard.shard_id} has not identified yet"
            )
        async with shard.lock:
            return await self._append_and_send(shard, shard.session, event, data)

    async def _append_and_send(
        self, shard: ShardState, session: GatewaySession, event: str, data: Any
    ) -> int:
        frame = {"op": DISPATCH, "t": event, "s": session.seq + 1, "d": data}
        session.sent.append(frame)
        if shard.socket is not None and shard.session is session:
            await self._send(shard.socket[0], frame)
        return int(frame["s"])

    async def _send(self, ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        if ws.closed:
            return
        try:
            await ws.send_str(json.dumps(frame))
        except ConnectionError:
            log.debug("gateway send failed; the frame stays queued for RESUME")

    async def drop(
        self, code: int | None = 4000, *, resumable: bool = True, shard_id: int = 0
    ) -> None:
        """Close a shard's live socket with `code`, or abort it without a close frame if None."""
        shard = self.shards[shard_id]
        if shard.socket is None:
            raise RuntimeError(f"no live gateway connection on shard {shard_id} to drop")
        ws, request = shard.socket
        shard.socket = None
        if not resumable and shard.session is not None:
            self.sessions.pop(shard.session.session_id, None)
            shard.session = None
        if code is None:
            if request.transport is not None:
                request.transport.abort()
        else:
            await ws.close(code=code, message=b"dropped by test")

    async def close(self) -> None:
        """Close every socket so the server can stop promptly."""
        for shard in self.shards.values():
            shard.socket = None
        for ws in list(self._sockets):
            await ws.close(code=1001, message=b"double stopping")
