"""The Discord side of bench/discord_load.py: the API double and the users, in a child process.

`run_double` is the child's entry point. It starts the double, tells the parent where it
listens, waits for "go", sends the planned interactions on schedule, waits for the answers and
sends back one `Outcome` (as a dict) per interaction. Every time is taken here, on the
double's clock: sent = just before INTERACTION_CREATE goes onto the gateway socket; ack and
final = when the double reads the bot's request.
"""

from __future__ import annotations

import asyncio
import resource
import sys
import time
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import discord

TESTS = Path(__file__).resolve().parent.parent / "tests"
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))
# The double is test code, outside the checked packages (and edited by others): typed as Any.
from discord_double import (  # type: ignore[import-not-found]  # noqa: E402
    ChannelSpec,
    DiscordDouble,
    GuildSpec,
    MemberSpec,
    RecordedRequest,
    make_member,
)
from discord_double.messages import LOADING  # type: ignore[import-not-found]  # noqa: E402

GUILD_ID = 111_111_111_111_111_111
CHANNEL_ID = 222_222_222_222_222_222
DEFERRED, REPLY, CHOICES = 5, 4, 8  # interaction callback types
ANSWER_GRACE = 10.0  # seconds an interaction is waited for before it counts as unanswered
TICK = 0.01


@dataclass(frozen=True)
class Planned:
    """One interaction of the schedule."""

    at: float  # seconds after the start of the load
    kind: str  # "artist", "song", "autocomplete" or "reload"
    subcommand: str | None
    options: dict[str, str]
    focused: str | None = None  # the option being typed, for an autocomplete
    member: int = -1  # index of the synthetic member; -1 is the moderator


@dataclass
class Outcome:
    """What happened to one interaction; times in seconds."""

    kind: str
    at: float
    sent: float  # epoch seconds
    ack: float | None = None  # send → first callback
    final: float | None = None  # send → the answer that replaces "thinking…"
    error: str | None = None
    title: str | None = None  # the answer's embed title ("Reload done in 44.1s")


@dataclass
class Sent:
    planned: Planned
    sent: float
    token: str | None
    error: str | None = None


@dataclass
class DoubleReport:
    """Sent back to the parent with the outcomes."""

    start: float  # epoch seconds of t=0
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    worst_send_slip: float = 0.0
    worst_loop_lag: float = 0.0
    worst_loop_lag_at: float = 0.0
    cpu_seconds: float = 0.0


def run_double(conn: Connection, plan: list[Planned], members: int, reload_wait: float) -> None:
    """The child process: serve the double and act as its users."""
    asyncio.run(_serve(conn, plan, members, reload_wait))


async def receive(conn: Connection, timeout: float) -> Any:
    """The next message on the pipe, without blocking the event loop."""

    def wait() -> Any:
        if not conn.poll(timeout):
            raise TimeoutError(f"nothing on the pipe within {timeout:.0f} s")
        return conn.recv()

    return await asyncio.get_running_loop().run_in_executor(None, wait)


async def _serve(conn: Connection, plan: list[Planned], member_count: int,
                 reload_wait: float) -> None:
    owner = make_member("owner")
    moderator = make_member("moderator", permissions=discord.Permissions(manage_guild=True))
    members = [make_member(f"listener{i}") for i in range(member_count)]
    guild = GuildSpec(GUILD_ID, "Load", owner.user_id,
                      channels=[ChannelSpec(CHANNEL_ID, "general")],
                      members=[owner, moderator, *members])
    async with DiscordDouble([guild], owner_id=owner.user_id) as double:
        conn.send(("double", double.api_url, double.token))
        await receive(conn, 600)  # "go": the bot is ready
        await double.wait_for_commands(timeout=30)
        lag = _LagWatch()
        watching = asyncio.create_task(lag.run())
        report = DoubleReport(start=time.time() + 0.2)
        sends = await _send_all(double, plan, members, moderator, report)
        await _wait_for_answers(double, sends, reload_wait)
        lag.stopped = True
        await watching
        report.worst_loop_lag, report.worst_loop_lag_at = lag.worst, lag.worst_at
        by_token = _requests_by_token(double.requests)
        report.outcomes = [asdict(_outcome(double, s, by_token)) for s in sends]
        usage = resource.getrusage(resource.RUSAGE_SELF)  # its whole life, start-up included
        report.cpu_seconds = usage.ru_utime + usage.ru_stime
        conn.send(("results", asdict(report)))
        await receive(conn, 120)  # "stop": the bot has closed, so it will not reconnect


