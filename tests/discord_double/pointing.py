"""Pointing the unpatched discord.py client at a double, and back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

if TYPE_CHECKING:
    from .double import DiscordDouble


@contextmanager
def pointed_at(double: DiscordDouble) -> Iterator[None]:
    """Send discord.py's REST calls and gateway connection to `double` while inside.

    Both are class attributes read at use time, so set them before the client starts and
    restore them after it has closed.
    """
    old_base, old_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = double.api_url
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(double.gateway_url)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway
