"""Replacing the index file atomically, and one build at a time.

The previous index keeps serving until `os.replace` puts the new file in its place; readers
that have it open keep reading the old file. A build that fails, is interrupted or is killed
leaves only a temporary file, which the next build removes.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.atomicfile import fsync_file, move_into_place
from bot.errors import BuildError, BuildInProgress, disk_full_reason

log = logging.getLogger(__name__)

TEMP_MARK = ".building-"


@contextmanager
def replacement_for(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`, moved onto it if the block succeeds, else removed."""
    _remove_stale_temp_files(target)
    temp = target.with_name(f".{target.name}{TEMP_MARK}{os.getpid()}")
    try:
        yield temp
        _swap(temp, target)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        temp.with_name(temp.name + "-journal").unlink(missing_ok=True)
        failure = _write_failure(exc)
        if failure is not None:
            cause, reason = failure
            kept = target.exists()
            serving = "; the previous index keeps serving" if kept else ""
            raise BuildError(
                f"could not write the new index in {target.parent} ({reason}){serving}",
                key="error-build-cannot-write", folder=str(target.parent), cause=cause,
                previous="kept" if kept else "none",
            ) from exc
        raise


@contextmanager
def build_lock(target: Path) -> Iterator[None]:
    """Hold the build lock for `target`, or raise BuildInProgress at once if another holds it.

    flock is released by the kernel when its holder dies, so a killed build never leaves the
    lock taken.
    """
    lock_path = target.with_name(f".{target.name}.lock")
    with lock_path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            message = "another index build is running; try again when it ends"
            raise BuildInProgress(message, key="error-build-locked") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_stale_temp_files(target: Path) -> None:
    """Leftovers of builds that were killed; we hold the lock, so none is in use."""
    for leftover in target.parent.glob(f".{target.name}{TEMP_MARK}*"):
        log.info("removing leftover of an interrupted build: %s", leftover.name)
        leftover.unlink(missing_ok=True)


def _write_failure(exc: BaseException) -> tuple[str, str] | None:
    """What a disk that filled up mid-build looks like, as a reason a person understands.

    (cause, reason): the cause names the reason in the bot's message catalogue.
    SQLite reports a full disk as SQLITE_FULL, or as a write I/O error when the refused
    write was a whole page; other code sees the OSError itself.
    """
    if (full := disk_full_reason(exc)) is not None:
        assert isinstance(exc, OSError) and exc.errno is not None
        return errno.errorcode[exc.errno], full
    if isinstance(exc, sqlite3.OperationalError):
        code = getattr(exc, "sqlite_errorcode", None)
        if code == sqlite3.SQLITE_FULL:
            return "SQLITE_FULL", "the disk is full"
        if code == sqlite3.SQLITE_IOERR_WRITE:
            return "SQLITE_IOERR_WRITE", "a write to the disk failed: is it full?"
    return None


def previous_of(target: Path) -> Path:
    """Where the index replaced by the last build is kept."""
    return target.with_name(target.name + ".previous")


def _swap(temp: Path, target: Path) -> None:
    """Flush the new file, keep the old one as `.previous`, and rename the new one over it."""
    fsync_file(temp)  # SQLite wrote it with no per-commit syncs
    if target.exists():
        link = target.with_name(f".{target.name}{TEMP_MARK}previous")
        link.unlink(missing_ok=True)
        os.link(target, link)  # a second name for the same file: no copy
        os.replace(link, previous_of(target))
    move_into_place(temp, target)


