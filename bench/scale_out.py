"""Interactions per second with 1, 2 and 4 bot processes, and the leader's failover time.

Usage:
    python bench/scale_out.py --config /tmp/c21m/config.yaml [--processes 1 2 4]
        [--lookups 3000] [--in-flight 64] [--failover-rounds 5]

Real parts throughout: a PostgreSQL server of its own (tests/helpers/postgres.py), the Discord
double (tests/discord_double) serving `--shards` shards over real sockets, and `python -m bot
run` processes started as an operator would (tests/helpers/bot_fleet.py), each running an equal
part of the shards. The shard count stays the same whatever the number of processes, so only
the processes vary.

Throughput: `--in-flight` users each send `/lookup artist` (queries drawn from the index's
artists, typos included), wait for the answer that replaces "thinking…", and send the next;
interactions per second = answered / wall time. The run with one process is the baseline of
the ratios. The double and the users run in this process, on the same 2 cores as the bots.
The index file is read through once first, so that every run finds it in the page cache (a
first run from a cold cache was 3.4 times slower than the next).

Failover: 50 channels are subscribed; each round records 50 update posts in the outbox (as a
/reload does), slows the double's answers to channel posts, kills the leader with SIGKILL once
a few posts have gone out, and measures the time from the kill to the next post, which only
the next leader can send. The killed process is started again before the next round.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent.parent / "tests"
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))
# Test helpers, outside the checked packages: typed as Any.
from discord_double import DiscordDouble, make_member, spread_guilds  # type: ignore[import-not-found]  # noqa: E402
from helpers.bot_fleet import Fleet  # type: ignore[import-not-found]  # noqa: E402
from helpers.postgres import PostgresServer  # type: ignore[import-not-found]  # noqa: E402

from bot.cluster import current_leader  # noqa: E402
from bot.cluster.notifications import POSTS_CHANNEL  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.devtools.queries import artist_queries, known_artists  # noqa: E402
from bot.subscriptions import SubscriptionStore  # noqa: E402
from bot.subscriptions.posts import NewPost  # noqa: E402

SERVERS = 400
WARM_UP = 200
STARTUP_SECONDS = 180.0
FAILOVER_CHANNELS = 50
POST_DELAY = 0.2  # seconds the double holds each channel post's answer during failover


def bench_config(source: Path, folder: Path) -> Path:
    """The corpus's config with paths made absolute and the per-user lookup limit raised.

    The users here are few and busy; a real bot's are many and occasional.
    """
    config = load_config(source)
    settings = {
        "data_dir": str(config.data_dir),
        "manifest": str(config.manifest_path),
        "index": {"path": str(config.index_path), "include_demo": config.index.include_demo},
        "discord": {"lookups_per_minute": 600},
        "logging": {"level": "WARNING"},
    }
    path = folder / "config.yaml"
    path.write_text(json.dumps(settings))  # JSON is YAML
    return path


async def main(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="scale-out-"))
    args.config = bench_config(args.config, folder)
    config = load_config(args.config)
    began = time.monotonic()
    size = await asyncio.to_thread(read_whole, config.index_path)
    print(f"index read once into the page cache ({size / 1e9:.1f} GB, "
          f"{time.monotonic() - began:.0f} s), so the first run is not the only cold one",
          flush=True)
    names = known_artists(config.index_path, count=20_000)
    queries = [q.text for q in artist_queries(names, seed=15, count=args.lookups + WARM_UP)]
    server = PostgresServer()
    await asyncio.to_thread(server.start)
    results: dict[int, dict[str, float]] = {}
    try:
        for count in args.processes:
            results[count] = await throughput(args, server, count, queries)
            print(json.dumps({"processes": count, **results[count]}), flush=True)
        base = results[args.processes[0]]["per_second"]
        for count, result in results.items():
            print(f"{count} process(es): {result['per_second']:.0f} interactions/s "
                  f"(×{result['per_second'] / base:.2f}), p50 {result['p50_ms']:.0f} ms, "
                  f"p95 {result['p95_ms']:.0f} ms")
        if args.failover_rounds:
            times = await failover(args, server)
            print(f"failover: {len(times)} rounds, kill → next leader's first post: "
                  f"median {statistics.median(times):.2f} s, max {max(times):.2f} s "
                  f"({', '.join(f'{t:.2f}' for t in times)})")
    finally:
        await asyncio.to_thread(server.stop)


def read_whole(path: Path) -> int:
    """Read a file through once; its size."""
    total = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 24):
            total += len(chunk)
    return total


async def started(args: argparse.Namespace, server: PostgresServer, count: int, logs: Path
                  ) -> tuple[DiscordDouble, Fleet, Any, list[Any]]:
    """A double, a fresh database and `count` processes running `args.shards` shards."""
    people = [make_member(f"user{n}") for n in range(args.in_flight)]
    moderator = make_member("mod", permissions=1 << 5)  # Manage Server
    guilds = spread_guilds(SERVERS, owner_id=moderator.user_id, members=[moderator, *people])
    double = DiscordDouble(guilds, owner_id=moderator.user_id, shard_count=args.shards,
                           max_concurrency=args.shards)
    await double.start()
    url = await server.create_database()
    fleet = Fleet(args.config, api_url=double.api_url, token=double.token, database_url=url,
                  count=count, shards_each=args.shards // count, logs=logs)
    fleet.start()
    await double.wait_for_shards(timeout=STARTUP_SECONDS)
    await double.wait_for_commands(timeout=STARTUP_SECONDS)
    return double, fleet, url, [guilds, people, moderator]


async def throughput(args: argparse.Namespace, server: PostgresServer, count: int,
                     queries: list[str]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as logs:
        double, fleet, _, (guilds, people, _) = await started(args, server, count, Path(logs))
        try:
            latencies: list[float] = []
            rng = random.Random(count)

            async def user(n: int, items: list[str], record: bool) -> None:
                for text in items:
                    guild = rng.choice(guilds)
                    sent = time.monotonic()
                    it = await double.slash("lookup", "artist", {"name": text},
                                            user=people[n], guild_id=guild.id,
                                            channel_id=guild.channels[0].id)
                    await it.followups(timeout=60)
                    if record:
                        latencies.append(time.monotonic() - sent)

            def split(items: list[str]) -> list[list[str]]:
                return [items[n::args.in_flight] for n in range(args.in_flight)]

            await asyncio.gather(*(user(n, part, False)
                                   for n, part in enumerate(split(queries[:WARM_UP]))))
            begun = time.monotonic()
            await asyncio.gather(*(user(n, part, True)
                                   for n, part in enumerate(split(queries[WARM_UP:]))))
            elapsed = time.monotonic() - begun
        finally:
            fleet.stop()
            await double.stop()
    latencies.sort()
    return {"answered": len(latencies), "seconds": round(elapsed, 2),
            "per_second": len(latencies) / elapsed,
            "p50_ms": latencies[len(latencies) // 2] * 1000,
            "p95_ms": latencies[int(len(latencies) * 0.95)] * 1000}


async def failover(args: argparse.Namespace, server: PostgresServer) -> list[float]:
    count = max(args.processes)
    times: list[float] = []
    with tempfile.TemporaryDirectory() as logs:
        double, fleet, url, (guilds, _, moderator) = await started(args, server, count,
                                                                   Path(logs))
        store = await SubscriptionStore.open_url(url)
        try:
            channels = [g.channels[0].id for g in guilds[:FAILOVER_CHANNELS]]
            for guild in guilds[:FAILOVER_CHANNELS]:
                await store.subscribe(guild.id, guild.channels[0].id, moderator.user_id)
            double.fail(r"POST /channels/\d+/messages", None, delay=POST_DELAY, handled=True,
                        times=1_000_000)
            for round_number in range(args.failover_rounds):
                times.append(await one_failover(double, fleet, store, url, guilds, channels,
                                                round_number))
                print(f"round {round_number}: {times[-1]:.2f} s", flush=True)
        finally:
            await store.close()
            fleet.stop()
            await double.stop()
    return times


def stored_posts(double: DiscordDouble, channels: list[int]) -> int:
    return sum(len(double.messages.channel_posts.get(c, [])) for c in channels)


async def one_failover(double: DiscordDouble, fleet: Fleet, store: SubscriptionStore,
                       url: str, guilds: list[Any], channels: list[int], round_number: int
                       ) -> float:
    build = f"bench-round-{round_number}"
    before = stored_posts(double, channels)
    body = json.dumps({"title": f"Bench update {round_number}", "type": "rich"})
    await store.posts.record([
        NewPost(nonce=f"bench{round_number}-{n}", kind="update", channel_id=channel,
                guild_id=guilds[n].id, artist_norm="", build_id=build, body=body)
        for n, channel in enumerate(channels)])
    await store.db.execute(f"NOTIFY {POSTS_CHANNEL}")
    while stored_posts(double, channels) < before + 5:
        await asyncio.sleep(0.01)
    leader = await current_leader(url)
    victim = next(p for p in fleet.processes if leader and leader.split(":")[1] == str(p.pid))
    killed = time.time()  # the double stamps requests with time.time()
    fleet.kill(victim.number)

    def first_post_after() -> float | None:
        return next((r.time for r in double.requests if r.time > killed and r.method == "POST"
                     and r.path.startswith("/channels/")), None)

    while (first := first_post_after()) is None:
        await asyncio.sleep(0.005)
    took = first - killed
    while stored_posts(double, channels) < before + len(channels):
        await asyncio.sleep(0.05)
    fleet.start(victim.number)
    await double.wait_for_shards(victim.shard_ids, timeout=STARTUP_SECONDS)
    return took


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--lookups", type=int, default=3000)
    parser.add_argument("--in-flight", type=int, default=64)
    parser.add_argument("--failover-rounds", type=int, default=5)
    args = parser.parse_args()
    if any(args.shards % count for count in args.processes):
        parser.error("--shards must divide evenly among every --processes count")
    return args


if __name__ == "__main__":
    asyncio.run(main(parse()))
