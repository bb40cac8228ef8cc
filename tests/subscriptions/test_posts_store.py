"""The outbox of posts on both backends: what is queued, in what order, and how it ends."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

import pytest

from bot.subscriptions import NewPost, QueuedPost, SubscriptionStore

GUILD, USER = 10, 99
BUILD_1, BUILD_2 = "2026-11-25T10:00:00+00:00", "2026-11-26T10:00:00+00:00"
BODY = json.dumps({"title": "Index updated", "description": "2 datasets"})


def update(channel: int, build: str = BUILD_1) -> NewPost:
    return NewPost(nonce=f"u{channel}-{build[:10]}", kind="update", channel_id=channel,
                   guild_id=GUILD, artist_norm="", build_id=build, body=BODY)


def alert(channel: int, artist: str, build: str = BUILD_1) -> NewPost:
    return NewPost(nonce=f"a{channel}-{artist}-{build[:10]}", kind="alert", channel_id=channel,
                   guild_id=GUILD, artist_norm=artist, build_id=build, body=BODY)


async def test_recorded_posts_wait_in_order_with_every_column(store: SubscriptionStore) -> None:
    for channel in (3, 1, 2):
        await store.subscribe(GUILD, channel, USER)
    await store.watches.watch(GUILD, 1, "Radiohead", "radiohead", USER)

    assert await store.posts.record([update(3), update(1), update(2), alert(1, "radiohead")]) == 4

    pending = await store.posts.pending()
    assert [p.nonce for p in pending] == [
        "a1-radiohead-2026-11-25", "u1-2026-11-25", "u2-2026-11-25", "u3-2026-11-25"]
    first = pending[1]
    assert isinstance(first, QueuedPost)
    assert (first.kind, first.channel_id, first.guild_id, first.artist_norm) == (
        "update", 1, GUILD, "")
    assert (first.build_id, json.loads(first.body), first.state) == (
        BUILD_1, json.loads(BODY), "pending")
    assert (first.attempts, first.last_error, first.sent_at, first.message_id) == (
        0, None, None, None)
    assert first.created_at.tzinfo is not None
    assert first.key == 1 and pending[0].key == (1, "radiohead")
    assert [p.nonce for p in await store.posts.pending(limit=2)] == [p.nonce for p in pending[:2]]
    assert await store.posts.for_build(BUILD_2) == []
    assert len(await store.posts.for_build(BUILD_1)) == 4


async def test_only_targets_that_want_the_build_are_queued(store: SubscriptionStore) -> None:
    await store.subscribe(GUILD, 1, USER)
    await store.subscribe(GUILD, 2, USER)
    await store.subscribe(GUILD, 3, USER)
    await store.record_delivery(2, BUILD_1)  # has it already
    await store.record_failure(3, "Missing Access", disable_after=1)  # disabled
    await store.watches.watch(GUILD, 1, "TLC", "tlc", USER)

    posts = [update(1), update(2), update(3), update(404), alert(1, "tlc"), alert(1, "nobody")]
    assert await store.posts.record(posts) == 2
    assert [p.nonce for p in await store.posts.pending()] == ["a1-tlc-2026-11-25", "u1-2026-11-25"]


async def test_recording_again_adds_nothing_new(store: SubscriptionStore) -> None:
    await store.subscribe(GUILD, 1, USER)
    assert await store.posts.record([update(1)]) == 1
    assert await store.posts.record([update(1)]) == 0
    assert await store.posts.record([update(1), update(1)]) == 0
    [post] = await store.posts.pending()
    assert post.attempts == 0


async def test_sent_marks_the_post_and_the_ledger_together(store: SubscriptionStore) -> None:
    await store.subscribe(GUILD, 1, USER)
    await store.watches.watch(GUILD, 1, "TLC", "tlc", USER)
    await store.record_failure(1, "timed out", disable_after=3)
    await store.posts.record([update(1), alert(1, "tlc")])

    await store.posts.mark_sent("u1-2026-11-25", 1_234_567_890_123_456_789)
    await store.posts.mark_sent("a1-tlc-2026-11-25", None)
    await store.posts.mark_sent("a1-tlc-2026-11-25", 5)  # a repeat changes nothing

    [sub] = await store.active()
    assert sub.last_notified_build == BUILD_1 and sub.failures == 0 and sub.last_error is None
    [watch] = await store.watches.for_channel(1)
    assert watch.last_alerted_build == BUILD_1
    assert await store.posts.pending() == []
    sent = {p.nonce: p for p in await store.posts.for_build(BUILD_1)}
    assert sent["u1-2026-11-25"].message_id == 1_234_567_890_123_456_789
    assert sent["a1-tlc-2026-11-25"].message_id is None
    assert all(p.state == "sent" and p.attempts == 1 and p.sent_at is not None
               for p in sent.values())
    assert not await store.needs(1, BUILD_1)
    assert await store.posts.record([update(1)]) == 0  # sent stays sent


async def test_failures_count_against_the_target_and_disable_it(store: SubscriptionStore) -> None:
    await store.subscribe(GUILD, 1, USER)
    await store.posts.record([update(1)])

    entry = await store.posts.mark_failed("u1-2026-11-25", "Missing Access", disable_after=2)
    assert entry is not None and entry.failures == 1 and not entry.disabled
    [post] = await store.posts.for_build(BUILD_1)
    assert (post.state, post.attempts, post.last_error) == ("failed", 1, "Missing Access")
    assert await store.posts.pending() == []
    assert await store.posts.mark_failed("u1-2026-11-25", "again", disable_after=2) is None

    assert await store.posts.record([update(1)]) == 1  # a failed post is queued again
    [again] = await store.posts.pending()
    assert again.attempts == 1 and again.nonce == post.nonce
    entry = await store.posts.mark_failed("u1-2026-11-25", "x" * 2000, disable_after=2)
    assert entry is not None and entry.disabled and len(entry.last_error or "") == 500
    assert await store.posts.record([update(1)]) == 0  # disabled now: not wanted
    with pytest.raises(ValueError):
        await store.posts.mark_failed("u1-2026-11-25", "gone", disable_after=0)


async def test_an_alert_failure_counts_against_its_watch(store: SubscriptionStore) -> None:
    await store.watches.watch(GUILD, 1, "TLC", "tlc", USER)
    await store.posts.record([alert(1, "tlc")])
    entry = await store.posts.mark_failed("a1-tlc-2026-11-25", "Unknown Channel", disable_after=1)
    assert entry is not None and entry.disabled
    [watch] = await store.watches.for_channel(1)
    assert watch.disabled and watch.last_error == "Unknown Channel"


async def test_skipped_and_still_wanted(store: SubscriptionStore) -> None:
    await store.subscribe(GUILD, 1, USER)
    await store.subscribe(GUILD, 2, USER)
    await store.posts.record([update(1), update(2)])
    first, second = await store.posts.pending()
    assert await store.posts.still_wanted(first)

    await store.unsubscribe(1)
    assert not await store.posts.still_wanted(first)
    await store.posts.mark_skipped(first.nonce, "unsubscribed")
    await store.record_delivery(2, BUILD_1)  # sent by an earlier process, say
    assert not await store.posts.still_wanted(second)

    skipped = await store.posts.get(first.nonce)
    assert skipped is not None and skipped.state == "skipped"
    assert skipped.last_error == "unsubscribed" and skipped.attempts == 0
    assert await store.posts.get("no-such-nonce") is None
    await store.subscribe(GUILD, 1, USER)
    assert await store.posts.record([update(1)]) == 0  # skipped stays skipped
    await store.posts.mark_sent(first.nonce, 7)  # a late answer still records the delivery
    assert not await store.needs(1, BUILD_1)


async def test_a_failing_ledger_update_leaves_the_post_pending(
    store: SubscriptionStore, failing_trigger: Callable[[str, str], Awaitable[None]],
) -> None:
    await store.subscribe(GUILD, 1, USER)
    await store.posts.record([update(1)])
    await failing_trigger("UPDATE", "subscriptions")
    with pytest.raises(Exception, match="disk I/O error"):
        await store.posts.mark_sent("u1-2026-11-25", 7)
    with pytest.raises(Exception, match="disk I/O error"):
        await store.posts.mark_failed("u1-2026-11-25", "Forbidden", disable_after=1)
    [post] = await store.posts.pending()
    assert post.attempts == 0 and post.message_id is None


async def test_a_post_of_an_unknown_kind_is_refused(store: SubscriptionStore) -> None:
    bad = NewPost(nonce="x", kind="dm", channel_id=1, guild_id=GUILD,  # type: ignore[arg-type]
                  artist_norm="", build_id=BUILD_1, body=BODY)
    with pytest.raises(ValueError):
        await store.posts.record([bad])


async def test_posts_that_ended_are_forgotten_after_thirty_days_and_pending_ones_never(
    store: SubscriptionStore,
) -> None:
    for channel in (1, 2, 3):
        await store.subscribe(GUILD, channel, USER)
    await store.posts.record([update(1), update(2), update(3)])
    await store.posts.mark_sent("u1-2026-11-25", 555)
    await store.posts.mark_skipped("u2-2026-11-25", "no longer wanted")
    assert await store.posts.purge() == 0  # all recent
    # Two of them recorded long ago: the sent one and the one still pending.
    await store.db.execute("UPDATE posts SET created_at = '2026-01-01T00:00:00+00:00'"
                           " WHERE nonce IN ('u1-2026-11-25', 'u3-2026-11-25')")
    assert await store.posts.purge() == 1
    left = {p.nonce: p.state for p in await store.posts.for_build(BUILD_1)}
    assert left == {"u2-2026-11-25": "skipped", "u3-2026-11-25": "pending"}
    assert await store.posts.record([update(1)]) == 0  # the ledger still knows it was sent
