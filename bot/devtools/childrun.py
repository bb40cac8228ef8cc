"""Run a command as a child process and measure it: wall time and peak memory.

Peak memory is taken two ways. The kernel's `ru_maxrss` (from `wait4`) is exact but is the
peak of one process, the largest of the child and its descendants: a build that runs workers
needs the sum. So the resident memory of the whole process tree is also sampled a few times
a second and summed; pages shared between processes count once in each, so the sum errs
high. Linux only (/proc).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

SAMPLE_SECONDS = 0.2


@dataclass(frozen=True, slots=True)
class ChildUsage:
    """How a finished child ran."""

    returncode: int
    seconds: float
    peak_rss_mb: float  # the largest single process of the tree (kernel's ru_maxrss)
    tree_peak_mb: float  # the child and its descendants, summed, sampled


class MeasuredChild:
    """`subprocess.Popen` with a memory sampler; `finish()` reaps it and returns the usage."""

    def __init__(self, argv: Sequence[str], **popen: Any) -> None:
        self.started = time.perf_counter()
        self.process = subprocess.Popen(list(argv), **popen)
        self._tree_peak_kb = 0
        self._done = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    @property
    def stdout(self) -> IO[Any] | None:
        return self.process.stdout

    def finish(self) -> ChildUsage:
        _, status, usage = os.wait4(self.process.pid, 0)
        seconds = time.perf_counter() - self.started
        self.process.returncode = os.waitstatus_to_exitcode(status)
        self._done.set()
        self._sampler.join()
        return ChildUsage(self.process.returncode, seconds, usage.ru_maxrss / 1024,
                          self._tree_peak_kb / 1024)

    def _sample(self) -> None:
        while not self._done.wait(SAMPLE_SECONDS):
            self._tree_peak_kb = max(self._tree_peak_kb, tree_rss_kb(self.process.pid))


def run_measured(argv: Sequence[str], log: Path | None = None) -> ChildUsage:
    """Run `argv` to the end, its output into `log` (or discarded), and measure it."""
    with (log.open("wb") if log else open(os.devnull, "wb")) as out:
        return MeasuredChild(argv, stdout=out, stderr=subprocess.STDOUT).finish()


def tree_rss_kb(root: int) -> int:
    """Resident kB of `root` and all its descendants, now (0 for processes already gone)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue  # ended while we looked
            # "pid (comm) state ppid …": comm may hold spaces or parentheses.
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    tree, frontier = [root], [root]
    while frontier:
        found = children.get(frontier.pop(), [])
        tree.extend(found)
        frontier.extend(found)
    return sum(_rss_kb(pid) for pid in tree)


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
