"""A local Discord API double that the real discord.py client talks to over real sockets.

See `DiscordDouble` for the test-facing API and `pointed_at` for wiring discord.py to it.
"""

from .double import DiscordDouble
from .interactions import SentInteraction
from .messages import EPHEMERAL
from .pointing import pointed_at
from .reading import button, buttons_disabled_within, embed_of, fields, message_bodies
from .records import Fault, RecordedRequest, StoredFile, UploadedFile
from .responses import (
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    UPDATE_MESSAGE,
    is_answer,
    is_deferred,
    is_ephemeral,
    is_update,
    private_answer,
)
from .running import bot_running
from .shards import shard_of
from .snowflakes import snowflake, snowflake_on_shard, spread_snowflakes
from .specs import (
    AttachmentSpec,
    ChannelSpec,
    GuildSpec,
    MemberSpec,
    RoleSpec,
    make_member,
    spread_guilds,
)

__all__ = [
    "AUTOCOMPLETE_RESULT",
    "CHANNEL_MESSAGE",
    "DEFERRED_CHANNEL_MESSAGE",
    "DEFERRED_UPDATE_MESSAGE",
    "EPHEMERAL",
    "UPDATE_MESSAGE",
    "AttachmentSpec",
    "ChannelSpec",
    "DiscordDouble",
    "Fault",
    "GuildSpec",
    "MemberSpec",
    "RecordedRequest",
    "RoleSpec",
    "SentInteraction",
    "StoredFile",
    "UploadedFile",
    "bot_running",
    "button",
    "buttons_disabled_within",
    "embed_of",
    "fields",
    "is_answer",
    "is_deferred",
    "is_ephemeral",
    "is_update",
    "make_member",
    "message_bodies",
    "pointed_at",
    "private_answer",
    "shard_of",
    "snowflake",
    "snowflake_on_shard",
    "spread_guilds",
    "spread_snowflakes",
]
