"""Event-loop stall, and where it came from: the loop watch of bench/discord_load.py.

A task sleeping 10 ms records how late it wakes. For every wake over 50 ms late it also keeps
what the loop thread did meanwhile (Linux schedstat: on a core, queued for one, or blocked on
the GIL, a lock or I/O), the CPU the whole process and the machine used, and the garbage
collections that ran; a sampler thread keeps the loop thread's stack while a stall lasts.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

TICK = 0.01
STALL = 0.05  # lateness worth explaining


@dataclass(frozen=True)
class Stall:
    """A tick over 50 ms late, and where the time went between the two wakes around it."""

    wake: float  # epoch seconds
    late: float
    beat: float
    span: float  # from the previous wake to this one
    on_cpu: float  # the loop thread, running
    queued: float  # the loop thread, runnable but waiting for a core (machine load)
    process_cpu: float  # all the bot process's threads (lookups, executor managers…)
    machine_busy: float  # CPU-seconds the whole machine used over the span

    @property
    def blocked(self) -> float:
        """The loop thread neither ran nor waited for a core: the GIL, a lock, a join, I/O."""
        return max(self.span - self.on_cpu - self.queued, 0.0)


def thread_sched() -> tuple[float, float]:
    """This thread's seconds on a CPU and waiting in the run queue (Linux schedstat)."""
    try:
        on_cpu, queued, _ = Path("/proc/thread-self/schedstat").read_text().split()
    except (OSError, ValueError):
        return 0.0, 0.0
    return int(on_cpu) / 1e9, int(queued) / 1e9


