"""INTERACTION_CREATE payloads shaped like the registered commands, and what came back.

discord.py matches an interaction to a command by name and option shape and only logs a
mismatch, so payloads are built from the command tree the bot actually registered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .messages import LOADING
from .snowflakes import interaction_token, snowflake
from .specs import (
    AttachmentSpec,
    ChannelSpec,
    GuildSpec,
    MemberSpec,
    RoleSpec,
    bot_permissions,
    channel_payload,
    member_payload,
    role_payload,
    user_payload,
)

if TYPE_CHECKING:
    from .double import DiscordDouble

APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE = 2, 3, 4
_SUBCOMMAND, _GROUP = 1, 2
_USER, _CHANNEL, _ROLE, _MENTIONABLE, _ATTACHMENT = 6, 7, 8, 9, 11

# Stores a user's file on the double's CDN and returns its resolved attachment object.
Upload = Callable[[AttachmentSpec], dict[str, Any]]


@dataclass
class InteractionRecord:
    """The double's memory of one interaction: its payload and the bot's answers."""

    payload: dict[str, Any]
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    original_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    shard_id: int | None = None  # the shard whose connection INTERACTION_CREATE went out on
    answers: int = 0  # callback POSTs for it, accepted or refused as already acknowledged

    @property
    def answered_once(self) -> bool:
        """Exactly one callback came: no client (or process) answered it twice."""
        return self.answers == 1 and len(self.callbacks) == 1

    @property
    def id(self) -> int:
        """The interaction's snowflake."""
        return int(self.payload["id"])

    @property
    def token(self) -> str:
        """The token the bot answers with."""
        return str(self.payload["token"])

    @property
    def channel_id(self) -> int:
        """Where responses and follow-ups are posted."""
        return int(self.payload["channel_id"])

    @property
    def guild_id(self) -> int | None:
        """The guild, or None in a DM."""
        value = self.payload.get("guild_id")
        return int(value) if value else None


class SentInteraction:
    """What a test holds after sending an interaction: waits for the bot's answers."""

    def __init__(self, double: DiscordDouble, record: InteractionRecord) -> None:
        self._double = double
        self.record = record
        self.id = record.id
        self.token = record.token
        self.payload = record.payload

    @property
    def shard_id(self) -> int | None:
        """The shard it was delivered on (its guild's; 0 for a DM)."""
        return self.record.shard_id

    @property
    def answers(self) -> int:
        """How many callback POSTs it has had so far (a second is refused with 40060)."""
        return self.record.answers

    @property
    def answered_once(self) -> bool:
        """Exactly one callback so far."""
        return self.record.answered_once

    async def response(self, timeout: float = 5) -> dict[str, Any]:
        """The first callback body (`{"type": N, "data": {...}}`)."""
        record = self.record
        return await self._double.changes.wait_for(
            lambda: record.callbacks[0] if record.callbacks else None,
            timeout=timeout,
            what=f"a callback to interaction {self.id}",
        )

    async def original(
        self,
        timeout: float = 5,
        predicate: Callable[[dict[str, Any]], bool] | None = None,
    ) -> dict[str, Any]:
        """@original once it is no longer "thinking…" (and `predicate` holds, if given)."""
        record, messages = self.record, self._double.messages.by_id

        def probe() -> dict[str, Any] | None:
            message = messages.get(record.original_id or 0)
            if message is None or message.get("flags", 0) & LOADING:
                return None
            return message if predicate is None or predicate(message) else None

        return await self._double.changes.wait_for(
            probe,
            timeout=timeout,
            what=f"@original of interaction {self.id}",
            seen=lambda: messages.get(record.original_id or 0),
        )

    async def followups(self, min_count: int = 1, timeout: float = 5) -> list[dict[str, Any]]:
        """The follow-up messages (current contents), once there are at least `min_count`."""
        record, messages = self.record, self._double.messages.by_id

        def probe() -> list[dict[str, Any]] | None:
            found = [messages[i] for i in record.followup_ids if i in messages]
            return found if len(found) >= min_count else None

        return await self._double.changes.wait_for(
            probe,
            timeout=timeout,
            what=f"{min_count} follow-up(s) to interaction {self.id}",
            seen=lambda: len(record.followup_ids),
        )


# Installation types and interaction contexts, as Discord numbers them.
GUILD_INSTALL, USER_INSTALL = "0", "1"
GUILD_CONTEXT, BOT_DM_CONTEXT, PRIVATE_CHANNEL_CONTEXT = 0, 1, 2
# What a user-installed app may do where the bot itself is not: send messages, embed links,
# attach files (Discord grants these to such apps' interaction responses).
USER_APP_PERMISSIONS = (1 << 11) | (1 << 14) | (1 << 15)


