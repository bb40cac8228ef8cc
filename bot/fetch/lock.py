"""One fetch per data folder at a time, across processes and threads.

Two fetches writing the same `.part` interleave their bytes, so every fetch (the CLI's and the
bot's scheduled update alike) holds this lock while it touches the folder. It is an flock on
`<data_dir>/.fetch.lock`: the kernel releases it when its holder exits or is killed, so a
crashed fetch never leaves the folder locked. A second fetch fails at once, naming the holder,
instead of queueing behind a download that may take an hour.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.fetch.errors import FetchInProgress

LOCK_NAME = ".fetch.lock"


@contextmanager
def data_dir_lock(data_dir: Path) -> Iterator[None]:
    """Hold the fetch lock of `data_dir`, or raise FetchInProgress at once if another does."""
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(data_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            raise FetchInProgress(f"another fetch is running on {data_dir}{holder}; "
                                  "try again when it ends") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)  # for the message of the one refused
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    """` (pid 123)` as the holder wrote it; empty if it has not written it yet."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return f" (pid {text})" if text.isdigit() else ""
