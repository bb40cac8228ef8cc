"""Putting a file under its name whole or not at all, and durably.

Readers must never see half a file, and a crash or power cut must leave the old file or the
new one. So a file is written beside its target, fsynced, renamed over it with os.replace (atomic
on one filesystem), and then the folder is fsynced too, since the rename is a change to the
folder. Everything that replaces a file goes through here; writers that stream into a file of
their own (a resumable download, an SQLite build) fsync it themselves and use `move_into_place`.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


def write_atomically(path: Path, data: bytes, *, permissions: int | None = None) -> None:
    """Replace `path` with `data`; `permissions` for a file to share (mkstemp makes it 0600)."""
    hidden = path.name if path.name.startswith(".") else f".{path.name}"
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f"{hidden}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if permissions is not None:
            os.chmod(temp, permissions)
        move_into_place(Path(temp), path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def fsync_file(path: Path) -> None:
    """Flush a file another writer (SQLite, say) wrote by name."""
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def move_into_place(done: Path, target: Path) -> None:
    """Rename a complete, fsynced file onto `target`, and make the rename durable."""
    os.replace(done, target)
    fsync_dir(target.parent)


def fsync_dir(folder: Path) -> None:
    """Make renames in `folder` durable.

    Best effort: the rename has happened by now, so a folder that cannot be opened or synced
    (not every platform or filesystem allows it) must not turn a finished write into an error.
    """
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        log.debug("cannot open %s to sync it: %s", folder, exc)
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        log.debug("cannot sync %s: %s", folder, exc)
    finally:
        os.close(fd)
