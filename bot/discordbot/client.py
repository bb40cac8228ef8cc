"""The bot: shared resources opened in `setup_hook`, one extension per feature."""

from __future__ import annotations

import asyncio
import gc
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.build_sync import BuildSync
from bot.cluster import Cluster, open_cluster
from bot.cluster.identify import IDENTIFY_SPACING_SECONDS, LocalIdentifyGate
from bot.config import Config
from bot.datasets.guidance import GuidanceFile, guidance_path
from bot.discordbot import telemetry
from bot.discordbot.endpoint import ApiOverride
from bot.discordbot.errors import TrainedOnTree
from bot.discordbot.i18n import CatalogueTranslator, StoreUnavailable
from bot.discordbot.inflight import InFlight
from bot.discordbot.installs import SERVER_CONTEXTS, SERVER_INSTALL
from bot.discordbot.notify import UpdateNotifier
from bot.discordbot.outbox import OutboxSender
from bot.discordbot.watch_alerts import WatchNotifier
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
    "bot.discordbot.extensions.status",
    "bot.discordbot.extensions.privacy",
)


def intents() -> discord.Intents:
    """Guild events only: no privileged intent is needed, interactions carry the member."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    return wanted


class TrainedOnBot(commands.AutoShardedBot):
    """Holds the index service, the subscription store and the notifier.

    Sharded always: with no shard settings it runs every shard Discord recommends (one, for
    most bots) in this process; with `discord.shard_count` and `shard_ids` it runs its part of
    a larger bot (docs/SCALING.md).
    """

    def __init__(self, config: Config, *, guild_ready_timeout: float = 2.0,
                 identify_spacing: float = IDENTIFY_SPACING_SECONDS,
                 freeze_startup_objects: bool = False) -> None:
        shard_count, shard_ids = config.shards()
        shards: dict[str, Any] = {"shard_count": shard_count}
        if shard_ids is not None:  # None: every shard of the count (discord.py's default)
            shards["shard_ids"] = shard_ids
        super().__init__(
            command_prefix=commands.when_mentioned,
            **shards,
            intents=intents(),
            tree_cls=TrainedOnTree,
            allowed_installs=SERVER_INSTALL,
            allowed_contexts=SERVER_CONTEXTS,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            guild_ready_timeout=guild_ready_timeout,
        )
        self.config = config
        # The interactions being answered: a stopping bot finishes them first (runner.py).
        self.in_flight = InFlight()
        self.index = IndexService(config)
        # "What can I do?" under found answers: read again whenever the file changes.
        self.guidance = GuidanceFile(guidance_path(config.manifest_path))
        self.store: SubscriptionStore | None = None
        self.cluster: Cluster | None = None
        self.build_sync: BuildSync | None = None
        self.sender: OutboxSender | None = None
        self.notifier: UpdateNotifier | None = None
        self.watch_notifier: WatchNotifier | None = None
        self._pump: asyncio.Task[None] | None = None
        self.identify_spacing = identify_spacing
        # In a long-running bot: keeps the start-up objects out of every garbage collection,
        # which otherwise stalls the event loop for tens of milliseconds (measured under load).
        self.freeze_startup_objects = freeze_startup_objects
        self.max_concurrency = 1  # from GET /gateway/bot at start
        self._identify_alone = LocalIdentifyGate(identify_spacing)  # before the cluster is up
        base_url = config.discord_api_base_url()
        self.api_override = ApiOverride(base_url) if base_url else None

    async def start(self, token: str, *, reconnect: bool = True) -> None:
        """Log in and connect: to Discord, or to the configured API (process-wide, see endpoint)."""
        if self.api_override is None:
            await super().start(token, reconnect=reconnect)
        else:
            await self.api_override.start(self, token, reconnect=reconnect)

    async def setup_hook(self) -> None:
        await self._read_session_limits()
        await self.index.start()
        self.store = await SubscriptionStore.connect(self.config)
        _, shard_ids = self.config.shards()
        self.cluster = await open_cluster(self.store, shard_ids=shard_ids,
                                          shard_count=self.shard_count,
                                          identify_spacing=self.identify_spacing)
        self.build_sync = BuildSync(self.index, self.cluster)
        await self.build_sync.start()
        settings = self.config.settings.subscriptions
        cluster = self.cluster
        self.sender = OutboxSender(self, self.store, settings, lambda: cluster.leader.is_leader,
                                   tell_leader=cluster.builds.wake_sender)
        cluster.builds.on_posts(self.sender.wake)
        sender = self.sender
        # A new leader sends what its predecessor left pending at once, not at the next poll.
        cluster.leader.on_change(lambda leading: sender.wake() if leading else None)
        self.notifier = UpdateNotifier(self.store, settings, self.sender)
        self.watch_notifier = WatchNotifier(self.store, settings, self.sender)
        self._pump = asyncio.create_task(self.sender.pump(), name="outbox-pump")
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        # Command names and descriptions in every shipped language, sent with the sync.
        await self.tree.set_translator(CatalogueTranslator())
        await self.sync_commands()
        if self.freeze_startup_objects:
            gc.collect()
            gc.freeze()

    async def _read_session_limits(self) -> None:
        """How many shards may IDENTIFY at once (Discord's session_start_limit)."""
        try:
            _, _, limits = await self.http.get_bot_gateway()
        except discord.HTTPException as exc:
            log.warning("could not read the gateway's session limits (%s); identifying one "
                        "shard at a time", exc.status)
            return
        self.max_concurrency = max(1, int(limits.get("max_concurrency", 1)))

    def require_store(self) -> SubscriptionStore:
        """The subscriptions store, or a sentence for the user if it is not open."""
        if self.store is None:
            raise StoreUnavailable("error-store-closed")
        return self.store

    def require_cluster(self) -> Cluster:
        """The processes' coordination, or a sentence for the user if it is not up."""
        if self.cluster is None:
            raise StoreUnavailable("error-cluster-down")
        return self.cluster

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
        """Wait for this shard's turn to IDENTIFY: `identify_spacing` apart in its bucket.

        The turns are the bot's, across every process (bot/cluster/identify.py: an advisory
        lock per bucket with PostgreSQL). discord.py itself sleeps a flat 5 s before every
        IDENTIFY but the first: shards of other buckets may identify together, and a bot whose
        session was lost long after it connected would be deaf for those seconds for nothing.
        """
        bucket = (shard_id or 0) % self.max_concurrency
        gate = self.cluster.identify if self.cluster is not None else self._identify_alone
        await gate.turn(bucket)

    async def on_ready(self) -> None:
        user = self.user
        log.info("connected as %s (%s) to %d servers", user, user.id if user else "?",
                 len(self.guilds))

    async def on_app_command_completion(
        self, interaction: discord.Interaction, command: app_commands.Command[Any, ..., Any]
        | app_commands.ContextMenu,
    ) -> None:
        """A command answered without error: its one log record (errors: TrainedOnTree)."""
        telemetry.finished(interaction, telemetry.ANSWERED)

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
            if self._pump is not None:
                self._pump.cancel()
                await asyncio.gather(self._pump, return_exceptions=True)
            if self.build_sync is not None:
                await self.build_sync.close()
            if self.cluster is not None:
                await self.cluster.close()  # gives up the lead at once, for the next process
            await self.index.close()
            if self.store is not None:
                await self.store.close()
