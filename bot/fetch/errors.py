"""Errors of the fetch layer; each message is one sentence a person can act on."""

from __future__ import annotations

import errno

from bot.errors import TrainedOnError


class FetchError(TrainedOnError):
    """A download, update check or extraction failed; files already in place are untouched."""


class TransientError(FetchError):
    """Network trouble (reset, timeout, 5xx) that is worth retrying, resuming where it stopped."""


class IntegrityError(FetchError):
    """What arrived is not what was expected (size or checksum); it was discarded."""


class ArchiveError(FetchError):
    """An archive is corrupt, unsafe (absolute or `..` paths) or too big; nothing was extracted."""


class FetchInProgress(FetchError):
    """Another fetch holds the data folder's lock; nothing was touched."""


class DeadlineExceeded(FetchError):
    """A transfer outlived its overall deadline; not retried, since a retry cannot be faster."""


_DISK_FULL = {errno.ENOSPC: "no space left on the disk", errno.EDQUOT: "disk quota exceeded",
              errno.EFBIG: "file size limit reached"}


def disk_full_reason(exc: BaseException) -> str | None:
    """Why a write failed when the disk (or quota, or file size limit) is full; else None.

    These failures are not worth retrying or resuming: the bytes already written are what
    fills the disk, so they are removed rather than kept.
    """
    if isinstance(exc, OSError) and exc.errno in _DISK_FULL:
        return _DISK_FULL[exc.errno]
    return None
