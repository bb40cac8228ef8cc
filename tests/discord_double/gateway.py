"""The gateway websocket: HELLO, heartbeats, IDENTIFY/READY, RESUME with replay, dispatch.

Only plain text JSON frames are sent, whatever compression the client asks for; discord.py
accepts them and it keeps the double free of zlib/zstd stream state.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from .specs import guild_create_payload, member_payload, user_payload

if TYPE_CHECKING:
    from .double import DiscordDouble

log = logging.getLogger(__name__)

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, RECONNECT = 0, 1, 2, 6, 7
REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 8, 9, 10, 11


@dataclass
class GatewaySession:
    """One identified session: its sequence and every dispatch, kept for RESUME replay."""

    session_id: str
    sent: list[dict[str, Any]] = field(default_factory=list)

    @property
    def seq(self) -> int:
        """The last sequence number used."""
        return len(self.sent)


class Gateway:
    """Serves `/gateway`; one live socket at a time, as for an unsharded bot."""

    def __init__(self, double: DiscordDouble, heartbeat_interval: int) -> None:
        self._double = double
        self.heartbeat_interval = heartbeat_interval
        self.sessions: dict[str, GatewaySession] = {}
        self.session: GatewaySession | None = None
        self.received: list[dict[str, Any]] = []
        self.identify_count = 0
        self.identify_times: list[float] = []  # time.monotonic() of each IDENTIFY received
        self.resume_count = 0
        self._live: tuple[web.WebSocketResponse, web.Request] | None = None
        self._sockets: set[web.WebSocketResponse] = set()
        self._send_lock = asyncio.Lock()

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
            if self._live is not None and self._live[0] is ws:
                self._live = None
        return ws

    async def _on_frame(
        self, ws: web.WebSocketResponse, request: web.Request, frame: dict[str, Any]
    ) -> None:
        op, data = frame.get("op"), frame.get("d") or {}
        if op == IDENTIFY:
            self.identify_times.append(time.monotonic())
        if op == HEARTBEAT:
            await self._send(ws, {"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == IDENTIFY:
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
        session = GatewaySession(secrets.token_hex(16))
        self.sessions[session.session_id] = session
        ready: dict[str, Any] = {
            "v": 10,
            "user": {
                **user_payload(double.bot_user_id, double.bot_name, bot=True),
                "verified": True,
                "mfa_enabled": False,
                "email": None,
            },
            "guilds": [{"id": str(g), "unavailable": True} for g in double.guilds],
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
        async with self._send_lock:
            self.session, self._live = session, (ws, request)
            self.identify_count += 1
            await self._append_and_send(session, "READY", ready)
            for guild in double.guilds.values():
                payload = guild_create_payload(guild, double.bot_user_id, double.bot_name)
                await self._append_and_send(session, "GUILD_CREATE", payload)

    async def _resume(
        self, ws: web.WebSocketResponse, request: web.Request, data: dict[str, Any]
    ) -> None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None:
            await self._send(ws, {"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        async with self._send_lock:
            since = data.get("seq") or 0
            for frame in session.sent[since:]:
                await self._send(ws, frame)
            self.session, self._live = session, (ws, request)
            self.resume_count += 1
            await self._append_and_send(session, "RESUMED", {"_trace": ["double"]})

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

    async def dispatch(self, event: str, data: dict[str, Any]) -> int:
        """Send an event now, or keep it for RESUME if the socket is down; returns its seq."""
        if self.session is None:
            raise RuntimeError(f"cannot dispatch {event}: the bot has not identified yet")
        async with self._send_lock:
            return await self._append_and_send(self.session, event, data)

    async def _append_and_send(self, session: GatewaySession, event: str, data: Any) -> int:
        frame = {"op": DISPATCH, "t": event, "s": session.seq + 1, "d": data}
        session.sent.append(frame)
        if self._live is not None and self.session is session:
            await self._send(self._live[0], frame)
        return int(frame["s"])

    async def _send(self, ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        if ws.closed:
            return
        try:
            await ws.send_str(json.dumps(frame))
        except ConnectionError:
            log.debug("gateway send failed; the frame stays queued for RESUME")

    async def drop(self, code: int | None = 4000, *, resumable: bool = True) -> None:
        """Close the live socket with `code`, or abort it without a close frame if None."""
        if self._live is None:
            raise RuntimeError("no live gateway connection to drop")
        ws, request = self._live
        self._live = None
        if not resumable and self.session is not None:
            self.sessions.pop(self.session.session_id, None)
            self.session = None
        if code is None:
            if request.transport is not None:
                request.transport.abort()
        else:
            await ws.close(code=code, message=b"dropped by test")

    async def close(self) -> None:
        """Close every socket so the server can stop promptly."""
        self._live = None
        for ws in list(self._sockets):
            await ws.close(code=1001, message=b"double stopping")
