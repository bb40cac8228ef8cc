"""Errors of the fetch layer; each message is one sentence a person can act on."""

from __future__ import annotations

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


class HubError(FetchError):
    """The Hugging Face Hub refused or could not answer for a whole repo.

    Gated, token rejected, repo or revision gone, rate-limited, unreachable: asking again for
    the next file would get the same answer, so the rest of that dataset is not tried.
    """
