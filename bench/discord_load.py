"""Slash commands under load through the local Discord API double, with a full /reload among them.

Usage:
    python bench/discord_load.py --config /tmp/c1m/config.yaml [--interactions 1000]
        [--seconds 60] [--seed 1] [--reload-at 0.05]

Sends `--interactions` slash-command interactions over `--seconds` (Poisson arrivals: sorted
uniform times from the seed) to the real TrainedOnBot: /lookup artist, /lookup song and
autocompletes of their options, with queries drawn from the config's index and mistyped as
people do (bot/devtools/queries.py). A moderator's /reload is sent at `--reload-at` of the
window: 5 % (t=3 s) by default, so that a 1M-track rebuild (45-60 s on 2 shared cores)
finishes, and its new index is swapped in, while the load is still running — the swap is
where a stall would show. Prints one Markdown table and the figures around it.

How it is measured:
- The double (tests/discord_double) and the simulated users run in a spawned child process
  (bench/discord_load_double.py); the bot runs alone on this process's loop. In a thread, the
  double's JSON and HTTP work would hold the GIL and show up as bot loop stall; on one loop it
  would be counted outright. Like Discord, the double is elsewhere; on a small machine it still
  competes for the cores, so the CPU each part used is reported.
- Times are taken on the double: sent = INTERACTION_CREATE written to the gateway socket,
  ack = the bot's first callback read, answer = the follow-up that replaces "thinking…"
  (autocomplete and immediate replies: the callback). A busy double can only lengthen them;
  its own loop lag and send slip are reported.
- Failed = not answered within 10 s, an error reply (a lookup answer without an embed, an
  autocomplete without choices, an error status), or an answer later than Discord's 3 s.
- The per-user cooldown is left as configured: lookups are spread round-robin over enough
  synthetic members that none is refused (the count is printed).
- Bot loop stall (bench/loop_watch.py): a task sleeping 10 ms records how late it wakes.
  Each stall over 50 ms is explained: whether the loop thread ran, waited for a core or was
  blocked (GIL, lock, join), the garbage collections within it, and the loop thread's stack
  as a sampler thread saw it.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import math
import multiprocessing
import os
import platform
import random
import resource
import sqlite3
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from discord_load_double import Outcome, Planned, receive, run_double
from loop_watch import LoopWatch, cpu_seconds_busy

from bot.config import API_BASE_ENV, Config, Settings, load_config
from bot.devtools.queries import artist_queries, known_artists, misspell
from bot.discordbot.client import TrainedOnBot
from bot.text.normalize import normalize_name

WINDOW = 3.0  # Discord's answer window, seconds
MAX_TEXT = 200  # the commands' Range[str, 1, 200]
MIX = {"artist": 0.35, "song": 0.25, "autocomplete": 0.40}
TYPED_OPTIONS = (("artist", "name"), ("song", "title"), ("song", "artist"))


# -- the schedule --------------------------------------------------------------------------------


def sample_names(index_path: Path, rng: random.Random) -> tuple[list[str], list[tuple[str, str]]]:
    """Artist names by popularity, and a seeded sample of (title, artist) songs."""
    conn = sqlite3.connect(f"file:{index_path}?mode=ro", uri=True)
    try:
        artists = known_artists(index_path)
        pairs = conn.execute("SELECT title_id, artist_id FROM songs").fetchall()
        songs = []
        for title_id, artist_id in rng.sample(pairs, min(2000, len(pairs))):
            title = conn.execute("SELECT name FROM titles WHERE id = ?", (title_id,)).fetchone()
            artist = conn.execute("SELECT name FROM artists WHERE id = ?", (artist_id,)).fetchone()
            songs.append((str(title[0]), str(artist[0])))
    finally:
        conn.close()
    return artists, songs


def typed(name: str, rng: random.Random, typo_share: float) -> str:
    """The name, with one typo in `typo_share` of the names long enough to take one."""
    key = normalize_name(name)
    if len(key) >= 6 and key.isascii() and rng.random() < typo_share:
        name = misspell(name, rng, 1)
    return name[:MAX_TEXT].strip() or name[:MAX_TEXT]


def typing(name: str, rng: random.Random) -> str:
    """What has been typed of a name so far: at least three characters."""
    cut = rng.randint(min(3, len(name)), len(name))
    return name[:cut][:MAX_TEXT].strip() or name[:MAX_TEXT]


@dataclass
class Plan:
    items: list[Planned]
    members: int
    most_per_minute: int  # the most lookups one member sends in any 60 s


def make_plan(index_path: Path, count: int, seconds: float, seed: int, reload_at: float,
              per_minute: int) -> Plan:
    rng = random.Random(seed)
    artists, songs = sample_names(index_path, rng)
    artist_lookups = [q.text[:MAX_TEXT] for q in artist_queries(artists, seed=seed, count=count)]
    times = sorted(rng.uniform(0, seconds) for _ in range(count))
    kinds = rng.choices(list(MIX), weights=list(MIX.values()), k=count)
    lookups = sum(kind != "autocomplete" for kind in kinds)
    members = max(1, math.ceil(2 * lookups * 60 / (max(seconds, 60) * per_minute)))
    items = [Planned(seconds * reload_at, "reload", None, {})]
    sent_by: dict[int, list[float]] = {}
    lookup_number = 0
    for i, (at, kind) in enumerate(zip(times, kinds, strict=True)):
        title, artist = rng.choice(songs)
        focused: str | None = None
        if kind == "artist":
            subcommand, options = "artist", {"name": artist_lookups[i % len(artist_lookups)]}
        elif kind == "song":
            subcommand, options = "song", {"title": typed(title, rng, 0.6)}
            if rng.random() < 0.5:
                options["artist"] = typed(artist, rng, 0.3)
        else:
            subcommand, focused = rng.choice(TYPED_OPTIONS)
            source = {"name": rng.choice(artists), "title": title, "artist": artist}[focused]
            options = {focused: typing(source, rng)}
        if kind == "autocomplete":
            member = rng.randrange(members)  # autocompletes run no checks, so no cooldown
        else:
            member, lookup_number = lookup_number % members, lookup_number + 1
            sent_by.setdefault(member, []).append(at)
        items.append(Planned(at, kind, subcommand, options, focused, member))
    items.sort(key=lambda item: item.at)
    most = max((sum(1 for u in ts if t <= u < t + 60) for ts in sent_by.values() for t in ts),
               default=0)
    return Plan(items, members, most)


# -- the bot -------------------------------------------------------------------------------------


def bench_config(path: Path, api_url: str, scratch: Path) -> Config:
    """The given config pointed at the double, with its subscriptions in a scratch folder."""
    raw: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    sections = {name: dict(raw.get(name) or {}) for name in ("discord", "subscriptions",
                                                              "updates")}
    sections["discord"].update(api_base_url=api_url, test_guild_ids=[])
    sections["subscriptions"]["path"] = str(scratch / "subscriptions.sqlite")
    sections["updates"]["check_interval_minutes"] = 0
    settings = Settings.model_validate({**raw, **sections})
    return Config(settings, path.resolve().parent, str(path))


async def until_ready(bot: TrainedOnBot, started: asyncio.Task[None]) -> None:
    waiter = asyncio.create_task(bot.wait_until_ready())
    done, _ = await asyncio.wait({started, waiter}, timeout=120,
                                 return_when=asyncio.FIRST_COMPLETED)
    if started in done:
        started.result()
        raise RuntimeError("the bot stopped before it was ready")
    if waiter not in done:
        waiter.cancel()
        raise TimeoutError("the bot was not ready within 120 s")


class LogCounter(logging.Handler):
    """Counts the bot's warnings and errors during the run."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        self.messages[f"{record.levelname} {record.name}: {record.getMessage()[:160]}"] += 1


