"""The bot: shared resources opened in `setup_hook`, one extension per feature."""

from __future__ import annotations

import asyncio
import gc
import logging
import time

import discord
from discord.ext import commands

from bot.config import Config
from bot.datasets.guidance import GuidanceFile, guidance_path
from bot.discordbot.endpoint import ApiOverride
from bot.discordbot.errors import TrainedOnTree
from bot.discordbot.notify import UpdateNotifier
from bot.discordbot.watch_alerts import WatchNotifier
from bot.errors import StoreError
from bot.service import IndexService
from bot.subscriptions import SubscriptionStore

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.discordbot.extensions.lookup",
    "bot.discordbot.extensions.datasets",
    "bot.discordbot.extensions.subscriptions",
    "bot.discordbot.extensions.watches",
    "bot.discordbot.extensions.reload",
    "bot.discordbot.extensions.updates",
    "bot.discordbot.extensions.about",
    "bot.discordbot.extensions.catalog",
)

# Discord allows an unsharded bot one IDENTIFY per 5 seconds (max_concurrency 1).
IDENTIFY_SPACING_SECONDS = 5.0


def intents() -> discord.Intents:
    """Guild events only: no privileged intent is needed, interactions carry the member."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    return wanted


class TrainedOnBot(commands.Bot):
    """Holds the index service, the subscription store and the notifier."""

    def __init__(self, config: Config, *, guild_ready_timeout: float = 2.0,
                 identify_spacing: float = IDENTIFY_SPACING_SECONDS,
                 freeze_startup_objects: bool = False) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents(),
            tree_cls=TrainedOnTree,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            guild_ready_timeout=guild_ready_timeout,
        )
        self.config = config
        self.index = IndexService(config)
        # "What can I do?" under found answers: read again whenever the file changes.
        self.guidance = GuidanceFile(guidance_path(config.manifest_path))
        self.store: SubscriptionStore | None = None
        self.notifier: UpdateNotifier | None = None
        self.watch_notifier: WatchNotifier | None = None
        self.identify_spacing = identify_spacing
        # In a long-running bot: keeps the start-up objects out of every garbage collection,
        # which otherwise stalls the event loop for tens of milliseconds (measured under load).
        self.freeze_startup_objects = freeze_startup_objects
        self._last_identify: float | None = None
        base_url = config.discord_api_base_url()
        self.api_override = ApiOverride(base_url) if base_url else None

    async def start(self, token: str, *, reconnect: bool = True) -> None:
        """Log in and connect: to Discord, or to the configured API (process-wide, see endpoint)."""
        if self.api_override is None:
            await super().start(token, reconnect=reconnect)
        else:
            await self.api_override.start(self, token, reconnect=reconnect)

    async def setup_hook(self) -> None:
        await self.index.start()
        self.store = await SubscriptionStore.open(self.config.subscriptions_path)
        self.notifier = UpdateNotifier(self, self.store, self.config.settings.subscriptions)
        self.watch_notifier = WatchNotifier(self, self.store, self.config.settings.subscriptions)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self.sync_commands()
        if self.freeze_startup_objects:
            gc.collect()
            gc.freeze()

    def require_store(self) -> SubscriptionStore:
        """The subscriptions store, or a sentence for the user if it is not open."""
        if self.store is None:
            raise StoreError("subscriptions and watches are not available right now")
        return self.store

    async def sync_commands(self) -> None:
        guild_ids = self.config.discord.test_guild_ids
        if guild_ids:
            for guild_id in guild_ids:
                guild = discord.Object(id=guild_id)
                self.tree.copy_global_to(guild=guild)
                synced = await self.tree.sync(guild=guild)
                log.info("synced %d commands to test guild %s", len(synced), guild_id)
        else:
            synced = await self.tree.sync()
            log.info("synced %d commands globally", len(synced))

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Keep IDENTIFYs `identify_spacing` apart, waiting only for what is left of it.

        discord.py sleeps a flat 5 s before every re-IDENTIFY; a bot whose session was lost
        long after it connected would be deaf for those seconds for nothing.
        """
        if self._last_identify is not None:
            wait = self._last_identify + self.identify_spacing - time.monotonic()
            if wait > 0:
                log.info("waiting %.1f s before identifying again", wait)
                await asyncio.sleep(wait)
        self._last_identify = time.monotonic()

    async def on_ready(self) -> None:
        user = self.user
        log.info("connected as %s (%s) to %d servers", user, user.id if user else "?",
                 len(self.guilds))

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        if self.store is not None:
            removed = await self.store.remove_guild(guild.id)
            log.info("left server %s: %d subscriptions (and its watches) removed", guild.id,
                     removed)

    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        """A deleted channel can never be posted to again: forget what it subscribed to."""
        await self._forget_channel("channel", channel.id, channel.guild.id)

    async def on_raw_thread_delete(self, payload: discord.RawThreadDeleteEvent) -> None:
        """Threads can subscribe too (a command's default target is where it is run)."""
        await self._forget_channel("thread", payload.thread_id, payload.guild_id)

    async def _forget_channel(self, kind: str, channel_id: int, guild_id: int) -> None:
        if self.store is None:
            return
        subscribed, watches = await self.store.remove_channel(channel_id)
        if subscribed or watches:
            log.info("%s %s of server %s was deleted: subscription %s, %d watches removed",
                     kind, channel_id, guild_id, "removed" if subscribed else "none", watches)

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            if self.api_override is not None:
                self.api_override.restore()
            await self.index.close()
            if self.store is not None:
                await self.store.close()