def check_offered(command: dict[str, Any], installed_by: str, context: int) -> None:
    """Refuse what Discord would not show: a command not registered for this install type or
    this context (when the registration names them)."""
    install = GUILD_INSTALL if installed_by == "guild" else USER_INSTALL
    types = command.get("integration_types")
    if types is not None and int(install) not in types:
        raise LookupError(f"/{command['name']} is not offered to a {installed_by}-installed app "
                          f"(integration_types {types})")
    contexts = command.get("contexts")
    if contexts is not None and context not in contexts:
        raise LookupError(f"/{command['name']} is not offered in context {context} "
                          f"(contexts {contexts})")


def find_command(commands: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """The chat-input command registered under `name`."""
    return next((c for c in commands if c["name"] == name and c.get("type", 1) == 1), None)


def command_data(
    command: dict[str, Any],
    subcommand: str | None,
    options: Mapping[str, Any],
    *,
    focused: str | None,
    guild: GuildSpec | None,
    upload: Upload | None = None,
) -> dict[str, Any]:
    """`data` of an application-command interaction; `subcommand` may be "group sub".

    Attachment options take an `AttachmentSpec`, handed to `upload` for its resolved object.
    """
    level: list[dict[str, Any]] = command.get("options", [])
    data: dict[str, Any] = {"id": command["id"], "name": command["name"], "type": 1}
    if command.get("guild_id"):
        data["guild_id"] = command["guild_id"]
    container = data
    for part in (subcommand or "").split():
        spec = next((o for o in level if o["name"] == part and o["type"] in (1, 2)), None)
        if spec is None:
            known = [o["name"] for o in level if o["type"] in (1, 2)]
            raise ValueError(f"/{command['name']} has no subcommand {part!r}; has {known}")
        nested: dict[str, Any] = {"name": part, "type": spec["type"]}
        container["options"] = [nested]
        container, level = nested, spec.get("options", [])
    if any(o["type"] in (_SUBCOMMAND, _GROUP) for o in level):
        raise ValueError(f"/{command['name']} needs a subcommand, got {subcommand!r}")
    resolved: dict[str, dict[str, Any]] = {}
    container["options"] = _values(level, options, focused, guild, resolved, upload)
    if resolved:
        data["resolved"] = resolved
    return data


def _values(
    specs: list[dict[str, Any]],
    options: Mapping[str, Any],
    focused: str | None,
    guild: GuildSpec | None,
    resolved: dict[str, dict[str, Any]],
    upload: Upload | None,
) -> list[dict[str, Any]]:
    """Typed option values in registration order, as Discord lists them."""
    by_name = {o["name"]: o for o in specs}
    unknown = set(options) - set(by_name)
    if unknown:
        raise ValueError(f"unknown option(s) {sorted(unknown)}; registered: {list(by_name)}")
    given = dict(options)
    if focused is not None:
        given.setdefault(focused, "")
    result: list[dict[str, Any]] = []
    for spec in specs:
        name = spec["name"]
        if name not in given:
            if spec.get("required") and focused is None:
                raise ValueError(f"required option {name!r} missing")
            continue
        option: dict[str, Any] = {"name": name, "type": spec["type"]}
        if name == focused:
            option.update(value=str(given[name]), focused=True)
        else:
            option["value"] = _typed_value(spec, given[name], guild, resolved, upload)
        result.append(option)
    return result


def _typed_value(
    spec: dict[str, Any],
    value: Any,
    guild: GuildSpec | None,
    resolved: dict[str, dict[str, Any]],
    upload: Upload | None,
) -> Any:
    """The wire value of one option; mentions and files also fill `resolved` as Discord does."""
    choices = spec.get("choices")
    if choices and value not in [c["value"] for c in choices]:
        raise ValueError(f"{value!r} is not a choice of option {spec['name']!r}: {choices}")
    kind = spec["type"]
    if (kind == _ATTACHMENT) != isinstance(value, AttachmentSpec):
        wanted = "an AttachmentSpec" if kind == _ATTACHMENT else f"a type-{kind} value"
        raise ValueError(f"option {spec['name']!r} takes {wanted}, got {value!r:.80}")
    if isinstance(value, AttachmentSpec):
        if upload is None:
            raise ValueError(f"option {spec['name']!r}: no channel to upload the file to")
        attachment = upload(value)
        resolved.setdefault("attachments", {})[attachment["id"]] = attachment
        return attachment["id"]
    if kind not in (_USER, _CHANNEL, _ROLE, _MENTIONABLE):
        return value
    if isinstance(value, MemberSpec):
        resolved.setdefault("users", {})[str(value.user_id)] = user_payload(
            value.user_id, value.name, bot=value.bot
        )
        if guild is not None:
            member = member_payload(guild, value, with_permissions=True)
            member.pop("user")
            resolved.setdefault("members", {})[str(value.user_id)] = member
        return str(value.user_id)
    if isinstance(value, ChannelSpec) and guild is not None:
        channel = channel_payload(guild.id, value)
        channel["permissions"] = str(0)
        resolved.setdefault("channels", {})[str(value.id)] = channel
        return str(value.id)
    if isinstance(value, RoleSpec):
        resolved.setdefault("roles", {})[str(value.id)] = role_payload(value)
        return str(value.id)
    return str(value)


def find_component(components: list[dict[str, Any]], custom_id: str) -> dict[str, Any] | None:
    """The component with `custom_id`, searching action rows and layout containers."""
    for component in components:
        if component.get("custom_id") == custom_id:
            return component
        for key in ("components", "accessory"):
            inner = component.get(key)
            children = inner if isinstance(inner, list) else [inner] if inner else []
            found = find_component(children, custom_id)
            if found is not None:
                return found
    return None


def interaction_payload(
    double: DiscordDouble,
    kind: int,
    data: dict[str, Any],
    user: MemberSpec,
    guild: GuildSpec | None,
    channel_id: int | None,
    *,
    message: dict[str, Any] | None = None,
    locale: str | None = None,
    installed_by: str = "guild",
    group_dm: bool = False,
) -> dict[str, Any]:
    """A complete INTERACTION_CREATE payload, in a guild or (guild=None) a DM.

    `installed_by` "user": the app as the person's own (a user-installed app), used in a server
    that may not have installed the bot, in a DM with it, or (`group_dm`) in a group DM.
    """
    by_user = installed_by == "user"
    owners = {USER_INSTALL: str(user.user_id)} if by_user else None
    payload: dict[str, Any] = {
        "id": str(snowflake()),
        "application_id": str(double.application_id),
        "type": kind,
        "data": data,
        "token": interaction_token(),
        "version": 1,
        "locale": locale or user.locale,
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": 10 * 1024 * 1024,
    }
    if guild is not None:
        member = member_payload(guild, user, with_permissions=True)
        channel_spec = guild.channel(channel_id) if channel_id else None
        if channel_spec is None:
            raise ValueError(f"guild {guild.id} has no channel {channel_id}")
        channel = channel_payload(guild.id, channel_spec)
        channel["permissions"] = member["permissions"]
        payload.update(
            guild_id=str(guild.id),
            guild={"id": str(guild.id), "locale": guild.locale, "features": guild.features},
            guild_locale=guild.locale,
            member=member,
            app_permissions=str(bot_permissions(guild, double.bot_user_id)),
            channel=channel,
            channel_id=channel["id"],
            authorizing_integration_owners={GUILD_INSTALL: str(guild.id), **(owners or {})}
            if guild.id in double.guilds else owners,  # installed by the server and the user
            context=GUILD_CONTEXT,
        )
        if by_user and guild.id not in double.guilds:  # the bot is not in this server
            payload["app_permissions"] = str(USER_APP_PERMISSIONS)
    elif group_dm:
        if not by_user:
            raise ValueError("only a user-installed app can be used in a group DM")
        group = {"id": str(double.group_dm_id), "type": 3, "flags": 0,
                 "recipients": [user_payload(user.user_id, user.name, bot=user.bot)]}
        payload.update(
            user=user_payload(user.user_id, user.name, bot=user.bot),
            app_permissions=str(USER_APP_PERMISSIONS),
            channel=group,
            channel_id=group["id"],
            authorizing_integration_owners=owners,
            context=PRIVATE_CHANNEL_CONTEXT,
        )
    else:
        dm = double.dm_channel(user)
        payload.update(
            user=user_payload(user.user_id, user.name, bot=user.bot),
            app_permissions=str(double.dm_app_permissions),
            channel=dm,
            channel_id=dm["id"],
            authorizing_integration_owners=owners or {GUILD_INSTALL: "0"},
            context=BOT_DM_CONTEXT,
        )
    if message is not None:
        payload["message"] = message
    return payload