# -- the machine ---------------------------------------------------------------------------------


def rusage_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def machine_line() -> str:
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal:"))
    return (f"Machine: {os.cpu_count()} cores, {mem_kb / 2**20:.1f} GiB, "
            f"Python {platform.python_version()}, {platform.platform()}")


@dataclass
class Usage:
    wall: float = 0.0
    machine: float = 0.0
    bot: float = 0.0
    load_before: float = 0.0
    load_after: float = 0.0
    marks: dict[str, float] = field(default_factory=dict)

    def start(self) -> None:
        self.marks = {"wall": time.time(), "machine": cpu_seconds_busy(),
                      "bot": rusage_seconds(resource.RUSAGE_SELF)}
        self.load_before = os.getloadavg()[0]

    def end(self) -> None:
        self.wall = time.time() - self.marks["wall"]
        self.machine = cpu_seconds_busy() - self.marks["machine"]
        self.bot = rusage_seconds(resource.RUSAGE_SELF) - self.marks["bot"]
        self.load_after = os.getloadavg()[0]


# -- the run -------------------------------------------------------------------------------------


@dataclass
class Run:
    plan: Plan
    outcomes: list[Outcome]
    start: float  # epoch of t=0
    double: dict[str, Any]
    watch: LoopWatch
    usage: Usage
    log: LogCounter
    lookups_per_minute: int
    reload_wait: float
    double_cpu: float = 0.0
    rebuild_cpu: float = 0.0


