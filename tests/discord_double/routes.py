"""REST routes: what the bot can ask of Discord, answered from the double's state."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .interactions import APPLICATION_COMMAND, InteractionRecord
from .messages import EPHEMERAL, LOADING
from .responses import (
    AUTOCOMPLETE_RESULT,
    DEFERRED_CHANNEL_MESSAGE,
    LAUNCH_ACTIVITY,
    MESSAGE_TYPES,
    MODAL,
    PREMIUM_REQUIRED,
    UPDATE_MESSAGE,
    UPDATE_TYPES,
)
from .server import Call, DiscordError, Router, json_response, no_content
from .snowflakes import snowflake
from .specs import (
    GuildSpec,
    all_roles,
    bot_member,
    channel_payload,
    guild_payload,
    member_payload,
    role_payload,
    user_payload,
)

if TYPE_CHECKING:
    from .double import DiscordDouble

UNKNOWN_CHANNEL = (404, 10003, "Unknown Channel")
UNKNOWN_GUILD = (404, 10004, "Unknown Guild")
UNKNOWN_MEMBER = (404, 10007, "Unknown Member")
UNKNOWN_MESSAGE = (404, 10008, "Unknown Message")
UNKNOWN_WEBHOOK = (404, 10015, "Unknown Webhook")
UNKNOWN_INTERACTION = (404, 10062, "Unknown interaction")
ALREADY_ACKNOWLEDGED = (400, 40060, "Interaction has already been acknowledged.")
INVALID_FORM = (400, 50035, "Invalid Form Body")
NONCE_LIMIT = 25  # characters; Discord refuses a longer nonce


def _fail(error: tuple[int, int, str]) -> DiscordError:
    return DiscordError(*error)


def build_router(double: DiscordDouble) -> Router:
    """Every route the double serves, bound to its state."""
    routes = Routes(double)
    router = Router()
    add = router.add
    add("GET", "/gateway", routes.gateway, auth=False)
    add("GET", "/gateway/bot", routes.gateway)
    add("GET", "/users/@me", routes.me)
    add("POST", "/users/@me/channels", routes.open_dm)
    add("GET", "/oauth2/applications/@me", routes.application)
    add("GET", "/applications/@me", routes.application)
    for prefix in ("/applications/{app}", "/applications/{app}/guilds/{guild}"):
        add("GET", prefix + "/commands", routes.list_commands)
        add("PUT", prefix + "/commands", routes.put_commands)
        add("POST", prefix + "/commands", routes.post_command)
    add("POST", "/interactions/{id}/{token}/callback", routes.callback, auth=False)
    add("POST", "/webhooks/{app}/{token}", routes.followup, auth=False)
    for method in ("GET", "PATCH", "DELETE"):
        add(method, "/webhooks/{app}/{token}/messages/{mid}", routes.webhook_message, auth=False)
    add("GET", "/channels/{cid}", routes.channel)
    add("POST", "/channels/{cid}/messages", routes.post_message)
    add("POST", "/channels/{cid}/typing", routes.typing)
    for method in ("GET", "PATCH", "DELETE"):
        add(method, "/channels/{cid}/messages/{mid}", routes.channel_message)
    add("GET", "/guilds/{gid}", routes.guild)
    add("GET", "/guilds/{gid}/channels", routes.guild_channels)
    add("GET", "/guilds/{gid}/roles", routes.guild_roles)
    add("GET", "/guilds/{gid}/members/{uid}", routes.guild_member)
    return router


class Routes:
    """Route handlers; each reads or changes the double's state and answers like Discord."""

    def __init__(self, double: DiscordDouble) -> None:
        self.d = double

    # -- start-up -------------------------------------------------------------------------

    async def gateway(self, call: Call) -> web.Response:
        limit = {
            "total": 1000,
            "remaining": 999,
            "reset_after": 0,
            "max_concurrency": self.d.max_concurrency,
        }
        shards, url = self.d.shard_count, self.d.gateway_url
        return json_response({"url": url, "shards": shards, "session_start_limit": limit})

    async def me(self, call: Call) -> web.Response:
        user = user_payload(self.d.bot_user_id, self.d.bot_name, bot=True)
        return json_response({**user, "verified": True, "mfa_enabled": False, "email": None})

    async def application(self, call: Call) -> web.Response:
        d = self.d
        return json_response(
            {
                "id": str(d.application_id),
                "name": d.bot_name,
                "icon": None,
                "description": "",
                "summary": "",
                "type": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "00" * 32,
                "owner": user_payload(d.owner_id, "owner"),
                "team": None,
                "flags": d.application_flags,
                "bot": user_payload(d.bot_user_id, d.bot_name, bot=True),
                "guild_id": None,
                "interactions_endpoint_url": None,
                "approximate_guild_count": len(d.guilds),
                "tags": [],
                "redirect_uris": [],
                "install_params": None,
                "integration_types_config": {"0": {}},
            }
        )

    # -- application commands ---------------------------------------------------------------

    async def list_commands(self, call: Call) -> web.Response:
        return json_response(self.d.commands(_guild_param(call)))

    async def put_commands(self, call: Call) -> web.Response:
        guild_id = _guild_param(call)
        previous = {c["name"]: c for c in self.d.commands(guild_id)}
        stored = [self._command(c, guild_id, previous.get(c["name"])) for c in call.body or []]
        self.d.store_commands(guild_id, stored)
        return json_response(stored)

    async def post_command(self, call: Call) -> web.Response:
        guild_id = _guild_param(call)
        current = self.d.commands(guild_id)
        old = next((c for c in current if c["name"] == call.body["name"]), None)
        command = self._command(call.body, guild_id, old)
        self.d.store_commands(guild_id, [c for c in current if c is not old] + [command])
        return json_response(command, status=200 if old else 201)

    def _command(
        self, sent: dict[str, Any], guild_id: int | None, old: dict[str, Any] | None
    ) -> dict[str, Any]:
        """Echo a command as Discord stores it; an existing name keeps its id."""
        command = {
            "type": 1,
            "default_member_permissions": None,
            "nsfw": False,
            **copy.deepcopy(sent),
            "id": old["id"] if old else str(snowflake()),
            "application_id": str(self.d.application_id),
            "version": str(snowflake()),
        }
        if guild_id is not None:
            command["guild_id"] = str(guild_id)
        return command

    # -- interactions -----------------------------------------------------------------------

    def _interaction(self, token: str, app: str | None = None) -> InteractionRecord:
        record = self.d.interactions.get(token)
        if record is None or (app is not None and app != str(self.d.application_id)):
            raise _fail(UNKNOWN_WEBHOOK if app is not None else UNKNOWN_INTERACTION)
        return record

    async def callback(self, call: Call) -> web.Response:
        record = self._interaction(call.params["token"])
        if str(record.id) != call.params["id"]:
            raise _fail(UNKNOWN_INTERACTION)
        record.answers += 1
        if record.callbacks:
            raise _fail(ALREADY_ACKNOWLEDGED)
        body = call.body or {}
        kind, data = body.get("type"), body.get("data") or {}
        message: dict[str, Any] | None = None
        if kind in MESSAGE_TYPES:
            if kind == DEFERRED_CHANNEL_MESSAGE:
                data = {"flags": (data.get("flags", 0) & EPHEMERAL) | LOADING}
            message = self._create_response_message(record, data, call)
            record.original_id = int(message["id"])
        elif kind in UPDATE_TYPES:
            if "message" not in record.payload:
                raise _fail(INVALID_FORM)
            record.original_id = int(record.payload["message"]["id"])
            if record.original_id not in self.d.messages.by_id:
                raise _fail(UNKNOWN_MESSAGE)
            if kind == UPDATE_MESSAGE:
                self.d.messages.edit(record.original_id, data, call.files)
            message = self.d.messages.by_id[record.original_id]
        elif kind not in (AUTOCOMPLETE_RESULT, MODAL, PREMIUM_REQUIRED, LAUNCH_ACTIVITY):
            raise _fail(INVALID_FORM)
        record.callbacks.append(body)
        return json_response(_callback_answer(record, kind, message))

    def _create_response_message(
        self, record: InteractionRecord, body: dict[str, Any], call: Call
    ) -> dict[str, Any]:
        payload = record.payload
        user = payload["member"]["user"] if "member" in payload else payload["user"]
        metadata = {
            "id": str(record.id),
            "type": payload["type"],
            "user": user,
            "authorizing_integration_owners": payload["authorizing_integration_owners"],
        }
        extra = {
            "webhook_id": str(self.d.application_id),
            "application_id": str(self.d.application_id),
            "interaction_metadata": metadata,
            "type": 20 if payload["type"] == APPLICATION_COMMAND else 0,
        }
        return self.d.messages.create(
            record.channel_id, body, call.files, guild_id=record.guild_id, extra=extra
        )

    async def followup(self, call: Call) -> web.Response:
        record = self._interaction(call.params["token"], call.params["app"])
        if not record.callbacks:
            raise _fail(UNKNOWN_WEBHOOK)
        body = call.body or {}
        original = self.d.messages.by_id.get(record.original_id or 0)
        if original is not None and original.get("flags", 0) & LOADING:
            # Discord turns the first follow-up after a "thinking…" defer into the original.
            message = self.d.messages.edit(int(original["id"]), body, call.files)
        else:
            message = self._create_response_message(record, body, call)
        record.followup_ids.append(int(message["id"]))
        if call.record.query.get("wait", "").lower() in ("1", "true"):
            return json_response(message)
        return no_content()

    async def webhook_message(self, call: Call) -> web.Response:
        record = self._interaction(call.params["token"], call.params["app"])
        mid = call.params["mid"]
        if mid == "@original":
            message_id = record.original_id
        else:
            known = {record.original_id, *record.followup_ids}
            message_id = int(mid) if mid.isdigit() and int(mid) in known else None
        if message_id is None or message_id not in self.d.messages.by_id:
            raise _fail(UNKNOWN_MESSAGE)
        return self._message_method(call, message_id)

    def _message_method(self, call: Call, message_id: int) -> web.Response:
        """GET, PATCH or DELETE one stored message."""
        method = call.record.method
        if method == "DELETE":
            self.d.messages.delete(message_id)
            return no_content()
        if method == "PATCH":
            return json_response(self.d.messages.edit(message_id, call.body or {}, call.files))
        return json_response(self.d.messages.by_id[message_id])

    # -- channels ---------------------------------------------------------------------------

    def _channel(self, cid: str) -> tuple[dict[str, Any], int | None]:
        """A channel payload and its guild id (None for DMs), or Unknown Channel."""
        channel_id = int(cid) if cid.isdigit() else 0
        for guild in self.d.guilds.values():
            spec = guild.channel(channel_id)
            if spec is not None:
                return channel_payload(guild.id, spec), guild.id
        dm = self.d.dm_channels_by_id.get(channel_id)
        if dm is not None:
            return dm, None
        raise _fail(UNKNOWN_CHANNEL)

    async def channel(self, call: Call) -> web.Response:
        return json_response(self._channel(call.params["cid"])[0])

    async def typing(self, call: Call) -> web.Response:
        self._channel(call.params["cid"])
        return no_content()

    async def post_message(self, call: Call) -> web.Response:
        channel, guild_id = self._channel(call.params["cid"])
        channel_id = int(channel["id"])
        body = call.body or {}
        nonce = str(body["nonce"]) if body.get("nonce") is not None else None
        if nonce is not None and len(nonce) > NONCE_LIMIT:
            raise _fail(INVALID_FORM)
        if nonce is not None and body.get("enforce_nonce"):
            # As Discord: the same author's post with this nonce in the last few minutes is
            # returned instead of creating another (whatever its channel).
            earlier = self.d.messages.by_nonce(nonce, self.d.nonce_window)
            if earlier is not None:
                return json_response(earlier)
        message = self.d.messages.create(channel_id, body, call.files, guild_id=guild_id)
        self.d.messages.channel_posts.setdefault(channel_id, []).append(int(message["id"]))
        if nonce is not None:
            self.d.messages.remember_nonce(nonce, int(message["id"]))
        return json_response(message)

    async def channel_message(self, call: Call) -> web.Response:
        channel, _ = self._channel(call.params["cid"])
        mid = call.params["mid"]
        message = self.d.messages.by_id.get(int(mid) if mid.isdigit() else 0)
        if message is None or message["channel_id"] != channel["id"]:
            raise _fail(UNKNOWN_MESSAGE)
        return self._message_method(call, int(mid))

    async def open_dm(self, call: Call) -> web.Response:
        recipient = int((call.body or {}).get("recipient_id", 0))
        known = {m.user_id: m for g in self.d.guilds.values() for m in g.members}
        name = known[recipient].name if recipient in known else f"user{recipient}"
        return json_response(self.d.dm_channel_for(recipient, name))

    # -- guilds -----------------------------------------------------------------------------

    def _guild(self, gid: str) -> GuildSpec:
        guild = self.d.guilds.get(int(gid) if gid.isdigit() else 0)
        if guild is None:
            raise _fail(UNKNOWN_GUILD)
        return guild

    async def guild(self, call: Call) -> web.Response:
        guild = self._guild(call.params["gid"])
        data = guild_payload(guild)
        if call.record.query.get("with_counts", "").lower() in ("1", "true"):
            count = len(guild.members) + 1
            data.update(approximate_member_count=count, approximate_presence_count=count)
        return json_response(data)

    async def guild_channels(self, call: Call) -> web.Response:
        guild = self._guild(call.params["gid"])
        return json_response([channel_payload(guild.id, c) for c in guild.channels])

    async def guild_roles(self, call: Call) -> web.Response:
        guild = self._guild(call.params["gid"])
        return json_response([role_payload(r) for r in all_roles(guild)])

    async def guild_member(self, call: Call) -> web.Response:
        guild = self._guild(call.params["gid"])
        uid = int(call.params["uid"]) if call.params["uid"].isdigit() else 0
        if uid == self.d.bot_user_id:
            return json_response(member_payload(guild, bot_member(guild, uid, self.d.bot_name)))
        member = guild.member(uid)
        if member is None:
            raise _fail(UNKNOWN_MEMBER)
        return json_response(member_payload(guild, member))


def _guild_param(call: Call) -> int | None:
    guild = call.params.get("guild")
    return int(guild) if guild else None


def _callback_answer(
    record: InteractionRecord, kind: int, message: dict[str, Any] | None
) -> dict[str, Any]:
    """The `with_response` body: discord.py reads `interaction` and `resource`."""
    flags = message.get("flags", 0) if message else 0
    interaction: dict[str, Any] = {
        "id": str(record.id),
        "type": record.payload["type"],
        "response_message_loading": kind == DEFERRED_CHANNEL_MESSAGE,
        "response_message_ephemeral": bool(flags & EPHEMERAL),
    }
    resource: dict[str, Any] = {"type": kind}
    if message is not None:
        interaction["response_message_id"] = message["id"]
        resource["message"] = message
    return {"interaction": interaction, "resource": resource}
