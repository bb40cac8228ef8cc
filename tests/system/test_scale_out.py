"""Four bot processes, two shards each, one PostgreSQL: one bot to its 1,000 servers.

Everything is real: `python -m bot run` processes started from the environment as an operator
would, a PostgreSQL server of the test's own, and the Discord double serving 8 shards over
real sockets. The double delivers each server's events on its shard's connection only, so a
process answers only what belongs to it; the test checks every interaction got one answer,
that a /reload in one process brings all four to the new build, that an update reaches each
subscribed channel once although the leader is killed (SIGKILL) in the middle of sending it,
and that a PostgreSQL crash and restart in the middle of the run loses nothing.
"""

from __future__ import annotations

import asyncio
import random
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import asyncpg
import pytest
import yaml
from discord_double import ChannelSpec, DiscordDouble, GuildSpec, SentInteraction, embed_of
from discord_double.snowflakes import snowflake, spread_snowflakes
from helpers.bot_fleet import Fleet
from helpers.bot_world import People, seed, songs_csv
from helpers.postgres import PostgresServer
from helpers.workspace import Workspace

from bot.cluster import current_leader
from bot.index.reader import read_fingerprint

pytestmark = pytest.mark.slow

PROCESSES, SHARDS_EACH = 4, 2
SERVERS, SUBSCRIBED, INTERACTIONS = 1000, 200, 1000
IN_FLIGHT = 40  # interactions sent at once
POSTS = r"POST /channels/\d+/messages"
STARTUP_SECONDS = 90.0
ELSEWHERE = 3  # the process "on another machine", with no shared index file


def elsewhere(workspace: Workspace) -> Path:
    """A config as on another machine: the same data, but an index file of its own.

    Its index is a copy of the shared one as it was before the reload, so after the reload
    the file it reads does not hold the new build: it must build its own and compare.
    """
    own = workspace.root / "elsewhere"
    (own / "var").mkdir(parents=True)
    shutil.copy(workspace.index_path, own / "var" / "index.sqlite")
    settings = yaml.safe_load(workspace.config_path.read_text())
    settings["data_dir"] = str(workspace.data)
    path = own / "config.yaml"
    path.write_text(yaml.safe_dump(settings))
    return path


def servers(people: People) -> list[GuildSpec]:
    """1,000 servers spread evenly over the shards, one channel each."""
    return [
        GuildSpec(guild_id, f"server {n}", owner_id=people.owner.user_id,
                  channels=[ChannelSpec(snowflake(), "general")],
                  members=[people.mod, people.alice, people.bob])
        for n, guild_id in enumerate(spread_snowflakes(SERVERS))
    ]


async def eventually(probe: Any, what: str, timeout: float = 60.0, fleet: Fleet | None = None
                     ) -> None:
    """Poll `probe` (sync or async) until it is true."""
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        result = probe()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}\n{fleet.logs() if fleet else ''}")


async def bounded(coroutines: list[Any], limit: int = IN_FLIGHT) -> list[Any]:
    slots = asyncio.Semaphore(limit)

    async def one(coroutine: Any) -> Any:
        async with slots:
            return await coroutine

    return await asyncio.gather(*(one(c) for c in coroutines))


async def subscribe(double: DiscordDouble, people: People, server: GuildSpec) -> SentInteraction:
    it = await double.slash("subscribe", user=people.mod, guild_id=server.id,
                            channel_id=server.channels[0].id)
    await it.response(timeout=60)
    return it


async def look_up(double: DiscordDouble, people: People, server: GuildSpec, n: int
                  ) -> SentInteraction:
    user = people.alice if n % 2 else people.bob
    it = await double.slash("lookup", "artist", {"name": "radiohed"}, user=user,
                            guild_id=server.id, channel_id=server.channels[0].id)
    (answer,) = await it.followups(timeout=60)
    assert embed_of(answer)["title"] == "Artist: Radiohead"
    return it


async def rows(url: str, sql: str) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(url)
    try:
        return list(await conn.fetch(sql))
    finally:
        await conn.close()


async def test_four_processes_serve_one_bot_through_crashes(
    workspace: Workspace, own_postgres: PostgresServer, tmp_path: Path,
) -> None:
    people = People()
    guilds = servers(people)
    async with DiscordDouble(guilds, owner_id=people.owner.user_id,
                             shard_count=PROCESSES * SHARDS_EACH,
                             max_concurrency=PROCESSES * SHARDS_EACH) as double:
        seed(workspace, double.api_url, {"discord": {"lookups_per_minute": 600},
                                         "subscriptions": {"disable_after_failures": 5},
                                         "logging": {"level": "INFO"}})
        workspace.build()
        url = await own_postgres.create_database()
        fleet = Fleet(workspace.config_path, api_url=double.api_url, token=double.token,
                      database_url=url, count=PROCESSES, shards_each=SHARDS_EACH,
                      logs=tmp_path / "logs",
                      own_configs={ELSEWHERE: elsewhere(workspace)})
        fleet.start()
        try:
            await _run(double, fleet, people, guilds, url, own_postgres, workspace)
        finally:
            fleet.stop()