async def run(args: argparse.Namespace) -> Run:
    base = load_config(args.config)
    per_minute = base.discord.lookups_per_minute
    plan = make_plan(base.index_path, args.interactions, args.seconds, args.seed, args.reload_at,
                     per_minute)
    os.environ.pop(API_BASE_ENV, None)  # the double's address comes from the config below
    log = LogCounter()
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    children_before = rusage_seconds(resource.RUSAGE_CHILDREN)
    child = context.Process(target=run_double, name="discord-double", daemon=True,
                            args=(theirs, plan.items, plan.members, args.reload_wait))
    child.start()
    _, api_url, token = await receive(ours, 120)
    usage = Usage()
    with tempfile.TemporaryDirectory(prefix="discord-load-") as scratch:
        bot = TrainedOnBot(bench_config(args.config, api_url, Path(scratch)),
                           guild_ready_timeout=0.05, freeze_startup_objects=True)  # as `run`
        started = asyncio.create_task(bot.start(token))
        try:
            await until_ready(bot, started)
            watch = LoopWatch(lambda: bot.index.reloading)
            ticking = asyncio.create_task(watch.run())
            sampler = threading.Thread(target=watch.sample_stalls, name="stall-sampler",
                                       daemon=True)
            sampler.start()
            usage.start()
            logging.getLogger().addHandler(log)  # from here on: start-up notices are not news
            ours.send("go")
            _, report = await receive(ours, args.seconds + args.reload_wait + 120)
            usage.end()
            watch.objects = len(gc.get_objects())
            watch.stop()
            await ticking
            sampler.join()
        finally:
            await bot.close()
            await asyncio.wait({started}, timeout=10)
            ours.send("stop")
    await asyncio.get_running_loop().run_in_executor(None, child.join, 60)
    result = Run(plan, [Outcome(**o) for o in report["outcomes"]], report["start"], report,
                 watch, usage, log, per_minute, args.reload_wait)
    result.double_cpu = report["cpu_seconds"]
    result.rebuild_cpu = (rusage_seconds(resource.RUSAGE_CHILDREN) - children_before
                          - result.double_cpu)
    return result


# -- the report ----------------------------------------------------------------------------------


def failed(outcome: Outcome) -> bool:
    return outcome.error is not None or outcome.final is None or outcome.final > WINDOW


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def figures(values: list[float]) -> str:
    if not values:
        return "– | – | – | –"
    return " | ".join(f"{percentile(values, q) * 1000:.0f}" for q in (0.5, 0.95, 0.99, 1.0))


