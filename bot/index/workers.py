"""Reading and preparing source files in worker processes, handed back in file order.

Parsing rows and normalizing names is pure per-row Python; interning names and writing rows
needs the one database connection. Workers do the first while the main process does the
second, so a build uses every core. Files are cut into parts, which the workers take
round-robin, each answering on its own bounded queue; the main process reads the queues in
part order, so track ids are the same as in a build without workers.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import queue
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from bot.datasets.formats import parts_of, reader_for
from bot.datasets.formats.parts import Part
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
class _PartRead:
    fingerprint: str | None  # from the part that hashed the whole file


@dataclass(frozen=True, slots=True)
class _Failed:
    error: Exception


@dataclass(frozen=True, slots=True)
class _Task:
    position: int  # of the file in the list being read
    file: SourceFile
    part: Part | None
    last: bool  # the file's last part


def fingerprint(path: Path) -> str:
    """BLAKE2b of the whole file: any change to a source is noticed by the next build."""
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_file(file: SourceFile) -> Iterator[PreparedBatch | FileRead]:
    """A file's prepared rows in batches, then its fingerprint; raises SourceError/OSError."""
    for message in _read_part(file, None, hash_file=True):
        yield FileRead(message.fingerprint or "") if isinstance(message, _PartRead) else message


def _read_part(
    file: SourceFile, part: Part | None, hash_file: bool
) -> Iterator[PreparedBatch | _PartRead]:
    preparer = TrackPreparer()
    batch = PreparedBatch()
    for item in reader_for(file.source, part)(file.path, file.source):
        if isinstance(item, SkippedRow):
            batch.skipped.append(item)
        else:
            preparer.add(item, batch)
        if len(batch) >= BATCH_TRACKS:
            yield batch
            batch = PreparedBatch()
    if len(batch):
        yield batch
    yield _PartRead(fingerprint(file.path) if hash_file else None)


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

        Large files are read in parts (`bot.datasets.formats.parts`), spread over the workers
        so that all of them feed the file being written. The first unreadable file raises;
        the other parts' messages are then drained, so the workers are ready for the next
        dataset.
        """
        if not self._processes:
            for position, file in enumerate(files):
                for local in read_file(file):
                    yield position, local
            return
        tasks: list[_Task] = []
        for position, file in enumerate(files):
            found = parts_of(file.path, file.source)
            parts: list[Part | None] = list(found) if found else [None]
            tasks += [_Task(position, file, part, n == len(parts) - 1)
                      for n, part in enumerate(parts)]
        for number, task in enumerate(tasks):
            hash_file = number == 0 or tasks[number - 1].position != task.position
            self._tasks[number % self._workers].put((number, task, hash_file))
        pending = list(range(len(tasks)))
        fingerprints: dict[int, str] = {}
        try:
            while pending:
                number = pending[0]
                task = tasks[number]
                message = self._next(number)
                if isinstance(message, _Failed):
                    pending.pop(0)
                    raise message.error
                if isinstance(message, _PartRead):
                    pending.pop(0)
                    if message.fingerprint is not None:
                        fingerprints[task.position] = message.fingerprint
                    if task.last:
                        yield task.position, FileRead(fingerprints[task.position])
                    continue
                yield task.position, message
        finally:
            for number in pending:  # an error or the caller stopped early
                while not isinstance(self._next(number), _PartRead | _Failed):
                    pass

    def _next(self, number: int) -> PreparedBatch | _PartRead | _Failed:
        worker = number % self._workers
        while True:
            try:
                got, message = self._results[worker].get(timeout=POLL_SECONDS)
            except queue.Empty:
                process = self._processes[worker]
                if not process.is_alive():
                    raise BuildError(
                        f"an index reader process stopped unexpectedly (exit code "
                        f"{process.exitcode})"
                    ) from None
                continue
            if got != number:  # cannot happen: each queue is in task order
                raise BuildError(f"index readers out of order ({got} != {number})")
            return message  # type: ignore[no-any-return]


def _work(tasks: Any, results: Any) -> None:
    """A worker's loop: read each part it is given, put its batches on `results`.

    Every wait gives up once the build process is gone, so a killed build leaves no readers.
    """
    while (work := _wait(tasks.get)) is not None:
        number, task, hash_file = work
        try:
            for message in _read_part(task.file, task.part, hash_file):
                _wait(results.put, (number, message))
        except (SourceError, OSError) as exc:
            _wait(results.put, (number, _Failed(exc)))
        except Exception as exc:  # reported to the main process as this file's failure
            log.exception("reading %s failed", task.file.display)
            _wait(results.put, (number, _Failed(SourceError(f"{task.file.display}: {exc}"))))


def _wait(operation: Callable[..., Any], *args: Any) -> Any:
    """`operation(*args)` on a queue, polling; exits the process if the build has died."""
    while True:
        try:
            return operation(*args, timeout=POLL_SECONDS)
        except (queue.Empty, queue.Full):
            parent = multiprocessing.parent_process()
            if parent is not None and not parent.is_alive():
                raise SystemExit(0) from None
