"""Progress for a terminal: a tqdm bar on a TTY, plain log lines every few seconds otherwise.

`ProgressBar` is the one place that chooses between the two and paces the log lines; a task's
bar (a dataset read, a download, a catalog check) only words its lines.
"""

from __future__ import annotations

import logging
import sys
import time
from types import TracebackType
from typing import Any, Never, Self

from tqdm import tqdm

from bot.index.builder import BuildProgress

log = logging.getLogger(__name__)

LOG_EVERY_SECONDS = 5.0


class ProgressBar:
    """One task's progress: a bar when stderr is a terminal, else a log line every 5 s.

    A subclass words the log lines (`describe`, and `describe_start` for the first); the keyword
    arguments are tqdm's (unit, scaling, whether the bar stays).
    """

    def __init__(self, desc: str, **bar_options: Any) -> None:
        self.desc = desc
        self.interactive = sys.stderr.isatty()
        self.done = 0
        self.total: int | None = None
        self._options = bar_options
        self._bar: tqdm[Never] | None = None
        self._started = self._last_log = time.monotonic()

    def start(self, total: int | None, done: int = 0) -> None:
        """The task starts, or starts over, at `done` of `total` (None: unknown)."""
        self.done, self.total = done, total
        if not self.interactive:
            if (opening := self.describe_start()) is not None:
                log.info("%s", opening)
        elif self._bar is None:
            self._bar = tqdm(total=total, initial=done, desc=self.desc, dynamic_ncols=True,
                             **self._options)
        else:
            self._bar.reset(total=total)
            self._bar.update(done)

    def advance(self, amount: int, *, last: bool = False) -> None:
        """`amount` more done; off a terminal, logged if 5 s have passed or this is the `last`."""
        self.done += amount
        if self._bar is not None:
            self._bar.update(amount)
            return
        now = time.monotonic()
        if last or now - self._last_log >= LOG_EVERY_SECONDS:
            self._last_log = now
            log.info("%s", self.describe())

    def reach(self, done: int, total: int) -> None:
        """For a task that counts from the start: `done` of `total` so far."""
        if self.total is None:
            self.start(total)
        self.advance(done - self.done, last=done == total)

    @property
    def rate(self) -> float:
        """Done per second since the bar was made."""
        return self.done / max(time.monotonic() - self._started, 1e-9)

    def describe_start(self) -> str | None:
        """The log line as the task starts, if any."""
        return None

    def describe(self) -> str:
        """The log line every few seconds."""
        return f"{self.desc}: {self.done:,}"

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


class DatasetBar(ProgressBar):
    """Rows read from one dataset during a build."""

    def __init__(self, dataset_id: str) -> None:
        super().__init__(dataset_id, unit=" rows", unit_scale=True, leave=True)

    def describe_start(self) -> str:
        return f"{self.desc}: reading{f' {self.total:,} rows' if self.total else ''}"

    def describe(self) -> str:
        return f"{self.desc}: {self.done:,} rows ({self.rate:,.0f} rows/s)"


class TerminalProgress(BuildProgress):
    """A build's progress: a bar (or log lines) per dataset, and a log line per later stage."""

    def __init__(self) -> None:
        self._bar: DatasetBar | None = None

    def start_dataset(self, dataset_id: str, expected: int | None) -> None:
        self._bar = DatasetBar(dataset_id)
        self._bar.start(expected)

    def advance(self, rows: int) -> None:
        if self._bar is not None:
            self._bar.advance(rows)

    def end_dataset(self) -> None:
        if self._bar is not None:
            self._bar.close()

    def stage(self, text: str) -> None:
        log.info("%s", text)