def table(rows: list[tuple[str, list[Outcome]]]) -> str:
    lines = [
        "| interactions | count | failed | over 3 s | ack p50 | ack p95 | ack p99 | ack max "
        "| answer p50 | answer p95 | answer p99 | answer max |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, outcomes in rows:
        acks = [o.ack for o in outcomes if o.ack is not None]
        answers = [o.final for o in outcomes if o.final is not None]
        over = sum(1 for o in outcomes if o.final is not None and o.final > WINDOW)
        lines.append(f"| {name} | {len(outcomes)} | {sum(map(failed, outcomes))} | {over} "
                     f"| {figures(acks)} | {figures(answers)} |")
    return "\n".join(lines)


def reload_lines(r: Run) -> list[str]:
    reload = next((o for o in r.outcomes if o.kind == "reload"), None)
    if reload is None:
        return ["Reload: not sent."]
    at = reload.sent - r.start
    if reload.error is not None or reload.final is None:
        return [f"Reload: sent at t={at:.1f} s, did not finish within {r.reload_wait:.0f} s "
                f"({reload.error})."]
    end = reload.sent + reload.final
    during = [o for o in r.outcomes if o.kind != "reload" and reload.sent <= o.sent <= end]
    swapped = next((t for t, reloading in r.watch.reload_changes if not reloading), None)
    swap = f"; new index serving from t={swapped - r.start:.1f} s (bot side)" if swapped else ""
    ack = f"{reload.ack * 1000:.0f} ms" if reload.ack is not None else "?"
    lookups = sum(1 for o in during if o.kind != "autocomplete")
    late = " — after the last interaction" if end > max(o.sent for o in r.outcomes) else ""
    return [
        f"Reload: sent at t={at:.1f} s, acknowledged in {ack}, report posted after "
        f"{reload.final:.1f} s at t={end - r.start:.1f} s (\"{reload.title}\"){swap}{late}.",
        f"{len(during)} interactions were sent while it ran ({lookups} lookups, "
        f"{len(during) - lookups} autocompletes): {sum(map(failed, during))} failed.",
    ]


def render(r: Run, args: argparse.Namespace) -> str:
    kinds = ("artist", "song", "autocomplete")
    load = [o for o in r.outcomes if o.kind != "reload"]
    reload = next((o for o in r.outcomes if o.kind == "reload"), None)
    rows = [(f"/lookup {k}" if k != "autocomplete" else k, [o for o in load if o.kind == k])
            for k in kinds]
    rows.append(("**all**", load))
    if reload is not None and reload.final is not None:
        end = reload.sent + reload.final
        rows.append(("during the reload", [o for o in load if reload.sent <= o.sent <= end]))
        near = [o for o in load if abs(o.sent - end) <= 2]
        if near:
            rows.append(("within 2 s of the swap", near))
    u = r.usage
    others = u.machine - u.bot - r.rebuild_cpu - r.double_cpu
    lookups = sum(1 for o in load if o.kind != "autocomplete")
    out = [
        f"{len(load)} interactions over {args.seconds:.0f} s (Poisson arrivals, seed {args.seed})"
        f" + one /reload at {args.reload_at:.0%} of the window; times in ms.",
        "",
        table(rows),
        "",
        *r.watch.explain(r.start),
        "",
        *reload_lines(r),
        "",
        f"Cooldown: the config's {r.lookups_per_minute} lookups/min per user is kept; the "
        f"{lookups} lookups are spread over {r.plan.members} synthetic members (at most "
        f"{r.plan.most_per_minute} by one member in any 60 s).",
        f"Double: worst send slip {r.double['worst_send_slip'] * 1000:.0f} ms; its own loop "
        f"lagged {r.double['worst_loop_lag'] * 1000:.0f} ms at worst (ending at "
        f"t={r.double['worst_loop_lag_at'] - r.start:.1f} s).",
        f"Load: the machine was busy {u.machine:.0f} CPU-s of {u.wall * (os.cpu_count() or 1):.0f}"
        f" ({u.wall:.0f} s × {os.cpu_count()} cores): bot process {u.bot:.0f} s, rebuild process "
        f"{r.rebuild_cpu:.0f} s, double and users {r.double_cpu:.0f} s (with its start-up), "
        f"other processes ≈{max(others, 0):.0f} s; 1-min load average {u.load_before:.2f} "
        f"before, {u.load_after:.2f} after.",
        machine_line(),
    ]
    problems = [o for o in load if failed(o)] + ([reload] if reload and reload.error else [])
    if problems:
        out += ["", "Failures (first 10):"]
        out += [f"- t={o.sent - r.start:.2f} s {o.kind}: {o.error or f'answer {o.final}'}"
                for o in problems[:10]]
    if r.log.messages:
        out += ["", "Bot warnings and errors logged:"]
        out += [f"- {n}× {message}" for message, n in r.log.messages.most_common(8)]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--interactions", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reload-at", type=float, default=0.05,
                        help="when the /reload is sent, as a share of the window")
    parser.add_argument("--reload-wait", type=float, default=300.0,
                        help="seconds to wait for the reload's report")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    result = asyncio.run(run(args))
    print(render(result, args))


if __name__ == "__main__":
    main()