async def _send_all(double: DiscordDouble, plan: list[Planned], members: list[MemberSpec],
                    moderator: MemberSpec, report: DoubleReport) -> list[Sent]:
    sends: list[Sent] = []
    for item in plan:
        delay = report.start + item.at - time.time()
        if delay > 0:
            await asyncio.sleep(delay)
        user = moderator if item.member < 0 else members[item.member]
        sent = time.time()
        report.worst_send_slip = max(report.worst_send_slip, sent - report.start - item.at)
        command = "reload" if item.kind == "reload" else "lookup"
        try:
            if item.focused is not None:
                it = await double.autocomplete(command, item.subcommand, focused=item.focused,
                                               options=item.options, user=user,
                                               guild_id=GUILD_ID, channel_id=CHANNEL_ID)
            else:
                it = await double.slash(command, item.subcommand, item.options, user=user,
                                        guild_id=GUILD_ID, channel_id=CHANNEL_ID)
            sends.append(Sent(item, sent, it.token))
        except (LookupError, ValueError, RuntimeError) as exc:  # counted as failed
            sends.append(Sent(item, sent, None, f"not sent: {exc}"))
    return sends


def _answered(double: DiscordDouble, record: Any) -> bool:
    if not record.callbacks:
        return False
    if record.callbacks[0].get("type") != DEFERRED:
        return True
    message = double.messages.by_id.get(record.original_id or 0)
    return message is not None and not message.get("flags", 0) & LOADING


async def _wait_for_answers(double: DiscordDouble, sends: list[Sent], reload_wait: float) -> None:
    """Until every interaction is answered or past its allowance (the reload's is longer)."""
    pending = [s for s in sends if s.token is not None]
    while pending:
        now = time.time()
        pending = [
            s for s in pending
            if not _answered(double, double.interactions[s.token or ""])
            and now < s.sent + (reload_wait if s.planned.kind == "reload" else ANSWER_GRACE)
        ]
        await asyncio.sleep(0.05)


def _requests_by_token(requests: list[RecordedRequest]) -> dict[str, list[RecordedRequest]]:
    """Interaction callbacks and webhook calls, by token (/interactions/ID/TOKEN/callback,
    /webhooks/APP/TOKEN[/messages/@original])."""
    found: dict[str, list[RecordedRequest]] = {}
    for request in requests:
        parts = request.path.split("/")
        if len(parts) > 3 and parts[1] in ("interactions", "webhooks"):
            found.setdefault(parts[3], []).append(request)
    return found


def _outcome(double: DiscordDouble, sent: Sent, by_token: dict[str, list[RecordedRequest]]
             ) -> Outcome:
    item = sent.planned
    outcome = Outcome(item.kind, item.at, sent.sent, error=sent.error)
    if sent.token is None:
        return outcome
    record = double.interactions[sent.token]
    requests = by_token.get(sent.token, [])
    callback = next((r for r in requests if r.path.endswith("/callback")), None)
    if callback is None:
        outcome.error = "no answer"
        return outcome
    outcome.ack = callback.time - sent.sent
    refused = next((r for r in requests if r.status >= 300), None)
    body = record.callbacks[0] if record.callbacks else {}
    data = body.get("data") or {}
    kind = body.get("type")
    if kind == DEFERRED:
        answer = next((r for r in requests if r.path.startswith("/webhooks/")
                       and r.method in ("POST", "PATCH") and r.status < 300), None)
        outcome.final = answer.time - sent.sent if answer else None
        message = double.messages.by_id.get(record.original_id or 0) or {}
        if answer is None or message.get("flags", 0) & LOADING:
            outcome.error = "still thinking"
        elif not message.get("embeds"):
            outcome.error = f"error reply: {str(message.get('content'))[:120]}"
        else:
            outcome.title = message["embeds"][0].get("title")
    else:
        outcome.final = outcome.ack
        if kind == REPLY:  # lookups and /reload always defer: an immediate reply is a refusal
            outcome.error = f"error reply: {str(data.get('content'))[:120]}"
        elif kind == CHOICES and not data.get("choices"):
            outcome.error = "no suggestions"
        elif kind != CHOICES:
            outcome.error = f"unexpected callback type {kind}"
    if refused is not None and outcome.error is None:
        outcome.error = f"HTTP {refused.status} on {refused.method} {refused.path.split('/')[1]}"
    return outcome


class _LagWatch:
    """How late this process's loop wakes a 10 ms sleeper (the double's own backlog)."""

    def __init__(self) -> None:
        self.worst = 0.0
        self.worst_at = 0.0
        self.stopped = False

    async def run(self) -> None:
        while not self.stopped:
            before = time.perf_counter()
            await asyncio.sleep(TICK)
            late = time.perf_counter() - before - TICK
            if late > self.worst:
                self.worst, self.worst_at = late, time.time()
