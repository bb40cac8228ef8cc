"""What a test says exists on the fake Discord, and the payloads discord.py expects for it.

Specs are plain dataclasses so a test reads like a description of a server; the builders turn
them into the JSON shapes the gateway and REST routes send.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import discord

from .snowflakes import iso_now, snowflake, spread_snowflakes


class _HasValue(Protocol):
    value: int


PermissionsLike = int | _HasValue

ADMINISTRATOR = discord.Permissions(administrator=True).value
ALL_PERMISSIONS = discord.Permissions.all().value
# Roughly what a fresh server gives @everyone, so plain members can use commands.
DEFAULT_EVERYONE = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    read_message_history=True,
    embed_links=True,
    attach_files=True,
    add_reactions=True,
    use_external_emojis=True,
    use_application_commands=True,
    create_instant_invite=True,
    change_nickname=True,
).value
# The bot's own managed role, as granted by a typical invite link.
DEFAULT_BOT_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    embed_links=True,
    attach_files=True,
    read_message_history=True,
).value


def permission_bits(value: PermissionsLike | None) -> int:
    """Accept ints or discord.Permissions alike so tests can write either."""
    if value is None:
        return 0
    return value if isinstance(value, int) else int(value.value)


@dataclass
class ChannelSpec:
    """A guild channel; type 0 is text, 2 voice, 4 category, 5 announcement, 15 forum."""

    id: int
    name: str
    type: int = 0
    position: int = 0
    parent_id: int | None = None
    topic: str | None = None
    nsfw: bool = False


@dataclass(frozen=True)
class AttachmentSpec:
    """A file a user attaches to a slash-command attachment option (`discord.Attachment`).

    The double gives it a snowflake, puts it in `data.resolved.attachments` and serves `data`
    at its `url`. `size` is the size Discord reports (default `len(data)`); set it to lie.
    `ephemeral` files live under `/ephemeral-attachments/`, as slash uploads do on Discord.
    """

    filename: str
    data: bytes
    content_type: str | None = None
    size: int | None = None
    ephemeral: bool = True


@dataclass
class RoleSpec:
    """A role; its permissions add to @everyone's for members who hold it."""

    id: int
    name: str
    permissions: PermissionsLike = 0
    position: int = 1
    managed: bool = False
    color: int = 0


@dataclass
class MemberSpec:
    """A guild member (or, in a DM, just the user part of one).

    `permissions`, when given, is granted through a role the double adds for this member, so
    the gateway's view of roles and the interaction's `permissions` field stay consistent.
    """

    user_id: int
    name: str
    roles: list[int] = field(default_factory=list)
    permissions: PermissionsLike | None = None
    bot: bool = False
    nick: str | None = None
    locale: str = "en-US"
    permission_role_id: int = field(default_factory=snowflake, repr=False)


@dataclass
class GuildSpec:
    """A guild the bot is in; the double sends it as GUILD_CREATE after READY."""

    id: int
    name: str
    owner_id: int
    channels: list[ChannelSpec] = field(default_factory=list)
    roles: list[RoleSpec] = field(default_factory=list)
    members: list[MemberSpec] = field(default_factory=list)
    everyone_permissions: PermissionsLike = DEFAULT_EVERYONE
    bot_permissions: PermissionsLike = DEFAULT_BOT_PERMISSIONS
    bot_role_id: int = field(default_factory=snowflake, repr=False)
    locale: str = "en-US"
    features: list[str] = field(default_factory=list)

    def channel(self, channel_id: int) -> ChannelSpec | None:
        """The channel with this id, if the guild has it."""
        return next((c for c in self.channels if c.id == channel_id), None)

    def member(self, user_id: int) -> MemberSpec | None:
        """The member with this user id, if the guild has them."""
        return next((m for m in self.members if m.user_id == user_id), None)


def spread_guilds(
    count: int, *, owner_id: int | None = None, members: Iterable[MemberSpec] = ()
) -> list[GuildSpec]:
    """`count` guilds with one text channel each and ids spread evenly over any shard count.

    Ids made in one burst would share a millisecond and so a shard; see `spread_snowflakes`.
    """
    owner = owner_id if owner_id is not None else snowflake()
    return [
        GuildSpec(
            guild_id,
            f"Guild {n}",
            owner,
            channels=[ChannelSpec(snowflake(), "general")],
            members=list(members),
        )
        for n, guild_id in enumerate(spread_snowflakes(count))
    ]


def make_member(
    name: str,
    *,
    permissions: PermissionsLike | None = None,
    roles: Iterable[int] = (),
    user_id: int | None = None,
    bot: bool = False,
) -> MemberSpec:
    """A member with a fresh id holding exactly the given extra permissions."""
    return MemberSpec(
        user_id=user_id if user_id is not None else snowflake(),
        name=name,
        roles=list(roles),
        permissions=permissions,
        bot=bot,
    )


