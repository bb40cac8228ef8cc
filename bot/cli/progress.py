"""Build progress for a terminal: a bar per dataset on a TTY, plain log lines otherwise."""

from __future__ import annotations

import logging
import sys
import time
from typing import Never

from tqdm import tqdm

from bot.index.builder import BuildProgress

log = logging.getLogger(__name__)

LOG_EVERY_SECONDS = 5.0


class TerminalProgress(BuildProgress):
    """Draws tqdm bars when stderr is a terminal; logs every few seconds when it is not."""

    def __init__(self) -> None:
        self._interactive = sys.stderr.isatty()
        self._bar: tqdm[Never] | None = None
        self._dataset = ""
        self._rows = 0
        self._started = 0.0
        self._last_log = 0.0

    def start_dataset(self, dataset_id: str, expected: int | None) -> None:
        self._dataset, self._rows = dataset_id, 0
        self._started = self._last_log = time.monotonic()
        if self._interactive:
            self._bar = tqdm(total=expected, desc=dataset_id, unit=" rows", unit_scale=True,
                             leave=True, dynamic_ncols=True)
        else:
            log.info("%s: reading%s", dataset_id, f" {expected:,} rows" if expected else "")

    def advance(self, rows: int) -> None:
        self._rows += rows
        if self._bar is not None:
            self._bar.update(rows)
            return
        now = time.monotonic()
        if now - self._last_log >= LOG_EVERY_SECONDS:
            self._last_log = now
            rate = self._rows / max(now - self._started, 1e-9)
            log.info("%s: %s rows (%s rows/s)", self._dataset, f"{self._rows:,}", f"{rate:,.0f}")

    def end_dataset(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def stage(self, text: str) -> None:
        log.info("%s", text)
