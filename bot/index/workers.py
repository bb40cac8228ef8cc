"""Reading and preparing source files in worker processes, handed back in file order.

Parsing rows and normalizing names is pure per-row Python; interning names and writing rows
needs the one database connection. Workers do the first while the main process does the
second, so a build uses every core. Each worker takes files round-robin and answers on its
own bounded queue; the main process reads the queues in file order, so track ids are the
same as in a build without workers.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import queue
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from bot.datasets.formats import reader_for
from bot.datasets.manifest import SourceSpec
from bot.datasets.records import SkippedRow
from bot.errors import BuildError, SourceError
from bot.index.prepare import PreparedBatch, TrackPreparer

log = logging.getLogger(__name__)

BATCH_TRACKS = 5_000
QUEUE_BATCHES = 6  # per worker: bounds memory when the writer falls behind
POLL_SECONDS = 1.0



@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to read: where it is, how it is shown in reports, and its format."""

    path: Path
    display: str
    source: SourceSpec


@dataclass(frozen=True, slots=True)
class FileRead:
    """The last message for a file read to its end."""

    fingerprint: str


@dataclass(frozen=True, slots=True)
class _Failed:
    error: Exception


def fingerprint(path: Path) -> str:
    """BLAKE2b of the whole file: any change to a source is noticed by the next build."""
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_file(file: SourceFile) -> Iterator[PreparedBatch | FileRead]:
    """A file's prepared rows in batches, then its fingerprint; raises SourceError/OSError."""
    preparer = TrackPreparer()
    batch = PreparedBatch()
    for item in reader_for(file.source)(file.path, file.source):
        if isinstance(item, SkippedRow):
            batch.skipped.append(item)
        else:
            preparer.add(item, batch)
        if len(batch) >= BATCH_TRACKS:
            yield batch
            batch = PreparedBatch()
    if len(batch):
        yield batch
    yield FileRead(fingerprint(file.path))


class FileReaders:
    """Reads files in `workers` child processes (none: in this process), in file order."""

    def __init__(self, workers: int) -> None:
        self._workers = workers
        self._processes: list[BaseProcess] = []
        self._tasks: list[Any] = []
        self._results: list[Any] = []

    def __enter__(self) -> Self:
        context = multiprocessing.get_context("spawn")  # safe from threaded parents too
        for _ in range(self._workers):
            tasks, results = context.Queue(), context.Queue(QUEUE_BATCHES)
            process = context.Process(target=_work, args=(tasks, results), daemon=True,
                                      name="index-reader")
            process.start()
            self._processes.append(process)
            self._tasks.append(tasks)
            self._results.append(results)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for tasks in self._tasks:
            tasks.put(None)
        for process in self._processes:
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()

    def read(self, files: list[SourceFile]) -> Iterator[tuple[int, PreparedBatch | FileRead]]:
        """(position in `files`, message) for every file, in order.

        The first unreadable file raises; the other files' messages are then drained, so the
        workers are ready for the next dataset.
        """
        if not self._processes:
            for position, file in enumerate(files):
                for local in read_file(file):
                    yield position, local
            return
        for position, file in enumerate(files):
            self._tasks[position % self._workers].put((position, file))
        pending = list(range(len(files)))
        try:
            while pending:
                position = pending[0]
                message = self._next(position)
                if isinstance(message, _Failed):
                    pending.pop(0)
                    raise message.error
                if isinstance(message, FileRead):
                    pending.pop(0)
                yield position, message
        finally:
            for position in pending:  # an error or the caller stopped early
                while not isinstance(self._next(position), FileRead | _Failed):
                    pass

    def _next(self, position: int) -> PreparedBatch | FileRead | _Failed:
        worker = position % self._workers
        while True:
            try:
                got_position, message = self._results[worker].get(timeout=POLL_SECONDS)
            except queue.Empty:
                process = self._processes[worker]
                if not process.is_alive():
                    raise BuildError(
                        f"an index reader process stopped unexpectedly (exit code "
                        f"{process.exitcode})"
                    ) from None
                continue
            if got_position != position:  # cannot happen: each queue is in task order
                raise BuildError(f"index readers out of order ({got_position} != {position})")
            return message  # type: ignore[no-any-return]


def _work(tasks: Any, results: Any) -> None:
    """A worker's loop: read each file it is given, put its batches on `results`."""
    while (task := tasks.get()) is not None:
        position, file = task
        try:
            for message in read_file(file):
                results.put((position, message))
        except (SourceError, OSError) as exc:
            results.put((position, _Failed(exc)))
        except Exception as exc:  # reported to the main process as this file's failure
            log.exception("reading %s failed", file.display)
            results.put((position, _Failed(SourceError(f"{file.display}: {exc}"))))