def user_payload(user_id: int, name: str, *, bot: bool = False) -> dict[str, Any]:
    """A user object with every key discord.py reads."""
    data: dict[str, Any] = {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": None if bot else name,
        "avatar": None,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
        "public_flags": 0,
        "flags": 0,
    }
    if bot:
        data["bot"] = True
    return data


def all_roles(guild: GuildSpec) -> list[RoleSpec]:
    """@everyone, the spec's roles, the bot's managed role and per-member permission roles."""
    roles = [RoleSpec(guild.id, "@everyone", guild.everyone_permissions, position=0)]
    roles += guild.roles
    roles.append(RoleSpec(guild.bot_role_id, "bot", guild.bot_permissions, managed=True))
    roles += [
        RoleSpec(m.permission_role_id, f"{m.name}-permissions", m.permissions)
        for m in guild.members
        if m.permissions is not None
    ]
    return roles


def member_role_ids(member: MemberSpec) -> list[int]:
    """The roles a member holds, including the one carrying their explicit permissions."""
    extra = [member.permission_role_id] if member.permissions is not None else []
    return [*member.roles, *extra]


def computed_permissions(guild: GuildSpec, member: MemberSpec) -> int:
    """Guild-level permissions as Discord computes them (no channel overwrites).

    The member's own `permissions` count even if the member was never listed in the guild.
    """
    if member.user_id == guild.owner_id:
        return ALL_PERMISSIONS
    by_id = {r.id: permission_bits(r.permissions) for r in all_roles(guild)}
    value = by_id[guild.id] | permission_bits(member.permissions)
    for role_id in member.roles:
        value |= by_id.get(role_id, 0)
    return ALL_PERMISSIONS if value & ADMINISTRATOR else value


def bot_permissions(guild: GuildSpec, bot_id: int) -> int:
    """The bot's guild permissions (`app_permissions`)."""
    return computed_permissions(guild, bot_member(guild, bot_id, "bot"))


def bot_member(guild: GuildSpec, bot_id: int, bot_name: str) -> MemberSpec:
    """The bot as a member holding its managed role."""
    return MemberSpec(bot_id, bot_name, roles=[guild.bot_role_id], bot=True)


def role_payload(role: RoleSpec) -> dict[str, Any]:
    """A role object."""
    return {
        "id": str(role.id),
        "name": role.name,
        "permissions": str(permission_bits(role.permissions)),
        "position": role.position,
        "color": role.color,
        "colors": {"primary_color": role.color, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "managed": role.managed,
        "mentionable": False,
        "icon": None,
        "unicode_emoji": None,
        "flags": 0,
    }


def channel_payload(guild_id: int, channel: ChannelSpec) -> dict[str, Any]:
    """A guild channel object."""
    data: dict[str, Any] = {
        "id": str(channel.id),
        "guild_id": str(guild_id),
        "name": channel.name,
        "type": channel.type,
        "position": channel.position,
        "parent_id": str(channel.parent_id) if channel.parent_id else None,
        "permission_overwrites": [],
        "nsfw": channel.nsfw,
        "flags": 0,
    }
    if channel.type in (0, 5):
        data.update(topic=channel.topic, last_message_id=None, rate_limit_per_user=0)
    return data


def member_payload(
    guild: GuildSpec,
    member: MemberSpec,
    *,
    with_permissions: bool = False,
) -> dict[str, Any]:
    """A guild member object; interactions also carry the computed `permissions`."""
    roles = member_role_ids(member)
    data: dict[str, Any] = {
        "user": user_payload(member.user_id, member.name, bot=member.bot),
        "roles": [str(r) for r in roles],
        "nick": member.nick,
        "avatar": None,
        "banner": None,
        "joined_at": iso_now(),
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "pending": False,
        "flags": 0,
        "communication_disabled_until": None,
    }
    if with_permissions:
        data["permissions"] = str(computed_permissions(guild, member))
    return data


def guild_payload(guild: GuildSpec) -> dict[str, Any]:
    """A guild object as REST returns it (no channels or members)."""
    return {
        "id": str(guild.id),
        "name": guild.name,
        "owner_id": str(guild.owner_id),
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "features": list(guild.features),
        "roles": [role_payload(r) for r in all_roles(guild)],
        "emojis": [],
        "stickers": [],
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": guild.locale,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "vanity_url_code": None,
        "premium_progress_bar_enabled": False,
    }


def guild_create_payload(guild: GuildSpec, bot_id: int, bot_name: str) -> dict[str, Any]:
    """GUILD_CREATE data: the guild with its channels, members (incl. the bot) and counts."""
    members = [member_payload(guild, m) for m in guild.members if m.user_id != bot_id]
    members.append(member_payload(guild, bot_member(guild, bot_id, bot_name)))
    return {
        **guild_payload(guild),
        "unavailable": False,
        "large": False,
        "lazy": True,
        "member_count": len(members),
        "joined_at": iso_now(),
        "channels": [channel_payload(guild.id, c) for c in guild.channels],
        "threads": [],
        "members": members,
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }
