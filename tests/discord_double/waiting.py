"""Waiting on the bot through the double's state, instead of sleeping: a mixin of DiscordDouble."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .gateway import Gateway
from .interactions import SentInteraction
from .messages import EPHEMERAL, MessageStore
from .records import Changes


class WaitingOnTheBot:
    """Each wait returns once the double has seen the bot do something, or says what it saw."""

    changes: Changes
    gateway: Gateway
    messages: MessageStore
    shard_count: int
    _command_syncs: int

    async def wait_for_identify(self, timeout: float = 5, count: int = 1) -> None:
        """Until the bot has sent IDENTIFY `count` times (READY is sent straight after)."""
        await self.changes.wait_for(
            lambda: True if self.gateway.identify_count >= count else None,
            timeout=timeout,
            what=f"IDENTIFY #{count}",
            seen=lambda: self.gateway.identify_count,
        )

    async def wait_for_resume(self, timeout: float = 5, count: int = 1) -> None:
        """Until the bot has resumed `count` times in total."""
        await self.changes.wait_for(
            lambda: True if self.gateway.resume_count >= count else None,
            timeout=timeout,
            what=f"RESUME #{count}",
            seen=lambda: self.gateway.resume_count,
        )

    async def wait_for_shards(self, ids: Iterable[int] | None = None, timeout: float = 5) -> None:
        """Until shards `ids` (default: all) are identified (or resumed) and live."""
        wanted = sorted(self.gateway.shards) if ids is None else sorted(ids)
        unknown = set(wanted) - set(self.gateway.shards)
        if unknown:
            raise ValueError(f"no shard(s) {sorted(unknown)} with shard_count={self.shard_count}")
        shards = self.gateway.shards
        await self.changes.wait_for(
            lambda: True if all(shards[i].ready for i in wanted) else None,
            timeout=timeout,
            what=f"shard(s) {wanted} identified and live",
            seen=lambda: [i for i in wanted if shards[i].ready],
        )

    async def wait_for_answers(self, sent: Iterable[SentInteraction], timeout: float = 5) -> None:
        """Until every interaction in `sent` has had a callback (one waiter for them all)."""
        records = [it.record for it in sent]
        await self.changes.wait_for(
            lambda: True if all(r.callbacks for r in records) else None,
            timeout=timeout,
            what=f"callbacks to {len(records)} interaction(s)",
            seen=lambda: sum(1 for r in records if r.callbacks),
        )

    async def wait_for_commands(self, timeout: float = 5) -> None:
        """Until the bot has registered commands (globally or for a guild) at least once."""
        await self.changes.wait_for(
            lambda: True if self._command_syncs else None,
            timeout=timeout,
            what="an application command sync",
        )

    async def channel_messages(
        self,
        channel_id: int,
        min_count: int = 1,
        timeout: float = 5,
        *,
        include_interactions: bool = False,
    ) -> list[dict[str, Any]]:
        """Messages posted with `POST /channels/{id}/messages` (optionally also interaction
        responses that are not ephemeral), once there are at least `min_count`.
        """
        store = self.messages

        def probe() -> list[dict[str, Any]] | None:
            source = store.channel_order if include_interactions else store.channel_posts
            found = [store.by_id[i] for i in source.get(channel_id, []) if i in store.by_id]
            found = [m for m in found if not m.get("flags", 0) & EPHEMERAL]
            return found if len(found) >= min_count else None

        return await self.changes.wait_for(
            probe,
            timeout=timeout,
            what=f"{min_count} message(s) in channel {channel_id}",
            seen=lambda: len(store.channel_order.get(channel_id, [])),
        )
