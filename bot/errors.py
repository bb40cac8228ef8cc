"""Errors with meaning; each is turned into user-facing text in one place (CLI or bot)."""

from __future__ import annotations

import errno
from collections.abc import Mapping
from types import MappingProxyType

# A variable of a catalogue message: what Fluent formats (numbers in the reader's digits).
Value = str | int | float


class TrainedOnError(Exception):
    """Base class: the message is a short sentence fit to show to a person.

    Where the sentence can reach a Discord user, the raise site also names it in the bot's
    message catalogue (bot/discordbot/locales/*/errors.ftl): `key`, and `values` for its
    variables, so the bot says it in the reader's language. `str(exc)` stays the English
    sentence, for the CLI and the logs; the core itself knows no locale.
    """

    key: str | None = None
    values: Mapping[str, Value] = MappingProxyType({})

    def __init__(self, *args: object, key: str | None = None, **values: Value) -> None:
        super().__init__(*args)
        if key is not None:  # instance attributes: pickled with the error (a build's child)
            self.key = key
            self.values = values


class ConfigError(TrainedOnError):
    """The configuration file is missing, unreadable or invalid."""


class ManifestError(TrainedOnError):
    """The dataset manifest (data/datasets.yaml) is missing, unreadable or invalid."""


class SourceError(TrainedOnError):
    """A dataset source file cannot be read at all (as opposed to a malformed row)."""


class IndexNotReady(TrainedOnError):
    """No index has been built yet, or the index file is unusable."""


class BuildError(TrainedOnError):
    """An index build failed; the previous index, if any, is untouched."""


class BuildInProgress(BuildError):
    """Another build holds the build lock."""


class StoreError(TrainedOnError):
    """The subscriptions database is unusable: not SQLite, damaged, too new, or closed."""


_DISK_FULL = {errno.ENOSPC: "no space left on the disk", errno.EDQUOT: "disk quota exceeded",
              errno.EFBIG: "file size limit reached"}


def disk_full_reason(exc: BaseException) -> str | None:
    """Why a write failed when the disk (or quota, or file size limit) is full; else None.

    One wording for every writer (index builds, downloads, archives): such a failure is not
    worth retrying, since the bytes already written are what fills the disk.
    """
    if isinstance(exc, OSError) and exc.errno in _DISK_FULL:
        return _DISK_FULL[exc.errno]
    return None
