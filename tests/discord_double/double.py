"""DiscordDouble: a local Discord (REST + gateway) for driving the real discord.py client."""

from __future__ import annotations

import asyncio
import copy
import re
from collections.abc import Iterable, Mapping
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from .gateway import Gateway
from .interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    BOT_DM_CONTEXT,
    GUILD_CONTEXT,
    MESSAGE_COMPONENT,
    PRIVATE_CHANNEL_CONTEXT,
    InteractionRecord,
    SentInteraction,
    check_offered,
    command_data,
    find_command,
    find_component,
    interaction_payload,
)
from .messages import MessageStore
from .records import Changes, Fault, RecordedRequest
from .routes import build_router
from .server import make_app
from .snowflakes import snowflake
from .specs import DEFAULT_EVERYONE, AttachmentSpec, GuildSpec, MemberSpec, user_payload
from .waiting import WaitingOnTheBot

HOST = "127.0.0.1"


class DiscordDouble(WaitingOnTheBot):
    """Serves the Discord API on 127.0.0.1 and lets tests act as Discord's users.

    Use as `async with DiscordDouble(guilds=[...]) as double:`; point discord.py at it with
    `discord.http.Route.BASE = double.api_url` and
    `DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(double.gateway_url)` (see `pointed_at`).
    """

    def __init__(
        self,
        guilds: Iterable[GuildSpec] = (),
        *,
        owner_id: int | None = None,
        heartbeat_interval: int = 41250,
        bot_name: str = "TrainedOn",
        token: str = "double-token",
        shard_count: int = 1,
        max_concurrency: int = 1,
    ) -> None:
        self.guilds: dict[int, GuildSpec] = {g.id: g for g in guilds}
        # Servers that never installed the bot (no GUILD_CREATE), where people use it as their
        # own user-installed app; set by tests.
        self.other_guilds: dict[int, GuildSpec] = {}
        self.group_dm_id = snowflake()
        # Refuse to send a command Discord would not offer where it is used (its registered
        # integration_types and contexts). Off: as a client with a stale command list would.
        self.check_offers = True
        self.application_id = self.bot_user_id = snowflake()
        self.owner_id = owner_id if owner_id is not None else snowflake()
        self.bot_name = bot_name
        self.token = token
        self.application_flags = 0
        self.dm_app_permissions = DEFAULT_EVERYONE
        # How long a channel post's nonce dedupes a repeat sent with `enforce_nonce` ("the past
        # few minutes" in Discord's documentation).
        self.nonce_window = 300.0
        self.requests: list[RecordedRequest] = []
        self.unknown_routes: list[RecordedRequest] = []
        self.faults: list[Fault] = []
        self.interactions: dict[str, InteractionRecord] = {}
        self.dm_channels_by_id: dict[int, dict[str, Any]] = {}
        self.changes = Changes()
        self.stopping = asyncio.Event()
        # What `GET /gateway/bot` advises: how many shards, and how many may IDENTIFY at once.
        self.shard_count = shard_count
        self.max_concurrency = max_concurrency
        self.gateway = Gateway(self, heartbeat_interval, shard_count)
        self._commands: dict[int | None, list[dict[str, Any]]] = {}
        self._command_syncs = 0
        self._dm_by_user: dict[int, int] = {}
        self._runner: web.AppRunner | None = None
        self._port = 0
        author = user_payload(self.bot_user_id, self.bot_name, bot=True)
        self.messages = MessageStore(lambda: self.base_url, author)

    # -- lifecycle --------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on a free loopback port."""
        self._runner = web.AppRunner(make_app(self, build_router(self)), shutdown_timeout=0.5)
        await self._runner.setup()
        await web.TCPSite(self._runner, HOST, 0).start()
        self._port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        """Close sockets and the server; stop the bot first so it does not reconnect."""
        self.stopping.set()
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT`."""
        return f"http://{HOST}:{self._port}"

    @property
    def api_url(self) -> str:
        """What `discord.http.Route.BASE` should be."""
        return self.base_url + "/api/v10"

    @property
    def gateway_url(self) -> str:
        """What `GET /gateway/bot` returns and DEFAULT_GATEWAY should be."""
        return f"ws://{HOST}:{self._port}/gateway"

    # -- commands and messages the bot left ------------------------------------------------

    def commands(self, guild_id: int | None = None) -> list[dict[str, Any]]:
        """The registered commands (global, or for `guild_id`) as Discord echoed them."""
        return copy.deepcopy(self._commands.get(guild_id, []))

    def store_commands(self, guild_id: int | None, commands: list[dict[str, Any]]) -> None:
        """Replace a command tree; called by the command routes."""
        self._commands[guild_id] = commands
        self._command_syncs += 1

    def files_in(self, message: Mapping[str, Any] | int) -> dict[str, bytes]:
        """`{filename: bytes}` of the files on a message the bot sent (callback, follow-up,
        webhook edit or channel post), as the message stands now; ValueError on two files
        with one name (then use `messages.attachment_data[int(attachment["id"])]`).
        """
        return self.messages.files_in(message)

    @property
    def downloads(self) -> list[RecordedRequest]:
        """Requests for files on the double's CDN (`GET /attachments/...` or
        `GET /ephemeral-attachments/...`), in order; they are in `requests` too.
        """
        folders = ("/attachments/", "/ephemeral-attachments/")
        return [r for r in self.requests if r.path.startswith(folders)]

    # -- acting as Discord --------------------------------------------------------------------

    def shard_of(self, guild_id: int) -> int:
        """The shard a guild's events go to: `(guild_id >> 22) % shard_count`."""
        return self.gateway.shard_of(guild_id)

    async def dispatch(
        self, event: str, data: dict[str, Any], *, shard_id: int | None = None
    ) -> int:
        """Send any gateway event (e.g. GUILD_DELETE); returns its sequence number.

        It goes to the shard owning its guild (`guild_id`, or `id` for GUILD_* events), shard 0
        when it has none, unless `shard_id` says otherwise.
        """
        seq = await self.gateway.dispatch(event, data, shard_id)
        await self.changes.notify()
        return seq

    async def drop_gateway(
        self, code: int | None = 4000, *, resumable: bool = True, shard_id: int = 0
    ) -> None:
        """Close a shard's gateway socket (None: abort it, like a 1006); it should resume.

        With `resumable=False` the session is forgotten, so the RESUME is refused (op 9) and
        the client must IDENTIFY afresh.
        """
        await self.gateway.drop(code, resumable=resumable, shard_id=shard_id)

    def fail(
        self,
        route: str | None = None,
        status: int | None = None,
        *,
        times: int = 1,
        retry_after: float = 0.1,
        delay: float = 0.0,
        channel_id: int | None = None,
        is_global: bool = False,
        code: int | None = None,
        message: str | None = None,
        handled: bool = False,
        disconnect: bool = False,
    ) -> Fault:
        """Answer the next `times` requests matching `route` (a regex searched in
        "METHOD /path", path relative to /api/v10) or touching `channel_id` with `status`
        (429, 500, 502, 403 Missing Access, 404 Unknown Channel), after `delay` seconds.
        With `status=None` the request is only delayed, then answered normally.

        `handled=True` carries the request out first (a posted message is stored) and only then
        delays or fails the answer: a response slowed or lost on the way back, after which a
        client retries something that already happened. `disconnect=True` cuts the connection
        instead of answering (after `delay`); discord.py raises aiohttp's ServerDisconnectedError.

        File downloads from the double's CDN are matched by their own path, outside /api/v10:
        `r"GET /(ephemeral-)?attachments/"` fails any download (slash-option files are under
        `/ephemeral-attachments/{channel}/{id}/{filename}`, bot uploads under `/attachments/`);
        `channel_id=` does not match them. discord.py does not retry CDN errors.
        """
        if route is None and channel_id is None:
            raise ValueError("give a route pattern, a channel_id, or both")
        pattern = route or ""
        if channel_id is not None:
            # Both must hold: lookaheads let the route pattern and the channel match anywhere.
            pattern = f"(?=.*/channels/{channel_id}(/|$))" + (f"(?=.*{route})" if route else "")
        fault = Fault(
            pattern=re.compile(pattern),
            status=status,
            times=times,
            retry_after=retry_after,
            delay=delay,
            is_global=is_global,
            code=code,
            message=message,
            handled=handled,
            disconnect=disconnect,
        )
        self.faults.append(fault)
        return fault

    async def slash(
        self,
        name: str,
        subcommand: str | None = None,
        options: Mapping[str, Any] | None = None,
        *,
        user: MemberSpec,
        guild_id: int | None = None,
        channel_id: int | None = None,
        locale: str | None = None,
        installed_by: str = "guild",
        group_dm: bool = False,
    ) -> SentInteraction:
        """A user runs `/name [subcommand] options…` (in a DM when guild_id is None).

        `installed_by="user"`: through the app the user installed for themselves, in any
        server (one of `other_guilds`, which never installed the bot, or one that did), a DM,
        or with `group_dm` a group DM. A command not registered for that install type or
        context is refused, as Discord would not offer it.
        """
        return await self._command(
            APPLICATION_COMMAND, name, subcommand, options, None, user, guild_id, channel_id,
            locale, installed_by=installed_by, group_dm=group_dm,
        )

    async def autocomplete(
        self,
        name: str,
        subcommand: str | None = None,
        *,
        focused: str,
        options: Mapping[str, Any] | None = None,
        user: MemberSpec,
        guild_id: int | None = None,
        channel_id: int | None = None,
        locale: str | None = None,
        installed_by: str = "guild",
        group_dm: bool = False,
    ) -> SentInteraction:
        """A user types into option `focused` (its text is `options[focused]`); see `slash`."""
        return await self._command(
            AUTOCOMPLETE, name, subcommand, options, focused, user, guild_id, channel_id,
            locale, installed_by=installed_by, group_dm=group_dm,
        )

    async def press(
        self,
        custom_id: str,
        *,
        message: Mapping[str, Any],
        user: MemberSpec,
        values: list[str] | None = None,
        locale: str | None = None,
    ) -> SentInteraction:
        """A user presses a button (or picks `values` in a select) on a message the bot sent."""
        current = self.messages.by_id.get(int(message["id"]))
        if current is None:
            raise ValueError(f"message {message['id']} was not sent through this double")
        component = find_component(current.get("components", []), custom_id)
        if component is None:
            raise LookupError(f"message {current['id']} has no component {custom_id!r}")
        if component.get("disabled"):
            raise ValueError(f"component {custom_id!r} is disabled; Discord would not send it")
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component["type"]}
        if values is not None:
            data["values"] = values
        guild_id = int(current["guild_id"]) if current.get("guild_id") else None
        installed_by = "user" if guild_id in self.other_guilds else "guild"
        guild = self._guild_for(guild_id, user, installed_by)
        payload = interaction_payload(
            self,
            MESSAGE_COMPONENT,
            data,
            user,
            guild,
            int(current["channel_id"]),
            message=copy.deepcopy(current),
            locale=locale,
            installed_by=installed_by,
        )
        return await self._send_interaction(payload)

    # -- DM channels (used by interactions and POST /users/@me/channels) --------------------------

    def dm_channel(self, user: MemberSpec) -> dict[str, Any]:
        """The bot's DM channel with `user`, created on first use."""
        return self.dm_channel_for(user.user_id, user.name)

    def dm_channel_for(self, user_id: int, name: str) -> dict[str, Any]:
        """The DM channel object for a user id."""
        if user_id not in self._dm_by_user:
            channel_id = snowflake()
            self._dm_by_user[user_id] = channel_id
            self.dm_channels_by_id[channel_id] = {
                "id": str(channel_id),
                "type": 1,
                "last_message_id": None,
                "flags": 0,
                "recipients": [user_payload(user_id, name)],
            }
        return self.dm_channels_by_id[self._dm_by_user[user_id]]

    # -- internals ----------------------------------------------------------------------------

    def _guild_for(self, guild_id: int | None, user: MemberSpec,
                   installed_by: str = "guild") -> GuildSpec | None:
        if guild_id is None:
            return None
        guild = self.guilds.get(guild_id)
        if guild is None and installed_by == "user":
            guild = self.other_guilds.get(guild_id)
        if guild is None:
            raise ValueError(f"no guild {guild_id} in this double (for a server that has not "
                             "installed the bot: other_guilds, with installed_by='user')")
        if guild.member(user.user_id) is None:
            guild.members.append(user)  # whoever interacts in a guild is a member of it
        return guild

    async def _command(
        self,
        kind: int,
        name: str,
        subcommand: str | None,
        options: Mapping[str, Any] | None,
        focused: str | None,
        user: MemberSpec,
        guild_id: int | None,
        channel_id: int | None,
        locale: str | None,
        *,
        installed_by: str = "guild",
        group_dm: bool = False,
    ) -> SentInteraction:
        guild = self._guild_for(guild_id, user, installed_by)
        command = None
        if guild_id is not None:
            command = find_command(self._commands.get(guild_id, []), name)
        command = command or find_command(self._commands.get(None, []), name)
        if command is None:
            raise LookupError(f"/{name} is not registered (did the bot sync its commands?)")
        if guild is not None and channel_id is None:
            channel_id = next((c.id for c in guild.channels if c.type == 0), None)
        upload_to = channel_id if guild is not None else int(self.dm_channel(user)["id"])

        def upload(spec: AttachmentSpec) -> dict[str, Any]:
            return self.messages.store_file(
                upload_to or 0,
                spec.filename,
                spec.data,
                spec.content_type,
                size=spec.size,
                ephemeral=spec.ephemeral,
            )

        context = (GUILD_CONTEXT if guild else
                   PRIVATE_CHANNEL_CONTEXT if group_dm else BOT_DM_CONTEXT)
        if self.check_offers:
            check_offered(command, installed_by, context)
        data = command_data(
            command, subcommand, options or {}, focused=focused, guild=guild, upload=upload
        )
        payload = interaction_payload(self, kind, data, user, guild, channel_id, locale=locale,
                                      installed_by=installed_by, group_dm=group_dm)
        return await self._send_interaction(payload)

    async def _send_interaction(self, payload: dict[str, Any]) -> SentInteraction:
        record = InteractionRecord(payload)
        record.shard_id = self.gateway.route("INTERACTION_CREATE", payload)
        self.interactions[record.token] = record
        await self.dispatch("INTERACTION_CREATE", payload, shard_id=record.shard_id)
        return SentInteraction(self, record)
