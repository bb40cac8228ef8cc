"""A local Discord API double that the real discord.py client talks to over real sockets.

See `DiscordDouble` for the test-facing API and `pointed_at` for wiring discord.py to it.
"""

from .double import DiscordDouble
from .interactions import SentInteraction
from .pointing import pointed_at
from .records import Fault, RecordedRequest, StoredFile, UploadedFile
from .running import bot_running
from .snowflakes import snowflake
from .specs import (
    AttachmentSpec,
    ChannelSpec,
    GuildSpec,
    MemberSpec,
    RoleSpec,
    make_member,
)

__all__ = [
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
    "make_member",
    "pointed_at",
    "snowflake",
]