class LoopWatch:
    """How late a loop wakes a task sleeping 10 ms, where the loop was meanwhile, and GC pauses."""

    def __init__(self, reloading: Callable[[], bool]) -> None:
        self.reloading = reloading
        self.ticks: list[tuple[float, float]] = []  # (epoch at wake, lateness)
        self.stalls: list[Stall] = []
        self.samples: dict[float, list[str]] = {}  # beat → loop-thread stacks during a stall
        self.reload_changes: list[tuple[float, bool]] = []
        self.collections: list[tuple[float, float, int]] = []  # (epoch at end, seconds, gen)
        self._beat = time.perf_counter()
        self._stop = threading.Event()
        self._loop_thread = threading.get_ident()
        self._gc_started = 0.0
        self.objects = 0  # tracked by the garbage collector when the load ended
        self.objects_at_start = len(gc.get_objects())

    def _on_gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            took = time.perf_counter() - self._gc_started
            self.collections.append((time.time(), took, info["generation"]))

    def gc_during(self, stall: Stall) -> list[tuple[int, float]]:
        """(generation, seconds) of the collections that ended within a stall's span."""
        return [(gen, took) for end, took, gen in self.collections
                if stall.wake - stall.span <= end <= stall.wake]

    async def run(self) -> None:
        gc.callbacks.append(self._on_gc)
        try:
            await self._tick()
        finally:
            gc.callbacks.remove(self._on_gc)

    async def _tick(self) -> None:
        reloading = self.reloading()
        self._beat = before = time.perf_counter()
        (on_cpu, queued), process_cpu = thread_sched(), time.process_time()
        machine = cpu_seconds_busy()
        while not self._stop.is_set():
            await asyncio.sleep(TICK)
            # Lateness runs from the previous wake, so time spent in this bookkeeping (a
            # garbage collection triggered by an append, say) is counted, not hidden.
            now = time.perf_counter()
            sched, process, busy = thread_sched(), time.process_time(), cpu_seconds_busy()
            late = now - before - TICK
            self.ticks.append((time.time(), late))
            if late > STALL:
                self.stalls.append(Stall(time.time(), late, before, now - before,
                                         sched[0] - on_cpu, sched[1] - queued,
                                         process - process_cpu, busy - machine))
            if self.reloading() != reloading:
                reloading = not reloading
                self.reload_changes.append((time.time(), reloading))
            self._beat = before = now
            (on_cpu, queued), process_cpu, machine = sched, process, busy

    def sample_stalls(self) -> None:
        """A thread: every 5 ms, if the loop is over 50 ms late, keep the loop thread's stack.

        It needs the GIL and a core to run, so a stall it has no sample of is one where the
        loop thread held the GIL in C code or the whole process was waiting for a core.
        """
        while not self._stop.wait(0.005):
            beat = self._beat
            if time.perf_counter() - beat - TICK < STALL:
                continue
            frames = sys._current_frames()
            frame = frames.pop(self._loop_thread, None)
            stacks = self.samples.setdefault(beat, [])
            if frame is not None and len(stacks) < 20:
                names = {t.ident: t.name for t in threading.enumerate()}
                others = "".join(
                    f"    [{names.get(ident, ident)}] {_where(other)}\n"
                    for ident, other in frames.items() if ident != threading.get_ident())
                stacks.append("".join(traceback.format_stack(frame, limit=8))
                              + "  other threads, innermost frame:\n" + others)

    def stop(self) -> None:
        self._stop.set()

    def explain(self, start: float) -> list[str]:
        """Markdown: the worst stall, garbage collection, and the six worst stalls explained."""
        if not self.ticks:
            return ["Event loop: no samples."]
        when, worst = max(self.ticks, key=lambda tick: tick[1])
        lateness = sorted(late for _, late in self.ticks)
        p99 = lateness[max(0, -(-99 * len(lateness) // 100) - 1)]
        lines = [f"Bot event loop: max stall {worst * 1000:.0f} ms (ending at "
                 f"t={when - start:.1f} s); tick lateness p99 {p99 * 1000:.1f} ms over "
                 f"{len(self.ticks)} ticks; {len(self.stalls)} stalls over {STALL * 1000:.0f} ms."]
        full = [took for _, took, gen in self.collections if gen == 2]
        if full:
            lines.append(f"Garbage collection: {len(self.collections)} collections, {len(full)} "
                         f"of the oldest generation taking up to {max(full) * 1000:.0f} ms; "
                         f"objects tracked: {self.objects_at_start:,} when the load started, "
                         f"{self.objects:,} when it ended.")
        for stall in sorted(self.stalls, key=lambda s: -s.late)[:6]:
            lines += self._explain(stall, start)
        return lines

    def _explain(self, stall: Stall, start: float) -> list[str]:
        ms = {name: round(value * 1000) for name, value in (
            ("span", stall.span), ("cpu", stall.on_cpu), ("queued", stall.queued),
            ("blocked", stall.blocked), ("process", stall.process_cpu))}
        collected = [f"gen {gen} {took * 1000:.0f} ms" for gen, took in self.gc_during(stall)
                     if took >= 0.005]
        gc_note = f" Garbage collections within it: {', '.join(collected)}." if collected else ""
        lines = [
            f"\n- Stall of {stall.late * 1000:.0f} ms ending at t={stall.wake - start:.2f} s. "
            f"Over the {ms['span']} ms between wakes the loop thread ran {ms['cpu']} ms, waited "
            f"{ms['queued']} ms for a core and was blocked {ms['blocked']} ms (GIL, lock, join "
            f"or I/O); the process used {ms['process']} ms of CPU in all threads and the "
            f"machine {stall.machine_busy / stall.span:.1f} cores.{gc_note}"]
        samples = self.samples.get(stall.beat, [])
        for stack, seen in Counter(samples).most_common(2):
            lines.append(f"  Loop thread in {seen} of {len(samples)} samples:\n```\n"
                         f"{stack.rstrip()}\n```")
        if not samples:
            lines.append("  No stack sample: the sampler thread got no GIL or no core meanwhile.")
        return lines


def _where(frame: FrameType) -> str:
    code = frame.f_code
    return f"{Path(code.co_filename).name}:{frame.f_lineno} {code.co_name}"


def cpu_seconds_busy() -> float:
    """CPU seconds the whole machine has been busy since boot (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")
