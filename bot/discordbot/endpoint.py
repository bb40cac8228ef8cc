"""Where discord.py connects: Discord itself, or the API the config names (a test double, a proxy).

discord.py reads the REST base (`Route.BASE`) and the gateway (`DiscordWebSocket.DEFAULT_GATEWAY`)
from class attributes whenever it uses them, so they belong to the whole process, not to one
client. This is the only code of ours that changes them: from a bot's start until it is closed,
then they are put back. Bots in one process therefore run one after another (the runner starts
one; tests start a bot per double in turn), never two at once against different APIs.
"""

from __future__ import annotations

import logging

import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

log = logging.getLogger(__name__)


class ApiOverride:
    """discord.py sent to the API at `base_url` instead of Discord's, while one client runs."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._saved: tuple[str, yarl.URL] | None = None

    async def start(self, client: discord.Client, token: str, *, reconnect: bool) -> None:
        """`client.start(token)` against this API; as with Discord, the API names the gateway."""
        if self._saved is None:
            self._saved = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
        Route.BASE = self.base_url
        await client.login(token)
        _, gateway, _ = await client.http.get_bot_gateway()
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
        log.info("using the Discord API at %s (gateway %s)", self.base_url, gateway)
        await client.connect(reconnect=reconnect)

    def restore(self) -> None:
        """Put back what was there before the start.

        Called once the client is closed, so that no request still on its way when the
        connection ends is sent anywhere else.
        """
        if self._saved is not None:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = self._saved
            self._saved = None