async def _run(double: DiscordDouble, fleet: Fleet, people: People, guilds: list[GuildSpec],
               url: str, postgres: PostgresServer, workspace: Workspace) -> None:
    await double.wait_for_shards(timeout=STARTUP_SECONDS)
    await double.wait_for_commands(timeout=STARTUP_SECONDS)

    # 1,000 interactions over the servers: 200 subscriptions, 800 lookups; PostgreSQL
    # crashes and restarts while they are answered.
    subscribed = random.Random(15).sample(guilds, SUBSCRIBED)
    others = [g for g in guilds if g not in subscribed]
    work = [subscribe(double, people, g) for g in subscribed]
    work += [look_up(double, people, others[n % len(others)], n)
             for n in range(INTERACTIONS - SUBSCRIBED)]
    random.Random(16).shuffle(work)

    async def crash_midway() -> None:
        await eventually(lambda: len(double.interactions) >= INTERACTIONS // 2,
                         "half the interactions sent", fleet=fleet)
        await asyncio.to_thread(postgres.restart, immediate=True)

    sent, _ = await asyncio.gather(bounded(work), crash_midway())
    for it in sent:
        assert it.answered_once, f"interaction answered {it.answers} times"
        assert it.shard_id == double.shard_of(int(it.record.payload["guild_id"]))
    stored = await rows(url, "SELECT channel_id FROM subscriptions WHERE disabled_at IS NULL")
    assert sorted(r["channel_id"] for r in stored) == sorted(g.channels[0].id
                                                             for g in subscribed)

    # A /reload in one process: all four serve the new build, and say so.
    songs = workspace.data / "alpha" / "songs.csv"
    songs.write_text(songs.read_text() + songs_csv([("First Light", "Newcomer Band")], "n")
                     .split("\n", 1)[1])
    double.fail(POSTS, None, delay=0.3, handled=True, times=100_000)  # a slow announcement
    # Typed in a server of the process "elsewhere": it builds its own file and publishes; of
    # the three sharing the other file, one builds it and two wait for it and reopen it.
    where = next(g for g in others
                 if fleet.owner_of(double.shard_of(g.id)).number == ELSEWHERE)
    reload = await double.slash("reload", user=people.mod, guild_id=where.id,
                                channel_id=where.channels[0].id)
    (answer,) = await reload.followups(timeout=120)
    fingerprint = read_fingerprint(workspace.index_path)
    assert fingerprint
    text = str(embed_of(answer))
    assert f"{PROCESSES} of {PROCESSES} processes" in text, text
    serving = await rows(url, "SELECT fingerprint FROM processes")
    assert [r["fingerprint"] for r in serving] == [fingerprint] * PROCESSES
    elsewhere_index = workspace.root / "elsewhere" / "var" / "index.sqlite"
    assert read_fingerprint(elsewhere_index) == fingerprint  # two builds, one content
    sharing = [p.log() for p in fleet.processes if p.number != ELSEWHERE]
    assert sum("building its inputs here" in log for log in sharing) == 1, fleet.logs()
    assert sum("reopened the shared index" in log for log in sharing) == 2, fleet.logs()

    # The owner asks any process for the status of all of them.
    status = await double.slash("status", user=people.owner, guild_id=where.id,
                                channel_id=where.channels[0].id)
    shown = str(embed_of((await status.response(timeout=30))["data"]))
    assert f"Processes ({PROCESSES} live, store: postgresql)" in shown, shown

    # The leader dies in the middle of the announcement; the next one finishes it.
    channels = {g.channels[0].id for g in subscribed}

    def posted() -> Counter[int]:
        """Messages stored per subscribed channel (the double answers a repeated nonce with
        the stored message, as Discord does)."""
        return Counter({channel: len(double.messages.channel_posts.get(channel, []))
                        for channel in channels if double.messages.channel_posts.get(channel)})

    await eventually(lambda: len(posted()) >= SUBSCRIBED // 5, "the announcement to start",
                     fleet=fleet)
    leader = await current_leader(url)
    assert leader is not None
    victim = next(p for p in fleet.processes if leader.split(":")[1] == str(p.pid))
    fleet.kill(victim.number)
    await eventually(lambda: len(posted()) == SUBSCRIBED, "every channel's post", timeout=120,
                     fleet=fleet)
    await eventually(lambda: _all_sent(url), "every post recorded as sent", fleet=fleet)
    assert set(posted().values()) == {1}, "a channel got two posts"
    attempts = Counter(r.path for r in double.requests
                       if r.method == "POST" and r.path.startswith("/channels/"))
    assert max(attempts.values()) <= 2  # only what was in flight at the kill is sent again

    # A channel deleted in a server of a live process: its subscription goes at once.
    gone = next(g for g in subscribed if fleet.owner_of(double.shard_of(g.id)).running)
    await double.dispatch("CHANNEL_DELETE", {"id": str(gone.channels[0].id),
                                             "guild_id": str(gone.id), "type": 0})

    async def forgotten() -> bool:
        left = await rows(url, f"SELECT 1 FROM subscriptions WHERE channel_id = "
                               f"{gone.channels[0].id}")
        return not left

    await eventually(forgotten, "the deleted channel's subscription to go", fleet=fleet)


async def _all_sent(url: str) -> bool:
    states = await rows(url, "SELECT state, count(*) AS n FROM posts GROUP BY state")
    return {r["state"]: r["n"] for r in states} == {"sent": SUBSCRIBED}
