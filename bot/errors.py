"""Errors with meaning; each is turned into user-facing text in one place (CLI or bot)."""

from __future__ import annotations


class TrainedOnError(Exception):
    """Base class: the message is a short sentence fit to show to a person."""


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
